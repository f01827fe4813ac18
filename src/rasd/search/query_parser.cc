// The query parser (query_parser.h): a lexer over code points that keeps 1-based character
// columns, and a small recursive-descent parser over its tokens. Every problem is recorded as a
// warning and repaired; strict mode turns the first warning into the error.
#include "rasd/search/query_parser.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "rasd/text/utf8.h"

namespace rasd::search {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

// ---- Characters ----------------------------------------------------------------------------

struct Char {
  char32_t cp = 0;
  uint32_t byte = 0;  // offset in the input
  uint32_t size = 0;  // bytes
  uint32_t column = 0;
  bool invalid = false;  // an invalid UTF-8 byte (cp is U+FFFD)
};

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFFFD;
}
bool IsControl(char32_t c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') ||
         (c >= 0x7F && c <= 0x9F);
}
bool IsOpenQuote(char32_t c) { return c == '"' || c == 0x00AB || c == 0x201C; }
bool IsCloseQuote(char32_t c) { return c == '"' || c == 0x00BB || c == 0x201D; }
// A character that ends a chunk (a word with its modifiers).
bool IsBreak(char32_t c) {
  return IsSpace(c) || IsOpenQuote(c) || IsCloseQuote(c) || c == '(' || c == ')';
}

std::string CodePointName(char32_t c) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string s = "U+";
  int digits = c > 0xFFFF ? 6 : 4;
  for (int i = digits - 1; i >= 0; --i) s.push_back(kHex[(c >> (4 * i)) & 0xF]);
  return s;
}

// ---- Dates ---------------------------------------------------------------------------------

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-Compatible Low-Level
// Date Algorithms", days_from_civil).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
unsigned DaysInMonth(int64_t y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool ParseDigits(std::string_view s, size_t n, int64_t* out) {
  if (s.size() != n) return false;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

// "YYYY", "YYYY-MM" or "YYYY-MM-DD" (ASCII digits; the analyzer's digit folding is not applied
// here, but Arabic-Indic digits are converted first by the caller) -> [first second, last
// second] of that year, month or day (UTC).
bool ParseDateSpan(std::string_view s, int64_t* first, int64_t* last) {
  int64_t y = 0, m = 0, d = 0;
  const size_t dash1 = s.find('-');
  if (dash1 == std::string_view::npos) {
    if (!ParseDigits(s, 4, &y)) return false;
    *first = DaysFromCivil(y, 1, 1) * kSecondsPerDay;
    *last = DaysFromCivil(y + 1, 1, 1) * kSecondsPerDay - 1;
    return true;
  }
  if (!ParseDigits(s.substr(0, dash1), 4, &y)) return false;
  std::string_view rest = s.substr(dash1 + 1);
  const size_t dash2 = rest.find('-');
  if (dash2 == std::string_view::npos) {
    if (!ParseDigits(rest, 2, &m) && !ParseDigits(rest, 1, &m)) return false;
    if (m < 1 || m > 12) return false;
    *first = DaysFromCivil(y, static_cast<unsigned>(m), 1) * kSecondsPerDay;
    *last = (DaysFromCivil(y, static_cast<unsigned>(m), 1) +
             DaysInMonth(y, static_cast<unsigned>(m))) * kSecondsPerDay - 1;
    return true;
  }
  std::string_view ms = rest.substr(0, dash2);
  std::string_view ds = rest.substr(dash2 + 1);
  if (!ParseDigits(ms, 2, &m) && !ParseDigits(ms, 1, &m)) return false;
  if (!ParseDigits(ds, 2, &d) && !ParseDigits(ds, 1, &d)) return false;
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, static_cast<unsigned>(m))) return false;
  *first = DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) * kSecondsPerDay;
  *last = *first + kSecondsPerDay - 1;
  return true;
}

