// Quote extraction; see quotes.h.
#include "rasd/extract/quotes.h"

#include <algorithm>
#include <unordered_set>

#include "rasd/extract/gazetteer.h"
#include "rasd/extract/name_forms.h"

namespace rasd::extract {
namespace {

enum class VerbKind : uint8_t { kNone, kFinite, kParticiple, kMasdar, kNarrator };

struct Lexicon {
  StringMap<VerbKind> verbs;
  std::unordered_set<std::string> free_comp, pronoun_comp, preps, pronoun_subjects, stops,
      postposed, adverbs, not_designation;
};

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
         "يقال", "قيل", "أعرب", "أعربت"},
        VerbKind::kFinite);
    put({"قائلا", "قائلة", "مؤكدا", "مؤكدة", "مضيفا", "مضيفة", "مشيرا", "مشيرة", "معتبرا",
         "معتبرة", "موضحا", "موضحة", "لافتا", "لافتة", "مبينا", "مبينة", "منوها", "منوهة",
         "مشددا", "مشددة", "متابعا", "متابعة", "مردفا", "محذرا", "محذرة", "متوقعا", "متوقعة",
         "متمنيا", "متمنية", "كاشفا", "كاشفة", "معلنا", "معلنة", "نافيا", "نافية",
         "مستدركا", "مضيفين", "مؤكدين", "مشيرين", "واصفا", "واصفة"},
        VerbKind::kParticiple);
    put({"قوله", "قولها", "قولهم", "بالقول", "تأكيده", "إعلانه", "تصريحه", "إعلانها"},
        VerbKind::kMasdar);
    put({"يذكر", "يُذكر"}, VerbKind::kNarrator);
    for (const char* w : {"إن", "أن", "بأن", "لأن"}) l->free_comp.insert(FoldOnly(w));
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
    for (const char* w : {"حسبما", "وحسبما", "بحسب", "وبحسب", "حسب", "وفق", "وفقا", "كما"})
      l->postposed.insert(FoldOnly(w));
    return l;
  }();
  return *lex;
}

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

struct Ctx {
  std::string_view text;
  const TokenizedText& tok;
  const std::vector<EntityMention>& mentions;
  const std::vector<LinkedEntity>& entities;
  std::vector<std::string> f;        // folded tokens
  std::vector<VerbKind> verb;        // speech-verb kind per token
  std::vector<int> para;             // paragraph number per token
  std::vector<int> close;            // for an opening mark: index of its closing mark, -1
  std::vector<bool> is_open;
  std::vector<int> mention_at;       // mention index starting at token, -1
  std::vector<int> mention_cover;    // mention index covering token, -1
  size_t n = 0;
};

struct Speaker {
  int mention = -1;        // mention index
  int entity = -1;         // entity index
  uint32_t start = 0, end = 0;
  std::string designation;  // when no entity
  bool resolved() const { return entity >= 0 || !designation.empty(); }
};

std::string_view Bytes(const Ctx& c, size_t b, size_t e) {  // tokens [b, e)
  return c.text.substr(c.tok.tokens[b].start, c.tok.tokens[e - 1].end - c.tok.tokens[b].start);
}

bool Boundary(const Ctx& c, size_t i, size_t j) {  // between tokens i < j: sentence change?
  return c.para[i] != c.para[j];
}

// Pairs quotation marks within each paragraph.
void PairMarks(Ctx* c) {
  c->close.assign(c->n, -1);
  c->is_open.assign(c->n, false);
  int open_dq = -1, open_guillemet = -1, open_curly = -1;
  int cur_para = -1;
  for (size_t i = 0; i < c->n; ++i) {
    if (c->para[i] != cur_para) {
      cur_para = c->para[i];
      open_dq = open_guillemet = open_curly = -1;
    }
    const std::string& s = c->f[i];
    if (s == "\"") {
      if (open_dq >= 0) {
        c->close[open_dq] = static_cast<int>(i);
        open_dq = -1;
      } else {
        open_dq = static_cast<int>(i);
        c->is_open[i] = true;
      }
    } else if (s == "\xC2\xAB") {  // «
      open_guillemet = static_cast<int>(i);
      c->is_open[i] = true;
    } else if (s == "\xC2\xBB") {  // »
      if (open_guillemet >= 0) c->close[open_guillemet] = static_cast<int>(i);
      open_guillemet = -1;
    } else if (s == "\xE2\x80\x9C" || s == "\xE2\x80\x9E") {  // “ „
      if (open_curly >= 0) {
        c->close[open_curly] = static_cast<int>(i);
        open_curly = -1;
      } else {
        open_curly = static_cast<int>(i);
        c->is_open[i] = true;
      }
    } else if (s == "\xE2\x80\x9D") {  // ”
      if (open_curly >= 0) {
        c->close[open_curly] = static_cast<int>(i);
        open_curly = -1;
      } else {
        open_curly = static_cast<int>(i);
        c->is_open[i] = true;
      }
    }
  }
}

