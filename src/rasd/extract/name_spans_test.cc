#include "rasd/extract/name_spans.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rasd/extract/gazetteer.h"
#include "rasd/extract/testing/tagged_words.h"

namespace rasd::extract {
namespace {

using testing::Repair;

TEST(NameSpansTest, PersonNameEndsBeforeAPrepositionWithANamedObject) {
  // The addressee behind ل is an organisation of its own.
  EXPECT_EQ(Repair("وقال أبو/B-PERS غليون/I-PERS لرويترز/I-PERS إن", SplitRunOnNames),
            "وقال أبو/B-PERS غليون/I-PERS لرويترز/B-ORG إن");
  // A listed person behind ل is another person.
  EXPECT_EQ(Repair("قال جاستن/B-PERS ترودو/I-PERS لترامب/I-PERS إن", SplitRunOnNames),
            "قال جاستن/B-PERS ترودو/I-PERS لترامب/B-PERS إن");
}

TEST(NameSpansTest, PersonNameEndsBeforeAPrepositionWithTheArticle) {
  EXPECT_EQ(Repair("وقال ترودو/B-PERS للصحافيين/I-PERS إن", SplitRunOnNames),
            "وقال ترودو/B-PERS للصحافيين إن");
  EXPECT_EQ(Repair("قال نجيب/B-PERS عبد/I-PERS الرزاق/I-PERS للصحافيين/I-PERS",
                   SplitRunOnNames),
            "قال نجيب/B-PERS عبد/I-PERS الرزاق/I-PERS للصحافيين");
}

TEST(NameSpansTest, NamesStartingWithThoseLettersStay) {
  // No listed name after ل, or another letter (بينس is not ب + ينس, كامل not ك + امل).
  for (const char* s : {"كولن/B-PERS باول/I-PERS", "سيرغي/B-PERS لافروف/I-PERS",
                        "جورج/B-PERS بوش/I-PERS", "محمد/B-PERS بن/I-PERS سلمان/I-PERS",
                        "روميلو/B-PERS لوكاكو/I-PERS", "مايك/B-PERS بينس/I-PERS",
                        "ناصر/B-PERS كامل/I-PERS", "أيمن/B-PERS بالطيب/I-PERS",
                        "علي/B-PERS مسعد/I-PERS بدير/I-PERS"}) {
    EXPECT_EQ(Repair(s, SplitRunOnNames), s);
  }
  // Organisation names hold such words (مركز الملك سلمان للإغاثة).
  const std::string org = "البنك/B-ORG الأفريقي/I-ORG للتنمية/I-ORG";
  EXPECT_EQ(Repair(org, SplitRunOnNames), org);
}

TEST(NameSpansTest, LoneTriggerTakesTheNameAfterIt) {
  // An organisation's trigger joins the name that follows.
  EXPECT_EQ(Repair("توصل نادي/B-ORG روما/B-LOC الإيطالي", CompleteLoneTriggers),
            "توصل نادي/B-ORG روما/I-ORG الإيطالي");
  // An organisation after it is the name; a place's trigger is a descriptor.
  EXPECT_EQ(Repair("ميليشيا/B-MISC حزب/B-ORG الله/I-ORG", CompleteLoneTriggers),
            "ميليشيا حزب/B-ORG الله/I-ORG");
  EXPECT_EQ(Repair("في مدينة/B-LOC حائل/B-LOC", CompleteLoneTriggers), "في مدينة حائل/B-LOC");
  // A quoted name: the quoted words.
  EXPECT_EQ(Repair("وقالت منظمة/B-ORG \" أنقذوا الأطفال \" إن", CompleteLoneTriggers),
            "وقالت منظمة \" أنقذوا/B-ORG الأطفال/I-ORG \" إن");
  // A definite genitive completes it.
  EXPECT_EQ(Repair("إدارة نادي/B-ORG النصر جماهير", CompleteLoneTriggers),
            "إدارة نادي/B-ORG النصر/I-ORG جماهير");
}

TEST(NameSpansTest, LoneTriggerAloneIsNoName) {
  EXPECT_EQ(Repair("من أي جامعة/B-ORG أخرى", CompleteLoneTriggers), "من أي جامعة أخرى");
  EXPECT_EQ(Repair("ميليشيا/B-MISC محلية قتلوا", CompleteLoneTriggers), "ميليشيا محلية قتلوا");
  EXPECT_EQ(Repair("في جبل/B-LOC التركمان", CompleteLoneTriggers), "في جبل التركمان");
  // Definite ones are names (الاتحاد، الجزيرة) or references back: left alone; so are
  // triggers the tagger already joined to their name.
  for (const char* s : {"فاز الاتحاد/B-ORG", "وقالت المنظمة/B-ORG إن", "حزب/B-ORG الله/I-ORG"}) {
    EXPECT_EQ(Repair(s, CompleteLoneTriggers), s);
  }
}

TEST(NameSpansTest, FoldedFunctionWordOpensNoName) {
  // على (folded علي, the name) tagged as a person: written with ى it is the preposition.
  const std::vector<std::string> words = {"حصل", "اللاعب", "على", "الخبرة", "وعلى", "صالح",
                                          "وعلي", "حسن", "قال"};
  std::vector<Tag> tags = {kTagO, kTagO, BeginTag(EntityType::kPers), kTagO,
                           BeginTag(EntityType::kPers), InsideTag(EntityType::kPers),
                           BeginTag(EntityType::kPers), InsideTag(EntityType::kPers), kTagO};
  FeatureExtractor fx(nullptr, &Gazetteer::Builtin(), nullptr, 10);
  FeatureScratch scratch;
  const std::vector<std::string_view> raw(words.begin(), words.end());
  fx.Analyze(raw, &scratch);
  DropLoneNonNames(raw, scratch.info, &tags);
  EXPECT_EQ(tags[2], kTagO);
  // In a longer name it may be the name written the Egyptian way (على صالح); علي is the name.
  EXPECT_EQ(tags[4], BeginTag(EntityType::kPers));
  EXPECT_EQ(tags[5], InsideTag(EntityType::kPers));
  EXPECT_EQ(tags[6], BeginTag(EntityType::kPers));
  EXPECT_EQ(tags[7], InsideTag(EntityType::kPers));
}

TEST(NameSpansTest, LoneOrdinalIsNoName) {
  const std::vector<std::string> words = {"الملك", "عبدالله", "الثاني", "في", "تشرين", "الثاني"};
  std::vector<Tag> tags = {kTagO, BeginTag(EntityType::kPers), InsideTag(EntityType::kPers),
                           kTagO, kTagO, BeginTag(EntityType::kPers)};
  FeatureExtractor fx(nullptr, &Gazetteer::Builtin(), nullptr, 10);
  FeatureScratch scratch;
  const std::vector<std::string_view> raw(words.begin(), words.end());
  fx.Analyze(raw, &scratch);
  DropLoneNonNames(raw, scratch.info, &tags);
  EXPECT_EQ(tags[2], InsideTag(EntityType::kPers));  // the regnal name keeps it
  EXPECT_EQ(tags[5], kTagO);
}

TEST(NameSpansTest, CountedNounIsAUnitOrADate) {
  const std::vector<std::string> words = {"بلغت", "68.18", "مليار", "ريال", "و", "1400",
                                          "ريال", "في", "15", "نيسان", "وفاز", "ريال",
                                          "الأهلي", "3", "اتحاد"};
  std::vector<Tag> tags(words.size(), kTagO);
  for (size_t i : {3, 6, 9, 11, 12, 14}) tags[i] = BeginTag(EntityType::kOrg);
  FeatureExtractor fx(nullptr, &Gazetteer::Builtin(), nullptr, 10);
  FeatureScratch scratch;
  const std::vector<std::string_view> raw(words.begin(), words.end());
  fx.Analyze(raw, &scratch);
  RetypeCountedNouns(raw, scratch.info, &tags);
  EXPECT_EQ(tags[3], BeginTag(EntityType::kMisc));  // مليار ريال: the currency
  EXPECT_EQ(tags[6], BeginTag(EntityType::kMisc));
  EXPECT_EQ(tags[9], kTagO);                        // 15 نيسان: a date
  EXPECT_EQ(tags[11], BeginTag(EntityType::kOrg));  // وفاز ريال: the club
  EXPECT_EQ(tags[14], BeginTag(EntityType::kOrg));  // a score before a club
}

TEST(NameSpansTest, MonthNextToADateIsNoName) {
  const std::vector<std::string> words = {"في", "أبريل", "/", "نيسان", "الماضي", "و", "7",
                                          "نيسان", "وقالت", "نيسان", "اليابانية", "بيك",
                                          "آب", "نيسان"};
  std::vector<Tag> tags(words.size(), kTagO);
  for (size_t i : {3, 7, 9, 13}) tags[i] = BeginTag(EntityType::kOrg);
  FeatureExtractor fx(nullptr, &Gazetteer::Builtin(), nullptr, 10);
  FeatureScratch scratch;
  const std::vector<std::string_view> raw(words.begin(), words.end());
  fx.Analyze(raw, &scratch);
  DropMonthDates(raw, scratch.info, &tags);
  EXPECT_EQ(tags[3], kTagO);  // أبريل/نيسان
  EXPECT_EQ(tags[7], kTagO);  // 7 نيسان
  EXPECT_EQ(tags[9], BeginTag(EntityType::kOrg));   // the carmaker
  EXPECT_EQ(tags[13], BeginTag(EntityType::kOrg));  // بيك آب نيسان: a Nissan pick-up
}

TEST(NameSpansTest, PersonNameEndsBeforeATitlePhrase) {
  EXPECT_EQ(Repair("استقبل محمد/B-PERS بن/I-PERS نايف/I-PERS ولي/I-PERS العهد/I-PERS الوفد",
                   EndNamesBeforeTitles),
            "استقبل محمد/B-PERS بن/I-PERS نايف/I-PERS ولي العهد الوفد");
  // One title word ending a name may be a surname.
  EXPECT_EQ(Repair("أحمد/B-PERS لطفي/I-PERS السيد/I-PERS قال", EndNamesBeforeTitles),
            "أحمد/B-PERS لطفي/I-PERS السيد/I-PERS قال");
  // Only person names: an organisation may hold titles (مكتب الأمين العام).
  EXPECT_EQ(Repair("مكتب/B-ORG الأمين/I-ORG العام/I-ORG", EndNamesBeforeTitles),
            "مكتب/B-ORG الأمين/I-ORG العام/I-ORG");
}

void CompleteUnfinishedNamesOf(const std::vector<TokenInfo>& infos, std::vector<Tag>* tags) {
  std::vector<std::string_view> raw;  // the folded forms: no ى in these tests
  for (const TokenInfo& t : infos) raw.push_back(t.folded);
  CompleteUnfinishedNames(raw, infos, tags);
}

TEST(NameSpansTest, UnfinishedNamesAreCompleted) {
  EXPECT_EQ(Repair("خلافة علي/B-PERS بن/I-PERS أبي/I-PERS طالب بدأت", CompleteUnfinishedNamesOf),
            "خلافة علي/B-PERS بن/I-PERS أبي/I-PERS طالب/I-PERS بدأت");
  EXPECT_EQ(Repair("وصل الحسن/B-PERS بن/I-PERS علي إلى", CompleteUnfinishedNamesOf),
            "وصل الحسن/B-PERS بن/I-PERS علي/I-PERS إلى");
  // Not across a stopword or punctuation.
  EXPECT_EQ(Repair("قال أبو/B-PERS في المؤتمر", CompleteUnfinishedNamesOf),
            "قال أبو/B-PERS في المؤتمر");
  EXPECT_EQ(Repair("قال بن/B-PERS ، إن", CompleteUnfinishedNamesOf), "قال بن/B-PERS ، إن");
  // Regnal numbers.
  EXPECT_EQ(Repair("استقبل الحسن/B-PERS الثاني الوفد", CompleteUnfinishedNamesOf),
            "استقبل الحسن/B-PERS الثاني/I-PERS الوفد");
  EXPECT_EQ(Repair("الملك الفونسو/B-PERS الثالث عشر ملك", CompleteUnfinishedNamesOf),
            "الملك الفونسو/B-PERS الثالث/I-PERS عشر/I-PERS ملك");
  // Only after a person's name.
  EXPECT_EQ(Repair("الدور/B-ORG الثاني", CompleteUnfinishedNamesOf), "الدور/B-ORG الثاني");
}

TEST(NameSpansTest, ConnectorTakesTheNameAliButNotThePrepositionAla) {
  FeatureExtractor fx(nullptr, &Gazetteer::Builtin(), nullptr, 10);
  FeatureScratch scratch;
  for (const char* next : {"علي", "على"}) {
    const std::vector<std::string> words = {"الحسن", "بن", next, "المنصة"};
    const std::vector<std::string_view> raw(words.begin(), words.end());
    std::vector<Tag> tags = {BeginTag(EntityType::kPers), InsideTag(EntityType::kPers), kTagO,
                             kTagO};
    fx.Analyze(raw, &scratch);
    CompleteUnfinishedNames(raw, scratch.info, &tags);
    EXPECT_EQ(tags[2], std::string_view(next) == "علي" ? InsideTag(EntityType::kPers) : kTagO)
        << next;
    EXPECT_EQ(tags[3], kTagO);
  }
}

}  // namespace
}  // namespace rasd::extract