// Arabic-Indic (U+0660..U+0669) and Persian (U+06F0..U+06F9) digits -> ASCII; anything else
// non-ASCII makes the value invalid (returns false).
bool AsciiDigits(std::string_view s, std::string* out) {
  out->clear();
  for (size_t i = 0; i < s.size();) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data()) + i;
    char32_t cp;
    int n = text::DecodeUtf8(p, reinterpret_cast<const uint8_t*>(s.data()) + s.size(), &cp);
    if (n <= 0) return false;
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp >= 0x0660 && cp <= 0x0669) {
      out->push_back(static_cast<char>('0' + (cp - 0x0660)));
    } else if (cp >= 0x06F0 && cp <= 0x06F9) {
      out->push_back(static_cast<char>('0' + (cp - 0x06F0)));
    } else {
      return false;
    }
    i += static_cast<size_t>(n);
  }
  return true;
}

// date:VALUE -> inclusive [from, to]. Forms: D, D..D, D.., ..D where D is a year, month or day.
// A range written end first (2018-05-09..2018-05-01) is read the right way round and sets
// *reversed.
bool ParseDateValue(std::string_view raw, int64_t* from, int64_t* to, bool* reversed) {
  *reversed = false;
  std::string s;
  if (!AsciiDigits(raw, &s)) return false;
  *from = std::numeric_limits<int64_t>::min();
  *to = std::numeric_limits<int64_t>::max();
  const size_t dots = s.find("..");
  int64_t first = 0, last = 0;
  if (dots == std::string::npos) {
    if (!ParseDateSpan(s, &first, &last)) return false;
    *from = first;
    *to = last;
    return true;
  }
  std::string_view a = std::string_view(s).substr(0, dots);
  std::string_view b = std::string_view(s).substr(dots + 2);
  if (a.empty() && b.empty()) return false;
  int64_t a_first = 0, a_last = 0, b_first = 0, b_last = 0;
  if (!a.empty() && !ParseDateSpan(a, &a_first, &a_last)) return false;
  if (!b.empty() && !ParseDateSpan(b, &b_first, &b_last)) return false;
  if (!a.empty()) *from = a_first;
  if (!b.empty()) *to = b_last;
  if (*from > *to) {  // both ends given, the later first
    *from = b_first;
    *to = a_last;
    *reversed = true;
  }
  return true;
}

// A filter or an exclusion holds for every result: it cannot be one alternative of several
// (mother OR source:X would find mother only in X's articles, fewer than mother alone).
constexpr char kNoAlternative[] =
    "OR cannot offer a filter (source:, date:) or an exclusion as an alternative: it applies "
    "to every result";

// ---- Tokens --------------------------------------------------------------------------------

enum class FieldName : uint8_t { kNone, kTitle, kBody, kSource, kDate };

struct Tok {
  enum class Type : uint8_t { kWord, kPhrase, kLParen, kRParen, kOr };
  Type type = Type::kWord;
  bool negated = false;
  FieldName field = FieldName::kNone;
  char suffix = 0;       // '*' or '~' after a word
  bool maybe_or = false;  // the word أو / او (an operator between two items)
  std::string text;      // word or phrase content (modifiers removed)
  uint32_t column = 0;   // where the token (with its modifiers) starts
  uint32_t text_column = 0;  // where `text` starts
};

FieldName FieldFromName(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (lower == "title" || lower == "عنوان" || lower == "العنوان") return FieldName::kTitle;
  if (lower == "body" || lower == "text" || lower == "نص" || lower == "النص") {
    return FieldName::kBody;
  }
  if (lower == "source" || lower == "مصدر" || lower == "المصدر") return FieldName::kSource;
  if (lower == "date" || lower == "تاريخ" || lower == "التاريخ") return FieldName::kDate;
  return FieldName::kNone;
}

class Parser {
 public:
  Parser(std::string_view input, const text::Analyzer& analyzer, Query* query)
      : input_(input), analyzer_(analyzer), query_(query) {}

  void Run() {
    Decode();
    Lex();
    size_t pos = 0;
    std::vector<QueryNode> clauses = ParseSequence(&pos, /*nested=*/false);
    while (pos < toks_.size()) {  // a stray ')' at top level ended the sequence
      Warn(toks_[pos].column, "unmatched ')' ignored");
      ++pos;
      std::vector<QueryNode> more = ParseSequence(&pos, false);
      for (QueryNode& n : more) clauses.push_back(std::move(n));
    }
    query_->clauses = std::move(clauses);
    DropStopwords();
  }

