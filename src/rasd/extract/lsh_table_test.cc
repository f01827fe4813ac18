// LshTable against a map of vectors: the same items under every key, with and without
// Reserve, across growth, for keys that repeat and keys that collide in the table.
#include "rasd/extract/lsh_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <vector>

namespace rasd::extract {
namespace {

std::vector<uint32_t> Items(const LshTable& t, uint64_t key) {
  std::vector<uint32_t> out;
  t.ForEach(key, [&](uint32_t item) { out.push_back(item); });
  return out;
}

TEST(LshTableTest, AgreesWithAMapOfVectors) {
  for (bool reserve : {false, true}) {
    std::mt19937_64 rng(reserve ? 1 : 2);
    LshTable table;
    if (reserve) table.Reserve(20000);
    std::map<uint64_t, std::vector<uint32_t>> want;
    for (uint32_t i = 0; i < 20000; ++i) {
      // Half the keys repeat among 500 values; the others are multiples of 2^40, which all
      // hash to nearby slots unless the hash spreads them.
      const uint64_t key = rng() % 2 == 0 ? rng() % 500 : (rng() % 100000) << 40;
      table.Add(key, i);
      want[key].push_back(i);
    }
    EXPECT_EQ(table.size(), 20000u);
    for (auto& [key, items] : want) {
      std::reverse(items.begin(), items.end());  // newest first
      ASSERT_EQ(Items(table, key), items) << key;
    }
    EXPECT_TRUE(Items(table, 12345678).empty());
    EXPECT_TRUE(Items(table, 501).empty());
  }
  EXPECT_TRUE(Items(LshTable(), 0).empty());
}

}  // namespace
}  // namespace rasd::extract
