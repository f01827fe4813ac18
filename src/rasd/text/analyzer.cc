// Analyzer: first simple implementation (whitespace tokenisation, no normalisation); the full
// pipeline replaces it.
#include "rasd/text/analyzer.h"

#include <string>

namespace rasd::text {

std::string_view TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kArabic: return "arabic";
    case TokenKind::kLatin: return "latin";
    case TokenKind::kNumber: return "number";
    case TokenKind::kMixed: return "mixed";
    case TokenKind::kUrl: return "url";
    case TokenKind::kEmail: return "email";
  }
  return "unknown";
}

void AnalyzedText::Clear() {
  tokens_.clear();
  arena_.clear();
  spans_.clear();
}

size_t AnalyzedText::CapacityBytes() const {
  return tokens_.capacity() * sizeof(Token) + arena_.capacity() + spans_.capacity() * sizeof(Span);
}

Analyzer::Analyzer(AnalyzerOptions options) : options_(options) {}

Status Analyzer::Analyze(std::string_view text, AnalyzedText* out) const {
  out->Clear();
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) ++i;
    size_t start = i;
    while (i < text.size() && !(text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) ++i;
    if (i > start) {
      AnalyzedText::Span span;
      span.norm_offset = static_cast<uint32_t>(out->arena_.size());
      span.norm_size = static_cast<uint32_t>(i - start);
      span.stem_size = span.norm_size;
      out->arena_.append(text.substr(start, i - start));
      out->spans_.push_back(span);
      Token t;
      t.start = static_cast<uint32_t>(start);
      t.end = static_cast<uint32_t>(i);
      t.position = static_cast<uint32_t>(out->tokens_.size());
      out->tokens_.push_back(t);
    }
  }
  for (size_t k = 0; k < out->tokens_.size(); ++k) {
    const auto& s = out->spans_[k];
    out->tokens_[k].norm = std::string_view(out->arena_).substr(s.norm_offset, s.norm_size);
    out->tokens_[k].stem = out->tokens_[k].norm.substr(s.stem_offset, s.stem_size);
  }
  return Status::OK();
}

std::string NormalizeWord(std::string_view word) { return std::string(word); }
std::string StemWord(std::string_view normalized) { return std::string(normalized); }
bool IsStopword(std::string_view) { return false; }

}  // namespace rasd::text
