// StemDocsCache: long lists are kept within the budget, short ones are decoded on every call.
#include "rasd/index/internal/stem_docs.h"

#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

namespace rasd::index::internal {
namespace {

// A fill that writes `n` documents and counts its calls.
struct CountingFill {
  uint32_t n;
  int* calls;
  void operator()(std::vector<uint32_t>* out) const {
    ++*calls;
    for (uint32_t d = 0; d < n; ++d) out->push_back(d * 3);
  }
};

TEST(StemDocsCacheTest, KeepsLongListsAndDecodesShortOnesAgain) {
  StemDocsCache cache(/*budget_docs=*/10000);
  int calls = 0;
  StemDocsCache::List a = cache.Get(1, CountingFill{5000, &calls});
  ASSERT_EQ(a->size(), 5000u);
  EXPECT_EQ((*a)[4999], 4999u * 3);
  EXPECT_EQ(cache.Get(1, CountingFill{5000, &calls})->size(), 5000u);
  EXPECT_EQ(calls, 1);  // kept: the second call did not decode

  cache.Get(2, CountingFill{10, &calls});
  cache.Get(2, CountingFill{10, &calls});
  EXPECT_EQ(calls, 3);  // too short to keep
}

TEST(StemDocsCacheTest, HoldsNoMoreThanItsBudget) {
  StemDocsCache cache(/*budget_docs=*/10000);
  int calls = 0;
  cache.Get(1, CountingFill{6000, &calls});
  cache.Get(2, CountingFill{6000, &calls});  // would exceed the budget: not kept
  cache.Get(2, CountingFill{6000, &calls});
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(cache.Get(1, CountingFill{6000, &calls})->size(), 6000u);
  EXPECT_EQ(calls, 3);
  EXPECT_LE(cache.held_docs(), 10000u);
  EXPECT_EQ(cache.held_docs(), 6000u);
}

TEST(StemDocsCacheTest, KeptListsHoldNoSpareCapacity) {
  StemDocsCache cache(/*budget_docs=*/1 << 20);
  int calls = 0;
  // push_back growth leaves up to twice the size in capacity; a kept list must not carry it.
  StemDocsCache::List a = cache.Get(7, CountingFill{70000, &calls});
  EXPECT_EQ(a->capacity(), a->size());
}

// A list handed out stays as it was while it is held, whatever the cache decodes next (a
// merge's writing thread uses it while the reading thread goes on).
TEST(StemDocsCacheTest, HeldListsAreNotOverwritten) {
  StemDocsCache cache(/*budget_docs=*/0);  // keeps nothing: every list is a scratch one
  int calls = 0;
  StemDocsCache::List a = cache.Get(1, CountingFill{100, &calls});
  StemDocsCache::List b = cache.Get(2, CountingFill{7, &calls});
  ASSERT_EQ(a->size(), 100u);
  EXPECT_EQ((*a)[99], 99u * 3);
  EXPECT_EQ(b->size(), 7u);
  a.reset();
  StemDocsCache::List c = cache.Get(3, CountingFill{50, &calls});  // may reuse a's vector
  EXPECT_EQ(c->size(), 50u);
  EXPECT_EQ(b->size(), 7u);
  EXPECT_EQ(calls, 3);
}

}  // namespace
}  // namespace rasd::index::internal
