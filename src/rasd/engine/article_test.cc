#include "rasd/engine/article.h"

#include <gtest/gtest.h>

namespace rasd::engine {
namespace {

TEST(ArticleTest, ParsesAndKeepsUnknownFields) {
  auto a = ParseArticleJson(
      R"({"id":"x1","title":"عنوان","body":"نص","source":"bbc","date":"2018-05-08",)"
      R"("category":null,"abstract":"ملخص","tags":[1,2]})");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->id, "x1");
  EXPECT_EQ(a->category, "");
  ASSERT_EQ(a->extra.size(), 2u);
  EXPECT_EQ(a->extra[0].first, "abstract");
  EXPECT_EQ(a->extra[1].second, "[1,2]");
  auto again = ParseArticleJson(ArticleToJson(*a));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(ArticleToJson(*again), ArticleToJson(*a));
}

TEST(ArticleTest, RejectsBadRecordsWithReasons) {
  EXPECT_EQ(ParseArticleJson(R"({"title":"t"})").status().message(), "no id");
  EXPECT_EQ(ParseArticleJson(R"({"id":"a","title":" ","body":""})").status().message(),
            "neither title nor body has text");
  EXPECT_EQ(ParseArticleJson(R"({"id":"a","title":5})").status().message(),
            "field 'title' is not a string");
  EXPECT_EQ(ParseArticleJson(R"([1])").status().message(), "an article must be a JSON object");
  EXPECT_NE(ParseArticleJson(R"({"id":"a",)").status().message().find("byte"), std::string::npos);
  // An empty title or an empty body alone is normal.
  EXPECT_TRUE(ParseArticleJson(R"({"id":"a","title":"","body":"نص"})").ok());
  EXPECT_TRUE(ParseArticleJson(R"({"id":7,"title":"t"})").ok());
}

// A key given twice is refused, known or not: one of its values would be dropped in silence
// (or, for an unknown key, stored twice).
TEST(ArticleTest, KeyGivenTwiceIsRefused) {
  EXPECT_EQ(ParseArticleJson(R"({"id":"a","body":"x","body":"y"})").status().message(),
            "key \"body\" appears twice");
  EXPECT_EQ(ParseArticleJson(R"({"id":"a","body":"x","tag":1,"tag":2})").status().message(),
            "key \"tag\" appears twice");
  const std::string long_key(100, 'k');
  EXPECT_EQ(ParseArticleJson("{\"id\":\"a\",\"body\":\"x\",\"" + long_key + "\":1,\"" + long_key +
                             "\":2}")
                .status()
                .message(),
            "key \"" + long_key.substr(0, 60) + "...\" appears twice");
  EXPECT_TRUE(ParseArticleJson(R"({"id":"a","body":"x","Body":"y"})").ok());
}

// A numeric id keeps every digit or is refused: 12345678901234567890 and ...891 are the
// same double, and one article would silently replace the other.
TEST(ArticleTest, NumericIdsOnlyWhenExact) {
  auto small = ParseArticleJson(R"({"id":9007199254740991,"title":"t"})");
  ASSERT_TRUE(small.ok()) << small.status().ToString();
  EXPECT_EQ(small->id, "9007199254740991");
  auto negative = ParseArticleJson(R"({"id":-42,"title":"t"})");
  ASSERT_TRUE(negative.ok());
  EXPECT_EQ(negative->id, "-42");
  for (const char* json : {R"({"id":12345678901234567890,"title":"t"})",
                           R"({"id":9007199254740992,"title":"t"})", R"({"id":1.5,"title":"t"})"}) {
    auto a = ParseArticleJson(json);
    ASSERT_FALSE(a.ok()) << json;
    EXPECT_NE(a.status().message().find("send it as a string"), std::string::npos) << json;
  }
  // The rounded number is not quoted as if it were the id given.
  for (const char* json : {R"({"id":9007199254740993,"title":"t"})",
                           R"({"id":-9007199254740993,"title":"t"})"}) {
    auto rounded = ParseArticleJson(json);
    ASSERT_FALSE(rounded.ok());
    EXPECT_EQ(rounded.status().message().find("9007199254740992"), std::string::npos)
        << rounded.status().message();
  }
  // Beyond a double's range the JSON itself is refused (base/json.h).
  auto huge = ParseArticleJson(R"({"id":1e400,"title":"t"})");
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.status().message().find("out of range"), std::string::npos)
      << huge.status().message();
}

