#include "rasd/base/hash.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace rasd::base {
namespace {

// Hash64 values are stored in files (fingerprints), so they must never change.
TEST(HashTest, PinnedValues) {
  EXPECT_EQ(Hash64(""), Hash64("", 0));
  EXPECT_EQ(Hash64("abc"), 13006551795127091151ull);
  EXPECT_EQ(Hash64("الخامنئي"), 5954587479642455552ull);
  EXPECT_EQ(Hash64(std::string(100, 'x'), 7), 4059536962482713677ull);
}

TEST(HashTest, EveryLengthDistinct) {
  // Prefixes of one string (lengths 0..200 cross every code path) must not collide, and a seed
  // must change the value.
  const std::string s(200, 'a');
  std::set<uint64_t> seen;
  for (size_t n = 0; n <= s.size(); ++n) {
    EXPECT_TRUE(seen.insert(Hash64(s.data(), n)).second) << n;
    EXPECT_NE(Hash64(s.data(), n, 1), Hash64(s.data(), n, 2)) << n;
  }
}

TEST(HashTest, SingleBitChangesSpread) {
  std::string s = "the quick brown fox jumps over the lazy dog";
  const uint64_t base = Hash64(s);
  int min_bits = 64;
  for (size_t i = 0; i < s.size(); ++i) {
    std::string t = s;
    t[i] ^= 1;
    min_bits = std::min(min_bits, __builtin_popcountll(Hash64(t) ^ base));
  }
  EXPECT_GE(min_bits, 12);  // avalanche: flips far more than a handful of output bits
}

TEST(HashTest, Mix64IsABijectionOnSamples) {
  std::set<uint64_t> seen;
  for (uint64_t i = 0; i < 10000; ++i) EXPECT_TRUE(seen.insert(Mix64(i)).second);
}

}  // namespace
}  // namespace rasd::base
