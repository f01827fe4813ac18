// The tiered merge policy: see internal/merge_policy.h.
#include "rasd/index/internal/merge_policy.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace rasd::index::internal {

std::vector<std::vector<size_t>> FindMerges(const std::vector<SegmentSize>& segments,
                                            const MergePolicyOptions& options) {
  std::vector<std::vector<size_t>> merges;
  const size_t k = static_cast<size_t>(std::max(2, options.segments_per_tier));
  const double floor = static_cast<double>(std::max<uint64_t>(options.floor_segment_bytes, 1));
  std::vector<bool> used(segments.size(), false);
  // Segments with too many deletions are rewritten alone.
  for (size_t i = 0; i < segments.size(); ++i) {
    const SegmentSize& s = segments[i];
    if (s.max_doc > 0 && s.del_count < s.max_doc &&
        static_cast<double>(s.del_count) > options.max_deleted_fraction * s.max_doc) {
      merges.push_back({i});
      used[i] = true;
    }
  }
  std::map<int, std::vector<size_t>> tiers;
  for (size_t i = 0; i < segments.size(); ++i) {
    if (used[i]) continue;
    const double size = std::max(static_cast<double>(segments[i].live_bytes()), floor);
    const int tier = static_cast<int>(std::floor(std::log(size / floor) / std::log(double(k)) + 1e-9));
    tiers[tier].push_back(i);
  }
  for (auto& [tier, members] : tiers) {
    if (members.size() < k) continue;
    std::sort(members.begin(), members.end(), [&](size_t a, size_t b) {
      return segments[a].live_bytes() < segments[b].live_bytes();
    });
    std::vector<size_t> pick(members.begin(), members.begin() + k);
    uint64_t total = 0;
    for (size_t i : pick) total += segments[i].live_bytes();
    if (total > options.max_merged_segment_bytes) continue;
    std::sort(pick.begin(), pick.end());
    merges.push_back(std::move(pick));
  }
  return merges;
}

std::vector<std::vector<size_t>> FindForcedMerges(const std::vector<SegmentSize>& segments,
                                                  int max_segments) {
  std::vector<std::vector<size_t>> merges;
  const size_t max = static_cast<size_t>(std::max(1, max_segments));
  std::vector<size_t> order(segments.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return segments[a].live_bytes() < segments[b].live_bytes();
  });
  std::vector<bool> used(segments.size(), false);
  if (segments.size() > max) {
    std::vector<size_t> pick(order.begin(), order.begin() + (segments.size() - max + 1));
    for (size_t i : pick) used[i] = true;
    std::sort(pick.begin(), pick.end());
    merges.push_back(std::move(pick));
  }
  for (size_t i = 0; i < segments.size(); ++i) {
    if (!used[i] && segments[i].del_count > 0) merges.push_back({i});
  }
  return merges;
}

}  // namespace rasd::index::internal
