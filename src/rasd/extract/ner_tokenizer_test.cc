#include "rasd/extract/ner_tokenizer.h"

#include <gtest/gtest.h>

namespace rasd::extract {
namespace {

std::vector<std::string> Texts(std::string_view text, const TokenizedText& t) {
  std::vector<std::string> out;
  for (const RawToken& r : t.tokens) out.emplace_back(text.substr(r.start, r.end - r.start));
  return out;
}

TEST(NerTokenizerTest, SplitsPunctuationKeepsClitics) {
  std::string text = "وقال الخامنئي: \"إن الناتو\"، وإيران (2.5%).";
  TokenizedText t;
  TokenizeForNer(text, &t);
  std::vector<std::string> want = {"وقال", "الخامنئي", ":", "\"", "إن", "الناتو", "\"",
                                   "،", "وإيران", "(", "2.5", "%", ")", "."};
  EXPECT_EQ(Texts(text, t), want);
  EXPECT_EQ(t.sentence_starts.size(), 1u);
  EXPECT_FALSE(t.tokens[2].word);
  EXPECT_TRUE(t.tokens[8].word);
}

TEST(NerTokenizerTest, SentencesEndAtStopsAndNewlines) {
  std::string text = "جملة أولى. جملة ثانية\nثالثة؟ رابعة";
  TokenizedText t;
  TokenizeForNer(text, &t);
  EXPECT_EQ(t.sentence_starts, (std::vector<uint32_t>{0, 3, 5, 7}));
}

TEST(NerTokenizerTest, InvisibleCharactersSeparate) {
  std::string text = "أ\u200fب\u00a0ج\ufeffد";
  TokenizedText t;
  TokenizeForNer(text, &t);
  EXPECT_EQ(t.tokens.size(), 4u);
}

TEST(NerTokenizerTest, InvalidUtf8NeverCrashes) {
  std::string text = "\xff\xfe abc \xC3\x28 \xE2\x82";
  TokenizedText t;
  TokenizeForNer(text, &t);
  for (const RawToken& r : t.tokens) {
    EXPECT_LT(r.start, r.end);
    EXPECT_LE(r.end, text.size());
  }
}

TEST(NerTokenizerTest, LongTextIsCutIntoBoundedSentences) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "كلمة ";
  TokenizedText t;
  TokenizeForNer(text, &t);
  EXPECT_EQ(t.tokens.size(), 1000u);
  EXPECT_EQ(t.sentence_starts.size(), (1000 + kMaxSentenceTokens - 1) / kMaxSentenceTokens);
}

TEST(NerTokenizerTest, UnderscoreSeparatesHashtagWordsOnlyWhenAsked) {
  std::string text = "ابنته #لورا_سميت و my_var";
  TokenizedText t;
  TokenizeForNer(text, &t);  // the corpora's tokenisation: '_' is a word character
  EXPECT_EQ(Texts(text, t), (std::vector<std::string>{"ابنته", "#", "لورا_سميت", "و", "my_var"}));
  TokenizeForNer(text, &t, Underscore::kSeparator);
  EXPECT_EQ(Texts(text, t),
            (std::vector<std::string>{"ابنته", "#", "لورا", "سميت", "و", "my", "var"}));
  EXPECT_TRUE(t.tokens[2].word);
  TokenizeForNer("__", &t, Underscore::kSeparator);
  EXPECT_TRUE(t.tokens.empty());
}

}  // namespace
}  // namespace rasd::extract
