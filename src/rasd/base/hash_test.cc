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

// Every length 0..200 at three offsets and three seeds, folded into one value computed with
// the implementation of 52881a3: keys up to 16 bytes are hashed in the header and longer ones
// in hash.cc, and neither may drift.
TEST(HashTest, PinnedAtEveryLength) {
  std::string s;
  for (int i = 0; i < 200; ++i) s.push_back(static_cast<char>((i * 131 + 7) ^ (i >> 2)));
  uint64_t folded = 0;
  for (size_t n = 0; n <= s.size(); ++n) {
    for (size_t offset = 0; offset < 3 && offset + n <= s.size(); ++offset) {
      for (const uint64_t seed : {0ull, 1ull, 0x9e3779b97f4a7c15ull}) {
        folded = folded * 0x100000001b3ull ^ Hash64(s.data() + offset, n, seed);
      }
    }
  }
  EXPECT_EQ(folded, 206650054288359690ull);
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
