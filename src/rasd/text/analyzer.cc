// Analyzer: tokenizer + stemmer + stopword flags over one reusable output buffer (analyzer.h).
#include "rasd/text/analyzer.h"

#include <limits>
#include <string>

#include "rasd/text/stemmer.h"
#include "rasd/text/stopwords.h"

namespace rasd::text {

void AnalyzedText::Clear() {
  tokens_.clear();
  arena_.clear();
  spans_.clear();
}

size_t AnalyzedText::CapacityBytes() const {
  return tokens_.capacity() * sizeof(Token) + arena_.capacity() +
         spans_.capacity() * sizeof(TokenSpan);
}

Analyzer::Analyzer(AnalyzerOptions options)
    : options_(options),
      tokenizer_(TokenizerOptions{options.replace_invalid_utf8, kMaxNormBytes}) {
  Stemmer::Default();  // build the shared tables now rather than in the first Analyze
  IsStopword("");
}

Status Analyzer::Analyze(std::string_view text, AnalyzedText* out) const {
  out->Clear();
  Status status = tokenizer_.Tokenize(text, &out->arena_, &out->spans_);
  if (!status.ok()) {
    out->Clear();
    return status;
  }
  // The arena no longer grows: the views can be taken now.
  const Stemmer& stemmer = Stemmer::Default();
  const char* const arena = out->arena_.data();
  out->tokens_.resize(out->spans_.size());
  Token* token = out->tokens_.data();
  uint32_t position = 0;
  for (const TokenSpan& span : out->spans_) {
    token->start = span.start;
    token->end = span.end;
    token->position = position++;
    token->kind = span.kind;
    token->norm = std::string_view(arena + span.norm_offset, span.norm_size);
    token->stem = token->norm;
    token->stop = false;
    if (span.kind == TokenKind::kArabic) {
      token->stop = IsStopword(token->norm);
      if (!token->stop && !span.truncated) token->stem = stemmer.Stem(token->norm);
    }
    ++token;
  }
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
