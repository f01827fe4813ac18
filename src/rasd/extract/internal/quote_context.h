// What the quote rules read: an article's tokens folded and classified once (speech verbs,
// complementizers, paragraphs, paired quotation marks, the tagged mentions over them), the
// word lists the rules consult, and the small word tests both halves of quote extraction
// share: finding the quotes (quotes.cc) and resolving their speakers (speaker_resolution.h).
//
// Private to rasd::extract (internal/): the public entry point is FindQuotes (quotes.h).
// Thread-safety: Lex() is built once and immutable; a QuoteContext belongs to one call.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "rasd/extract/entity_linker.h"
#include "rasd/extract/ner_tokenizer.h"
#include "rasd/extract/string_map.h"

namespace rasd::extract::internal {

// How a speech-verb token introduces content: a finite verb (قال، يؤكد، وصفه), a participle
// (مؤكداً، قائلاً), a masdar carrying a relayed quote (قوله) or a narrator formula (يذكر أن),
// which is not speech.
enum class VerbKind : uint8_t { kNone, kFinite, kParticiple, kMasdar, kNarrator };

// The word lists of the rules, folded (name_forms.h FoldOnly). quotes.h and
// speaker_resolution.h say what each list is for; quote_context.cc lists the words.
struct Lexicon {
  StringMap<VerbKind> verbs;
  std::unordered_set<std::string> free_comp, pronoun_comp, preps, pronoun_subjects, stops,
      postposed, adverbs, not_designation, relative, connectives, media, ditransitive,
      impersonal, conj_an, subjunctive, impersonal_adj, demonstratives, object_verbs, relay,
      named_after;
};
const Lexicon& Lex();

// Complementizer kinds (QuoteContext::comp).
constexpr uint8_t kFreeComp = 1, kPronounComp = 2;

// One article as the quote rules see it. Token indices index `tok.tokens`; `n` is their
// number. Holds references to the caller's text, tokens, mentions and entities, which must
// outlive it.
struct QuoteContext {
  QuoteContext(std::string_view text, const TokenizedText& tok,
               const std::vector<EntityMention>& mentions,
               const std::vector<LinkedEntity>& entities);

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
  std::vector<uint8_t> comp;         // kFreeComp / kPronounComp / 0 per token
  std::vector<bool> object_suffix;   // a speech verb written with an object pronoun
};

// --- Words (folded unless said otherwise) ---

bool IsComma(std::string_view s);
bool EndsSentence(std::string_view s);
// Removes one leading و or ف when the rest has at least 2 letters.
std::string_view StripConj(std::string_view w);
bool IsArabicLetterWord(std::string_view w);
std::string_view StripAl(std::string_view w);
// A definite noun (ال after an optional و/ف): in Arabic a definite subject with no name
// refers back to someone already introduced (وأكد الوزير), an indefinite one introduces a
// new, anonymous speaker (وقال مصدر عسكري).
bool Definite(std::string_view w);
// A definite adjective of nationality or origin: listed, or the relational (nisba) form
// ال + X + ي / ية of a known place X, XA, XYA or الX (الأسترالية <- أستراليا, المصرية <-
// مصر, الفرنسي <- فرنسا, الأرجنتيني <- الأرجنتين): Arabic derives them from the place name.
bool NationalAdjective(std::string_view w);
// NationalAdjective, definite or not (أرجنتيني, الأرجنتيني).
bool Nisba(std::string_view w);
// The stem of a speech verb written with an attached object pronoun (وصفه، يصفها، أخبرهم):
// the verb without و/ف and without ه / ها / هم / هما, when it is one of the object-taking
// speech verbs; "" otherwise.
std::string_view ObjectVerbStem(std::string_view w);
// True for a token of proclitics alone, written apart before a quotation or a foreign word
// (بـ «…», وبـ, لـ, also with the article: بالـ): never part of a designation.
bool LoneProclitics(std::string_view w);

// --- Tokens of a context ---

std::string_view Bytes(const QuoteContext& c, size_t b, size_t e);  // tokens [b, e)
bool Boundary(const QuoteContext& c, size_t i, size_t j);  // between tokens i < j: paragraph change?
size_t WordsBetween(const QuoteContext& c, size_t b, size_t e);
// True when tokens a <= b are in one sentence (no sentence end or paragraph between).
bool SameSentence(const QuoteContext& c, size_t a, size_t b);
// True when token k can continue a noun phrase after a speech verb: a word that is not a
// preposition or time word, a complementizer, a speech verb or an adverb, and not a
// preposition fused to a name or an organisation word (لرويترز، لوكالة، للصحفيين: the
// addressee, not the speaker).
bool PhraseWord(const QuoteContext& c, size_t k);

}  // namespace rasd::extract::internal
