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
//     complement إن / أن / بأن / إلى أن / على أن / من أن (or أنه، إنها … with a pronoun).
//     A speech verb whose complement is a noun phrase (أعلن بدء العملية، أعرب عن) yields
//     nothing, and narrator formulas (يذكر أن، الجدير بالذكر أن) are not speech.
// Quote boundaries: direct quotes run to the matching closing mark (an unbalanced mark runs
// to the end of its sentence/paragraph); reported content starts after a free-standing
// complementizer (at a pronoun-carrying one) and runs to the end of the sentence or to the
// next speech participle/verb introducing new content. Speech nested inside a quote is part
// of it. The kind is direct when the content starts with a quotation mark or follows a
// speech-verb colon (the decision rule of tests/data/quotes_gold.md).
//
// Speakers, in order of preference:
//   1. a named entity between the verb and its content (verb-first: وقال الرئيس X إن);
//   2. a named entity just before the verb in the same sentence (subject-first: X قال إن);
//   3. a designation after the verb (الوزير، الوزارة، مصادر محلية): a title or trigger word is
//      linked to the latest earlier entity introduced with that word (وزير الخارجية X …
//      وأكد الوزير -> X; وزارة العدل … الوزارة -> وزارة العدل); otherwise, when it is more than
//      a bare title, the designation itself names the speaker;
//   4. a pronoun (سماحته، بدوره) or no subject at all (وأضاف: …), and the participles
//      (مؤكداً، قائلاً): the latest speaker, else the latest person or organisation named
//      earlier in the sentence or article.
// The speaker's canonical name and id come from the entity linker; a pronoun or bare title
// that cannot be resolved leaves them empty.
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
