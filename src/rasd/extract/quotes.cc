// Quote finding; see quotes.h. The speakers are resolved in internal/speaker_resolution.cc.
#include "rasd/extract/quotes.h"

#include <algorithm>

#include "rasd/extract/gazetteer.h"
#include "rasd/extract/internal/quote_context.h"
#include "rasd/extract/internal/speaker_resolution.h"
#include "rasd/extract/name_forms.h"

namespace rasd::extract {

using internal::Boundary;
using internal::EndsSentence;
using internal::FiniteVerbSpeaker;
using internal::IsComma;
using internal::kPronounComp;
using internal::Lex;
using internal::Lexicon;
using internal::MasdarSpeaker;
using internal::NameSpeaker;
using internal::NounComplementSubject;
using internal::ParticipleSpeaker;
using internal::PostposedSpeaker;
using internal::QuoteContext;
using internal::Speaker;
using internal::StripConj;
using internal::VerbKind;
using internal::WordsBetween;

namespace {

// End (exclusive token index) of reported content starting at `b`.
size_t ReportedEnd(const QuoteContext& c, size_t b) {
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
    // A speech verb after a connective (لكنه لفت إلى أن، حيث قال:، ثم أضاف) starts a
    // statement of its own; the connective is not part of the content.
    if (i > b + 1 && c.verb[i] == VerbKind::kFinite &&
        Lex().connectives.count(std::string(StripConj(c.f[i - 1]))))
      return i - 1;
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
size_t UnclosedEnd(const QuoteContext& c, size_t b) {
  size_t i = b;
  while (i < c.n) {
    if (i > b && Boundary(c, i - 1, i)) return i;
    if (i > b && c.verb[i] == VerbKind::kParticiple && (c.f[i - 1] == "\xD8\x8C" || c.f[i - 1] == ","))
      return i - 1;
    ++i;
  }
  return c.n;
}

// True when a colon or a complementizer follows token b-1 within the same clause (before
// the sentence ends, another quotation opens or another speech verb), at most 10 tokens on.
bool OpenerFollows(const QuoteContext& c, size_t b) {
  for (size_t k = b; k < c.n && k < b + 10; ++k) {
    if ((k > 0 && Boundary(c, k - 1, k)) || EndsSentence(c.f[k]) || c.is_open[k]) return false;
    if (c.verb[k] != VerbKind::kNone) return false;
    if (c.f[k] == ":" || c.comp[k]) return true;
  }
  return false;
}

// True when the quotation opening at token `open` is the name of an indefinite trigger right
// before it (شركة "كي بي إم جي السعودية"، لقناة «سي بي سي»، مجموعة "جيه إل إل"): a trigger
// without the article is in the construct state, and the quotation is its genitive. After a
// definite one (وقالت الصحيفة "…") the quotation is what it said.
bool TriggerBefore(const QuoteContext& c, size_t open) {
  if (open == 0 || !c.tok.tokens[open - 1].word || Boundary(c, open - 1, open)) return false;
  for (const CliticSplit& split : ProcliticSplits(c.f[open - 1])) {
    if (internal::Definite(split.base)) continue;
    if (Gazetteer::Builtin().Flags(split.base) & (kFlagOrgTrigger | kFlagLocTrigger)) return true;
  }
  return false;
}

// True when the free complementizer at token ci belongs to a modal or volitional word right
// before it (يجب أن، يمكن أن، ضرورة أن) or to an impersonal من + adjective (من المتوقع أن),
// not to speech verb v.
bool SubjunctiveAn(const QuoteContext& c, size_t v, size_t ci) {
  if (c.comp[ci] != internal::kFreeComp || ci < 2 || ci - 1 <= v) return false;
  const Lexicon& lex = Lex();
  const std::string prev(StripConj(c.f[ci - 1]));
  if (lex.subjunctive.count(prev)) return true;
  return lex.impersonal_adj.count(prev) && ci - 2 > v && StripConj(c.f[ci - 2]) == FoldOnly("من");
}

// Trims trailing punctuation tokens of [b, e).
size_t TrimEnd(const QuoteContext& c, size_t b, size_t e) {
  while (e > b && !c.tok.tokens[e - 1].word) --e;
  return e;
}

}  // namespace

void FindQuotes(std::string_view text, const TokenizedText& tok,
                const std::vector<EntityMention>& mentions,
                const std::vector<LinkedEntity>& entities, std::vector<Quote>* out) {
  out->clear();
  const QuoteContext c(text, tok, mentions, entities);
  if (c.n == 0) return;
  const Lexicon& lex = Lex();

  Speaker last;
  size_t last_verb = c.n;  // the verb of the latest quote
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
    NameSpeaker(c, sp, &q);
    covered.emplace_back(cb, ce);
    out->push_back(std::move(q));
  };

