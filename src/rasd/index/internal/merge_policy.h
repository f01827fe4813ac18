// The merge policy: which segments to merge, decided from sizes alone (pure functions, so
// they are tested without an index).
//
// Tiers (after Lucene's TieredMergePolicy and LogByteSizeMergePolicy): a segment's tier is
// floor(log_k(max(live_bytes, floor) / floor)) with k = segments_per_tier, where live_bytes
// discounts deleted documents. When a tier holds k segments, its k smallest are merged into
// one segment of (about) the next tier, unless that would exceed max_merged_segment_bytes.
// So each document is rewritten O(log_k(N)) times over an index's life, and the segment
// count stays O(k log_k(N)). A segment whose deleted fraction exceeds
// max_deleted_fraction is rewritten alone to reclaim the space.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "rasd/index/index_writer.h"

namespace rasd::index::internal {

struct SegmentSize {
  uint64_t bytes = 0;
  uint32_t max_doc = 0;
  uint32_t del_count = 0;
  uint64_t live_bytes() const {
    return max_doc == 0 ? 0 : static_cast<uint64_t>(static_cast<double>(bytes) *
                                                    (max_doc - del_count) / max_doc);
  }
};

// Merges to run now (each a list of indexes into `segments`; the lists are disjoint).
std::vector<std::vector<size_t>> FindMerges(const std::vector<SegmentSize>& segments,
                                            const MergePolicyOptions& options);
// Merges that leave at most max_segments segments and no deletions.
std::vector<std::vector<size_t>> FindForcedMerges(const std::vector<SegmentSize>& segments,
                                                  int max_segments);

}  // namespace rasd::index::internal
