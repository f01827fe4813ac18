// Tokenizer: splits UTF-8 text into word, number, URL and e-mail tokens and writes each token's
// normalised form (normalize.h) into a byte arena, in one pass over the input.
//
// Rules (each decided by the class of the code point in the normalisation table):
//  * A token is a maximal run of word characters of one kind. Arabic letters make kArabic
//    tokens; letters of other scripts make kLatin tokens; digits make kNumber tokens. A change of
//    script splits ("Google" + "ي" in "Googleي" are two tokens), and so does Arabic next to a
//    digit ("بـ20" -> ب, 20), while non-Arabic letters and digits run together make ONE kMixed
//    token ("G20" -> "g20", "mp3", "19th").
//  * Separators (spaces, NBSP, U+2028/U+2029, punctuation including ، ؛ ؟ « », symbols, '#',
//    '_', '@', '-', apostrophes, invalid bytes in replacement mode) end a token. Hence a hashtag
//    "#فضل_شاكر" gives فضل and شاكر, each with its own byte range, and "COVID-19" gives "covid"
//    (kLatin) and "19" (kNumber): the hyphen is a separator, as in Lucene's StandardTokenizer.
//  * Ignorable characters (harakat, tatweel, ZWNJ/ZWJ, bidi controls, BOM, soft hyphen) inside a
//    word are removed from its norm without splitting it. They are included in the token's byte
//    range when they follow its first character (so "جداً" highlights with its tanween), and are
//    skipped when they precede it.
//  * Numbers: a digit run may contain group separators (',' or U+066C) each followed by exactly
//    three digits, which are dropped, and decimal separators ('.' or U+066B) followed by a digit,
//    which become '.'. So "1,000.5" and "١٬٠٠٠٫٥" are both ONE token with norm "1000.5", and a date
//    "15.7.2000" stays whole. Anywhere else ',' and '.' are separators ("1,5" -> 1, 5).
//  * URLs: "http://", "https://" or "www." (any case) followed by at least one URL character
//    starts a kUrl token that runs to the next space, quote, bracket or non-ASCII separator;
//    trailing . , ; : ! ? are left out. Its norm is the URL with ASCII letters lower-cased.
//  * E-mail: local@domain where local is [A-Za-z0-9._%+-]+ and domain is dot-separated
//    [A-Za-z0-9-] labels ending in an alphabetic top-level label of 2+ letters: one kEmail token,
//    lower-cased.
//  * Length cap: a token's norm holds at most max_norm_bytes bytes (kMaxNormBytes = 255 for the
//    analyzer), cut at a code-point boundary; the token still covers the whole run in the input
//    and is flagged `truncated`. Work stays linear: a 1 MB run of letters is one token.
//
// The loop itself lives in internal/tokenizer_run.h, shared with the analyzer, which consumes
// tokens as they are produced instead of collecting TokenSpans.
//
// Thread-safety: a Tokenizer is immutable and may be shared; ByteArena is a plain buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "rasd/base/status.h"

namespace rasd::text {

// What a token is made of (see the rules above).
enum class TokenKind : uint8_t {
  kArabic,  // Arabic-script letters only (after normalisation)
  kLatin,   // letters of any other script (Latin, Greek, Cyrillic, ...), no digits
  kNumber,  // digits, optionally with group/decimal separators ("1,000.5" -> "1000.5")
  kMixed,   // non-Arabic letters and digits run together without a separator ("g20", "mp3")
  kUrl,     // http://..., https://..., www.... kept whole
  kEmail,   // local@domain.tld kept whole
};

// Returns a stable lower-case name for `kind` ("arabic", "latin", "number", "mixed", "url",
// "email"), for JSON output and tests.
std::string_view TokenKindName(TokenKind kind);

// The longest normalised form a token produced by the analyzer can have (see "Length cap").
inline constexpr size_t kMaxNormBytes = 255;

// A growable byte buffer that, unlike std::string, never zero-fills and exposes its tail for
// direct writes. Clearing keeps the capacity, so a reused arena stops allocating once it has
// grown to the largest document seen.
class ByteArena {
 public:
  const char* data() const { return data_.get(); }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  void clear() { size_ = 0; }

  // Makes room for at least `n` more bytes.
  void Reserve(size_t n) {
    if (capacity_ - size_ < n) Grow(n);
  }
  void Append(const char* p, size_t n) {
    Reserve(n);
    std::memcpy(data_.get() + size_, p, n);
    size_ += n;
  }
  void Append(std::string_view s) { Append(s.data(), s.size()); }
  // Unchecked: the caller has Reserve()d enough room.
  char* tail() { return data_.get() + size_; }
  void Advance(size_t n) { size_ += n; }

 private:
  void Grow(size_t n);
  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

// One token as the tokenizer sees it: where it is in the input and where its norm is.
struct TokenSpan {
  uint32_t start = 0;        // byte offset in the input
  uint32_t end = 0;          // one past the last byte
  uint32_t norm_offset = 0;  // in the arena
  uint32_t norm_size = 0;    // > 0
  TokenKind kind = TokenKind::kArabic;
  bool truncated = false;  // the norm was cut at max_norm_bytes
};

struct TokenizerOptions {
  bool replace_invalid_utf8 = false;     // see AnalyzerOptions
  size_t max_norm_bytes = kMaxNormBytes;  // per-token cap on the norm (SIZE_MAX: no cap)
};

class Tokenizer {
 public:
  explicit Tokenizer(TokenizerOptions options = {});

  // Appends the tokens of `text` to *out and their norms to *arena (neither is cleared first).
  // Errors: InvalidArgument "invalid UTF-8 at byte N" (strict mode), or when `text` is 4 GiB or
  // more. On error the tokens already appended stay; callers discard them.
  Status Tokenize(std::string_view text, ByteArena* arena, std::vector<TokenSpan>* out) const;

 private:
  TokenizerOptions options_;
};

}  // namespace rasd::text
