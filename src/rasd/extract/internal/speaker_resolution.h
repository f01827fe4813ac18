// Speaker resolution: who said a quote that quotes.cc found, given its speech verb.
//
// The rules read the article through a QuoteContext (internal/quote_context.h): folded
// tokens, speech verbs, complementizers and the tagger's linked mentions. A speaker is an
// entity of the article (a person or organisation), or a designation (مصادر محلية), or
// nobody; `last`, the speaker of the previous quote, carries the discourse forward.
//
// Finite verbs (FiniteVerbSpeaker), in order of preference:
//   1. a named entity between the verb and its content (verb-first: وقال الرئيس X إن); an
//      organisation behind a fused ل is the addressee or a genitive (لوكالة رويترز،
//      الرئيس التنفيذي لشركة زين), not the speaker, and a relative clause closes the
//      subject (وقالت الدراسة التي أجراها معهد … إن -> الدراسة); a person's name the tagger
//      ran into a fused addressee (أبو غليون لرويترز) loses that word and is linked again;
//      an untitled indefinite noun in construct with the organisation is the speaker with
//      it (أفادت مصادر "سكاي نيوز عربية" -> مصادر سكاي نيوز عربية);
//      a person or organisation right before a verb without و/ف, not behind a preposition,
//      is the subject (subject-verb-object: لكن ترامب وصف مزاعمها بأنها، البكوش قال لـ«الشرق
//      الأوسط») unless a name follows the verb at once; a relaying verb's speaker is the
//      source after عن (وينقل موقع X عن Y أن -> Y);
//   2. a named entity just before the verb in the same sentence (subject-first: X قال إن),
//      or the phrase between كان and قد (وكان تقرير أصدره مركز … قد أوضح أن), or, for a verb
//      right after a relative pronoun, the noun phrase it refers to (مصادر مقربة من الفنان،
//      والتي قالت إنه; not when the verb has an object pronoun: القس الذي وصفه بـ "…" is
//      its object), or the topic of a nominal sentence closed by a relative clause
//      (وهذه المستندات التي ذكرتها الإذاعة، أوضحت أن);
//   3. a designation after the verb, up to punctuation, a preposition (also one fused to a
//      name: لرويترز), a complementizer, an adverb (العام الماضي; after a noun العام is
//      "general": الأمين العام، المدعي العام), another verb or a demonstrative after a
//      definite word (وصفت الوزارة هذا القرار: the object; أحد هؤلاء الدبلوماسيين keeps it),
//      never ending with a preposition; an indefinite one keeps a في modifier (مصادر في
//      الوزارة) unless it names the medium (مسؤول في بيان، وزارة الداخلية في بلاغ لها):
//        - "the same X" (المصدر نفسه، ذات المصدر) is the latest speaker;
//        - a title or trigger word is linked to the latest earlier entity introduced with it
//          (وزير الخارجية X … وأكد الوزير -> X; a title phrase may separate them: نائب وزير
//          الداخلية اليمني، اللواء الركن X), but not to a name behind a fused preposition
//          (والدة الصحفي لميسي) nor to an adjective of nationality tagged as a name;
//        - an indefinite untitled phrase is a name the tagger missed: a short form or
//          variant of an earlier entity takes it (أبو غليون -> فؤاد أبو غليون);
//        - a definite title or trigger refers back (Arabic marks known referents with ال):
//          to the phrase that introduced it (وزارة الخدمة المدنية … وأوضحت الوزارة; صحفي
//          أرجنتيني … وسأل الصحفي; a bare one first to the latest speaker's designation
//          with the same head: المتحدث العسكري باسم الجيش … وأضاف المتحدث), else a bare
//          one to the latest speaker of its kind, else,
//          for a person described only by definite words (المسؤول الروسي), to the latest
//          person speaker;
//        - a definite untitled noun refers back to a name or to the phrase that introduced
//          it with an adjective of nationality (وذكرت الحكومة -> الحكومة الأسترالية);
//        - an indefinite noun right before a short quoted name (at most six words, not the
//          content) is named by it (وأورد موقع «الحدث نيوز» المقرب من الحزب، أن -> موقع
//          الحدث نيوز; وكالة "أعماق"، صحيفة "دون بالون");
//        - otherwise, when it is more than a bare title, the designation names the speaker
//          (مصادر محلية، مسؤول كبير بإدارة ترامب); a designation never starts with a
//          preposition carrying a pronoun (يقول لنا ضاحكا:، كتب عليها:), an addressee or
//          adjunct, which leaves the verb without a subject of its own;
//      after a verb whose object is the addressee (أبلغ، أخبر، سأل) the subject is only
//      the first noun phrase (وأبلغت هيئة … الروسية وكالة إنترفاكس أن);
//   4. a pronoun (سماحته، بدوره، لكنه) or no subject at all (وأضاف: …): the latest speaker
//      (also the named subject of a speech verb with a noun-phrase complement, which
//      NounComplementSubject gives: أكد الشيخ X افتخار القبيلة … وقال:), else the latest
//      person or organisation named earlier in the article; a verb inside a subordinate
//      clause with no subject of its own (صورا قالت إنها، حيث قال:) takes the first person
//      or organisation of its sentence, the main clause's subject.
// Participles (ParticipleSpeaker; مؤكداً، قائلاً): the latest speaker, but the subject of a
// sentence opening with (و)قد + verb when no quote came before in it (وقد طعنت X …، مؤكدة
// أن), else the latest person or organisation of the paragraph.
// The masdar of a relayed quote (MasdarSpeaker; نقلت X عن Y قوله) names Y, the phrase after
// the عن that follows نقل, not the outlet X.
// A postposed attribution ("…"، حسبما قال X; PostposedSpeaker) takes the phrase after its
// verb, else the latest speaker.
//
// NameSpeaker writes the result into a Quote: the canonical name and id come from the
// entity linker (FindEntityForName for names the tagger missed); a pronoun or bare title
// that cannot be resolved leaves them empty, so speaker_canonical is never a pronoun or a
// bare title: an entity the tagger made of a trigger alone takes the quoted name after it
// (منظمة "السلام الآن") or nobody, and lone proclitics (بـ، وبـ) are never a speaker.
//
// Private to rasd::extract (internal/). Thread-safety: pure functions of their arguments.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "rasd/extract/internal/quote_context.h"
#include "rasd/extract/quotes.h"

