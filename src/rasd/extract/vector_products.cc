// Precomputed word-vector products; see vector_products.h.
#include "rasd/extract/vector_products.h"

namespace rasd::extract {
namespace {

// out[t] = sum over j < dims, in order, of x[j] * rows[j * kNumTags + t], skipping x[j] == 0.
void SlotProduct(const float* x, uint32_t dims, const float* rows, float* out) {
  float acc[kNumTags] = {};
  for (uint32_t j = 0; j < dims; ++j) {
    if (x[j] == 0.f) continue;
    const float* row = rows + static_cast<size_t>(j) * kNumTags;
    for (int t = 0; t < kNumTags; ++t) acc[t] += x[j] * row[t];
  }
  for (int t = 0; t < kNumTags; ++t) out[t] = acc[t];
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
  std::vector<float> x(d);
  for (size_t r = 0; r < words; ++r) {
    const int8_t* v = vectors.RowValues(static_cast<uint32_t>(r));
    for (uint32_t j = 0; j < d; ++j) x[j] = s * static_cast<float>(v[j]);
    for (uint32_t k = 0; k < slots; ++k) {
      const float* rows = weights + (static_cast<size_t>(dense_row) + static_cast<size_t>(k) * d) * kNumTags;
      SlotProduct(x.data(), d, rows, &p.products_[(r * slots + k) * kNumTags]);
    }
  }
  return p;
}

}  // namespace rasd::extract
