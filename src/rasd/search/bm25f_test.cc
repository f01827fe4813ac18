// Tests of the BM25F arithmetic (bm25f.h): the formula on a hand-computed case, and the
// monotonicity that makes block bounds safe.
#include "rasd/search/bm25f.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "rasd/index/postings.h"

namespace rasd::search {
namespace {

TEST(Bm25fTest, Idf) {
  EXPECT_NEAR(Idf(1, 100), std::log(1 + 99.5 / 1.5), 1e-12);
  EXPECT_NEAR(Idf(100, 100), std::log(1 + 0.5 / 100.5), 1e-12);
  EXPECT_GT(Idf(1, 100), Idf(2, 100));
  EXPECT_GE(Idf(500, 100), 0.0);  // clamped, never negative
  EXPECT_GE(Idf(0, 0), 0.0);
}

TEST(Bm25fTest, HandComputedScore) {
  NormTable body;
  BuildNormTable(0.75, 100.0, &body);
  const uint8_t norm = index::EncodeFieldLength(50);
  const double len = index::DecodeFieldLength(norm);
  const double b = 1.0 / (0.25 + 0.75 * len / 100.0);
  EXPECT_NEAR(body[norm], b, 1e-12);
  // Two streams: the stem twice, the exact form once with weight 0.5.
  const double x = StreamTf(1.0, 2, body, norm) + StreamTf(0.5, 1, body, norm);
  EXPECT_NEAR(x, 2.5 * b, 1e-12);
  const double idf = Idf(10, 1000);
  EXPECT_NEAR(Saturate(1.2, idf, x), idf * 2.2 * x / (1.2 + x), 1e-12);
  EXPECT_EQ(Saturate(1.2, idf, 0.0), 0.0);
}

TEST(Bm25fTest, NormTableIsNonIncreasingAndHandlesEmptyFields) {
  NormTable t;
  BuildNormTable(0.75, 37.5, &t);
  for (int i = 1; i < 256; ++i) EXPECT_LE(t[i], t[i - 1]) << i;
  BuildNormTable(0.75, 0.0, &t);
  for (double v : t) EXPECT_EQ(v, 1.0);
  BuildNormTable(0.0, 10.0, &t);
  for (double v : t) EXPECT_EQ(v, 1.0);
}

// A bound from (max tf, min norm) is never below a score from (tf <= max, norm >= min), bit
// for bit, whatever the values.
TEST(Bm25fTest, BoundsHoldInFloatingPoint) {
  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  NormTable t;
  BuildNormTable(0.75, 123.4, &t);
  for (int i = 0; i < 100000; ++i) {
    const uint32_t max_freq = 1 + rng() % 1000;
    const uint32_t tf = 1 + rng() % max_freq;
    const uint8_t min_norm = static_cast<uint8_t>(rng() % 256);
    const uint8_t norm = static_cast<uint8_t>(min_norm + rng() % (256 - min_norm));
    const double w = 0.01 + (rng() % 1000) / 100.0;
    const double idf = (rng() % 10000) / 1000.0;
    const double bound = Saturate(1.2, idf, StreamBound(w, max_freq, t, min_norm));
    const double score = Saturate(1.2, idf, StreamTf(w, tf, t, norm));
    ASSERT_GE(bound, score);
  }
}

// CutAt's promise: below the cut the pruning test is false, above it true, computed as the
// pruning loops compute it; and the cut is finite in the ordinary case.
TEST(Bm25fTest, CutAtAgreesWithThePruningTest) {
  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  constexpr double kSlack = 1.0 + 1e-9;
  int finite = 0;
  for (int i = 0; i < 20000; ++i) {
    const double k1 = 0.3 + 3 * u(rng);
    const double idf = 0.01 + 20 * u(rng);
    const double theta = std::pow(10.0, -2 + 4 * u(rng));
    const double others = theta * 1.2 * u(rng) * (rng() % 4 == 0 ? 0 : 1);
    const SaturationCut cut = CutAt(k1, idf, others, theta, kSlack);
    auto test = [&](double x) { return (others + Saturate(k1, idf, x)) * kSlack > theta; };
    if (std::isfinite(cut.below)) {
      ++finite;
      ASSERT_LE(cut.below, cut.above);
      for (double f : {0.0, 0.5, 0.999, 0.99999}) ASSERT_FALSE(test(cut.below * f)) << i;
      ASSERT_FALSE(test(std::nextafter(cut.below, 0.0)));
      for (double f : {1.0, 1.00001, 1.001, 2.0, 1e6}) ASSERT_TRUE(test(cut.above * f)) << i;
      // The cut is tight: just outside the margin the answer is the other one.
      EXPECT_TRUE(test(cut.below / (1.0 - 1e-4) * (1.0 + 1e-3)));
      EXPECT_FALSE(test(cut.above / (1.0 + 1e-4) * (1.0 - 1e-3)));
    } else {
      ASSERT_TRUE(std::isinf(cut.above));
    }
  }
  EXPECT_GT(finite, 10000);
}

TEST(Bm25fTest, DefaultsAreSane) {
  const Bm25fParams p = DefaultBm25fParams();
  EXPECT_GT(p.k1, 0);
  EXPECT_GT(p.title.weight, p.body.weight);
  EXPECT_GT(p.exact_weight, 0);
  EXPECT_LT(p.variant_weight, 1);
}

}  // namespace
}  // namespace rasd::search
