// Viterbi decoding (Viterbi 1967) of a first-order linear-chain model over the BIO tags.
//
// Input: emission scores e[i][t] (token i, tag t; row-major n x kNumTags) and transition
// scores T[p][t] for p in 0..kNumTags (row kNumTags = start of sentence). The best sequence
// maximises sum_i e[i][y_i] + T[y_{i-1}][y_i] among sequences that respect BIO
// (AllowedTransition in ner_tags.h): an I-X never follows anything but B-X or I-X. Ties
// break towards the lower tag id, so the result is deterministic.
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

// Writes n tags into `tags` (resized). `emissions` holds n * kNumTags values; `transitions`
// (kNumTags + 1) * kNumTags values. Returns the best score.
float ViterbiDecode(const float* emissions, int n, const float* transitions,
                    std::vector<Tag>* tags, ViterbiScratch* scratch);

}  // namespace rasd::extract