 private:
  void Warn(uint32_t column, std::string message) {
    // Once per place and problem: an exclusion in "(a OR -b)" is met by the group's OR and
    // then by its parentheses. Only the last warning is compared: a hostile query may hold
    // 100,000 stray parentheses, each a warning.
    if (!query_->warnings.empty() && query_->warnings.back().column == column &&
        query_->warnings.back().message == message) {
      return;
    }
    query_->warnings.push_back(QueryWarning{column, std::move(message)});
  }

  // Input -> chars, with columns; invalid bytes become U+FFFD (a space), control characters
  // spaces.
  void Decode() {
    const auto* begin = reinterpret_cast<const uint8_t*>(input_.data());
    const auto* end = begin + input_.size();
    uint32_t column = 1;
    for (const uint8_t* p = begin; p < end;) {
      Char c;
      c.byte = static_cast<uint32_t>(p - begin);
      c.column = column++;
      char32_t cp;
      int n = text::DecodeUtf8(p, end, &cp);
      if (n <= 0) {
        c.cp = 0xFFFD;
        c.size = 1;
        c.invalid = true;
        Warn(c.column, "invalid UTF-8 byte");
      } else {
        c.cp = cp;
        c.size = static_cast<uint32_t>(n);
        if (IsControl(cp)) {
          Warn(c.column, "control character " + CodePointName(cp));
          c.cp = ' ';
        }
      }
      p += c.size;
      chars_.push_back(c);
    }
  }

  std::string Bytes(size_t from, size_t to) const {  // chars [from, to)
    std::string s;
    for (size_t i = from; i < to; ++i) {
      if (chars_[i].invalid || chars_[i].cp == ' ') {
        s.push_back(' ');
      } else {
        s.append(input_.substr(chars_[i].byte, chars_[i].size));
      }
    }
    return s;
  }

  // Reads a phrase whose opening quote is chars_[*i]; leaves *i after the closing quote.
  void LexPhrase(size_t* i, Tok tok) {
    const char32_t open = chars_[*i].cp;
    const uint32_t open_column = chars_[*i].column;
    ++*i;
    const size_t start = *i;
    size_t j = start;
    bool closed = false;
    while (j < chars_.size()) {
      const char32_t c = chars_[j].cp;
      if ((open == '"' && IsCloseQuote(c)) || (open == 0x00AB && (c == 0x00BB || c == '"')) ||
          (open == 0x201C && (c == 0x201D || c == '"'))) {
        closed = true;
        break;
      }
      ++j;
    }
    tok.type = Tok::Type::kPhrase;
    tok.text = Bytes(start, j);
    tok.text_column = start < chars_.size() ? chars_[start].column : open_column + 1;
    if (!closed) Warn(open_column, "unbalanced quote: the phrase runs to the end of the query");
    *i = closed ? j + 1 : j;
    toks_.push_back(std::move(tok));
  }

  void Lex() {
    size_t i = 0;
    while (i < chars_.size()) {
      const Char& c = chars_[i];
      if (IsSpace(c.cp)) {
        ++i;
        continue;
      }
      if (IsOpenQuote(c.cp)) {
        Tok t;
        t.column = c.column;
        TakePending(&t);
        LexPhrase(&i, std::move(t));
        continue;
      }
      if (IsCloseQuote(c.cp)) {
        Warn(c.column, "unmatched closing quote ignored");
        ++i;
        continue;
      }
      if (c.cp == '(' || c.cp == ')') {
        Tok t;
        t.type = c.cp == '(' ? Tok::Type::kLParen : Tok::Type::kRParen;
        t.column = c.column;
        if (c.cp == '(') TakePending(&t);
        toks_.push_back(std::move(t));
        ++i;
        continue;
      }
      // A chunk: [-]* [field:] text [*|~]
      size_t j = i;
      while (j < chars_.size() && !IsBreak(chars_[j].cp)) ++j;
      LexChunk(i, j);
      i = j;
    }
  }

