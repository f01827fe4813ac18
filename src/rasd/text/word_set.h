// WordSet: an immutable hash set of short byte strings, for the per-token lookups of the
// analyzer (stopwords, the stemmer's protected words).
//
// Open addressing with linear probing over a power-of-two table at most 25% full, keyed by a
// hash of the word's first and last bytes finished with rasd::base::Mix64; a length filter rejects most non-members before hashing. Lookups do no
// allocation and compare at most a couple of slots.
//
// Thread-safety: immutable after construction; Contains may be called concurrently.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/base/hash.h"

namespace rasd::text {

class WordSet {
 public:
  WordSet() = default;
  // Builds the set from `words` (duplicates are fine).
  explicit WordSet(const std::vector<std::string>& words);

  bool Contains(std::string_view s) const {
    if (s.size() >= 64 || ((size_mask_ >> s.size()) & 1) == 0) return false;
    for (size_t i = Hash(s) & mask_;; i = (i + 1) & mask_) {
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
  // Words are short: hash the first and last 8 (or 4) bytes and the length, no loop.
  static uint64_t Hash(std::string_view s) {
    const char* p = s.data();
    const size_t n = s.size();
    uint64_t a = 0, b = 0;
    if (n >= 8) {
      std::memcpy(&a, p, 8);
      std::memcpy(&b, p + n - 8, 8);
    } else if (n >= 4) {
      uint32_t x, y;
      std::memcpy(&x, p, 4);
      std::memcpy(&y, p + n - 4, 4);
      a = x;
      b = y;
    } else if (n > 0) {
      a = static_cast<uint8_t>(p[0]) | (static_cast<uint64_t>(static_cast<uint8_t>(p[n / 2])) << 8) |
          (static_cast<uint64_t>(static_cast<uint8_t>(p[n - 1])) << 16);
    }
    return base::Mix64(a ^ base::Mix64(b + n));
  }
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
  uint64_t size_mask_ = 0;  // bit n set: some member has n bytes
};

}  // namespace rasd::text
