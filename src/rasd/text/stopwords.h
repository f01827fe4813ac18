// The Arabic stopword list: frequent function words that carry little meaning for search.
//
// rasd's own list (stopwords.cc), built on the idea of Savoy's stopword lists for European and
// Arabic IR (J. Savoy, "A stemming procedure and stopword list for general French corpora",
// JASIS 1999, and the Arabic list of the Université de Neuchâtel runs): prepositions,
// conjunctions, particles, pronouns, demonstratives, relatives, auxiliary verbs, quantifiers and
// interrogatives, plus the frequent forms of those carrying an attached و/ف, preposition or
// pronoun (وفي, ومن, عليه, منها, ...). It is written in ordinary spelling and normalised with the
// analyzer's rules when the set is built, so lookups take NORMALISED forms (the token's norm).
//
// The analyzer flags stopwords rather than dropping them (phrase positions stay exact) and does
// not stem them (الذي must not become ذي).
//
// Thread-safety: the set is immutable once built (on first use, thread-safe).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rasd/text/word_set.h"

namespace rasd::text {

// True when the normalised form `normalized` is in the Arabic stopword list.
bool IsStopword(std::string_view normalized);

// The set behind IsStopword, for callers that look up many words in a row (the analyzer).
const WordSet& StopwordSet();

// The normalised list, sorted and without duplicates (for tests and documentation).
std::vector<std::string> StopwordList();

}  // namespace rasd::text
