// Word forms for matching names: UTF-8 stepping, a matching fold, the consonant skeleton of a
// name, Damerau edit distance, and Arabic proclitic candidates.
//
// Entities are written many ways in Arabic news: with or without hamza on alef (إيران /
// ايران), with taa marbuta or haa (ة / ه), with attached conjunctions and prepositions
// (وإيران, للخامنئي), and, for foreign names, with different vowel letters (توكايف /
// توكاييف, ترامب / ترمب) or even letters transposed (جومارت / جورمات). The functions here
// turn a surface word into the keys the tagger's features and the entity linker compare:
//
//   Fold(w)      rasd's NormalizeWord, then a fixed extra folding that does not depend on
//                the text module's tables: diacritics (U+064B..U+065F, U+0670) and tatweel
//                (U+0640) removed, أ إ آ ٱ (U+0623, U+0625, U+0622, U+0671) -> ا (U+0627),
//                ى (U+0649) -> ي (U+064A), ة (U+0629) -> ه (U+0647), ؤ (U+0624) -> و (U+0648),
//                ئ (U+0626) -> ي (U+064A), Arabic-Indic digits -> ASCII, ASCII lower-cased.
//   Skeleton(w)  Fold, then drop a leading ال and every long-vowel letter and hamza
//                (ا و ي ء), keeping the consonant frame: توكايف, توكاييف -> تكف.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rasd::extract {

// Decodes the code point at s[*i] and advances *i past it. An invalid byte yields U+FFFD
// and advances by one byte, so any input terminates.
char32_t NextCodePoint(std::string_view s, size_t* i);
// Number of code points (invalid bytes count one each).
size_t CodePointCount(std::string_view s);

// True for the Arabic letters U+0621..U+064A and U+0671..U+06D3 (not digits, punctuation,
// diacritics or tatweel).
bool IsArabicLetter(char32_t cp);
// Whether `s` starts with an Arabic or a Latin letter: a word token, in text that comes
// without a tokenizer's word flag (CoNLL tokens, a tagger's per-token analyses).
bool StartsWithLetter(std::string_view s);
// Arabic harakat, shadda, sukun, superscript alef, and the Quranic marks (U+0610..U+061A,
// U+064B..U+065F, U+0670, U+06D6..U+06ED).
bool IsArabicMark(char32_t cp);

// The folding described above.
std::string Fold(std::string_view word);
// The fold without rasd's NormalizeWord first (for text that is already normalised, and for
// tests that must not depend on the text module).
std::string FoldOnly(std::string_view word);
// The consonant skeleton described above (of an already folded word).
std::string Skeleton(std::string_view folded);

// Optimal-string-alignment (restricted Damerau-Levenshtein) distance over code points:
// insertions, deletions, substitutions and transpositions of adjacent code points each
// cost 1. Stops early and returns `limit + 1` once the distance must exceed `limit`.
int EditDistance(std::string_view a, std::string_view b, int limit = 1 << 20);

// Ways to split a folded word into attached proclitics and a stem-bearing base, most
// conservative first: the whole word, then و/ف + rest, ب/ل/ك + rest, و/ف + ب/ل/ك + rest,
// with ل + ال... written لل in Arabic restored to ال (للخامنئي -> ال + خامنئي, base
// الخامنئي). Bases shorter than two letters are not proposed. Each entry is {prefix, base}.
struct CliticSplit {
  std::string prefix;
  std::string base;
};
std::vector<CliticSplit> ProcliticSplits(std::string_view folded);

}  // namespace rasd::extract
