#include "rasd/extract/dates.h"

#include <gtest/gtest.h>

namespace rasd::extract {
namespace {

std::vector<DateMention> Find(const std::string& text, std::string_view article_date = "") {
  TokenizedText tok;
  TokenizeForNer(text, &tok);
  std::vector<DateMention> out;
  FindDates(text, tok, article_date, &out);
  return out;
}

TEST(DatesTest, CivilArithmetic) {
  EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
  EXPECT_EQ(CivilFromDays(DaysFromCivil({2018, 5, 8})), (CivilDate{2018, 5, 8}));
  EXPECT_EQ(Weekday({2018, 5, 8}), 2);  // a Tuesday
  EXPECT_TRUE(ValidDate({2020, 2, 29}));
  EXPECT_FALSE(ValidDate({2019, 2, 29}));
  EXPECT_EQ(ParseIsoDate("2018-05-08T10:00:00+03:00"), (CivilDate{2018, 5, 8}));
  EXPECT_FALSE(ParseIsoDate("2018-13-01").has_value());
  EXPECT_FALSE(ParseIsoDate("").has_value());
}

TEST(DatesTest, MonthNamesInAllRegisters) {
  auto d = Find("وصل في 8 مايو 2018 إلى طهران");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].value, "2018-05-08");
  EXPECT_EQ(Find("في 3 كانون الثاني 2020")[0].value, "2020-01-03");
  EXPECT_EQ(Find("يوم 14 جانفي 2011 سقط")[0].value, "2011-01-14");
  EXPECT_EQ(Find("في أيار (مايو) 2017")[0].value, "2017-05");
  EXPECT_EQ(Find("في يناير المنصرم", "2022-01-20").size(), 0u);  // a bare month is ambiguous
  EXPECT_EQ(Find("في شهر يناير", "2022-03-01")[0].value, "2022-01");
  auto h = Find("في 22 شعبان 1439 هـ");
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].kind, DateKind::kHijri);
  EXPECT_EQ(h[0].value, "1439-08-22");
  EXPECT_TRUE(Find("رجب طيب أردوغان").empty());  // a Hijri month name alone is a name
}

TEST(DatesTest, NumericDates) {
  EXPECT_EQ(Find("بتاريخ 8/5/2018")[0].value, "2018-05-08");
  EXPECT_EQ(Find("بتاريخ 2018-05-08")[0].value, "2018-05-08");
  EXPECT_EQ(Find("بتاريخ 08.05.2018")[0].value, "2018-05-08");
  EXPECT_TRUE(Find("النتيجة 31/02/2018").empty());
}

TEST(DatesTest, RelativeDaysResolveAgainstTheArticleDate) {
  // 2018-05-09 is a Wednesday.
  auto d = Find("وقال الثلاثاء إن ... وأمس", "2018-05-09");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].kind, DateKind::kRelative);
  EXPECT_EQ(d[0].value, "2018-05-08");
  EXPECT_EQ(d[1].value, "2018-05-08");
  EXPECT_EQ(Find("يوم الأربعاء", "2018-05-09")[0].value, "2018-05-09");
  EXPECT_EQ(Find("الأربعاء الماضي", "2018-05-09")[0].value, "2018-05-02");
  EXPECT_EQ(Find("الخميس المقبل", "2018-05-09")[0].value, "2018-05-10");
  EXPECT_EQ(Find("أول أمس", "2018-05-09")[0].value, "2018-05-07");
  EXPECT_EQ(Find("غدا", "2018-05-09")[0].value, "2018-05-10");
  EXPECT_EQ(Find("الثلاثاء")[0].value, "");  // no article date
}

TEST(DatesTest, TodayIsNotAParticularDayNorAnOutletInTheDateline) {
  EXPECT_EQ(Find("وقال الوزير اليوم إن", "2018-05-09").size(), 1u);
  EXPECT_EQ(Find("صباح اليوم الثلاثاء", "2018-05-08")[0].value, "2018-05-08");
  EXPECT_EQ(Find("حتى اليوم الحالي", "2018-05-08").size(), 1u);
  // The first, next, national day; the day that; that day: not today.
  for (const char* s : {"في اليوم الأول من البطولة", "في اليوم التالي", "بمناسبة اليوم الوطني",
                        "وسيأتي اليوم الذي", "في ذلك اليوم", "في نفس اليوم"}) {
    EXPECT_TRUE(Find(s, "2018-05-09").empty()) << s;
  }
  // An outlet named in the dateline (عين اليوم – جدة), not a date; the text after it counts.
  auto d = Find("عين اليوم – جدة أعلنت الوزارة اليوم أن", "2018-05-09");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_GT(d[0].start, 20u);
}

TEST(DatesTest, ByteRangesPointAtTheText) {
  std::string text = "وفي 8 مايو 2018 حدث";
  auto d = Find(text);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(text.substr(d[0].start, d[0].end - d[0].start), "8 مايو 2018");
}

}  // namespace
}  // namespace rasd::extract
