// FilterCache: lookups, replacement, and the byte budget with least-recently-used eviction.
#include "rasd/search/internal/filter_cache.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace rasd::search::internal {
namespace {

std::shared_ptr<const FilterBits> Bits(size_t words, uint64_t fill) {
  return std::make_shared<const FilterBits>(words, fill);
}

TEST(FilterCacheTest, FindsWhatWasInsertedAndReplaces) {
  FilterCache cache(1 << 20);
  EXPECT_EQ(cache.Find("a"), nullptr);
  cache.Insert("a", Bits(4, 1));
  auto a = cache.Find("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ((*a)[3], 1u);
  cache.Insert("a", Bits(4, 2));
  EXPECT_EQ((*cache.Find("a"))[0], 2u);
  EXPECT_EQ((*a)[0], 1u);  // a holder of the old bitmap keeps it
  EXPECT_EQ(cache.size(), 1u);
  cache.Insert("b", nullptr);  // nothing to keep
  EXPECT_EQ(cache.Find("b"), nullptr);
}

TEST(FilterCacheTest, EvictsTheLeastRecentlyUsedOverTheBudget) {
  // Each entry: 1000 words (8000 bytes) plus its key and overhead; room for three.
  FilterCache cache(3 * 8000 + 3 * 100);
  cache.Insert("a", Bits(1000, 0));
  cache.Insert("b", Bits(1000, 0));
  cache.Insert("c", Bits(1000, 0));
  ASSERT_EQ(cache.size(), 3u);
  ASSERT_NE(cache.Find("a"), nullptr);  // a is now the most recently used: b goes first
  cache.Insert("d", Bits(1000, 0));
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_EQ(cache.Find("b"), nullptr);
  EXPECT_NE(cache.Find("a"), nullptr);
  EXPECT_NE(cache.Find("c"), nullptr);
  EXPECT_NE(cache.Find("d"), nullptr);
  EXPECT_LE(cache.bytes(), size_t{3 * 8000 + 3 * 100});
  // Larger than the whole budget: not kept, and nothing else is dropped for it.
  cache.Insert("huge", Bits(10000, 0));
  EXPECT_EQ(cache.Find("huge"), nullptr);
  EXPECT_EQ(cache.size(), 3u);
}

}  // namespace
}  // namespace rasd::search::internal