  // Chars [from, to) form a chunk; the char at `to` (if any) is a break.
  void LexChunk(size_t from, size_t to) {
    Tok t;
    t.column = chars_[from].column;
    size_t i = from;
    while (i < to && chars_[i].cp == '-') {
      t.negated = true;
      ++i;
    }
    // field:
    for (size_t k = i; k < to; ++k) {
      if (chars_[k].cp == ':') {
        FieldName f = FieldFromName(Bytes(i, k));
        if (f != FieldName::kNone) {
          t.field = f;
          i = k + 1;
          // title:-w means -title:w (the '-' was read as part of the word, and the exclusion
          // became an inclusion). Not date:, whose ranges cannot be excluded.
          while (f != FieldName::kDate && i < to && chars_[i].cp == '-') {
            t.negated = true;
            ++i;
          }
        }
        break;
      }
    }
    const bool adjacent_next = to < chars_.size() && !IsSpace(chars_[to].cp);
    if (i == to) {
      // Only modifiers. They apply to an adjacent phrase or group.
      if (adjacent_next && (IsOpenQuote(chars_[to].cp) || chars_[to].cp == '(')) {
        pending_ = t;
        has_pending_ = true;
        return;
      }
      if (t.field != FieldName::kNone) {
        Warn(t.column, "field without a value ignored");
      } else {
        Warn(t.column, "lone '-' ignored");
      }
      return;
    }
    size_t end = to;
    if (t.field != FieldName::kSource && t.field != FieldName::kDate) {
      const char32_t last = chars_[end - 1].cp;
      if (last == '*' || last == '~') {
        t.suffix = static_cast<char>(last);
        --end;
        while (end > i && (chars_[end - 1].cp == '*' || chars_[end - 1].cp == '~')) --end;
        if (end == i) {
          Warn(chars_[i].column, std::string("lone '") + t.suffix + "' ignored");
          return;
        }
      }
    }
    t.type = Tok::Type::kWord;
    t.text = Bytes(i, end);
    t.text_column = chars_[i].column;
    if (!t.negated && t.field == FieldName::kNone && t.suffix == 0) {
      if (t.text == "OR") t.type = Tok::Type::kOr;
      if (t.text == "أو" || t.text == "او") t.maybe_or = true;
    }
    toks_.push_back(std::move(t));
  }

  // The pending modifiers ("-", "title:") written right before a quote or '('.
  void TakePending(Tok* t) {
    if (!has_pending_) return;
    t->negated = pending_.negated;
    t->field = pending_.field;
    t->column = pending_.column;
    has_pending_ = false;
  }

  static bool StartsItem(const Tok& t) {
    return t.type == Tok::Type::kWord || t.type == Tok::Type::kPhrase ||
           t.type == Tok::Type::kLParen;
  }

  // clause* until ')' (nested) or the end. *pos is left at the ')' or the end.
  std::vector<QueryNode> ParseSequence(size_t* pos, bool nested) {
    std::vector<QueryNode> out;
    while (*pos < toks_.size()) {
      const Tok& t = toks_[*pos];
      if (t.type == Tok::Type::kRParen) {
        if (nested) return out;
        return out;  // top level: the caller warns
      }
      if (t.type == Tok::Type::kOr) {
        Warn(t.column, "OR without a left operand ignored");
        ++*pos;
        continue;
      }
      std::vector<QueryNode> alternatives = ParseItem(pos);
      bool grouped = false;
      std::vector<QueryNode> group = std::move(alternatives);
      while (*pos < toks_.size()) {
        const Tok& op = toks_[*pos];
        const bool is_or = op.type == Tok::Type::kOr ||
                           (op.maybe_or && !group.empty() && *pos + 1 < toks_.size() &&
                            StartsItem(toks_[*pos + 1]));
        if (!is_or) break;
        ++*pos;
        if (*pos >= toks_.size() || !StartsItem(toks_[*pos])) {
          Warn(op.column, "OR without a right operand ignored");
          break;
        }
        std::vector<QueryNode> more = ParseItem(pos);
        for (QueryNode& n : more) group.push_back(std::move(n));
        grouped = true;
      }
      AddAlternatives(std::move(group), grouped, &out);
    }
    return out;
  }

