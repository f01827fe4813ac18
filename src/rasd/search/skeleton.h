// Consonant skeletons and edit distances: the similarity behind spelling-variant expansion of
// foreign names (variant_expander.h).
//
// Arabic spellings of the same foreign name differ mostly in their long vowels and in a few
// letters that render one Latin sound: ترامب/ترمب (Trump), توكايف/توكاييف (Tokayev),
// بوكيتينو/بوتشيتينو (Pochettino), جوجل/غوغل (Google). The skeleton of a NORMALISED word
// (text::NormalizeWord output: hamza seats, alef and yeh variants already unified) removes
// that variation:
//
//   1. digraphs for one Latin sound become one letter: تش (ch) -> ش, دج (dj) -> ج;
//   2. the long vowels and hamza are dropped: ا و ي ى ء (U+0627 U+0648 U+064A U+0649 U+0621,
//      and the seats أ إ آ ؤ ئ U+0623 U+0625 U+0622 U+0624 U+0626 if present);
//   3. look-alike letters of transliteration are unified: ط -> ت (U+0637 -> U+062A),
//      ص -> س (U+0635 -> U+0633), ض -> د (U+0636 -> U+062F), ذ ظ -> ز (U+0630 U+0638 ->
//      U+0632), ق -> ك (U+0642 -> U+0643), غ -> ج (U+063A -> U+062C), ة -> ه (U+0629 -> U+0647);
//   4. a letter repeated after these steps is kept once.
//
// The skeleton is a byte string with ONE BYTE PER LETTER (code point - U+0620), so edit
// distances on skeletons are byte operations. Words with any non-Arabic character have no
// skeleton (empty result).
//
// Edit distance is Damerau-Levenshtein in its optimal-string-alignment form (insertions,
// deletions, substitutions and transpositions of adjacent symbols, each cost 1; Damerau 1964,
// Levenshtein 1966), computed with a bound so that distant pairs are rejected early.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rasd::search {

// The skeleton of a normalised word (see above) into *out (cleared first). Returns false, with
// *out empty, when the word has a character that is not an Arabic letter.
bool ConsonantSkeleton(std::string_view normalized, std::string* out);

// Whether ConsonantSkeleton would succeed on `normalized` (every character an Arabic letter,
// U+0621..U+064A), without building the skeleton: a byte test, for filtering a dictionary.
bool HasSkeleton(std::string_view normalized);

// The stricter "vowel skeleton": steps 2 and 3 only (no digraphs, repeats kept, and a
// word-initial و or ي kept: there it is a consonant, a conjunction or a verb prefix). Two words with
// the same vowel skeleton differ only in long vowels, hamza and look-alike letters (ترمب/ترامب,
// توكايف/توكاييف, غوغل/جوجل), not in their consonants (تتفوق/اتفاق have the same consonant
// skeleton but not the same vowel skeleton).
bool VowelSkeleton(std::string_view normalized, std::string* out);

// The skeleton rendered back as Arabic letters (for tests and logs).
std::string SkeletonToUtf8(std::string_view skeleton);

// Optimal-string-alignment distance between byte strings, or max_distance + 1 when it is
// larger than max_distance.
int BoundedDamerauLevenshtein(std::string_view a, std::string_view b, int max_distance);

// The same distance counted in code points of two UTF-8 strings (invalid bytes count as one
// symbol each).
int BoundedDamerauLevenshteinUtf8(std::string_view a, std::string_view b, int max_distance);

// Number of code points of a UTF-8 string (invalid bytes count as one).
size_t CountCodePoints(std::string_view s);

}  // namespace rasd::search