TEST(ArticleTest, DateProblemOnlyForGivenDatesThatCannotBeRead) {
  Article a;
  for (const char* ok : {"", "  ", "2018-05-09", "2016-02-29", "2018-05-09T10:00:00+03:00"}) {
    a.date = ok;
    EXPECT_FALSE(DateProblem(a).has_value()) << ok;
  }
  for (const char* bad : {"2018-02-29", "2018-05-09T25:00:00", "2018", "Tue, 08 May 2018"}) {
    a.date = bad;
    auto problem = DateProblem(a);
    ASSERT_TRUE(problem.has_value()) << bad;
    EXPECT_NE(problem->find(std::string("'") + bad + "'"), std::string::npos) << *problem;
    EXPECT_NE(problem->find("indexed without a date"), std::string::npos);
  }
}

TEST(ArticleTest, IsoDates) {
  EXPECT_EQ(*ParseIsoDate("1970-01-01"), 0);
  EXPECT_EQ(*ParseIsoDate("2018-05-08"), 1525737600);
  EXPECT_EQ(*ParseIsoDate("2018-05-08T14:03:00Z"), 1525737600 + 14 * 3600 + 180);
  EXPECT_EQ(*ParseIsoDate("2018-05-08T14:03:00+03:00"), 1525737600 + 11 * 3600 + 180);
  EXPECT_EQ(*ParseIsoDate("2018-05-08 14:03"), 1525737600 + 14 * 3600 + 180);
  EXPECT_EQ(*ParseIsoDate("2015-07-21T10:00:00.123-0500"), *ParseIsoDate("2015-07-21T15:00:00Z"));
  EXPECT_FALSE(ParseIsoDate("2018-02-30").has_value());
  EXPECT_FALSE(ParseIsoDate("08/05/2018").has_value());
  EXPECT_FALSE(ParseIsoDate("2018-05-08T25:00").has_value());
  EXPECT_TRUE(ParseIsoDate("2016-02-29").has_value());
  EXPECT_EQ(FormatDay(*ParseIsoDate("2018-05-08T23:59:59Z")), "2018-05-08");
  EXPECT_EQ(FormatDay(*ParseIsoDate("1969-12-31T12:00:00Z")), "1969-12-31");
}

TEST(ArticleTest, QuoteIdShortensLongIdsAtACharacterBoundary) {
  EXPECT_EQ(QuoteId("a1"), "'a1'");
  const std::string exact(kQuotedIdBytes, 'x');
  EXPECT_EQ(QuoteId(exact), "'" + exact + "'");
  EXPECT_EQ(QuoteId(std::string(1000, 'x')),
            "'" + std::string(kQuotedIdBytes, 'x') + "\u2026' (1000 bytes)");
  // 41 two-byte letters: byte 80 starts the 41st, so the cut keeps 40 whole letters.
  std::string arabic;
  for (int i = 0; i < 41; ++i) arabic += "\u0628";
  std::string forty;
  for (int i = 0; i < 40; ++i) forty += "\u0628";
  EXPECT_EQ(QuoteId(arabic), "'" + forty + "\u2026' (82 bytes)");
  // One byte off the boundary: the cut goes back to the character's start.
  const std::string odd = "x" + arabic;  // letters start at odd bytes; byte 80 is inside one
  EXPECT_EQ(QuoteId(odd), "'x" + forty.substr(0, 78) + "\u2026' (83 bytes)");
}

}  // namespace
}  // namespace rasd::engine
