// Catalog: the entities and stories across the whole index, for the monitoring views:
// canonical names of entity ids, their spelling variants and types, how many articles mention
// each, and which articles form each story (extract::StoryClusterer over title + body, fed in
// index order, so the clusters are the same whenever the catalog is rebuilt).
//
// It is derived data: built from the stored extraction of every live article the first time
// a view needs it, then kept up to date as articles are added (deletions are reflected at the
// next build). Nothing of it is written to disk, so it can never disagree with the index
// after a crash.
//
// Thread-safety: none; the engine guards it with Impl::catalog_mu.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/base/result.h"
#include "rasd/engine/article.h"
#include "rasd/engine/engine.h"
#include "rasd/engine/extraction.h"
#include "rasd/extract/story_clusterer.h"
#include "rasd/index/index_reader.h"

namespace rasd::engine {

// Parses the JSON that AppendExtractionJson writes. Corruption when it is malformed.
Result<ArticleExtraction> ParseExtractionJson(std::string_view json);

// "PERS" -> "person", "ORG" -> "organization", "LOC" -> "place", else "misc".
std::string_view EntityTypeName(std::string_view tag);

class Catalog {
 public:
  // Reads every live article of `reader`.
  static Result<std::unique_ptr<Catalog>> Build(const index::IndexReader& reader);

  // Records one article's extraction (the JSON stored with it; "" when none).
  void AddArticle(const Article& article, std::string_view extraction_json);

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
  size_t num_stories() const { return stories_.Stories(2).size(); }
  const extract::StoryClusterer& stories() const { return stories_; }

 private:
  struct Entity {
    std::map<std::string, uint64_t> canonical;  // spelling -> articles
    std::map<std::string, uint64_t> variants;   // mention text -> mentions
    std::map<std::string, uint64_t> types;      // type name -> mentions
    uint64_t articles = 0;
  };
  static std::string MostFrequent(const std::map<std::string, uint64_t>& counts);
  EntitySummary MakeSummary(const std::string& id, const Entity& e) const;

  std::map<std::string, Entity, std::less<>> entities_;
  std::map<std::string, std::string, std::less<>> names_;  // normalised spelling -> id
  extract::StoryClusterer stories_;
};

}  // namespace rasd::engine
