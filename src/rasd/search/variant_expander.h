// Spelling variants of query words, found in the index: ترمب finds ترامب, توكاييف finds
// توكايف, بوكيتينو finds بوتشيتينو, جومارت finds جورمات.
//
// VariantIndex is built once per snapshot (lazily, by the Searcher) from the terms of the STEM
// fields ("title", "body"): stems rather than exact forms, because the light stemmer has already
// removed the clitics (وترامب, لترامب -> ترامب), so one entry covers every clitic form, and the
// stem fields hold no stopwords. Every Arabic term gets its consonant skeleton (skeleton.h);
// candidates for a query word are the terms whose skeleton is within Damerau-Levenshtein
// distance 1 of the query's skeleton, found with a symmetric deletion index (Garbe's SymSpell,
// 2012; Mor & Fraenkel, "A hash code method for detecting and correcting spelling errors",
// CACM 1982): each skeleton is keyed by itself and by each skeleton with one letter deleted,
// and two skeletons are within distance 1 exactly when their key sets meet (skeletons of fewer
// than 4 letters get no deletion keys, see variant_expander.cc). Keys are 32-bit
// hashes in one sorted array (collisions only add candidates, which are verified), so a lookup
// is a handful of binary searches, not a scan of the dictionary.
//
// Candidates are looked up for the query word's stem and for its normalised form (see
// ExpandWord). A candidate is kept when, in addition, the words themselves (in letters) are within
// MaxWordDistance of each other, which rejects unrelated words that share a skeleton by
// chance (توكاييف vs تكيف: same skeleton, 3 letters apart).
//
// Which words expand (ExpandWord). word~ always, to every candidate. Otherwise, automatically:
//   - an unseen word (doc freq 0): to its candidates (spelling correction of a name the index
//     only knows in another spelling: توكاييف -> توكايف, بوكيتينو -> بوتشيتينو);
//   - a word in the index: only to candidates that differ from it in long vowels, hamza and
//     look-alike letters alone (the same VowelSkeleton: ترمب -> ترامب), and only when the word
//     is rare (doc freq <= kRareDocFreq) or the candidate is at least kDominanceRatio times
//     more frequent (the user typed the minority spelling).
// Inflected Arabic words that the light stemmer leaves rare (تتفوق, لتلاوات) share consonant
// skeletons with unrelated common words (اتفاق, لتلك); the vowel-skeleton condition keeps
// them from expanding, and frequent words keep their meaning (علم does not expand to عالم).
// At most kMaxVariants variants per word, the most similar and frequent first; their weight
// factor is similarity-based and below 1, so variants rank below the original spelling
// (bm25f.h).
//
// Thread-safety: a built VariantIndex is immutable and may be shared by any number of threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/base/result.h"
#include "rasd/index/index_reader.h"

namespace rasd::search {

inline constexpr uint64_t kRareDocFreq = 3;
inline constexpr uint64_t kDominanceRatio = 5;
inline constexpr size_t kMaxVariants = 4;
// Skeletons longer than this are not indexed (no name is that long; it bounds the keys).
inline constexpr size_t kMaxSkeletonLetters = 16;

// Largest letter distance accepted between a word of `letters` letters and a variant:
// 1 up to 4 letters, 2 up to 8, else 3.
int MaxWordDistance(size_t letters);

struct VariantCandidate {
  std::string term;       // the index term (a stem)
  uint64_t doc_freq = 0;  // the larger of its title and body doc freqs
  int skeleton_distance = 0;
  int word_distance = 0;  // in letters
  double similarity = 0;  // in (0, 1]: 1 for the same skeleton and one letter apart
  bool same_vowel_skeleton = false;  // differs only in vowels and look-alikes (skeleton.h)
};

class VariantIndex {
 public:
  // Reads the stem-field dictionaries of `reader` (ForEachTerm). Errors from the index
  // (Corruption, IOError) are returned.
  static Result<std::unique_ptr<VariantIndex>> Build(const index::IndexReader& reader);

  // An index over the given (term, doc_freq) pairs (for tests).
  static std::unique_ptr<VariantIndex> FromTerms(
      const std::vector<std::pair<std::string, uint64_t>>& terms);

  // Terms within skeleton distance 1 and MaxWordDistance of `word` (a stem), excluding `word`
  // itself, best first (similarity, then doc freq, then bytes). With `same_skeleton_only`,
  // only terms with exactly the same skeleton (one key lookup instead of one per letter).
  // Terms in fewer than `min_doc_freq` documents are left out before any distance is
  // computed (ExpandWord's dominance rule: a common word has many rare look-alikes).
  std::vector<VariantCandidate> Candidates(std::string_view word,
                                           bool same_skeleton_only = false,
                                           uint64_t min_doc_freq = 0) const;

  // The doc freq recorded for `term` (0 when absent).
  uint64_t DocFreq(std::string_view term) const;

  size_t num_terms() const { return offsets_.empty() ? 0 : offsets_.size() - 1; }
  size_t num_keys() const { return keys_.size(); }
  // Heap bytes held.
  size_t memory_bytes() const;
  double build_seconds() const { return build_seconds_; }

 private:
  VariantIndex() = default;
  void AddTerm(std::string_view term, uint64_t doc_freq);
  void Finish();
  std::string_view term(uint32_t i) const {
    return std::string_view(arena_).substr(offsets_[i], offsets_[i + 1] - offsets_[i]);
  }

  struct Key {
    uint32_t hash;
    uint32_t term;
    bool operator<(const Key& o) const { return hash != o.hash ? hash < o.hash : term < o.term; }
  };
  // Sorts keys pushed in increasing term order into (hash, term) order.
  static void SortByHash(std::vector<Key>* keys);
  std::string arena_;              // term bytes, sorted by term
  std::vector<uint32_t> offsets_;  // num_terms + 1
  std::vector<uint32_t> doc_freqs_;
  std::vector<Key> keys_;          // sorted
  double build_seconds_ = 0;
};

// One expansion decision.
struct WordVariant {
  std::string term;
  uint64_t doc_freq = 0;
  double weight = 0;  // similarity factor in (0, 1]; the searcher multiplies variant_weight
};

// The variants a query word (its light stem and its normalised form) expands to under the
// policy above. Candidates are looked up for both forms, because the light stemmer can cut
// letters off foreign names (ترمب -> رمب, جورمات -> جورم) and the normalised form keeps them;
// the word's own stem is never its variant. The word's frequency is its stem's doc freq.
// `forced` is word~. Empty when the word does not qualify (too short, not Arabic, frequent and
// no dominant variant).
std::vector<WordVariant> ExpandWord(const VariantIndex& index, std::string_view stem,
                                    std::string_view norm, bool forced);

}  // namespace rasd::search
