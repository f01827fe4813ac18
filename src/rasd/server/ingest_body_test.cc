#include "rasd/server/ingest_body.h"

#include <gtest/gtest.h>

namespace rasd::server {
namespace {

TEST(IngestBodyTest, ContentTypes) {
  EXPECT_EQ(BodyFormatFor("application/json"), BodyFormat::kJson);
  EXPECT_EQ(BodyFormatFor("Application/JSON; charset=utf-8"), BodyFormat::kJson);
  EXPECT_EQ(BodyFormatFor("application/x-ndjson"), BodyFormat::kJsonLines);
  EXPECT_EQ(BodyFormatFor("application/jsonl"), BodyFormat::kJsonLines);
  EXPECT_FALSE(BodyFormatFor("text/plain").has_value());
  EXPECT_FALSE(BodyFormatFor("application/x-www-form-urlencoded").has_value());
  EXPECT_FALSE(BodyFormatFor("").has_value());
}

TEST(IngestBodyTest, OneObject) {
  auto p = ParseIngestBody(R"({"id":"a1","title":"عنوان","body":"نص"})", BodyFormat::kJson);
  ASSERT_EQ(p.articles.size(), 1u);
  EXPECT_TRUE(p.errors.empty());
  EXPECT_EQ(p.articles[0].second.id, "a1");
  EXPECT_EQ(p.articles[0].second.title, "عنوان");
}

TEST(IngestBodyTest, ByteOrderMarkIsIgnored) {
  for (BodyFormat format : {BodyFormat::kJson, BodyFormat::kJsonLines}) {
    auto p = ParseIngestBody("\xEF\xBB\xBF{\"id\":\"a1\",\"title\":\"عنوان\"}", format);
    ASSERT_EQ(p.articles.size(), 1u);
    EXPECT_TRUE(p.errors.empty()) << p.errors[0].message;
  }
}

TEST(IngestBodyTest, ArrayItemsAreNumbered) {
  auto p = ParseIngestBody(R"([{"id":"a","title":"x"}, 5, {"title":"no id"}, {"id":"b","body":"y"}])",
                           BodyFormat::kJson);
  EXPECT_EQ(p.records, 4u);
  ASSERT_EQ(p.articles.size(), 2u);
  EXPECT_EQ(p.articles[1].first, 4u);
  ASSERT_EQ(p.errors.size(), 2u);
  EXPECT_TRUE(p.errors[0].is_item);
  EXPECT_EQ(p.errors[0].number, 2u);
  EXPECT_EQ(p.errors[1].number, 3u);
}

TEST(IngestBodyTest, JsonLinesReportBadLinesAndKeepTheRest) {
  const std::string body =
      "{\"id\":\"1\",\"title\":\"أ\"}\r\n"
      "\n"
      "{\"id\":\"2\",\"title\":\n"
      "{\"id\":\"3\",\"title\":\"\",\"body\":\"\"}\n"
      "{\"id\":\"4\",\"body\":\"ب\"}";
  auto p = ParseIngestBody(body, BodyFormat::kJsonLines);
  EXPECT_EQ(p.records, 4u);
  ASSERT_EQ(p.articles.size(), 2u);
  EXPECT_EQ(p.articles[0].first, 1u);
  EXPECT_EQ(p.articles[1].first, 5u);
  ASSERT_EQ(p.errors.size(), 2u);
  EXPECT_EQ(p.errors[0].number, 3u);
  EXPECT_NE(p.errors[0].message.find("byte"), std::string::npos) << p.errors[0].message;
  EXPECT_EQ(p.errors[1].number, 4u);
  EXPECT_EQ(p.errors[1].id, "3");
  EXPECT_FALSE(p.errors[1].is_item);
}

TEST(IngestBodyTest, GarbageNeverThrowsOrCrashes) {
  for (const char* body : {"", "[", "]", "{", "\xff\xfe", "[[[[[[[[", "null", "\"x\"", "{}"}) {
    auto a = ParseIngestBody(body, BodyFormat::kJson);
    auto b = ParseIngestBody(body, BodyFormat::kJsonLines);
    EXPECT_TRUE(a.articles.empty()) << body;
    EXPECT_TRUE(b.articles.empty()) << body;
  }
  std::string deep(100000, '[');
  EXPECT_FALSE(ParseIngestBody(deep, BodyFormat::kJson).errors.empty());
}

}  // namespace
}  // namespace rasd::server