size_t WordsBetween(const Ctx& c, size_t b, size_t e) {
  size_t k = 0;
  for (size_t i = b; i < e && i < c.n; ++i) k += c.tok.tokens[i].word;
  return k;
}

// End (exclusive token index) of reported content starting at `b`.
size_t ReportedEnd(const Ctx& c, size_t b) {
  size_t i = b;
  while (i < c.n) {
    if (i > b && Boundary(c, i - 1, i)) return i;
    const std::string& s = c.f[i];
    if (c.is_open[i]) {
      if (c.close[i] > 0) {
        i = static_cast<size_t>(c.close[i]) + 1;
        continue;
      }
    }
    if (EndsSentence(s)) return i;
    if (i > b && c.verb[i] == VerbKind::kParticiple) return i;
    if (i > b + 1 && c.verb[i] == VerbKind::kFinite && (c.f[i - 1] == "\xD8\x8C" || c.f[i - 1] == ",") )
      return i;
    if (i > b && c.verb[i] == VerbKind::kFinite && c.f[i].size() > 2 &&
        (c.f[i].substr(0, 2) == "\xD9\x88") && i + 1 < c.n) {
      // وأضاف / وأكد starting a new statement.
      return i;
    }
    ++i;
  }
  return c.n;
}

// End (exclusive) of direct content without a closing mark, starting at b.
size_t UnclosedEnd(const Ctx& c, size_t b) {
  size_t i = b;
  while (i < c.n) {
    if (i > b && Boundary(c, i - 1, i)) return i;
    if (i > b && c.verb[i] == VerbKind::kParticiple && (c.f[i - 1] == "\xD8\x8C" || c.f[i - 1] == ","))
      return i - 1;
    ++i;
  }
  return c.n;
}

// Trims trailing punctuation tokens of [b, e).
size_t TrimEnd(const Ctx& c, size_t b, size_t e) {
  while (e > b && !c.tok.tokens[e - 1].word) --e;
  return e;
}

// The entity mention most recently introduced with title/trigger `word` (folded, without
// ال) before token `before`, of the given types.
int FindByTitle(const Ctx& c, std::string_view word, size_t before, bool org) {
  for (int m = static_cast<int>(c.mentions.size()) - 1; m >= 0; --m) {
    const EntityMention& em = c.mentions[m];
    if (em.token_begin >= before) continue;
    if (org) {
      if (em.type != EntityType::kOrg || em.words.empty()) continue;
      if (StripAl(em.words[0]) == word) return m;
      continue;
    }
    if (em.type != EntityType::kPers) continue;
    size_t from = em.token_begin >= 4 ? em.token_begin - 4 : 0;
    for (size_t k = from; k < em.token_begin + 2 && k < c.n; ++k) {
      const std::string& w = c.f[k];
      if (StripAl(w) == word || StripAl(StripConj(w)) == word) return m;
    }
  }
  return -1;
}

Speaker FromMention(const Ctx& c, int m) {
  Speaker s;
  s.mention = m;
  s.entity = c.mentions[m].entity;
  s.start = c.mentions[m].start;
  s.end = c.mentions[m].end;
  return s;
}

// The nearest PERS/ORG mention before token `before` (in the same paragraph when
// `same_para`).
int LastNamed(const Ctx& c, size_t before, bool same_para) {
  for (int m = static_cast<int>(c.mentions.size()) - 1; m >= 0; --m) {
    const EntityMention& em = c.mentions[m];
    if (em.token_end > before) continue;
    if (same_para && c.para[em.token_begin] != c.para[before < c.n ? before : c.n - 1]) return -1;
    if (em.type == EntityType::kPers || em.type == EntityType::kOrg) return m;
  }
  return -1;
}

