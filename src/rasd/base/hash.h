// Hash64: a fast, well-mixed 64-bit hash for in-memory hash tables, MinHash and shingle
// fingerprints. NOT for on-disk checksums (those use crc32c.h) and not cryptographic.
//
// The construction follows wyhash (Wang Yi, public domain): read 8-byte words, combine pairs
// with a 64x64->128-bit multiply and fold the halves ("mum"). The output is part of on-disk
// formats where a file stores fingerprints, so it must never change: hash_test.cc pins values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rasd::base {

uint64_t Hash64(const char* data, size_t n, uint64_t seed = 0);
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
