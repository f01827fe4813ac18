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

// Each speaker rule below fails without it (docs/QUALITY.md, Quotes: the DEV error classes).

TEST(QuotesSpeakerTest, FusedPrepositionEndsTheDesignation) {
  // لـ + the article (للصحفيين) marks the addressee, not part of the speaker.
  auto r = Quotes("وقال مسؤولون للصحفيين إن الوضع هادئ .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker_canonical, "مسؤولون");
}

TEST(QuotesSpeakerTest, UntaggedShortFormLinksToTheFullName) {
  auto r = Quotes("ومؤسس الفريق هو فؤاد/B-PERS أبو/I-PERS غليون/I-PERS . NL "
                  "وقال أبو غليون : \" نرفع معنويات بعضنا البعض \" .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker, "أبو غليون");
  EXPECT_EQ(r.quotes[0].speaker_canonical, "فؤاد أبو غليون");
}

TEST(QuotesSpeakerTest, DefiniteTriggerTakesThePhraseThatIntroducedIt) {
  auto r = Quotes("أعلنت وزارة الخدمة المدنية أسماء المقبولات . NL "
                  "وأوضحت الوزارة أن المراجعة تبدأ الأحد .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker, "الوزارة");
  EXPECT_EQ(r.quotes[0].speaker_canonical, "وزارة الخدمة المدنية") << r.quotes[0].speaker;
}

TEST(QuotesSpeakerTest, DefiniteDesignationRefersToTheLastSpeaker) {
  auto r = Quotes("وقال أرتور/B-PERS غريغوريانتس/I-PERS إن المراقب لم يسجل شيئا . NL "
                  "وأضاف المسؤول الروسي أن العقوبة عادلة .");
  ASSERT_EQ(r.quotes.size(), 2u);
  EXPECT_EQ(r.quotes[1].speaker, "المسؤول الروسي");
  EXPECT_EQ(r.quotes[1].speaker_canonical, "أرتور غريغوريانتس");
  // A designation that can introduce someone new (باسم الجيش) stays a designation.
  auto n = Quotes("وقال أرتور/B-PERS غريغوريانتس/I-PERS إن المراقب لم يسجل شيئا . NL "
                  "وقال المتحدث باسم الجيش إن الوضع هادئ .");
  ASSERT_EQ(n.quotes.size(), 2u);
  EXPECT_EQ(n.quotes[1].speaker_canonical, "المتحدث باسم الجيش");
}

TEST(QuotesSpeakerTest, LongTitleLinksToTheNameItIntroduced) {
  auto r = Quotes("نفى نائب وزير الداخلية اليمني ، اللواء الركن علي/B-PERS ناصر/I-PERS "
                  "لخشع/I-PERS وجود سجون سرية . NL "
                  "وأشار نائب وزير الداخلية اليمني إلى أنه لا سجون سرية .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker, "نائب وزير الداخلية اليمني");
  EXPECT_EQ(r.quotes[0].speaker_canonical, "علي ناصر لخشع");
}

TEST(QuotesSpeakerTest, RelayedQuoteBelongsToTheSourceAfterAn) {
  // نقلت X عن Y قوله: Y speaks; a name inside Y's modifier (بإدارة ترامب) is not Y.
  auto r = Quotes("ونقلت الصحيفة عن مسؤول كبير بإدارة دونالد/B-PERS ترامب/I-PERS قوله إن "
                  "العقوبات باقية .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker_canonical, "مسؤول كبير بإدارة دونالد ترامب");
  auto t = Quotes("نقلت وكالة/B-ORG رويترز/I-ORG عن وزير الخارجية سيرغي/B-PERS لافروف/I-PERS "
                  "قوله إن الهجوم أزال كل التزام .");
  ASSERT_EQ(t.quotes.size(), 1u);
  EXPECT_EQ(t.quotes[0].speaker_canonical, "سيرغي لافروف");
}

TEST(QuotesSpeakerTest, PluperfectSubjectStandsBetweenKanaAndQad) {
  // Untagged: the phrase between كان and قد, not the last speaker.
  auto r = Quotes("وقال خالد/B-PERS بن/I-PERS أحمد/I-PERS إن الوضع هادئ . NL "
                  "وكان تقرير أصدره مركز الأبحاث قد أوضح أن الطائرات إيرانية .");
  ASSERT_EQ(r.quotes.size(), 2u);
  EXPECT_EQ(r.quotes[1].speaker_canonical, "تقرير أصدره مركز الأبحاث");
}

TEST(QuotesSpeakerTest, VerbInASubordinateClauseTakesTheMainSubject) {
  auto r = Quotes("وقال مصدر عسكري إن الطائرة سقطت . NL "
                  "ونشرت ألوية/B-ORG العمالقة/I-ORG صورا قالت إنها للطائرة .");
  ASSERT_EQ(r.quotes.size(), 2u);
  EXPECT_EQ(r.quotes[0].speaker_canonical, "مصدر عسكري");
  EXPECT_EQ(r.quotes[1].speaker_canonical, "ألوية العمالقة");
}

TEST(QuotesSpeakerTest, NoSubjectAndNoEarlierSpeakerTakesTheLastNamed) {
  auto r = Quotes("أكد الشيخ عامر/B-PERS العربي/I-PERS افتخار القبيلة . NL "
                  "وقال : أنا فداء للوطن .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker_canonical, "عامر العربي");
  EXPECT_EQ(r.quotes[0].speaker_end, 0u);  // named in another paragraph
}

TEST(QuotesSpeakerTest, NeverABareTitleOrPronoun) {
  for (const char* spec : {"وأكد الوزير أن المحادثات جيدة .", "وأضاف سماحته أن الأمر محسوم .",
                           "وقالت الوزارة إن القرار نهائي .", "وأضاف : \" لن نتراجع أبدا \" ."}) {
    auto r = Quotes(spec);
    ASSERT_EQ(r.quotes.size(), 1u) << spec;
    EXPECT_EQ(r.quotes[0].speaker_canonical, "") << spec;
  }
}

TEST(QuotesTest, AlefWithMaddaIsNotAComplementizer) {
  // آن folds to the letters of أن, but the complementizer never carries a madda.
  auto r = Quotes("وأوضح الباحث المشرف على الدراسة ، آن/B-PERS غابرييل/I-PERS ، أن زملاءه "
                  "رصدوا القلق .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].text, "زملاءه رصدوا القلق");
  EXPECT_EQ(r.quotes[0].speaker_canonical, "آن غابرييل");
}

TEST(QuotesTest, QuotedNameBeforeTheComplementizerIsNotTheContent) {
  auto r = Quotes("أفادت مصادر \" سكاي/B-ORG نيوز/I-ORG عربية/I-ORG \" ، بأن المطالب الروسية "
                  "أجلت القرار .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_FALSE(r.quotes[0].direct);
  EXPECT_EQ(r.quotes[0].text, "المطالب الروسية أجلت القرار");
  auto t = Quotes("وقال كريستوفر/B-PERS هاير/I-PERS مدير مؤسسة \" تو ثينك ناو \" التي تنشر "
                  "التقييم : \" أظهرت طوكيو نهجا واضحا \" .");
  ASSERT_EQ(t.quotes.size(), 1u);
  EXPECT_TRUE(t.quotes[0].direct);
  EXPECT_EQ(t.quotes[0].text, "أظهرت طوكيو نهجا واضحا");
  EXPECT_EQ(t.quotes[0].speaker_canonical, "كريستوفر هاير");
  // A quotation with nothing after it is still the content.
  auto d = Quotes("وقال الوزير \" لن نتراجع عن القرار \" .");
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].text, "لن نتراجع عن القرار");
}

TEST(QuotesSpeakerTest, RelativeClauseClosesTheSubject) {
  // The name inside the relative clause (أجراها معهد …) is not the speaker.
  auto r = Quotes("وقالت الدراسة التي أجراها معهد/B-ORG ماساشوستس/I-ORG إن التحفيز يؤدي إلى "
                  "القلق .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker_canonical, "الدراسة");
}

TEST(QuotesSpeakerTest, VerbAfterARelativePronounTakesItsAntecedent) {
  auto r = Quotes("نشرت الصحف خبرا عن الفنان عمر/B-PERS الشريف/I-PERS مستندة إلى مصادر مقربة من "
                  "الفنان العالمي ، والتي قالت إنه لا يملك رصيدا .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker_canonical, "مصادر مقربة من الفنان العالمي");
  EXPECT_EQ(r.quotes[0].speaker, "مصادر مقربة من الفنان العالمي");
  // A name as the antecedent is the speaker.
  auto n = Quotes("وقال مصدر عسكري إن الطائرة سقطت . NL ونقلت الوكالة عن سامي/B-PERS "
                  "الحاج/I-PERS ، الذي أكد أن الوضع هادئ .");
  ASSERT_EQ(n.quotes.size(), 2u);
  EXPECT_EQ(n.quotes[1].speaker_canonical, "سامي الحاج");
}

TEST(QuotesSpeakerTest, FusedAddresseeIsCutFromATaggedName) {
  // The tagger ran the name into لرويترز; the rest is the short form of the full name.
  auto r = Quotes("ومؤسس الفريق هو فؤاد/B-PERS أبو/I-PERS غليون/I-PERS . NL "
                  "وقال أبو/B-PERS غليون/I-PERS لرويترز/I-PERS : \" نرفع معنويات بعضنا البعض \" .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker, "أبو غليون");
  EXPECT_EQ(r.quotes[0].speaker_canonical, "فؤاد أبو غليون");
}

TEST(QuotesSpeakerTest, IndefiniteDesignationKeepsItsFiModifier) {
  auto r = Quotes("كشف باحثون في علم الأعصاب أن منطقة من الدماغ تؤثر في المزاج .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker_canonical, "باحثون في علم الأعصاب");
  // في introducing the medium is not part of the speaker.
  auto m = Quotes("وقال مسؤول في بيان إن الوضع هادئ .");
  ASSERT_EQ(m.quotes.size(), 1u);
  EXPECT_EQ(m.quotes[0].speaker_canonical, "مسؤول");
}

TEST(QuotesTest, SpeechVerbAfterAConnectiveStartsANewQuote) {
  auto r = Quotes("وأشار دونالد/B-PERS ترامب/I-PERS إلى أن الضربات ستستمر ، حيث قال : \" نحن "
                  "مستعدون للاستمرار في الرد \" .");
  ASSERT_EQ(r.quotes.size(), 2u);
  EXPECT_EQ(r.quotes[0].text, "الضربات ستستمر");
  EXPECT_TRUE(r.quotes[1].direct);
  EXPECT_EQ(r.quotes[1].text, "نحن مستعدون للاستمرار في الرد");
  EXPECT_EQ(r.quotes[1].speaker_canonical, "دونالد ترامب");
  auto l = Quotes("وأشار مارك/B-PERS زوكربيرغ/I-PERS إلى أنه ضاعف عدد الموظفين ، لكنه لفت إلى أن "
                  "الحماية أهم من الأرباح .");
  ASSERT_EQ(l.quotes.size(), 2u);
  EXPECT_EQ(l.quotes[0].text, "أنه ضاعف عدد الموظفين");
  EXPECT_EQ(l.quotes[1].text, "الحماية أهم من الأرباح");
}

TEST(QuotesTest, MoreSpeechVerbs) {
  // Plural and other participles, writing and asking verbs.
  EXPECT_EQ(Quotes("لكن أنصار البيئة طعنوا على القرار قائلين إن المنجم يهدد الحيوانات .")
                .quotes.size(),
            1u);
  auto t = Quotes("وكتب دونالد/B-PERS توسك/I-PERS على تويتر \" لقد وافق زعماء الاتحاد على "
                  "الخلاصات \" .");
  ASSERT_EQ(t.quotes.size(), 1u);
  EXPECT_EQ(t.quotes[0].speaker_canonical, "دونالد توسك");
  EXPECT_EQ(Quotes("ووصف إبراهيم/B-PERS خطاب/I-PERS حاله بأنه كان حزينا بعد إصابته .")
                .quotes.size(),
            1u);
}

TEST(QuotesTest, AnAfterAConjunctionIsNotTheComplementizer) {
  EXPECT_TRUE(Quotes("أعلن الجيش بدء العملية بعد أن انسحبت القوات .").quotes.empty());
  EXPECT_TRUE(Quotes("وأعلنت الشركة نتائجها إلا أن الأرباح تراجعت .").quotes.empty());
}

TEST(QuotesTest, BecauseAndWithoutAreNotComplementizers) {
  // لأن is "because", دون أن "without", خصوصا أن "especially since".
  EXPECT_TRUE(Quotes("وأعرب المدير عن غضبه لأن المسؤولين تأخروا .").quotes.empty());
  EXPECT_TRUE(Quotes("وأشار البيان إلى التنظيم من دون أن يقدم تفاصيل .").quotes.empty());
  EXPECT_TRUE(Quotes("قررت دخول الإعلام خصوصا أنني في مرحلة متقدمة .").quotes.empty());
}

TEST(QuotesTest, ModalAnIsNotReportedSpeech) {
  // أن after a modal or volitional word is its subjunctive, not the speech verb's content.
  EXPECT_TRUE(Quotes("وشدد الوزير على ضرورة أن يكون الرد حازما .").quotes.empty());
  EXPECT_EQ(Quotes("وتعتبر موسكو أنها لا يمكن أن تحل محل المجلس .").quotes.size(), 1u);
  EXPECT_TRUE(Quotes("وأعلن قصر كنسينغتون زواج الأمير ومن المتوقع أن تضع طفلها قريبا .")
                  .quotes.empty());
  EXPECT_TRUE(Quotes("هناك شخص يقول ما يجب أن يقال في جمل متقنة .").quotes.empty());
  // The verb's own complementizer after the modal phrase still opens the content.
  auto r = Quotes("وقال المتحدث وكان من المقرر أن يسافر ، إن الرحلة ألغيت .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].text, "الرحلة ألغيت");
}

TEST(QuotesTest, QuotedNameOfAnIndefiniteTriggerIsNotTheContent) {
  // شركة « … »: the quotation is the company's name (the trigger's genitive).
  auto r = Quotes("وأكدت شركة « كي بي إم جي السعودية » في تقرير حديث ، أن معروض المكاتب "
                  "ارتفع .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].text, "معروض المكاتب ارتفع");
  EXPECT_EQ(r.quotes[0].speaker_canonical, "شركة كي بي إم جي السعودية");
  EXPECT_TRUE(Quotes("وشدد المبعوث في تصريحات لقناة « سي بي سي » المصرية على ضرورة الانسحاب .")
                  .quotes.empty());
  // After a definite subject the quotation is what it said.
  auto d = Quotes("وقالت الصحيفة « الحكومة ستسقط قريبا جدا » .");
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].text, "الحكومة ستسقط قريبا جدا");
}

TEST(QuotesTest, LoneNoBreakSpaceBetweenSpacesEndsAParagraph) {
  // SaudiNewsNet writes paragraph breaks as " \u00A0 "; a stray closing mark must not pair
  // with a mark of the next paragraph.
  auto r = Quotes("وقال الحماد : هذا العيد نعمة من الله \" . \xC2\xA0 وحث المدير الموظفين على "
                  "العمل \" بجد \" .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].text, "هذا العيد نعمة من الله");
  // Inside a sentence no-break spaces only join words.
  auto w = Quotes("وأفاد المدير كيه سانثوش\xC2\xA0\xC2\xA0لرويترز « هطلت أمطار أكثر من العام "
                  "الماضي » .");
  ASSERT_EQ(w.quotes.size(), 1u);
  EXPECT_EQ(w.quotes[0].text, "هطلت أمطار أكثر من العام الماضي");
}

TEST(QuotesTest, ImpersonalAndFactVerbsAreNotSpeech) {
  EXPECT_TRUE(Quotes("ويعتقد أن عمر الكواكب خمسة ملايين سنة .").quotes.empty());
  EXPECT_TRUE(Quotes("وتبين أنها إيرانية الصنع .").quotes.empty());
  EXPECT_TRUE(Quotes("وهو ما يكشف أنها تضحي بالامتياز .").quotes.empty());
  // With a subject the verb is someone's statement.
  EXPECT_EQ(Quotes("ويعتقد العلماء أن عمر الكواكب قصير .").quotes.size(), 1u);
}

TEST(QuotesSpeakerTest, DitransitiveVerbsSubjectIsTheFirstNounPhrase) {
  // أبلغ X Y أن: Y (a name here) is the addressee.
  auto r = Quotes("وأبلغت هيئة رقابة الاتصالات الروسية وكالة انترفاكس/B-ORG أنها أغلقت الخوادم .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker_canonical, "هيئة رقابة الاتصالات الروسية");
}

TEST(QuotesSpeakerTest, NounComplementVerbKeepsItsSubjectForTheNextQuote) {
  auto r = Quotes("أكد شيخ القبيلة الشيخ عامر/B-PERS العربي/I-PERS افتخار القبيلة باستشهاد "
                  "إبراهيم/B-PERS . NL وقال : أنا فداء للوطن .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker_canonical, "عامر العربي");
}

TEST(QuotesSpeakerTest, ConnectivePronounContinuesTheSpeaker) {
  auto r = Quotes("اعتذر مؤسس موقع فيسبوك/B-ORG ، مارك/B-PERS زوكربيرغ/I-PERS ، وأشار إلى أنه "
                  "ضاعف عدد الموظفين ، لكنه لفت إلى أن الحماية أهم .");
  ASSERT_EQ(r.quotes.size(), 2u);
  EXPECT_EQ(r.quotes[1].text, "الحماية أهم");
  EXPECT_EQ(r.quotes[1].speaker_canonical, "مارك زوكربيرغ");
}

TEST(QuotesSpeakerTest, TopicOfANominalSentenceWithARelativeClause) {
  auto r = Quotes("وقالت لورا/B-PERS سميت/I-PERS إن الحقيقة ستظهر . NL وهذه المستندات التي "
                  "ذكرتها الإذاعة ، أوضحت أن المغني تنازل عن حصصه .");
  ASSERT_EQ(r.quotes.size(), 2u);
  EXPECT_EQ(r.quotes[1].speaker_canonical, "المستندات");
  EXPECT_EQ(r.quotes[1].speaker, "المستندات");
}

TEST(QuotesSpeakerTest, DefiniteNounRefersToItsNationalAntecedent) {
  auto r = Quotes("أيدت المحكمة قرار الحكومة الأسترالية بالموافقة . وذكرت الحكومة أن القرار "
                  "فني .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker_canonical, "الحكومة الأسترالية");
  // Other adjectives only told the referent apart: the noun stays.
  auto b = Quotes("وقال المتحدث إن البيان السادس صدر . NL وأضاف البيان أن القوات تقدمت .");
  ASSERT_EQ(b.quotes.size(), 2u);
  EXPECT_EQ(b.quotes[1].speaker_canonical, "البيان");
}

TEST(QuotesSpeakerTest, ParticipleAfterAQadVerbTakesThatVerbsSubject) {
  // No quote earlier in its sentence: the participle's subject is the subject of the
  // sentence's verb (after قد), not the latest speaker.
  auto r = Quotes("وقال أحمد/B-PERS زكي/I-PERS إن الحقيقة ستظهر . NL وقد طعنت هالة/B-PERS "
                  "الكردي/I-PERS في الوصية أمام القضاء ، مؤكدة أنها تخالف القانون .");
  ASSERT_EQ(r.quotes.size(), 2u);
  EXPECT_EQ(r.quotes[1].speaker, "هالة الكردي");
}

TEST(QuotesSpeakerTest, TitleBeforeANameBehindAPrepositionDoesNotIntroduceIt) {
  // والدة الصحفي لميسي: the journalist is not Messi; الصحفي refers back to صحفي أرجنتيني
  // (an indefinite noun with its nationality), even though the tagger took أرجنتيني for a
  // name.
  auto r = Quotes("فاجأ النجم ليونيل/B-PERS ميسي/I-PERS صحفي أرجنتيني/B-PERS التقى به ، حين "
                  "أخبره بأن لا يزال يحتفظ بتميمة أهدتها والدة الصحفي لميسي/B-PERS . NL "
                  "وسأل الصحفي قائد منتخب الأرجنتين/B-LOC : \" لا أعلم إن كنت تتذكر التميمة \" .");
  ASSERT_EQ(r.quotes.size(), 2u);
  EXPECT_EQ(r.quotes[0].speaker_canonical, "ليونيل ميسي");
  EXPECT_EQ(r.quotes[1].speaker, "الصحفي");
  EXPECT_EQ(r.quotes[1].speaker_canonical, "صحفي أرجنتيني");
}

TEST(QuotesSpeakerTest, UntitledNounInConstructWithAnOrganisationIsTheSpeaker) {
  // The quoted name runs to its closing mark though the tagger stopped short.
  auto r = Quotes("أفادت مصادر \" سكاي/B-ORG نيوز/I-ORG عربية \" ، بأن المطالب الروسية "
                  "أجلت القرار .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker_canonical, "مصادر سكاي نيوز عربية");
  // A trigger word is part of the organisation's name, which stays the speaker.
  auto t = Quotes("وقالت وكالة رويترز/B-ORG إن المطالب أجلت القرار .");
  ASSERT_EQ(t.quotes.size(), 1u);
  EXPECT_EQ(t.quotes[0].speaker_canonical, "رويترز");
}

TEST(QuotesSpeakerTest, TriggerTaggedAloneTakesTheQuotedNameOrNobody) {
  auto r = Quotes("وقالت منظمة/B-ORG \" السلام الآن \" الإسرائيلية ، إن مصير المستوطنة مجهول .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker_canonical, "منظمة السلام الآن");
  EXPECT_EQ(r.quotes[0].speaker_id, "");
  auto n = Quotes("ويشير استطلاع نشره معهد/B-ORG إن النتائج سيئة .");
  ASSERT_EQ(n.quotes.size(), 1u);
  EXPECT_EQ(n.quotes[0].speaker_canonical, "");
}

TEST(QuotesSpeakerTest, IndefiniteNounTakesTheQuotedNameAfterIt) {
  auto r = Quotes("وأورد موقع « الحدث نيوز » المقرب من الحزب ، أن الحل الثاني مرفوض .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker_canonical, "موقع الحدث نيوز");
  EXPECT_EQ(r.quotes[0].speaker, "موقع « الحدث نيوز »");
  EXPECT_EQ(r.quotes[0].text, "الحل الثاني مرفوض");
}

TEST(QuotesSpeakerTest, PrepositionWithAPronounIsNoSpeaker) {
  // لنا is the addressee: the speaker is the one already speaking.
  auto r = Quotes("وقالت سامية/B-PERS إن التعليم مهم . NL فكان يقول لنا ضاحكا : حجزت لكن "
                  "ثلاثة مقاعد .");
  ASSERT_EQ(r.quotes.size(), 2u);
  EXPECT_EQ(r.quotes[1].speaker_canonical, "سامية");
}

TEST(QuotesSpeakerTest, DesignationEndsBeforeTheMediumAndTheObject) {
  // في بلاغ لها names the medium (Tunisian بلاغ, a communiqué), not who the ministry is.
  auto r = Quotes("وقالت وزارة الداخلية في بلاغ لها إن الوضع مستقر .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker_canonical, "وزارة الداخلية");
  // A demonstrative after a definite word opens the object; after an indefinite one it is a
  // genitive of the designation.
  auto o = Quotes("ووصفت وزارة الخارجية الفلسطينية هذا القرار بأنه خطير .");
  ASSERT_EQ(o.quotes.size(), 1u);
  EXPECT_EQ(o.quotes[0].speaker_canonical, "وزارة الخارجية الفلسطينية");
  auto g = Quotes("وقال أحد هؤلاء الدبلوماسيين إن الاتفاق قريب .");
  ASSERT_EQ(g.quotes.size(), 1u);
  EXPECT_EQ(g.quotes[0].speaker_canonical, "أحد هؤلاء الدبلوماسيين");
}

TEST(QuotesSpeakerTest, TheSameSourceIsTheLatestSpeaker) {
  for (const char* same : {"المصدر نفسه", "ذات المصدر", "نفس المصدر", "المصدر ذاته"}) {
    auto r = Quotes(std::string("وقال مصدر أمني إن الهجوم فشل . NL وأضاف ") + same +
                    " أن القوات تقدمت .");
    ASSERT_EQ(r.quotes.size(), 2u) << same;
    EXPECT_EQ(r.quotes[1].speaker_canonical, "مصدر أمني") << same;
    EXPECT_EQ(r.quotes[1].speaker, same);
  }
}

// A verb with no subject of its own continues with the latest speaker or person named, but
// not with a person that a bridge, an airport or a university is named after (جسر الملك حمد).
TEST(QuotesSpeakerTest, PersonSomethingIsNamedAfterIsNotTheSubject) {
  for (const char* head : {"جسر", "مطار", "جامعة"}) {
    auto r = Quotes(std::string("كشف وزير المواصلات ، كمال/B-PERS محمد/I-PERS ، عن تكلفة مشروع ") +
                    head + " الملك حمد/B-PERS . NL وفيما نوه بأن العمل جار ، أكد أن المشروع ممول .");
    ASSERT_EQ(r.quotes.size(), 2u) << head;
    for (const auto& q : r.quotes) EXPECT_EQ(q.speaker_canonical, "كمال محمد") << head << " " << q.verb;
  }
  // The same name not behind such a noun is the latest person named.
  auto r = Quotes("التقى الوزير كمال/B-PERS محمد/I-PERS الملك حمد/B-PERS . NL وأكد أن المشروع "
                  "ممول بالكامل .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker_canonical, "حمد");
}

TEST(QuotesSpeakerTest, BareTitleDesignationNamesNobody) {
  // The relayed source cut to its head, and a trigger written with Persian letters (ھ ی).
  for (const char* s : {"ونقلت وكالات الأنباء عن الوزارة أن الضربات فشلت .",
                        "وأوضحت الھیئة ، أن البيانات محمية ."}) {
    auto r = Quotes(s);
    ASSERT_EQ(r.quotes.size(), 1u) << s;
    EXPECT_EQ(r.quotes[0].speaker_canonical, "") << s;
  }
}

TEST(QuotesSpeakerTest, GeneralIsPartOfTheTitleAndTheYearIsNot) {
  // العام after a noun is "general" (المدعي العام); before الماضي or after هذا it is "the year".
  auto r = Quotes("وقال المدعي العام إن التحقيق مستمر .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker_canonical, "المدعي العام");
  auto y = Quotes("وقال مسؤول كبير العام الماضي إن التحقيق انتهى .");
  ASSERT_EQ(y.quotes.size(), 1u);
  EXPECT_EQ(y.quotes[0].speaker_canonical, "مسؤول كبير");
}

TEST(QuotesSpeakerTest, ProcliticsWithTheArticleAreNotADesignation) {
  auto r = Quotes("وقال الرئيس دونالد/B-PERS ترامب/I-PERS إن الأمر خطير . NL ووصفه بالـ « رهينة "
                  "الوطني العظيم » .");
  ASSERT_EQ(r.quotes.size(), 2u);
  EXPECT_EQ(r.quotes[1].speaker_canonical, "دونالد ترامب");
  // The family name آل folds like the article: it stays in a designation.
  auto f = Quotes("وقال رئيس هيئة آل الشيخ إن القرار نهائي .");
  ASSERT_EQ(f.quotes.size(), 1u);
  EXPECT_EQ(f.quotes[0].speaker_canonical, "رئيس هيئة آل الشيخ");
}

TEST(QuotesSpeakerTest, RelativeClauseWithAnObjectPronounIsNotTheSubject) {
  auto r = Quotes("وقال ترامب/B-PERS إن بلاده لن تدفع . NL وطالب بالإفراج عن القس برانسون/B-PERS ، "
                  "الذي وصفه بأنه رهينة .");
  ASSERT_EQ(r.quotes.size(), 2u);
  EXPECT_EQ(r.quotes[1].speaker_canonical, "دونالد ترامب");  // a listed person's full name
}

TEST(QuotesSpeakerTest, LoneProcliticIsNotADesignation) {
  auto r = Quotes("تنديدا بالقانون الذي وصف بـ « غير المنصف للعمال » .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_NE(r.quotes[0].speaker_canonical, "بـ");
  // Nor a name when the tagger says so.
  auto w = Quotes("وأكد وبـ/B-PERS « صوت عال » أن القرار نهائي .");
  ASSERT_EQ(w.quotes.size(), 1u);
  EXPECT_EQ(w.quotes[0].speaker_canonical, "");
}

TEST(QuotesSpeakerTest, BareTitleTakesTheLatestSpeakersDesignationWithItsHead) {
  auto r = Quotes("قال المتحدث العسكري باسم الجيش ، الاثنين ، إن المسلحين قتلوا . NL "
                  "وأضاف المتحدث أن القوات دمرت الأوكار .");
  ASSERT_EQ(r.quotes.size(), 2u);
  EXPECT_EQ(r.quotes[0].speaker_canonical, "المتحدث العسكري باسم الجيش");
  EXPECT_EQ(r.quotes[1].speaker, "المتحدث");
  EXPECT_EQ(r.quotes[1].speaker_canonical, "المتحدث العسكري باسم الجيش");
}

TEST(QuotesTest, ParentheticalAfterTheSubjectDelaysTheComplementizer) {
  // 23 tokens from the verb to أن, the content opened by a complementizer after a comma.
  auto r = Quotes("وأضاف المتحدث ، في البيان السادس عشر عن نتائج العملية العسكرية الشاملة "
                  "لملاحقة الإرهابيين \" سيناء 2018 \" خلال الأيام الخمسة الماضية ، أن القوات "
                  "دمرت الخلية .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].text, "القوات دمرت الخلية");
}

TEST(QuotesTest, SpeechVerbsWithAnObjectPronoun) {
  auto r = Quotes("وقال علي/B-PERS لخشع/I-PERS إن السجون مغلقة . NL وحذر لخشع/B-PERS من الإعلام "
                  "الذي يقوم بما وصفه \" نشر الشائعات حول سجون سرية \" .");
  ASSERT_EQ(r.quotes.size(), 2u);
  EXPECT_TRUE(r.quotes[1].direct);
  EXPECT_EQ(r.quotes[1].text, "نشر الشائعات حول سجون سرية");
  EXPECT_EQ(r.quotes[1].speaker_canonical, "علي لخشع");
  auto y = Quotes("وتظهر الصورة جزرا يصفها أنور/B-PERS فلوريوك/I-PERS بـ \" الرائعة والمميزة "
                  "والمملوءة بالحياة البحرية \" .");
  ASSERT_EQ(y.quotes.size(), 1u);
  EXPECT_EQ(y.quotes[0].speaker_canonical, "أنور فلوريوك");
  // With the suffix ما is the object (what he described as); without it ما is the subject
  // (a fact, not speech).
  EXPECT_EQ(Quotes("وانتقد الوزير ما وصفه \" التدخل السافر في الشؤون الداخلية \" .").quotes.size(),
            1u);
  EXPECT_TRUE(Quotes("وهو ما يؤكد أن الخطة فشلت .").quotes.empty());
}

TEST(QuotesSpeakerTest, RelayingVerbQuotesTheSourceAfterAn) {
  auto r = Quotes("وينقل موقع \" سي إن إن بالعربية \" عن المصور أحمد/B-PERS التوقي/I-PERS ؛ أن "
                  "\" عرضة الجمال هي أحد التقاليد \" .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_TRUE(r.quotes[0].direct);
  EXPECT_EQ(r.quotes[0].speaker_canonical, "أحمد التوقي");
  // The source, not the outlet, even when only the outlet is tagged.
  auto o = Quotes("ونقلت وكالة/B-ORG رويترز/I-ORG عن مصادر مطلعة أن المحادثات توقفت .");
  ASSERT_EQ(o.quotes.size(), 1u);
  EXPECT_EQ(o.quotes[0].speaker_canonical, "مصادر مطلعة");
  // Without عن the verb moves things, and says nothing.
  EXPECT_TRUE(Quotes("نقلت القوات المعدات لأن الطريق مغلق .").quotes.empty());
}

TEST(QuotesTest, BaynaIsTheVerbOnlyWhereAClauseStarts) {
  EXPECT_TRUE(Quotes("ولم تنته المزايدات بين أنصار القطيعة وخصومها ، بل إن رجال الأعمال "
                     "تحركوا .")
                  .quotes.empty());
  auto r = Quotes("كما بين يوسف/B-PERS الظاهري/I-PERS أن إدارته تعكف على المشاريع .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker_canonical, "يوسف الظاهري");
  EXPECT_EQ(Quotes("بين تقرير اقتصادي أن الأسعار ارتفعت .").quotes.size(), 1u);
}

TEST(QuotesSpeakerTest, NameRightBeforeTheVerbIsItsSubject) {
  auto r = Quotes("لكن دونالد/B-PERS ترامب/I-PERS وصف مزاعمها تلك بأنها خدعة .");
  ASSERT_EQ(r.quotes.size(), 1u);
  EXPECT_EQ(r.quotes[0].speaker_canonical, "دونالد ترامب");
  auto a = Quotes("وزير الخارجية الطيب/B-PERS البكوش/I-PERS قال لـ « الشرق/B-ORG الأوسط/I-ORG » "
                  "إن قرار الغلق نهائي .");
  ASSERT_EQ(a.quotes.size(), 1u);
  EXPECT_EQ(a.quotes[0].speaker_canonical, "الطيب البكوش");
  // Not behind a preposition, and not over a name right after the verb.
  auto p = Quotes("وفي مقابلة مع رويترز/B-ORG قال مسؤول كبير إن المحادثات توقفت .");
  ASSERT_EQ(p.quotes.size(), 1u);
  EXPECT_EQ(p.quotes[0].speaker_canonical, "مسؤول كبير");
  auto m = Quotes("وعن ترشحه لرئاسة الاتحاد/B-ORG الدولي/I-ORG قال دييجو/B-PERS مارادونا/I-PERS "
                  ": \" أريد حقا أن أترشح \" .");
  ASSERT_EQ(m.quotes.size(), 1u);
  EXPECT_EQ(m.quotes[0].speaker_canonical, "دييجو مارادونا");
}

}  // namespace
}  // namespace rasd::extract