  // Puts a list of alternatives into `out`: negated ones become separate exclusions, filters
  // (source/date) stay top-level clauses, and two or more scoring alternatives form a group.
  void AddAlternatives(std::vector<QueryNode> nodes, bool grouped, std::vector<QueryNode>* out) {
    std::vector<QueryNode> positive;
    const bool joined_by_or = grouped;
    for (QueryNode& n : nodes) {
      // Said (kNoAlternative), and under --strict an error.
      if (joined_by_or && (n.occur == Occur::kMustNot || n.kind == QueryNode::Kind::kDateRange ||
                           n.kind == QueryNode::Kind::kSource)) {
        Warn(n.column, kNoAlternative);
      }
      if (n.kind == QueryNode::Kind::kGroup) {  // a parenthesised group: flatten
        for (QueryNode& c : n.children) {
          if (c.occur == Occur::kMustNot || c.kind == QueryNode::Kind::kDateRange ||
              c.kind == QueryNode::Kind::kSource) {
            // Parentheses offer alternatives too: (a -b) is a OR -b, which cannot be.
            if (n.children.size() > 1) Warn(c.column, kNoAlternative);
            out->push_back(std::move(c));
          } else {
            positive.push_back(std::move(c));
          }
        }
        if (!grouped && n.children.size() > 0) grouped = true;
        continue;
      }
      if (n.occur == Occur::kMustNot || n.kind == QueryNode::Kind::kDateRange ||
          n.kind == QueryNode::Kind::kSource) {
        out->push_back(std::move(n));
      } else {
        positive.push_back(std::move(n));
      }
    }
    if (positive.empty()) return;
    if (positive.size() == 1 || !grouped) {
      for (QueryNode& n : positive) out->push_back(std::move(n));
      return;
    }
    QueryNode g;
    g.kind = QueryNode::Kind::kGroup;
    g.column = positive.front().column;
    bool all_phrases = true;
    for (QueryNode& n : positive) {
      if (n.kind != QueryNode::Kind::kPhrase) all_phrases = false;
      n.occur = Occur::kShould;
      g.children.push_back(std::move(n));
    }
    g.occur = all_phrases ? Occur::kMust : Occur::kShould;
    out->push_back(std::move(g));
  }

