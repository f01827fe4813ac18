// Hash64: see hash.h.
#include "rasd/base/hash.h"

#include <cstring>

namespace rasd::base {
namespace {

constexpr uint64_t kP0 = 0xa0761d6478bd642full;
constexpr uint64_t kP1 = 0xe7037ed1a0b428dbull;
constexpr uint64_t kP2 = 0x8ebc6af09c88c6e3ull;
constexpr uint64_t kP3 = 0x589965cc75374cc3ull;

inline uint64_t Mum(uint64_t a, uint64_t b) {
  const __uint128_t r = static_cast<__uint128_t>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

inline uint64_t Read64(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;  // little-endian hosts only, as everywhere in rasd
}

inline uint64_t Read32(const unsigned char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// 1..3 bytes, read without branching on each length.
inline uint64_t Read3(const unsigned char* p, size_t k) {
  return (uint64_t{p[0]} << 16) | (uint64_t{p[k >> 1]} << 8) | p[k - 1];
}

}  // namespace

uint64_t Hash64(const char* data, size_t n, uint64_t seed) {
  const auto* p = reinterpret_cast<const unsigned char*>(data);
  seed ^= kP0;
  uint64_t a;
  uint64_t b;
  if (n <= 16) {
    if (n >= 4) {
      a = (Read32(p) << 32) | Read32(p + ((n >> 3) << 2));
      b = (Read32(p + n - 4) << 32) | Read32(p + n - 4 - ((n >> 3) << 2));
    } else if (n > 0) {
      a = Read3(p, n);
      b = 0;
    } else {
      a = b = 0;
    }
  } else {
    size_t i = n;
    if (i > 48) {
      uint64_t s1 = seed;
      uint64_t s2 = seed;
      do {
        seed = Mum(Read64(p) ^ kP1, Read64(p + 8) ^ seed);
        s1 = Mum(Read64(p + 16) ^ kP2, Read64(p + 24) ^ s1);
        s2 = Mum(Read64(p + 32) ^ kP3, Read64(p + 40) ^ s2);
        p += 48;
        i -= 48;
      } while (i > 48);
      seed ^= s1 ^ s2;
    }
    while (i > 16) {
      seed = Mum(Read64(p) ^ kP1, Read64(p + 8) ^ seed);
      i -= 16;
      p += 16;
    }
    a = Read64(p + i - 16);
    b = Read64(p + i - 8);
  }
  return Mum(kP1 ^ n, Mum(a ^ kP1, b ^ seed));
}

}  // namespace rasd::base
