// Tagging text that comes as sentences of tokens with no article boundaries (a CoNLL file,
// `rasd tag --conll`), as close as such text allows to what `rasd extract` does for an
// article: both stages of the tagger, each sentence's document being the sentences within
// kDocumentWindow of it (NerTagger::TagWindows, the stand-in for an article that the
// document stage was trained with); the name-span repairs (name_spans.h); then one sense per
// discourse (name_propagation.h) over the sentences within kConllPropagationWindow of each
// sentence, standing in for the article again. Measured by bench/extract/ner_eval.cc's
// "rasd tag --conll" row.
//
// Thread-safety: as NerTagger::TagWindows (one scratch per thread).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "rasd/extract/ner_tagger.h"
#include "rasd/extract/ner_tags.h"

namespace rasd::extract {

// The sentences on either side of a sentence whose names it shares (one sense per
// discourse): those of its document-stage window, as the article `rasd extract` propagates
// over is the document its tagger sees.
inline constexpr int kConllPropagationWindow = kDocumentWindow;

// Sentences on either side of a piece that TagConllRun needs as context: a long run tagged
// in pieces [begin, end) with this many sentences around each tags as the whole run would
// (the propagation reads the tags of sentences up to kConllPropagationWindow away, each
// tagged with its own document window).
inline constexpr size_t kConllContext =
    static_cast<size_t>(kDocumentWindow) + static_cast<size_t>(kConllPropagationWindow);

// Sentences a caller reading a long run tags at a time (`rasd tag --conll`). Each piece runs
// the first stage again over its 2 x kConllContext sentences of context, and the second stage
// and the repairs over the inner 2 x kConllPropagationWindow of them: about 6% more work at
// 512 sentences (12% at 256); a piece of news text is some 16,000 tokens, a few MB of
// analyses.
inline constexpr size_t kConllPiece = 512;

// TagConllRun's buffers, reused across calls.
struct ConllRunScratch {
  std::vector<std::vector<Tag>> tags;         // of the sentences the piece draws on
  std::vector<std::vector<bool>> eligible;    // MayPropagate, per sentence and token
  std::vector<std::vector<uint64_t>> named;   // per sentence: the bases' hashes of its tagged
                                              // tokens (TokenInfo::h_base)
  std::vector<std::string_view> bases;        // one sentence's window, concatenated
  std::vector<bool> window_eligible;
  std::vector<bool> window_starts;            // true at the first token of each sentence
  std::vector<Tag> window_tags;
};

// Tags sentences [begin, end) of `sentences` (those outside are context only; requires
// begin <= end <= sentences.size()). `tags` gets end - begin vectors, one tag per token, each
// a valid BIO sequence.
void TagConllRun(const NerTagger& tagger,
                 const std::vector<std::vector<std::string_view>>& sentences, size_t begin,
                 size_t end, std::vector<std::vector<Tag>>* tags,
                 NerTagger::DocumentScratch* scratch, ConllRunScratch* run);

}  // namespace rasd::extract
