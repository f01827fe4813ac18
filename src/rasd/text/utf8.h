// UTF-8 decoding, validation and encoding (RFC 3629; Unicode 14 §3.9, Table 3-7).
//
// The analyzer sees arbitrary bytes from the network and from files, so decoding is strict: the
// only sequences accepted are the well-formed ones of Table 3-7 (no overlongs, no surrogates
// U+D800..U+DFFF, nothing above U+10FFFF). On an ill-formed sequence DecodeUtf8 reports the
// length of its "maximal subpart" (Unicode §3.9, "U+FFFD Substitution of Maximal Subparts"), so a
// caller that replaces bad bytes with U+FFFD does so exactly as the W3C/WHATWG encoders do.
//
// The decoders are inline because the tokenizer calls them once per code point: ASCII is one
// compare, the 2-byte sequences of the Arabic block are a second short path.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "rasd/base/status.h"

namespace rasd::text {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// Decodes the code point starting at p[0] (requires p < end). On success stores it in *cp and
// returns its length in bytes (1..4). On an ill-formed sequence returns the NEGATED length
// (-1..-3) of the maximal subpart to skip, and leaves *cp unspecified.
[[gnu::always_inline]] inline int DecodeUtf8(const uint8_t* p, const uint8_t* end, char32_t* cp) {
  const uint8_t b0 = p[0];
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  const ptrdiff_t avail = end - p;
  if (b0 >= 0xC2 && b0 <= 0xDF) {  // 2 bytes: C2..DF 80..BF
    if (avail >= 2 && (p[1] & 0xC0) == 0x80) {
      *cp = (static_cast<char32_t>(b0 & 0x1F) << 6) | (p[1] & 0x3F);
      return 2;
    }
    return -1;
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {  // 3 bytes
    // Second-byte range per Table 3-7: E0 A0..BF, ED 80..9F (no surrogates), else 80..BF.
    const uint8_t lo = b0 == 0xE0 ? 0xA0 : 0x80;
    const uint8_t hi = b0 == 0xED ? 0x9F : 0xBF;
    if (avail < 2 || p[1] < lo || p[1] > hi) return -1;
    if (avail < 3 || (p[2] & 0xC0) != 0x80) return -2;
    *cp = (static_cast<char32_t>(b0 & 0x0F) << 12) | (static_cast<char32_t>(p[1] & 0x3F) << 6) |
          (p[2] & 0x3F);
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {  // 4 bytes: F0 90..BF, F4 80..8F, else 80..BF
    const uint8_t lo = b0 == 0xF0 ? 0x90 : 0x80;
    const uint8_t hi = b0 == 0xF4 ? 0x8F : 0xBF;
    if (avail < 2 || p[1] < lo || p[1] > hi) return -1;
    if (avail < 3 || (p[2] & 0xC0) != 0x80) return -2;
    if (avail < 4 || (p[3] & 0xC0) != 0x80) return -3;
    *cp = (static_cast<char32_t>(b0 & 0x07) << 18) | (static_cast<char32_t>(p[1] & 0x3F) << 12) |
          (static_cast<char32_t>(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    return 4;
  }
  return -1;  // 80..C1 (continuation or overlong lead) and F5..FF never start a sequence
}

// Byte offset of the first ill-formed sequence in `s`, or std::string_view::npos if `s` is
// valid UTF-8. Scans ASCII eight bytes at a time.
size_t FindInvalidUtf8(std::string_view s);

inline bool IsValidUtf8(std::string_view s) {
  return FindInvalidUtf8(s) == std::string_view::npos;
}

// OK, or InvalidArgument "invalid UTF-8 at byte N" with N the offset of the first bad byte.
Status ValidateUtf8(std::string_view s);

// Writes the UTF-8 encoding of `cp` (a scalar value: <= U+10FFFF, not a surrogate) to buf, which
// must hold 4 bytes; returns the number of bytes written.
int EncodeUtf8(char32_t cp, char* buf);

// Appends the UTF-8 encoding of `cp` to *out.
void AppendUtf8(char32_t cp, std::string* out);

// Number of code points in valid UTF-8 `s` (the bytes that are not continuation bytes;
// for invalid input, a count of that). Eight bytes at a time, no loop over bytes.
size_t CountCodePoints(std::string_view s);

// Returns `s` with every maximal ill-formed subpart replaced by U+FFFD (EF BF BD).
std::string ReplaceInvalidUtf8(std::string_view s);

// `s` without a leading UTF-8 byte-order mark (EF BB BF), which editors on Windows write
// before a file's first line and which is no part of its text (RFC 8259 section 8.1 lets a
// JSON parser ignore it).
inline std::string_view SkipByteOrderMark(std::string_view s) {
  return s.substr(0, 3) == "\xEF\xBB\xBF" ? s.substr(3) : s;
}

// The longest prefix of `s` of at most `max` bytes that ends at a character boundary (for
// showing part of a long value in a message, or cutting a text at a byte budget).
inline std::string_view Utf8Prefix(std::string_view s, size_t max) {
  if (s.size() <= max) return s;
  while (max > 0 && (static_cast<unsigned char>(s[max]) & 0xC0) == 0x80) --max;
  return s.substr(0, max);
}

}  // namespace rasd::text
