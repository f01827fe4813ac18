// NerTagger: finds person, place, organisation and other names in tokenised text with the
// averaged-perceptron model (perceptron.h, features.h, viterbi.h).
//
// Usage:
//   RASD_ASSIGN_OR_RETURN(auto tagger, NerTagger::Open("models/ner.model"));
//   NerTagger::Scratch scratch;             // one per thread, reused
//   std::vector<Tag> tags;
//   tagger->Tag(tokens, &tags, &scratch);   // tokens: raw token bytes of ONE sentence
//
// Errors: Open returns the model loader's errors (NotFound, IOError, Corruption naming the
// file, NotSupported for a newer format). Tag cannot fail.
//
// Thread-safety: a NerTagger is immutable after Open; Tag may run concurrently on one
// tagger with a separate Scratch per thread. Steady-state tagging does not allocate once
// the scratch buffers have grown (apart from short-string temporaries of the analyser for
// words longer than the small-string buffer).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/base/result.h"
#include "rasd/extract/document_features.h"
#include "rasd/extract/features.h"
#include "rasd/extract/ner_model.h"
#include "rasd/extract/ner_tags.h"
#include "rasd/extract/vector_products.h"
#include "rasd/extract/viterbi.h"

namespace rasd::extract {

class NerTagger {
 public:
  struct Scratch {
    FeatureScratch features;
    SentenceFeatures ids;
    std::vector<float> emissions;
    std::vector<float> edges;  // per-token transitions of edge features (perceptron.h)
    ViterbiScratch viterbi;
  };

  // Buffers of TagDocument and TagWindows, reused across calls.
  struct DocumentScratch {
    Scratch sentence;
    std::vector<std::vector<TokenInfo>> infos;  // per sentence
    std::vector<std::vector<std::string_view>> bases;  // views into infos
    std::vector<SentenceFeatures> features;     // first-stage features per sentence
    std::vector<std::vector<extract::Tag>> first;
    SentenceFeatures merged;
    DocumentCounts counts;
    // Per-token analyses held across documents (their capacity, used or not): what a
    // caller checks to drop a scratch grown for an outsized document.
    size_t TokenCapacity() const;
  };

  static Result<std::unique_ptr<NerTagger>> Open(const std::string& path);
  static std::unique_ptr<NerTagger> FromModel(NerModel model);

  // Tags one sentence. `tags` gets one tag per token, a valid BIO sequence.
  void Tag(const std::vector<std::string_view>& tokens, std::vector<extract::Tag>* tags,
           Scratch* scratch) const;

  // Tags the sentences of one document (an article). With a model that has a document
  // stage (document_features.h), each sentence is tagged first on its own, then again with
  // the first-stage tags of the whole document as features; otherwise as Tag. `tags` gets
  // one vector per sentence. scratch->infos[k] is sentence k's per-token analysis.
  void TagDocument(const std::vector<std::vector<std::string_view>>& sentences,
                   std::vector<std::vector<extract::Tag>>* tags, DocumentScratch* scratch) const;

  // Tags sentences [begin, end) of a run of sentences that marks no articles (a CoNLL file):
  // the document stage of sentence j counts the first-stage tags of the sentences within
  // `window` of it, the stand-in for an article that the document stage was trained with
  // (kDocumentWindow, NerTrainOptions::document_window). The sentences outside [begin, end)
  // are context only, so a long run can be tagged in pieces that overlap by `window`
  // sentences, each piece tagging as the whole run would. `tags` gets end - begin vectors;
  // scratch->infos[j] is sentence j's per-token analysis. Without a document stage, as Tag.
  void TagWindows(const std::vector<std::vector<std::string_view>>& sentences, size_t begin,
                  size_t end, int window, std::vector<std::vector<extract::Tag>>* tags,
                  DocumentScratch* scratch) const;

  // The per-token analysis of the last Tag call on `scratch` (folded form, base, flags...).
  static const std::vector<TokenInfo>& TokenInfos(const Scratch& s) { return s.features.info; }

  const NerModel& model() const { return model_; }
  // The tagger's extractor. With a word-vector model it writes the vectors' rows, not their
  // values (FeatureExtractor::SetDenseValues(false)): its features score only with the
  // tagger's product tables (vector_products.h), which Tag and TagDocument use.
  const FeatureExtractor& features() const { return features_; }
  const WordClusters& clusters() const { return model_.clusters; }

 private:
  explicit NerTagger(NerModel model);
  // TagDocument's and TagWindows' stages: the first tags every sentence on its own (the
  // scratch's infos, bases, features, first; its counts emptied), the second tags sentence j
  // with the scratch's counts as its document.
  void FirstStage(const std::vector<std::vector<std::string_view>>& sentences,
                  DocumentScratch* scratch) const;
  void SecondStage(size_t j, DocumentScratch* scratch, std::vector<extract::Tag>* tags) const;
  // Adds sentence j's first-stage tags to `counts`.
  static void CountSentence(size_t j, const DocumentScratch& scratch, DocumentCounts* counts);
  NerModel model_;
  FeatureExtractor features_;
  // The word-vector products of each stage's weights (vector_products.h); empty without
  // vectors.
  VectorProducts products_, doc_products_;
};

}  // namespace rasd::extract
