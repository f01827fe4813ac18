// The traversal of one segment: finds the matching documents of a plan and hands them, with
// their scores, to a Collector (collector.h).
//
// Pure disjunctions (the default OR of words) use block-max MaxScore: Turtle & Flood,
// "Query evaluation: strategies and optimizations" (IP&M 1995) partition the leaves, sorted
// by their score upper bounds, into non-essential ones (whose bounds together cannot beat the
// current top-k threshold) and essential ones; only documents of essential leaves are
// candidates, and non-essential leaves are only probed while the candidate can still win.
// The bounds are recomputed per window of documents from the index's block impacts (Ding &
// Suel, "Faster top-k document retrieval using block-max indexes", SIGIR 2011; the windowed
// MaxScore of Lucene 9 and of Mallia et al., "An experimental study of index compression and
// DAAT query processing methods", ECIR 2019): a window ends at the first block boundary of any
// leaf, so each leaf's bound inside it is one block's impact; a window whose leaves' bounds sum
// below the threshold is skipped without decoding.
//
// In the document-at-a-time loop, before a candidate is scored, the sum of the block bounds
// of the leaves on it plus the non-essential bounds is compared with the threshold, and the
// leaves on it are scored from the largest bound down while the candidate can still win, so
// documents that cannot enter are mostly skipped without computing every score.
//
// Once the top k is full, a window of a query without exclusions and of at most 32 leaves
// is scored in bulk instead (after Lucene 9's MaxScoreBulkScorer): cut at 2048 documents and
// at the segment's end, each essential leaf scores every one of its documents of the window
// (that the filter passes) into a row, term at a time (without filters, each of a word's
// postings lists read through in one pass: TermsLeaf::ScoreWindow); then the window's documents are
// bounded by their essential scores, probed by the non-essential leaves and collected in
// order. The per-candidate loops over every leaf of the query are gone, which long queries
// of common words paid most.
//
// With required parts (phrases, AND) the required groups are intersected (leapfrogging,
// cheapest first) and optional leaves are probed in decreasing order of their bounds while the
// candidate can still win. Without leaves (only filters) every live document is a match.
//
// Scores are summed in leaf-id order whatever order the leaves were evaluated in, so they are
// bit-identical to the exhaustive reference (exhaustive.h). Pruning comparisons inflate bounds
// by a relative 1e-9 so that rounding in a differently ordered sum of bounds can never prune a
// document that would enter the top k.
//
// Thread-safety: one thread.
#pragma once

#include <cstdint>
#include <vector>

#include "rasd/index/index_reader.h"
#include "rasd/search/internal/collector.h"
#include "rasd/search/internal/leaf.h"
#include "rasd/search/internal/segment_filter.h"
#include "rasd/search/internal/terms_leaf.h"

namespace rasd::search::internal {

// A plan opened on one segment.
struct SegmentQuery {
  const Plan* plan = nullptr;
  const index::Segment* segment = nullptr;
  const SegmentFilter* filter = nullptr;
  std::vector<Leaf*> leaves;                  // by plan leaf id; nullptr when absent here
  std::vector<uint32_t> optional;             // ids of present optional leaves
  std::vector<std::vector<uint32_t>> required;  // ids of present leaves per required group
  std::vector<Leaf*> excluded;                // present exclusion leaves
  bool match_all = false;                     // the plan has no leaves
};

struct TraversalStats {
  uint64_t matches = 0;   // matching documents seen (all of them when complete)
  bool complete = true;   // false once pruning skipped documents without counting them
  uint64_t windows = 0;   // block-max windows bounded (a measure of the traversal's work)
};

// Per-thread buffers of the traversal.
struct TraversalScratch {
  std::vector<double> contrib;    // by leaf id
  std::vector<uint32_t> touched;  // leaf ids with a contribution for the current candidate
  std::vector<double> remaining;  // bounds of the non-essential leaves not yet probed
  std::vector<double> fixed_bound;  // by leaf id: a non-essential leaf's bound,
                                    // or -1 for an essential leaf (bounded per candidate)
  std::vector<double> suffix;  // suffix sums of the leaves' window bounds (PruneLeaves)
  // By leaf id: the leaf's bound in the current window (its block bound, or its whole
  // list's for a leaf that no longer cuts windows), and whether it is such a leaf.
  std::vector<double> window_bound;
  std::vector<uint8_t> whole_list;
  // Bulk windows: by leaf position (in id order) x document of the window, the leaf's score;
  // per document the positions of the leaves that scored it, and a bit per document that has
  // any; by leaf id, its position.
  std::vector<double> bulk_scores;
  std::vector<uint32_t> bulk_masks;
  std::vector<uint64_t> bulk_bits;
  std::vector<uint32_t> position;
  StreamWindowScratch stream_window;  // TermsLeaf::ScoreWindow's
};

void TraverseSegment(const SegmentQuery& query, Collector* collector, TraversalStats* stats,
                     TraversalScratch* scratch);

}  // namespace rasd::search::internal
