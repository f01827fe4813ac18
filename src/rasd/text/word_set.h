// WordSet: an immutable hash set of short byte strings, for the per-token lookups of the
// analyzer (stopwords, the stemmer's protected words).
//
// Open addressing with linear probing over a power-of-two table at most 25% full, keyed by a
// hash of the word's first and last bytes (ShortStringHash); a length filter and a filter on
// two of its bytes reject most non-members before hashing. Lookups do no allocation and compare at most a couple of slots.
//
// Thread-safety: immutable after construction; Contains may be called concurrently.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace rasd::text {

// A hash for short strings (words): the first and last eight bytes (four, or single bytes, for
// shorter strings) and the length, mixed with two multiplications; no loop. Words of up to 16
// bytes (8 Arabic letters) are hashed in full. Use the TOP bits (Fibonacci hashing).
inline uint64_t ShortStringHash(std::string_view s) {
  const char* p = s.data();
  const size_t n = s.size();
  uint64_t x = 0, y = 0;
  if (n >= 8) {
    std::memcpy(&x, p, 8);
    std::memcpy(&y, p + n - 8, 8);
  } else if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    x = a;
    y = b;
  } else if (n > 0) {
    x = static_cast<uint8_t>(p[0]) | (static_cast<uint64_t>(static_cast<uint8_t>(p[n / 2])) << 8) |
        (static_cast<uint64_t>(static_cast<uint8_t>(p[n - 1])) << 16);
  }
  uint64_t h = (x ^ n) * 0x9E3779B97F4A7C15ull;
  h ^= (y + (h >> 29)) * 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 31);
}

class WordSet {
 public:
  WordSet() = default;
  // Builds the set from `words` (duplicates are fine).
  explicit WordSet(const std::vector<std::string>& words);

  bool Contains(std::string_view s) const {
    if (s.empty() || s.size() >= 64 || ((size_mask_ >> s.size()) & 1) == 0) return false;
    // Second filter: the low six bits of the second byte and of the last byte (for Arabic, the
    // first and the last letter); a random word passes it with a probability of about
    // size()/4096.
    const size_t n = s.size();
    const unsigned a = static_cast<uint8_t>(s[n >= 2 ? 1 : 0]) & 63;
    const unsigned b = static_cast<uint8_t>(s[n - 1]) & 63;
    if (((pair_filter_[a] >> b) & 1) == 0) return false;
    for (size_t i = Hash(s) >> shift_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.size == 0) return false;
      if (slot.size == s.size() && Equal(storage_.data() + slot.offset, s.data(), s.size())) {
        return true;
      }
    }
  }

  // The members, sorted.
  const std::vector<std::string>& words() const { return words_; }
  size_t size() const { return words_.size(); }

 private:
  struct Slot {
    uint32_t offset = 0;
    uint32_t size = 0;  // 0 = empty (the empty string is never a member)
  };
  static uint64_t Hash(std::string_view s) { return ShortStringHash(s); }
  static bool Equal(const char* a, const char* b, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }

  std::vector<std::string> words_;
  std::string storage_;
  std::vector<Slot> slots_{1};
  size_t mask_ = 0;
  int shift_ = 63;
  uint64_t size_mask_ = 0;  // bit n set: some member has n bytes
  uint64_t pair_filter_[64] = {};  // bit b of word a: some member has that (second, last) pair
};

}  // namespace rasd::text
