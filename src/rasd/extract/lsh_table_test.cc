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
  std::sort(out.begin(), out.end());
  return out;
}

TEST(LshTableTest, AgreesWithAMapOfVectors) {
  for (bool reserve : {false, true}) {
    std::mt19937_64 rng(reserve ? 1 : 2);
    LshTable table;
    if (reserve) table.Reserve(20000);
    std::map<uint64_t, std::vector<uint32_t>> want;
    for (uint32_t i = 0; i < 20000; ++i) {
      // Half the keys repeat among 500 values (chains of many blocks); the others are multiples of 2^40, which all
      // hash to nearby slots unless the hash spreads them.
      const uint64_t key = rng() % 2 == 0 ? rng() % 500 : (rng() % 100000) << 40;
      table.Add(key, i);
      want[key].push_back(i);
    }
    for (uint32_t i = 20000; i < 21000; ++i) {  // one key past the largest block size
      table.Add(424242, i);
      want[424242].push_back(i);
    }
    EXPECT_EQ(table.size(), 21000u);
    for (auto& [key, items] : want) {
      ASSERT_EQ(Items(table, key), items) << key;  // both ascending
    }
    EXPECT_TRUE(Items(table, 12345678).empty());
    EXPECT_TRUE(Items(table, 501).empty());
  }
  EXPECT_TRUE(Items(LshTable(), 0).empty());
}

}  // namespace
}  // namespace rasd::extract
