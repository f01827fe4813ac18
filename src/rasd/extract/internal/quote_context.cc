// The quote rules' view of an article and their word lists; see internal/quote_context.h.
#include "rasd/extract/internal/quote_context.h"

#include <algorithm>
#include <initializer_list>

#include "rasd/extract/gazetteer.h"
#include "rasd/extract/name_forms.h"

namespace rasd::extract::internal {

const Lexicon& Lex() {
  static const Lexicon* lex = [] {
    auto* l = new Lexicon();
    auto put = [&](std::initializer_list<const char*> words, VerbKind k) {
      for (const char* w : words) l->verbs[FoldOnly(w)] = k;
    };
    put({"قال", "قالت", "قالوا", "أكد", "أكدت", "أكدوا", "أضاف", "أضافت", "أضافوا", "أشار",
         "أشارت", "أشاروا", "اعتبر", "اعتبرت", "اعتبروا", "شدد", "شددت", "شددوا", "أوضح",
         "أوضحت", "أوضحوا", "صرح", "صرحت", "صرحوا", "أعلن", "أعلنت", "أعلنوا", "كشف", "كشفت",
         "ذكر", "ذكرت", "ذكروا", "أفاد", "أفادت", "أفادوا", "بين", "بينت", "بيّن", "بيّنت",
         "نفى", "نفت", "نفوا", "لفت", "لفتت", "نوه", "نوهت", "نوّه", "نوّهت", "تابع", "تابعت",
         "أردف", "أردفت", "توقع", "توقعت", "توقعوا", "تمنى", "تمنت", "أورد", "أوردت", "تعهد",
         "تعهدت", "رأى", "رأت", "أقر", "أقرت", "زعم", "زعمت", "ادعى", "ادعت", "حذر", "حذرت",
         "أبلغ", "أبلغت", "اعترف", "اعترفت", "أكّد", "أكّدت", "يقول", "تقول", "يقولون",
         "يؤكد", "تؤكد", "يؤكدون", "يضيف", "تضيف", "يشير", "تشير", "يرى", "ترى", "يعتبر",
         "تعتبر", "يوضح", "توضح", "يكشف", "تكشف", "يعلن", "تعلن", "يتوقع", "تتوقع", "يشدد",
         "تشدد", "يلفت", "تلفت", "يبين", "تبين", "ينفي", "تنفي", "يعتقد", "تعتقد", "اعتقد",
         "يقال", "قيل", "أعرب", "أعربت", "كتب", "كتبت", "غرد", "غردت", "سأل", "سألت",
         "أخبر", "أخبرت", "وصف", "وصفت", "نقل", "نقلت", "ينقل", "تنقل"},
        VerbKind::kFinite);
    put({"قائلا", "قائلة", "مؤكدا", "مؤكدة", "مضيفا", "مضيفة", "مشيرا", "مشيرة", "معتبرا",
         "معتبرة", "موضحا", "موضحة", "لافتا", "لافتة", "مبينا", "مبينة", "منوها", "منوهة",
         "مشددا", "مشددة", "متابعا", "متابعة", "مردفا", "محذرا", "محذرة", "متوقعا", "متوقعة",
         "متمنيا", "متمنية", "كاشفا", "كاشفة", "معلنا", "معلنة", "نافيا", "نافية",
         "مستدركا", "مضيفين", "مؤكدين", "مشيرين", "واصفا", "واصفة", "قائلين", "قائلات",
         "متعهدا", "متعهدة", "متعهدين"},
        VerbKind::kParticiple);
    put({"قوله", "قولها", "قولهم", "بالقول", "تأكيده", "إعلانه", "تصريحه", "إعلانها"},
        VerbKind::kMasdar);
    put({"يذكر", "يُذكر"}, VerbKind::kNarrator);
    // لأن is "because" (ل + أن), never the complement of a speech verb.
    for (const char* w : {"إن", "أن", "بأن"}) l->free_comp.insert(FoldOnly(w));
    for (const char* w : {"أنه", "إنه", "أنها", "إنها", "أنهم", "إنهم", "أننا", "إننا", "أنني",
                          "إنني", "أنهما", "بأنه", "بأنها", "بأنهم", "بأننا", "أنكم", "إنكم"})
      l->pronoun_comp.insert(FoldOnly(w));
    for (const char* w : {"إلى", "على", "من"}) l->preps.insert(FoldOnly(w));
    for (const char* w : {"سماحته", "بدوره", "بدورها", "هو", "هي", "فخامته", "سموه", "معاليه",
                          "جلالته", "حضرته", "بدورهم"})
      l->pronoun_subjects.insert(FoldOnly(w));
    for (const char* w : {"في", "خلال", "عبر", "أمام", "لدى", "اليوم", "أمس", "مساء", "صباح",
                          "بعد", "قبل", "الثلاثاء", "الاثنين", "الأربعاء", "الخميس", "الجمعة",
                          "السبت", "الأحد", "ل", "لـ", "إلى", "على", "مع", "عن", "حول", "بشأن"})
      l->stops.insert(FoldOnly(w));
    for (const char* w : {"الشهر", "العام", "الأسبوع", "السنة", "سابقا", "سابقاً", "أيضا", "أيضاً",
                          "كذلك", "لاحقا", "لاحقاً", "الماضي", "الماضية", "الحالي", "مؤخرا",
                          "مؤخراً", "رسميا", "رسمياً", "صراحة", "الليلة", "اليوم"})
      l->adverbs.insert(FoldOnly(w));
    for (const char* w : {"فيها", "فيه", "له", "لها", "لهم", "ذلك", "هذا", "هذه", "كل", "بعض",
                          "ما", "لا", "لم", "لن", "قد", "وقد", "كان", "كانت", "التي", "الذي",
                          "الذين", "منه", "منها", "عنه", "عنها", "انه", "اليه", "عليه", "كما"})
      l->not_designation.insert(FoldOnly(w));
    // A preposition with an attached pronoun (عليها، لنا، إليهم، معه) is an addressee or an
    // adjunct (كتب عليها: «…»، يقول لنا ضاحكا:), never the subject. Not لي، بي، علي، مني،
    // عني: names too (لي كه تشيانغ، بي بي سي، علي).
    for (const char* p : {"عل", "إل", "ال", "عن", "من", "في", "مع", "عند", "لد", "ل", "ب"}) {
      for (const char* suffix : {"ه", "ها", "هم", "هما", "هن", "نا", "ي", "ك", "كم", "كن"}) {
        std::string w = std::string(p);
        // على / إلى / لدى take ي before a pronoun (عليها، إليهم، لديه).
        if (w == "عل" || w == "إل" || w == "ال" || w == "لد") w += "ي";
        w += suffix;
        if (w == "لي" || w == "بي" || w == "علي" || w == "مني" || w == "عني" || w == "عليي" ||
            w == "إليي" || w == "اليي" || w == "لديي")
          continue;
        l->not_designation.insert(FoldOnly(w));
      }
    }
    for (const char* w : {"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي"})
      l->relative.insert(FoldOnly(w));
    // Connectives that open a new clause: a speech verb after them starts a new statement.
    for (const char* w : {"لكن", "لكنه", "لكنها", "لكنهم", "حيث", "إذ", "ثم", "بينما"})
      l->connectives.insert(FoldOnly(w));
    // What a في after a speaker may introduce other than a modifier of the speaker: the
    // medium or the occasion of the statement (قال مسؤول في بيان، في وقت سابق). Stems.
    for (const char* w : {"بيان", "تصريح", "حديث", "مقابل", "مؤتمر", "كلم", "رسال", "تغريد",
                          "خطاب", "لقاء", "اتصال", "حوار", "وقت", "ختام", "أعقاب", "إشار",
                          "رد", "تعليق", "منشور", "تدوين", "ندو", "جلس", "اجتماع", "صفح",
                          "بلاغ", "مداخل", "تقرير", "مقال", "افتتاحي", "حساب", "تسجيل",
                          "فيديو", "شريط", "إفاد", "شهاد"})
      l->media.insert(FoldOnly(w));
    // Verbs whose direct object is the addressee (أبلغ X Y أن: X tells Y).
    for (const char* w : {"أبلغ", "أبلغت", "أخبر", "أخبرت", "سأل", "سألت"})
      l->ditransitive.insert(FoldOnly(w));
    // Verbs read as impersonal or intransitive when the complementizer follows at once:
    // يُعتقد أن (it is believed), يُتوقع أن (it is expected), تبيّن أن (it turned out).
    for (const char* w : {"يعتقد", "يتوقع", "تبين"}) l->impersonal.insert(FoldOnly(w));
    // Before these أن is part of a conjunction (بعد أن، إلا أن، رغم أن، كما أن، دون أن،
    // خصوصا أن، لدرجة أن), not the complementizer of a speech verb. (Not خاصة: مصادر خاصة أن.)
    for (const char* w : {"بعد", "قبل", "منذ", "إلا", "غير", "رغم", "برغم", "حتى", "بما",
                          "كما", "لولا", "لو", "دون", "بدون", "مجرد", "بمجرد", "لمجرد", "خصوصا",
                          "خصوصاً", "سيما", "لاسيما", "درجة", "لدرجة", "حد"})
      l->conj_an.insert(FoldOnly(w));
    // After these أن introduces the subjunctive of a modal or volitional verb or noun (يجب
    // أن، يمكن أن، يريد أن، ضرورة أن), not reported content: Arabic grammars call it أن
    // المصدرية, which with its verb stands for a masdar (يجب أن نعمل = يجب العمل).
    for (const char* w : {"يجب", "وجب", "يتوجب", "يتعين", "ينبغي", "يجوز", "لابد", "بد",
                          "يمكن", "يمكنه", "يمكنها", "يمكننا", "يمكنهم", "يمكنك", "أمكن",
                          "بإمكان", "بإمكانه", "بإمكانها", "يستطيع", "تستطيع", "نستطيع",
                          "يستطيعون", "استطاع", "استطاعت", "يريد", "تريد", "نريد", "يريدون",
                          "أراد", "أرادت", "يود", "تود", "نود", "أود", "يحاول", "تحاول",
                          "حاول", "حاولت", "يحاولون", "يأمل", "تأمل", "نأمل", "آمل", "يفترض",
                          "يكفي", "عسى", "قرر", "قررت", "ينوي", "تنوي", "يعتزم", "تعتزم",
                          "اعتزم", "اعتزمت", "ضرورة", "بضرورة", "وجوب"})
      l->subjunctive.insert(FoldOnly(w));
    // من + one of these + أن is impersonal (من المتوقع أن: it is expected that).
    for (const char* w : {"المتوقع", "المقرر", "المفترض", "الممكن", "الضروري", "المنتظر",
                          "المرجح", "المحتمل", "المستبعد", "الصعب", "المهم", "الطبيعي",
                          "الواضح", "المؤكد", "المعروف", "المستحيل", "الأفضل"})
      l->impersonal_adj.insert(FoldOnly(w));
    for (const char* w : {"هذه", "هذا", "هؤلاء", "تلك", "ذلك"})
      l->demonstratives.insert(FoldOnly(w));
    // Speech verbs also written with an object pronoun (وصفه، يصفها، أخبره، سألهم).
    for (const char* w : {"وصف", "وصفت", "يصف", "تصف", "أخبر", "أخبرت", "يخبر", "تخبر", "أبلغ",
                          "أبلغت", "يبلغ", "تبلغ", "سأل", "سألت", "يسأل", "تسأل"})
      l->object_verbs.insert(FoldOnly(w));
    // Relaying verbs: نقل X عن Y أن: Y speaks.
    for (const char* w : {"نقل", "نقلت", "ينقل", "تنقل"}) l->relay.insert(FoldOnly(w));
    // Things named after a person (جسر الملك حمد، ملعب الملك فهد، جائزة نوبل), besides the
    // gazetteer's place and organisation triggers: the person is part of their name.
    // (مطار، ميناء، شارع، جامعة، مستشفى are triggers there already.)
    for (const char* w : {"جسر", "ملعب", "استاد", "مسجد", "جامع", "برج", "قصر", "طريق", "جائزة",
                          "كأس", "بطولة", "سد", "قاعة", "حديقة", "مدرسة", "متحف", "مكتبة", "قاعدة",
                          "محطة", "مشروع", "ميدان"}) {
      l->named_after.insert(FoldOnly(w));
      l->named_after.insert(FoldOnly(std::string("ال") + w));
    }
    for (const char* w : {"حسبما", "وحسبما", "بحسب", "وبحسب", "حسب", "وفق", "وفقا", "كما"})
      l->postposed.insert(FoldOnly(w));
    return l;
  }();
  return *lex;
}

bool IsComma(std::string_view s) { return s == "\xD8\x8C" || s == ","; }

bool EndsSentence(std::string_view s) {
  return s == "." || s == "!" || s == "?" || s == "\xD8\x9F" || s == "\xE2\x80\xA6";
}

// Removes one leading و or ف when the rest has at least 2 letters.
std::string_view StripConj(std::string_view w) {
  if (w.size() >= 6 && (w.substr(0, 2) == "\xD9\x88" || w.substr(0, 2) == "\xD9\x81")) return w.substr(2);
  return w;
}

bool IsArabicLetterWord(std::string_view w) {
  size_t i = 0;
  if (w.empty()) return false;
  return IsArabicLetter(NextCodePoint(w, &i));
}

std::string_view StripAl(std::string_view w) {
  if (w.size() > 4 && w.substr(0, 4) == "\xD8\xA7\xD9\x84") return w.substr(4);
  return w;
}

// A definite noun (ال after an optional و/ف): in Arabic a definite subject with no name
// refers back to someone already introduced (وأكد الوزير), an indefinite one introduces a
// new, anonymous speaker (وقال مصدر عسكري).
bool Definite(std::string_view w) {
  std::string_view s = StripConj(w);
  return s.size() > 4 && s.substr(0, 4) == "\xD8\xA7\xD9\x84";
}

// A definite adjective of nationality or origin: listed, or the relational (nisba) form
// ال + X + ي / ية of a known place X, XA, XYA or الX (الأسترالية <- أستراليا, المصرية <-
// مصر, الفرنسي <- فرنسا, الأرجنتيني <- الأرجنتين): Arabic derives them from the place name.
bool NationalAdjective(std::string_view w) {
  const Gazetteer& g = Gazetteer::Builtin();
  if (g.Flags(w) & kFlagNationality) return true;
  if (w.size() <= 4 || w.substr(0, 4) != "\xD8\xA7\xD9\x84") return false;  // ال
  std::string_view x = w.substr(4);
  if (x.size() > 4 && x.substr(x.size() - 4) == "\xD9\x8A\xD9\x87") {  // ية (folded)
    x.remove_suffix(4);
  } else if (x.size() > 2 && x.substr(x.size() - 2) == "\xD9\x8A") {  // ي
    x.remove_suffix(2);
  } else {
    return false;
  }
  if (x.size() < 4) return false;
  const std::string stem(x);
  for (const std::string& place : {stem, stem + "\xD8\xA7", stem + "\xD9\x8A\xD8\xA7",
                                   "\xD8\xA7\xD9\x84" + stem}) {
    if (g.Flags(place) & kFlagLocWord) return true;
  }
  return false;
}

// NationalAdjective, definite or not (أرجنتيني, الأرجنتيني).
bool Nisba(std::string_view w) {
  if (w.size() > 4 && w.substr(0, 4) == "\xD8\xA7\xD9\x84") return NationalAdjective(w);
  return NationalAdjective("\xD8\xA7\xD9\x84" + std::string(w));
}

namespace {

// The complementizer kind of token k (إن، أن، بأن: free; أنه، إنها: with a pronoun).
// أن / إن are written with hamza on or under the alef, or without it, never with a madda:
// آن is a name (آن غابرييل) or the noun "time", which folding would merge with أن.
uint8_t CompKind(std::string_view raw, const std::string& folded) {
  const Lexicon& lex = Lex();
  uint8_t kind = lex.free_comp.count(folded)      ? kFreeComp
                 : lex.pronoun_comp.count(folded) ? kPronounComp
                                                  : 0;
  if (kind && StripConj(raw).substr(0, 2) == "\xD8\xA2") kind = 0;  // U+0622 آ
  return kind;
}

// Pairs quotation marks within each paragraph.
void PairMarks(QuoteContext* c) {
  c->close.assign(c->n, -1);
  c->is_open.assign(c->n, false);
  int open_dq = -1, open_guillemet = -1, open_curly = -1;
  int cur_para = -1;
  for (size_t i = 0; i < c->n; ++i) {
    if (c->para[i] != cur_para) {
      cur_para = c->para[i];
      open_dq = open_guillemet = open_curly = -1;
    }
    // A straight or curly mark opens a quote, or closes the one open (”, which should only
    // close, is also seen opening: the two are confused in the wild).
    auto toggle = [c, i](int* open) {
      if (*open >= 0) {
        c->close[*open] = static_cast<int>(i);
        *open = -1;
      } else {
        *open = static_cast<int>(i);
        c->is_open[i] = true;
      }
    };
    const std::string& s = c->f[i];
    if (s == "\"") {
      toggle(&open_dq);
    } else if (s == "\xC2\xAB") {  // «
      open_guillemet = static_cast<int>(i);
      c->is_open[i] = true;
    } else if (s == "\xC2\xBB") {  // »
      if (open_guillemet >= 0) c->close[open_guillemet] = static_cast<int>(i);
      open_guillemet = -1;
    } else if (s == "\xE2\x80\x9C" || s == "\xE2\x80\x9E" || s == "\xE2\x80\x9D") {  // “ „ ”
      toggle(&open_curly);
    }
  }
}

}  // namespace

std::string_view Bytes(const QuoteContext& c, size_t b, size_t e) {  // tokens [b, e)
  return c.text.substr(c.tok.tokens[b].start, c.tok.tokens[e - 1].end - c.tok.tokens[b].start);
}

bool Boundary(const QuoteContext& c, size_t i, size_t j) {  // between tokens i < j: sentence change?
  return c.para[i] != c.para[j];
}

size_t WordsBetween(const QuoteContext& c, size_t b, size_t e) {
  size_t k = 0;
  for (size_t i = b; i < e && i < c.n; ++i) k += c.tok.tokens[i].word;
  return k;
}

// The stem of a speech verb written with an attached object pronoun (وصفه، يصفها، أخبرهم):
// the verb without و/ف and without ه / ها / هم / هما, when it is one of the object-taking
// speech verbs; "" otherwise.
std::string_view ObjectVerbStem(std::string_view w) {
  // و may be a letter of the verb (وصفه) or the conjunction (ويصفها).
  for (const std::string_view base : {w, StripConj(w)}) {
    for (std::string_view suffix : {"\xD9\x87\xD9\x85\xD8\xA7", "\xD9\x87\xD9\x85",
                                    "\xD9\x87\xD8\xA7", "\xD9\x87"}) {  // هما هم ها ه
      if (base.size() <= suffix.size() + 4 || base.substr(base.size() - suffix.size()) != suffix)
        continue;
      const std::string_view stem = base.substr(0, base.size() - suffix.size());
      if (Lex().object_verbs.count(std::string(stem))) return stem;
    }
  }
  return {};
}

// True for a token of proclitics alone, written apart before a quotation or a foreign word
// (بـ «…», وبـ, لـ): a preposition, never part of a designation.
bool LoneProclitics(std::string_view w) {
  auto prep = [](std::string_view l) {
    return l == "\xD8\xA8" || l == "\xD9\x84" || l == "\xD9\x83";  // ب ل ك
  };
  // With the article written apart too (بالـ "…"), its tatweel gone in folding. Not ال
  // alone: folding makes آل (family, آل الشيخ) the same word.
  if (w.size() > 4 && w.substr(w.size() - 4) == "\xD8\xA7\xD9\x84") w.remove_suffix(4);  // ال
  if (w.size() == 2) return prep(w);
  return w.size() == 4 && (w.substr(0, 2) == "\xD9\x88" || w.substr(0, 2) == "\xD9\x81") &&
         prep(w.substr(2));  // و ف + ب ل ك
}

// True when token k can continue a noun phrase after a speech verb: a word that is not a
// preposition or time word, a complementizer, a speech verb or an adverb, and not a
// preposition fused to a name or an organisation word (لرويترز، لوكالة، للصحفيين: the
// addressee, not the speaker).
// True when العام at token k is the adjective "general" of the noun before it (الأمين العام،
// النائب العام، المدير العام) rather than "the year": not followed by a time adjective (العام
// الماضي) nor after a demonstrative (هذا العام).
bool GeneralAdjective(const QuoteContext& c, size_t k) {
  if (k == 0 || c.f[k] != FoldOnly("العام") || !c.tok.tokens[k - 1].word ||
      Lex().demonstratives.count(c.f[k - 1]) || Lex().stops.count(c.f[k - 1]))
    return false;
  if (k + 1 < c.n) {
    for (const char* w : {"الماضي", "المقبل", "الحالي", "الجاري", "القادم", "المنصرم", "الفائت"})
      if (c.f[k + 1] == FoldOnly(w)) return false;
  }
  return true;
}

bool PhraseWord(const QuoteContext& c, size_t k) {
  const Lexicon& lex = Lex();
  const std::string& w = c.f[k];
  if (!c.tok.tokens[k].word || lex.stops.count(w) || c.comp[k] || LoneProclitics(w) ||
      c.verb[k] != VerbKind::kNone || (lex.adverbs.count(w) && !GeneralAdjective(c, k)))
    return false;
  if (w.size() > 4 && w.substr(0, 2) == "\xD9\x84") {  // ل
    std::string_view rest = std::string_view(w).substr(2);
    if (rest.substr(0, 2) == "\xD9\x84") return false;  // لل = ل + ال
    uint32_t f = Gazetteer::Builtin().Flags(rest);
    if (f & (kFlagOrgWord | kFlagLocWord | kFlagPersonWord | kFlagOrgTrigger)) return false;
  }
  return true;
}

// True when tokens a <= b are in one sentence (no sentence end or paragraph between).
bool SameSentence(const QuoteContext& c, size_t a, size_t b) {
  for (size_t k = a; k < b; ++k) {
    if (EndsSentence(c.f[k]) || Boundary(c, k, k + 1)) return false;
  }
  return true;
}

QuoteContext::QuoteContext(std::string_view text, const TokenizedText& tok,
                           const std::vector<EntityMention>& mentions,
                           const std::vector<LinkedEntity>& entities)
    : text(text), tok(tok), mentions(mentions), entities(entities), n(tok.tokens.size()) {
  QuoteContext& c = *this;
  const Lexicon& lex = Lex();
  c.f.resize(c.n);
  c.verb.assign(c.n, VerbKind::kNone);
  c.para.assign(c.n, 0);
  c.comp.assign(c.n, 0);
  c.object_suffix.assign(c.n, false);
  int para = 0;
  size_t scan = 0;
  for (size_t i = 0; i < c.n; ++i) {
    const RawToken& t = tok.tokens[i];
    for (; scan < t.start; ++scan) para += text[scan] == '\n';
    scan = std::max<size_t>(scan, t.start);
    // Some sources (SaudiNewsNet) separate paragraphs by a no-break space (U+00A0) standing
    // alone between spaces after a sentence (". \u00A0 وحث"), not by a newline; elsewhere
    // no-break spaces, even two in a row, only join words (كيه سانثوش\u00A0\u00A0لرويترز).
    if (i > 0 && tok.tokens[i - 1].end < t.start && EndsSentence(c.f[i - 1])) {
      const std::string_view gap =
          text.substr(tok.tokens[i - 1].end, t.start - tok.tokens[i - 1].end);
      if (gap.find('\n') == std::string_view::npos &&
          gap.find(" \xC2\xA0 ") != std::string_view::npos)
        ++para;
    }
    c.para[i] = para;
    c.f[i] = FoldOnly(text.substr(t.start, t.end - t.start));
    if (!t.word) continue;
    c.comp[i] = CompKind(text.substr(t.start, t.end - t.start), c.f[i]);
    auto it = lex.verbs.find(c.f[i]);
    if (it == lex.verbs.end()) it = lex.verbs.find(StripConj(c.f[i]));
    if (it != lex.verbs.end()) {
      c.verb[i] = it->second;
      // بين unvoweled is the verb بيّن only where a clause starts (كما بين الظاهري أن، بين
      // تقرير أن); elsewhere it is the preposition "between" (من بين، يربط بين، بين 90 و…).
      if (c.f[i] == FoldOnly("بين") && i > 0 && !Boundary(c, i - 1, i) &&
          !EndsSentence(c.f[i - 1]) && !IsComma(c.f[i - 1]) && c.f[i - 1] != ":" &&
          c.f[i - 1] != "\xD8\x9B" && !lex.connectives.count(c.f[i - 1]) &&
          c.f[i - 1] != FoldOnly("كما") && c.f[i - 1] != FoldOnly("و"))
        c.verb[i] = VerbKind::kNone;
    } else if (const std::string_view stem = ObjectVerbStem(c.f[i]); !stem.empty()) {
      c.verb[i] = VerbKind::kFinite;
      c.object_suffix[i] = true;
    }
  }
  PairMarks(&c);
  c.mention_at.assign(c.n, -1);
  c.mention_cover.assign(c.n, -1);
  for (size_t m = 0; m < mentions.size(); ++m) {
    const EntityMention& em = mentions[m];
    if (em.token_begin >= c.n) continue;
    // The mention starts at the token holding its first byte.
    size_t first = em.token_begin;
    while (first < em.token_end && first < c.n && tok.tokens[first].end <= em.start) ++first;
    if (first < c.n) c.mention_at[first] = static_cast<int>(m);
    for (size_t k = em.token_begin; k < em.token_end && k < c.n; ++k) c.mention_cover[k] = static_cast<int>(m);
  }
}

}  // namespace rasd::extract::internal
