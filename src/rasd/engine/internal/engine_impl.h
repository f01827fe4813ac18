// The state behind an Engine, shared by engine.cc (ingest, search, look-ups) and
// engine_views.cc (entities, quotes, stories). Private to the engine module.
#pragma once

#include <algorithm>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>

#include "rasd/base/env.h"
#include "rasd/engine/engine.h"
#include "rasd/engine/extraction.h"
#include "rasd/engine/internal/catalog.h"
#include "rasd/engine/internal/index_pipeline.h"
#include "rasd/engine/internal/worker_group.h"
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
  // The stored record of the article `id` in the newest snapshot (Get, GetView); NotFound
  // naming the id when it has none.
  Result<index::StoredDocument> ReadStored(std::string_view id) const;

  // Serialises Add/Delete/Commit/Optimize and guards the scratch below.
  std::mutex write_mu;
  // What preparing one article reuses; one per thread of AddBatch.
  struct IngestScratch {
    text::AnalyzedText analyzed;
    std::string extraction_json;
    std::string blob;
  };
  std::vector<IngestScratch> scratch;
  index::IndexDocument doc;  // Add's document without the pipeline
  std::vector<std::unique_ptr<index::IndexDocument>> batch_docs;  // AddBatch's, likewise
  size_t ingest_threads = 1;  // OpenOptions::ingest_threads, resolved
  std::unique_ptr<internal::WorkerGroup> ingest_workers;  // AddBatch's threads beside the caller, made at first use
  // Validates, analyses and extracts `article` into `doc`; thread-safe for distinct scratch
  // and documents. InvalidArgument for a bad article.
  Status Prepare(const Article& article, IngestScratch* scratch, index::IndexDocument* doc) const;
  // Hands a prepared document to the writer and records the id for the catalog (the caller
  // holds write_mu).
  Status Submit(const std::string& id, index::IndexDocument* doc);

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
  // Whether catalog.rasd may exist (checked at Open, set by saves; guarded by catalog_mu).
  bool catalog_file = false;

  // The ids written (added, replaced, deleted) since the last commit, which the commit
  // brings the catalog up to date for (Catalog::Update): recorded only while there is a
  // catalog to keep current, loaded or saved. Guarded by write_mu and catalog_mu (both held
  // to change it).
  struct CatalogJournal {
    std::vector<std::string> ids;
    size_t bytes = 0;
    // Ids went unrecorded this cycle (none to keep current then, or too many): a catalog
    // built or saved meanwhile may count replaced articles twice, so the commit drops it.
    bool incomplete = false;
  };
  CatalogJournal journal;
  // Bound on the journal: a bulk load into an index with a saved catalog records its ids up
  // to here, then the catalog is rebuilt from the index after the commit instead.
  static constexpr size_t kMaxJournalBytes = 64 << 20;
  // Records `id` (the caller holds write_mu; takes catalog_mu).
  void JournalWrite(std::string_view id);
  // At commit, with catalog_mu held: applies the journal between the two snapshots, then
  // clears it. The catalog is a cache: when it cannot be updated it is dropped, with its
  // file, and rebuilt from the index when next needed.
  void UpdateCatalogLocked(const index::IndexReader& before, const index::IndexReader& after);
  // The stories of one snapshot of at least `min` live articles, newest first (Engine::Stories):
  // ordering them reads every member's id and date, which paging through them need not
  // repeat. Replaced when the snapshot or `min` changes; guarded by catalog_mu.
  struct StoryOrder {
    std::shared_ptr<const search::Searcher> searcher;
    size_t min = 0;
    std::vector<extract::StoryClusterer::Story> stories;
  };
  mutable std::shared_ptr<const StoryOrder> story_order;

  // The external ids of every document of one snapshot, by global doc id: what searches that
  // need only ids (SearchOptions::fetch_text = false: batch runs, evaluation, benchmarks) read
  // instead of decompressing a stored block per hit, which cost most of such a search. Built
  // on first use for the searcher it belongs to (from the id field's term dictionary:
  // Segment::ForEachId), one piece per segment: segments never change, so the pieces of the
  // segments a new snapshot shares with the last are kept, and a commit that adds a small
  // segment to a large index builds only that segment's piece.
  struct SegmentIds {
    uint64_t segment_id = 0;
    std::string bytes;           // the segment's ids, concatenated in document order
    std::vector<uint32_t> ends;  // end offset of each local doc's id
  };
  struct IdColumn {
    std::shared_ptr<const search::Searcher> searcher;  // the snapshot it was built from
    std::vector<uint32_t> bases;                       // each segment's first global doc
    std::vector<std::shared_ptr<const SegmentIds>> segments;
    std::string_view id(uint32_t doc) const {
      const size_t i = SegmentOf(doc);
      const SegmentIds& s = *segments[i];
      const uint32_t local = doc - bases[i];
      const uint32_t begin = local == 0 ? 0 : s.ends[local - 1];
      return std::string_view(s.bytes).substr(begin, s.ends[local] - begin);
    }
    // The ids of `docs`, in order, into `out`. A search's hundred hits lie at a hundred
    // scattered places of a column of megabytes, and looking them up one by one waited for
    // two cache misses each (the offsets, then the bytes): here the offsets of every hit are
    // requested from memory first, then the bytes of every hit, so the misses overlap.
    void Ids(const std::vector<uint32_t>& docs, std::vector<std::string_view>* out) const;

   private:
    size_t SegmentOf(uint32_t doc) const {  // the index in `segments` of a global doc
      return static_cast<size_t>(std::upper_bound(bases.begin(), bases.end(), doc) -
                                 bases.begin() - 1);
    }
  };
  // One segment's ids in document order, from its id field's dictionary (in id order).
  // Corruption when a document has no id.
  static Result<std::shared_ptr<const SegmentIds>> BuildSegmentIds(const index::Segment& segment);
  mutable std::mutex ids_mu;
  mutable std::shared_ptr<const IdColumn> ids;
  Result<std::shared_ptr<const IdColumn>> IdsFor(
      const std::shared_ptr<const search::Searcher>& searcher) const;

  // With OpenOptions::pipeline_ingest: the indexing thread. Declared last so that it is
  // destroyed (drained) first, while the writer still exists.
  std::unique_ptr<internal::IndexPipeline> pipeline;
};

}  // namespace rasd::engine
