// LiteralQuery: natural-language text (a question, a headline) as a query of plain words.
//
// Evaluation queries and benchmark queries are text, not query-language input: a headline
// with «quotes» is not meant as a required phrase, "- من هو …" (ARCD's crowd-typing dash) is
// not an exclusion, and "10:30" or "title: …" name no field. The peers treat every query as a
// bag of words (Lucene's analyzer without its query parser, Xapian with no parser flags), so
// `rasd eval` and `rasd search --literal` do the same: every character the query language
// reads as an operator (quotes of all three kinds, parentheses, ':', '*', '~', a leading '-' or
// '+') becomes a space and the ASCII operator words OR / AND are lower-cased, leaving the words
// for the analyzer. Arabic أو is left alone: it is a stopword, so reading it as OR between
// two words changes nothing for the default OR operator (query_parser.h).
//
// Thread-safety: a plain function.
#pragma once

#include <string>
#include <string_view>

namespace rasd::cli {

std::string LiteralQuery(std::string_view text);

}  // namespace rasd::cli
