// Analyzer: tokenizer + stemmer + stopword flags over one reusable output buffer (analyzer.h).
#include "rasd/text/analyzer.h"

#include <cstring>
#include <limits>
#include <string>

#include "rasd/base/check.h"
#include "rasd/text/internal/tokenizer_run.h"
#include "rasd/text/internal/word_cache.h"
#include "rasd/text/normalize.h"
#include "rasd/text/stemmer.h"
#include "rasd/text/stopwords.h"

namespace rasd::text {

AnalyzedText::AnalyzedText() = default;
AnalyzedText::~AnalyzedText() = default;
AnalyzedText::AnalyzedText(AnalyzedText&&) noexcept = default;
AnalyzedText& AnalyzedText::operator=(AnalyzedText&&) noexcept = default;

void AnalyzedText::Clear() {
  if (tokens_.capacity() > kKeptTokens) {
    std::vector<Token>().swap(tokens_);
  } else {
    tokens_.clear();
  }
  if (arena_.capacity() > kKeptArenaBytes) {
    arena_ = ByteArena();
  } else {
    arena_.clear();
  }
}

size_t AnalyzedText::CapacityBytes() const {
  return tokens_.capacity() * sizeof(Token) + arena_.capacity() +
         (words_ != nullptr ? sizeof(internal::WordCache) : 0);
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
  const WordSet* stopwords;
  internal::WordCache* words;  // or nullptr
  uint32_t position = 0;

  [[gnu::always_inline]] void Emit(const TokenSpan& span) {
    Token& t = tokens->emplace_back();
    t.start = span.start;
    t.end = span.end;
    t.position = position++;
    t.kind = span.kind;
    t.norm = std::string_view(arena + span.norm_offset, span.norm_size);
    t.stem = t.norm;
    t.stop = false;
    if (span.kind != TokenKind::kArabic || span.truncated) return;
    internal::WordCache::Key key;
    if (words == nullptr || !internal::WordCache::MakeKey(t.norm, &key)) {
      Analyze(&t);
      return;
    }
    size_t slot = 0;
    if (const internal::WordCache::Analysis* a = words->Lookup(key, &slot)) {
      t.stop = a->stop;
      t.stem = t.norm.substr(a->stem_begin, a->stem_size);
      return;
    }
    Analyze(&t);
    words->Insert(key, slot,
                  {t.stop, static_cast<uint8_t>(t.stem.data() - t.norm.data()),
                   static_cast<uint8_t>(t.stem.size())});
  }

  void Analyze(Token* t) const {
    // Stopwords are flagged and not stemmed (الذي must not become ذي); other words are stemmed.
    t->stop = stopwords->Contains(t->norm);
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
  if (out->words_ == nullptr && text.size() >= AnalyzedText::kWordCacheMinBytes) {
    out->words_ = std::make_unique<internal::WordCache>();
  }
  AnalyzerSink sink{&out->tokens_, base, &Stemmer::Default(), &StopwordSet(), out->words_.get()};
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
