// Tests of the UTF-8 decoder/validator against Unicode Table 3-7 and an obvious slow decoder.
#include "rasd/text/utf8.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace rasd::text {
namespace {

int Decode(std::string_view s, char32_t* cp) {
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  return DecodeUtf8(p, p + s.size(), cp);
}

TEST(Utf8Test, DecodesEveryLength) {
  char32_t cp = 0;
  EXPECT_EQ(Decode("A", &cp), 1);
  EXPECT_EQ(cp, U'A');
  EXPECT_EQ(Decode("\xD8\xA7", &cp), 2);  // U+0627 ARABIC LETTER ALEF
  EXPECT_EQ(cp, 0x0627u);
  EXPECT_EQ(Decode("\xEF\xBB\xBF", &cp), 3);  // U+FEFF BOM
  EXPECT_EQ(cp, 0xFEFFu);
  EXPECT_EQ(Decode("\xF0\x9F\x98\x80", &cp), 4);  // U+1F600
  EXPECT_EQ(cp, 0x1F600u);
}

TEST(Utf8Test, RejectsIllFormedWithMaximalSubpartLengths) {
  char32_t cp = 0;
  EXPECT_EQ(Decode("\x80", &cp), -1);              // lone continuation
  EXPECT_EQ(Decode("\xC0\x80", &cp), -1);          // overlong lead C0
  EXPECT_EQ(Decode("\xC1\xBF", &cp), -1);          // overlong lead C1
  EXPECT_EQ(Decode("\xE0\x80\x80", &cp), -1);      // overlong 3-byte (E0 needs A0..BF)
  EXPECT_EQ(Decode("\xED\xA0\x80", &cp), -1);      // surrogate U+D800
  EXPECT_EQ(Decode("\xF4\x90\x80\x80", &cp), -1);  // above U+10FFFF
  EXPECT_EQ(Decode("\xF5\x80\x80\x80", &cp), -1);  // F5 never starts a sequence
  EXPECT_EQ(Decode("\xE2\x82", &cp), -2);          // truncated 3-byte: maximal subpart E2 82
  EXPECT_EQ(Decode("\xE2\x82" "A", &cp), -2);
  EXPECT_EQ(Decode("\xF0\x9F\x98", &cp), -3);      // truncated 4-byte
  EXPECT_EQ(Decode("\xD8", &cp), -1);              // truncated 2-byte
}

TEST(Utf8Test, ValidateNamesTheByteOffset) {
  EXPECT_TRUE(ValidateUtf8("plain ascii and عربي").ok());
  EXPECT_TRUE(ValidateUtf8("").ok());
  const Status s = ValidateUtf8("abcdefghij\xFFxyz");
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_EQ(s.message(), "invalid UTF-8 at byte 10");
  EXPECT_EQ(FindInvalidUtf8("\xD8\xA7\xD8"), 2u);
  EXPECT_EQ(FindInvalidUtf8("0123456789abcdef\x80"), 16u);  // after the 8-byte ASCII path
}

TEST(Utf8Test, EncodeRoundTripsEveryScalarValue) {
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    char buf[4];
    const int n = EncodeUtf8(cp, buf);
    char32_t back = 0;
    ASSERT_EQ(Decode(std::string_view(buf, n), &back), n) << std::hex << static_cast<uint32_t>(cp);
    ASSERT_EQ(back, cp);
  }
}

TEST(Utf8Test, ReplaceInvalidUsesOneReplacementPerMaximalSubpart) {
  EXPECT_EQ(ReplaceInvalidUtf8("a\xE2\x82" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(ReplaceInvalidUtf8("\xC0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(ReplaceInvalidUtf8("ok"), "ok");
}

TEST(Utf8Test, CountCodePointsAgreesWithALoop) {
  const uint32_t seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  const char* pieces[] = {"a", "\xD8\xA7", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\x80", "\xC3"};
  for (int iter = 0; iter < 20000; ++iter) {
    std::string s;
    const int n = rng() % 12;
    for (int i = 0; i < n; ++i) s += pieces[rng() % std::size(pieces)];
    size_t expected = 0;
    for (const char c : s) expected += (static_cast<uint8_t>(c) & 0xC0) != 0x80;
    ASSERT_EQ(CountCodePoints(s), expected) << testing::PrintToString(s);
  }
  EXPECT_EQ(CountCodePoints(""), 0u);
  EXPECT_EQ(CountCodePoints("الكتاب"), 6u);
}

// The fast validator agrees with a slow decoder built from the Table 3-7 byte ranges.
bool SlowValid(const std::string& s) {
  size_t i = 0;
  auto in = [&](size_t k, int lo, int hi) {
    return k < s.size() && static_cast<uint8_t>(s[k]) >= lo && static_cast<uint8_t>(s[k]) <= hi;
  };
  while (i < s.size()) {
    const int b = static_cast<uint8_t>(s[i]);
    if (b <= 0x7F) {
      i += 1;
    } else if (b >= 0xC2 && b <= 0xDF && in(i + 1, 0x80, 0xBF)) {
      i += 2;
    } else if (b == 0xE0 && in(i + 1, 0xA0, 0xBF) && in(i + 2, 0x80, 0xBF)) {
      i += 3;
    } else if (((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) && in(i + 1, 0x80, 0xBF) &&
               in(i + 2, 0x80, 0xBF)) {
      i += 3;
    } else if (b == 0xED && in(i + 1, 0x80, 0x9F) && in(i + 2, 0x80, 0xBF)) {
      i += 3;
    } else if (b == 0xF0 && in(i + 1, 0x90, 0xBF) && in(i + 2, 0x80, 0xBF) &&
               in(i + 3, 0x80, 0xBF)) {
      i += 4;
    } else if (b >= 0xF1 && b <= 0xF3 && in(i + 1, 0x80, 0xBF) && in(i + 2, 0x80, 0xBF) &&
               in(i + 3, 0x80, 0xBF)) {
      i += 4;
    } else if (b == 0xF4 && in(i + 1, 0x80, 0x8F) && in(i + 2, 0x80, 0xBF) &&
               in(i + 3, 0x80, 0xBF)) {
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

TEST(Utf8Test, RandomBytesAgreeWithSlowValidator) {
  const uint32_t seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  const char alphabet[] = {'a', '\x80', '\xBF', '\xC2', '\xD8', '\xDF', '\xE0', '\xED',
                           '\xEF', '\xF0', '\xF4', '\xF5', '\xA0', '\x90', '\x8F', '\xFF'};
  for (int iter = 0; iter < 200000; ++iter) {
    std::string s(rng() % 8, 'x');
    for (char& c : s) c = alphabet[rng() % sizeof(alphabet)];
    ASSERT_EQ(IsValidUtf8(s), SlowValid(s)) << testing::PrintToString(s);
  }
}

}  // namespace
}  // namespace rasd::text
