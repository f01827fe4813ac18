// Document-level features for the tagger's second stage (stacking, as in Krishnan & Manning
// 2006, "An Effective Two-Stage Model for Exploiting Non-Local Dependencies in Named Entity
// Recognition", ACL): the first-stage tagger labels every sentence of a document on its own;
// the second stage sees, for each token, its own first-stage tag and its neighbours', and how
// the first stage labelled the OTHER occurrences of the same clitic-stripped word in the
// document (mostly PERS? never tagged? tagged two ways?). A name that is clear in one
// sentence of an article (وزير الدفاع دونالد رامسفيلد) then helps its bare mentions elsewhere
// (وقال رامسفيلد), and a word the first stage tagged once against ten untagged occurrences
// is doubted.
//
// The trainer feeds the second stage jackknifed first-stage tags (ner_trainer.h), so the
// first stage's training-set mistakes are as frequent as on new text.
//
// Thread-safety: DocumentCounts is a plain accumulator (one per thread); the functions are
// pure.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rasd/extract/corpus_tags.h"
#include "rasd/extract/features.h"
#include "rasd/extract/ner_tags.h"
#include "rasd/extract/string_map.h"

namespace rasd::extract {

// Where a text marks no articles (a CoNLL file: ANERcorp marks none), the sentences within
// this many of a sentence stand in for its article: its articles average about 17 sentences.
// The document stage is trained that way (NerTrainOptions::document_window) and
// NerTagger::TagWindows tags that way.
inline constexpr int kDocumentWindow = 8;

// Per word (clitic-stripped folded base): how many of its occurrences in the document the
// first stage tagged with each tag. Keys are views: the strings added must outlive the
// counts (until Clear), which spares an allocation per word.
class DocumentCounts {
 public:
  using Counts = std::array<uint32_t, kNumTags>;  // by first-stage tag (B and I apart)
  void Clear() { map_.clear(); }
  void Add(std::string_view base, Tag first_stage_tag) { ++map_[base][first_stage_tag]; }
  // Takes back one Add of the same pair (a sliding window of sentences). A word whose counts
  // fall to zero reads as absent.
  void Remove(std::string_view base, Tag first_stage_tag) {
    auto it = map_.find(base);
    if (it != map_.end() && it->second[first_stage_tag] > 0) --it->second[first_stage_tag];
  }
  // Counts for `base` (zeros when absent).
  Counts Get(std::string_view base) const {
    auto it = map_.find(base);
    return it == map_.end() ? Counts{} : it->second;
  }

 private:
  std::unordered_map<std::string_view, Counts, StringViewHash> map_;
};


// Writes into `out` the features of `in` (a sentence's first-stage features) with each
// token's document features appended. `info` is the sentence's per-token analysis (its
// `base` keys `counts`), `first` its first-stage tags; each token's own tag is removed from
// its counts before use (the features describe the other occurrences). With non-null
// `corpus`, each token also gets the corpus profile of its base and of its neighbours'
// (corpus_tags.h).
void AppendDocumentFeatures(const SentenceFeatures& in, const std::vector<std::string_view>& bases,
                            const std::vector<Tag>& first, const DocumentCounts& counts,
                            const CorpusTagProfiles* corpus, uint32_t hash_bits,
                            SentenceFeatures* out);

}  // namespace rasd::extract
