// PFOR blocks: 128 integers bit-packed at a width b chosen to minimise the block's size, with
// the few values wider than b stored as exceptions (their index and their high bits) after
// the packed part. "Patched frame of reference": Zukowski, Héman, Nes & Boncz, "Super-Scalar
// RAM-CPU Cache Compression", ICDE 2006; Lucene 9's PForUtil uses the same idea. A single
// outlier (a long gap, the first position of a long document) no longer widens all 128
// values.
//
// Layout (docs/FORMAT.md, "PFOR block"):
//   header   u8       bits 0-5: b (0..32); bit 7: exceptions follow; bit 6: 0
//   packed   pack128(b) of (value mod 2^b)
//   if bit 7:
//     count    u8       1..kMaxExceptions
//     indexes  u8 × count, strictly increasing, < 128
//     highs    varint × count: value >> b (non-zero), in index order
#pragma once

#include <cstdint>
#include <string>

namespace rasd::index::internal::pfor {

inline constexpr int kMaxExceptions = 32;

// Appends the block encoding of in[0..128) to *out.
void AppendBlock(const uint32_t* in, std::string* out);
// Decodes a block starting at p into out[0..128); returns one past it, or nullptr when the
// block is malformed or runs past `end` (it may read up to 7 bytes past the packed part, see
// bitpack.h).
const uint8_t* DecodeBlock(const uint8_t* p, const uint8_t* end, uint32_t* out);
// Returns one past the block at p without decoding it, or nullptr (as DecodeBlock).
const uint8_t* SkipBlock(const uint8_t* p, const uint8_t* end);

}  // namespace rasd::index::internal::pfor
