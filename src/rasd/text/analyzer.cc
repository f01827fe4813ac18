// Analyzer: tokenizer + stemmer + stopword flags over one reusable output buffer (analyzer.h).
#include "rasd/text/analyzer.h"

#include <cstring>
#include <limits>
#include <string>

#include "rasd/base/check.h"
#include "rasd/text/internal/tokenizer_run.h"
#include "rasd/text/normalize.h"
#include "rasd/text/stemmer.h"
#include "rasd/text/stopwords.h"
#include "rasd/text/word_set.h"

namespace rasd::text {

namespace internal {

// One memo slot: a normalised Arabic word of at most kKeyBytes bytes and what the analyzer
// decided for it. Stems are substrings of norms, so an offset and a size describe one.
struct StemCacheEntry {
  static constexpr size_t kKeyBytes = 28;
  uint8_t size = 0;  // key length; 0 = empty (norms are never empty)
  bool stop = false;
  uint8_t stem_offset = 0;
  uint8_t stem_size = 0;
  char key[kKeyBytes];
};
static_assert(sizeof(StemCacheEntry) == 32);

}  // namespace internal

namespace {
constexpr int kStemCacheBits = 14;  // 16384 entries, 512 KiB
// Texts shorter than this (queries, titles) are analysed without the memo, so a short-lived
// AnalyzedText never pays for allocating and clearing it.
constexpr size_t kStemCacheMinText = 2048;
}  // namespace

AnalyzedText::AnalyzedText() = default;
AnalyzedText::~AnalyzedText() = default;
AnalyzedText::AnalyzedText(AnalyzedText&&) noexcept = default;
AnalyzedText& AnalyzedText::operator=(AnalyzedText&&) noexcept = default;

void AnalyzedText::Clear() {
  tokens_.clear();
  arena_.clear();
}

size_t AnalyzedText::CapacityBytes() const {
  return tokens_.capacity() * sizeof(Token) + arena_.capacity() +
         (stem_cache_ ? (size_t{1} << kStemCacheBits) * sizeof(internal::StemCacheEntry) : 0);
}

Analyzer::Analyzer(AnalyzerOptions options)
    : options_(options),
      tokenizer_options_{options.replace_invalid_utf8, kMaxNormBytes} {
  NormalizationTable::Get();  // build the shared tables now rather than in the first Analyze
  Stemmer::Default();
  IsStopword("");
}

namespace {

// Turns each token the tokenizer finishes into a Token: views into the arena (which does not
// move during the call, see Analyze), stopword flag, stem.
struct AnalyzerSink {
  std::vector<Token>* tokens;
  const char* arena;
  const Stemmer* stemmer;
  internal::StemCacheEntry* cache;  // may be null: no memo
  uint32_t position = 0;

  void Emit(const TokenSpan& span) {
    Token& t = tokens->emplace_back();
    t.start = span.start;
    t.end = span.end;
    t.position = position++;
    t.kind = span.kind;
    t.norm = std::string_view(arena + span.norm_offset, span.norm_size);
    t.stem = t.norm;
    t.stop = false;
    if (span.kind != TokenKind::kArabic || span.truncated) return;
    if (cache == nullptr || t.norm.size() > internal::StemCacheEntry::kKeyBytes) {
      Decide(&t);
      return;
    }
    internal::StemCacheEntry& e = cache[ShortStringHash(t.norm) >> (64 - kStemCacheBits)];
    if (e.size == t.norm.size() && std::memcmp(e.key, t.norm.data(), e.size) == 0) {
      t.stop = e.stop;
      t.stem = t.norm.substr(e.stem_offset, e.stem_size);
      return;
    }
    Decide(&t);
    e.size = static_cast<uint8_t>(t.norm.size());
    e.stop = t.stop;
    e.stem_offset = static_cast<uint8_t>(t.stem.data() - t.norm.data());
    e.stem_size = static_cast<uint8_t>(t.stem.size());
    std::memcpy(e.key, t.norm.data(), t.norm.size());
  }

  // The uncached decision: stopwords are flagged and not stemmed, other words are stemmed.
  void Decide(Token* t) const {
    t->stop = IsStopword(t->norm);
    if (!t->stop) t->stem = stemmer->Stem(t->norm);
  }
};

}  // namespace

Status Analyzer::Analyze(std::string_view text, AnalyzedText* out) const {
  out->Clear();
  if (text.size() >= std::numeric_limits<uint32_t>::max()) {
    return Status::InvalidArgument("text of " + std::to_string(text.size()) +
                                   " bytes is too long to analyse (the limit is 4 GiB)");
  }
  // Reserve the worst case up front (every code point's replacement is at most kMaxExpansion
  // times its own length), so the arena never moves while views into it are handed out. The
  // memory is only touched as far as it is written.
  // (+ one capped token's worth: the tokenizer reserves that much when a token starts.)
  out->arena_.Reserve(kMaxExpansion * text.size() + kMaxNormBytes + 2 * kMaxReplacementBytes);
  const char* const base = out->arena_.data();
  if (!out->stem_cache_ && text.size() >= kStemCacheMinText) {
    out->stem_cache_ = std::make_unique<internal::StemCacheEntry[]>(size_t{1} << kStemCacheBits);
  }
  AnalyzerSink sink{&out->tokens_, base, &Stemmer::Default(), out->stem_cache_.get()};
  internal::Run<AnalyzerSink> run(tokenizer_options_, text, &out->arena_, &sink);
  Status status = run.Go();
  if (!status.ok()) {
    out->Clear();
    return status;
  }
  RASD_CHECK_MSG(out->arena_.data() == base, "analyzer arena moved during analysis");
  return Status::OK();
}

std::string NormalizeWord(std::string_view word) {
  static const Tokenizer* const tokenizer =
      new Tokenizer(TokenizerOptions{true, std::numeric_limits<size_t>::max()});
  ByteArena arena;
  std::vector<TokenSpan> spans;
  tokenizer->Tokenize(word, &arena, &spans).IgnoreError();  // replacement mode cannot fail
  return std::string(arena.data() == nullptr ? "" : std::string_view(arena.data(), arena.size()));
}

std::string StemWord(std::string_view normalized) {
  return std::string(Stemmer::Default().Stem(normalized));
}

}  // namespace rasd::text
