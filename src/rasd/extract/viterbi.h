// Viterbi decoding (Viterbi 1967) of a first-order linear-chain model over the BIO tags.
//
// Input: emission scores e[i][t] (token i, tag t; row-major n x kNumTags) and transition
// scores T[p][t] for p in 0..kNumTags (row kNumTags = start of sentence). The best sequence
// maximises sum_i e[i][y_i] + T[y_{i-1}][y_i] among sequences that respect BIO
// (AllowedTransition in ner_tags.h): an I-X never follows anything but B-X or I-X. Ties
// break towards the lower tag id, so the result is deterministic.
//
// Optional per-token transition scores E[i][p][t] (the edge-observation features of CRF
// taggers, Lafferty et al. 2001: an observation of token i conjoined with the tag pair
// (y_{i-1}, y_i); perceptron.h ComputeEdgeScores) are added to T: the score becomes
// sum_i e[i][y_i] + T[y_{i-1}][y_i] + E[i][y_{i-1}][y_i], y_{-1} being the start row.
// Still first order, so the same dynamic programme is exact.
//
// Cost O(n * kNumTags^2) time; no allocation when `scratch` is reused.
//
// Thread-safety: pure function; `scratch` belongs to the caller.
#pragma once

#include <vector>

#include "rasd/extract/ner_tags.h"

namespace rasd::extract {

struct ViterbiScratch {
  std::vector<float> score;
  std::vector<uint8_t> back;
};

// Values per token of the per-token transition scores: (kNumTags + 1) * kNumTags.
inline constexpr int kEdgeBlock = (kNumTags + 1) * kNumTags;

// Writes n tags into `tags` (resized). `emissions` holds n * kNumTags values; `transitions`
// (kNumTags + 1) * kNumTags values; `edges` null or n * kEdgeBlock values laid out like
// `transitions` per token (row kNumTags of token 0 is its start row; the start rows of the
// other tokens are not read). Returns the best score.
float ViterbiDecode(const float* emissions, int n, const float* transitions, std::vector<Tag>* tags,
                    ViterbiScratch* scratch, const float* edges = nullptr);

}  // namespace rasd::extract