  for (size_t v = 0; v < c.n; ++v) {
    const VerbKind kind = c.verb[v];
    if (kind == VerbKind::kNone || kind == VerbKind::kNarrator) continue;
    if (inside_covered(v)) continue;
    // A speech verb whose subject is ما (وهو ما يكشف أن، ما يؤكد أن) states what a fact
    // shows, not what someone said; with an object pronoun ما is its object instead (ما
    // وصفه "…": what he described as).
    if (kind == VerbKind::kFinite && v > 0 && !c.object_suffix[v] &&
        StripConj(c.f[v - 1]) == FoldOnly("ما"))
      continue;
    // يُعتقد أن، تبيّن أن: impersonal, nobody speaks.
    if (v + 1 < c.n && c.comp[v + 1] && lex.impersonal.count(std::string(StripConj(c.f[v]))))
      continue;
    // Find the content opener: colon, quotation mark or complementizer.
    size_t i = v + 1;
    size_t limit = std::min(c.n, v + 22);
    // A parenthetical set off by a comma after the subject (وأضاف المتحدث، في البيان …
    // الماضية، أن) may push the complementizer further: up to 40 tokens, where only a
    // complementizer right after a comma opens the content.
    bool parenthetical = false;
    for (size_t k = v + 1; k < c.n && k < v + 5; ++k) parenthetical |= IsComma(c.f[k]);
    const size_t far = parenthetical ? std::min(c.n, v + 40) : limit;
    const bool relay = lex.relay.count(std::string(StripConj(c.f[v]))) > 0;
    size_t content = c.n, content_end = c.n, stop = c.n;
    bool direct = false, found = false;
    while (i < far) {
      if (Boundary(c, i - 1, i)) break;
      const std::string& s = c.f[i];
      if (EndsSentence(s)) break;
      if (i > v + 1 && c.verb[i] != VerbKind::kNone && c.verb[i] != VerbKind::kMasdar) break;
      // نقلت X عن Y قوله: the masdar carries the quote.
      if (relay && c.verb[i] == VerbKind::kMasdar) break;
      if (i >= limit && !(c.comp[i] && IsComma(c.f[i - 1]))) {
        if (c.is_open[i] && c.close[i] > 0) i = static_cast<size_t>(c.close[i]);
        ++i;
        continue;
      }
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
        // A short quoted stretch followed by the content's own opener is a name within the
        // subject or the addressee (أفادت مصادر "سكاي نيوز عربية"، بأن …), not the content.
        const bool name = c.close[i] > 0 && ((words <= 4 && OpenerFollows(c, cl + 1)) ||
                                             (words <= 6 && TriggerBefore(c, i)));
        if (words >= 3 && !name &&
            (right_after || kind == VerbKind::kFinite || kind == VerbKind::kParticiple)) {
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
                  c.comp[i + 1];
      size_t ci = prep ? i + 1 : i;
      // A relaying verb quotes only through عن (نقل X عن Y أن), not with its own object.
      if (c.comp[ci] && relay) {
        bool an = false;
        for (size_t k = v + 1; k < ci; ++k) an |= c.f[k] == FoldOnly("عن");
        if (!an) break;
      }
      if (c.comp[ci] && ci > 0 && lex.conj_an.count(std::string(StripConj(c.f[ci - 1])))) {
        ++i;  // بعد أن، إلا أن: a conjunction, not the content's complementizer
        continue;
      }
      if (SubjunctiveAn(c, v, ci)) {
        ++i;  // يجب أن، من المتوقع أن: the subjunctive of another word, not content
        continue;
      }
      if (c.comp[ci]) {
        stop = i;
        content = c.comp[ci] == kPronounComp ? ci : ci + 1;
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
    if (!found) {
      // A speech verb with a noun-phrase complement (أكد الشيخ X افتخار القبيلة) yields no
      // quote, but its named subject is whom a later verb without one (وقال:) continues.
      if (kind == VerbKind::kFinite) NounComplementSubject(c, v, &last);
      continue;
    }
    // The speaker (speaker_resolution.h).
    const Speaker sp = kind == VerbKind::kFinite  ? FiniteVerbSpeaker(c, v, stop, last)
                       : kind == VerbKind::kMasdar ? MasdarSpeaker(c, v, last)
                                                   : ParticipleSpeaker(c, v, last, last_verb,
                                                                       !out->empty());
    if (content >= c.n) continue;
    emit(v, content, content_end, direct, sp);
    last_verb = v;
    if (sp.resolved()) {
      last = sp;
    }
  }

  // Postposed attribution: "…"، حسبما قال X / قال X.
  for (size_t i = 0; i < c.n; ++i) {
    if (!c.is_open[i] || c.close[i] <= 0) continue;
    size_t cl = static_cast<size_t>(c.close[i]);
    if (WordsBetween(c, i + 1, cl) < 4 || inside_covered(i + 1)) continue;
    if (WordsBetween(c, i + 1, cl) <= 6 && TriggerBefore(c, i)) continue;  // a name
    size_t k = cl + 1;
    while (k < c.n && !c.tok.tokens[k].word && !EndsSentence(c.f[k]) && k < cl + 3) ++k;
    if (k >= c.n || Boundary(c, cl, k)) continue;
    size_t v = k;
    if (lex.postposed.count(c.f[k]) && k + 1 < c.n) v = k + 1;
    if (v < c.n && c.f[v] == FoldOnly("ما") && v + 1 < c.n) ++v;
    if (c.verb[v] != VerbKind::kFinite) continue;
    size_t stop = std::min(c.n, v + 8);
    for (size_t e = v + 1; e < stop; ++e) {
      if (EndsSentence(c.f[e]) || Boundary(c, e - 1, e)) {
        stop = e;
        break;
      }
    }
    const Speaker sp = PostposedSpeaker(c, v, stop, last);
    emit(v, i + 1, cl, true, sp);
    if (sp.resolved()) last = sp;
  }
  std::sort(out->begin(), out->end(), [](const Quote& a, const Quote& b) { return a.start < b.start; });
}

}  // namespace rasd::extract