  // One item: a word (possibly several terms), a phrase, or a parenthesised group. Returns its
  // nodes (empty when the item was dropped).
  std::vector<QueryNode> ParseItem(size_t* pos) {
    Tok t = toks_[*pos];
    ++*pos;
    std::vector<QueryNode> out;
    if (t.type == Tok::Type::kLParen) {
      if (depth_ >= kMaxGroupDepth) {
        Warn(t.column, "'(' nested deeper than " + std::to_string(kMaxGroupDepth) +
                           " groups ignored");
        return out;
      }
      ++depth_;
      std::vector<QueryNode> inner = ParseSequence(pos, true);
      --depth_;
      if (*pos < toks_.size() && toks_[*pos].type == Tok::Type::kRParen) {
        ++*pos;
      } else {
        Warn(t.column, "unbalanced '(': closed at the end of the query");
      }
      if (t.field == FieldName::kTitle || t.field == FieldName::kBody) {
        const Scope s = t.field == FieldName::kTitle ? Scope::kTitle : Scope::kBody;
        for (QueryNode& n : inner) {
          n.scope = s;
          for (QueryNode& c : n.children) c.scope = s;
        }
      } else if (t.field != FieldName::kNone) {
        Warn(t.column, "source: and date: take a value, not a group: the field is ignored");
      }
      if (t.negated) {
        for (QueryNode& n : inner) {
          if (n.kind == QueryNode::Kind::kGroup) {
            for (QueryNode& c : n.children) {
              c.occur = Occur::kMustNot;
              out.push_back(std::move(c));
            }
          } else {
            if (n.kind != QueryNode::Kind::kDateRange) n.occur = Occur::kMustNot;
            out.push_back(std::move(n));
          }
        }
        return out;
      }
      QueryNode g;
      g.kind = QueryNode::Kind::kGroup;
      g.column = t.column;
      for (QueryNode& n : inner) {
        if (n.kind == QueryNode::Kind::kGroup) {
          for (QueryNode& c : n.children) g.children.push_back(std::move(c));
        } else {
          g.children.push_back(std::move(n));
        }
      }
      if (!g.children.empty()) out.push_back(std::move(g));
      return out;
    }
    const Occur neg_or = t.negated ? Occur::kMustNot : Occur::kShould;
    const Scope scope = t.field == FieldName::kTitle  ? Scope::kTitle
                        : t.field == FieldName::kBody ? Scope::kBody
                                                      : Scope::kAll;
    if (t.field == FieldName::kSource) {
      std::string value = Trim(t.text);
      if (value.empty()) {
        Warn(t.column, "empty source ignored");
        return out;
      }
      QueryNode n;
      n.kind = QueryNode::Kind::kSource;
      n.occur = neg_or;
      n.value = std::move(value);
      n.column = t.column;
      out.push_back(std::move(n));
      return out;
    }
    if (t.field == FieldName::kDate) {
      QueryNode n;
      n.kind = QueryNode::Kind::kDateRange;
      n.column = t.column;
      bool reversed = false;
      if (!ParseDateValue(Trim(t.text), &n.date_from, &n.date_to, &reversed)) {
        Warn(t.text_column,
             "not a date or date range (YYYY-MM-DD, YYYY-MM, YYYY, A..B, A.., ..B): '" + t.text +
                 "' ignored");
        return out;
      }
      if (reversed) {
        // The range was ignored, so the query matched every date: read it as meant.
        Warn(t.text_column, "date range '" + t.text + "' ends before it starts: read the other way round");
      }
      if (t.negated) {
        Warn(t.column, "a negated date range is not supported: '-' ignored");
      }
      out.push_back(std::move(n));
      return out;
    }
    if (!Analyze(t.text, t.text_column)) return out;
    if (t.type == Tok::Type::kPhrase) {
      if (words_.empty()) {
        if (Trim(t.text).empty()) Warn(t.column, "empty phrase ignored");
        return out;
      }
      QueryNode n;
      n.kind = QueryNode::Kind::kPhrase;
      n.occur = t.negated ? Occur::kMustNot : Occur::kMust;
      n.scope = scope;
      n.column = t.column;
      n.words = std::move(words_);
      out.push_back(std::move(n));
      return out;
    }
    for (size_t k = 0; k < words_.size(); ++k) {
      QueryNode n;
      n.kind = QueryNode::Kind::kTerm;
      n.occur = neg_or;
      n.scope = scope;
      n.column = k == 0 ? t.column : word_columns_[k];
      const bool last = k + 1 == words_.size();
      if (last && t.suffix == '*') {
        if (CountCodePoints(words_[k].norm) < kMinPrefixChars) {
          Warn(word_columns_[k], "prefix shorter than " + std::to_string(kMinPrefixChars) +
                                     " letters searched as a word");
        } else {
          n.kind = QueryNode::Kind::kPrefix;
        }
      } else if (last && t.suffix == '~') {
        n.kind = QueryNode::Kind::kVariant;
      }
      n.words.push_back(std::move(words_[k]));
      out.push_back(std::move(n));
    }
    return out;
  }

