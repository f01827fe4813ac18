// Story clustering as articles arrive: near-duplicates (the same wire copy in many papers)
// and stories (different outlets on the same event within a few days).
//
// Each article gets two MinHash signatures (minhash.h):
//   - a copy signature over its folded word 3-shingles: two articles whose estimated
//     Jaccard is >= near_duplicate_threshold are near-duplicates (Broder 1997);
//   - a topic signature over the set of content-word stems (stopwords and one-letter words
//     dropped; rasd's light stemmer; the first `topic_words` content words, where news puts
//     the event) : two articles whose estimated Jaccard is >= story_threshold and whose
//     dates are at most max_days apart report the same story; a story's window is anchored
//     on its earliest article (a new article joins only within max_days of it), so a
//     running topic does not chain into one story day after day.
// A new article joins an existing group only when it is also at least threshold-similar to
// the group's earliest article (limits single-link chaining). A near-duplicate is a copy
// whatever its date, but joins the story of what it copies only inside that story's window.
// Candidates come from LSH banding (Leskovec et al., MMDS ch. 3.4) of each signature, so the
// cost per article is O(bands + candidates), not O(articles). Both relations are closed
// transitively with union-find: near-duplicate groups, and stories (every near-duplicate
// pair inside the story window is also the same story). Each group is named by its earliest
// article (by date, then by id); articles without a date sort after dated ones.
//
// Deterministic and incremental: the clusters after Add(a1..an) do not depend on whether the
// articles were added in one session or across Serialize/Parse round trips. (They do depend
// on the order of arrival, as any single-pass clustering does.)
//
// Serialised form (Serialize/Parse): magic "RASDSTRY", fixed32 version, the options, the
// article count, then per article: id (length-prefixed), date (zig-zag varint days since
// 1970-01-01, or the "no date" marker), both signatures (fixed32 values), both union-find
// parents (varint); a masked CRC-32C of everything before it. The LSH tables are rebuilt
// on load. Errors: Corruption naming what was wrong.
//
// Thread-safety: not thread-safe; one writer (the engine's ingest) at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rasd/base/result.h"
#include "rasd/extract/lsh_table.h"
#include "rasd/extract/minhash.h"

namespace rasd::extract {

struct StoryOptions {
  int copy_hashes = 64, copy_bands = 16;    // 16 bands x 4 rows: S-curve centre ~0.5
  int topic_hashes = 64, topic_bands = 32;  // 32 bands x 2 rows: centre ~0.18
  double near_duplicate_threshold = 0.5;
  double story_threshold = 0.3;
  int max_days = 3;
  int topic_words = 120;
  uint64_t seed = 0x5354525953ull;
};

// What Add decided about one article.
struct StoryAssignment {
  std::string duplicate_of;  // earliest article of its near-duplicate group ("" = none)
  std::string story;         // earliest article of its story (itself when alone)
};

class StoryClusterer {
 public:
  explicit StoryClusterer(StoryOptions options = {});

  // Adds an article (title and body text, any bytes; `date` ISO 8601 or ""). Re-adding an
  // existing id is ignored and returns its current assignment.
  StoryAssignment Add(std::string_view id, std::string_view date, std::string_view text);

  // Add in two steps, for loading many articles: Sign computes a text's two MinHash
  // signatures (most of Add's cost) and is safe to call from several threads at once;
  // AddSigned then adds the article exactly as Add would have, in the order it is called.
  struct Signatures {
    std::vector<uint32_t> copy, topic;
  };
  Signatures Sign(std::string_view text) const;
  StoryAssignment AddSigned(std::string_view id, std::string_view date, Signatures signatures);

  // The current assignment of an article (both fields empty when unknown).
  StoryAssignment Assignment(std::string_view id) const;

  struct Story {
    std::string earliest;              // id of the earliest article
    std::vector<std::string> members;  // ids in arrival order
  };
  // Stories with at least `min_size` articles, largest first (ties: earliest id).
  std::vector<Story> Stories(size_t min_size = 2) const;
  // The same among the articles for which live(id) holds (those of a catalog that have not
  // been deleted since they were added): each story's members and its earliest article are
  // its live ones. Deleting an article does not split its story.
  std::vector<Story> Stories(size_t min_size,
                             const std::function<bool(std::string_view)>& live) const;

  size_t size() const { return articles_.size(); }
  const StoryOptions& options() const { return options_; }

  // Similarities of two texts under this clusterer's options (for evaluation).
  struct Similarity {
    double copy = 0, topic = 0;
  };
  Similarity Compare(std::string_view a, std::string_view b) const;

  std::string Serialize() const;
  static Result<StoryClusterer> Parse(std::string_view data);

 private:
  struct Article {
    std::string id;
    int64_t day = kNoDay;
    std::vector<uint32_t> copy_sig, topic_sig;
    uint32_t copy_parent = 0, story_parent = 0;
    // A near-duplicate root with at least one other member: lets Assignment() tell a group
    // of one from a group without scanning every article.
    bool has_copies = false;
  };
  static constexpr int64_t kNoDay = INT64_MIN / 4;

  void ComputeSignatures(std::string_view text, std::vector<uint32_t>* copy,
                         std::vector<uint32_t>* topic) const;
  void Insert(uint32_t index);  // LSH buckets of an article
  // Puts the articles not yet in the LSH buckets there. A parsed clusterer leaves them out
  // until its first AddSigned: which story an article belongs to needs no buckets, and
  // filling them was most of loading a saved catalog (every `rasd search` does).
  void Bucket();
  uint32_t Root(bool story, uint32_t x);
  uint32_t RootConst(bool story, uint32_t x) const;
  void Union(bool story, uint32_t a, uint32_t b);
  bool Earlier(uint32_t a, uint32_t b) const;
  void Link(uint32_t index);

  StoryOptions options_;
  MinHasher copy_hasher_, topic_hasher_;
  std::vector<Article> articles_;
  std::unordered_map<std::string, uint32_t> by_id_;
  LshTable copy_buckets_, topic_buckets_;
  uint32_t bucketed_ = 0;  // articles_[0, bucketed_) are in the buckets
};

}  // namespace rasd::extract
