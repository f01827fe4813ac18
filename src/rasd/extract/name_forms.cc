// Word forms for name matching; see name_forms.h.
#include "rasd/extract/name_forms.h"

#include <algorithm>

#include "rasd/text/analyzer.h"
#include "rasd/text/utf8.h"

namespace rasd::extract {

char32_t NextCodePoint(std::string_view s, size_t* i) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  char32_t cp = 0;
  const int len = text::DecodeUtf8(p + *i, p + s.size(), &cp);
  if (len < 0) {
    // One byte at a time (not the maximal subpart): callers count code points this way.
    ++*i;
    return text::kReplacementCharacter;
  }
  *i += static_cast<size_t>(len);
  return cp;
}

size_t CodePointCount(std::string_view s) {
  size_t i = 0, n = 0;
  while (i < s.size()) {
    NextCodePoint(s, &i);
    ++n;
  }
  return n;
}

bool IsArabicLetter(char32_t cp) {
  return (cp >= 0x0621 && cp <= 0x063A) || (cp >= 0x0641 && cp <= 0x064A) ||
         (cp >= 0x0671 && cp <= 0x06D3);
}

bool StartsWithLetter(std::string_view s) {
  if (s.empty()) return false;
  size_t i = 0;
  const char32_t c = NextCodePoint(s, &i);
  return IsArabicLetter(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsArabicMark(char32_t cp) {
  return (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
         (cp >= 0x06D6 && cp <= 0x06ED);
}

std::string FoldOnly(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  size_t i = 0;
  while (i < word.size()) {
    char32_t cp = NextCodePoint(word, &i);
    if (IsArabicMark(cp) || cp == 0x0640) continue;  // diacritics, tatweel
    if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x200E || cp == 0x200F ||
        cp == 0xFEFF || cp == 0x00AD)
      continue;  // invisible format characters
    switch (cp) {
      case 0x0623: case 0x0625: case 0x0622: case 0x0671: cp = 0x0627; break;
      case 0x0649: cp = 0x064A; break;
      case 0x0629: cp = 0x0647; break;
      case 0x0624: cp = 0x0648; break;
      case 0x0626: cp = 0x064A; break;
      case 0x06A9: cp = 0x0643; break;  // Persian keheh -> kaf
      case 0x06CC: cp = 0x064A; break;  // Farsi yeh -> yeh
      default: break;
    }
    if (cp >= 0x0660 && cp <= 0x0669) cp = '0' + (cp - 0x0660);
    if (cp >= 0x06F0 && cp <= 0x06F9) cp = '0' + (cp - 0x06F0);
    if (cp >= 'A' && cp <= 'Z') cp = cp - 'A' + 'a';
    text::AppendUtf8(cp, &out);
  }
  return out;
}

std::string Fold(std::string_view word) {
  std::string norm = text::NormalizeWord(word);
  // Keep the raw word when the normaliser drops everything (punctuation-only tokens).
  return FoldOnly(norm.empty() ? word : std::string_view(norm));
}

std::string Skeleton(std::string_view folded) {
  std::string_view w = folded;
  if (w.size() > 4 && w.substr(0, 4) == "\xD8\xA7\xD9\x84") w.remove_prefix(4);  // ال
  std::string out;
  size_t i = 0;
  while (i < w.size()) {
    char32_t cp = NextCodePoint(w, &i);
    if (cp == 0x0627 || cp == 0x0648 || cp == 0x064A || cp == 0x0621) continue;
    text::AppendUtf8(cp, &out);
  }
  return out.empty() ? std::string(folded) : out;
}

int EditDistance(std::string_view a, std::string_view b, int limit) {
  std::vector<char32_t> x, y;
  for (size_t i = 0; i < a.size();) x.push_back(NextCodePoint(a, &i));
  for (size_t i = 0; i < b.size();) y.push_back(NextCodePoint(b, &i));
  const int n = static_cast<int>(x.size()), m = static_cast<int>(y.size());
  if (std::abs(n - m) > limit) return limit + 1;
  std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      int cost = x[i - 1] == y[j - 1] ? 0 : 1;
      int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])
        v = std::min(v, prev2[j - 2] + 1);
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], limit + 1);
}

std::vector<CliticSplit> ProcliticSplits(std::string_view w) {
  static constexpr std::string_view kWaw = "\xD9\x88", kFa = "\xD9\x81", kBa = "\xD8\xA8",
                                    kLam = "\xD9\x84", kKaf = "\xD9\x83";
  static constexpr std::string_view kAl = "\xD8\xA7\xD9\x84";
  std::vector<CliticSplit> out;
  out.push_back({"", std::string(w)});
  auto add = [&](std::string prefix, std::string_view rest) {
    if (CodePointCount(rest) < 2) return;
    // ل + ال is written لل: restore the article (للخامنئي -> الخامنئي).
    if (!prefix.empty() && prefix.substr(prefix.size() - 2) == kLam && rest.substr(0, 2) == kLam &&
        CodePointCount(rest) >= 3) {
      out.push_back({prefix, std::string(kAl) + std::string(rest.substr(2))});
    }
    out.push_back({std::move(prefix), std::string(rest)});
  };
  for (std::string_view c1 : {kWaw, kFa}) {
    if (w.substr(0, c1.size()) == c1) {
      std::string_view rest = w.substr(c1.size());
      add(std::string(c1), rest);
      for (std::string_view c2 : {kBa, kLam, kKaf}) {
        if (rest.substr(0, c2.size()) == c2)
          add(std::string(c1) + std::string(c2), rest.substr(c2.size()));
      }
    }
  }
  for (std::string_view c2 : {kBa, kLam, kKaf}) {
    if (w.substr(0, c2.size()) == c2) add(std::string(c2), w.substr(c2.size()));
  }
  return out;
}

}  // namespace rasd::extract
