// Snippets: the best passage of a stored text for a query, with the matched words highlighted
// at their ORIGINAL byte ranges.
//
// The text is re-analysed at query time with the searcher's analyzer; a token matches when its
// light stem or its normalised form is one of the query's (HighlightTerms). The highlighted
// bytes are exactly the token's [start, end) in the original text, so diacritics, tatweel and
// attached clitics stay as written: a query for الخامنئي highlights the whole token للخامنئي,
// and جداً keeps its tanween.
//
// Passage choice: among windows of about `max_bytes` bytes that start at a token, the one
// with the highest match score wins (each distinct query term counts fully once, repeats count
// a little, so a window showing several query words beats one repeating a single word); ties
// go to the earlier window. The window is then moved back to the start of its sentence (after
// . ! ? ؟ ؛ or a line break) when that keeps the first match inside the budget, and cut at
// token boundaries, never inside a UTF-8 sequence. Text cut off at either end is marked with
// "…" in a non-highlighted part. Without any match the passage is the start of the text.
//
// Thread-safety: HighlightTerms is immutable once built and may be shared; the functions are
// reentrant (the AnalyzedText scratch is the caller's, one per thread).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/search/query.h"
#include "rasd/text/analyzer.h"

namespace rasd::search {

struct SnippetPart {
  std::string text;
  bool highlighted = false;
};

// The forms a query matches: stems (matched against token stems) and normalised forms
// (matched against token norms), each with the index of the query term it belongs to.
class HighlightTerms {
 public:
  // Adds a query word: its stem and its norm. Words added with the same `term_id` count as one
  // term for passage scoring (a word and its spelling variants).
  void AddWord(const QueryWord& word, uint32_t term_id);
  // Adds an extra stem (a spelling variant found in the index) for term `term_id`.
  void AddStem(std::string_view stem, uint32_t term_id);
  // Adds an extra normalised form (a prefix expansion) for term `term_id`.
  void AddNorm(std::string_view norm, uint32_t term_id);
  // Call once after the Add* calls (sorts for lookup).
  void Finish();

  // The term id `token` matches, or -1.
  int Match(const text::Token& token) const;
  bool empty() const { return stems_.empty() && norms_.empty(); }
  uint32_t num_terms() const { return num_terms_; }

 private:
  struct Entry {
    std::string form;
    uint32_t term = 0;
  };
  static int Find(const std::vector<Entry>& v, std::string_view form);
  std::vector<Entry> stems_;
  std::vector<Entry> norms_;
  uint32_t num_terms_ = 0;
};

struct SnippetOptions {
  size_t max_bytes = 280;  // budget of the passage's text (the "…" marks are not counted)
};

// The best passage of `text`. Invalid UTF-8 is tolerated (the analyzer's replacement mode is
// used when `analyzer` is strict and rejects the text; bytes are copied as they are). Empty
// text gives no parts.
std::vector<SnippetPart> MakeSnippet(std::string_view text, const HighlightTerms& terms,
                                     const text::Analyzer& analyzer, const SnippetOptions& options,
                                     text::AnalyzedText* scratch);

// The whole of `text` split into parts, matches highlighted (for titles).
std::vector<SnippetPart> HighlightText(std::string_view text, const HighlightTerms& terms,
                                       const text::Analyzer& analyzer,
                                       text::AnalyzedText* scratch);

}  // namespace rasd::search
