// Dense word embeddings learned from unlabelled text: skip-gram with negative sampling
// (Mikolov, Sutskever, Chen, Corrado & Dean, "Distributed Representations of Words and Phrases
// and their Compositionality", NIPS 2013), written here from the paper's description.
//
// Why: the tagger reads these vectors as real-valued features (word_vectors.h). The
// count-based context vectors behind word_clusters.h see only the words at +-2 through 2,000
// frequent context words; skip-gram sees every word of a 5-word window and learns from rare
// contexts too.
//
// Training is single-threaded and deterministic: the same stream and options give the same
// bytes (a fixed-seed linear congruential generator, as in the original word2vec tool, drives
// the window sizes, subsampling and negative draws; no Hogwild threads).
//
// Thread-safety: a function; uses one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace rasd::extract {

struct SkipGramOptions {
  int dims = 64;
  int window = 5;           // maximal distance; each token draws its own in 1..window
  int negative = 5;         // noise words per (word, context) pair
  int epochs = 2;
  double sample = 1e-4;     // frequent-word subsampling threshold t (Mikolov et al. 2013 §2.3)
  float learning_rate = 0.025f;  // decays linearly to 1e-4 of itself
  uint64_t seed = 1;
  std::function<void(const std::string&)> log;  // progress lines when set
};

// Trains embeddings for `rows` words. `stream` is the corpus as row ids (-1 ends a sentence;
// ids must be < rows); `counts[r]` is the frequency of row r (used for subsampling and the
// unigram^0.75 noise distribution). Returns the input vectors, row-major rows x dims, each
// scaled to unit length (a zero row stays zero).
std::vector<float> TrainSkipGram(const std::vector<int32_t>& stream,
                                 const std::vector<uint64_t>& counts, int rows,
                                 const SkipGramOptions& options);

}  // namespace rasd::extract
