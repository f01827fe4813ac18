// Tests of the tokenizer rules (tokenizer.h), with exact byte ranges.
#include "rasd/text/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rasd::text {
namespace {

struct Tok {
  std::string surface;  // text[start, end)
  std::string norm;
  TokenKind kind;
  bool operator==(const Tok&) const = default;
};
void PrintTo(const Tok& t, std::ostream* os) {
  *os << "{" << t.surface << "|" << t.norm << "|" << TokenKindName(t.kind) << "}";
}

std::vector<Tok> Tokens(std::string_view text, TokenizerOptions options = {}) {
  Tokenizer tokenizer(options);
  ByteArena arena;
  std::vector<TokenSpan> spans;
  const Status s = tokenizer.Tokenize(text, &arena, &spans);
  EXPECT_TRUE(s.ok()) << s.ToString();
  std::vector<Tok> out;
  for (const TokenSpan& span : spans) {
    out.push_back({std::string(text.substr(span.start, span.end - span.start)),
                   std::string(arena.data() + span.norm_offset, span.norm_size), span.kind});
  }
  return out;
}

constexpr TokenKind A = TokenKind::kArabic, L = TokenKind::kLatin, N = TokenKind::kNumber,
                    M = TokenKind::kMixed, U = TokenKind::kUrl, E = TokenKind::kEmail;

TEST(TokenizerTest, ArabicWordsAndPunctuation) {
  EXPECT_EQ(Tokens("قال، الرئيس؛ هل؟ «نعم»"),
            (std::vector<Tok>{{"قال", "قال", A}, {"الرئيس", "الرييس", A}, {"هل", "هل", A},
                              {"نعم", "نعم", A}}));
}

TEST(TokenizerTest, IgnorablesInsideWordsDoNotSplit) {
  // ZWNJ U+200C and ZWJ U+200D inside a word are removed, not a split.
  EXPECT_EQ(Tokens("می\u200Cخواهم"), (std::vector<Tok>{{"می\u200Cخواهم", "ميخواهم", A}}));
  EXPECT_EQ(Tokens("ab\u200Dcd"), (std::vector<Tok>{{"ab\u200Dcd", "abcd", L}}));
  // Leading bidi marks and BOM are skipped; trailing ones stay inside the range.
  EXPECT_EQ(Tokens("\uFEFF\u200Fكلمة\u200F x"),
            (std::vector<Tok>{{"كلمة\u200F", "كلمه", A}, {"x", "x", L}}));
  EXPECT_EQ(Tokens("جداً"), (std::vector<Tok>{{"جداً", "جدا", A}}));
  EXPECT_EQ(Tokens("\u202Bنص\u202C"), (std::vector<Tok>{{"نص\u202C", "نص", A}}));
}

TEST(TokenizerTest, SeparatorsIncludingLineSeparatorsAndNbsp) {
  EXPECT_EQ(Tokens("a\u00A0b\u2028c\u2029d\te\nf"),
            (std::vector<Tok>{{"a", "a", L}, {"b", "b", L}, {"c", "c", L}, {"d", "d", L},
                              {"e", "e", L}, {"f", "f", L}}));
  EXPECT_TRUE(Tokens(" \t\u00A0\u2028،؛؟«»").empty());
}

TEST(TokenizerTest, HashtagPartsKeepTheirOwnRanges) {
  const std::string text = "#فضل_شاكر";
  Tokenizer tokenizer;
  ByteArena arena;
  std::vector<TokenSpan> spans;
  ASSERT_TRUE(tokenizer.Tokenize(text, &arena, &spans).ok());
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(text.substr(spans[0].start, spans[0].end - spans[0].start), "فضل");
  EXPECT_EQ(spans[0].start, 1u);
  EXPECT_EQ(text.substr(spans[1].start, spans[1].end - spans[1].start), "شاكر");
  EXPECT_EQ(spans[1].start, 8u);
}

TEST(TokenizerTest, ScriptsDigitsAndMixed) {
  EXPECT_EQ(Tokens("COVID-19"), (std::vector<Tok>{{"COVID", "covid", L}, {"19", "19", N}}));
  EXPECT_EQ(Tokens("G20 mp3 19th"),
            (std::vector<Tok>{{"G20", "g20", M}, {"mp3", "mp3", M}, {"19th", "19th", M}}));
  EXPECT_EQ(Tokens("بـ20"), (std::vector<Tok>{{"بـ", "ب", A}, {"20", "20", N}}));
  EXPECT_EQ(Tokens("Googleو"), (std::vector<Tok>{{"Google", "google", L}, {"و", "و", A}}));
  EXPECT_EQ(Tokens("٢٠٢٤"), (std::vector<Tok>{{"٢٠٢٤", "2024", N}}));
}

TEST(TokenizerTest, NumbersWithSeparators) {
  EXPECT_EQ(Tokens("1,000.5"), (std::vector<Tok>{{"1,000.5", "1000.5", N}}));
  EXPECT_EQ(Tokens("١٬٠٠٠٫٥"), (std::vector<Tok>{{"١٬٠٠٠٫٥", "1000.5", N}}));
  EXPECT_EQ(Tokens("1,000,000"), (std::vector<Tok>{{"1,000,000", "1000000", N}}));
  EXPECT_EQ(Tokens("15.7.2000"), (std::vector<Tok>{{"15.7.2000", "15.7.2000", N}}));
  // Not a group: "1,5" and "1,0000" split; a trailing full stop ends the sentence.
  EXPECT_EQ(Tokens("1,5"), (std::vector<Tok>{{"1", "1", N}, {"5", "5", N}}));
  EXPECT_EQ(Tokens("1,0000"), (std::vector<Tok>{{"1", "1", N}, {"0000", "0000", N}}));
  EXPECT_EQ(Tokens("عام 2024."), (std::vector<Tok>{{"عام", "عام", A}, {"2024", "2024", N}}));
  EXPECT_EQ(Tokens("a.b"), (std::vector<Tok>{{"a", "a", L}, {"b", "b", L}}));
}

TEST(TokenizerTest, UrlsAndEmailsStayWhole) {
  EXPECT_EQ(Tokens("انظر https://Example.com/a/ب?x=1&y=2. الآن"),
            (std::vector<Tok>{{"انظر", "انظر", A},
                              {"https://Example.com/a/ب?x=1&y=2", "https://example.com/a/ب?x=1&y=2", U},
                              {"الآن", "الان", A}}));
  EXPECT_EQ(Tokens("(www.aljazeera.net)"),
            (std::vector<Tok>{{"www.aljazeera.net", "www.aljazeera.net", U}}));
  EXPECT_EQ(Tokens("راسلونا: Info.Desk@Example.co.uk،"),
            (std::vector<Tok>{{"راسلونا", "راسلونا", A},
                              {"Info.Desk@Example.co.uk", "info.desk@example.co.uk", E}}));
  // Not e-mails: no dot in the domain, numeric top-level label, bare @handle.
  EXPECT_EQ(Tokens("a@b"), (std::vector<Tok>{{"a", "a", L}, {"b", "b", L}}));
  EXPECT_EQ(Tokens("x@1.2"), (std::vector<Tok>{{"x", "x", L}, {"1.2", "1.2", N}}));
  EXPECT_EQ(Tokens("@user"), (std::vector<Tok>{{"user", "user", L}}));
  EXPECT_EQ(Tokens("http://"), (std::vector<Tok>{{"http", "http", L}}));
}

TEST(TokenizerTest, InvalidUtf8StrictAndReplacement) {
  Tokenizer strict;
  ByteArena arena;
  std::vector<TokenSpan> spans;
  const Status s = strict.Tokenize("abc \xD8 def", &arena, &spans);
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_EQ(s.message(), "invalid UTF-8 at byte 4");
  EXPECT_EQ(Tokens("ab\xFF" "cd", TokenizerOptions{true, kMaxNormBytes}),
            (std::vector<Tok>{{"ab", "ab", L}, {"cd", "cd", L}}));
}

TEST(TokenizerTest, LongRunIsOneTruncatedToken) {
  std::string text;
  for (int i = 0; i < 500000; ++i) text += "ب";  // 1 MB of one letter
  Tokenizer tokenizer;
  ByteArena arena;
  std::vector<TokenSpan> spans;
  ASSERT_TRUE(tokenizer.Tokenize(text, &arena, &spans).ok());
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].start, 0u);
  EXPECT_EQ(spans[0].end, text.size());
  EXPECT_TRUE(spans[0].truncated);
  EXPECT_LE(spans[0].norm_size, kMaxNormBytes);
  EXPECT_EQ(spans[0].norm_size % 2, 0u);  // cut on a code-point boundary
  EXPECT_LE(arena.size(), kMaxNormBytes);
}

TEST(TokenizerTest, PathologicalEmailCandidatesStayLinear) {
  std::string text;
  for (int i = 0; i < 200000; ++i) text += "a.";  // every letter starts a candidate
  Tokenizer tokenizer;
  ByteArena arena;
  std::vector<TokenSpan> spans;
  ASSERT_TRUE(tokenizer.Tokenize(text, &arena, &spans).ok());
  EXPECT_EQ(spans.size(), 200000u);
}

}  // namespace
}  // namespace rasd::text