namespace rasd::extract::internal {

struct Speaker {
  int mention = -1;        // mention index
  int entity = -1;         // entity index
  uint32_t start = 0, end = 0;  // bytes of the speaker as written (0, 0: none in the text)
  std::string designation;  // when no entity
  bool resolved() const { return entity >= 0 || !designation.empty(); }
};

// The speaker of finite speech verb v (token index) whose content opener (colon, quotation
// mark or complementizer) is token `stop`; `last` is the previous quote's speaker.
Speaker FiniteVerbSpeaker(const QuoteContext& c, size_t v, size_t stop, const Speaker& last);

// The speaker of the masdar v carrying a relayed quote (نقلت X عن Y قوله إن).
Speaker MasdarSpeaker(const QuoteContext& c, size_t v, const Speaker& last);

// The speaker of participle v (مؤكداً أن). `last_verb` is the verb of the previous quote (n:
// none) and `quotes_before` whether the article has a quote before this one.
Speaker ParticipleSpeaker(const QuoteContext& c, size_t v, const Speaker& last,
                          size_t last_verb, bool quotes_before);

// The speaker of finite verb v after a quotation ("…"، حسبما قال X), looking at tokens
// (v, stop).
Speaker PostposedSpeaker(const QuoteContext& c, size_t v, size_t stop, const Speaker& last);

// The named subject of speech verb v whose complement is a noun phrase (أكد الشيخ X افتخار
// القبيلة), without a byte range (a later quote's speaker mention is its own). Returns false
// when none is named.
bool NounComplementSubject(const QuoteContext& c, size_t v, Speaker* s);

// Fills q's speaker, speaker_canonical and speaker_id from `sp`.
void NameSpeaker(const QuoteContext& c, const Speaker& sp, Quote* q);

}  // namespace rasd::extract::internal
