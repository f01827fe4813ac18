// Tests of consonant skeletons and bounded Damerau-Levenshtein distances (skeleton.h).
#include "rasd/search/skeleton.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "rasd/text/analyzer.h"
#include "rasd/text/utf8.h"

namespace rasd::search {
namespace {

std::string Skel(std::string_view word) {
  std::string s;
  EXPECT_TRUE(ConsonantSkeleton(text::NormalizeWord(word), &s)) << word;
  return SkeletonToUtf8(s);
}

int SkelDistance(std::string_view a, std::string_view b) {
  std::string sa, sb;
  EXPECT_TRUE(ConsonantSkeleton(text::NormalizeWord(a), &sa));
  EXPECT_TRUE(ConsonantSkeleton(text::NormalizeWord(b), &sb));
  return BoundedDamerauLevenshtein(sa, sb, 3);
}

TEST(SkeletonTest, DropsLongVowelsAndHamza) {
  EXPECT_EQ(Skel("ترامب"), "ترمب");
  EXPECT_EQ(Skel("ترمب"), "ترمب");
  EXPECT_EQ(Skel("توكايف"), "تكف");
  EXPECT_EQ(Skel("توكاييف"), "تكف");
  EXPECT_EQ(Skel("مسؤول"), "مسل");
  EXPECT_EQ(Skel("رئيس"), "رس");
}

TEST(SkeletonTest, UnifiesTransliterationLetters) {
  EXPECT_EQ(Skel("بوتشيتينو"), "بشتن");  // تش -> ش
  EXPECT_EQ(Skel("دجوكوفيتش"), Skel("جوكوفيتش"));  // دج -> ج
  EXPECT_EQ(Skel("غوغل"), Skel("جوجل"));  // غ -> ج
  EXPECT_EQ(Skel("طهران"), Skel("تهران"));  // ط -> ت
  EXPECT_EQ(Skel("صوفيا"), Skel("سوفيا"));  // ص -> س
  EXPECT_EQ(Skel("مدرسة"), Skel("مدرسه"));  // ة -> ه
  EXPECT_EQ(Skel("قطر"), Skel("كتر"));
  EXPECT_EQ(Skel("ذهب"), Skel("زهب"));
  EXPECT_EQ(Skel("مممم"), "م");  // repeats collapse
}

TEST(SkeletonTest, NameVariantsAreWithinOne) {
  EXPECT_EQ(SkelDistance("ترامب", "ترمب"), 0);
  EXPECT_EQ(SkelDistance("توكايف", "توكاييف"), 0);
  EXPECT_EQ(SkelDistance("بوكيتينو", "بوتشيتينو"), 1);
  EXPECT_EQ(SkelDistance("جومارت", "جورمات"), 1);  // a transposition
  EXPECT_GT(SkelDistance("ترامب", "بوتين"), 1);
}

TEST(SkeletonTest, VowelSkeletonKeepsConsonantsAndInitialWaw) {
  auto vowel = [](std::string_view w) {
    std::string s;
    EXPECT_TRUE(VowelSkeleton(text::NormalizeWord(w), &s));
    return SkeletonToUtf8(s);
  };
  EXPECT_EQ(vowel("ترامب"), vowel("ترمب"));
  EXPECT_EQ(vowel("توكاييف"), vowel("توكايف"));
  EXPECT_EQ(vowel("غوغل"), vowel("جوجل"));
  EXPECT_NE(vowel("تتفوق"), vowel("اتفاق"));  // same consonant skeleton, not the same vowels
  EXPECT_EQ(Skel("تتفوق"), Skel("اتفاق"));
  EXPECT_NE(vowel("يقاطع"), vowel("قطاع"));    // initial ي is a prefix, not a vowel
  EXPECT_NE(vowel("ومعيد"), vowel("معد"));
  EXPECT_NE(vowel("بوتشيتينو"), vowel("بوكيتينو"));
}

TEST(SkeletonTest, NonArabicHasNoSkeleton) {
  std::string s = "x";
  EXPECT_FALSE(ConsonantSkeleton("trump", &s));
  EXPECT_TRUE(s.empty());
  EXPECT_FALSE(ConsonantSkeleton("كتاب2", &s));
  EXPECT_TRUE(ConsonantSkeleton("", &s));
  EXPECT_TRUE(s.empty());
}

// HasSkeleton is ConsonantSkeleton's answer without the skeleton: the same on letters at
// both ends of the range, on the neighbours just outside it, and on broken UTF-8.
TEST(SkeletonTest, HasSkeletonAgreesWithConsonantSkeleton) {
  const std::vector<std::string> words = {
      "", "كتاب", "ءامن", "يوسف", "\u0621", "\u064A", "\u0620", "\u064B", "\u0640", "\u063F",
      "trump", "كتاب2", "ك ت", "\xD8", "\xD8\xA1\xD9", "\xD9\x8A\xD9\x8B", "\xC3\xA9",
      "\xD8\x41", "ترامب", "إيران", "\xEF\xBB\xBF"};
  std::string s;
  for (const std::string& w : words) {
    EXPECT_EQ(HasSkeleton(w), ConsonantSkeleton(w, &s)) << w;
  }
  for (char32_t cp = 0x0600; cp < 0x0700; ++cp) {  // every code point of the Arabic block
    char buf[4];
    const std::string w = "ب" + std::string(buf, static_cast<size_t>(text::EncodeUtf8(cp, buf)));
    EXPECT_EQ(HasSkeleton(w), ConsonantSkeleton(w, &s)) << static_cast<uint32_t>(cp);
  }
}

TEST(DamerauLevenshteinTest, Basics) {
  EXPECT_EQ(BoundedDamerauLevenshtein("", "", 3), 0);
  EXPECT_EQ(BoundedDamerauLevenshtein("abc", "abc", 3), 0);
  EXPECT_EQ(BoundedDamerauLevenshtein("abc", "abd", 3), 1);
  EXPECT_EQ(BoundedDamerauLevenshtein("abc", "acb", 3), 1);  // transposition
  EXPECT_EQ(BoundedDamerauLevenshtein("abc", "ab", 3), 1);
  EXPECT_EQ(BoundedDamerauLevenshtein("", "abc", 3), 3);
  EXPECT_EQ(BoundedDamerauLevenshtein("kitten", "sitting", 5), 3);
  EXPECT_EQ(BoundedDamerauLevenshtein("kitten", "sitting", 1), 2);  // capped at max + 1
  EXPECT_EQ(BoundedDamerauLevenshtein("ca", "abc", 5), 3);  // OSA, not full Damerau
  EXPECT_EQ(BoundedDamerauLevenshteinUtf8("ترمب", "ترامب", 3), 1);
  EXPECT_EQ(BoundedDamerauLevenshteinUtf8("بوكيتينو", "بوتشيتينو", 3), 2);
  EXPECT_EQ(BoundedDamerauLevenshteinUtf8("a\xff", "a", 3), 1);
  EXPECT_EQ(CountCodePoints("ترامب"), 5u);
}

// Against the textbook full-table OSA on random strings.
TEST(DamerauLevenshteinTest, MatchesTheFullTable) {
  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  auto osa = [](const std::string& a, const std::string& b) {
    std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
    for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
    for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
    for (size_t i = 1; i <= a.size(); ++i) {
      for (size_t j = 1; j <= b.size(); ++j) {
        d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                            d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
          d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.size()][b.size()];
  };
  for (int i = 0; i < 3000; ++i) {
    std::string a, b;
    const size_t na = rng() % 9, nb = rng() % 9;
    for (size_t k = 0; k < na; ++k) a.push_back(static_cast<char>('a' + rng() % 3));
    for (size_t k = 0; k < nb; ++k) b.push_back(static_cast<char>('a' + rng() % 3));
    const int max = static_cast<int>(rng() % 5);
    EXPECT_EQ(BoundedDamerauLevenshtein(a, b, max), std::min(osa(a, b), max + 1)) << a << " " << b;
  }
}

}  // namespace
}  // namespace rasd::search
