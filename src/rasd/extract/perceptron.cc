// The averaged structured perceptron; see perceptron.h.
#include "rasd/extract/perceptron.h"

#include <algorithm>

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
    if (f.aux_dims > 0) {
      // Encoder outputs (bilstm.h), always as values.
      const float* x = &f.aux[i * f.aux_dims];
      const float* rows = weights + static_cast<size_t>(f.aux_row) * kNumTags;
      for (uint32_t j = 0; j < f.aux_dims; ++j) {
        const float* row = rows + static_cast<size_t>(j) * kNumTags;
        for (int t = 0; t < kNumTags; ++t) acc[t] += x[j] * row[t];
      }
    }
    for (int t = 0; t < kNumTags; ++t) e[i * kNumTags + t] = acc[t];
  }
}

const float* ComputeEdgeScores(const float* weights, const SentenceFeatures& f,
                               std::vector<float>* edges) {
  if (!f.has_edges()) return nullptr;
  const size_t n = f.size();
  RASD_CHECK(f.edge_offsets.size() == n + 1);
  edges->assign(n * kEdgeBlock, 0.f);
  for (size_t i = 0; i < n; ++i) {
    float acc[kEdgeBlock] = {};
    for (uint32_t k = f.edge_offsets[i]; k < f.edge_offsets[i + 1]; ++k) {
      // kNumTags + 1 consecutive rows: exactly one kEdgeBlock.
      const float* rows = weights + static_cast<size_t>(f.edge_ids[k]) * kNumTags;
      for (int j = 0; j < kEdgeBlock; ++j) acc[j] += rows[j];
    }
    std::copy(acc, acc + kEdgeBlock, edges->data() + i * kEdgeBlock);
  }
  return edges->data();
}

double SequenceScore(const float* e, const float* transitions, const float* edges,
                     const std::vector<Tag>& tags) {
  double s = 0;
  for (size_t i = 0; i < tags.size(); ++i) {
    const int prev = i == 0 ? kNumTags : tags[i - 1];
    s += e[i * kNumTags + tags[i]] + transitions[prev * kNumTags + tags[i]];
    if (edges != nullptr)
      s += edges[i * kEdgeBlock + static_cast<size_t>(prev) * kNumTags + tags[i]];
  }
  return s;
}

float PassiveAggressiveStep(double loss, double margin, double squared_norm, float cap) {
  if (squared_norm <= 0) return cap;
  const double tau = std::max(0.0, loss - margin) / squared_norm;
  return static_cast<float>(std::min(static_cast<double>(cap), tau));
}

