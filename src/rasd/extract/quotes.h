// Quotes: who said what, in direct quotation and in reported speech.
//
// Found (rules over the tagger's tokens, folded, with the article's linked entities):
//   - direct: content in quotation marks ("…", «…», “…”) introduced by a speech verb before
//     it (وقال الرئيس: "…", وأضاف سماحته "…"), or after a colon that follows a speech verb
//     even without marks (وقال قائد الفرقة أحمد البدر: إن الجمهور …), or a quoted stretch of
//     at least four words followed by a postposed attribution ("…"، حسبما قال X / قال X);
//   - reported: a speech verb (قال، أكد، أضاف، أشار، اعتبر، شدد، أوضح، صرح، أعلن، كشف،
//     ذكر، أفاد، بيّن، نفى، لفت، نوّه، تابع، توقع، تمنى …, finite, participle such as
//     مؤكداً / مشيراً, or the masdar قوله) followed within the same sentence by a clausal
//     complement إن / أن / بأن / إلى أن / على أن / من أن (or أنه، إنها … with a pronoun),
//     within 22 tokens, or 40 when a parenthetical set off by commas follows the subject
//     (وأضاف المتحدث، في البيان …، أن). Verbs also count with an object pronoun (وصفه،
//     يصفها، أخبره); a relaying verb (نقل، ينقل) quotes only through عن, and its speaker
//     is the source after عن (وينقل موقع X عن Y أن -> Y). Unvoweled بين is the verb بيّن
//     only where a clause starts (كما بين X أن), elsewhere the preposition (من بين، بين X و Y).
//     A speech verb whose complement is a noun phrase (أعلن بدء العملية، أعرب عن) yields
//     nothing, and narrator formulas (يذكر أن، الجدير بالذكر أن) are not speech, nor a
//     verb whose subject is ما (وهو ما يكشف أن), nor يعتقد / يتوقع / تبين followed at once
//     by أن (impersonal: it is believed, it turned out); أن after بعد، قبل، إلا، رغم، كما …
//     is part of a conjunction, not a complement.
//   A short quoted stretch (up to four words) followed in its clause by a colon or a
//   complementizer is a name in the subject or addressee (أفادت مصادر "سكاي نيوز عربية"، بأن),
//   not the content; آن (with madda) is a name or a noun, never the complementizer أن.
// Quote boundaries: direct quotes run to the matching closing mark (an unbalanced mark runs
// to the end of its sentence/paragraph); reported content starts after a free-standing
// complementizer (at a pronoun-carrying one) and runs to the end of the sentence or to the
// next speech participle/verb introducing new content (also one after a connective: لكنه
// لفت إلى أن، حيث قال:). Speech nested inside a quote is part
// of it. The kind is direct when the content starts with a quotation mark or follows a
// speech-verb colon (the decision rule of tests/data/quotes_gold.md).
//
// Speakers, in order of preference:
//   1. a named entity between the verb and its content (verb-first: وقال الرئيس X إن); an
//      organisation behind a fused ل is the addressee or a genitive (لوكالة رويترز،
//      الرئيس التنفيذي لشركة زين), not the speaker, and a relative clause closes the
//      subject (وقالت الدراسة التي أجراها معهد … إن -> الدراسة); a person's name the tagger
//      ran into a fused addressee (أبو غليون لرويترز) loses that word and is linked again;
//      an untitled indefinite noun in construct with the organisation is the speaker with
//      it (أفادت مصادر "سكاي نيوز عربية" -> مصادر سكاي نيوز عربية);
//      A person or organisation right before a verb without و/ف, not behind a preposition,
//      is the subject (subject-verb-object: لكن ترامب وصف مزاعمها بأنها، البكوش قال لـ«الشرق
//      الأوسط») unless a name follows the verb at once;
//   2. a named entity just before the verb in the same sentence (subject-first: X قال إن),
//      or the phrase between كان and قد (وكان تقرير أصدره مركز … قد أوضح أن), or, for a verb
//      right after a relative pronoun, the noun phrase it refers to (مصادر مقربة من الفنان،
//      والتي قالت إنه);
//   3. a designation after the verb, up to punctuation, a preposition (also one fused to a
//      name: لرويترز), a complementizer, an adverb or another verb; an indefinite one keeps
//      a في modifier (مصادر في الوزارة) unless it names the medium (مسؤول في بيان):
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
//        - otherwise, when it is more than a bare title, the designation names the speaker
//          (مصادر محلية، مسؤول كبير بإدارة ترامب);
//      after a verb whose object is the addressee (أبلغ، أخبر، سأل) the subject is only
//      the first noun phrase (وأبلغت هيئة … الروسية وكالة إنترفاكس أن);
//   4. a pronoun (سماحته، بدوره، لكنه) or no subject at all (وأضاف: …): the latest speaker
//      (also the named subject of a speech verb with a noun-phrase complement: أكد الشيخ X
//      افتخار القبيلة … وقال:), else the latest person or organisation named earlier in the
//      article; the topic of a nominal sentence with a relative clause (وهذه المستندات
//      التي ذكرتها الإذاعة، أوضحت أن) is the subject of its verb; a verb inside a
//      subordinate clause with no subject of its own (صورا قالت إنها، حيث قال:) takes the
//      first person or organisation of its sentence, the main clause's subject;
//   5. participles (مؤكداً، قائلاً): the latest speaker, but the subject of a sentence
//      opening with (و)قد + verb when no quote came before in it (وقد طعنت X …، مؤكدة أن),
//      else the latest person or organisation of the paragraph; the masdar of a relayed
//      quote (نقلت X عن Y قوله) names Y, the phrase after the عن that follows نقل, not the
//      outlet X.
// The speaker's canonical name and id come from the entity linker (FindEntityForName for
// names the tagger missed); a pronoun or bare title that cannot be resolved leaves them
// empty, so speaker_canonical is never a pronoun or a bare title: an entity the tagger
// made of a trigger alone takes the quoted name after it (منظمة "السلام الآن") or nobody,
// and lone proclitics (بـ، وبـ) are never a speaker.
//
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/extract/entity_linker.h"
#include "rasd/extract/ner_tokenizer.h"

namespace rasd::extract {

struct Quote {
  uint32_t start = 0, end = 0;                  // content bytes
  uint32_t speaker_start = 0, speaker_end = 0;  // speaker mention bytes (0,0: none)
  uint32_t verb_start = 0, verb_end = 0;        // verb bytes (0,0: none)
  bool direct = false;
  std::string speaker;            // mention as written
  std::string speaker_canonical;  // resolved entity's canonical name, or a designation
  std::string speaker_id;         // entity id ("" for designations and unresolved)
  std::string verb;
  std::string text;               // content
};

// `mentions`/`entities` are the article's linked entities (token ranges index `tok`).
void FindQuotes(std::string_view text, const TokenizedText& tok,
                const std::vector<EntityMention>& mentions,
                const std::vector<LinkedEntity>& entities, std::vector<Quote>* out);

}  // namespace rasd::extract
