// Gap and frequency decoding against plain 64-bit loops, for the kernels the processor gets
// (AVX2 where it has it) and the portable ones.
#include "rasd/index/internal/gaps.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

namespace rasd::index::internal::gaps {
namespace {

uint64_t Seed() {
  const uint64_t seed = std::random_device()();
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  return seed;
}

struct Kernels {
  const char* name;
  bool (*gaps)(uint32_t*, int64_t, uint64_t);
  bool (*freqs)(uint32_t*);
};
const Kernels kKernels[] = {
    {"dispatched", GapsToValues128, FrequenciesFromStored128},
    {"portable", GapsToValues128Portable, FrequenciesFromStored128Portable},
};

TEST(GapsTest, RunningValuesMatchA64BitLoop) {
  for (const Kernels& k : kKernels) {
    SCOPED_TRACE(k.name);
    std::mt19937_64 rng(Seed());
    for (int round = 0; round < 2000; ++round) {
      uint32_t v[128];
      const int bits = static_cast<int>(rng() % 24);  // gaps of 0 .. 23 bits
      for (uint32_t& x : v) x = bits == 0 ? 0 : static_cast<uint32_t>(rng() >> (64 - bits));
      if (round % 5 == 0) v[rng() % 128] = static_cast<uint32_t>(rng() % (uint64_t{1} << 30));
      const int64_t prev = round % 3 == 0 ? -1 : static_cast<int64_t>(rng() % (uint64_t{1} << 30));
      std::vector<uint64_t> want(128);
      int64_t cur = prev;
      for (int i = 0; i < 128; ++i) want[i] = static_cast<uint64_t>(cur += int64_t{v[i]} + 1);
      ASSERT_TRUE(k.gaps(v, prev, want[127] + 1));
      for (int i = 0; i < 128; ++i) ASSERT_EQ(v[i], want[i]) << "value " << i << " round " << round;
    }
  }
}

TEST(GapsTest, TheLargestValuesThatFitIn32Bits) {
  for (const Kernels& k : kKernels) {
    SCOPED_TRACE(k.name);
    // Gaps of 24 bits from prev = 2^31 - 1 end exactly at 2^32 - 1.
    uint32_t v[128];
    std::fill(v, v + 128, (1u << 24) - 1);
    const int64_t prev = (int64_t{1} << 31) - 1;
    ASSERT_TRUE(k.gaps(v, prev, uint64_t{1} << 32));
    for (int i = 0; i < 128; ++i)
      ASSERT_EQ(v[i], static_cast<uint64_t>(prev) + (uint64_t{1} << 24) * (i + 1));
    EXPECT_EQ(v[127], 0xFFFFFFFFu);
  }
}

TEST(GapsTest, LastValueAtTheLimitIsRejected) {
  for (const Kernels& k : kKernels) {
    SCOPED_TRACE(k.name);
    uint32_t v[128] = {};
    v[127] = 9;  // values 0 .. 126, then 136
    uint32_t copy[128];
    std::copy(v, v + 128, copy);
    EXPECT_TRUE(k.gaps(copy, -1, 137));
    EXPECT_EQ(copy[0], 0u);
    EXPECT_EQ(copy[126], 126u);
    EXPECT_EQ(copy[127], 136u);
    std::copy(v, v + 128, copy);
    EXPECT_FALSE(k.gaps(copy, -1, 136));
    std::copy(v, v + 128, copy);
    EXPECT_TRUE(k.gaps(copy, 1000, 1138));  // 1001 .. 1127, then 1137
    EXPECT_EQ(copy[127], 1137u);
    std::copy(v, v + 128, copy);
    EXPECT_FALSE(k.gaps(copy, 1000, 1137));
  }
}

TEST(GapsTest, GapsWhoseSumWrapsIn32BitsAreRejected) {
  for (const Kernels& k : kKernels) {
    SCOPED_TRACE(k.name);
    // Each gap fits in 32 bits, their sum does not: a 32-bit running sum would wrap around to a
    // small, plausible doc id.
    uint32_t v[128] = {};
    v[10] = 0xFFFFFFF0u;
    v[20] = 0x00000100u;
    EXPECT_FALSE(k.gaps(v, -1, uint64_t{1} << 32));
    uint32_t w[128] = {};
    w[0] = 0xFFFFFF00u;  // 0xFFFFFF00 + 127 more values: still below 2^32
    EXPECT_TRUE(k.gaps(w, -1, uint64_t{1} << 32));
    EXPECT_EQ(w[127], 0xFFFFFF00u + 127);
  }
}

TEST(GapsTest, FrequenciesAddOneAndRejectAWrap) {
  for (const Kernels& k : kKernels) {
    SCOPED_TRACE(k.name);
    uint32_t v[128];
    for (uint32_t i = 0; i < 128; ++i) v[i] = i * 1000;
    ASSERT_TRUE(k.freqs(v));
    for (uint32_t i = 0; i < 128; ++i) EXPECT_EQ(v[i], i * 1000 + 1);
    v[77] = 0xFFFFFFFFu;
    EXPECT_FALSE(k.freqs(v));
  }
}

}  // namespace
}  // namespace rasd::index::internal::gaps
