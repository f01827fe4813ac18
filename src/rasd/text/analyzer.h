// Analyzer: turns UTF-8 text into tokens for indexing, querying, highlighting and extraction.
//
// This is the public face of the text module. One call, Analyzer::Analyze, runs the whole
// pipeline over a document:
//
//   UTF-8 validation (utf8.h) -> per-code-point normalisation (normalize.h) -> tokenisation
//   (tokenizer.h) -> light stemming (stemmer.h) -> stopword marking (stopwords.h)
//
// Every token keeps the byte range it came from in the ORIGINAL input, so callers can
// highlight or quote the exact source bytes, plus its normalised form (the indexing key for
// exact matching), its light stem (the key for stemmed matching) and a stopword flag. Nothing
// is dropped: stopwords are flagged, not removed, so phrase positions stay exact and each caller
// decides what to do with them.
//
// The rules (what is a separator, what is folded, which affixes are stripped) are documented in
// normalize.h, tokenizer.h and stemmer.h; docs/QUALITY.md measures the stemmer against gold
// lemmas next to Lucene's and Snowball's Arabic stemmers.
//
// Performance: one pass over the bytes. The tokenizer's loop (internal/tokenizer_run.h) hands
// each finished token straight to the analyzer, which stems it and appends a Token; norms go
// into the AnalyzedText's arena, reserved once per call, so there is no per-token allocation and
// none at all once the buffers have grown. Arabic letters take a 2-byte fast path with one
// lookup in a flat table. docs/BENCHMARKS.md ("Analysis throughput") has the figures next to
// Lucene and Snowball (bench/analysis/run.sh).
//
// Thread-safety: an Analyzer is immutable after construction and may be shared by any number of
// threads. An AnalyzedText is a mutable output buffer: one per thread (reuse it across calls).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/base/status.h"
#include "rasd/text/tokenizer.h"

namespace rasd::text {

namespace internal {
class WordCache;
}  // namespace internal

// TokenKind, TokenKindName and kMaxNormBytes are defined in tokenizer.h (included above).

struct Token {
  uint32_t start = 0;     // byte offset in the ORIGINAL input where the token begins
  uint32_t end = 0;       // one past its last byte (highlighting uses [start, end))
  uint32_t position = 0;  // 0,1,2,... ordinal of the token in the text (for phrases)
  // Normalised surface form: diacritics/tatweel/format characters removed, letter variants
  // unified, digits ASCII, Latin lower-cased and accent-folded. Never empty. At most
  // kMaxNormBytes bytes (a longer run is truncated at a code-point boundary; tokenizer.h).
  std::string_view norm;
  // Light stem of `norm` (a prefix-and-suffix-trimmed substring of it). Equal to `norm` for
  // non-Arabic tokens, protected words, words too short to stem and truncated tokens.
  std::string_view stem;
  bool stop = false;  // norm is a stopword (IsStopword(norm))
  TokenKind kind = TokenKind::kArabic;
};

// The reusable output of Analyzer::Analyze: the token vector plus an arena holding the bytes the
// tokens' norm/stem views point to. Reusing one AnalyzedText across calls makes analysis
// allocation-free in steady state (the buffers only grow to the largest document seen). The
// arena reserves kMaxExpansion (3) bytes per input byte, of which Arabic text writes about one:
// the rest is address space that is never touched.
//
// It also remembers the stems and stopword flags of the word types it has seen, once it has
// analysed a text of at least kWordCacheMinBytes (an article, not a query): 512 KiB, which
// take a fifth off the instructions of analysing news text (internal/word_cache.h). Stems
// and flags depend on the word alone, so the cache serves every Analyzer.
//
// Not thread-safe; movable (views stay valid across a move, which keeps the heap buffers).
class AnalyzedText {
 public:
  static constexpr size_t kWordCacheMinBytes = 1024;

  AnalyzedText();
  ~AnalyzedText();
  AnalyzedText(const AnalyzedText&) = delete;
  AnalyzedText& operator=(const AnalyzedText&) = delete;
  AnalyzedText(AnalyzedText&&) noexcept;
  AnalyzedText& operator=(AnalyzedText&&) noexcept;

  const std::vector<Token>& tokens() const { return tokens_; }
  size_t size() const { return tokens_.size(); }
  bool empty() const { return tokens_.empty(); }
  const Token& operator[](size_t i) const { return tokens_[i]; }

  // The bytes every token's norm and stem are views into (norms one after another; a stem is
  // part of its norm), for a consumer that copies them all at once.
  std::string_view bytes() const {
    return arena_.data() == nullptr ? std::string_view()
                                    : std::string_view(arena_.data(), arena_.size());
  }

  // Drops all tokens (invalidating their views) but keeps the capacity for reuse, up to
  // kKeptTokens tokens and kKeptArenaBytes of arena: a larger buffer, grown for a text of
  // more than about a megabyte, is given back. An AnalyzedText is a long-lived scratch (one
  // per ingest thread), and one 10 MB article left about 180 MB in it for the rest of the
  // process; news articles stay far below the bounds, so their buffers are reused.
  void Clear();
  static constexpr size_t kKeptTokens = size_t{1} << 16;
  static constexpr size_t kKeptArenaBytes = size_t{4} << 20;

  // Bytes of arena, vector and word-cache capacity currently held (for tests of steady-state
  // reuse).
  size_t CapacityBytes() const;

 private:
  friend class Analyzer;
  std::vector<Token> tokens_;
  ByteArena arena_;  // concatenated norms; stems are substrings of norms
  std::unique_ptr<internal::WordCache> words_;  // null until a long text (kWordCacheMinBytes)
};

struct AnalyzerOptions {
  // false: invalid UTF-8 is an InvalidArgument error naming the byte offset.
  // true: each maximal invalid subsequence acts as U+FFFD REPLACEMENT CHARACTER, a separator
  // (it never becomes part of a token).
  bool replace_invalid_utf8 = false;
};

class Analyzer {
 public:
  explicit Analyzer(AnalyzerOptions options = {});
  Analyzer(const Analyzer&) = default;
  Analyzer& operator=(const Analyzer&) = default;

  const AnalyzerOptions& options() const { return options_; }

  // Clears `out` and analyses `text` into it. The views in the tokens point into `out` and stay
  // valid until `out` is reused (another Analyze or Clear) or destroyed.
  //
  // Errors: InvalidArgument "invalid UTF-8 at byte N" (N = byte offset in `text` of the first
  // invalid byte) unless options().replace_invalid_utf8; InvalidArgument when text is 4 GiB or
  // longer (offsets are 32-bit). On error `out` is left empty.
  Status Analyze(std::string_view text, AnalyzedText* out) const;

 private:
  AnalyzerOptions options_;
  TokenizerOptions tokenizer_options_;
};

// Normalisation of one word with the same rules as the analyzer: the norms of all the tokens of
// `word` joined without separators (so NormalizeWord("COVID-19") == "covid19") and NOT
// truncated. Invalid UTF-8 bytes are dropped. Meant for query terms, entity names and tests.
std::string NormalizeWord(std::string_view word);

// The light stemmer (stemmer.h) applied to an already-normalised Arabic word; any other input
// (Latin, digits, empty) is returned unchanged.
std::string StemWord(std::string_view normalized);

// True when the normalised form `normalized` is in the Arabic stopword list (stopwords.h,
// where it is declared too).
bool IsStopword(std::string_view normalized);

}  // namespace rasd::text
