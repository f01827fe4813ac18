// LoadTermKey: the first 16 bytes of a term as two words, the form in which the segment
// buffer's table (segment_buffer.h, TermState::key) compares terms without touching their
// bytes in the arena.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace rasd::index::internal {

// key[0] holds bytes 0-7 of s, key[1] bytes 8-15, little-endian, zero where s is shorter.
// Loads of 8 or 4 bytes that overlap instead of a copy of min(s.size(), 16) bytes, which
// compiled to a byte loop: 7% of the inverting thread's instructions.
inline void LoadTermKey(std::string_view s, uint64_t key[2]) {
  const char* p = s.data();
  const size_t n = s.size();
  if (n >= 16) {
    std::memcpy(key, p, 16);
  } else if (n >= 8) {
    uint64_t tail;
    std::memcpy(&key[0], p, 8);
    std::memcpy(&tail, p + n - 8, 8);  // bytes n-8 .. n-1; bytes 8 .. n-1 are its top 16-n
    key[1] = n == 8 ? 0 : tail >> (8 * (16 - n));
  } else if (n >= 4) {
    uint32_t head;
    uint32_t tail;
    std::memcpy(&head, p, 4);
    std::memcpy(&tail, p + n - 4, 4);  // overlaps head where n < 8, with the same bytes
    key[0] = head | (uint64_t{tail} << (8 * (n - 4)));
    key[1] = 0;
  } else {
    uint64_t v = 0;
    for (size_t k = 0; k < n; ++k) v |= uint64_t{static_cast<uint8_t>(p[k])} << (8 * k);
    key[0] = v;
    key[1] = 0;
  }
}

}  // namespace rasd::index::internal
