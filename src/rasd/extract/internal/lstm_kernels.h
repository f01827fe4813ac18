// The float kernels of one LSTM step (bilstm.cc): the gates' pre-activations, a sum of the
// token's input projection and the previous state times the recurrent matrix, and the
// sigmoid and tanh squashing of the gates and the cell. They are most of the encoder's time
// in the tagger (issue 5, eleventh round: with 32 units per direction the recurrent product
// alone is 8,192 multiply-adds a token).
//
// Every variant does, for each output value, the same IEEE operations in the same order as
// the scalar one (no fused multiply-add; products summed row by row), so the SSE2 and AVX2
// versions give the bits of the scalar loop, and the encoder's outputs (and so the tagger's
// and the trainer's results) do not depend on the machine. GatePreactivations keeps a block
// of outputs in registers across all rows instead of reading and writing them once per row
// (register blocking, as in the GEMV kernels of BLAS libraries). The best variant the CPU
// has is chosen at run time (AVX2 where present; CONVENTIONS.md: no -march=native).
//
// Thread-safety: pure functions.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>

namespace rasd::extract::internal {

// exp(x) for float x: range reduction x = n ln2 + r with |r| <= ln2/2 (ln2 in two parts,
// Cody & Waite 1980), e^r by its Taylor polynomial of degree 6 (relative error below 1.2e-7
// there, float precision), 2^n built in the exponent bits; inputs clamped to [-87, 87] (no
// overflow, no denormals). std::exp is a call the compiler cannot vectorise; the SIMD
// versions in lstm_kernels.cc do these operations in this order on 4 or 8 lanes.
inline float FastExp(float x) {
  x = std::min(std::max(x, -87.f), 87.f);
  const float shifter = 12582912.f;  // 1.5 * 2^23: adding it rounds to an integer
  const float n = (x * 1.44269504f + shifter) - shifter;
  const float r = (x - n * 0.693359375f) - n * -2.12194440e-4f;
  float p = 1.f / 720.f;
  p = p * r + 1.f / 120.f;
  p = p * r + 1.f / 24.f;
  p = p * r + 1.f / 6.f;
  p = p * r + 0.5f;
  p = p * r + 1.f;
  p = p * r + 1.f;
  const int32_t bits = (static_cast<int32_t>(n) + 127) << 23;
  return p * std::bit_cast<float>(bits);
}

enum class KernelLevel { kScalar, kSse2, kAvx2 };

// The widest level this build and CPU support (checked once).
KernelLevel BestKernelLevel();
// Whether `level` can run here (kScalar always).
bool KernelLevelAvailable(KernelLevel level);

// z[k] = (wx[k] + b[k]) + h[0] * U[k] + h[1] * U[n + k] + ... + h[rows-1] * U[(rows-1) n + k]
// for k < n, summed left to right; b null: wx[k] alone; h null: no rows. U holds `rows` rows
// of n floats. `level` must be available. (The LSTM's output layer, c + V [h_fwd; h_bwd], is
// the same sum with b null.)
void GatePreactivations(const float* wx, const float* b, const float* h, const float* U,
                        uint32_t rows, uint32_t n, float* z,
                        KernelLevel level = BestKernelLevel());

// out[k] = 1 / (1 + FastExp(in[k] * a)) * b + c for k < n (in == out allowed): the sigmoid
// with (a, b, c) = (-1, 1, 0), tanh with (-2, 2, -1) (tanh x = 2 / (1 + e^-2x) - 1).
void Squash(const float* in, float* out, uint32_t n, float a, float b, float c,
            KernelLevel level = BestKernelLevel());

inline void SigmoidArray(float* z, uint32_t n) { Squash(z, z, n, -1.f, 1.f, 0.f); }
inline void TanhArray(const float* in, float* out, uint32_t n) {
  Squash(in, out, n, -2.f, 2.f, -1.f);
}

}  // namespace rasd::extract::internal
