// The averaged structured perceptron; see perceptron.h.
#include "rasd/extract/perceptron.h"

#include "rasd/base/check.h"

namespace rasd::extract {

void ComputeEmissions(const float* weights, const SentenceFeatures& f,
                      std::vector<float>* emissions, const VectorProducts* products) {
  const size_t n = f.size();
  emissions->assign(n * kNumTags, 0.f);
  float* e = emissions->data();
  // The weight table is far larger than the caches and each row is a random access: ask for
  // rows a few features ahead so the loads overlap.
  constexpr uint32_t kAhead = 12;
  const uint32_t total = static_cast<uint32_t>(f.ids.size());
  for (uint32_t k = 0; k < kAhead && k < total; ++k) {
    __builtin_prefetch(weights + static_cast<size_t>(f.ids[k]) * kNumTags);
  }
  for (size_t i = 0; i < n; ++i) {
    float acc[kNumTags] = {};
    for (uint32_t k = f.offsets[i]; k < f.offsets[i + 1]; ++k) {
      if (k + kAhead < total) {
        const float* next = weights + static_cast<size_t>(f.ids[k + kAhead]) * kNumTags;
        __builtin_prefetch(next);
        __builtin_prefetch(next + kNumTags - 1);
      }
      const float* row = weights + static_cast<size_t>(f.ids[k]) * kNumTags;
      for (int t = 0; t < kNumTags; ++t) acc[t] += row[t];
    }
    if (!f.dense.empty()) {
      // Real-valued features from their values (how the trainer computes them).
      const float* x = &f.dense[i * f.dense_dims];
      const float* rows = weights + static_cast<size_t>(f.dense_row) * kNumTags;
      for (uint32_t j = 0; j < f.dense_dims; ++j) {
        if (x[j] == 0.f) continue;
        const float* row = rows + static_cast<size_t>(j) * kNumTags;
        for (int t = 0; t < kNumTags; ++t) acc[t] += x[j] * row[t];
      }
    } else if (f.dense_dims > 0) {
      // The tagger's path: one precomputed product per slot (vector_products.h).
      RASD_CHECK(products != nullptr && products->slots() == f.slots() &&
                 products->dense_row() == f.dense_row);
      const uint32_t slots = f.slots();
      for (uint32_t k = 0; k < slots; ++k) {
        const uint32_t r = f.vector_rows[i * slots + k];
        if (r == kNoVectorRow) continue;
        const float* p = products->At(r, k);
        for (int t = 0; t < kNumTags; ++t) acc[t] += p[t];
      }
    }
    for (int t = 0; t < kNumTags; ++t) e[i * kNumTags + t] = acc[t];
  }
}

StructuredPerceptron::StructuredPerceptron(uint32_t rows)
    : w_(static_cast<size_t>(rows) * kNumTags, 0.f),
      u_(static_cast<size_t>(rows) * kNumTags, 0.0),
      tw_(kNumTransitions, 0.f),
      tu_(kNumTransitions, 0.0) {}

void StructuredPerceptron::Update(const SentenceFeatures& f, int i, Tag tag, float delta) {
  for (uint32_t k = f.offsets[i]; k < f.offsets[i + 1]; ++k) {
    size_t idx = static_cast<size_t>(f.ids[k]) * kNumTags + tag;
    w_[idx] += delta;
    u_[idx] += static_cast<double>(time_) * delta;
  }
  // Real-valued features: the gradient of value * weight is the value.
  if (f.dense_dims > 0) {
    const float* x = &f.dense[static_cast<size_t>(i) * f.dense_dims];
    for (uint32_t j = 0; j < f.dense_dims; ++j) {
      if (x[j] == 0.f) continue;
      const size_t idx = (static_cast<size_t>(f.dense_row) + j) * kNumTags + tag;
      w_[idx] += delta * x[j];
      u_[idx] += static_cast<double>(time_) * delta * x[j];
    }
  }
}

void StructuredPerceptron::UpdateTransition(int prev, Tag tag, float delta) {
  size_t idx = static_cast<size_t>(prev) * kNumTags + tag;
  tw_[idx] += delta;
  tu_[idx] += static_cast<double>(time_) * delta;
}

size_t StructuredPerceptron::Learn(const TrainingExample& ex) {
  const int n = static_cast<int>(ex.gold.size());
  RASD_CHECK(static_cast<size_t>(n) == ex.features.size());
  RASD_CHECK(ex.features.dense_dims == 0 || !ex.features.dense.empty());  // learns from values
  ComputeEmissions(w_.data(), ex.features, &emissions_);
  ViterbiDecode(emissions_.data(), n, tw_.data(), &predicted_, &scratch_);
  size_t errors = 0;
  for (int i = 0; i < n; ++i) {
    const int gp = i == 0 ? kNumTags : ex.gold[i - 1];
    const int pp = i == 0 ? kNumTags : predicted_[i - 1];
    if (ex.gold[i] != predicted_[i]) {
      ++errors;
      Update(ex.features, i, ex.gold[i], +1.f);
      Update(ex.features, i, predicted_[i], -1.f);
    }
    if (gp != pp || ex.gold[i] != predicted_[i]) {
      UpdateTransition(gp, ex.gold[i], +1.f);
      UpdateTransition(pp, predicted_[i], -1.f);
    }
  }
  ++time_;
  return errors;
}

void StructuredPerceptron::Averaged(std::vector<float>* weights,
                                    std::vector<float>* transitions) const {
  const double t = static_cast<double>(time_);
  weights->resize(w_.size());
  for (size_t i = 0; i < w_.size(); ++i) (*weights)[i] = AveragedWeight(i, t);
  transitions->resize(tw_.size());
  for (size_t i = 0; i < tw_.size(); ++i) (*transitions)[i] = AveragedTransition(i, t);
}

void StructuredPerceptron::AddAveraged(std::vector<float>* weights,
                                       std::vector<float>* transitions) const {
  RASD_CHECK(weights->size() == w_.size() && transitions->size() == tw_.size());
  const double t = static_cast<double>(time_);
  for (size_t i = 0; i < w_.size(); ++i) (*weights)[i] += AveragedWeight(i, t);
  for (size_t i = 0; i < tw_.size(); ++i) (*transitions)[i] += AveragedTransition(i, t);
}

void MeanAveraged(const std::vector<StructuredPerceptron>& perceptrons,
                  std::vector<float>* weights, std::vector<float>* transitions) {
  RASD_CHECK(!perceptrons.empty());
  perceptrons[0].Averaged(weights, transitions);
  if (perceptrons.size() == 1) return;
  for (size_t k = 1; k < perceptrons.size(); ++k) perceptrons[k].AddAveraged(weights, transitions);
  const float inv = 1.f / static_cast<float>(perceptrons.size());
  for (float& x : *weights) x *= inv;
  for (float& x : *transitions) x *= inv;
}

}  // namespace rasd::extract
