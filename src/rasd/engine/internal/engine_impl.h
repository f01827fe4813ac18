// The state behind an Engine, shared by engine.cc (ingest, search, look-ups) and
// engine_views.cc (entities, quotes, stories). Private to the engine module.
#pragma once

#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>

#include "rasd/base/env.h"
#include "rasd/engine/engine.h"
#include "rasd/engine/extraction.h"
#include "rasd/engine/internal/catalog.h"
#include "rasd/engine/internal/index_pipeline.h"
#include "rasd/index/document.h"
#include "rasd/index/index_reader.h"
#include "rasd/index/index_writer.h"
#include "rasd/search/searcher.h"
#include "rasd/text/analyzer.h"

namespace rasd::engine {

// Keyword fields the engine adds beyond the search schema: entity ids by type (for the
// person/organization/place facets) and the story an article belongs to.
inline constexpr std::string_view kPersonField = "person";
inline constexpr std::string_view kOrganizationField = "organization";
inline constexpr std::string_view kPlaceField = "place";
inline constexpr std::string_view kMiscField = "misc";
inline constexpr std::string_view kStoryField = "story";

struct Engine::Impl {
  OpenOptions options;
  base::Env* env = nullptr;
  std::string dir;
  text::Analyzer analyzer;
  search::SearcherOptions searcher_options;  // from OpenOptions::ranking

  std::unique_ptr<index::IndexWriter> writer;  // null when read-only
  std::unique_ptr<Extractor> extractor;        // null when extraction is off or read-only

  // The searcher over the newest published snapshot; replaced after each commit.
  mutable std::mutex searcher_mu;
  std::shared_ptr<const search::Searcher> searcher;
  std::shared_ptr<const search::Searcher> CurrentSearcher() const {
    std::lock_guard<std::mutex> lock(searcher_mu);
    return searcher;
  }

  // Serialises Add/Delete/Commit/Optimize and guards the scratch below.
  std::mutex write_mu;
  text::AnalyzedText scratch;
  index::IndexDocument doc;
  std::string blob;

  // Entities and stories seen in the index (internal/catalog.h); built on first use.
  mutable std::mutex catalog_mu;
  mutable std::unique_ptr<Catalog> catalog;
  // The catalog, built from the stored articles of the current snapshot if needed (starting
  // from the saved catalog file when there is one). The caller must hold catalog_mu for as
  // long as it uses the pointer.
  Result<Catalog*> CatalogLocked() const;
  // Writes the catalog file (atomically); the caller holds catalog_mu and catalog is set.
  Status SaveCatalogLocked();
  std::string CatalogPath() const { return base::JoinPath(dir, "catalog.rasd"); }

  // The external ids of every document of one snapshot, by global doc id: what searches that
  // need only ids (SearchOptions::fetch_text = false: batch runs, evaluation, benchmarks) read
  // instead of decompressing a stored block per hit, which cost most of such a search. Built
  // on first use for the searcher it belongs to (one sequential pass over the stored blocks),
  // replaced when the snapshot changes.
  struct IdColumn {
    std::shared_ptr<const search::Searcher> searcher;  // the snapshot it was built from
    std::string bytes;                                 // every id, concatenated
    std::vector<uint32_t> ends;                        // end offset of each doc's id
    std::string_view id(uint32_t doc) const {
      const uint32_t begin = doc == 0 ? 0 : ends[doc - 1];
      return std::string_view(bytes).substr(begin, ends[doc] - begin);
    }
  };
  mutable std::mutex ids_mu;
  mutable std::shared_ptr<const IdColumn> ids;
  Result<std::shared_ptr<const IdColumn>> IdsFor(
      const std::shared_ptr<const search::Searcher>& searcher) const;

  // With OpenOptions::pipeline_ingest: the indexing thread. Declared last so that it is
  // destroyed (drained) first, while the writer still exists.
  std::unique_ptr<internal::IndexPipeline> pipeline;
};

}  // namespace rasd::engine
