// Speaker resolution; see internal/speaker_resolution.h.
#include "rasd/extract/internal/speaker_resolution.h"

#include <algorithm>
#include <vector>

#include "rasd/extract/gazetteer.h"
#include "rasd/extract/name_forms.h"

namespace rasd::extract::internal {
namespace {

// True for a single title, trigger word or pronoun (منظمة، الوزير، سماحته): not a name.
bool BareTitle(std::string_view name) {
  if (name.empty() || name.find(' ') != std::string_view::npos) return false;
  // Fold, not FoldOnly: the name may be written with Persian letters (الھیئة).
  const std::string w = Fold(name);
  const uint32_t f = Gazetteer::Builtin().Flags(w) | Gazetteer::Builtin().Flags(StripAl(w)) |
                     Gazetteer::Builtin().Flags(StripConj(w)) |
                     Gazetteer::Builtin().Flags(StripAl(StripConj(w)));
  return (f & (kFlagPersonTitle | kFlagOrgTrigger)) || Lex().pronoun_subjects.count(w);
}

// The words of a short quoted name (at most six) opening right after byte `end`
// (منظمة "السلام الآن"), joined by spaces; "" when there is none.
std::string QuotedNameAfter(const QuoteContext& c, uint32_t end) {
  const size_t k = static_cast<size_t>(
      std::lower_bound(c.tok.tokens.begin(), c.tok.tokens.end(), end,
                       [](const RawToken& t, uint32_t b) { return t.start < b; }) -
      c.tok.tokens.begin());
  if (k >= c.n || !c.is_open[k] || c.close[k] <= 0) return "";
  const size_t cl = static_cast<size_t>(c.close[k]);
  if (WordsBetween(c, k + 1, cl) == 0 || WordsBetween(c, k + 1, cl) > 6) return "";
  std::string out;
  for (size_t i = k + 1; i < cl; ++i) {
    if (!c.tok.tokens[i].word) continue;
    if (!out.empty()) out += ' ';
    out += c.text.substr(c.tok.tokens[i].start, c.tok.tokens[i].end - c.tok.tokens[i].start);
  }
  return out;
}

// The entity mention most recently introduced with title/trigger `word` (folded, without
// ال) before token `before`, of the given types.
int FindByTitle(const QuoteContext& c, std::string_view word, size_t before, bool org) {
  for (int m = static_cast<int>(c.mentions.size()) - 1; m >= 0; --m) {
    const EntityMention& em = c.mentions[m];
    if (em.token_begin >= before) continue;
    if (org) {
      if (em.type != EntityType::kOrg || em.words.empty()) continue;
      if (StripAl(em.words[0]) == word) return m;
      continue;
    }
    if (em.type != EntityType::kPers) continue;
    // An adjective of nationality the tagger took for a name (صحفي أرجنتيني) is no one.
    if (em.token_end == em.token_begin + 1 && em.token_begin < c.n && Nisba(c.f[em.token_begin]))
      continue;
    // The title may stand further before the name when a title phrase fills the gap (نائب
    // وزير الداخلية اليمني، اللواء الركن علي ناصر لخشع): titles, definite modifiers, commas
    // and a first name the tagger left out, up to 8 tokens.
    size_t from = em.token_begin >= 4 ? em.token_begin - 4 : 0;
    // A name behind a fused preposition (والدة الصحفي لميسي) is not in apposition to the
    // title before it: only a title inside the tagged span introduces it.
    bool behind_prep = false;
    if (em.token_begin < c.n && em.start > c.tok.tokens[em.token_begin].start &&
        em.start - c.tok.tokens[em.token_begin].start <= 4) {
      const uint32_t lead = em.start - c.tok.tokens[em.token_begin].start;
      const std::string_view pre =
          StripConj(c.text.substr(c.tok.tokens[em.token_begin].start, lead + 2));
      behind_prep = pre.substr(0, 2) == "\xD9\x84" || pre.substr(0, 2) == "\xD8\xA8";  // ل ب
    }
    if (behind_prep) from = em.token_begin;
    for (size_t k = em.token_begin; !behind_prep && k > 0 && k + 8 > em.token_begin; --k) {
      const std::string& w = c.f[k - 1];
      const bool title_phrase =
          (c.tok.tokens[k - 1].word &&
           ((Gazetteer::Builtin().Flags(w) & (kFlagPersonTitle | kFlagFirstName)) ||
            Definite(w))) ||
          w == "\xD8\x8C" || w == ",";
      if (!title_phrase || c.para[k - 1] != c.para[em.token_begin]) break;
      from = std::min(from, k - 1);
    }
    for (size_t k = from; k < em.token_begin + 2 && k < c.n; ++k) {
      const std::string& w = c.f[k];
      if (StripAl(w) == word || StripAl(StripConj(w)) == word) return m;
    }
  }
  return -1;
}

Speaker FromMention(const QuoteContext& c, int m) {
  Speaker s;
  s.mention = m;
  s.entity = c.mentions[m].entity;
  s.start = c.mentions[m].start;
  s.end = c.mentions[m].end;
  return s;
}

// A person something is named after (جسر الملك حمد، مطار الملك خالد، جامعة الملك سعود): the
// word before the name and its titles is a place or institution noun, so the person is
// part of that name and not the subject of what follows.
bool NamedAfter(const QuoteContext& c, const EntityMention& em) {
  if (em.type != EntityType::kPers) return false;
  size_t k = em.token_begin;
  while (k > 0 && c.tok.tokens[k - 1].word) {
    --k;
    const std::string_view w = StripConj(c.f[k]);
    const uint32_t f = Gazetteer::Builtin().Flags(w);
    if (f & (kFlagPersonTitle | kFlagHonorific)) continue;
    return (f & (kFlagLocTrigger | kFlagOrgTrigger)) || Lex().named_after.count(std::string(w));
  }
  return false;
}

// The nearest PERS/ORG mention before token `before` (in the same paragraph when
// `same_para`), not counting a person something is named after.
int LastNamed(const QuoteContext& c, size_t before, bool same_para) {
  for (int m = static_cast<int>(c.mentions.size()) - 1; m >= 0; --m) {
    const EntityMention& em = c.mentions[m];
    if (em.token_end > before) continue;
    if (same_para && c.para[em.token_begin] != c.para[before < c.n ? before : c.n - 1]) return -1;
    if ((em.type == EntityType::kPers || em.type == EntityType::kOrg) && !NamedAfter(c, em)) {
      return m;
    }
  }
  return -1;
}

// The subject of a verb with no subject of its own (وأضاف: …) when no speaker has been
// found yet: the latest person or organisation named before it in the article. Its byte
// range is kept only within the paragraph (the guidelines' speaker_mention).
Speaker Antecedent(const QuoteContext& c, size_t v) {
  Speaker s;
  const int m = LastNamed(c, v, false);
  if (m < 0) return s;
  s = FromMention(c, m);
  if (c.para[c.mentions[m].token_begin] != c.para[std::min(v, c.n - 1)]) s.start = s.end = 0;
  return s;
}

// The speaker named by the noun phrase of tokens [b, e) (نقلت الصحيفة عن مسؤول كبير بإدارة
// ترامب قوله): a person or organisation the phrase starts with, after titles and definite
// modifiers (عن وزير الخارجية سيرغي لافروف); otherwise the phrase itself, whose head is
// its first word, so that a name inside a modifier (بإدارة ترامب) is not the speaker.
bool NounPhraseSpeaker(const QuoteContext& c, size_t b, size_t e, Speaker* s) {
  for (size_t k = b; k < e && c.tok.tokens[k].word; ++k) {
    const int m = c.mention_at[k];
    if (m >= 0 && (c.mentions[m].type == EntityType::kPers ||
                   c.mentions[m].type == EntityType::kOrg)) {
      *s = FromMention(c, m);
      return true;
    }
    const uint32_t f = Gazetteer::Builtin().Flags(c.f[k]) | Gazetteer::Builtin().Flags(StripAl(c.f[k]));
    if (!(f & (kFlagPersonTitle | kFlagOrgTrigger | kFlagNationality)) && !Definite(c.f[k])) break;
  }
  size_t r = b;
  while (r < e && r < b + 6 && PhraseWord(c, r)) ++r;
  if (r == b || Lex().not_designation.count(c.f[b]) || !IsArabicLetterWord(c.f[b])) return false;
  *s = Speaker();
  s->start = c.tok.tokens[b].start;
  s->end = c.tok.tokens[r - 1].end;
  s->designation = std::string(Bytes(c, b, r));
  return true;
}

// The subject of the main clause for a speech verb inside a subordinate clause, with no
// subject of its own and no و/ف of a new clause (صورا قالت إنها، حيث قال:، واختارت أن تقول):
// the first person or organisation of the sentence. A verb after a relative pronoun
// (التي قالت) takes the phrase before the pronoun, which this does not find. Returns the
// mention index or -1.
int MainClauseSubject(const QuoteContext& c, size_t v) {
  // Written without و/ف (a listed form as it stands, or an object-pronoun form whose stem
  // starts the word).
  const bool no_conj = Lex().verbs.find(c.f[v]) != Lex().verbs.end() ||
                       (c.object_suffix[v] && ObjectVerbStem(c.f[v]).data() == c.f[v].data());
  if (v == 0 || !c.tok.tokens[v - 1].word || !no_conj) return -1;
  // After a relative pronoun the subject is the phrase before it; after a definite noun
  // (أن التقرير قال) that noun is the subject. Neither is found here.
  const std::string prev(StripConj(c.f[v - 1]));
  if (Lex().relative.count(prev) || (Definite(prev) && c.mention_cover[v - 1] < 0)) return -1;
  // لكنه، لكنها: the connective's pronoun is the subject, a new main clause continuing the
  // latest speaker (the caller's fallback), not a subordinate one.
  if (Lex().connectives.count(prev) && prev.size() > FoldOnly("لكن").size()) return -1;
  size_t b = v;
  while (b > 0 && !EndsSentence(c.f[b - 1]) && c.para[b - 1] == c.para[v]) --b;
  for (size_t k = b; k < v; ++k) {
    const int m = c.mention_at[k];
    if (m >= 0 && (c.mentions[m].type == EntityType::kPers ||
                   c.mentions[m].type == EntityType::kOrg))
      return m;
  }
  return -1;
}

// A person or organisation named right before speech verb v in subject-verb order: v has no
// و/ف, the name ends at v - 1 in the same sentence and is not behind a preposition (fused,
// لرويترز، بالوزير, or before it: مع رويترز). Returns the mention or -1.
int SubjectBefore(const QuoteContext& c, size_t v) {
  if (v == 0 || Boundary(c, v - 1, v) || !c.tok.tokens[v - 1].word) return -1;
  const bool no_conj = Lex().verbs.find(c.f[v]) != Lex().verbs.end() ||
                       (c.object_suffix[v] && ObjectVerbStem(c.f[v]).data() == c.f[v].data());
  if (!no_conj) return -1;
  const int m = c.mention_cover[v - 1];
  if (m < 0 || c.mentions[m].token_end != v) return -1;
  const EntityMention& em = c.mentions[m];
  if (em.type != EntityType::kPers && em.type != EntityType::kOrg) return -1;
  const size_t b = em.token_begin;
  const std::string_view first = StripConj(c.f[b]);
  if (em.start > c.tok.tokens[b].start &&
      (first.substr(0, 2) == "\xD9\x84" || first.substr(0, 2) == "\xD8\xA8"))  // ل ب
    return -1;
  if (b > 0 && !Boundary(c, b - 1, b) && c.tok.tokens[b - 1].word &&
      (Lex().stops.count(c.f[b - 1]) || Lex().preps.count(c.f[b - 1])))
    return -1;
  return m;
}

// The named subject of a speech verb (its noun-phrase complement may follow): a person or
// organisation right after it, or a person after a title (أكد شيخ قبائل المنجحة الشيخ X),
// within 10 words and before any punctuation or other speech verb. Returns the mention or -1.
int NamedSubject(const QuoteContext& c, size_t v) {
  for (size_t k = v + 1; k < c.n && k < v + 10 && c.tok.tokens[k].word && !Boundary(c, v, k);
       ++k) {
    if (c.verb[k] != VerbKind::kNone || c.comp[k]) return -1;
    const int m = c.mention_at[k];
    if (m < 0) continue;
    const EntityType t = c.mentions[m].type;
    if (t != EntityType::kPers && t != EntityType::kOrg) return -1;
    const bool titled =
        c.mentions[m].token_begin < k ||
        (Gazetteer::Builtin().Flags(StripAl(StripConj(c.f[k - 1]))) & kFlagPersonTitle) ||
        (Gazetteer::Builtin().Flags(StripConj(c.f[k - 1])) & kFlagPersonTitle);
    if (k == v + 1 || (t == EntityType::kPers && titled)) return m;
    return -1;
  }
  return -1;
}

// The topic of a nominal sentence whose predicate is the speech verb (وهذه المستندات التي
// ذكرتها الإذاعة …، أوضحت أن): a definite noun phrase opening the sentence (after و and a
// demonstrative), closed by a relative clause, with the verb after the comma that ends
// that clause. Returns false when the sentence is not built so.
bool TopicSubject(const QuoteContext& c, size_t v, Speaker* s) {
  if (v < 4 || (c.f[v - 1] != "\xD8\x8C" && c.f[v - 1] != ",")) return false;
  size_t b = v;
  while (b > 0 && !EndsSentence(c.f[b - 1]) && c.para[b - 1] == c.para[v]) --b;
  size_t h = b;
  if (Lex().demonstratives.count(std::string(StripConj(c.f[h])))) ++h;
  if (h >= v || !Definite(c.f[h]) || !PhraseWord(c, h)) return false;
  size_t r = h + 1;  // its definite adjectives, up to the relative pronoun (also written ال…)
  while (r < v && Definite(c.f[r]) && PhraseWord(c, r) &&
         !Lex().relative.count(std::string(StripConj(c.f[r]))))
    ++r;
  if (r >= v || !Lex().relative.count(std::string(StripConj(c.f[r])))) return false;
  const int m = c.mention_cover[h];
  if (m >= 0 && (c.mentions[m].type == EntityType::kPers ||
                 c.mentions[m].type == EntityType::kOrg)) {
    *s = FromMention(c, m);
    return true;
  }
  const uint32_t flags = Gazetteer::Builtin().Flags(StripAl(StripConj(c.f[h])));
  if (r - h == 1 && (flags & (kFlagPersonTitle | kFlagOrgTrigger))) return false;
  *s = Speaker();
  const size_t conj = c.f[h].size() - StripConj(c.f[h]).size();  // و / ف
  s->start = c.tok.tokens[h].start + static_cast<uint32_t>(conj);
  s->end = c.tok.tokens[r - 1].end;
  s->designation = std::string(c.text.substr(s->start, s->end - s->start));
  return true;
}

// The speaker of a speech verb right after a relative pronoun (مصادر مقربة من الفنان،
// والتي قالت إنه …; البيان الذي أكد أن): the noun phrase the pronoun refers to, which ends
// just before it (a comma may separate them) and starts after the preposition, verb or
// punctuation before it; في and من inside it attach a modifier (مصادر في الوزارة). A
// person or organisation the phrase starts with is the speaker; a bare title is left to the
// other rules. Returns false when there is no such phrase.
bool RelativeAntecedent(const QuoteContext& c, size_t v, Speaker* s) {
  if (v < 2 || !Lex().relative.count(std::string(StripConj(c.f[v - 1])))) return false;
  // With an object pronoun the antecedent is the verb's object, not its subject (القس برانسون
  // الذي وصفه بـ "…": the one he described).
  if (c.object_suffix[v]) return false;
  size_t e = v - 1;  // exclusive
  if (c.f[e - 1] == "\xD8\x8C" || c.f[e - 1] == ",") --e;
  size_t b = e;
  const std::string fi = FoldOnly("في"), min = FoldOnly("من");
  while (b > 0 && e - b < 8 && c.para[b - 1] == c.para[v]) {
    const size_t k = b - 1;
    const bool link = (c.f[k] == fi || c.f[k] == min) && k > 0 && c.tok.tokens[k - 1].word;
    if (!PhraseWord(c, k) && !link) break;
    b = k;
  }
  while (b < e && (c.f[b] == fi || c.f[b] == min)) ++b;
  if (b == e || Lex().not_designation.count(c.f[b]) || !IsArabicLetterWord(c.f[b])) return false;
  const int m = c.mention_cover[b];
  if (m >= 0 && (c.mentions[m].type == EntityType::kPers ||
                 c.mentions[m].type == EntityType::kOrg)) {
    *s = FromMention(c, m);
    return true;
  }
  const uint32_t flags =
      Gazetteer::Builtin().Flags(c.f[b]) | Gazetteer::Builtin().Flags(StripAl(c.f[b]));
  if (e - b == 1 && (flags & (kFlagPersonTitle | kFlagOrgTrigger))) return false;
  *s = Speaker();
  s->start = c.tok.tokens[b].start;
  s->end = c.tok.tokens[e - 1].end;
  s->designation = std::string(Bytes(c, b, e));
  return true;
}

// The subject of a sentence that opens with (و)قد or لقد and a verb (وقد طعنت لورا …):
// قد comes only before a verb, and in verb-first order the subject follows the verb, so a
// person or organisation right after it is the subject. Returns the mention or -1.
int QadVerbSubject(const QuoteContext& c, size_t v) {
  size_t b = v;
  while (b > 0 && !EndsSentence(c.f[b - 1]) && c.para[b - 1] == c.para[v]) --b;
  const std::string_view first = StripConj(c.f[b]);
  if (b + 2 >= v || (first != FoldOnly("قد") && first != FoldOnly("لقد"))) return -1;
  const int m = c.mention_at[b + 2];
  if (m >= 0 && (c.mentions[m].type == EntityType::kPers ||
                 c.mentions[m].type == EntityType::kOrg))
    return m;
  return -1;
}

// The subject of a verb preceded by قد in كان X قد قال (pluperfect): the noun phrase
// between كان and قد (وكان تقرير أصدره مركز … قد أوضح أن). Returns false when there is none.
bool PluperfectSubject(const QuoteContext& c, size_t v, Speaker* s) {
  if (v < 2 || StripConj(c.f[v - 1]) != FoldOnly("قد")) return false;
  for (size_t k = v - 1; k-- > 0 && k + 12 > v;) {
    if (EndsSentence(c.f[k]) || c.para[k] != c.para[v]) return false;
    if (StripConj(c.f[k]) != FoldOnly("كان") && StripConj(c.f[k]) != FoldOnly("كانت")) continue;
    return k + 2 < v && NounPhraseSpeaker(c, k + 1, v - 1, s);
  }
  return false;
}

// The phrase that introduced the definite title or trigger of tokens [b, e): the latest
// earlier occurrence of its head word, with or without ال, followed by its definite
// genitives and adjectives (وزارة الخدمة المدنية, الحكومة الأسترالية), longer than the
// title and holding its other words. A tagged mention there gives its entity; otherwise
// the phrase is the designation. Returns false when there is none.
bool AntecedentPhrase(const QuoteContext& c, size_t b, size_t e, Speaker* s) {
  // A word-initial و may be the conjunction (والوزارة) or a letter of the noun (وزارة).
  auto same_head = [&](const std::string& a, const std::string& h) {
    return StripAl(a) == StripAl(h) || StripAl(StripConj(a)) == StripAl(h) ||
           StripAl(a) == StripAl(StripConj(h)) || StripAl(StripConj(a)) == StripAl(StripConj(h));
  };
  // First the head in construct state (وزارة الخدمة المدنية: how a name is introduced),
  // then with ال and adjectives (الحكومة الأسترالية).
  for (bool construct : {true, false})
  for (size_t k = b; k-- > 0;) {
    if (!c.tok.tokens[k].word || !same_head(c.f[k], c.f[b])) continue;
    if (construct == Definite(c.f[k])) continue;
    // The name itself, tagged, on the head or, for a bare title, right after it (شركة
    // "أوتوستراد" … الشركة).
    size_t after = k + 1;
    if (after < c.n && c.is_open[after]) ++after;
    if (e - b > 1) after = k;
    for (size_t t : {k, after}) {
      // An adjective of nationality the tagger took for a name is not one (صحفي أرجنتيني).
      if (t != k && t < c.n && Nisba(c.f[t])) continue;
      const int m = t < c.n && !Boundary(c, k, t) ? c.mention_cover[t] : -1;
      if (m >= 0 && (c.mentions[m].type == EntityType::kPers ||
                     c.mentions[m].type == EntityType::kOrg)) {
        s->entity = c.mentions[m].entity;
        return true;
      }
    }
    // Its definite genitives and adjectives; or, after an indefinite head, its indefinite
    // adjectives of nationality (صحفي أرجنتيني), which agree with it (then no definite word
    // belongs to the phrase).
    size_t r = k + 1;
    const bool indefinite_adj = construct && r < c.n && !Definite(c.f[r]) && Nisba(c.f[r]);
    while (r < c.n && r < k + 6 &&
           (indefinite_adj ? !Definite(c.f[r]) && Nisba(c.f[r]) : Definite(c.f[r])) &&
           PhraseWord(c, r) && !Lex().relative.count(c.f[r]) && !Boundary(c, k, r))
      ++r;
    if (r - k <= e - b) continue;
    bool holds = true;
    for (size_t i = b + 1; i < e && holds; ++i) {
      holds = false;
      for (size_t j = k + 1; j < r; ++j) holds |= c.f[j] == c.f[i];
    }
    if (!holds) continue;
    std::string_view phrase = Bytes(c, k, r);
    const bool conj = StripAl(c.f[k]) != StripAl(c.f[b]) &&
                      StripAl(c.f[k]) != StripAl(StripConj(c.f[b]));
    if (conj) phrase.remove_prefix(2);  // the conjunction و / ف
    s->designation = std::string(phrase);
    return true;
  }
  return false;
}

// True when the designation of tokens [b, e) is "the same X": نفس / ذات before a definite
// noun, or نفسه / ذاته (and feminine, plural) after it.
bool SameAsBefore(const QuoteContext& c, size_t b, size_t e) {
  if (e - b != 2) return false;
  const std::string& x = c.f[b];
  const std::string& y = c.f[b + 1];
  static const char* const kBefore[] = {"نفس", "ذات"};
  static const char* const kAfter[] = {"نفسه", "نفسها", "نفسهم", "ذاته", "ذاتها", "ذاتهم"};
  auto same = [](const std::string& w, bool after) {
    if (after) {
      for (const char* s : kAfter)
        if (w == FoldOnly(s)) return true;
    } else {
      for (const char* s : kBefore)
        if (w == FoldOnly(s)) return true;
    }
    return false;
  };
  return (same(x, false) && Definite(y)) || (Definite(x) && same(y, true));
}

// The tagger may run a person's name into the fused addressee after it (وقال أبو غليون
// لرويترز): a last word of ل + a known organisation or place is not part of the name. Cuts
// the speaker `s` of mention m before it and links the rest to the article's entities (a
// short form of the full name) or, failing that, keeps it as a designation.
void TrimAddressee(const QuoteContext& c, int m, Speaker* s) {
  const EntityMention& em = c.mentions[m];
  if (em.type != EntityType::kPers || em.token_end < em.token_begin + 2 || em.token_end > c.n ||
      em.words.size() < 2)
    return;
  const size_t last = em.token_end - 1;
  if (!c.tok.tokens[last].word || c.f[last].substr(0, 2) != "\xD9\x84" || PhraseWord(c, last) ||
      c.tok.tokens[last - 1].end <= em.start)
    return;
  std::vector<std::string> words(em.words.begin(), em.words.end() - 1);
  std::vector<LinkedEntity> others = c.entities;
  if (em.entity >= 0 && em.entity < static_cast<int>(others.size()))
    others[em.entity].type = EntityType::kMisc;  // not the run-on name itself
  s->end = c.tok.tokens[last - 1].end;
  s->entity = FindEntityForName(words, EntityType::kPers, others);
  s->mention = -1;
  if (s->entity < 0) s->designation = std::string(c.text.substr(s->start, s->end - s->start));
}

// Speaker in the region (verb, stop) after a finite verb; fills `s` and returns true when
// the region names one (entity, pronoun or designation).
bool SpeakerAfterVerb(const QuoteContext& c, size_t v, size_t stop, const Speaker& last, Speaker* s,
                      bool* pronoun) {
  *pronoun = false;
  // A relative clause closes the subject (وقال الدراسة التي أجريت في معهد … إن): a name
  // inside it is not the speaker.
  for (size_t k = v + 2; k < stop; ++k) {
    if (Lex().relative.count(std::string(StripConj(c.f[k])))) {
      stop = k;
      break;
    }
  }
  // After a verb whose object is the addressee (وأبلغت الهيئة وكالة إنترفاكس أن، وسأل
  // الصحفي قائد المنتخب) the subject is the first noun phrase: a name, or words up to an
  // indefinite word after a definite one (a definite noun's adjectives and genitives are
  // definite too, so that word starts the object).
  if (Lex().ditransitive.count(std::string(StripConj(c.f[v]))) && v + 1 < stop) {
    size_t k = v + 1;
    const int m = c.mention_cover[k];
    if (m >= 0 && c.mentions[m].token_begin == k) {
      k = c.mentions[m].token_end;
    } else {
      while (k < stop && PhraseWord(c, k) &&
             !(k > v + 1 && Definite(c.f[k - 1]) && !Definite(c.f[k]) &&
               (c.mention_cover[k] < 0 || c.mention_cover[k] != c.mention_cover[k - 1])))
        ++k;
    }
    stop = std::max(v + 2, std::min(stop, k));
  }
  // Prefer a person, then an organisation; a place names the speaker only right after the
  // verb (أعلنت إيران أن): elsewhere it modifies a title (وزير الخارجية البحريني).
  int best = -1, best_rank = 99;
  for (size_t i = v + 1; i < stop; ++i) {
    if (c.mention_at[i] < 0) continue;
    const EntityMention& em = c.mentions[c.mention_at[i]];
    // An organisation behind a fused ل is the addressee (وقال مسؤول لوكالة فرانس برس) or a
    // genitive of the title (الرئيس التنفيذي لشركة زين), not the speaker; a person there
    // may be the name itself (القاضية لوالاس), and stays.
    const bool fused = c.f[i].substr(0, 2) == "\xD9\x84" &&
                       (em.start > c.tok.tokens[i].start || c.f[i].substr(2, 2) == "\xD9\x84");
    const bool after_fused = i > v + 1 && c.tok.tokens[i - 1].word && !PhraseWord(c, i - 1) &&
                             c.f[i - 1].substr(0, 2) == "\xD9\x84";
    if (em.type != EntityType::kPers && (fused || after_fused)) continue;
    int rank = em.type == EntityType::kPers ? 0 : em.type == EntityType::kOrg ? 1
               : (i <= v + 1) ? 2 : 99;
    if (rank < best_rank) best_rank = rank, best = c.mention_at[i];
  }
  if (best >= 0) {
    *s = FromMention(c, best);
    // An untitled indefinite noun in construct with the organisation (أفادت مصادر "سكاي
    // نيوز عربية"، وقال مسؤولو حماس): the organisation is its genitive, and the speaker is
    // the whole phrase, not the organisation.
    const EntityMention& em = c.mentions[best];
    size_t at = v + 2;
    if (at < stop && c.is_open[at]) ++at;
    const uint32_t head_flags = Gazetteer::Builtin().Flags(c.f[v + 1]);
    if (em.type == EntityType::kOrg && em.token_begin == at && em.start == c.tok.tokens[at].start &&
        em.token_end <= stop && c.mention_cover[v + 1] < 0 && PhraseWord(c, v + 1) &&
        IsArabicLetterWord(c.f[v + 1]) && !Definite(c.f[v + 1]) &&
        !Lex().not_designation.count(c.f[v + 1]) && !Lex().pronoun_subjects.count(c.f[v + 1]) &&
        !(head_flags & (kFlagPersonTitle | kFlagOrgTrigger | kFlagFirstName | kFlagPersonWord))) {
      // A quoted name runs to its closing mark (the tagger may stop short of it).
      size_t end = em.token_end;
      if (at == v + 3 && c.close[v + 2] > 0 && static_cast<size_t>(c.close[v + 2]) <= stop)
        end = std::max(end, static_cast<size_t>(c.close[v + 2]));
      std::string phrase;
      for (size_t k = v + 1; k < end; ++k) {
        if (!c.tok.tokens[k].word) continue;
        if (!phrase.empty()) phrase += ' ';
        phrase += c.text.substr(c.tok.tokens[k].start, c.tok.tokens[k].end - c.tok.tokens[k].start);
      }
      *s = Speaker();
      s->start = c.tok.tokens[v + 1].start;
      s->end = c.tok.tokens[end - 1].end;
      s->designation = phrase;
      return true;
    }
    TrimAddressee(c, best, s);
    return true;
  }
  if (v + 1 < stop && Lex().pronoun_subjects.count(c.f[v + 1])) {
    *pronoun = true;
    *s = last;
    s->start = c.tok.tokens[v + 1].start;
    s->end = c.tok.tokens[v + 1].end;
    return true;
  }
  // Designation: words after the verb up to a stop word or punctuation, at most 5. A
  // demonstrative after a definite word opens another noun phrase (وصفت وزارة الخارجية
  // الفلسطينية هذا القرار: the object); after an indefinite one it is a genitive (أحد هؤلاء
  // الدبلوماسيين، مصممو هذه الشرائح).
  size_t b = v + 1, e = b;
  while (e < stop && e < b + 5 && PhraseWord(c, e) &&
         !(e > b && Lex().demonstratives.count(c.f[e]) && Definite(c.f[e - 1])))
    ++e;
  if (e == b) return false;
  // An indefinite noun takes its place or affiliation with في (مصادر في الوزارة، باحثون
  // في علم الأعصاب: an indefinite noun needs the modifier to say who it is), unless the في
  // introduces the medium or occasion (في بيان، في وقت سابق).
  if (!Definite(c.f[b]) && e + 1 < stop && c.f[e] == FoldOnly("في") && PhraseWord(c, e + 1)) {
    const std::string_view head = StripAl(c.f[e + 1]);
    bool medium = false;
    for (const std::string& m : Lex().media) medium |= head.substr(0, m.size()) == m;
    if (!medium) {
      e += 2;
      while (e < stop && e < b + 8 && PhraseWord(c, e)) ++e;
    }
  }
  // Nor does it end with a preposition (the five words ran out: حزب حراك تونس الإرادة من).
  while (e > b + 1 && (Lex().preps.count(c.f[e - 1]) || Lex().stops.count(c.f[e - 1]))) --e;
  // A designation starts with a noun: not a particle, pronoun or number.
  if (Lex().not_designation.count(c.f[b]) || !IsArabicLetterWord(c.f[b])) return false;
  // "The same source" (المصدر نفسه، المصدر ذاته، نفس المصدر، ذات المصدر) is the latest
  // speaker, whom it names again.
  if (SameAsBefore(c, b, e) && last.resolved()) {
    const uint32_t start = c.tok.tokens[b].start, end = c.tok.tokens[e - 1].end;
    *s = last;
    s->start = start;
    s->end = end;
    return true;
  }
  std::string_view first = StripAl(c.f[b]);
  uint32_t flags = Gazetteer::Builtin().Flags(c.f[b]) | Gazetteer::Builtin().Flags(first);
  // A title followed by an untagged name starting with a common first name (وزير المواصلات
  // البحريني كمال بن أحمد): the name is the speaker.
  if (flags & kFlagPersonTitle) {
    for (size_t j = b + 1; j < stop && j < v + 12; ++j) {
      if (!c.tok.tokens[j].word) break;
      if (!(Gazetteer::Builtin().Flags(c.f[j]) & kFlagFirstName)) continue;
      size_t k = j + 1;
      while (k < stop && k < j + 4 && PhraseWord(c, k)) ++k;
      if (k == j + 1) break;  // a first name alone is too weak
      s->entity = -1;
      s->mention = -1;
      s->start = c.tok.tokens[j].start;
      s->end = c.tok.tokens[k - 1].end;
      s->designation = std::string(Bytes(c, j, k));
      return true;
    }
  }
  s->entity = -1;
  s->mention = -1;
  s->start = c.tok.tokens[b].start;
  s->end = c.tok.tokens[e - 1].end;
  s->designation.clear();
  int m = -1;
  if (flags & kFlagPersonTitle) m = FindByTitle(c, first, v, false);
  if (m < 0 && (flags & kFlagOrgTrigger)) m = FindByTitle(c, first, v, true);
  if (m >= 0) {
    s->entity = c.mentions[m].entity;
    return true;
  }
  // A definite noun with a nationality adjective (المسؤول الروسي) designates a person
  // already introduced, like a title.
  const bool national = e - b >= 2 && Definite(c.f[b]) &&
                        (Gazetteer::Builtin().Flags(c.f[b + 1]) & kFlagNationality);
  const bool titled = (flags & (kFlagPersonTitle | kFlagOrgTrigger)) != 0 || national;
  // An indefinite, untitled phrase is a name the tagger missed: a short form or variant of
  // an entity named earlier takes that entity (وقال أبو غليون -> فؤاد أبو غليون).
  if (!titled && !Definite(c.f[b])) {
    std::vector<std::string> words;
    for (size_t k = b; k < e; ++k) words.push_back(Fold(c.text.substr(
        c.tok.tokens[k].start, c.tok.tokens[k].end - c.tok.tokens[k].start)));
    for (EntityType t : {EntityType::kPers, EntityType::kOrg}) {
      int en = FindEntityForName(words, t, c.entities);
      if (en >= 0) {
        s->entity = en;
        return true;
      }
    }
  }
  // A definite title or trigger (الوزارة، المتحدث، المسؤول الروسي) refers back: to the
  // phrase that introduced it (وزارة الخدمة المدنية … وأوضحت الوزارة), else, for a person
  // whose whole designation is definite (no باسم الجيش that could introduce someone new),
  // to the latest person speaker.
  if (titled && Definite(c.f[b])) {
    // The latest speaker introduced by a designation with this head (قال المتحدث العسكري
    // باسم الجيش المصري … وأضاف المتحدث) is the one it refers to.
    if (e - b == 1 && last.entity < 0 && !last.designation.empty()) {
      const std::string head = FoldOnly(last.designation.substr(0, last.designation.find(' ')));
      if (StripAl(head) == StripAl(StripConj(c.f[b])) || StripAl(head) == StripAl(c.f[b])) {
        s->designation = last.designation;
        return true;
      }
    }
    if (AntecedentPhrase(c, b, e, s)) return true;
    // A bare title continues the current topic when the latest speaker is of its kind
    // (وقالت الشركة after the company spoke).
    if (e - b == 1 && last.entity >= 0 && last.entity < static_cast<int>(c.entities.size()) &&
        c.entities[last.entity].type ==
            ((flags & kFlagPersonTitle) ? EntityType::kPers : EntityType::kOrg)) {
      s->entity = last.entity;
      return true;
    }
    bool all_definite = true;
    for (size_t k = b; k < e; ++k) all_definite &= Definite(c.f[k]);
    // Only for people: a definite organisation phrase with adjectives (البرلمان العراقي،
    // الجيش الإسرائيلي) is a name in its own right.
    const bool person = !(flags & kFlagOrgTrigger) || (flags & kFlagPersonTitle);
    if (person && all_definite && last.entity >= 0 &&
        last.entity < static_cast<int>(c.entities.size()) &&
        c.entities[last.entity].type == EntityType::kPers) {
      s->entity = last.entity;
      return true;
    }
  }
  // A definite noun refers back even when it is not a known title: to a name, or to the
  // phrase that introduced it with a nationality (وذكرت الحكومة -> الحكومة الأسترالية
  // named earlier; an ordinal or other adjective, البيان السادس عشر, only told them apart).
  if (!titled && e - b == 1 && Definite(c.f[b])) {
    Speaker a = *s;
    if (AntecedentPhrase(c, b, e, &a)) {
      bool national = a.entity >= 0;
      for (size_t p = 0; p < a.designation.size() && !national;) {
        size_t q = a.designation.find(' ', p);
        if (q == std::string::npos) q = a.designation.size();
        national = NationalAdjective(FoldOnly(a.designation.substr(p, q - p)));
        p = q + 1;
      }
      if (national) {
        *s = a;
        return true;
      }
    }
  }
  // An indefinite noun in construct with a quoted name (وأورد موقع «الحدث نيوز» المقرب من
  // الحزب، أن) is named by it; the quotation is not the content, which opens at `stop`.
  if (e < stop && c.is_open[e] && c.close[e] > 0 && static_cast<size_t>(c.close[e]) < stop &&
      !Definite(c.f[e - 1])) {
    const std::string name = QuotedNameAfter(c, c.tok.tokens[e - 1].end);
    if (!name.empty()) {
      s->end = c.tok.tokens[c.close[e]].end;  // with the closing mark
      s->designation = std::string(Bytes(c, b, e)) + " " + name;
      return true;
    }
  }
  // A bare title (one word) names nobody on its own.
  if (e - b == 1 && titled) return true;
  s->designation = std::string(Bytes(c, b, e));
  return true;
}

}  // namespace

Speaker FiniteVerbSpeaker(const QuoteContext& c, size_t v, size_t stop, const Speaker& last) {
  const bool relay = Lex().relay.count(std::string(StripConj(c.f[v]))) > 0;
  Speaker sp;
  bool pronoun = false;
  bool named = false;
  size_t an = c.n;  // the عن of a relaying verb
  if (relay) {
    for (size_t k = v + 1; k < stop && an == c.n; ++k)
      if (c.f[k] == FoldOnly("عن")) an = k;
  }
  if (an < c.n && NounPhraseSpeaker(c, an + 1, stop, &sp)) return sp;  // نقل X عن Y أن: Y
  named = SpeakerAfterVerb(c, v, stop, last, &sp, &pronoun);
  // Subject-verb-object order: a name right before a verb written without و/ف, and not
  // behind a preposition (في مقابلة مع رويترز قال), is the subject; what follows the verb
  // is its object or addressee (لكن ترامب وصف مزاعمها بأنها، البكوش قال لـ«الشرق
  // الأوسط»), unless a name follows the verb at once (لرئاسة الاتحاد قال مارادونا).
  const int svo = SubjectBefore(c, v);
  const bool vso = named && sp.mention >= 0 && c.mentions[sp.mention].token_begin == v + 1;
  if (svo >= 0 && !pronoun && !vso) {
    sp = FromMention(c, svo);
    named = true;
  }
  if (!named || (!sp.resolved() && !pronoun && sp.designation.empty() && sp.end == 0)) {
    // Subject-first: a name right before the verb in the same sentence.
    // In the same sentence: not across its end (… باستشهاد إبراهيم. وقال:).
    int m = v >= 1 && !Boundary(c, v - 1, v) ? c.mention_cover[v - 1] : -1;
    if (m < 0 && v >= 2 && !c.tok.tokens[v - 1].word && !EndsSentence(c.f[v - 1]) &&
        !Boundary(c, v - 2, v))
      m = c.mention_cover[v - 2];
    // Only a person or organisation is a subject here; a place before the verb usually
    // ends the previous clause (بين إيران وكازاخستان وأضاف).
    if (m >= 0 && c.mentions[m].type != EntityType::kPers && c.mentions[m].type != EntityType::kOrg) m = -1;
    if (m >= 0) {
      sp = FromMention(c, m);
      named = true;
    } else if (PluperfectSubject(c, v, &sp) || RelativeAntecedent(c, v, &sp) ||
               TopicSubject(c, v, &sp)) {
      named = true;
    }
  }
  // No subject (وأضاف: …, or a verb inside a clause: واختارت أن تقول): the latest
  // speaker, else the latest person or organisation named before.
  if (!named) {
    const int m = MainClauseSubject(c, v);
    if (m >= 0) sp = FromMention(c, m);
    else sp = last.resolved() ? last : Antecedent(c, v);
  }
  if (named && !sp.resolved() && !pronoun) {
    // A bare title we could not link: fall back to the latest speaker.
    Speaker keep = sp;
    sp = last;
    sp.start = keep.start;
    sp.end = keep.end;
  }
  return sp;
}

Speaker MasdarSpeaker(const QuoteContext& c, size_t v, const Speaker& last) {
  // نقلت X عن Y قوله إن: the masdar's pronoun is Y, the object of عن, not the outlet X
  // (the guidelines' §4.1). The عن that follows the relaying verb (نقل), not one inside the
  // source's own phrase (عن مسؤولين، رفضوا الكشف عن هوياتهم، قولهم); without نقل, the
  // nearest عن.
  size_t an = c.n;
  for (size_t k = v; k-- > 0 && k + 25 > v;) {
    if (EndsSentence(c.f[k]) || c.para[k] != c.para[v] ||
        (c.verb[k] != VerbKind::kNone && c.verb[k] != VerbKind::kMasdar))
      break;
    if (c.f[k] == FoldOnly("عن") && an == c.n && k + 12 > v) an = k;
    const std::string_view w = StripConj(c.f[k]);
    if (w.substr(0, 6) == FoldOnly("نقل") || w.substr(0, 8) == FoldOnly("ينقل")) {
      for (size_t j = k + 1; j < v; ++j) {
        if (c.f[j] == FoldOnly("عن")) {
          an = j;
          break;
        }
      }
      break;
    }
  }
  Speaker sp;
  Speaker y;
  if (an < c.n && NounPhraseSpeaker(c, an + 1, v, &y)) {
    sp = y;
  } else {
    int m = LastNamed(c, v, true);
    if (m >= 0) sp = FromMention(c, m);
    else sp = last;
  }
  if (!sp.resolved() && last.resolved()) sp = last;
  return sp;
}

Speaker ParticipleSpeaker(const QuoteContext& c, size_t v, const Speaker& last,
                          size_t last_verb, bool quotes_before) {
  // The subject of the main clause.
  Speaker sp = last;
  // When no quote of its own sentence came before, the main clause is not speech
  // (وقد طعنت لورا … أمام القضاء، مؤكدة أنها): its subject, not the latest speaker.
  const int main = last_verb < v && SameSentence(c, last_verb, v) ? -1 : QadVerbSubject(c, v);
  if (main >= 0) {
    sp = FromMention(c, main);
  } else if (!(sp.resolved() && quotes_before)) {
    int m = LastNamed(c, v, true);
    if (m >= 0) sp = FromMention(c, m);
  }
  // The participle names nobody itself.
  if (sp.mention < 0 || c.mentions[sp.mention].token_begin < v) {
    // keep the mention range only when it is in the same paragraph
    if (sp.mention >= 0 && c.para[c.mentions[sp.mention].token_begin] != c.para[v]) sp.start = sp.end = 0;
  }
  if (!sp.resolved() && last.resolved()) sp = last;
  return sp;
}

Speaker PostposedSpeaker(const QuoteContext& c, size_t v, size_t stop, const Speaker& last) {
  Speaker sp;
  bool pronoun = false;
  if (!SpeakerAfterVerb(c, v, stop, last, &sp, &pronoun)) sp = last;
  return sp;
}

bool NounComplementSubject(const QuoteContext& c, size_t v, Speaker* s) {
  const int m = NamedSubject(c, v);
  if (m < 0) return false;
  *s = FromMention(c, m);
  s->start = s->end = 0;
  return true;
}

void NameSpeaker(const QuoteContext& c, const Speaker& sp, Quote* q) {
  if (sp.end > sp.start) {
    q->speaker_start = sp.start;
    q->speaker_end = sp.end;
    q->speaker = std::string(c.text.substr(sp.start, sp.end - sp.start));
  }
  if (sp.entity >= 0 && sp.entity < static_cast<int>(c.entities.size())) {
    q->speaker_canonical = c.entities[sp.entity].canonical;
    q->speaker_id = c.entities[sp.entity].entity_id;
    if (LoneProclitics(FoldOnly(q->speaker_canonical))) {
      // The tagger tagged a lone proclitic (وبـ«…») as a name.
      q->speaker_id.clear();
      q->speaker_canonical.clear();
    } else if (BareTitle(q->speaker_canonical)) {
      // The tagger tagged a trigger or title alone (وقالت منظمة "السلام الآن"): the quoted
      // name right after the mention completes it; without one it names nobody.
      q->speaker_id.clear();
      const std::string name = sp.end > 0 ? QuotedNameAfter(c, sp.end) : std::string();
      q->speaker_canonical = name.empty() ? std::string() : q->speaker_canonical + " " + name;
    }
  } else if (!sp.designation.empty() && !BareTitle(sp.designation)) {
    // A designation of one title or trigger word (عن الوزارة أن، عن قائد في الجيش قوله: the
    // relayed source's phrase cut at its first modifier) names nobody either.
    q->speaker_canonical = sp.designation;
  }
}

}  // namespace rasd::extract::internal
