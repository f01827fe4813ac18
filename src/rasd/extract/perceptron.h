// The averaged structured perceptron (Collins 2002, "Discriminative Training Methods for
// Hidden Markov Models", EMNLP) for first-order sequence labelling over the BIO tags.
//
// For each training sentence the current weights decode the best tag sequence (viterbi.h);
// where it differs from the gold sequence, the features of the gold tags gain +1 and those
// of the predicted tags lose 1 (emission rows and transitions alike). The returned model is
// the average of the weights over all updates, which Collins shows generalises much better
// than the final weights; the average is kept in O(1) per update with the usual trick of a
// second accumulator weighted by the update time (Daumé III 2006, sec. 2.1.1).
//
// Weights are indexed [row * kNumTags + tag], rows being hashed feature ids (features.h);
// transitions [(prev) * kNumTags + tag] with prev = kNumTags for the sentence start. A
// real-valued feature (SentenceFeatures::dense) adds value * weight to the score and its
// update adds +-value: the perceptron update is the gradient of the score, and for a binary
// feature the value is 1.
//
// Edge features (features.h SentenceFeatures::edge_ids) add per-token transition scores
// (ComputeEdgeScores, viterbi.h); they are updated like the transitions, where the gold and
// predicted tag pairs (y[i-1], y[i]) differ.
//
// Update size: the perceptron's step is 1. With UpdateRule::pa_cost > 0 each update is a
// passive-aggressive step instead (PA-I of Crammer et al. 2006, "Online Passive-Aggressive
// Algorithms", JMLR 7, with the decoder's best sequence as the one constraint: the 1-best
// MIRA of McDonald, Crammer & Pereira 2005): the smallest step tau that makes the gold
// sequence outscore the predicted one by the loss, pa_cost times the number of wrong tags,
// capped at pa_cap:
//   tau = min(pa_cap, (loss - (score(gold) - score(predicted))) / ||phi(gold) - phi(pred)||^2)
// with phi the full feature vector (emission rows, values of real-valued features,
// transitions, edge rows; collisions of hashed rows summed before squaring). A sentence with
// many features or one nearly right moves the weights less than one far off.
//
// Deterministic: the order of sentences is the caller's (the trainer shuffles with a fixed
// seed), and the arithmetic is sequential.
//
// Thread-safety: a trainer object is used by one thread; Score/Decode are pure.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "rasd/extract/features.h"
#include "rasd/extract/ner_tags.h"
#include "rasd/extract/vector_products.h"
#include "rasd/extract/viterbi.h"

namespace rasd::extract {

inline constexpr int kNumTransitions = (kNumTags + 1) * kNumTags;

struct TrainingExample {
  SentenceFeatures features;
  std::vector<Tag> gold;
};

// Fills `emissions` (n * kNumTags) with sum over each token's features of their weight rows,
// then value * weight for each real-valued feature. Without the values
// (FeatureExtractor::SetDenseValues(false), the tagger) the vector part comes from
// `products`, built from these `weights` (vector_products.h; equal up to float rounding).
void ComputeEmissions(const float* weights, const SentenceFeatures& features,
                      std::vector<float>* emissions, const VectorProducts* products = nullptr);

// Fills `edges` (n * kEdgeBlock, viterbi.h) with each token's edge-feature transition scores:
// for token i the sum over its edge ids r of the kEdgeBlock weights from row r on (rows r + p
// for previous tag p, r + kNumTags for the start). Returns edges->data(), or nullptr when the
// features have no edge features (pass it to ViterbiDecode either way).
const float* ComputeEdgeScores(const float* weights, const SentenceFeatures& features,
                               std::vector<float>* edges);

// The score of the tag sequence `tags` under emissions, transitions and edges (as decoded
// by ViterbiDecode).
double SequenceScore(const float* emissions, const float* transitions, const float* edges,
                     const std::vector<Tag>& tags);

// How far each update moves the weights (see the header comment).
struct UpdateRule {
  float pa_cost = 0.f;  // 0: the perceptron's step of 1
  float pa_cap = 1.f;   // PA-I's aggressiveness C
};

// PA-I's step for an update with `loss`, `margin` = score(gold) - score(predicted) and
// `squared_norm` = ||phi(gold) - phi(predicted)||^2: min(cap, max(0, loss - margin) /
// squared_norm); `cap` when the norm is 0.
float PassiveAggressiveStep(double loss, double margin, double squared_norm, float cap);

// Adds `bias` to the non-O scores of every token (NerModel::recall_bias).
inline void AddRecallBias(float bias, std::vector<float>* emissions) {
  if (bias == 0.f) return;
  for (size_t i = 0; i < emissions->size(); i += kNumTags) {
    for (int t = 1; t < kNumTags; ++t) (*emissions)[i + t] += bias;
  }
}

class StructuredPerceptron;

// Bagging over sentence orders: the element-wise mean of the averaged weights and transitions
// of perceptrons trained on the same examples in different orders (each order's model makes
// different mistakes on rare names; their mean has less variance, as bagging (Breiman 1996)
// without the resampling). `perceptrons` is not empty; one gives Averaged's result.
void MeanAveraged(const std::vector<StructuredPerceptron>& perceptrons,
                  std::vector<float>* weights, std::vector<float>* transitions);

class StructuredPerceptron {
 public:
  explicit StructuredPerceptron(uint32_t rows, UpdateRule rule = {});

  // One update step on one example (decode with the current weights, update on mistakes).
  // Returns the number of mispredicted tokens.
  size_t Learn(const TrainingExample& example);

  // The current (not averaged) weights and transitions, and the step of the last Learn (0
  // when it made no mistake).
  const std::vector<float>& weights() const { return w_; }
  const std::vector<float>& transitions() const { return tw_; }
  float last_step() const { return last_step_; }

  // The averaged weights and transitions (the model to ship or evaluate).
  void Averaged(std::vector<float>* weights, std::vector<float>* transitions) const;
  // Adds the averaged weights and transitions to `weights`/`transitions` (same sizes).
  void AddAveraged(std::vector<float>* weights, std::vector<float>* transitions) const;

  uint64_t updates() const { return time_; }

 private:
  // The averaged value of weight / transition i at time t (the trick in the header comment).
  float AveragedWeight(size_t i, double t) const { return static_cast<float>(w_[i] - u_[i] / t); }
  float AveragedTransition(size_t i, double t) const {
    return static_cast<float>(tw_[i] - tu_[i] / t);
  }
  void Update(const SentenceFeatures& f, int i, Tag tag, float delta);
  void UpdateTransition(int prev, Tag tag, float delta);
  void UpdateEdges(const SentenceFeatures& f, int i, int prev, Tag tag, float delta);
  // ||phi(gold) - phi(predicted_)||^2 of the last decode (PA steps).
  double SquaredDifference(const TrainingExample& ex);

  std::vector<float> w_;       // current weights
  std::vector<double> u_;      // sum of time * delta
  std::vector<float> tw_;
  std::vector<double> tu_;
  uint64_t time_ = 1;
  UpdateRule rule_;
  float last_step_ = 0.f;
  std::vector<float> emissions_;
  std::vector<float> edges_;
  std::vector<std::pair<uint64_t, float>> diff_;  // SquaredDifference's buffer
  std::vector<Tag> predicted_;
  ViterbiScratch scratch_;
};

}  // namespace rasd::extract
