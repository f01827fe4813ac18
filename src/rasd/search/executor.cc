// Execute (internal/executor.h): opens the plan's leaves on each segment and runs the
// traversal with the collector the request asks for.
#include <algorithm>
#include <cmath>
#include <memory>

#include "rasd/base/macros.h"
#include "rasd/search/internal/collector.h"
#include "rasd/search/internal/executor.h"
#include "rasd/search/internal/segment_filter.h"
#include "rasd/search/internal/terms_leaf.h"

namespace rasd::search::internal {

namespace {

bool Ranked(const Hit& a, const Hit& b) {
  return a.score != b.score ? a.score > b.score : a.doc < b.doc;
}

// The query's lookups on the pool for one Execute, unset on every way out: they belong to the
// caller's query, and the pool outlives it.
class LookupsScope {
 public:
  LookupsScope(IteratorPool* pool, TermLookups* lookups) : pool_(pool) {
    pool_->set_lookups(lookups);
  }
  ~LookupsScope() { pool_->set_lookups(nullptr); }
  LookupsScope(const LookupsScope&) = delete;
  LookupsScope& operator=(const LookupsScope&) = delete;

 private:
  IteratorPool* pool_;
};

// Raises the top k's threshold before a segment's traversal, from scores that k documents of
// the segment are known to reach (TermsLeaf::KthWitnessScore): a top-k traversal otherwise
// starts with no threshold and prunes little until its heap holds good documents, and the
// first documents of a common word are seldom its best. Estimating the k-th score before
// the traversal is the idea of Dimopoulos, Nepomnyachiy & Suel, "Optimizing top-k document
// retrieval strategies for block-max indexes" (WSDM 2013), who precompute it per term; here
// it comes from the block impacts at query time, so it holds for any ranking parameters.
// Only where every document of the leaf is a match: one word, no filter, no exclusion, no
// deleted document in the segment. For one word the seed is close to the final threshold
// (95-99% of it on the news queries of bench/peers). A query of several words gets a
// bound of one word alone, half its final threshold or less: measured, it bought nothing
// and its skip tables cost 1-3% (docs/BENCHMARKS.md).
void SeedThreshold(const SegmentQuery& q, ExecuteScratch* scratch, TopScoreCollector* collector) {
  const size_t k = collector->k();
  if (k == 0 || !q.filter->trivial() || !q.excluded.empty() || !q.required.empty() ||
      q.optional.size() != 1) {
    return;
  }
  Leaf* leaf = q.leaves[q.optional[0]];
  if (!leaf->is_terms_leaf()) return;
  auto* word = static_cast<TermsLeaf*>(leaf);
  const double floor = word->KthWitnessScore(k, &scratch->witnesses, &scratch->witness_scores);
  // The k documents score at least `floor`, and RaiseFloor wants a value they exceed: the
  // next double below keeps even a document scoring exactly `floor` above it.
  if (floor > 0) collector->RaiseFloor(std::nextafter(floor, 0.0));
}

}  // namespace

size_t FirstStageDepth(const Plan& plan, const ExecuteOptions& options) {
  const bool by_date = options.sort != SortOrder::kRelevance || plan.match_all;
  if (by_date || plan.rerank.empty() || options.k == 0) return options.k;
  return std::max(options.k, kRerankDepth);
}

Status Rerank(const Plan& plan, const index::IndexReader& reader, size_t k,
              ExecuteScratch* scratch, std::vector<Hit>* hits) {
  std::sort(hits->begin(), hits->end(), [](const Hit& a, const Hit& b) { return a.doc < b.doc; });
  size_t next = 0;
  std::vector<std::unique_ptr<Leaf>> leaves;
  for (const index::Segment& segment : reader.segments()) {
    const uint32_t base = segment.doc_base();
    const uint32_t end = base + segment.max_doc();
    if (next >= hits->size() || (*hits)[next].doc >= end) continue;
    scratch->pool.Release();
    leaves.clear();
    for (uint32_t i = 0; i < plan.rerank.size(); ++i) {
      leaves.push_back(OpenLeaf(plan.rerank[i], i, plan, segment, &scratch->pool, LeafUse::kProbed));
    }
    for (; next < hits->size() && (*hits)[next].doc < end; ++next) {
      Hit& hit = (*hits)[next];
      for (const std::unique_ptr<Leaf>& leaf : leaves) {
        if (leaf != nullptr && leaf->Probe(hit.doc - base)) hit.score += leaf->Score();
      }
    }
    Status s = scratch->pool.status();
    leaves.clear();
    scratch->pool.Release();
    RASD_RETURN_IF_ERROR(s);
  }
  std::sort(hits->begin(), hits->end(), Ranked);
  if (hits->size() > k) hits->resize(k);
  return Status::OK();
}

Status Execute(const Plan& plan, const index::IndexReader& reader, const ExecuteOptions& options,
               ExecuteScratch* scratch, ExecuteResult* result) {
  *result = ExecuteResult();
  const LookupsScope lookups(&scratch->pool, options.lookups);
  TopScoreCollector by_score(FirstStageDepth(plan, options));
  const bool by_date = options.sort != SortOrder::kRelevance || plan.match_all;
  TopDateCollector by_date_collector(options.k, options.sort != SortOrder::kOldest);
  Collector* main = by_date ? static_cast<Collector*>(&by_date_collector) : &by_score;
  std::unique_ptr<FacetCollector> facets;
  Collector* collector = main;
  if (options.facets) {
    facets = std::make_unique<FacetCollector>(main, options.facet_limit, options.keyword_facets);
    collector = facets.get();
  }
  TraversalStats stats;
  std::vector<std::unique_ptr<Leaf>> owned;
  if (!plan.match_none) {
    for (const index::Segment& segment : reader.segments()) {
      if (segment.num_live() == 0) continue;
      SegmentFilter filter;
      if (!filter.Init(segment, plan.filters, SegmentFilter::kAuto, options.filter_cache)) {
        continue;
      }
      owned.clear();
      scratch->pool.Release();
      SegmentQuery q;
      q.plan = &plan;
      q.segment = &segment;
      q.filter = &filter;
      q.match_all = plan.match_all;
      q.leaves.assign(plan.leaves.size(), nullptr);
      for (uint32_t id = 0; id < plan.leaves.size(); ++id) {
        std::unique_ptr<Leaf> leaf = OpenLeaf(plan.leaves[id], id, plan, segment, &scratch->pool);
        q.leaves[id] = leaf.get();
        if (leaf != nullptr) owned.push_back(std::move(leaf));
      }
      for (uint32_t id : plan.optional) {
        if (q.leaves[id] != nullptr) q.optional.push_back(id);
      }
      bool possible = true;
      for (const std::vector<uint32_t>& group : plan.required) {
        std::vector<uint32_t> present;
        for (uint32_t id : group) {
          if (q.leaves[id] != nullptr) present.push_back(id);
        }
        if (present.empty()) possible = false;
        q.required.push_back(std::move(present));
      }
      if (!possible) continue;
      if (!plan.match_all && q.required.empty() && q.optional.empty()) continue;
      for (const LeafSpec& spec : plan.excluded) {
        std::unique_ptr<Leaf> leaf = OpenLeaf(spec, 0, plan, segment, &scratch->pool);
        if (leaf != nullptr) {
          q.excluded.push_back(leaf.get());
          owned.push_back(std::move(leaf));
        }
      }
      if (options.seed_threshold && collector == &by_score) SeedThreshold(q, scratch, &by_score);
      collector->BeginSegment(segment);
      TraverseSegment(q, collector, &stats, &scratch->traversal);
      collector->EndSegment();
      Status s = scratch->pool.status();
      if (!s.ok()) {
        owned.clear();
        scratch->pool.Release();
        return s;
      }
    }
  }
  owned.clear();
  scratch->pool.Release();
  const bool rerank = !by_date && !plan.rerank.empty();
  result->hits = by_date ? by_date_collector.Take()
                         : rerank ? by_score.TakeUnordered() : by_score.Take();
  if (rerank) {
    RASD_RETURN_IF_ERROR(Rerank(plan, reader, options.k, scratch, &result->hits));
  }
  result->total = stats.matches;
  result->total_is_exact = stats.complete;
  result->windows = stats.windows;
  if (facets != nullptr) result->facets = facets->Take();
  return Status::OK();
}

}  // namespace rasd::search::internal
