// The entity tagger; see ner_tagger.h.
#include "rasd/extract/ner_tagger.h"

#include <algorithm>

#include "rasd/base/macros.h"
#include "rasd/extract/perceptron.h"

namespace rasd::extract {

NerTagger::NerTagger(NerModel model)
    : model_(std::move(model)),
      features_(&model_.clusters, &Gazetteer::Builtin(), &model_.lexicon, model_.hash_bits) {
  features_.SetEdgeKinds(model_.edge_kinds);
  if (model_.has_encoder()) features_.SetEncoder(&model_.encoder);
  if (model_.has_vectors()) {
    features_.SetVectors(&model_.vectors, model_.vector_scale);
    // The vector part of the emissions from tables built once (vector_products.h).
    features_.SetDenseValues(false);
    products_ = VectorProducts::Build(model_.vectors, model_.vector_scale, model_.weights.data(),
                                      features_.dense_row(), features_.vector_slots());
    if (model_.has_document_stage()) {
      doc_products_ = VectorProducts::Build(model_.vectors, model_.vector_scale, model_.doc_weights.data(),
                                            features_.dense_row(), features_.vector_slots());
    }
  }
}

Result<std::unique_ptr<NerTagger>> NerTagger::Open(const std::string& path) {
  RASD_ASSIGN_OR_RETURN(NerModel model, LoadNerModel(path));
  return FromModel(std::move(model));
}

std::unique_ptr<NerTagger> NerTagger::FromModel(NerModel model) {
  return std::unique_ptr<NerTagger>(new NerTagger(std::move(model)));
}

void NerTagger::Tag(const std::vector<std::string_view>& tokens, std::vector<extract::Tag>* tags,
                    Scratch* s) const {
  features_.Compute(tokens, &s->features, &s->ids);
  ComputeEmissions(model_.weights.data(), s->ids, &s->emissions, &products_);
  AddRecallBias(model_.recall_bias, &s->emissions);
  const float* edges = ComputeEdgeScores(model_.weights.data(), s->ids, &s->edges);
  ViterbiDecode(s->emissions.data(), static_cast<int>(tokens.size()), model_.transitions.data(),
                tags, &s->viterbi, edges);
}

size_t NerTagger::DocumentScratch::TokenCapacity() const {
  size_t n = sentence.features.info.capacity();
  for (const std::vector<TokenInfo>& v : infos) n += v.capacity();
  return n;
}

void NerTagger::FirstStage(const std::vector<std::vector<std::string_view>>& sentences,
                           DocumentScratch* ds) const {
  // The counts' keys view the analyses about to be replaced (DocumentCounts: valid until
  // Clear).
  ds->counts.Clear();
  const size_t k = sentences.size();
  ds->infos.resize(k);
  ds->bases.resize(k);
  ds->features.resize(k);
  ds->first.resize(k);
  Scratch& s = ds->sentence;
  const bool doc = model_.has_document_stage();
  for (size_t j = 0; j < k; ++j) {
    const size_t n = sentences[j].size();
    features_.Compute(sentences[j], &s.features, &ds->features[j]);
    ComputeEmissions(model_.weights.data(), ds->features[j], &s.emissions, &products_);
    // The document stage was trained on unbiased first-stage tags.
    if (!doc) AddRecallBias(model_.recall_bias, &s.emissions);
    const float* edges = ComputeEdgeScores(model_.weights.data(), ds->features[j], &s.edges);
    ViterbiDecode(s.emissions.data(), static_cast<int>(n), model_.transitions.data(), &ds->first[j],
                  &s.viterbi, edges);
    ds->infos[j].assign(s.features.info.begin(), s.features.info.begin() + static_cast<long>(n));
    ds->bases[j].resize(n);
    // Views: infos[j] is not touched again.
    for (size_t i = 0; i < n; ++i) ds->bases[j][i] = ds->infos[j][i].base;
  }
}

void NerTagger::SecondStage(size_t j, DocumentScratch* ds, std::vector<extract::Tag>* tags) const {
  Scratch& s = ds->sentence;
  AppendDocumentFeatures(ds->features[j], ds->bases[j], ds->first[j], ds->counts, model_.corpus(),
                         model_.hash_bits, &ds->merged);
  ComputeEmissions(model_.doc_weights.data(), ds->merged, &s.emissions, &doc_products_);
  AddRecallBias(model_.doc_recall_bias, &s.emissions);
  const float* edges = ComputeEdgeScores(model_.doc_weights.data(), ds->merged, &s.edges);
  ViterbiDecode(s.emissions.data(), static_cast<int>(ds->bases[j].size()),
                model_.doc_transitions.data(), tags, &s.viterbi, edges);
}

void NerTagger::TagDocument(const std::vector<std::vector<std::string_view>>& sentences,
                            std::vector<std::vector<extract::Tag>>* tags,
                            DocumentScratch* ds) const {
  FirstStage(sentences, ds);
  const size_t k = sentences.size();
  tags->resize(k);
  if (!model_.has_document_stage()) {
    for (size_t j = 0; j < k; ++j) (*tags)[j] = ds->first[j];
    return;
  }
  for (size_t j = 0; j < k; ++j) CountSentence(j, *ds, &ds->counts);
  for (size_t j = 0; j < k; ++j) SecondStage(j, ds, &(*tags)[j]);
}

void NerTagger::TagWindows(const std::vector<std::vector<std::string_view>>& sentences,
                           size_t begin, size_t end, int window,
                           std::vector<std::vector<extract::Tag>>* tags,
                           DocumentScratch* ds) const {
  const size_t k = sentences.size();
  end = std::min(end, k);
  begin = std::min(begin, end);
  FirstStage(sentences, ds);
  tags->resize(end - begin);
  if (!model_.has_document_stage()) {
    for (size_t j = begin; j < end; ++j) (*tags)[j - begin] = ds->first[j];
    return;
  }
  const size_t w = static_cast<size_t>(std::max(window, 0));
  // The counts of sentences [lo, hi), slid one sentence at a time.
  size_t lo = begin > w ? begin - w : 0;
  size_t hi = std::min(k, begin + w + 1);
  for (size_t j = lo; j < hi; ++j) CountSentence(j, *ds, &ds->counts);
  for (size_t j = begin; j < end; ++j) {
    SecondStage(j, ds, &(*tags)[j - begin]);
    if (j >= w) {
      for (size_t i = 0; i < ds->bases[lo].size(); ++i) {
        ds->counts.Remove(ds->bases[lo][i], ds->first[lo][i]);
      }
      ++lo;
    }
    if (hi < k) CountSentence(hi++, *ds, &ds->counts);
  }
}

void NerTagger::CountSentence(size_t j, const DocumentScratch& ds, DocumentCounts* counts) {
  for (size_t i = 0; i < ds.bases[j].size(); ++i) counts->Add(ds.bases[j][i], ds.first[j][i]);
}

}  // namespace rasd::extract
