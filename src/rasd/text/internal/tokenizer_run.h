// The tokenizer's inner loop, shared by Tokenizer (which collects TokenSpans) and Analyzer (which
// builds Tokens directly, without an intermediate vector). Private to the text module.
//
// Run<Sink> walks the bytes once, looks up each code point in the normalisation table, writes
// norms into the arena and calls sink->Emit(const TokenSpan&) for every finished token, in
// order. The rules are documented in tokenizer.h.
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>

#include "rasd/base/status.h"
#include "rasd/text/normalize.h"
#include "rasd/text/tokenizer.h"
#include "rasd/text/utf8.h"

namespace rasd::text::internal {

inline bool IsAsciiAlnum(uint8_t c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}
inline bool IsAsciiAlpha(uint8_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
inline char AsciiLower(uint8_t c) {
  return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

// Case-insensitive ASCII prefix test.
inline bool HasPrefix(const uint8_t* p, const uint8_t* end, std::string_view prefix) {
  if (static_cast<size_t>(end - p) < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLower(p[i]) != prefix[i]) return false;
  }
  return true;
}

// ASCII bytes allowed inside a URL (RFC 3986 unreserved + reserved, less the delimiters that
// usually surround a URL in prose: quotes, brackets, parentheses, angle brackets).
inline bool IsUrlByte(uint8_t c) {
  if (IsAsciiAlnum(c)) return true;
  switch (c) {
    case '-': case '.': case '_': case '~': case ':': case '/': case '?': case '#':
    case '@': case '!': case '$': case '&': case '*': case '+': case ',': case ';':
    case '=': case '%':
      return true;
    default:
      return false;
  }
}

inline bool IsEmailLocalByte(uint8_t c) {
  return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

// The per-call tokenizer state.
template <typename Sink>
class Run {
 public:
  Run(const TokenizerOptions& options, std::string_view text, ByteArena* arena, Sink* sink)
      : options_(options),
        table_(NormalizationTable::Get()),
        ascii_(&table_.Small(0)),
        begin_(reinterpret_cast<const uint8_t*>(text.data())),
        end_(begin_ + text.size()),
        arena_(arena),
        sink_(sink),
        capped_(options.max_norm_bytes <= (size_t{1} << 20)) {}

  Status Go();

 private:
  // The class and replacement of the code point at p; sets *len (negative: invalid bytes).
  [[gnu::always_inline]] const CharInfo* Next(const uint8_t* p, int* len,
                                              CharInfo* scratch) const {
    if (*p < 0x80) {
      *len = 1;
      return &ascii_[*p];
    }
    char32_t cp = 0;
    *len = DecodeUtf8(p, end_, &cp);
    if (*len < 0) return nullptr;
    if (cp < 0x800) return &table_.Small(cp);
    if (cp <= 0xFFFF) return &table_.Bmp(cp);
    *scratch = table_.Lookup(cp);
    return scratch;
  }
  CharClass ClassAt(const uint8_t* p, int* len) const {
    CharInfo scratch;
    const CharInfo* info = Next(p, len, &scratch);
    return info == nullptr ? CharClass::kSeparator : info->cls;
  }

  void Start(const uint8_t* p, TokenKind kind) {
    // A capped token's whole norm (plus the 4-byte over-copy of the fast paths) fits in room
    // reserved now, so the per-letter paths need no capacity check of their own.
    if (capped_) arena_->Reserve(options_.max_norm_bytes + kMaxReplacementBytes);
    in_token_ = true;
    cur_ = TokenSpan();
    cur_.start = static_cast<uint32_t>(p - begin_);
    cur_.kind = kind;
    cur_.norm_offset = static_cast<uint32_t>(arena_->size());
    norm_size_ = 0;
  }
  // Room for n more norm bytes in the current token? (Else it is marked truncated.)
  bool Fits(size_t n) {
    if (cur_.truncated) [[unlikely]] return false;
    if (norm_size_ + n > options_.max_norm_bytes) [[unlikely]] {
      cur_.truncated = true;
      return false;
    }
    if (!capped_) arena_->Reserve(kMaxReplacementBytes);
    norm_size_ += n;
    return true;
  }
  void Append(const char* bytes, size_t n) {
    if (!Fits(n)) return;
    std::memcpy(arena_->tail(), bytes, n);
    arena_->Advance(n);
  }
  // Appends the normalised form of the code point at p (len bytes). The common cases (an
  // unchanged 1- or 2-byte letter, a replacement of up to 4 bytes) copy a fixed size.
  [[gnu::always_inline]] void AppendInfo(const CharInfo& info, const uint8_t* p, int len) {
    if (info.size == 0) {  // unchanged word character: copy the input bytes
      if (!Fits(static_cast<size_t>(len))) return;
      char* tail = arena_->tail();
      if (len == 2) {
        std::memcpy(tail, p, 2);
      } else if (len == 1) {
        tail[0] = static_cast<char>(p[0]);
      } else {
        std::memcpy(tail, p, static_cast<size_t>(len));
      }
      arena_->Advance(static_cast<size_t>(len));
    } else if (info.size <= 4) {
      if (!Fits(info.size)) return;
      std::memcpy(arena_->tail(), info.bytes, 4);  // room for 16 bytes was reserved
      arena_->Advance(info.size);
    } else {
      Append(table_.Replacement(info, {}).data(), info.size);
    }
  }
  void Finish() {
    if (!in_token_) return;
    in_token_ = false;
    if (norm_size_ == 0) return;  // cannot happen for word tokens; defensive
    cur_.end = static_cast<uint32_t>(token_end_ - begin_);
    cur_.norm_size = static_cast<uint32_t>(norm_size_);
    sink_->Emit(cur_);
  }

  // True when the three code points at p are digits and the fourth is not.
  bool IsDigitGroupAt(const uint8_t* p) const {
    for (int i = 0; i < 3; ++i) {
      if (p >= end_) return false;
      int len;
      if (ClassAt(p, &len) != CharClass::kDigit) return false;
      p += len;
    }
    if (p >= end_) return true;
    int len;
    return ClassAt(p, &len) != CharClass::kDigit;
  }
  bool IsDigitAt(const uint8_t* p) const {
    if (p >= end_) return false;
    int len;
    return ClassAt(p, &len) == CharClass::kDigit;
  }

  // URL or e-mail starting at p (an ASCII alphanumeric); returns the byte after it, or nullptr.
  const uint8_t* TryUrl(const uint8_t* p);
  const uint8_t* TryEmail(const uint8_t* p);
  // Emits [p, q) as a whole token of `kind`, its norm the ASCII-lower-cased bytes.
  void EmitWhole(const uint8_t* p, const uint8_t* q, TokenKind kind);

  const TokenizerOptions& options_;
  const NormalizationTable& table_;
  const CharInfo* const ascii_;
  const uint8_t* const begin_;
  const uint8_t* const end_;
  ByteArena* const arena_;
  Sink* const sink_;
  const bool capped_;  // tokens are capped at a small max_norm_bytes (the analyzer's case)

  bool in_token_ = false;
  TokenSpan cur_;
  size_t norm_size_ = 0;
  const uint8_t* token_end_ = nullptr;
  CharClass prev_class_ = CharClass::kSeparator;  // of the previous code point
  // Every e-mail candidate starting before this point is known to fail (keeps the scan linear).
  const uint8_t* email_checked_until_ = nullptr;
};

template <typename Sink>
const uint8_t* Run<Sink>::TryUrl(const uint8_t* p) {
  const uint8_t* q;
  if (HasPrefix(p, end_, "https://")) {
    q = p + 8;
  } else if (HasPrefix(p, end_, "http://")) {
    q = p + 7;
  } else if (HasPrefix(p, end_, "www.")) {
    q = p + 4;
  } else {
    return nullptr;
  }
  const uint8_t* const body = q;
  while (q < end_) {
    if (*q < 0x80) {
      if (!IsUrlByte(*q)) break;
      ++q;
    } else {
      int len;
      const CharClass cls = ClassAt(q, &len);
      if (len < 0 || cls == CharClass::kSeparator) break;
      q += len;
    }
  }
  // Sentence punctuation after a URL is not part of it.
  while (q > body) {
    const uint8_t c = q[-1];
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?') {
      --q;
    } else {
      break;
    }
  }
  if (q == body || !(IsAsciiAlnum(*body) || *body >= 0x80)) return nullptr;
  return q;
}

template <typename Sink>
const uint8_t* Run<Sink>::TryEmail(const uint8_t* p) {
  if (p < email_checked_until_) return nullptr;
  const uint8_t* q = p;
  while (q < end_ && IsEmailLocalByte(*q)) ++q;
  email_checked_until_ = q;
  if (q == end_ || *q != '@') return nullptr;
  const uint8_t* const domain = q + 1;
  const uint8_t* r = domain;
  while (r < end_ && (IsAsciiAlnum(*r) || *r == '.' || *r == '-')) ++r;
  while (r > domain && (r[-1] == '.' || r[-1] == '-')) --r;
  // Validate: labels of [A-Za-z0-9-], non-empty, at least two, the last alphabetic and 2+ long.
  if (r == domain || !IsAsciiAlnum(*domain)) return nullptr;
  int labels = 1;
  size_t label_len = 0;
  bool label_alpha = true;
  for (const uint8_t* s = domain; s < r; ++s) {
    if (*s == '.') {
      if (label_len == 0) return nullptr;
      ++labels;
      label_len = 0;
      label_alpha = true;
    } else {
      ++label_len;
      label_alpha = label_alpha && IsAsciiAlpha(*s);
    }
  }
  if (labels < 2 || label_len < 2 || !label_alpha) return nullptr;
  return r;
}

template <typename Sink>
void Run<Sink>::EmitWhole(const uint8_t* p, const uint8_t* q, TokenKind kind) {
  Start(p, kind);
  // Copy code point by code point so a cut falls on a boundary (the bytes are valid UTF-8: the
  // scans above stop at invalid sequences).
  while (p < q && !cur_.truncated) {
    if (*p < 0x80) {
      const char c = AsciiLower(*p);
      Append(&c, 1);
      ++p;
    } else {
      char32_t cp = 0;
      const int len = DecodeUtf8(p, q, &cp);
      Append(reinterpret_cast<const char*>(p), static_cast<size_t>(len));
      p += len;
    }
  }
  token_end_ = q;
  Finish();
}

template <typename Sink>
Status Run<Sink>::Go() {
  if (static_cast<uint64_t>(end_ - begin_) >= std::numeric_limits<uint32_t>::max()) {
    return Status::InvalidArgument("text of " + std::to_string(end_ - begin_) +
                                   " bytes is too long to analyse (the limit is 4 GiB)");
  }
  const uint8_t* p = begin_;
  CharInfo scratch;
  while (p < end_) {
    int len;
    const CharInfo* info = Next(p, &len, &scratch);
    if (info == nullptr) {
      if (!options_.replace_invalid_utf8) {
        return Status::InvalidArgument("invalid UTF-8 at byte " + std::to_string(p - begin_));
      }
      Finish();  // U+FFFD is a separator
      prev_class_ = CharClass::kSeparator;
      p += -len;
      continue;
    }
    switch (info->cls) {
      case CharClass::kSeparator:
        Finish();
        break;
      case CharClass::kIgnorable:
        if (in_token_) token_end_ = p + len;
        break;
      case CharClass::kArabicLetter: {
        if (in_token_ && cur_.kind != TokenKind::kArabic) Finish();
        if (!in_token_) Start(p, TokenKind::kArabic);
        AppendInfo(*info, p, len);
        token_end_ = p + len;
        // Fast path for the rest of an Arabic word: its letters and marks are 2-byte sequences
        // (U+0600..U+07FF). The state lives in locals (stores through the char* arena would
        // otherwise force the members to be reloaded for every letter); the arena has room for
        // a whole capped token (Start reserved it).
        const uint8_t* q = p + len;
        if (capped_) {
          char* out = arena_->tail();
          char* const out_begin = out;
          size_t norm = norm_size_;
          const size_t limit = options_.max_norm_bytes;
          bool truncated = cur_.truncated;
          const uint8_t* last = token_end_;
          const uint8_t* const stop = end_ - 1;  // a 2-byte sequence must start before this
          const CharInfo* const small = &table_.Small(0);
          // 110xxxxx 10xxxxxx, tested on both bytes at once. An overlong lead (C0, C1) yields
          // an ASCII index, whose class (never Arabic or ignorable) ends the loop; the general
          // path then reports it.
          while (q < stop) {
            const uint32_t w = static_cast<uint32_t>(q[0]) | (static_cast<uint32_t>(q[1]) << 8);
            if ((w & 0xC0E0) != 0x80C0) break;
            const CharInfo& next = small[((w & 0x1F) << 6) | ((w >> 8) & 0x3F)];
            if (next.cls == CharClass::kArabicLetter) {
              if (next.size > 4) break;  // a long replacement: leave it to the general path
              const size_t n = next.size == 0 ? 2 : next.size;
              if (norm + n > limit) {
                truncated = true;
              } else if (!truncated) {
                if (next.size == 0) {
                  std::memcpy(out, q, 2);
                } else {
                  std::memcpy(out, next.bytes, 4);  // Start reserved slack beyond the cap
                }
                out += n;
                norm += n;
              }
            } else if (next.cls != CharClass::kIgnorable) {
              break;
            }
            q += 2;
            last = q;
          }
          arena_->Advance(static_cast<size_t>(out - out_begin));
          norm_size_ = norm;
          cur_.truncated = truncated;
          token_end_ = last;
        }
        prev_class_ = CharClass::kArabicLetter;
        p = q;
        continue;
      }
      case CharClass::kLetter:
      case CharClass::kDigit: {
        const bool digit = info->cls == CharClass::kDigit;
        if (in_token_ && cur_.kind == TokenKind::kArabic) Finish();
        if (!in_token_) {
          if (*p < 0x80) {
            const uint8_t* q = digit ? nullptr : TryUrl(p);
            TokenKind kind = TokenKind::kUrl;
            if (q == nullptr) {
              q = TryEmail(p);
              kind = TokenKind::kEmail;
            }
            if (q != nullptr) {
              EmitWhole(p, q, kind);
              prev_class_ = CharClass::kSeparator;
              p = q;
              continue;
            }
          }
          Start(p, digit ? TokenKind::kNumber : TokenKind::kLatin);
        } else if (cur_.kind == (digit ? TokenKind::kLatin : TokenKind::kNumber)) {
          cur_.kind = TokenKind::kMixed;
        }
        AppendInfo(*info, p, len);
        token_end_ = p + len;
        break;
      }
      case CharClass::kGroupSeparator:
        // "1,000": dropped from the norm; the token goes on.
        if (in_token_ && cur_.kind == TokenKind::kNumber && prev_class_ == CharClass::kDigit &&
            IsDigitGroupAt(p + len)) {
          token_end_ = p + len;
        } else {
          Finish();
        }
        break;
      case CharClass::kDecimalSeparator:
        if (in_token_ && cur_.kind == TokenKind::kNumber && prev_class_ == CharClass::kDigit &&
            IsDigitAt(p + len)) {
          Append(".", 1);
          token_end_ = p + len;
        } else {
          Finish();
        }
        break;
    }
    prev_class_ = info->cls;
    p += len;
  }
  Finish();
  return Status::OK();
}

}  // namespace rasd::text::internal
