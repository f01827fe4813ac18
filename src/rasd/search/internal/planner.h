// The planner: a parsed Query (query.h) plus the request's filters, resolved against one
// snapshot into a Plan (plan.h).
//
// What each clause becomes (weights from Bm25fParams, bm25f.h):
//   word         one kTerms leaf: the stem in title/body (field weights) and the normalised
//                form in title.exact/body.exact (field weight x exact_weight); a stopword
//                (only when the query has nothing else) uses its form in title.stop/body.stop
//                only (and in the .exact fields of indexes written before the stop fields). idf from the
//                largest stem-field doc freq. Plus one leaf per spelling variant
//                (variant_expander.h; boost variant_weight x similarity, its own idf).
//   "w"          a one-word phrase: the exact form only (a stopword: as above), required.
//   "w1 w2 ..."  a kPhrase leaf on stems (stopwords on exact forms), title or body, required;
//                idf is the sum of the words' idfs.
//   prefix*      one kTerms leaf over the kMaxPrefixExpansions most frequent terms of the
//                .exact fields starting with the prefix (at most kMaxPrefixScan terms read;
//                stopwords, which the .exact fields no longer hold, are not expansions).
//   (a | b)      the alternatives' leaves, as one required group when the group is required.
//   -x           the same leaves as exclusions.
//   source:      a filter (exact outlet name, else the outlets whose normalised name equals,
//                else contains, the normalised value).
//   date:        a filter (intersected with the request's from/to).
// Identical optional leaves are merged (their boosts add), so a 10,000-word query costs what
// its distinct words cost. For multi-word queries, adjacent content words also give a
// proximity leaf (a two-word phrase with slop 1, boost pair_weight) for the second stage
// (Plan::rerank): it rescores the best max(k, kRerankDepth) documents of the first.
//
// Thread-safety: a plain function; `variants` may be called from it once (lazily built).
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "rasd/base/status.h"
#include "rasd/index/index_reader.h"
#include "rasd/search/bm25f.h"
#include "rasd/search/internal/plan.h"
#include "rasd/search/internal/term_lookups.h"
#include "rasd/search/query.h"
#include "rasd/search/searcher.h"
#include "rasd/search/snippet.h"
#include "rasd/text/analyzer.h"

namespace rasd::search {
class VariantIndex;
}

namespace rasd::search::internal {

inline constexpr size_t kMaxPrefixScan = 50000;
inline constexpr size_t kMaxPairLeaves = 16;
// Words in more documents than this are never expanded automatically (only with word~).
inline constexpr uint64_t kMaxAutoExpandDocFreq = 200;

struct PlanInput {
  const Query* query = nullptr;
  const SearchRequest* request = nullptr;
  const index::IndexReader* reader = nullptr;
  const Bm25fParams* params = nullptr;
  const text::Analyzer* analyzer = nullptr;
  // The snapshot's length-normalisation tables for `params` (plan.h order), or nullptr to
  // compute them (the Searcher computes them once per snapshot).
  const NormTable* norms = nullptr;
  // Returns the snapshot's variant index (built on first call), or an error.
  std::function<Result<const VariantIndex*>()> variants;
  // The query's dictionary lookups, shared with its execution (ExecuteOptions::lookups); may
  // be null.
  TermLookups* lookups = nullptr;
};

struct PlanOutput {
  Plan plan;
  std::vector<Expansion> expansions;
  std::shared_ptr<HighlightTerms> highlight;
};

Status BuildPlan(const PlanInput& input, PlanOutput* out);

// The four length-normalisation tables of a snapshot (field order of plan.h).
void BuildNormTables(const index::IndexReader& reader, const Bm25fParams& params,
                     NormTable tables[kNumTextFields]);

}  // namespace rasd::search::internal
