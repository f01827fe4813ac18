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
//     by أن (impersonal: it is believed, it turned out); أن after بعد، قبل، إلا، رغم، كما،
//     دون، خصوصا، لدرجة … is part of a conjunction, not a complement, and لأن (because) is
//     none; أن after a modal or volitional word (يجب، يمكن، ينبغي، يريد، قرر، ضرورة …) or
//     an impersonal من + adjective (من المتوقع أن، من المقرر أن) is that word's
//     subjunctive, not the content (the search goes on for the verb's own complementizer).
//   A short quoted stretch (up to four words) followed in its clause by a colon or a
//   complementizer is a name in the subject or addressee (أفادت مصادر "سكاي نيوز عربية"، بأن),
//   not the content, and so is one of up to six words right after a trigger without the
//   article (شركة "كي بي إم جي السعودية"، لقناة «سي بي سي»: the trigger's genitive; after a
//   definite subject, وقالت الصحيفة «…», it is the content); آن (with madda) is a name or a
//   noun, never the complementizer أن.
// Paragraphs end at a newline or at a no-break space standing alone between spaces
// (" \u00A0 ", SaudiNewsNet's paragraph break). Quote boundaries: direct quotes run to the
// matching closing mark (an unbalanced mark runs to the end of its sentence/paragraph);
// reported content starts after a free-standing complementizer (at a pronoun-carrying one)
// and runs to the end of the sentence or to the next speech participle/verb introducing new
// content (also one after a connective: لكنه لفت إلى أن، حيث قال:). Speech nested inside a
// quote is part of it. The kind is direct when the content starts with a quotation mark or
// follows a speech-verb colon (the decision rule of tests/data/quotes_gold.md).
//
// Speakers (internal/speaker_resolution.h lists the rules): a named person or organisation
// after the verb or just before it, else a title, pronoun or definite description linked
// back to an entity or designation named earlier, else the designation itself (مصادر
// محلية), else the latest speaker. speaker_canonical is the resolved entity's canonical
// name or the designation, never a pronoun or a bare title.
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
