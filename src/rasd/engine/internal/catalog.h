// Catalog: the entities and stories across the whole index, for the monitoring views:
// canonical names of entity ids, their spelling variants and types, how many articles mention
// each, and which articles form each story (extract::StoryClusterer over title + body, fed in
// index order, so the clusters are the same whenever the catalog is rebuilt).
//
// It is derived data: built from the stored extraction of every live article the first time
// a view needs it, then brought up to date at each commit (Update): a replaced or deleted
// article's entities are taken off the counts with the extraction stored with it, and the new
// version's added. Stories keep the first version of a replaced article (a MinHash
// clusterer cannot take an article out); story views skip deleted articles. Because clustering is
// the costly part of a build, the engine saves the catalog beside the index (Serialize,
// file "catalog.rasd") and the next build starts from it, adding only the articles it has
// not seen. The file is a cache: when it is missing, damaged or from another version, the
// catalog is rebuilt from the index, which stays the only source of truth.
//
// Thread-safety: none; the engine guards it with Impl::catalog_mu.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "rasd/base/result.h"
#include "rasd/engine/article.h"
#include "rasd/engine/engine.h"
#include "rasd/engine/extraction.h"
#include "rasd/extract/story_clusterer.h"
#include "rasd/extract/string_map.h"
#include "rasd/index/index_reader.h"

namespace rasd::engine {

// Parses the JSON that AppendExtractionJson writes. Corruption when it is malformed.
Result<ArticleExtraction> ParseExtractionJson(std::string_view json);

// "PERS" -> "person", "ORG" -> "organization", "LOC" -> "place", else "misc".
std::string_view EntityTypeName(std::string_view tag);

class Catalog {
 public:
  // Reads every live article of `reader`, starting from `saved` (a Serialize() output, or
  // empty) when it parses: then only the articles it has not seen are read and clustered.
  static Result<std::unique_ptr<Catalog>> Build(const index::IndexReader& reader,
                                                std::string_view saved = {});

  // The catalog as bytes (magic, version, entities, names, story clusters, CRC-32C), and
  // back. Parse returns Corruption or NotSupported for anything it cannot trust.
  std::string Serialize() const;
  static Result<std::unique_ptr<Catalog>> Parse(std::string_view data);

  // Articles added since the catalog was built, parsed or last marked saved.
  size_t unsaved() const { return unsaved_; }
  void MarkSaved() { unsaved_ = 0; }

  // Records one article's extraction (the JSON stored with it; "" when none). An article
  // already counted is left as it is: RemoveArticle its old version first.
  void AddArticle(const Article& article, std::string_view extraction_json);
  // Takes an article's entities off the counts; `extraction_json` must be what AddArticle
  // was given for it. Unknown ids are ignored.
  void RemoveArticle(std::string_view id, std::string_view extraction_json);
  // Brings the catalog from snapshot `before` to snapshot `after` for the articles `ids`
  // (every id added, replaced or deleted between them, in the order they were written):
  // the version live in `before` is removed, the one live in `after` added. Corruption when
  // a stored article cannot be read (the catalog is then partly updated: drop it).
  Status Update(const index::IndexReader& before, const index::IndexReader& after,
                const std::vector<std::string>& ids);

  // The display name of an entity id (its most frequent canonical spelling), or the id itself
  // when unknown.
  std::string NameOf(std::string_view id) const;
  // The id of an entity given by id, canonical name or any spelling seen.
  std::optional<std::string> Resolve(std::string_view id_or_name) const;
  std::optional<EntitySummary> Summary(std::string_view id) const;
  // Most-mentioned entities of a type ("" for all) whose name or a variant starts with
  // `prefix` (compared after normalisation).
  std::vector<EntitySummary> Top(std::string_view type, std::string_view prefix,
                                 size_t limit) const;

  size_t num_entities() const { return entities_.size(); }
  // Stories of at least two articles.
  size_t num_stories() const;
  const extract::StoryClusterer& stories() const { return stories_; }

  // The story an article belongs to: the story's id (its earliest article) and how many
  // articles it has. nullopt when the article is unknown or stands alone.
  struct StoryRef {
    std::string id;
    size_t articles = 0;
  };
  std::optional<StoryRef> StoryOf(std::string_view article_id) const;

 private:
  struct Entity {
    std::map<std::string, uint64_t> canonical;  // spelling -> articles
    std::map<std::string, uint64_t> variants;   // mention text -> mentions
    std::map<std::string, uint64_t> types;      // type name -> mentions
    uint64_t articles = 0;
  };
  // AddArticle with the story signatures already computed (Build signs on several threads).
  void AddArticle(const Article& article, std::string_view extraction_json,
                  extract::StoryClusterer::Signatures signatures);
  static bool HasStoryText(const Article& article);
  static std::string StoryText(const Article& article);  // what the stories are clustered on
  static std::string MostFrequent(const std::map<std::string, uint64_t>& counts);
  EntitySummary MakeSummary(const std::string& id, const Entity& e) const;

  std::map<std::string, Entity, std::less<>> entities_;
  std::map<std::string, std::string, std::less<>> names_;  // normalised spelling -> id
  // Ids of the articles added (and not removed), probed with string_views.
  std::unordered_set<std::string, extract::StringViewHash, std::equal_to<>> articles_;
  size_t unsaved_ = 0;
  extract::StoryClusterer stories_;
  // Article id -> its story (stories of 2+ articles only), for StoryOf; rebuilt after
  // additions with one pass over the clusters rather than on every look-up.
  mutable std::map<std::string, StoryRef, std::less<>> story_of_;
  mutable size_t num_stories_ = 0;
  mutable bool story_index_stale_ = true;
  void RefreshStoryIndex() const;
};

}  // namespace rasd::engine
