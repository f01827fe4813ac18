#include "rasd/base/json.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <iterator>
#include <random>
#include <string>

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

// The parser takes plain text 16 bytes at a time: whatever stands at any offset of a long
// run (an escape, a three-byte sequence, a bad byte, a lead cut off at the end of the string)
// must be read exactly as a byte at a time would.
TEST(JsonTest, LongRunsReadAsByteByByte) {
  // Arabic (two-byte sequences) and ASCII mixed, so that chunks start inside and between
  // sequences; 40 bytes, longer than two chunks.
  const std::string prefix =
      "\xd8\xa7\xd9\x84\xd8\xb1 ab\xd8\xa6\xd9\x8a\xd8\xb3 c \xd9\x88"
      "\xd8\xb2\xd9\x8a\xd8\xb1 \xd9\x82\xd8\xa7\xd9\x84" "d \xd8\xa9\xd9\x85" "z";
  ASSERT_EQ(prefix.size(), 40u);
  struct Insert {
    std::string raw;      // as written inside the JSON string
    std::string decoded;  // what it stands for, when the string is valid
    std::string error;    // the error's words; empty when the string is valid
  };
  const Insert inserts[] = {
      {"\\n", "\n", ""},
      {"\\\"", "\"", ""},
      {"\xe2\x80\x94", "\xe2\x80\x94", ""},
      {"\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80", ""},
      {"\x7f", "\x7f", ""},
      {"\xff", "", "invalid UTF-8"},
      {"\x80", "", "invalid UTF-8"},  // a continuation byte without its lead
      {"\xc1\x81", "", "invalid UTF-8"},  // overlong
      {"\xd8", "", "invalid UTF-8"},  // a lead without its continuation
      {"\t", "", "control character"},
  };
  for (const Insert& ins : inserts) {
    for (size_t at = 0; at <= prefix.size(); ++at) {
      // Only at sequence boundaries of the prefix (not before a continuation byte).
      if (at < prefix.size() && (static_cast<unsigned char>(prefix[at]) & 0xC0) == 0x80) continue;
      const std::string text =
          "\"" + prefix.substr(0, at) + ins.raw + prefix.substr(at) + prefix + "\"";
      auto v = ParseJson(text);
      if (ins.error.empty()) {
        ASSERT_TRUE(v.ok()) << at << ": " << v.status().ToString();
        EXPECT_EQ(v->string_value(),
                  prefix.substr(0, at) + ins.decoded + prefix.substr(at) + prefix)
            << at;
      } else {
        ASSERT_FALSE(v.ok()) << at;
        const std::string where = "byte " + std::to_string(1 + at) + ": " + ins.error;
        EXPECT_NE(v.status().message().find(where), std::string::npos)
            << at << " -> " << v.status().message();
      }
    }
  }
  // A lead byte as the string's last, right before its closing quote, at and around the end
  // of the first chunk.
  for (size_t n = 14; n <= 19; ++n) {
    auto v = ParseJson("\"" + std::string(n, 'a') + "\xd8\"");
    ASSERT_FALSE(v.ok()) << n;
    const std::string where = "byte " + std::to_string(1 + n) + ": invalid UTF-8";
    EXPECT_NE(v.status().message().find(where), std::string::npos)
        << n << " -> " << v.status().message();
  }
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
      // Beyond a double's range: it was kept as infinity and written back as null.
      {R"({"extra":1e999999})", "byte 9: number 1e999999 is out of range"},
      {R"([-1e400])", "byte 1: number -1e400 is out of range"},
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

// The writer takes runs of plain bytes 16 at a time: on long random strings of the bytes that
// matter (escapes, DEL, U+2028, invalid and cut sequences, at every offset of a chunk) it
// writes what a byte-by-byte writer writes, and what it writes reads back.
TEST(JsonTest, WriterRunsWriteAsByteByByte) {
  auto reference = [](std::string_view s) {
    std::string out = "\"";
    for (size_t i = 0; i < s.size();) {
      const auto c = static_cast<unsigned char>(s[i]);
      size_t len = 1;
      if (c >= 0x80) {
        len = 0;
        const size_t want = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                            : c >= 0xF0 && c <= 0xF4                ? 4
                                                                    : 0;
        bool ok = want > 0 && i + want <= s.size();
        for (size_t k = 1; ok && k < want; ++k) {
          ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
        }
        if (ok && want >= 3) {
          const auto c1 = static_cast<unsigned char>(s[i + 1]);
          ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0) &&
               !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
        }
        if (!ok) {
          out += "\xEF\xBF\xBD";
          ++i;
          continue;
        }
        len = want;
        if (s.substr(i, 3) == "\xE2\x80\xA8" || s.substr(i, 3) == "\xE2\x80\xA9") {
          out += s[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
        } else {
          out.append(s.substr(i, len));
        }
      } else if (c == '"' || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c == '\n') {
        out += "\\n";
      } else if (c < 0x20 || c == 0x7F) {
        char buf[8];
        std::snprintf(buf, sizeof(buf), "\\u%04x", c);
        out += c == '\r' ? "\\r" : c == '\t' ? "\\t" : c == '\b' ? "\\b" : c == '\f' ? "\\f" : buf;
      } else {
        out += static_cast<char>(c);
      }
      i += len;
    }
    return out + "\"";
  };
  const std::string_view pieces[] = {"ق", "ال", "a", " ", "\"", "\\", "\n", "\x01", "\x7F",
                                     "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x82\xAC",
                                     "\xF0\x9F\x98\x80", "\xC3", "\x80", "\xED\xA0\x80",
                                     "\xC0\xAF"};
  std::mt19937 rng(11);
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    const size_t n = rng() % 60;
    for (size_t k = 0; k < n; ++k) {
      // Mostly Arabic and ASCII letters, so that runs are long enough to be read in chunks.
      const size_t pick = rng() % 8 < 6 ? rng() % 4 : rng() % std::size(pieces);
      s += pieces[pick];
    }
    std::string out;
    AppendJsonString(&out, s);
    ASSERT_EQ(out, reference(s)) << round;
    auto back = ParseJson(out);
    ASSERT_TRUE(back.ok()) << round << ": " << back.status().ToString();
  }
}

TEST(JsonTest, WriterReplacesInvalidUtf8) {
  std::string out;
  AppendJsonString(&out, "a\xC3");
  EXPECT_EQ(out, "\"a\xEF\xBF\xBD\"");
}

}  // namespace
}  // namespace rasd::base
