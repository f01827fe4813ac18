#include "rasd/extract/name_forms.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "rasd/extract/clitics.h"

namespace rasd::extract {
namespace {

TEST(NameFormsTest, FoldUnifiesLetterVariantsAndDropsMarks) {
  EXPECT_EQ(FoldOnly("إيران"), FoldOnly("ايران"));
  EXPECT_EQ(FoldOnly("أُعلِنَ"), "اعلن");
  EXPECT_EQ(FoldOnly("مدرسة"), "مدرسه");
  EXPECT_EQ(FoldOnly("مستشفى"), "مستشفي");
  EXPECT_EQ(FoldOnly("العربيـــة"), "العربيه");
  EXPECT_EQ(FoldOnly("٢٠١٨"), "2018");
  EXPECT_EQ(FoldOnly("NATO"), "nato");
}

TEST(NameFormsTest, SkeletonJoinsVowelVariants) {
  EXPECT_EQ(Skeleton(FoldOnly("توكايف")), Skeleton(FoldOnly("توكاييف")));
  EXPECT_EQ(Skeleton(FoldOnly("ترامب")), Skeleton(FoldOnly("ترمب")));
  EXPECT_EQ(Skeleton(FoldOnly("الخامنئي")), Skeleton(FoldOnly("خامنئي")));
  EXPECT_NE(Skeleton(FoldOnly("جومارت")), Skeleton(FoldOnly("جورمات")));
}

TEST(NameFormsTest, EditDistanceCountsTranspositionsOnce) {
  EXPECT_EQ(EditDistance("abc", "abc"), 0);
  EXPECT_EQ(EditDistance("abc", "acb"), 1);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3);
  EXPECT_EQ(EditDistance(Skeleton(FoldOnly("جومارت")), Skeleton(FoldOnly("جورمات"))), 1);
  EXPECT_EQ(EditDistance("", "abc"), 3);
  EXPECT_EQ(EditDistance("abcdef", "uvwxyz", 2), 3);  // early exit reports limit + 1
}

TEST(NameFormsTest, NextCodePointNeverStalls) {
  std::string bad = "a\xC3\x28\xE2\x82\xF0\x9F\x98";
  size_t i = 0, steps = 0;
  while (i < bad.size()) {
    NextCodePoint(bad, &i);
    ASSERT_LT(++steps, 100u);
  }
  EXPECT_EQ(CodePointCount("سلام"), 4u);
}

TEST(NameFormsTest, ProcliticSplitsRestoreTheArticleAfterLam) {
  auto splits = ProcliticSplits(FoldOnly("للخامنئي"));
  bool found = std::any_of(splits.begin(), splits.end(), [](const CliticSplit& s) {
    return s.prefix == "ل" && s.base == FoldOnly("الخامنئي");
  });
  EXPECT_TRUE(found);
  EXPECT_EQ(splits[0].base, FoldOnly("للخامنئي"));
}

TEST(NameFormsTest, BestCliticSplitNeedsEvidence) {
  // No evidence at all: the word stays whole.
  EXPECT_EQ(BestCliticSplit(FoldOnly("وزير"), nullptr, nullptr).base, FoldOnly("وزير"));
  WordClusters wc;
  wc.Add(FoldOnly("وزير"), {5000, 0, 0, 0});
  wc.Add(FoldOnly("زير"), {3, 0, 0, 0});
  wc.Add(FoldOnly("ايران"), {9000, 0, 0, 0});
  wc.Add(FoldOnly("وايران"), {300, 0, 0, 0});
  EXPECT_EQ(BestCliticSplit(FoldOnly("وزير"), &wc, nullptr).base, FoldOnly("وزير"));
  CliticSplit s = BestCliticSplit(FoldOnly("وإيران"), &wc, nullptr);
  EXPECT_EQ(s.prefix, "و");
  EXPECT_EQ(s.base, FoldOnly("ايران"));
}

}  // namespace
}  // namespace rasd::extract