// Speaker in the region (verb, stop) after a finite verb; fills `s` and returns true when
// the region names one (entity, pronoun or designation).
bool SpeakerAfterVerb(const Ctx& c, size_t v, size_t stop, const Speaker& last, Speaker* s,
                      bool* pronoun) {
  *pronoun = false;
  // Prefer a person, then an organisation; a place names the speaker only right after the
  // verb (أعلنت إيران أن): elsewhere it modifies a title (وزير الخارجية البحريني).
  int best = -1, best_rank = 99;
  for (size_t i = v + 1; i < stop; ++i) {
    if (c.mention_at[i] < 0) continue;
    const EntityMention& em = c.mentions[c.mention_at[i]];
    int rank = em.type == EntityType::kPers ? 0 : em.type == EntityType::kOrg ? 1
               : (i <= v + 1) ? 2 : 99;
    if (rank < best_rank) best_rank = rank, best = c.mention_at[i];
  }
  if (best >= 0) {
    *s = FromMention(c, best);
    return true;
  }
  if (v + 1 < stop && Lex().pronoun_subjects.count(c.f[v + 1])) {
    *pronoun = true;
    *s = last;
    s->start = c.tok.tokens[v + 1].start;
    s->end = c.tok.tokens[v + 1].end;
    return true;
  }
  // Designation: words after the verb up to a stop word or punctuation, at most 5.
  size_t b = v + 1, e = b;
  while (e < stop && e < b + 5 && c.tok.tokens[e].word && !Lex().stops.count(c.f[e]) &&
         !Lex().free_comp.count(c.f[e]) && !Lex().pronoun_comp.count(c.f[e]) &&
         c.verb[e] == VerbKind::kNone && !Lex().adverbs.count(c.f[e]))
    ++e;
  if (e == b) return false;
  // A designation starts with a noun: not a particle, pronoun or number.
  if (Lex().not_designation.count(c.f[b]) || !IsArabicLetterWord(c.f[b])) return false;
  std::string_view first = StripAl(c.f[b]);
  uint32_t flags = Gazetteer::Builtin().Flags(c.f[b]) | Gazetteer::Builtin().Flags(first);
  // A title followed by an untagged name starting with a common first name (وزير المواصلات
  // البحريني كمال بن أحمد): the name is the speaker.
  if (flags & kFlagPersonTitle) {
    for (size_t j = b + 1; j < stop && j < v + 12; ++j) {
      if (!c.tok.tokens[j].word) break;
      if (!(Gazetteer::Builtin().Flags(c.f[j]) & kFlagFirstName)) continue;
      size_t k = j + 1;
      while (k < stop && k < j + 4 && c.tok.tokens[k].word && !Lex().stops.count(c.f[k]) &&
             !Lex().free_comp.count(c.f[k]) && !Lex().pronoun_comp.count(c.f[k]) &&
             c.verb[k] == VerbKind::kNone && !Lex().adverbs.count(c.f[k]))
        ++k;
      if (k == j + 1) break;  // a first name alone is too weak
      s->entity = -1;
      s->mention = -1;
      s->start = c.tok.tokens[j].start;
      s->end = c.tok.tokens[k - 1].end;
      s->designation = std::string(Bytes(c, j, k));
      return true;
    }
  }
  int m = -1;
  if (flags & kFlagPersonTitle) m = FindByTitle(c, first, v, false);
  if (m < 0 && (flags & kFlagOrgTrigger)) m = FindByTitle(c, first, v, true);
  if (m >= 0) {
    *s = FromMention(c, m);
    s->mention = -1;
    s->start = c.tok.tokens[b].start;
    s->end = c.tok.tokens[e - 1].end;
    return true;
  }
  s->entity = -1;
  s->mention = -1;
  s->start = c.tok.tokens[b].start;
  s->end = c.tok.tokens[e - 1].end;
  // A bare title (one word) names nobody on its own.
  if (e - b == 1 && (flags & (kFlagPersonTitle | kFlagOrgTrigger))) {
    s->designation.clear();
    return true;
  }
  s->designation = std::string(Bytes(c, b, e));
  return true;
}

}  // namespace

