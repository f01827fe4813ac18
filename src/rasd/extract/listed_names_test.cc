#include "rasd/extract/listed_names.h"

#include <gtest/gtest.h>

#include "rasd/extract/testing/tagged_words.h"

namespace rasd::extract {
namespace {

using testing::Repair;

// The lists' names where the tagger found nothing or part of one, never cutting a longer
// name of the tagger's.
TEST(ListedNamesTest, ListedNamesFillGapsButDoNotCutLongerNames) {
  EXPECT_EQ(Repair("قال محمد بن راشد إن", ApplyListedNames),
            "قال محمد/B-PERS بن/I-PERS راشد/I-PERS إن");
  EXPECT_EQ(Repair("أعضاء حلف الناتو/B-ORG اجتمعوا", ApplyListedNames),
            "أعضاء حلف/B-ORG الناتو/I-ORG اجتمعوا");
  EXPECT_EQ(Repair("تأملات الفارابي في", ApplyListedNames), "تأملات الفارابي/B-PERS في");
  // A listed name at the start of a longer one (محمد بن راشد آل مكتوم) or at its end.
  EXPECT_EQ(Repair("استقبل محمد/B-PERS بن/I-PERS راشد/I-PERS آل/I-PERS مكتوم/I-PERS الوفد",
                   ApplyListedNames),
            "استقبل محمد/B-PERS بن/I-PERS راشد/I-PERS آل/I-PERS مكتوم/I-PERS الوفد");
  EXPECT_EQ(Repair("الشيخ سيف/B-PERS محمد/I-PERS بن/I-PERS راشد/I-PERS قال", ApplyListedNames),
            "الشيخ سيف/B-PERS محمد/I-PERS بن/I-PERS راشد/I-PERS قال");
}

TEST(ListedNamesTest, TitleBeforeAListedPersonWord) {
  EXPECT_EQ(Repair("وقال السيد رئيسي إن", ApplyListedNames), "وقال السيد رئيسي/B-PERS إن");
  EXPECT_EQ(Repair("الطريق الرئيسي في", ApplyListedNames), "الطريق الرئيسي في");
}

}  // namespace
}  // namespace rasd::extract
