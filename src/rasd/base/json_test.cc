#include "rasd/base/json.h"

#include <gtest/gtest.h>

namespace rasd::base {
namespace {

TEST(JsonTest, ParsesArticle) {
  auto v = ParseJson(R"({"id":"a1","title":"عنوان","n":-1.5e2,"ok":true,"x":null,"tags":["a","b"]})");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->Find("id")->string_value(), "a1");
  EXPECT_EQ(v->Find("title")->string_value(), "عنوان");
  EXPECT_DOUBLE_EQ(v->Find("n")->number_value(), -150);
  EXPECT_TRUE(v->Find("ok")->bool_value());
  EXPECT_TRUE(v->Find("x")->is_null());
  EXPECT_EQ(v->Find("tags")->array_items().size(), 2u);
  EXPECT_EQ(v->Find("missing"), nullptr);
}

TEST(JsonTest, EscapesAndSurrogates) {
  auto v = ParseJson(R"("a\"b\\c\n\u0645\ud83d\ude00")");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->string_value(), "a\"b\\c\nم\xF0\x9F\x98\x80");
}

TEST(JsonTest, AcceptsRawLineSeparators) {
  auto v = ParseJson("{\"body\":\"a\xE2\x80\xA8" "b\xE2\x80\xA9" "c\"}");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->Find("body")->string_value(), "a\xE2\x80\xA8" "b\xE2\x80\xA9" "c");
}

TEST(JsonTest, ArabicRunsAroundEscapes) {
  // ا, an escaped newline, ل, then ا again as \u0627, and a 3-byte and a 4-byte sequence.
  auto v = ParseJson("\"\xd8\xa7\\n\xd9\x84\\u0627\xe2\x80\x94\xf0\x9f\x98\x80\"");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->string_value(), "\xd8\xa7\n\xd9\x84\xd8\xa7\xe2\x80\x94\xf0\x9f\x98\x80");
}

TEST(JsonTest, ErrorsNameTheByte) {
  struct Case {
    std::string text;
    std::string expected;
  };
  const Case cases[] = {
      {R"({"a":)", "byte 5: unexpected end of input"},
      {R"({"a" 1})", "byte 5: expected ':'"},
      {R"(["x)", "unterminated string"},
      {"\"a\xff\"", "byte 2: invalid UTF-8"},
      // After valid Arabic, which the parser copies in runs: the bad byte is still named.
      {"\"\xd8\xa7\xd9\x84\xff\"", "byte 5: invalid UTF-8"},
      {"\"\xd8\xa7\xd8\"", "byte 3: invalid UTF-8"},  // a lead byte without its follower
      {"\"\xc0\x80\"", "byte 1: invalid UTF-8"},      // overlong
      {R"("\ud800x")", "high surrogate"},
      {R"({"a":1} x)", "byte 8: unexpected data after"},
      {R"(tru)", "invalid literal"},
      {"\"a\tb\"", "control character"},
      {R"(01)", "unexpected data after"},
      {R"(-)", "unexpected character"},
  };
  for (const auto& c : cases) {
    auto v = ParseJson(c.text);
    ASSERT_FALSE(v.ok()) << c.text;
    EXPECT_TRUE(v.status().IsInvalidArgument());
    EXPECT_NE(v.status().message().find(c.expected), std::string::npos)
        << c.text << " -> " << v.status().message();
  }
}

TEST(JsonTest, DeepNestingIsAnErrorNotACrash) {
  std::string deep(100000, '[');
  auto v = ParseJson(deep);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("nesting deeper"), std::string::npos);
}

TEST(JsonTest, WriterEscapesAndRoundTrips) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject()
      .Key("text").String("«قال» \"x\"\n\x01 \xE2\x80\xA8")
      .Key("n").Int(-3)
      .Key("d").Double(0.25)
      .Key("list").BeginArray().Bool(true).Null().EndArray()
      .EndObject();
  EXPECT_EQ(out,
            R"({"text":"«قال» \"x\"\n\u0001 \u2028","n":-3,"d":0.25,"list":[true,null]})");
  auto v = ParseJson(out);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->Serialize(), out);
}

TEST(JsonTest, WriterReplacesInvalidUtf8) {
  std::string out;
  AppendJsonString(&out, "a\xC3");
  EXPECT_EQ(out, "\"a\xEF\xBF\xBD\"");
}

}  // namespace
}  // namespace rasd::base
