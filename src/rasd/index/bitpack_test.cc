// Bit-packing kernels against plain vectors, for every width, with random seeds printed.
#include "rasd/index/internal/bitpack.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>

#include "rasd/index/internal/pfor.h"

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
      if (rep == 0)
        for (uint32_t& v : in) v = static_cast<uint32_t>(mask);  // all ones
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

// Unpack128 (the AVX2 kernels where the processor has them) and the portable kernels decode
// the same values, from a block at the very end of its allocation plus the 7 bytes the
// over-read contract allows, so that AddressSanitizer sees any read past them.
TEST(BitpackTest, DispatchedAndPortableKernelsAgree) {
  const uint64_t seed = std::random_device()();
  std::printf("seed %llu, AVX2 kernels %s\n", static_cast<unsigned long long>(seed),
              Unpack128UsesAvx2() ? "in use" : "not in use");
  std::mt19937_64 rng(seed);
  for (int bits = 0; bits <= 32; ++bits) {
    const uint64_t mask = bits == 32 ? 0xFFFFFFFFull : (uint64_t{1} << bits) - 1;
    for (int rep = 0; rep < 50; ++rep) {
      uint32_t in[128], fast[128], portable[128];
      for (uint32_t& v : in) v = static_cast<uint32_t>(rng() & mask);
      if (rep == 0)
        for (uint32_t& v : in) v = static_cast<uint32_t>(mask);
      if (rep == 1)
        for (int i = 0; i < 128; ++i) in[i] = i % 2 == 0 ? 0 : mask;
      const size_t n = PackedBytes128(bits) + 7;
      auto buf = std::make_unique<uint8_t[]>(n);
      std::fill_n(buf.get(), n, uint8_t{0xFF});  // bytes past the block must not leak in
      Pack128(in, bits, buf.get());
      Unpack128(buf.get(), bits, fast);
      Unpack128Portable(buf.get(), bits, portable);
      for (int i = 0; i < 128; ++i) {
        ASSERT_EQ(fast[i], in[i]) << "bits " << bits << " i " << i;
        ASSERT_EQ(portable[i], in[i]) << "bits " << bits << " i " << i;
      }
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

namespace rasd::index::internal::pfor {
namespace {

TEST(PforTest, RoundTripsWithOutliers) {
  const uint64_t seed = std::random_device()();
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  std::mt19937_64 rng(seed);
  for (int rep = 0; rep < 3000; ++rep) {
    uint32_t in[128], out[128];
    const int base_bits = static_cast<int>(rng() % 33);
    const uint64_t mask = base_bits == 32 ? 0xFFFFFFFFull : (uint64_t{1} << base_bits) - 1;
    for (uint32_t& v : in) v = static_cast<uint32_t>(rng() & mask);
    const int outliers = static_cast<int>(rng() % 40);
    for (int i = 0; i < outliers; ++i)
      in[rng() % 128] = static_cast<uint32_t>(rng() >> (rng() % 64));
    if (rep == 0) std::fill(in, in + 128, 0u);
    if (rep == 1) std::fill(in, in + 128, 0xFFFFFFFFu);
    std::string buf;
    AppendBlock(in, &buf);
    const size_t size = buf.size();
    buf.append("trailer");
    buf.append(8, '\0');
    const auto* p = reinterpret_cast<const uint8_t*>(buf.data());
    const auto* end = p + size + 7;
    ASSERT_EQ(DecodeBlock(p, end, out), p + size) << rep;
    for (int i = 0; i < 128; ++i) ASSERT_EQ(out[i], in[i]) << "rep " << rep << " i " << i;
    ASSERT_EQ(SkipBlock(p, end), p + size);
    // Never larger than plain bit-packing at the maximum width (plus its header byte).
    ASSERT_LE(size, 1 + bitpack::PackedBytes128(bitpack::MaxBits(in, 128)));
    // Truncated blocks are rejected.
    if (size > 1) {
      EXPECT_EQ(DecodeBlock(p, p + size - 1, out), nullptr);
    }
  }
}

// The block is as small as any width allowed (at most kMaxExceptions values wider) makes it:
// sizes computed here from the layout, value by value.
TEST(PforTest, ChoosesTheCheapestWidth) {
  const uint64_t seed = std::random_device()();
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  std::mt19937_64 rng(seed);
  for (int rep = 0; rep < 2000; ++rep) {
    uint32_t in[128];
    const int base_bits = static_cast<int>(rng() % 20);
    for (uint32_t& v : in) v = static_cast<uint32_t>(rng() & ((uint64_t{1} << base_bits) - 1));
    const int outliers = static_cast<int>(rng() % 40);
    for (int i = 0; i < outliers; ++i)
      in[rng() % 128] = static_cast<uint32_t>(rng() >> (rng() % 64));
    size_t cheapest = 1 + bitpack::PackedBytes128(bitpack::MaxBits(in, 128));
    for (int b = 0; b < bitpack::MaxBits(in, 128); ++b) {
      size_t size = 1 + bitpack::PackedBytes128(b) + 1;
      int wider = 0;
      for (uint32_t v : in) {
        if ((v >> b) == 0) continue;
        ++wider;
        size += 1 + (bitpack::BitsFor(v >> b) + 6) / 7;
      }
      if (wider <= kMaxExceptions) cheapest = std::min(cheapest, size);
    }
    std::string buf;
    AppendBlock(in, &buf);
    ASSERT_EQ(buf.size(), cheapest) << "rep " << rep;
  }
}

TEST(PforTest, OneOutlierStaysCheap) {
  uint32_t in[128];
  for (int i = 0; i < 128; ++i) in[i] = static_cast<uint32_t>(i % 4);
  in[77] = 1u << 30;
  std::string buf;
  AppendBlock(in, &buf);
  EXPECT_LT(buf.size(), 1 + bitpack::PackedBytes128(2) + 1 + 1 + 5 + 1);
}

TEST(PforTest, CorruptBlocksNeverCrash) {
  std::mt19937_64 rng(11);
  for (int rep = 0; rep < 5000; ++rep) {
    std::string buf(rng() % 700, '\0');
    for (char& c : buf) c = static_cast<char>(rng());
    buf.append(8, '\0');  // the over-read slack
    const auto* p = reinterpret_cast<const uint8_t*>(buf.data());
    uint32_t out[128];
    DecodeBlock(p, p + buf.size() - 8, out);
    SkipBlock(p, p + buf.size() - 8);
  }
}

}  // namespace
}  // namespace rasd::index::internal::pfor
