#include "rasd/extract/vector_products.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "rasd/extract/features.h"
#include "rasd/extract/gazetteer.h"
#include "rasd/extract/name_forms.h"
#include "rasd/extract/perceptron.h"
#include "rasd/extract/viterbi.h"

namespace rasd::extract {
namespace {

// Random vectors for `words` (some components exactly zero, as quantisation leaves them).
WordVectors RandomVectors(const std::vector<std::string>& words, int dims, std::mt19937* rng) {
  std::uniform_real_distribution<float> u(-1.f, 1.f);
  std::vector<float> v(words.size() * static_cast<size_t>(dims));
  for (float& x : v) x = u(*rng) < -0.8f ? 0.f : u(*rng);
  return WordVectors::FromFloats(words, v, dims);
}

TEST(VectorProductsTest, ProductIsTheDotProductOfTheSlotWithItsRows) {
  // One word, 2 dimensions, 2 slots: rows 4..5 are slot 0, rows 6..7 slot 1.
  WordVectors wv = WordVectors::FromFloats({"w"}, {1.f, -0.5f}, 2);
  std::vector<float> weights(8 * kNumTags, 0.f);
  for (int t = 0; t < kNumTags; ++t) {
    weights[4 * kNumTags + t] = static_cast<float>(t);       // slot 0, component 0
    weights[5 * kNumTags + t] = 1.f;                         // slot 0, component 1
    weights[7 * kNumTags + t] = 2.f * static_cast<float>(t);  // slot 1, component 1
  }
  VectorProducts p = VectorProducts::Build(wv, 2.f, weights.data(), 4, 2);
  ASSERT_FALSE(p.empty());
  const uint32_t row = wv.Row(wv.Find("w"));
  const float x0 = 2.f * wv.scale() * 127.f, x1 = 2.f * wv.scale() * -64.f;
  for (int t = 0; t < kNumTags; ++t) {
    EXPECT_FLOAT_EQ(p.At(row, 0)[t], x0 * static_cast<float>(t) + x1) << t;
    EXPECT_FLOAT_EQ(p.At(row, 1)[t], x1 * 2.f * static_cast<float>(t)) << t;
  }
}

// Every word's products are the trainer's sums, term by term in component order, to the bit:
// whatever the vector path and however the words are split between threads (enough words
// here for more than one).
TEST(VectorProductsTest, EveryProductIsTheOrderedSumToTheBit) {
  std::mt19937 rng(777);  // fixed seed
  constexpr int kDims = 24;
  constexpr uint32_t kSlots = 3, kDenseRow = 5;
  std::vector<std::string> words;
  for (int i = 0; i < 20000; ++i) words.push_back("w" + std::to_string(i));
  WordVectors wv = RandomVectors(words, kDims, &rng);
  std::normal_distribution<float> g(0.f, 3.f);
  std::vector<float> weights((kDenseRow + kSlots * kDims) * kNumTags);
  for (float& w : weights) w = g(rng);
  const float scale = 1.5f;
  VectorProducts p = VectorProducts::Build(wv, scale, weights.data(), kDenseRow, kSlots);
  const float s = wv.scale() * scale;
  for (uint32_t r = 0; r < wv.rows(); ++r) {
    const int8_t* v = wv.RowValues(r);
    for (uint32_t k = 0; k < kSlots; ++k) {
      const float* rows = &weights[(kDenseRow + k * kDims) * kNumTags];
      float want[kNumTags] = {};
      for (int j = 0; j < kDims; ++j) {
        const float x = s * static_cast<float>(v[j]);
        if (x == 0.f) continue;
        for (int t = 0; t < kNumTags; ++t) want[t] += x * rows[j * kNumTags + t];
      }
      ASSERT_EQ(std::memcmp(want, p.At(r, k), sizeof(want)), 0) << "row " << r << " slot " << k;
    }
  }
}

// The tagger's emissions from the product tables must equal those the trainer computes from
// the vector values, up to float rounding (the products are grouped per slot), and give the
// same tags.
TEST(VectorProductsTest, EmissionsFromProductsEqualThoseFromValues) {
  std::mt19937 rng(12345);  // fixed seed
  const std::vector<std::string> raw = {"باريس", "روما", "قال", "الرئيس", "وزير", "لندن", "في"};
  std::vector<std::string> folded;
  for (const auto& w : raw) folded.push_back(Fold(w));
  folded.pop_back();  // "في" has no vector
  WordVectors wv = RandomVectors(folded, 16, &rng);
  FeatureExtractor with_values(nullptr, &Gazetteer::Builtin(), nullptr, 12);
  with_values.SetVectors(&wv, 1.5f);
  FeatureExtractor with_rows = with_values;
  with_rows.SetDenseValues(false);
  std::normal_distribution<float> g(0.f, 3.f);
  std::vector<float> weights(static_cast<size_t>(with_values.num_rows()) * kNumTags);
  for (float& w : weights) w = g(rng);
  std::vector<float> transitions(kNumTransitions);
  for (float& w : transitions) w = g(rng);
  VectorProducts products = VectorProducts::Build(wv, 1.5f, weights.data(), with_values.dense_row(),
                                                  with_values.vector_slots());
  ViterbiScratch vs;
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<std::string_view> tokens;
    const size_t n = 1 + rng() % 12;
    for (size_t i = 0; i < n; ++i) tokens.push_back(raw[rng() % raw.size()]);
    FeatureScratch s1, s2;
    SentenceFeatures f1, f2;
    with_values.Compute(tokens, &s1, &f1);
    with_rows.Compute(tokens, &s2, &f2);
    ASSERT_FALSE(f1.dense.empty());
    EXPECT_TRUE(f2.dense.empty());
    EXPECT_EQ(f1.vector_rows, f2.vector_rows);
    EXPECT_EQ(f1.dense_dims, f2.dense_dims);
    EXPECT_EQ(f1.ids, f2.ids);
    std::vector<float> e1, e2;
    ComputeEmissions(weights.data(), f1, &e1);
    ComputeEmissions(weights.data(), f2, &e2, &products);
    ASSERT_EQ(e1.size(), e2.size());
    for (size_t k = 0; k < e1.size(); ++k) {
      EXPECT_NEAR(e1[k], e2[k], 1e-4f * (1.f + std::fabs(e1[k]))) << "trial " << trial << " at " << k;
    }
    std::vector<Tag> t1, t2;
    ViterbiDecode(e1.data(), static_cast<int>(n), transitions.data(), &t1, &vs);
    ViterbiDecode(e2.data(), static_cast<int>(n), transitions.data(), &t2, &vs);
    EXPECT_EQ(t1, t2) << "trial " << trial;
  }
}

}  // namespace
}  // namespace rasd::extract
