// Corpus-level stacking for the tagger's document stage: how a first-stage tagger labels
// each word across a large sample of unlabelled news, as features of that word wherever it
// occurs. It is the corpus analogue of the document features (document_features.h): a
// sports club or company that the first stage recognises in its clear contexts elsewhere
// in the news (فريق X، شركة X، X 2-1 Y) carries that evidence into the sentence at hand,
// where one word of context says little (Krishnan & Manning 2006 aggregate over the corpus
// as well as the document; Ratinov & Roth 2009 call it prediction history).
//
// CorpusTagProfiles maps a clitic-stripped folded base (features.h TokenInfo::base) to a
// 32-bit profile of the first stage's tags over its occurrences in the sample:
//   bits 0-3    1 + floor(log2(occurrences)), at most 15
//   bits 4+4k.. for entity type k (ner_tags.h order): 3 bits share of the occurrences
//               tagged B-k or I-k (0 none, 1 < 2%, 2 < 10%, 3 < 30%, 4 < 60%, 5 < 90%,
//               6 more), 1 bit whether B-k outnumbers I-k (the word starts names)
// Only words seen at least `min_total` times and tagged as some entity at least once are
// kept (Profile returns 0 for the others).
//
// The trainer (ner_trainer.h) computes profiles with first-stage models jackknifed over the
// training blocks (a sentence's profiles come from a model that did not see it), and the
// shipped model carries the profiles of its own first stage (ner_model.h).
//
// Deterministic: single thread, sentences in file order, sampling by sentence index.
// Thread-safety: TokenCorpus and a finished CorpusTagProfiles are immutable; share freely.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/base/result.h"
#include "rasd/extract/features.h"
#include "rasd/extract/ner_tags.h"
#include "rasd/extract/string_map.h"

namespace rasd::extract {

// Sentences of raw tokens (words and punctuation, as the tagger sees them at run time), as
// ids into a vocabulary: about 4 bytes per token.
struct TokenCorpus {
  std::vector<std::string> vocab;
  std::vector<uint32_t> ids;
  // Sentence k is ids[starts[k] .. starts[k+1]); the last entry is ids.size().
  std::vector<uint32_t> starts;
  size_t sentences() const { return starts.empty() ? 0 : starts.size() - 1; }
  size_t tokens() const { return ids.size(); }
};

// Reads the "title" and "body" of every JSONL record of `paths` (plain or .zst), tokenised for
// the tagger (ner_tokenizer.h), keeping sentence k (counted over all files, sentences of 3 to
// 120 tokens only) when k % every == 0, until `max_tokens` tokens are kept. Errors: those of
// ForEachLine (corpus_reader.h).
Status LoadTokenCorpus(const std::vector<std::string>& paths, uint32_t every, size_t max_tokens,
                       TokenCorpus* out);

class CorpusTagProfiles {
 public:
  static constexpr uint32_t kMinTotal = 2;

  // 0 when the word is unknown or never tagged as an entity.
  uint32_t Profile(std::string_view base) const {
    auto it = profiles_.find(base);
    return it == profiles_.end() ? 0 : it->second;
  }
  size_t size() const { return profiles_.size(); }
  bool empty() const { return profiles_.empty(); }

  // The profile of a word's tag counts (the encoding above).
  static uint32_t Encode(const std::array<uint32_t, kNumTags>& counts);
  static uint32_t ShareBucket(uint32_t profile, int type) {
    return (profile >> (4 + 4 * type)) & 7;
  }
  static bool StartsNames(uint32_t profile, int type) { return (profile >> (7 + 4 * type)) & 1; }
  static uint32_t CountBucket(uint32_t profile) { return profile & 15; }

  void Set(std::string base, uint32_t profile) { profiles_[std::move(base)] = profile; }

  // Binary form for the model file: count varint, then per word (sorted by bytes) the
  // length-prefixed word and the profile varint.
  void AppendTo(std::string* out) const;
  static Result<CorpusTagProfiles> ParseFrom(std::string_view* in);

 private:
  StringMap<uint32_t> profiles_;
};

// Tags every sentence of `corpus` with the sentence-stage `weights`/`transitions` (no recall
// bias) over `fx`'s features and profiles the bases.
CorpusTagProfiles ProfileCorpus(const TokenCorpus& corpus, const FeatureExtractor& fx,
                                const std::vector<float>& weights,
                                const std::vector<float>& transitions);

}  // namespace rasd::extract
