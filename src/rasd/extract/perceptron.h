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
// Deterministic: the order of sentences is the caller's (the trainer shuffles with a fixed
// seed), and the arithmetic is sequential.
//
// Thread-safety: a trainer object is used by one thread; Score/Decode are pure.
#pragma once

#include <cstdint>
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
  explicit StructuredPerceptron(uint32_t rows);

  // One update step on one example (decode with the current weights, update on mistakes).
  // Returns the number of mispredicted tokens.
  size_t Learn(const TrainingExample& example);

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

  std::vector<float> w_;       // current weights
  std::vector<double> u_;      // sum of time * delta
  std::vector<float> tw_;
  std::vector<double> tu_;
  uint64_t time_ = 1;
  std::vector<float> emissions_;
  std::vector<Tag> predicted_;
  ViterbiScratch scratch_;
};

}  // namespace rasd::extract
