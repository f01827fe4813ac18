// The Arabic stopword list and its hash set (see stopwords.h).
#include "rasd/text/stopwords.h"

#include <string>
#include <vector>

#include "rasd/text/normalize.h"
#include "rasd/text/utf8.h"
#include "rasd/text/word_set.h"

namespace rasd::text {
namespace {

// Written in ordinary spelling; normalised when the set is built. Grouped by function.
constexpr const char* kStopwords[] = {
    // Prepositions.
    "في", "من", "إلى", "على", "عن", "مع", "حتى", "منذ", "مذ", "لدى", "عند", "بين", "خلال",
    "حول", "ضد", "نحو", "دون", "عبر", "تحت", "فوق", "أمام", "وراء", "خلف", "قبل", "بعد",
    "سوى", "عدا", "لدن", "إزاء", "حيال", "ضمن", "عبرها", "لـ",
    // Conjunctions and particles.
    "و", "ف", "ب", "ل", "ك", "ثم", "أو", "أم", "بل", "لكن", "لكنه", "لكنها", "إن", "أن", "كأن",
    "لعل", "ليت", "لا", "لم", "لن", "ما", "لما", "إذا", "إذ", "إذن", "كي", "لكي", "حيث",
    "حيثما", "كما", "كلما", "بينما", "قد", "لقد", "سوف", "هل", "ألا", "أما", "إما", "لو",
    "لولا", "نعم", "كلا", "بلى", "إلا", "أي", "أية", "يا", "أيها", "لأن", "لكي", "كذلك",
    "أيضا", "أيضاً", "إنما", "فقط", "ربما", "مثلما", "عندما", "بينما", "طالما", "بما", "مما",
    "عما", "فيما", "كيفما", "أينما", "متى", "حين", "حينما", "بأن", "بأنه", "بأنها", "لأنه",
    "لأنها", "وإن", "وأن", "ولا", "ولم", "ولن", "وما", "وقد", "فقد", "ولكن", "وهو", "وهي",
    "وهم", "وفي", "ومن", "وعلى", "وإلى", "وعن", "ومع", "وبين", "وبعد", "وقبل", "وكان",
    "وكانت", "فإن", "فلا", "فما", "ثمة", "هنا", "هناك", "هنالك", "غير", "سوى",
    // Pronouns.
    "أنا", "نحن", "أنت", "أنتم", "أنتن", "أنتما", "هو", "هي", "هم", "هن", "هما", "إياه",
    "إياها", "إياهم", "إياك", "إيانا", "إياي",
    // Demonstratives.
    "هذا", "هذه", "ذلك", "تلك", "هؤلاء", "أولئك", "ذاك", "هذان", "هذين", "هاتان", "هاتين",
    "ذلكم", "هكذا",
    // Relatives.
    "الذي", "التي", "الذين", "اللذان", "اللذين", "اللتان", "اللتين", "اللاتي", "اللواتي",
    "اللائي",
    // Particles with an attached pronoun.
    "أنه", "أنها", "أنهم", "أنهما", "إنه", "إنها", "إنهم", "عليه", "عليها", "عليهم", "عليهما",
    "فيه", "فيها", "فيهم", "منه", "منها", "منهم", "له", "لها", "لهم", "لهما", "لنا", "لي",
    "لك", "لكم", "به", "بها", "بهم", "إليه", "إليها", "إليهم", "عنه", "عنها", "عنهم", "معه",
    "معها", "معهم", "بينهم", "بينها", "لديه", "لديها", "لديهم", "عنده", "عندها", "عندهم",
    "منا", "علينا", "إلينا", "بنا", "فينا",
    // Auxiliary and "sisters of kana" verbs.
    "كان", "كانت", "كانوا", "كنت", "كنا", "يكون", "تكون", "يكونون", "يكن", "تكن", "ليس",
    "ليست", "لست", "ليسوا", "أصبح", "أصبحت", "صار", "صارت", "ظل", "ظلت", "مازال", "مازالت",
    "لازال", "لايزال", "لاتزال", "زال", "يزال", "تزال", "بات", "باتت", "أضحى", "عاد", "دام",
    // Quantifiers and generic nouns used as function words.
    "كل", "بعض", "جميع", "كافة", "عدة", "معظم", "أغلب", "مثل", "نفس", "ذات", "ذاته", "ذاتها",
    "كلا", "كلتا", "سائر", "أحد", "إحدى",
    // Interrogatives.
    "كيف", "أين", "لماذا", "ماذا", "كم", "لم", "أنى",
};

WordSet BuildStopwords() {
  std::vector<std::string> words;
  for (const char* w : kStopwords) {
    std::string norm;
    const uint8_t* p = reinterpret_cast<const uint8_t*>(w);
    const uint8_t* const end = p + std::char_traits<char>::length(w);
    while (p < end) {
      char32_t cp = 0;
      const int n = DecodeUtf8(p, end, &cp);
      p += n;  // the literals are valid UTF-8
      if (ClassOf(cp) == CharClass::kArabicLetter) AppendNormalizedCodePoint(cp, &norm);
    }
    if (!norm.empty()) words.push_back(std::move(norm));
  }
  return WordSet(words);
}

const WordSet& Stopwords() {
  static const WordSet* const set = new WordSet(BuildStopwords());
  return *set;
}

}  // namespace

bool IsStopword(std::string_view normalized) { return Stopwords().Contains(normalized); }

const WordSet& StopwordSet() { return Stopwords(); }

std::vector<std::string> StopwordList() { return Stopwords().words(); }

}  // namespace rasd::text
