// Gap and frequency decoding kernels (gaps.h).
#include "rasd/index/internal/gaps.h"

#include "rasd/base/cpu.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define RASD_GAPS_AVX2 1
#include <immintrin.h>
#endif

namespace rasd::index::internal::gaps {

bool GapsToValues128Portable(uint32_t* v, int64_t prev, uint64_t limit) {
#if defined(__SSE2__)
  // Four lanes at a time: an in-register prefix sum (two shifted adds, Hillis & Steele's
  // scan), then the running total of the previous lanes broadcast from the last lane. The
  // sums are 32-bit; they cannot wrap when every gap is below 2^24 and prev below 2^31
  // (128 * 2^24 = 2^31), which a first pass ORing the gaps shows. Otherwise the scalar path
  // decides.
  if (prev >= -1 && prev < (int64_t{1} << 31)) {
    __m128i any = _mm_setzero_si128();
    for (int i = 0; i < 128; i += 4) {
      any = _mm_or_si128(any, _mm_loadu_si128(reinterpret_cast<const __m128i*>(v + i)));
    }
    any = _mm_or_si128(any, _mm_srli_si128(any, 8));
    any = _mm_or_si128(any, _mm_srli_si128(any, 4));
    if ((static_cast<uint32_t>(_mm_cvtsi128_si32(any)) >> 24) == 0) {
      const __m128i one = _mm_set1_epi32(1);
      // prev = -1 becomes 0xFFFFFFFF: the first gap plus one wraps to the gap, as wanted.
      __m128i carry = _mm_set1_epi32(static_cast<int>(static_cast<uint32_t>(prev)));
      for (int i = 0; i < 128; i += 4) {
        __m128i x = _mm_add_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(v + i)), one);
        x = _mm_add_epi32(x, _mm_slli_si128(x, 4));
        x = _mm_add_epi32(x, _mm_slli_si128(x, 8));
        x = _mm_add_epi32(x, carry);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(v + i), x);
        carry = _mm_shuffle_epi32(x, 0xFF);
      }
      return v[127] < limit;
    }
  }
#endif
  // The 64-bit running sum: any gaps, any prev.
  int64_t cur = prev;
  for (int i = 0; i < 128; ++i) {
    cur += int64_t{v[i]} + 1;
    v[i] = static_cast<uint32_t>(cur);
  }
  return static_cast<uint64_t>(cur) < limit;
}

bool FrequenciesFromStored128Portable(uint32_t* v) {
#if defined(__SSE2__)
  const __m128i one = _mm_set1_epi32(1);
  const __m128i zero = _mm_setzero_si128();
  __m128i wrapped = zero;
  for (int i = 0; i < 128; i += 4) {
    __m128i x = _mm_add_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(v + i)), one);
    wrapped = _mm_or_si128(wrapped, _mm_cmpeq_epi32(x, zero));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(v + i), x);
  }
  return _mm_movemask_epi8(wrapped) == 0;
#else
  uint32_t wrapped = 0;
  for (int i = 0; i < 128; ++i) {
    v[i] += 1;
    wrapped |= v[i] == 0 ? 1u : 0u;
  }
  return wrapped == 0;
#endif
}

#if RASD_GAPS_AVX2
namespace {

// The same with eight lanes: the prefix sum within each 128-bit half as above, then the
// lower half's total added to the upper half, then the running total. Twice the values per
// step; at 1M articles these two kernels were 7% of the instructions of several-word queries.
[[gnu::target("avx2")]] bool GapsToValues128Avx2(uint32_t* v, int64_t prev, uint64_t limit) {
  if (prev < -1 || prev >= (int64_t{1} << 31)) return GapsToValues128Portable(v, prev, limit);
  __m256i any = _mm256_setzero_si256();
  for (int i = 0; i < 128; i += 8) {
    any = _mm256_or_si256(any, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(v + i)));
  }
  const __m256i high_bytes = _mm256_set1_epi32(static_cast<int>(0xFF000000u));
  if (!_mm256_testz_si256(any, high_bytes)) return GapsToValues128Portable(v, prev, limit);
  const __m256i one = _mm256_set1_epi32(1);
  const __m256i last = _mm256_set1_epi32(7);
  __m256i carry = _mm256_set1_epi32(static_cast<int>(static_cast<uint32_t>(prev)));
  for (int i = 0; i < 128; i += 8) {
    __m256i x = _mm256_add_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(v + i)), one);
    x = _mm256_add_epi32(x, _mm256_slli_si256(x, 4));
    x = _mm256_add_epi32(x, _mm256_slli_si256(x, 8));
    // The lower half's total (its lane 3), moved into every lane of the upper half.
    const __m256i low_total = _mm256_shuffle_epi32(x, 0xFF);
    x = _mm256_add_epi32(x, _mm256_permute2x128_si256(low_total, low_total, 0x08));
    x = _mm256_add_epi32(x, carry);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(v + i), x);
    carry = _mm256_permutevar8x32_epi32(x, last);
  }
  return v[127] < limit;
}

[[gnu::target("avx2")]] bool FrequenciesFromStored128Avx2(uint32_t* v) {
  const __m256i one = _mm256_set1_epi32(1);
  const __m256i zero = _mm256_setzero_si256();
  __m256i wrapped = zero;
  for (int i = 0; i < 128; i += 8) {
    __m256i x = _mm256_add_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(v + i)), one);
    wrapped = _mm256_or_si256(wrapped, _mm256_cmpeq_epi32(x, zero));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(v + i), x);
  }
  return _mm256_testz_si256(wrapped, wrapped) != 0;
}

// Asked once per block: cached here, where the check inlines (base::CpuHasAvx2 is a call).
bool UseAvx2() {
  static const bool avx2 = base::CpuHasAvx2();
  return avx2;
}

}  // namespace
#endif  // RASD_GAPS_AVX2

bool GapsToValues128(uint32_t* v, int64_t prev, uint64_t limit) {
#if RASD_GAPS_AVX2
  if (UseAvx2()) return GapsToValues128Avx2(v, prev, limit);
#endif
  return GapsToValues128Portable(v, prev, limit);
}

bool FrequenciesFromStored128(uint32_t* v) {
#if RASD_GAPS_AVX2
  if (UseAvx2()) return FrequenciesFromStored128Avx2(v);
#endif
  return FrequenciesFromStored128Portable(v);
}

}  // namespace rasd::index::internal::gaps
