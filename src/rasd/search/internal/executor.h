// Running a Plan over a snapshot: the fast path (block-max MaxScore, top_k.h) and the
// exhaustive reference that scores every document the obvious way (for tests).
//
// Thread-safety: one thread per ExecuteScratch; plans and snapshots are shared read-only.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "rasd/base/status.h"
#include "rasd/index/index_reader.h"
#include "rasd/search/internal/filter_cache.h"
#include "rasd/search/internal/leaf.h"
#include "rasd/search/internal/plan.h"
#include "rasd/search/internal/term_lookups.h"
#include "rasd/search/internal/top_k.h"
#include "rasd/search/searcher.h"

namespace rasd::search::internal {

struct ExecuteOptions {
  size_t k = 10;  // offset + limit
  SortOrder sort = SortOrder::kRelevance;
  bool facets = false;
  size_t facet_limit = 10;
  std::vector<std::string> keyword_facets;
  // Keyword-filter bitmaps kept across queries of this snapshot (SegmentFilter); may be null.
  FilterCache* filter_cache = nullptr;
  // The query's dictionary lookups, shared with its planning; may be null.
  TermLookups* lookups = nullptr;
  // Start a one-word query's traversal from a threshold its block impacts guarantee
  // (executor.cc, SeedThreshold). Off only to measure what it buys.
  bool seed_threshold = true;
};

struct ExecuteResult {
  std::vector<Hit> hits;  // the best k, in order
  uint64_t total = 0;
  bool total_is_exact = true;
  std::map<std::string, std::vector<FacetCount>> facets;
  uint64_t windows = 0;  // block-max windows the traversals bounded (tests, profiling)
};

struct ExecuteScratch {
  IteratorPool pool;
  TraversalScratch traversal;
  std::vector<index::Impact> witnesses;  // TermsLeaf::KthWitnessScore's
  std::vector<double> witness_scores;
};

// The fast path. Errors: Corruption/IOError from the index.
Status Execute(const Plan& plan, const index::IndexReader& reader, const ExecuteOptions& options,
               ExecuteScratch* scratch, ExecuteResult* result);

// The first stage's depth: options.k, or max(k, kRerankDepth) when the plan reranks.
size_t FirstStageDepth(const Plan& plan, const ExecuteOptions& options);

// The second stage: adds the plan's rerank leaves' scores to `hits` (the first stage's best,
// any order), sorts by (score desc, doc asc) and keeps the best k.
Status Rerank(const Plan& plan, const index::IndexReader& reader, size_t k,
              ExecuteScratch* scratch, std::vector<Hit>* hits);

// The reference: reads every postings list of every leaf in full, computes every document's
// score from per-document arrays, and sorts. Total and facets are always exact. Slow; tests.
Status ExecuteExhaustive(const Plan& plan, const index::IndexReader& reader,
                         const ExecuteOptions& options, ExecuteResult* result);

}  // namespace rasd::search::internal
