// Tests of the stopword list.
#include "rasd/text/stopwords.h"

#include <gtest/gtest.h>

#include "rasd/text/analyzer.h"
#include "rasd/text/utf8.h"

namespace rasd::text {
namespace {

TEST(StopwordsTest, CommonFunctionWords) {
  for (const char* w : {"في", "من", "إلى", "على", "الذي", "التي", "هذا", "هذه", "لا", "كان",
                        "وفي", "عليه", "أن", "إن", "قد"}) {
    EXPECT_TRUE(IsStopword(NormalizeWord(w))) << w;
  }
}

TEST(StopwordsTest, ContentWordsAreNot) {
  for (const char* w : {"الرئيس", "كتاب", "إيران", "قال", "الخامنئي", "ماء", "the", "2024", ""}) {
    EXPECT_FALSE(IsStopword(NormalizeWord(w))) << w;
  }
}

TEST(StopwordsTest, LookupTakesNormalisedForms) {
  EXPECT_TRUE(IsStopword("الي"));    // إلى normalised
  EXPECT_FALSE(IsStopword("إلى"));   // not normalised: not found
}

TEST(StopwordsTest, ListIsNormalisedSortedAndUnique) {
  const auto list = StopwordList();
  EXPECT_GT(list.size(), 150u);
  for (size_t i = 0; i < list.size(); ++i) {
    EXPECT_EQ(NormalizeWord(list[i]), list[i]);
    EXPECT_TRUE(IsStopword(list[i]));
    if (i > 0) {
      EXPECT_LT(list[i - 1], list[i]);
    }
  }
}

}  // namespace
}  // namespace rasd::text
