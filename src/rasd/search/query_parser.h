// ParseQuery: the rasd query language, as users type it.
//
// Grammar (informal; whitespace separates clauses, everything is case-insensitive for the
// ASCII keywords):
//
//   query    := clause*
//   clause   := ['-'] item ( OR ['-'] item )*         OR may also be written أو (or او)
//   item     := '(' clause* ')'                        alternatives (an OR group)
//             | field ':' ( word | phrase )            field: title body source date, or
//                                                      عنوان نص مصدر تاريخ
//             | phrase                                 "…", «…» or “…”
//             | word '*'                               prefix, expanded in the index (capped)
//             | word '~'                               the word and its spelling variants
//             | word
//   date value: YYYY-MM-DD | YYYY-MM | YYYY, or a range A..B, A.., ..B of those (inclusive,
//               whole days, UTC)
//
// Words and phrases are analysed with the searcher's text::Analyzer, so a query word matches
// whatever the analyzer makes of it in documents (normalised form and light stem). A chunk the
// analyzer splits ("COVID-19") becomes one term per token. Stopwords are kept in phrases and
// dropped elsewhere (unless the query has nothing else). A word that is not followed by ':' of a
// known field name is plain text ("10:30" is two words).
//
// OR and أو. OR (upper case) is the operator; أو is too, when it stands between two items. This
// is safe because أو is a stopword: it is never scored as a word, so reading it as an operator
// only groups its neighbours ("كورونا أو كوفيد" -> one group), which changes nothing for the
// default OR operator and means "either" for AND.
//
// Leniency. A user's query is always answered: ParseQuery in lenient mode never fails. It
// repairs what it can and records a QueryWarning (1-based column in characters, what was wrong):
//   unbalanced quotes        the phrase runs to the end of the input
//   unbalanced parentheses   a stray ')' is ignored; an unclosed '(' closes at the end
//   stray operators          OR at either end or doubled, a lone '-', '*' or '~' are ignored
//   unknown date syntax      date:… that is not a date or range is ignored
//   control characters      treated as spaces
//   invalid UTF-8           each invalid byte is treated as a space
//   too many words          words after the first kMaxQueryWords are ignored
//   too short a prefix      a prefix of fewer than kMinPrefixChars letters is a plain word
//   filter or exclusion     offered as an alternative (a OR source:x, (a -b)): it holds for
//     as an alternative       every result all the same
//   nothing left            a non-blank query of which nothing searchable remains: it
//                           matches nothing (Query::nothing_left), where a blank one browses
// A '-' right after a field name excludes (title:-w is -title:w; not for date:).
// In strict mode each of these (and an empty query) is InvalidArgument
// "column N: <what was wrong>" for the first problem met.
//
// Thread-safety: a plain function. `analyzer` is only read.
#pragma once

#include <cstddef>
#include <string_view>

#include "rasd/base/result.h"
#include "rasd/search/query.h"
#include "rasd/text/analyzer.h"

namespace rasd::search {

// Words (analysed tokens of terms and phrases) kept from one query; the rest are dropped.
inline constexpr size_t kMaxQueryWords = 1024;
// Shortest prefix (in letters of its normalised form) that prefix* expands.
inline constexpr size_t kMinPrefixChars = 2;

struct ParseOptions {
  bool strict = false;
};

// Parses `text`. Lenient: always a Query (possibly empty), with warnings. Strict:
// InvalidArgument "column N: ..." for the first problem.
Result<Query> ParseQuery(std::string_view text, const text::Analyzer& analyzer,
                         const ParseOptions& options = {});

}  // namespace rasd::search
