// Snippets (snippet.h): passage choice and highlighting at original byte ranges.
#include "rasd/search/snippet.h"

#include <algorithm>

#include "rasd/text/utf8.h"

namespace rasd::search {
namespace {

// Extra score of a repeated occurrence of a term already in the window.
constexpr double kRepeatScore = 0.1;
constexpr std::string_view kEllipsis = "…";

bool IsSentenceEnd(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == '\n' || c == 0x061F /* ؟ */ ||
         c == 0x061B /* ؛ */ || c == 0x06D4 /* ۔ */ || c == 0x2029 || c == 0x2028;
}

// Analyses `text`, falling back to replacement of invalid UTF-8 when the analyzer is strict.
bool AnalyzeLeniently(std::string_view text, const text::Analyzer& analyzer,
                      text::AnalyzedText* out) {
  if (analyzer.Analyze(text, out).ok()) return true;
  text::AnalyzerOptions options = analyzer.options();
  options.replace_invalid_utf8 = true;
  return text::Analyzer(options).Analyze(text, out).ok();
}

// The largest b <= n such that text[0, b) does not end inside a UTF-8 sequence.
size_t CutAtCharBoundary(std::string_view text, size_t n) {
  if (n >= text.size()) return text.size();
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return n;
}

void Append(std::vector<SnippetPart>* parts, std::string_view s, bool highlighted) {
  if (s.empty()) return;
  if (!parts->empty() && parts->back().highlighted == highlighted && !highlighted) {
    parts->back().text.append(s);
    return;
  }
  parts->push_back(SnippetPart{std::string(s), highlighted});
}

// Parts for text[begin, end) with the matched tokens tokens[first..last] highlighted.
void EmitRange(std::string_view text, const text::AnalyzedText& tokens,
               const std::vector<int>& match, size_t first, size_t last, size_t begin,
               size_t end, std::vector<SnippetPart>* parts) {
  size_t cursor = begin;
  for (size_t i = first; i <= last && i < tokens.size(); ++i) {
    if (match[i] < 0) continue;
    const text::Token& t = tokens[i];
    if (t.start < cursor || t.end > end) continue;
    Append(parts, text.substr(cursor, t.start - cursor), false);
    Append(parts, text.substr(t.start, t.end - t.start), true);
    cursor = t.end;
  }
  if (cursor < end) Append(parts, text.substr(cursor, end - cursor), false);
}

}  // namespace

void HighlightTerms::AddWord(const QueryWord& word, uint32_t term_id) {
  AddStem(word.stop ? word.norm : word.stem, term_id);
  AddNorm(word.norm, term_id);
}
void HighlightTerms::AddStem(std::string_view stem, uint32_t term_id) {
  if (stem.empty()) return;
  stems_.push_back(Entry{std::string(stem), term_id});
  num_terms_ = std::max(num_terms_, term_id + 1);
}
void HighlightTerms::AddNorm(std::string_view norm, uint32_t term_id) {
  if (norm.empty()) return;
  norms_.push_back(Entry{std::string(norm), term_id});
  num_terms_ = std::max(num_terms_, term_id + 1);
}
void HighlightTerms::Finish() {
  auto by_form = [](const Entry& a, const Entry& b) {
    return a.form != b.form ? a.form < b.form : a.term < b.term;
  };
  std::sort(stems_.begin(), stems_.end(), by_form);
  std::sort(norms_.begin(), norms_.end(), by_form);
}

int HighlightTerms::Find(const std::vector<Entry>& v, std::string_view form) {
  auto it = std::lower_bound(v.begin(), v.end(), form,
                             [](const Entry& e, std::string_view f) { return e.form < f; });
  return it != v.end() && it->form == form ? static_cast<int>(it->term) : -1;
}

int HighlightTerms::Match(const text::Token& token) const {
  const int s = Find(stems_, token.stem);
  return s >= 0 ? s : Find(norms_, token.norm);
}

std::vector<SnippetPart> MakeSnippet(std::string_view text, const HighlightTerms& terms,
                                     const text::Analyzer& analyzer, const SnippetOptions& options,
                                     text::AnalyzedText* scratch) {
  std::vector<SnippetPart> parts;
  if (text.empty()) return parts;
  const size_t budget = std::max<size_t>(options.max_bytes, 1);
  if (!AnalyzeLeniently(text, analyzer, scratch) || scratch->empty()) {
    const size_t end = CutAtCharBoundary(text, budget);
    Append(&parts, text.substr(0, end), false);
    if (end < text.size()) Append(&parts, kEllipsis, false);
    return parts;
  }
  const text::AnalyzedText& tokens = *scratch;
  const size_t n = tokens.size();
  std::vector<int> match(n);
  std::vector<size_t> matched;  // token indexes
  for (size_t i = 0; i < n; ++i) {
    match[i] = terms.Match(tokens[i]);
    if (match[i] >= 0) matched.push_back(i);
  }

  // The densest cluster of matches that fits the budget (two pointers over the matches).
  size_t best_first = 0, best_last = 0;
  if (!matched.empty()) {
    std::vector<uint32_t> count(std::max<uint32_t>(terms.num_terms(), 1), 0);
    double best = -1, score = 0;
    size_t a = 0;
    for (size_t b = 0; b < matched.size(); ++b) {
      const uint32_t tb = static_cast<uint32_t>(match[matched[b]]);
      score += count[tb]++ == 0 ? 1.0 : kRepeatScore;
      while (tokens[matched[b]].end - tokens[matched[a]].start > budget && a < b) {
        const uint32_t ta = static_cast<uint32_t>(match[matched[a]]);
        score -= --count[ta] == 0 ? 1.0 : kRepeatScore;
        ++a;
      }
      if (score > best) {
        best = score;
        best_first = matched[a];
        best_last = matched[b];
      }
    }
  }

  // Window start: the sentence start before the cluster when the cluster still fits, else a
  // little context before it.
  size_t first_tok = 0;
  if (!matched.empty()) {
    const size_t cluster_begin = tokens[best_first].start;
    const size_t cluster_end = tokens[best_last].end;
    const size_t slack = budget > cluster_end - cluster_begin ? budget - (cluster_end - cluster_begin) : 0;
    // Sentence start: scan back over tokens while the gap before a token holds no terminator.
    size_t s = best_first;
    bool sentence_found = false;
    while (true) {
      const size_t gap_begin = s == 0 ? 0 : tokens[s - 1].end;
      const size_t gap_end = tokens[s].start;
      bool terminator = s == 0;
      const auto* p = reinterpret_cast<const uint8_t*>(text.data()) + gap_begin;
      const auto* e = reinterpret_cast<const uint8_t*>(text.data()) + gap_end;
      while (p < e && !terminator) {
        char32_t cp = 0;
        int len = text::DecodeUtf8(p, e, &cp);
        if (len <= 0) {
          len = 1;
          cp = 0xFFFD;
        }
        terminator = IsSentenceEnd(cp);
        p += len;
      }
      if (terminator) {
        sentence_found = cluster_end - tokens[s].start <= budget;
        break;
      }
      if (cluster_end - tokens[s - 1].start > budget) break;
      --s;
    }
    if (sentence_found) {
      first_tok = s;
    } else {
      // About a third of the slack as context before the first match.
      first_tok = best_first;
      while (first_tok > 0 && cluster_begin - tokens[first_tok - 1].start <= slack / 3) --first_tok;
    }
  }
  const size_t begin = first_tok == 0 ? 0 : tokens[first_tok].start;
  // Window end: the last token that fits; the rest of the text when it all fits.
  size_t last_tok = first_tok;
  while (last_tok + 1 < n && tokens[last_tok + 1].end - begin <= budget) ++last_tok;
  size_t end = tokens[last_tok].end;
  if (tokens[last_tok].end - begin > budget) {  // one token longer than the budget
    end = begin + CutAtCharBoundary(text.substr(begin), budget);
  } else if (last_tok + 1 == n && text.size() - begin <= budget) {
    end = text.size();
  } else if (end < text.size()) {
    // Keep punctuation that closes the last token ("…الاتفاق.") when it fits.
    size_t e = end;
    while (e < text.size() && e - begin < budget) {
      const auto* p = reinterpret_cast<const uint8_t*>(text.data()) + e;
      char32_t cp = 0;
      int len = text::DecodeUtf8(p, reinterpret_cast<const uint8_t*>(text.data()) + text.size(), &cp);
      if (len <= 0 || !(IsSentenceEnd(cp) || cp == ',' || cp == 0x060C /* ، */ || cp == 0x00BB ||
                        cp == '"' || cp == ')') || cp == '\n') {
        break;
      }
      if (e + static_cast<size_t>(len) - begin > budget) break;
      e += static_cast<size_t>(len);
    }
    end = e;
  }
  if (begin > 0) Append(&parts, kEllipsis, false);
  EmitRange(text, tokens, match, first_tok, last_tok, begin, end, &parts);
  // Trailing spaces of the passage are noise.
  if (!parts.empty() && !parts.back().highlighted) {
    std::string& t = parts.back().text;
    while (!t.empty() && (t.back() == ' ' || t.back() == '\n' || t.back() == '\t')) t.pop_back();
    if (t.empty()) parts.pop_back();
  }
  if (end < text.size()) {
    bool only_space = true;
    for (size_t i = end; i < text.size() && only_space; ++i) {
      only_space = text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r';
    }
    if (!only_space) Append(&parts, kEllipsis, false);
  }
  return parts;
}

std::vector<SnippetPart> HighlightText(std::string_view text, const HighlightTerms& terms,
                                       const text::Analyzer& analyzer,
                                       text::AnalyzedText* scratch) {
  std::vector<SnippetPart> parts;
  if (text.empty()) return parts;
  if (!AnalyzeLeniently(text, analyzer, scratch) || scratch->empty()) {
    Append(&parts, text, false);
    return parts;
  }
  std::vector<int> match(scratch->size());
  for (size_t i = 0; i < scratch->size(); ++i) match[i] = terms.Match((*scratch)[i]);
  EmitRange(text, *scratch, match, 0, scratch->size() - 1, 0, text.size(), &parts);
  return parts;
}

}  // namespace rasd::search
