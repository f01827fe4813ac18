// ByteSlicePool: many interleaved streams against plain vectors.
#include "rasd/index/internal/byte_slice_pool.h"

#include <gtest/gtest.h>

#include <random>

namespace rasd::index::internal {
namespace {

TEST(ByteSlicePoolTest, InterleavedStreams) {
  const uint64_t seed = std::random_device()();
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  std::mt19937_64 rng(seed);
  ByteSlicePool pool;
  constexpr int kStreams = 2000;
  std::vector<uint32_t> start(kStreams), upto(kStreams);
  std::vector<std::vector<uint32_t>> want(kStreams);
  for (int s = 0; s < kStreams; ++s) start[s] = upto[s] = pool.NewStream();
  for (int i = 0; i < 400000; ++i) {
    // Skewed: a few streams get most values (long slice chains).
    const int s = static_cast<int>(rng() % (rng() % 4 == 0 ? kStreams : 20));
    const uint32_t v = static_cast<uint32_t>(rng() % 3 == 0 ? rng() : rng() % 200);
    pool.WriteVarint(&upto[s], v);
    want[s].push_back(v);
  }
  for (int s = 0; s < kStreams; ++s) {
    ByteSlicePool::Reader r(&pool, start[s], upto[s]);
    for (uint32_t v : want[s]) ASSERT_EQ(r.ReadVarint(), v) << "stream " << s;
    ASSERT_TRUE(r.done()) << s;
  }
  EXPECT_GT(pool.memory_bytes(), 0u);
  pool.Clear();
  EXPECT_EQ(pool.memory_bytes(), 0u);
}

TEST(ByteSlicePoolTest, EmptyAndSingleByteStreams) {
  ByteSlicePool pool;
  const uint32_t a = pool.NewStream();
  uint32_t b = pool.NewStream();
  const uint32_t b0 = b;
  pool.WriteByte(&b, 0);  // a zero byte is data, not an end marker
  ByteSlicePool::Reader ra(&pool, a, a);
  EXPECT_TRUE(ra.done());
  ByteSlicePool::Reader rb(&pool, b0, b);
  EXPECT_EQ(rb.ReadByte(), 0);
  EXPECT_TRUE(rb.done());
}

}  // namespace
}  // namespace rasd::index::internal
