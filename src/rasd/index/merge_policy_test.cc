// The merge policy as a pure function of segment sizes.
#include "rasd/index/internal/merge_policy.h"

#include <gtest/gtest.h>

#include <random>

namespace rasd::index::internal {
namespace {

TEST(MergePolicyTest, MergesAFullTier) {
  MergePolicyOptions o;
  o.segments_per_tier = 4;
  o.floor_segment_bytes = 1000;
  std::vector<SegmentSize> s(3, SegmentSize{500, 10, 0});
  EXPECT_TRUE(FindMerges(s, o).empty());
  s.push_back({800, 10, 0});
  auto m = FindMerges(s, o);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0], (std::vector<size_t>{0, 1, 2, 3}));
  // A big segment is in another tier and is left alone.
  s.push_back({1000000, 10, 0});
  m = FindMerges(s, o);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].size(), 4u);
}

TEST(MergePolicyTest, RewritesSegmentsWithManyDeletions) {
  MergePolicyOptions o;
  std::vector<SegmentSize> s = {{1 << 20, 100, 50}, {1 << 20, 100, 10}, {1 << 20, 100, 100}};
  auto m = FindMerges(s, o);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0], (std::vector<size_t>{0}));
}

TEST(MergePolicyTest, RespectsMaxMergedSize) {
  MergePolicyOptions o;
  o.segments_per_tier = 2;
  o.floor_segment_bytes = 1;
  o.max_merged_segment_bytes = 100;
  std::vector<SegmentSize> s = {{60, 10, 0}, {60, 10, 0}};
  EXPECT_TRUE(FindMerges(s, o).empty());
}

TEST(MergePolicyTest, SimulatedGrowthKeepsFewSegments) {
  // Flush equal segments and merge as the policy says: the count stays logarithmic.
  MergePolicyOptions o;
  o.segments_per_tier = 10;
  o.floor_segment_bytes = 1 << 20;
  std::vector<SegmentSize> s;
  for (int flush = 0; flush < 2000; ++flush) {
    s.push_back({1 << 20, 1000, 0});
    for (auto m = FindMerges(s, o); !m.empty(); m = FindMerges(s, o)) {
      SegmentSize merged;
      std::vector<SegmentSize> next;
      for (size_t i = 0; i < s.size(); ++i) {
        if (std::find(m[0].begin(), m[0].end(), i) != m[0].end()) {
          merged.bytes += s[i].bytes;
          merged.max_doc += s[i].max_doc;
        } else {
          next.push_back(s[i]);
        }
      }
      next.push_back(merged);
      s = next;
    }
    ASSERT_LT(s.size(), 40u);
  }
}

TEST(MergePolicyTest, ForcedMerges) {
  std::vector<SegmentSize> s = {{10, 10, 0}, {30, 10, 2}, {20, 10, 0}, {40, 10, 0}};
  auto m = FindForcedMerges(s, 1);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].size(), 4u);
  m = FindForcedMerges(s, 2);
  ASSERT_EQ(m.size(), 1u);  // the 3 smallest; the remaining one has no deletions
  EXPECT_EQ(m[0], (std::vector<size_t>{0, 1, 2}));
  m = FindForcedMerges(s, 4);
  ASSERT_EQ(m.size(), 1u);  // only the segment with deletions is rewritten
  EXPECT_EQ(m[0], (std::vector<size_t>{1}));
}

}  // namespace
}  // namespace rasd::index::internal
