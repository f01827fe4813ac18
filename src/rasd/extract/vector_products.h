// The word-vector part of the tagger's emission scores, precomputed per word: for a model
// whose features include word vectors (features.h SentenceFeatures::dense: three slots of
// one word vector each, the words at i-1, i, i+1), a slot contributes to tag t the dot
// product of the vector in it with that slot's weight rows, and that product depends only on
// the word and the weights. Computing it once per (word, slot, tag) when the model is loaded
// turns 3 x 64 multiply-adds per tag per token and stage into one table lookup per slot: the
// vectors had made tagging a third slower (docs/BENCHMARKS.md).
//
// The trainer keeps computing the sums from the values, one component at a time (so that
// `rasd train ner` rebuilds the same model); the tagger's per-slot sums group the same
// products differently, so its emission scores may differ from the trainer's in the last
// bits of a float. The tags did not change: `rasd tag --conll` on ANERcorp train and test
// (155,028 tokens) and `rasd extract --json` on 5,000 news articles (84,177 entities) give
// byte-identical output with and without the tables (docs/BENCHMARKS.md).
//
// Memory: words * slots * kNumTags floats per weight table (167,777 words x 3 x 9: 18 MB; the
// tagger holds one per stage).
//
// Thread-safety: immutable after Build; share freely.
#pragma once

#include <cstdint>
#include <vector>

#include "rasd/extract/ner_tags.h"
#include "rasd/extract/word_vectors.h"

namespace rasd::extract {

class VectorProducts {
 public:
  VectorProducts() = default;

  // The products of every word of `vectors` (each component times `value_scale`, as
  // FeatureExtractor::SetVectors's scale) with the `slots` blocks of vectors.dims() weight
  // rows that start at row `dense_row` of `weights` (rows of kNumTags floats).
  static VectorProducts Build(const WordVectors& vectors, float value_scale, const float* weights,
                              uint32_t dense_row, uint32_t slots);

  bool empty() const { return products_.empty(); }
  uint32_t slots() const { return slots_; }
  uint32_t dense_row() const { return dense_row_; }
  // The kNumTags contributions of word row `row` (WordVectors::Row) in slot `slot`.
  const float* At(uint32_t row, uint32_t slot) const {
    return &products_[(static_cast<size_t>(row) * slots_ + slot) * kNumTags];
  }

 private:
  uint32_t slots_ = 0;
  uint32_t dense_row_ = 0;
  std::vector<float> products_;
};

}  // namespace rasd::extract
