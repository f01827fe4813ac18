#include "rasd/extract/quotes.h"

#include <gtest/gtest.h>

#include "rasd/extract/conll.h"

namespace rasd::extract {
namespace {

// Quotes of `words` ("word" or "word/TAG"), with entity mentions from the tags.
struct Run {
  std::string text;
  std::vector<Quote> quotes;
};

Run Quotes(const std::string& spec) {
  Run r;
  std::vector<Tag> tags;
  size_t pos = 0;
  while (pos < spec.size()) {
    size_t sp = spec.find(' ', pos);
    if (sp == std::string::npos) sp = spec.size();
    std::string item = spec.substr(pos, sp - pos);
    pos = sp + 1;
    if (item.empty()) continue;
    size_t slash = item.rfind('/');
    std::string word = item, tag = "O";
    if (slash != std::string::npos && slash > 0 && slash + 1 < item.size() &&
        ParseTag(item.substr(slash + 1))) {
      word = item.substr(0, slash);
      tag = item.substr(slash + 1);
    }
    if (word == "NL") {
      r.text += '\n';
      continue;
    }
    if (!r.text.empty() && r.text.back() != '\n') r.text += ' ';
    r.text += word;
    TokenizedText t;
    TokenizeForNer(word, &t);
    for (size_t k = 0; k < t.tokens.size(); ++k) {
      Tag tg = *ParseTag(tag);
      if (k > 0 && tg != kTagO) tg = InsideTag(TagType(tg));
      tags.push_back(tg);
    }
  }
  TokenizedText tok;
  TokenizeForNer(r.text, &tok);
  EXPECT_EQ(tok.tokens.size(), tags.size()) << r.text;
  tags.resize(tok.tokens.size(), kTagO);
  std::vector<EntityMention> mentions;
  std::vector<LinkedEntity> entities;
  EntityLinker(nullptr).Link(r.text, tok.tokens, tags, &mentions, &entities);
  FindQuotes(r.text, tok, mentions, entities, &r.quotes);
  return r;
}

TEST(QuotesTest, VerbFirstReportedSpeech) {
  auto r = Quotes("وقال الرئيس دونالد/B-PERS ترامب/I-PERS إن الاتفاق سيئ جدا .");
  ASSERT_EQ(r.quotes.size(), 1u);
  const Quote& q = r.quotes[0];
  EXPECT_FALSE(q.direct);
  EXPECT_EQ(q.text, "الاتفاق سيئ جدا");
  EXPECT_EQ(q.verb, "وقال");
  EXPECT_EQ(q.speaker, "دونالد ترامب");
  EXPECT_EQ(q.speaker_canonical, "دونالد ترامب");
  EXPECT_EQ(r.text.substr(q.start, q.end - q.start), q.text);
  EXPECT_EQ(r.text.substr(q.speaker_start, q.speaker_end - q.speaker_start), q.speaker);
}

TEST(QuotesTest, SubjectFirstAndPronounComplementizer) {
  auto r = Quotes("حسن/B-PERS روحاني/I-PERS أكد أنه لن يتراجع عن الاتفاق .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker_canonical, "حسن روحاني");
  EXPECT_EQ(r.quotes[0].text, "أنه لن يتراجع عن الاتفاق");  // the pronoun carries the subject
}

TEST(QuotesTest, ColonAndQuotationMarksAreDirect) {
  auto r = Quotes("وقال علي/B-PERS الخامنئي/I-PERS : \" إن المشكلة هي الغرب \" . NL "
                  "وأضاف سماحته \" علينا أن نرصد القضايا بعناية \" .");
  ASSERT_EQ(r.quotes.size(), 2u);
  EXPECT_TRUE(r.quotes[0].direct);
  EXPECT_EQ(r.quotes[0].text, "إن المشكلة هي الغرب");
  EXPECT_TRUE(r.quotes[1].direct);
  EXPECT_EQ(r.quotes[1].speaker, "سماحته");
  EXPECT_EQ(r.quotes[1].speaker_canonical, "علي الخامنئي");  // the pronoun resolved
  EXPECT_EQ(r.quotes[1].text, "علينا أن نرصد القضايا بعناية");
}

TEST(QuotesTest, ColonWithoutMarks) {
  auto r = Quotes("وقال قائد الفرقة أحمد/B-PERS البدر/I-PERS : ان الجمهور كان رائعا .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_TRUE(r.quotes[0].direct);
  EXPECT_EQ(r.quotes[0].text, "ان الجمهور كان رائعا");
  EXPECT_EQ(r.quotes[0].speaker_canonical, "أحمد البدر");
}

TEST(QuotesTest, TitleLinksToTheLastPersonWithThatTitle) {
  auto r = Quotes("التقى وزير الخارجية محمد/B-PERS ظريف/I-PERS نظيره . NL "
                  "وأكد الوزير أن المحادثات كانت جيدة .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker, "الوزير");
  EXPECT_EQ(r.quotes[0].speaker_canonical, "محمد ظريف");
}

TEST(QuotesTest, ParticipleTakesTheMainSubject) {
  auto r = Quotes("وقال المتحدث باسم الوزارة إن الوضع هادئ ، مشيرا إلى أن القوات انسحبت .");
  ASSERT_EQ(r.quotes.size(), 2u);
  EXPECT_EQ(r.quotes[0].text, "الوضع هادئ");
  EXPECT_EQ(r.quotes[0].speaker_canonical, "المتحدث باسم الوزارة");
  EXPECT_EQ(r.quotes[1].text, "القوات انسحبت");
  EXPECT_EQ(r.quotes[1].speaker_canonical, "المتحدث باسم الوزارة");
}

TEST(QuotesTest, NounPhraseComplementsAndNarratorFormulasAreNotQuotes) {
  EXPECT_TRUE(Quotes("أعلن القائد خليفة/B-PERS حفتر/I-PERS بدء عملية عسكرية .").quotes.empty());
  EXPECT_TRUE(Quotes("وأعرب الوزير عن أمله في التوصل إلى حل .").quotes.empty());
  EXPECT_TRUE(Quotes("يذكر أن إسرائيل قصفت المواقع .").quotes.empty());
  EXPECT_TRUE(Quotes("أجرت \" العربية.نت \" اتصالا بالمنتج .").quotes.empty());
}

TEST(QuotesTest, PostposedAttribution) {
  auto r = Quotes("\" الوضع تحت السيطرة تماما الآن \" ، حسبما قال المتحدث العسكري .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_TRUE(r.quotes[0].direct);
  EXPECT_EQ(r.quotes[0].text, "الوضع تحت السيطرة تماما الآن");
}

TEST(QuotesTest, UnbalancedAndNestedMarksNeverCrash) {
  for (const char* spec :
       {"وقال \" \" \" « » “ ” : : إن", "قال « إنه \" قال إن « لا » \" .", "\"", "قال",
        "قال إن", "وأضاف : \" غير مغلق", "» « قال : « « « إن أن", ": \" قال"}) {
    auto r = Quotes(spec);
    for (const Quote& q : r.quotes) {
      EXPECT_LE(q.start, q.end);
      EXPECT_LE(q.end, r.text.size());
    }
  }
}

}  // namespace
}  // namespace rasd::extract
