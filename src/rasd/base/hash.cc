// Hash64 of more than 16 bytes; shorter keys are hashed in hash.h.
#include "rasd/base/hash.h"

#include <cstring>

namespace rasd::base::internal {
namespace {

constexpr uint64_t kP2 = 0x8ebc6af09c88c6e3ull;
constexpr uint64_t kP3 = 0x589965cc75374cc3ull;

inline uint64_t Read64(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;  // little-endian hosts only, as everywhere in rasd
}

}  // namespace

uint64_t Hash64Long(const char* data, size_t n, uint64_t seed) {
  const auto* p = reinterpret_cast<const unsigned char*>(data);
  seed ^= kHashP0;
  size_t i = n;
  if (i > 48) {
    uint64_t s1 = seed;
    uint64_t s2 = seed;
    do {
      seed = HashMum(Read64(p) ^ kHashP1, Read64(p + 8) ^ seed);
      s1 = HashMum(Read64(p + 16) ^ kP2, Read64(p + 24) ^ s1);
      s2 = HashMum(Read64(p + 32) ^ kP3, Read64(p + 40) ^ s2);
      p += 48;
      i -= 48;
    } while (i > 48);
    seed ^= s1 ^ s2;
  }
  while (i > 16) {
    seed = HashMum(Read64(p) ^ kHashP1, Read64(p + 8) ^ seed);
    i -= 16;
    p += 16;
  }
  const uint64_t a = Read64(p + i - 16);
  const uint64_t b = Read64(p + i - 8);
  return HashMum(kHashP1 ^ n, HashMum(a ^ kHashP1, b ^ seed));
}

}  // namespace rasd::base::internal
