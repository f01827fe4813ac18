// Hash64: a fast, well-mixed 64-bit hash for in-memory hash tables, MinHash and shingle
// fingerprints. NOT for on-disk checksums (those use crc32c.h) and not cryptographic.
//
// The construction follows wyhash (Wang Yi, public domain): read 8-byte words, combine pairs
// with a 64x64->128-bit multiply and fold the halves ("mum"). The output is part of on-disk
// formats where a file stores fingerprints, so it must never change: hash_test.cc pins values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace rasd::base {

namespace internal {

inline constexpr uint64_t kHashP0 = 0xa0761d6478bd642full;
inline constexpr uint64_t kHashP1 = 0xe7037ed1a0b428dbull;

inline uint64_t HashMum(uint64_t a, uint64_t b) {
  const __uint128_t r = static_cast<__uint128_t>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

inline uint64_t HashRead32(const unsigned char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;  // little-endian hosts only, as everywhere in rasd
}

// Hash64 of more than 16 bytes (hash.cc).
uint64_t Hash64Long(const char* data, size_t n, uint64_t seed);

}  // namespace internal

// Keys of at most 16 bytes (a word, a term) are hashed inline: as a call, the entry and exit
// cost a third of the work (callgrind, a term per token when indexing).
inline uint64_t Hash64(const char* data, size_t n, uint64_t seed = 0) {
  using internal::HashMum;
  using internal::HashRead32;
  if (n > 16) return internal::Hash64Long(data, n, seed);
  const auto* p = reinterpret_cast<const unsigned char*>(data);
  uint64_t a = 0;
  uint64_t b = 0;
  if (n >= 4) {
    // Four overlapping 4-byte words cover 4..16 bytes.
    a = (HashRead32(p) << 32) | HashRead32(p + ((n >> 3) << 2));
    b = (HashRead32(p + n - 4) << 32) | HashRead32(p + n - 4 - ((n >> 3) << 2));
  } else if (n > 0) {
    // 1..3 bytes, read without branching on each length.
    a = (uint64_t{p[0]} << 16) | (uint64_t{p[n >> 1]} << 8) | p[n - 1];
  }
  return HashMum(internal::kHashP1 ^ n,
                 HashMum(a ^ internal::kHashP1, b ^ seed ^ internal::kHashP0));
}
inline uint64_t Hash64(std::string_view s, uint64_t seed = 0) {
  return Hash64(s.data(), s.size(), seed);
}

// Mixes one 64-bit value (for hashing integers and combining hashes).
inline uint64_t Mix64(uint64_t x) {
  // The finaliser of SplitMix64 (Steele, Lea & Flood, OOPSLA 2014).
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

}  // namespace rasd::base
