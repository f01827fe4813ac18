// Two float kernels of the extraction models' training and tagging (word_embeddings.cc's
// skip-gram, bilstm.cc's encoder). They work in blocks of 8 floats: loops of a fixed trip
// count that g++ -O2 turns into SIMD instructions (its default cost model leaves loops of
// unknown length scalar), each sum in a fixed order, so results are bit-identical from one
// machine and one run to the next (the models are trained deterministically).
#pragma once

#include <cstdint>

namespace rasd::extract::internal {

// y[0..n) += a * x[0..n)
inline void Axpy(float a, const float* x, float* y, uint32_t n) {
  uint32_t k = 0;
  for (; k + 8 <= n; k += 8) {
    for (uint32_t j = 0; j < 8; ++j) y[k + j] += a * x[k + j];
  }
  for (; k < n; ++k) y[k] += a * x[k];
}

// Dot product with eight independent partial sums, added pairwise at the end: a fixed order
// that does not wait on one long chain of additions.
inline float Dot(const float* a, const float* b, uint32_t n) {
  float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  uint32_t k = 0;
  for (; k + 8 <= n; k += 8) {
    for (uint32_t j = 0; j < 8; ++j) acc[j] += a[k + j] * b[k + j];
  }
  for (; k < n; ++k) acc[0] += a[k] * b[k];
  return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

}  // namespace rasd::extract::internal
