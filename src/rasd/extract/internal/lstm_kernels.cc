// The LSTM step kernels; see lstm_kernels.h.
#include "rasd/extract/internal/lstm_kernels.h"

#include "rasd/base/cpu.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define RASD_LSTM_X86 1
#include <immintrin.h>
#endif

namespace rasd::extract::internal {
namespace {

// The scalar tail of every variant: one output value, rows summed in order.
inline float GateValue(const float* wx, const float* b, const float* h, const float* U,
                       uint32_t rows, uint32_t n, uint32_t k) {
  float v = b != nullptr ? wx[k] + b[k] : wx[k];
  if (h != nullptr) {
    for (uint32_t j = 0; j < rows; ++j) v += h[j] * U[static_cast<size_t>(j) * n + k];
  }
  return v;
}

void GateScalar(const float* wx, const float* b, const float* h, const float* U, uint32_t rows,
                uint32_t n, float* z) {
  for (uint32_t k = 0; k < n; ++k) z[k] = GateValue(wx, b, h, U, rows, n, k);
}

void SquashScalar(const float* in, float* out, uint32_t n, float a, float b, float c,
                  uint32_t k) {
  for (; k < n; ++k) out[k] = 1.f / (1.f + FastExp(in[k] * a)) * b + c;
}

#if RASD_LSTM_X86
// 8 blocks of 4 outputs (32 values) in registers while all rows are added to them: each row
// costs one load, one multiply and one add per block, instead of also loading and storing
// the outputs as a row-by-row axpy does.
void GateSse2(const float* wx, const float* b, const float* h, const float* U, uint32_t rows,
              uint32_t n, float* z) {
  uint32_t k = 0;
  for (; k + 32 <= n; k += 32) {
    __m128 acc[8];
#pragma GCC unroll 8
    for (int q = 0; q < 8; ++q)
      acc[q] = b != nullptr ? _mm_add_ps(_mm_loadu_ps(wx + k + 4 * q), _mm_loadu_ps(b + k + 4 * q))
                            : _mm_loadu_ps(wx + k + 4 * q);
    if (h != nullptr) {
      for (uint32_t j = 0; j < rows; ++j) {
        const __m128 s = _mm_set1_ps(h[j]);
        const float* u = U + static_cast<size_t>(j) * n + k;
#pragma GCC unroll 8
        for (int q = 0; q < 8; ++q)
          acc[q] = _mm_add_ps(acc[q], _mm_mul_ps(s, _mm_loadu_ps(u + 4 * q)));
      }
    }
#pragma GCC unroll 8
    for (int q = 0; q < 8; ++q) _mm_storeu_ps(z + k + 4 * q, acc[q]);
  }
  for (; k + 4 <= n; k += 4) {
    __m128 acc = b != nullptr ? _mm_add_ps(_mm_loadu_ps(wx + k), _mm_loadu_ps(b + k))
                              : _mm_loadu_ps(wx + k);
    if (h != nullptr) {
      for (uint32_t j = 0; j < rows; ++j)
        acc = _mm_add_ps(acc,
                         _mm_mul_ps(_mm_set1_ps(h[j]), _mm_loadu_ps(U + static_cast<size_t>(j) * n + k)));
    }
    _mm_storeu_ps(z + k, acc);
  }
  for (; k < n; ++k) z[k] = GateValue(wx, b, h, U, rows, n, k);
}

inline __m128 FastExp4(__m128 x) {
  x = _mm_min_ps(_mm_max_ps(x, _mm_set1_ps(-87.f)), _mm_set1_ps(87.f));
  const __m128 shifter = _mm_set1_ps(12582912.f);
  const __m128 n =
      _mm_sub_ps(_mm_add_ps(_mm_mul_ps(x, _mm_set1_ps(1.44269504f)), shifter), shifter);
  const __m128 r = _mm_sub_ps(_mm_sub_ps(x, _mm_mul_ps(n, _mm_set1_ps(0.693359375f))),
                              _mm_mul_ps(n, _mm_set1_ps(-2.12194440e-4f)));
  __m128 p = _mm_set1_ps(1.f / 720.f);
  p = _mm_add_ps(_mm_mul_ps(p, r), _mm_set1_ps(1.f / 120.f));
  p = _mm_add_ps(_mm_mul_ps(p, r), _mm_set1_ps(1.f / 24.f));
  p = _mm_add_ps(_mm_mul_ps(p, r), _mm_set1_ps(1.f / 6.f));
  p = _mm_add_ps(_mm_mul_ps(p, r), _mm_set1_ps(0.5f));
  p = _mm_add_ps(_mm_mul_ps(p, r), _mm_set1_ps(1.f));
  p = _mm_add_ps(_mm_mul_ps(p, r), _mm_set1_ps(1.f));
  const __m128i bits = _mm_slli_epi32(_mm_add_epi32(_mm_cvttps_epi32(n), _mm_set1_epi32(127)), 23);
  return _mm_mul_ps(p, _mm_castsi128_ps(bits));
}

void SquashSse2(const float* in, float* out, uint32_t n, float a, float b, float c) {
  const __m128 va = _mm_set1_ps(a), vb = _mm_set1_ps(b), vc = _mm_set1_ps(c),
               one = _mm_set1_ps(1.f);
  uint32_t k = 0;
  for (; k + 4 <= n; k += 4) {
    const __m128 e = FastExp4(_mm_mul_ps(_mm_loadu_ps(in + k), va));
    _mm_storeu_ps(out + k, _mm_add_ps(_mm_mul_ps(_mm_div_ps(one, _mm_add_ps(one, e)), vb), vc));
  }
  SquashScalar(in, out, n, a, b, c, k);
}

// The same with 8 lanes: 8 blocks of 8 outputs (64 values) in the 16 ymm registers.
__attribute__((target("avx2"))) void GateAvx2(const float* wx, const float* b, const float* h,
                                              const float* U, uint32_t rows, uint32_t n,
                                              float* z) {
  uint32_t k = 0;
  for (; k + 64 <= n; k += 64) {
    __m256 acc[8];
#pragma GCC unroll 8
    for (int q = 0; q < 8; ++q)
      acc[q] = b != nullptr
                   ? _mm256_add_ps(_mm256_loadu_ps(wx + k + 8 * q), _mm256_loadu_ps(b + k + 8 * q))
                   : _mm256_loadu_ps(wx + k + 8 * q);
    if (h != nullptr) {
      for (uint32_t j = 0; j < rows; ++j) {
        const __m256 s = _mm256_set1_ps(h[j]);
        const float* u = U + static_cast<size_t>(j) * n + k;
#pragma GCC unroll 8
        for (int q = 0; q < 8; ++q)
          acc[q] = _mm256_add_ps(acc[q], _mm256_mul_ps(s, _mm256_loadu_ps(u + 8 * q)));
      }
    }
#pragma GCC unroll 8
    for (int q = 0; q < 8; ++q) _mm256_storeu_ps(z + k + 8 * q, acc[q]);
  }
  for (; k + 8 <= n; k += 8) {
    __m256 acc = b != nullptr ? _mm256_add_ps(_mm256_loadu_ps(wx + k), _mm256_loadu_ps(b + k))
                              : _mm256_loadu_ps(wx + k);
    if (h != nullptr) {
      for (uint32_t j = 0; j < rows; ++j)
        acc = _mm256_add_ps(
            acc, _mm256_mul_ps(_mm256_set1_ps(h[j]),
                               _mm256_loadu_ps(U + static_cast<size_t>(j) * n + k)));
    }
    _mm256_storeu_ps(z + k, acc);
  }
  for (; k < n; ++k) z[k] = GateValue(wx, b, h, U, rows, n, k);
}

__attribute__((target("avx2"))) inline __m256 FastExp8(__m256 x) {
  x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-87.f)), _mm256_set1_ps(87.f));
  const __m256 shifter = _mm256_set1_ps(12582912.f);
  const __m256 n = _mm256_sub_ps(
      _mm256_add_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504f)), shifter), shifter);
  const __m256 r = _mm256_sub_ps(_mm256_sub_ps(x, _mm256_mul_ps(n, _mm256_set1_ps(0.693359375f))),
                                 _mm256_mul_ps(n, _mm256_set1_ps(-2.12194440e-4f)));
  __m256 p = _mm256_set1_ps(1.f / 720.f);
  p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(1.f / 120.f));
  p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(1.f / 24.f));
  p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(1.f / 6.f));
  p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(0.5f));
  p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(1.f));
  p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(1.f));
  const __m256i bits = _mm256_slli_epi32(
      _mm256_add_epi32(_mm256_cvttps_epi32(n), _mm256_set1_epi32(127)), 23);
  return _mm256_mul_ps(p, _mm256_castsi256_ps(bits));
}

