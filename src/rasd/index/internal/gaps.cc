// Gap and frequency decoding kernels (gaps.h).
#include "rasd/index/internal/gaps.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace rasd::index::internal::gaps {

bool GapsToValues128(uint32_t* v, int64_t prev, uint64_t limit) {
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

bool FrequenciesFromStored128(uint32_t* v) {
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

}  // namespace rasd::index::internal::gaps
