#include "rasd/server/params.h"

#include <gtest/gtest.h>

namespace rasd::server {
namespace {

using Params = std::multimap<std::string, std::string>;

TEST(QueryParamsTest, IntInRangeAndFallback) {
  Params p = {{"limit", "25"}};
  QueryParams q(p);
  auto limit = q.GetInt("limit", 10, 1, 100);
  ASSERT_TRUE(limit.ok());
  EXPECT_EQ(*limit.value, 25);
  auto offset = q.GetInt("offset", 0, 0, 10);
  ASSERT_TRUE(offset.ok());
  EXPECT_EQ(*offset.value, 0);
}

TEST(QueryParamsTest, BadIntNamesTheParameterAndValue) {
  for (const char* bad : {"ten", "", "5x", "0", "101", "1e3", " 5", "+5", "99999999999999999999"}) {
    Params p = {{"limit", bad}};
    auto r = QueryParams(p).GetInt("limit", 10, 1, 100);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error->parameter, "limit");
    EXPECT_NE(r.error->message.find("'limit'"), std::string::npos) << r.error->message;
    EXPECT_NE(r.error->message.find("from 1 to 100"), std::string::npos) << r.error->message;
  }
}

TEST(QueryParamsTest, Booleans) {
  Params p = {{"a", "1"}, {"b", "false"}, {"c", "maybe"}};
  QueryParams q(p);
  EXPECT_TRUE(*q.GetBool("a", false).value);
  EXPECT_FALSE(*q.GetBool("b", true).value);
  EXPECT_TRUE(*q.GetBool("d", true).value);
  auto c = q.GetBool("c", false);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error->parameter, "c");
}

TEST(QueryParamsTest, DatesWholeDaysAndDateTimes) {
  Params p = {{"from", "2026-03-02"}, {"to", "2026-03-02"}, {"at", "2026-03-02T09:40:00+03:00"},
              {"bad", "yesterday"}};
  QueryParams q(p);
  auto from = q.GetDate("from", false);
  auto to = q.GetDate("to", true);
  ASSERT_TRUE(from.ok() && to.ok());
  EXPECT_EQ(**to.value - **from.value, 86399);
  auto at = q.GetDate("at", true);
  ASSERT_TRUE(at.ok());
  EXPECT_EQ(**at.value, **from.value + 6 * 3600 + 40 * 60);  // 09:40+03:00 is 06:40Z
  auto bad = q.GetDate("bad", false);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error->parameter, "bad");
  auto absent = q.GetDate("none", false);
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent.value->has_value());
  // A form's '+' decodes to a space: the bare day keeps its whole-day rule.
  Params spaced = {{"to", "2026-03-02 "}, {"from", " 2026-03-02"}, {"blank", "  "}};
  QueryParams qs(spaced);
  auto to2 = qs.GetDate("to", true);
  auto from2 = qs.GetDate("from", false);
  ASSERT_TRUE(to2.ok() && from2.ok());
  EXPECT_EQ(**to2.value, **to.value);
  EXPECT_EQ(**from2.value, **from.value);
  auto blank = qs.GetDate("blank", true);
  ASSERT_TRUE(blank.ok());
  EXPECT_FALSE(blank.value->has_value());
}

// Text is UTF-8: a name or value that is not is reported by CheckKnown, which every endpoint
// calls first, naming the parameter.
TEST(QueryParamsTest, ValuesAndNamesMustBeUtf8) {
  Params bad_value = {{"q", "\xD8"}};
  auto e = QueryParams(bad_value).CheckKnown({"q"});
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->parameter, "q");
  EXPECT_NE(e->message.find("not UTF-8"), std::string::npos) << e->message;
  Params bad_name = {{"q\xFF", "x"}};
  ASSERT_TRUE(QueryParams(bad_name).CheckKnown({"q"}).has_value());
  Params good = {{"q", "توكاييف"}};
  EXPECT_FALSE(QueryParams(good).CheckKnown({"q"}).has_value());
}

TEST(QueryParamsTest, Sort) {
  Params p = {{"sort", "newest"}};
  EXPECT_EQ(*QueryParams(p).GetSort("sort").value, engine::SortOrder::kNewest);
  Params none;
  EXPECT_EQ(*QueryParams(none).GetSort("sort").value, engine::SortOrder::kRelevance);
  Params bad = {{"sort", "date"}};
  auto r = QueryParams(bad).GetSort("sort");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error->message.find("relevance, newest or oldest"), std::string::npos);
}

TEST(QueryParamsTest, UnknownAndRepeatedParameters) {
  Params p = {{"q", "x"}, {"sorce", "a"}, {"_", "123"}};
  auto unknown = QueryParams(p).CheckKnown({"q", "source"});
  ASSERT_TRUE(unknown.has_value());
  EXPECT_EQ(unknown->parameter, "sorce");
  EXPECT_NE(unknown->message.find("q, source"), std::string::npos);

  Params twice = {{"q", "a"}, {"q", "b"}, {"source", "x"}, {"source", "y"}};
  auto repeated = QueryParams(twice).CheckSingle({"source"});
  ASSERT_TRUE(repeated.has_value());
  EXPECT_EQ(repeated->parameter, "q");
  Params fine = {{"source", "x"}, {"source", "y"}};
  EXPECT_FALSE(QueryParams(fine).CheckSingle({"source"}).has_value());
}

TEST(QueryParamsTest, GetAllSplitsCommasWhenAsked) {
  Params p = {{"source", "أ, ب"}, {"source", ""}, {"source", "ج"}};
  QueryParams q(p);
  EXPECT_EQ(q.GetAll("source", true), (std::vector<std::string>{"أ", "ب", "ج"}));
  EXPECT_EQ(q.GetAll("source"), (std::vector<std::string>{"أ, ب", "ج"}));
}

TEST(QueryParamsTest, LongValuesAreCutInMessagesOnACharacterBoundary) {
  std::string longv;
  for (int i = 0; i < 100; ++i) longv += "ب";
  Params p = {{"limit", longv}};
  auto r = QueryParams(p).GetInt("limit", 1, 1, 2);
  ASSERT_FALSE(r.ok());
  EXPECT_LT(r.error->message.size(), 200u);
  EXPECT_NE(r.error->message.find("…"), std::string::npos);
}

}  // namespace
}  // namespace rasd::server