__attribute__((target("avx2"))) void SquashAvx2(const float* in, float* out, uint32_t n, float a,
                                                float b, float c) {
  const __m256 va = _mm256_set1_ps(a), vb = _mm256_set1_ps(b), vc = _mm256_set1_ps(c),
               one = _mm256_set1_ps(1.f);
  uint32_t k = 0;
  for (; k + 8 <= n; k += 8) {
    const __m256 e = FastExp8(_mm256_mul_ps(_mm256_loadu_ps(in + k), va));
    _mm256_storeu_ps(out + k,
                     _mm256_add_ps(_mm256_mul_ps(_mm256_div_ps(one, _mm256_add_ps(one, e)), vb), vc));
  }
  SquashScalar(in, out, n, a, b, c, k);
}
#endif  // RASD_LSTM_X86

}  // namespace

bool KernelLevelAvailable(KernelLevel level) {
  switch (level) {
    case KernelLevel::kScalar:
      return true;
#if RASD_LSTM_X86
    case KernelLevel::kSse2:
      return true;  // part of x86-64
    case KernelLevel::kAvx2:
      return base::CpuHasAvx2();
#else
    default:
      return false;
#endif
  }
  return false;
}

KernelLevel BestKernelLevel() {
  static const KernelLevel best = KernelLevelAvailable(KernelLevel::kAvx2)   ? KernelLevel::kAvx2
                                  : KernelLevelAvailable(KernelLevel::kSse2) ? KernelLevel::kSse2
                                                                             : KernelLevel::kScalar;
  return best;
}

void GatePreactivations(const float* wx, const float* b, const float* h, const float* U,
                        uint32_t rows, uint32_t n, float* z, KernelLevel level) {
#if RASD_LSTM_X86
  if (level == KernelLevel::kAvx2) return GateAvx2(wx, b, h, U, rows, n, z);
  if (level == KernelLevel::kSse2) return GateSse2(wx, b, h, U, rows, n, z);
#endif
  (void)level;
  GateScalar(wx, b, h, U, rows, n, z);
}

void Squash(const float* in, float* out, uint32_t n, float a, float b, float c,
            KernelLevel level) {
#if RASD_LSTM_X86
  if (level == KernelLevel::kAvx2) return SquashAvx2(in, out, n, a, b, c);
  if (level == KernelLevel::kSse2) return SquashSse2(in, out, n, a, b, c);
#endif
  (void)level;
  SquashScalar(in, out, n, a, b, c, 0);
}

}  // namespace rasd::extract::internal
