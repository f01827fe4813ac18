#include "rasd/extract/name_propagation.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rasd/extract/gazetteer.h"
#include "rasd/extract/name_forms.h"
#include "rasd/extract/testing/tagged_words.h"

namespace rasd::extract {
namespace {

// Runs PropagateNames over "word/TAG word ..." (no /TAG: O; a word ending in '!' is not
// eligible; "|" ends a sentence) and returns "word/TAG" again, O words bare, with the "|".
std::string Propagate(const std::string& tagged) {
  testing::TaggedWords t = testing::ParseTaggedWords(tagged);
  testing::TaggedWords words;  // without the "|"
  std::vector<bool> eligible, starts;
  std::vector<std::string> folded;
  bool start = true;
  for (size_t i = 0; i < t.words.size(); ++i) {
    std::string w = t.words[i];
    if (w == "|") {
      start = true;
      continue;
    }
    const bool ineligible = !w.empty() && w.back() == '!';
    if (ineligible) w.pop_back();
    eligible.push_back(!ineligible);
    starts.push_back(start);
    start = false;
    folded.push_back(Fold(w));
    words.words.push_back(w);
    words.tags.push_back(t.tags[i]);
  }
  PropagateNames(std::vector<std::string_view>(folded.begin(), folded.end()), eligible, starts,
                 &words.tags);
  std::string out;
  for (size_t i = 0; i < words.words.size(); ++i) {
    if (i > 0) out += starts[i] ? " | " : " ";
    out += testing::FormatTaggedWords({words.words[i]}, {words.tags[i]});
  }
  return out;
}

TEST(NamePropagationTest, CarriesSurnamesButNotOrdinals) {
  EXPECT_EQ(Propagate("عبدالله/B-PERS الثاني/I-PERS التقى ترامب/B-PERS في! تشرين الثاني وقال "
                      "ترامب"),
            "عبدالله/B-PERS الثاني/I-PERS التقى ترامب/B-PERS في تشرين الثاني وقال "
            "ترامب/B-PERS");
  // The surname of a longer name is found alone elsewhere.
  EXPECT_EQ(Propagate("قال قاسم/B-PERS توكايف/I-PERS إن توكايف سيزور"),
            "قال قاسم/B-PERS توكايف/I-PERS إن توكايف/B-PERS سيزور");
}

TEST(NamePropagationTest, CarriesWholeNamesOfSeveralWords) {
  EXPECT_EQ(Propagate("بنك/B-ORG الكويت/I-ORG الوطني/I-ORG أعلن أن بنك الكويت الوطني ربح"),
            "بنك/B-ORG الكويت/I-ORG الوطني/I-ORG أعلن أن بنك/B-ORG الكويت/I-ORG "
            "الوطني/I-ORG ربح");
}

// A name is not found across two sentences: its first word would end one sentence and its
// second start the next with an inside tag.
TEST(NamePropagationTest, NamesDoNotSpanSentences) {
  EXPECT_EQ(Propagate("قال مجلس/B-ORG الأمن/I-ORG إنه | وتحدث عن مجلس | الأمن في الاجتماع"),
            "قال مجلس/B-ORG الأمن/I-ORG إنه | وتحدث عن مجلس | الأمن في الاجتماع");
  EXPECT_EQ(Propagate("قال مجلس/B-ORG الأمن/I-ORG إنه | وتحدث عن مجلس الأمن"),
            "قال مجلس/B-ORG الأمن/I-ORG إنه | وتحدث عن مجلس/B-ORG الأمن/I-ORG");
}

TEST(NamePropagationTest, NamesOfTwoTypesOrOfFiveWordsAreNotCarried) {
  EXPECT_EQ(Propagate("نادي/B-ORG روما/I-ORG ثم نادي/B-LOC روما/I-LOC ثم نادي روما"),
            "نادي/B-ORG روما/I-ORG ثم نادي/B-LOC روما/I-LOC ثم نادي روما");
  EXPECT_EQ(Propagate("أ/B-ORG ب/I-ORG ت/I-ORG ث/I-ORG ج/I-ORG ثم أ ب ت ث ج"),
            "أ/B-ORG ب/I-ORG ت/I-ORG ث/I-ORG ج/I-ORG ثم أ ب ت ث ج");
  EXPECT_EQ(Propagate("أ/B-ORG ب/I-ORG ت/I-ORG ث/I-ORG ثم أ ب ت ث"),
            "أ/B-ORG ب/I-ORG ت/I-ORG ث/I-ORG ثم أ/B-ORG ب/I-ORG ت/I-ORG ث/I-ORG");
}

TEST(NamePropagationTest, LeavesConflictsIneligibleWordsAndTaggedWordsAlone) {
  // Tagged as a person once and as a place once: neither is carried.
  EXPECT_EQ(Propagate("جوردان/B-PERS قال إن جوردان/B-LOC ثم جوردان"),
            "جوردان/B-PERS قال إن جوردان/B-LOC ثم جوردان");
  // An ineligible word is neither a source nor a target.
  EXPECT_EQ(Propagate("مدينة!/B-LOC ثم مدينة"), "مدينة/B-LOC ثم مدينة");
  EXPECT_EQ(Propagate("روما/B-LOC ثم روما!"), "روما/B-LOC ثم روما");
  // A word inside another name keeps that name.
  EXPECT_EQ(Propagate("روما/B-LOC ثم نادي/B-ORG روما/I-ORG"),
            "روما/B-LOC ثم نادي/B-ORG روما/I-ORG");
  // Not made the start of a name that continues into the next word's entity.
  EXPECT_EQ(Propagate("روما/B-LOC ثم روما ريال/I-ORG"), "روما/B-LOC ثم روما ريال/I-ORG");
}

TEST(NamePropagationTest, MayPropagateTakesNameWordsButNoCuesOrShortWords) {
  FeatureExtractor fx(nullptr, &Gazetteer::Builtin(), nullptr, 10);
  FeatureScratch scratch;
  const std::vector<std::string> words = {"توكايف", "الرئيس", "على", "لي", "وكالة", "محمد"};
  fx.Analyze(std::vector<std::string_view>(words.begin(), words.end()), &scratch);
  EXPECT_TRUE(MayPropagate(scratch.info[0]));   // a foreign surname
  EXPECT_FALSE(MayPropagate(scratch.info[1]));  // a person title
  EXPECT_FALSE(MayPropagate(scratch.info[2]));  // a stopword
  EXPECT_FALSE(MayPropagate(scratch.info[3]));  // two letters
  EXPECT_FALSE(MayPropagate(scratch.info[4]));  // an organisation trigger
  EXPECT_TRUE(MayPropagate(scratch.info[5]));   // a first name
}

}  // namespace
}  // namespace rasd::extract
