#include "rasd/extract/name_propagation.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rasd/extract/gazetteer.h"
#include "rasd/extract/name_forms.h"

namespace rasd::extract {
namespace {

// Runs PropagateNames over "word/TAG word ..." (no /TAG: O; a word ending in '!' is not
// eligible) and returns "word/TAG" again, O words bare.
std::string Propagate(const std::string& tagged) {
  std::vector<std::string> words;
  std::vector<Tag> tags;
  std::vector<bool> eligible;
  size_t pos = 0;
  while (pos < tagged.size()) {
    size_t sp = tagged.find(' ', pos);
    if (sp == std::string::npos) sp = tagged.size();
    std::string item = tagged.substr(pos, sp - pos);
    pos = sp + 1;
    if (item.empty()) continue;
    Tag tag = kTagO;
    const size_t slash = item.rfind('/');
    if (slash != std::string::npos && slash > 0 && ParseTag(item.substr(slash + 1))) {
      tag = *ParseTag(item.substr(slash + 1));
      item.resize(slash);
    }
    const bool ineligible = !item.empty() && item.back() == '!';
    if (ineligible) item.pop_back();
    words.push_back(item);
    tags.push_back(tag);
    eligible.push_back(!ineligible);
  }
  std::vector<std::string> folded;
  for (const std::string& w : words) folded.push_back(Fold(w));
  PropagateNames(std::vector<std::string_view>(folded.begin(), folded.end()), eligible, &tags);
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
    if (tags[i] != kTagO) out += "/" + std::string(TagName(tags[i]));
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
