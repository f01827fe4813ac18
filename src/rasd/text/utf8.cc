// UTF-8 validation and encoding; the decoder itself is inline in utf8.h.
#include "rasd/text/utf8.h"

#include <cstring>
#include <string>

namespace rasd::text {

size_t FindInvalidUtf8(std::string_view s) {
  const uint8_t* const begin = reinterpret_cast<const uint8_t*>(s.data());
  const uint8_t* const end = begin + s.size();
  const uint8_t* p = begin;
  while (p < end) {
    // ASCII fast path: skip 8 bytes at a time while none has its high bit set.
    while (end - p >= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      if (word & 0x8080808080808080ull) break;
      p += 8;
    }
    if (p == end) break;
    char32_t cp = 0;
    const int n = DecodeUtf8(p, end, &cp);
    if (n < 0) return static_cast<size_t>(p - begin);
    p += n;
  }
  return std::string_view::npos;
}

Status ValidateUtf8(std::string_view s) {
  const size_t bad = FindInvalidUtf8(s);
  if (bad == std::string_view::npos) return Status::OK();
  return Status::InvalidArgument("invalid UTF-8 at byte " + std::to_string(bad));
}

int EncodeUtf8(char32_t cp, char* buf) {
  if (cp < 0x80) {
    buf[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    buf[0] = static_cast<char>(0xC0 | (cp >> 6));
    buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    buf[0] = static_cast<char>(0xE0 | (cp >> 12));
    buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  buf[0] = static_cast<char>(0xF0 | (cp >> 18));
  buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

void AppendUtf8(char32_t cp, std::string* out) {
  char buf[4];
  out->append(buf, EncodeUtf8(cp, buf));
}

namespace {

// Continuation bytes (10xxxxxx) among the 8 bytes of x: 0x01 in each such byte, then a
// multiply sums the bytes (the baseline x86-64 instruction set has no POPCNT).
inline int Continuations8(uint64_t x) {
  const uint64_t marks = ((x & ~(x << 1)) >> 7) & 0x0101010101010101ull;
  return static_cast<int>((marks * 0x0101010101010101ull) >> 56);
}

}  // namespace

// The bytes that are not continuation bytes, counted eight (or four) bytes at a time; the last
// partial chunk is an overlapping load with the bytes already counted shifted out
// (little-endian).
size_t CountCodePoints(std::string_view s) {
  const char* p = s.data();
  const size_t n = s.size();
  int continuation = 0;
  if (n >= 8) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      uint64_t x;
      std::memcpy(&x, p + i, 8);
      continuation += Continuations8(x);
    }
    if (i < n) {
      uint64_t x;
      std::memcpy(&x, p + n - 8, 8);
      continuation += Continuations8(x >> (8 * (8 - (n - i))));
    }
  } else if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    continuation += Continuations8(a);
    if (n > 4) continuation += Continuations8(static_cast<uint64_t>(b) >> (8 * (8 - n)));
  } else {
    for (size_t i = 0; i < n; ++i) continuation += (static_cast<uint8_t>(p[i]) & 0xC0) == 0x80;
  }
  return n - static_cast<size_t>(continuation);
}

std::string ReplaceInvalidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  const uint8_t* const end = p + s.size();
  while (p < end) {
    char32_t cp = 0;
    const int n = DecodeUtf8(p, end, &cp);
    if (n > 0) {
      out.append(reinterpret_cast<const char*>(p), n);
      p += n;
    } else {
      AppendUtf8(kReplacementCharacter, &out);
      p += -n;
    }
  }
  return out;
}

}  // namespace rasd::text