void FindQuotes(std::string_view text, const TokenizedText& tok,
                const std::vector<EntityMention>& mentions,
                const std::vector<LinkedEntity>& entities, std::vector<Quote>* out) {
  out->clear();
  Ctx c{text, tok, mentions, entities, {}, {}, {}, {}, {}, {}, {}, tok.tokens.size()};
  if (c.n == 0) return;
  const Lexicon& lex = Lex();
  c.f.resize(c.n);
  c.verb.assign(c.n, VerbKind::kNone);
  c.para.assign(c.n, 0);
  int para = 0;
  size_t scan = 0;
  for (size_t i = 0; i < c.n; ++i) {
    const RawToken& t = tok.tokens[i];
    for (; scan < t.start; ++scan) para += text[scan] == '\n';
    scan = std::max<size_t>(scan, t.start);
    c.para[i] = para;
    c.f[i] = FoldOnly(text.substr(t.start, t.end - t.start));
    if (!t.word) continue;
    auto it = lex.verbs.find(c.f[i]);
    if (it == lex.verbs.end()) it = lex.verbs.find(StripConj(c.f[i]));
    if (it != lex.verbs.end()) c.verb[i] = it->second;
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

  Speaker last;
  std::vector<std::pair<size_t, size_t>> covered;  // content token ranges already taken
  auto inside_covered = [&](size_t i) {
    for (auto [b, e] : covered)
      if (i >= b && i < e) return true;
    return false;
  };
  auto emit = [&](size_t v, size_t cb, size_t ce, bool direct, const Speaker& sp) {
    ce = TrimEnd(c, cb, ce);
    if (ce <= cb || WordsBetween(c, cb, ce) == 0) return;
    if (inside_covered(cb)) return;
    Quote q;
    q.start = tok.tokens[cb].start;
    q.end = tok.tokens[ce - 1].end;
    q.direct = direct;
    q.text = std::string(text.substr(q.start, q.end - q.start));
    if (v < c.n) {
      q.verb_start = tok.tokens[v].start;
      q.verb_end = tok.tokens[v].end;
      q.verb = std::string(text.substr(q.verb_start, q.verb_end - q.verb_start));
    }
    if (sp.end > sp.start) {
      q.speaker_start = sp.start;
      q.speaker_end = sp.end;
      q.speaker = std::string(text.substr(sp.start, sp.end - sp.start));
    }
    if (sp.entity >= 0 && sp.entity < static_cast<int>(entities.size())) {
      q.speaker_canonical = entities[sp.entity].canonical;
      q.speaker_id = entities[sp.entity].entity_id;
    } else if (!sp.designation.empty()) {
      q.speaker_canonical = sp.designation;
    }
    covered.emplace_back(cb, ce);
    out->push_back(std::move(q));
  };

  for (size_t v = 0; v < c.n; ++v) {
    const VerbKind kind = c.verb[v];
    if (kind == VerbKind::kNone || kind == VerbKind::kNarrator) continue;
    if (inside_covered(v)) continue;
    // Find the content opener: colon, quotation mark or complementizer.
    size_t i = v + 1;
    size_t limit = std::min(c.n, v + 22);
    size_t content = c.n, content_end = c.n, stop = c.n;
    bool direct = false, found = false;
    while (i < limit) {
      if (Boundary(c, i - 1, i)) break;
      const std::string& s = c.f[i];
      if (EndsSentence(s)) break;
      if (i > v + 1 && c.verb[i] != VerbKind::kNone && c.verb[i] != VerbKind::kMasdar) break;
      if (s == ":") {
        stop = i;
        size_t b = i + 1;
        if (b < c.n && !Boundary(c, i, b) && c.is_open[b]) {
          content = b + 1;
          content_end = c.close[b] > 0 ? static_cast<size_t>(c.close[b]) : UnclosedEnd(c, content);
        } else if (b < c.n && !Boundary(c, i, b)) {
          content = b;
          // Without marks: to the end of the sentence.
          size_t e = b;
          while (e < c.n && !Boundary(c, e > b ? e - 1 : e, e) && !EndsSentence(c.f[e])) {
            if (c.is_open[e] && c.close[e] > 0) e = static_cast<size_t>(c.close[e]);
            ++e;
          }
          content_end = e;
        } else {
          break;
        }
        direct = true;
        found = true;
        break;
      }
      if (c.is_open[i]) {
        size_t cl = c.close[i] > 0 ? static_cast<size_t>(c.close[i]) : UnclosedEnd(c, i + 1);
        size_t words = WordsBetween(c, i + 1, cl);
        bool right_after = i == v + 1 || (i >= 1 && c.verb[i - 1] != VerbKind::kNone) ||
                           (i >= 2 && Lex().pronoun_subjects.count(c.f[i - 1]));
        if (words >= 3 && (right_after || kind == VerbKind::kFinite || kind == VerbKind::kParticiple)) {
          stop = i;
          content = i + 1;
          content_end = cl;
          direct = true;
          found = true;
          break;
        }
        i = cl + 1;  // a quoted name or term: skip it
        continue;
      }
      bool prep = lex.preps.count(s) && i + 1 < c.n &&
                  (lex.free_comp.count(c.f[i + 1]) || lex.pronoun_comp.count(c.f[i + 1]));
      size_t ci = prep ? i + 1 : i;
      if (lex.free_comp.count(c.f[ci]) || lex.pronoun_comp.count(c.f[ci])) {
        stop = i;
        content = lex.pronoun_comp.count(c.f[ci]) ? ci : ci + 1;
        if (content < c.n && c.is_open[content]) {
          size_t open = content;
          content = open + 1;
          content_end = c.close[open] > 0 ? static_cast<size_t>(c.close[open]) : UnclosedEnd(c, content);
          direct = true;
        } else {
          content_end = ReportedEnd(c, content);
          direct = false;
        }
        found = content < c.n;
        break;
      }
      ++i;
    }
    if (!found) continue;
    // The speaker.
    Speaker sp;
    bool pronoun = false;
    bool named = false;
    if (kind == VerbKind::kFinite) {
      named = SpeakerAfterVerb(c, v, stop, last, &sp, &pronoun);
      if (!named || (!sp.resolved() && !pronoun && sp.designation.empty() && sp.end == 0)) {
        // Subject-first: a name right before the verb in the same sentence.
        int m = v > 0 && v >= 1 ? c.mention_cover[v - 1] : -1;
        if (m < 0 && v >= 2 && !c.tok.tokens[v - 1].word) m = c.mention_cover[v - 2];
        // Only a person or organisation is a subject here; a place before the verb usually
        // ends the previous clause (بين إيران وكازاخستان وأضاف).
        if (m >= 0 && c.mentions[m].type != EntityType::kPers && c.mentions[m].type != EntityType::kOrg) m = -1;
        if (m >= 0) {
          sp = FromMention(c, m);
          named = true;
        }
      }
      if (!named) sp = last;
      if (named && !sp.resolved() && !pronoun) {
        // A bare title we could not link: fall back to the latest speaker.
        Speaker keep = sp;
        sp = last;
        sp.start = keep.start;
        sp.end = keep.end;
      }
    } else if (kind == VerbKind::kMasdar) {
      int m = LastNamed(c, v, true);
      if (m >= 0) sp = FromMention(c, m);
      else sp = last;
    } else {  // participle: the subject of the main clause
      sp = last;
      if (!(sp.resolved() && !out->empty() && c.para[v] == c.para[std::min(c.n - 1, v)])) {
        int m = LastNamed(c, v, true);
        if (m >= 0) sp = FromMention(c, m);
      }
      // The participle names nobody itself.
      if (sp.mention < 0 || c.mentions[sp.mention].token_begin < v) {
        // keep the mention range only when it is in the same paragraph
        if (sp.mention >= 0 && c.para[c.mentions[sp.mention].token_begin] != c.para[v]) sp.start = sp.end = 0;
      }
    }
    if (!sp.resolved() && last.resolved() && kind != VerbKind::kFinite) sp = last;
    if (content >= c.n) continue;
    emit(v, content, content_end, direct, sp);
    if (sp.resolved()) {
      last = sp;
    }
  }

  // Postposed attribution: "…"، حسبما قال X / قال X.
  for (size_t i = 0; i < c.n; ++i) {
    if (!c.is_open[i] || c.close[i] <= 0) continue;
    size_t cl = static_cast<size_t>(c.close[i]);
    if (WordsBetween(c, i + 1, cl) < 4 || inside_covered(i + 1)) continue;
    size_t k = cl + 1;
    while (k < c.n && !c.tok.tokens[k].word && !EndsSentence(c.f[k]) && k < cl + 3) ++k;
    if (k >= c.n || Boundary(c, cl, k)) continue;
    size_t v = k;
    if (lex.postposed.count(c.f[k]) && k + 1 < c.n) v = k + 1;
    if (v < c.n && c.f[v] == FoldOnly("ما") && v + 1 < c.n) ++v;
    if (c.verb[v] != VerbKind::kFinite) continue;
    Speaker sp;
    bool pronoun = false;
    size_t stop = std::min(c.n, v + 8);
    for (size_t e = v + 1; e < stop; ++e) {
      if (EndsSentence(c.f[e]) || Boundary(c, e - 1, e)) {
        stop = e;
        break;
      }
    }
    if (!SpeakerAfterVerb(c, v, stop, last, &sp, &pronoun)) sp = last;
    emit(v, i + 1, cl, true, sp);
    if (sp.resolved()) last = sp;
  }
  std::sort(out->begin(), out->end(), [](const Quote& a, const Quote& b) { return a.start < b.start; });
}

}  // namespace rasd::extract
