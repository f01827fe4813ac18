// Bit-packing kernels against plain vectors, for every width, with random seeds printed.
#include "rasd/index/internal/bitpack.h"

#include <gtest/gtest.h>

#include <random>

namespace rasd::index::internal::bitpack {
namespace {

TEST(BitpackTest, EveryWidthRoundTrips) {
  const uint64_t seed = std::random_device()();
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  std::mt19937_64 rng(seed);
  for (int bits = 0; bits <= 32; ++bits) {
    for (int rep = 0; rep < 20; ++rep) {
      uint32_t in[128], out[128];
      const uint64_t mask = bits == 32 ? 0xFFFFFFFFull : (uint64_t{1} << bits) - 1;
      for (uint32_t& v : in) v = static_cast<uint32_t>(rng() & mask);
      if (rep == 0) for (uint32_t& v : in) v = static_cast<uint32_t>(mask);  // all ones
      std::vector<uint8_t> buf(PackedBytes128(bits) + kPadding, 0xAB);
      Pack128(in, bits, buf.data());
      // Pack writes exactly 16*bits bytes.
      for (size_t i = PackedBytes128(bits); i < buf.size(); ++i) ASSERT_EQ(buf[i], 0xAB);
      Unpack128(buf.data(), bits, out);
      for (int i = 0; i < 128; ++i) ASSERT_EQ(out[i], in[i]) << "bits " << bits << " i " << i;
      ASSERT_LE(MaxBits(in, 128), bits);
    }
  }
}

TEST(BitpackTest, BitsFor) {
  EXPECT_EQ(BitsFor(0), 0);
  EXPECT_EQ(BitsFor(1), 1);
  EXPECT_EQ(BitsFor(2), 2);
  EXPECT_EQ(BitsFor(255), 8);
  EXPECT_EQ(BitsFor(256), 9);
  EXPECT_EQ(BitsFor(0xFFFFFFFFull), 32);
  EXPECT_EQ(BitsFor(~uint64_t{0}), 64);
}

TEST(BitpackTest, PackedArraysRandomAccess) {
  const uint64_t seed = std::random_device()();
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  std::mt19937_64 rng(seed);
  for (int bits = 0; bits <= 64; ++bits) {
    const size_t n = 1 + rng() % 300;
    std::vector<uint64_t> values(n);
    const uint64_t mask = bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
    for (uint64_t& v : values) v = rng() & mask;
    std::string out = "xyz";  // appends after existing bytes
    AppendPacked(values.data(), n, bits, &out);
    ASSERT_EQ(out.size(), 3 + PackedArrayBytes(n, bits));
    out.append(kPadding, '\0');
    const auto* base = reinterpret_cast<const uint8_t*>(out.data()) + 3;
    for (size_t i = 0; i < n; ++i) ASSERT_EQ(ReadPacked(base, i, bits), values[i]) << bits;
  }
}

}  // namespace
}  // namespace rasd::index::internal::bitpack