  static std::string Trim(const std::string& s) {
    size_t a = 0, b = s.size();
    while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) --b;
    return s.substr(a, b - a);
  }

  static size_t CountCodePoints(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  }

  // Analyses `s` (valid UTF-8: invalid bytes were replaced by spaces) into words_. Returns
  // false when the word budget is exhausted.
  bool Analyze(const std::string& s, uint32_t column) {
    words_.clear();
    word_columns_.clear();
    if (budget_exhausted_) return false;
    Status st = analyzer_.Analyze(s, &analyzed_);
    if (!st.ok()) return false;  // cannot happen: the text is valid UTF-8
    for (const text::Token& tok : analyzed_.tokens()) {
      if (num_words_ >= kMaxQueryWords) {
        budget_exhausted_ = true;
        Warn(column + ColumnsBefore(s, tok.start),
             "more than " + std::to_string(kMaxQueryWords) + " words: the rest is ignored");
        return !words_.empty();
      }
      ++num_words_;
      QueryWord w;
      w.text.assign(s, tok.start, tok.end - tok.start);
      w.norm.assign(tok.norm);
      w.stem.assign(tok.stem);
      w.stop = tok.stop;
      words_.push_back(std::move(w));
      word_columns_.push_back(column + ColumnsBefore(s, tok.start));
    }
    return true;
  }

  static uint32_t ColumnsBefore(const std::string& s, uint32_t byte) {
    return static_cast<uint32_t>(CountCodePoints(std::string_view(s).substr(0, byte)));
  }

  // Plain stopword terms are not scored when anything else in the query is (query_parser.h).
  void DropStopwords() {
    auto is_content = [](const QueryNode& n) {
      if (n.occur == Occur::kMustNot) return false;
      if (n.kind == QueryNode::Kind::kTerm) return !n.words[0].stop;
      return n.kind != QueryNode::Kind::kSource && n.kind != QueryNode::Kind::kDateRange;
    };
    bool has_content = false;
    for (const QueryNode& n : query_->clauses) {
      if (n.kind == QueryNode::Kind::kGroup) {
        for (const QueryNode& c : n.children) has_content = has_content || is_content(c);
      } else {
        has_content = has_content || is_content(n);
      }
    }
    if (!has_content) return;
    auto is_stop_term = [](const QueryNode& n) {
      return n.kind == QueryNode::Kind::kTerm && n.occur != Occur::kMustNot && n.words[0].stop;
    };
    std::vector<QueryNode> kept;
    for (QueryNode& n : query_->clauses) {
      if (n.kind == QueryNode::Kind::kGroup) {
        std::erase_if(n.children, is_stop_term);
        if (n.children.empty()) continue;
        if (n.children.size() == 1) {
          QueryNode only = std::move(n.children[0]);
          only.occur = only.kind == QueryNode::Kind::kPhrase ? Occur::kMust : Occur::kShould;
          kept.push_back(std::move(only));
          continue;
        }
      } else if (is_stop_term(n)) {
        continue;
      }
      kept.push_back(std::move(n));
    }
    query_->clauses = std::move(kept);
  }

  std::string_view input_;
  const text::Analyzer& analyzer_;
  Query* query_;
  std::vector<Char> chars_;
  std::vector<Tok> toks_;
  // Groups open around the item being parsed. ParseItem and ParseSequence recurse once per
  // '(': deeper groups than kMaxGroupDepth are not opened (a query of 20,000 '(' overflowed
  // the stack); they mean nothing more than the groups around them.
  static constexpr int kMaxGroupDepth = 64;
  int depth_ = 0;
  Tok pending_;
  bool has_pending_ = false;
  text::AnalyzedText analyzed_;
  std::vector<QueryWord> words_;
  std::vector<uint32_t> word_columns_;
  size_t num_words_ = 0;
  bool budget_exhausted_ = false;
};

}  // namespace

Result<Query> ParseQuery(std::string_view text, const text::Analyzer& analyzer,
                         const ParseOptions& options) {
  Query query;
  if (text.size() >= (1ull << 31)) {
    if (options.strict) return Status::InvalidArgument("column 1: query longer than 2 GiB");
    query.warnings.push_back(QueryWarning{1, "query longer than 2 GiB ignored"});
    return query;
  }
  Parser parser(text, analyzer, &query);
  parser.Run();
  bool blank = true;
  for (char c : text) blank = blank && (c == ' ' || c == '\t' || c == '\n' || c == '\r');
  if (query.clauses.empty() && !blank) {
    query.nothing_left = true;
    query.warnings.push_back(QueryWarning{1, "nothing to search for is left in the query"});
  }
  if (options.strict) {
    if (!query.warnings.empty()) {
      const QueryWarning& w = query.warnings.front();
      return Status::InvalidArgument("column " + std::to_string(w.column) + ": " + w.message);
    }
    if (blank) return Status::InvalidArgument("column 1: empty query");
  }
  return query;
}

}  // namespace rasd::search
