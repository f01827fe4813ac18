// Gazetteers: word lists and multi-word name lists that the tagger uses as features and the
// entity linker uses to recognise titles and well-known full names.
//
// Two kinds of knowledge live here:
//   - word flags: a folded word is a person title (الرئيس، وزير، الشيخ، سماحة ...), an
//     organisation trigger (وكالة، حزب، جامعة ...), a place trigger (مدينة، محافظة ...), a
//     common first name, a nationality adjective, ...
//   - phrases: multi-word names with a type (حلف الناتو → ORG, الأمم المتحدة → ORG,
//     كازاخستان → LOC, علي الخامنئي → PERS), matched longest-first over a token sequence.
//     A phrase's first word may carry proclitics in the text (وإيران, للأمم المتحدة).
//
// Builtin() holds the lists written for rasd (gazetteer_lists.cc; no external downloads).
// The trainer builds a second Gazetteer from the ANERcorp training entities
// (FromTrainingData), stored in the model file.
//
// Thread-safety: immutable after construction; share freely.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rasd/base/result.h"
#include "rasd/extract/ner_tags.h"
#include "rasd/extract/string_map.h"

namespace rasd::extract {

enum GazetteerFlag : uint32_t {
  kFlagPersonTitle = 1u << 0,   // الرئيس، وزير، الشيخ، السيد، سماحة ...
  kFlagOrgTrigger = 1u << 1,    // وكالة، حزب، جامعة، شركة، وزارة ...
  kFlagLocTrigger = 1u << 2,    // مدينة، محافظة، ولاية، جزيرة ...
  kFlagFirstName = 1u << 3,     // محمد، أحمد، دونالد ...
  kFlagNationality = 1u << 4,   // الإيراني، الأمريكية ...
  kFlagHonorific = 1u << 5,     // titles that may be dropped from a name (آية، الله، العظمى)
  kFlagPersonWord = 1u << 6,    // any word of a known person's name
  kFlagLocWord = 1u << 7,       // any word of a known place name
  kFlagOrgWord = 1u << 8,       // any word of a known organisation name
  kFlagMiscWord = 1u << 9,
  kFlagMonth = 1u << 10,        // month names (not entities in ANERcorp)
  kFlagSpeechVerb = 1u << 11,   // قال، أكد ...
};

class Gazetteer {
 public:
  // Label of a token after Match: 0 = no match, else 1 + 2*type (+1 inside a phrase).
  static constexpr uint8_t kNoMatch = 0;

  // The lists written for rasd.
  static const Gazetteer& Builtin();

  // Builds a gazetteer of the entity phrases in training sentences (tokens folded), keeping
  // a phrase only when it was tagged with that type at least `min_count` times and at least
  // `min_ratio` of the time its words appear as exactly that phrase... (see gazetteer.cc).
  void AddPhrase(const std::vector<std::string>& folded_words, EntityType type,
                 uint32_t count = 1);
  void AddFlags(std::string_view folded_word, uint32_t flags);

  uint32_t Flags(std::string_view folded_word) const;

  // Longest-match over a sentence. `candidates[i]` lists the folded forms token i may be
  // read as (the whole word first, then clitic-stripped bases); only the first token of a
  // phrase may use a stripped base. Writes one label per token into `labels`.
  void Match(const std::vector<std::vector<std::string>>& candidates,
             std::vector<uint8_t>* labels) const;

  // The type of an exact phrase, if listed.
  bool Lookup(const std::vector<std::string>& folded_words, EntityType* type) const;

  size_t phrase_count() const { return phrase_count_; }

  // Binary form for the model file (coding.h varints; order-independent content is written
  // sorted, so equal gazetteers serialise to equal bytes).
  void AppendTo(std::string* out) const;
  static Result<Gazetteer> ParseFrom(std::string_view* in);

 private:
  struct Phrase {
    std::vector<std::string> rest;  // words after the first
    EntityType type;
    uint32_t count;
  };
  StringMap<std::vector<Phrase>> by_first_;
  StringMap<uint32_t> flags_;
  size_t phrase_count_ = 0;
  size_t max_len_ = 0;
};

// Well-known people with their full names as the lists give them (raw, unfolded); the
// linker maps a surname-only or title+surname mention (السيد رئيسي) to the full name when
// exactly one known person has that surname.
const std::vector<std::string>& KnownPeople();

}  // namespace rasd::extract
