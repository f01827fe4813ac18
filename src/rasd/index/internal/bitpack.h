// Bit-packing: blocks of 128 unsigned integers stored with the same bit width, and
// arbitrary-length packed arrays with random access (for doc values).
//
// The block layout is "horizontal": value i occupies bits [i*b, (i+1)*b) of a little-endian
// bit stream, so a block of width b is exactly 16*b bytes and every group of 8 values starts
// on a byte boundary. The decoder is specialised per width at compile time (every shift and
// mask is a constant), in the spirit of the binary packing of Lemire & Boytsov, "Decoding
// billions of integers per second through vectorization" (Software: Practice and Experience
// 45(1), 2015), without their SIMD lane interleaving, so the on-disk format does not depend
// on a vector width. Where the processor has AVX2, Unpack128 decodes this layout 8 values
// at a time with byte shuffles and per-lane shifts (bitpack.cc).
//
// Over-read contract: Unpack128 and ReadPacked load 8 bytes at a time and may read up to
// 7 bytes past the end of the packed data (never use them). Every index file ends with a
// 16-byte footer, so decoding in-bounds data from a file never leaves the file; tests pad
// their buffers with kPadding bytes.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

namespace rasd::index::internal::bitpack {

inline constexpr size_t kPadding = 8;

// Bits needed for v (0 for v == 0).
inline int BitsFor(uint64_t v) { return v == 0 ? 0 : 64 - std::countl_zero(v); }

// Bits needed for the largest of in[0..n).
inline int MaxBits(const uint32_t* in, size_t n) {
  uint32_t acc = 0;
  for (size_t i = 0; i < n; ++i) acc |= in[i];
  return BitsFor(acc);
}

inline size_t PackedBytes128(int bits) { return 16 * static_cast<size_t>(bits); }

// Writes the 128 values of `in` (each < 2^bits; 0 <= bits <= 32) as 16*bits bytes at out.
void Pack128(const uint32_t* in, int bits, uint8_t* out);
// Reads 128 values of `bits` bits from in (see the over-read contract). On a processor with
// AVX2, widths 1 to 25 are decoded with it (the same values; chosen once, at first use).
void Unpack128(const uint8_t* in, int bits, uint32_t* out);
// The same with the portable kernels whatever the processor, and whether Unpack128 uses the
// AVX2 ones: for tests and benchmarks that compare the two.
void Unpack128Portable(const uint8_t* in, int bits, uint32_t* out);
bool Unpack128UsesAvx2();

// Packed arrays: n values of `bits` bits (0..64), little-endian bit stream, ceil(n*bits/8)
// bytes. Appends them to *out.
void AppendPacked(const uint64_t* values, size_t n, int bits, std::string* out);
inline size_t PackedArrayBytes(uint64_t n, int bits) { return (n * bits + 7) / 8; }

inline uint64_t LoadLE64(const uint8_t* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  return w;
}

// Value `index` of a packed array (see the over-read contract).
inline uint64_t ReadPacked(const uint8_t* base, uint64_t index, int bits) {
  if (bits == 0) return 0;
  const uint64_t bit = index * static_cast<uint64_t>(bits);
  const uint8_t* p = base + (bit >> 3);
  const int shift = static_cast<int>(bit & 7);
  if (bits <= 56) {
    return (LoadLE64(p) >> shift) & ((uint64_t{1} << bits) - 1);
  }
  // Up to 64 + 7 bits: combine two loads.
  uint64_t lo = LoadLE64(p) >> shift;
  if (shift != 0) lo |= static_cast<uint64_t>(p[8]) << (64 - shift);
  return bits == 64 ? lo : lo & ((uint64_t{1} << bits) - 1);
}

}  // namespace rasd::index::internal::bitpack
