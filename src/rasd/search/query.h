// The query tree: what query_parser.h produces and the searcher evaluates.
//
// A Query is a flat list of top-level clauses combined by the default operator (OR: a
// document matches when it matches any positive clause, and ranks by how well it matches all
// of them; see searcher.h for AND). Each clause is one node:
//
//   kTerm      one analysed word (a query chunk the analyzer splits, "COVID-19", gives one
//              kTerm per token); scope says title, body or both
//   kPhrase    consecutive words ("..." or «...»); always required unless negated
//   kPrefix    prefix* (the analysed prefix in terms[0].norm); expanded at search time
//   kVariant   word~ : the word and its spelling variants present in the index
//   kSource    source:value (the raw value; matched against the outlet names in the index)
//   kDateRange date:FROM..TO (epoch seconds, both inclusive; open ends are INT64_MIN/MAX)
//   kGroup     alternatives joined by OR or written in parentheses: children are leaf nodes
//              (never groups: nested parentheses are flattened into their parent group)
//
// `occur` is kMustNot for a negated clause (-word, -"phrase", -source:x, -(a b)); otherwise the
// parser sets kMust for phrases and for groups made only of phrases and kShould for the rest
// (the searcher may turn kShould into kMust for the AND operator).
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace rasd::search {

enum class Occur : uint8_t { kShould, kMust, kMustNot };

// Which text the clause searches.
enum class Scope : uint8_t { kAll, kTitle, kBody };

// One analysed query word.
struct QueryWord {
  std::string text;  // the original bytes as typed (diacritics, clitics intact), for display
  std::string norm;  // text::Token::norm
  std::string stem;  // text::Token::stem
  bool stop = false;  // norm is a stopword (scored only inside phrases)
};

struct QueryNode {
  enum class Kind : uint8_t { kTerm, kPhrase, kPrefix, kVariant, kSource, kDateRange, kGroup };

  Kind kind = Kind::kTerm;
  Occur occur = Occur::kShould;
  Scope scope = Scope::kAll;
  std::vector<QueryWord> words;  // kTerm/kPrefix/kVariant: one; kPhrase: one or more
  std::string value;             // kSource: the outlet as typed (quotes removed)
  int64_t date_from = std::numeric_limits<int64_t>::min();  // kDateRange, inclusive
  int64_t date_to = std::numeric_limits<int64_t>::max();    // kDateRange, inclusive
  std::vector<QueryNode> children;  // kGroup
  uint32_t column = 0;  // 1-based column (in characters) where the clause starts
};

// A problem the lenient parser worked around (in strict mode it is the error instead).
struct QueryWarning {
  uint32_t column = 0;  // 1-based, in characters (code points; an invalid byte counts as one)
  std::string message;
};

struct Query {
  std::vector<QueryNode> clauses;
  std::vector<QueryWarning> warnings;

  // True when no clause can match or score anything (an empty query, only stopwords, only
  // dropped syntax). Filters (kSource, kDateRange) make a query non-empty.
  bool empty() const { return clauses.empty(); }
  // The text held something, but nothing searchable was left of it (only operators, stray
  // quotes, punctuation, bytes that are not UTF-8): such a query matches nothing, where a
  // blank one browses every article.
  bool nothing_left = false;

  // A canonical, unambiguous rendering for tests and logs, e.g.
  //   +"<stem> <stem>"  -<stem>  <stem>  title:<stem>  source:"x"  date:[a..b]  (a | b)  pre*  w~
  std::string DebugString() const;
};

}  // namespace rasd::search
