// Snippets (snippet.h). Skeleton implementation: filled in next.
#include "rasd/search/snippet.h"

namespace rasd::search {

void HighlightTerms::AddWord(const QueryWord&, uint32_t) {}
void HighlightTerms::AddStem(std::string_view, uint32_t) {}
void HighlightTerms::AddNorm(std::string_view, uint32_t) {}
void HighlightTerms::Finish() {}
int HighlightTerms::Match(const text::Token&) const { return -1; }

std::vector<SnippetPart> MakeSnippet(std::string_view text, const HighlightTerms&,
                                     const text::Analyzer&, const SnippetOptions&,
                                     text::AnalyzedText*) {
  if (text.empty()) return {};
  return {SnippetPart{std::string(text), false}};
}
std::vector<SnippetPart> HighlightText(std::string_view text, const HighlightTerms&,
                                       const text::Analyzer&, text::AnalyzedText*) {
  if (text.empty()) return {};
  return {SnippetPart{std::string(text), false}};
}

}  // namespace rasd::search