StructuredPerceptron::StructuredPerceptron(uint32_t rows, UpdateRule rule)
    : w_(static_cast<size_t>(rows) * kNumTags, 0.f),
      u_(static_cast<size_t>(rows) * kNumTags, 0.0),
      tw_(kNumTransitions, 0.f),
      tu_(kNumTransitions, 0.0),
      rule_(rule) {}

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
  if (f.aux_dims > 0) {
    const float* x = &f.aux[static_cast<size_t>(i) * f.aux_dims];
    for (uint32_t j = 0; j < f.aux_dims; ++j) {
      const size_t idx = (static_cast<size_t>(f.aux_row) + j) * kNumTags + tag;
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

void StructuredPerceptron::UpdateEdges(const SentenceFeatures& f, int i, int prev, Tag tag,
                                       float delta) {
  for (uint32_t k = f.edge_offsets[i]; k < f.edge_offsets[i + 1]; ++k) {
    const size_t idx =
        (static_cast<size_t>(f.edge_ids[k]) + static_cast<size_t>(prev)) * kNumTags + tag;
    w_[idx] += delta;
    u_[idx] += static_cast<double>(time_) * delta;
  }
}

double StructuredPerceptron::SquaredDifference(const TrainingExample& ex) {
  // The sparse difference vector as (coordinate, value) pairs, merged after sorting so that
  // hashed rows shared by several features (or by the gold and predicted sides) are summed
  // before squaring. Transitions take the coordinates after the weight table.
  const SentenceFeatures& f = ex.features;
  const uint64_t trans_base = w_.size();
  diff_.clear();
  const int n = static_cast<int>(ex.gold.size());
  for (int i = 0; i < n; ++i) {
    const Tag g = ex.gold[i], p = predicted_[i];
    const int gp = i == 0 ? kNumTags : ex.gold[i - 1];
    const int pp = i == 0 ? kNumTags : predicted_[i - 1];
    if (g != p) {
      for (uint32_t k = f.offsets[i]; k < f.offsets[i + 1]; ++k) {
        diff_.emplace_back(static_cast<uint64_t>(f.ids[k]) * kNumTags + g, 1.f);
        diff_.emplace_back(static_cast<uint64_t>(f.ids[k]) * kNumTags + p, -1.f);
      }
      if (f.dense_dims > 0) {
        const float* x = &f.dense[static_cast<size_t>(i) * f.dense_dims];
        for (uint32_t j = 0; j < f.dense_dims; ++j) {
          if (x[j] == 0.f) continue;
          const uint64_t row = static_cast<uint64_t>(f.dense_row) + j;
          diff_.emplace_back(row * kNumTags + g, x[j]);
          diff_.emplace_back(row * kNumTags + p, -x[j]);
        }
      }
      if (f.aux_dims > 0) {
        const float* x = &f.aux[static_cast<size_t>(i) * f.aux_dims];
        for (uint32_t j = 0; j < f.aux_dims; ++j) {
          const uint64_t row = static_cast<uint64_t>(f.aux_row) + j;
          diff_.emplace_back(row * kNumTags + g, x[j]);
          diff_.emplace_back(row * kNumTags + p, -x[j]);
        }
      }
    }
    if (gp != pp || g != p) {
      diff_.emplace_back(trans_base + static_cast<uint64_t>(gp) * kNumTags + g, 1.f);
      diff_.emplace_back(trans_base + static_cast<uint64_t>(pp) * kNumTags + p, -1.f);
      if (f.has_edges()) {
        for (uint32_t k = f.edge_offsets[i]; k < f.edge_offsets[i + 1]; ++k) {
          diff_.emplace_back((static_cast<uint64_t>(f.edge_ids[k]) + gp) * kNumTags + g, 1.f);
          diff_.emplace_back((static_cast<uint64_t>(f.edge_ids[k]) + pp) * kNumTags + p, -1.f);
        }
      }
    }
  }
  std::sort(diff_.begin(), diff_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  double sq = 0, cur = 0;
  for (size_t k = 0; k < diff_.size(); ++k) {
    cur += diff_[k].second;
    if (k + 1 == diff_.size() || diff_[k + 1].first != diff_[k].first) {
      sq += cur * cur;
      cur = 0;
    }
  }
  return sq;
}

size_t StructuredPerceptron::Learn(const TrainingExample& ex) {
  const int n = static_cast<int>(ex.gold.size());
  RASD_CHECK(static_cast<size_t>(n) == ex.features.size());
  RASD_CHECK(ex.features.dense_dims == 0 || !ex.features.dense.empty());  // learns from values
  ComputeEmissions(w_.data(), ex.features, &emissions_);
  const float* edges = ComputeEdgeScores(w_.data(), ex.features, &edges_);
  const float best = ViterbiDecode(emissions_.data(), n, tw_.data(), &predicted_, &scratch_, edges);
  size_t errors = 0;
  for (int i = 0; i < n; ++i) errors += ex.gold[i] != predicted_[i];
  float step = errors == 0 ? 0.f : 1.f;
  if (errors > 0 && rule_.pa_cost > 0) {
    const double margin = SequenceScore(emissions_.data(), tw_.data(), edges, ex.gold) - best;
    step = PassiveAggressiveStep(static_cast<double>(rule_.pa_cost) * static_cast<double>(errors),
                                 margin, SquaredDifference(ex), rule_.pa_cap);
  }
  last_step_ = step;
  const bool has_edges = ex.features.has_edges();
  for (int i = 0; i < n && errors > 0; ++i) {
    const int gp = i == 0 ? kNumTags : ex.gold[i - 1];
    const int pp = i == 0 ? kNumTags : predicted_[i - 1];
    if (ex.gold[i] != predicted_[i]) {
      Update(ex.features, i, ex.gold[i], +step);
      Update(ex.features, i, predicted_[i], -step);
    }
    if (gp != pp || ex.gold[i] != predicted_[i]) {
      UpdateTransition(gp, ex.gold[i], +step);
      UpdateTransition(pp, predicted_[i], -step);
      if (has_edges) {
        UpdateEdges(ex.features, i, gp, ex.gold[i], +step);
        UpdateEdges(ex.features, i, pp, predicted_[i], -step);
      }
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
