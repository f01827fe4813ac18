// Precomputed word-vector products; see vector_products.h.
#include "rasd/extract/vector_products.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <algorithm>
#include <thread>
#include <vector>

namespace rasd::extract {
namespace {

static_assert(kNumTags == 9, "SlotProduct's vector path holds tags 0-7 in two SSE registers");

// out[t] = sum over j < dims, in order, of x[j] * rows[j * kNumTags + t], skipping x[j] == 0.
// Each tag's sum is the same sequence of rounded multiplies and adds with SSE2 as without
// (one lane per tag, no fused multiply-add), so the two paths give the same bits.
void SlotProduct(const float* x, uint32_t dims, const float* rows, float* out) {
#ifdef __SSE2__
  __m128 lo = _mm_setzero_ps(), hi = _mm_setzero_ps();
  float last = 0.f;
  for (uint32_t j = 0; j < dims; ++j) {
    if (x[j] == 0.f) continue;
    const float* row = rows + static_cast<size_t>(j) * kNumTags;
    const __m128 xj = _mm_set1_ps(x[j]);
    lo = _mm_add_ps(lo, _mm_mul_ps(xj, _mm_loadu_ps(row)));
    hi = _mm_add_ps(hi, _mm_mul_ps(xj, _mm_loadu_ps(row + 4)));
    last += x[j] * row[8];
  }
  _mm_storeu_ps(out, lo);
  _mm_storeu_ps(out + 4, hi);
  out[8] = last;
#else
  float acc[kNumTags] = {};
  for (uint32_t j = 0; j < dims; ++j) {
    if (x[j] == 0.f) continue;
    const float* row = rows + static_cast<size_t>(j) * kNumTags;
    for (int t = 0; t < kNumTags; ++t) acc[t] += x[j] * row[t];
  }
  for (int t = 0; t < kNumTags; ++t) out[t] = acc[t];
#endif
}

}  // namespace

VectorProducts VectorProducts::Build(const WordVectors& vectors, float value_scale,
                                     const float* weights, uint32_t dense_row, uint32_t slots) {
  VectorProducts p;
  p.slots_ = slots;
  p.dense_row_ = dense_row;
  const uint32_t d = static_cast<uint32_t>(vectors.dims());
  const size_t words = vectors.rows();
  p.products_.resize(words * slots * kNumTags);
  // The value of component j is computed as FeatureExtractor::Extract computes it.
  const float s = vectors.scale() * value_scale;
  // Every word's products are independent of the others': the words are split between the
  // cores (opening a tagger waited on this table, some 160,000 words by 5 slots).
  auto build = [&](size_t begin, size_t end) {
    std::vector<float> x(d);
    for (size_t r = begin; r < end; ++r) {
      const int8_t* v = vectors.RowValues(static_cast<uint32_t>(r));
      for (uint32_t j = 0; j < d; ++j) x[j] = s * static_cast<float>(v[j]);
      for (uint32_t k = 0; k < slots; ++k) {
        const float* rows =
            weights + (static_cast<size_t>(dense_row) + static_cast<size_t>(k) * d) * kNumTags;
        SlotProduct(x.data(), d, rows, &p.products_[(r * slots + k) * kNumTags]);
      }
    }
  };
  constexpr size_t kWordsPerThread = 8192;  // below this a thread costs more than it saves
  const size_t threads = std::clamp<size_t>(words / kWordsPerThread, 1,
                                            std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> helpers;
  const size_t per = (words + threads - 1) / threads;
  for (size_t t = 1; t < threads; ++t) {
    helpers.emplace_back(build, std::min(words, t * per), std::min(words, (t + 1) * per));
  }
  build(0, std::min(words, per));
  for (std::thread& h : helpers) h.join();
  return p;
}

}  // namespace rasd::extract
