#include "rasd/extract/viterbi.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

namespace rasd::extract {
namespace {

// Exhaustive search over all valid tag sequences; `edges` (per-token transitions, n *
// kEdgeBlock) may be empty.
float BruteForce(const std::vector<float>& e, int n, const std::vector<float>& tr,
                 std::vector<Tag>* best, const std::vector<float>& edges = {}) {
  float best_score = -std::numeric_limits<float>::infinity();
  std::vector<Tag> cur(n, 0);
  long total = 1;
  for (int i = 0; i < n; ++i) total *= kNumTags;
  for (long code = 0; code < total; ++code) {
    long c = code;
    for (int i = 0; i < n; ++i) cur[i] = static_cast<Tag>(c % kNumTags), c /= kNumTags;
    float s = 0;
    bool ok = true;
    for (int i = 0; i < n && ok; ++i) {
      int prev = i == 0 ? kNumTags : cur[i - 1];
      ok = AllowedTransition(prev, cur[i]);
      s += e[i * kNumTags + cur[i]] + tr[prev * kNumTags + cur[i]];
      if (!edges.empty()) s += edges[i * kEdgeBlock + prev * kNumTags + cur[i]];
    }
    if (ok && s > best_score) best_score = s, *best = cur;
  }
  return best_score;
}

TEST(ViterbiTest, MatchesBruteForceOnRandomLattices) {
  const uint32_t seed = 12345;
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-3, 3);
  ViterbiScratch scratch;
  for (int trial = 0; trial < 60; ++trial) {
    int n = 1 + trial % 4;
    std::vector<float> e(n * kNumTags), tr((kNumTags + 1) * kNumTags);
    for (float& x : e) x = u(rng);
    for (float& x : tr) x = u(rng);
    std::vector<Tag> got, want;
    float gs = ViterbiDecode(e.data(), n, tr.data(), &got, &scratch);
    float ws = BruteForce(e, n, tr, &want);
    ASSERT_NEAR(gs, ws, 1e-4) << "seed " << seed << " trial " << trial;
    // Scores of the decoded sequence equal the best (ties may choose another sequence).
    float check = 0;
    for (int i = 0; i < n; ++i) {
      int prev = i == 0 ? kNumTags : got[i - 1];
      ASSERT_TRUE(AllowedTransition(prev, got[i]));
      check += e[i * kNumTags + got[i]] + tr[prev * kNumTags + got[i]];
    }
    ASSERT_NEAR(check, ws, 1e-4) << "seed " << seed << " trial " << trial;
  }
}

// Per-token transitions (edge features): the decoder must use token i's own block for the
// pair (y[i-1], y[i]) and token 0's start row. Edge scores are large against the emissions,
// so a decoder that ignored them, or read another token's block, would disagree with the
// exhaustive search.
TEST(ViterbiTest, WithEdgesMatchesBruteForce) {
  const uint32_t seed = 777;
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-3, 3), big(-8, 8);
  ViterbiScratch scratch;
  int differs_from_plain = 0;
  for (int trial = 0; trial < 80; ++trial) {
    int n = 1 + trial % 4;
    std::vector<float> e(n * kNumTags), tr((kNumTags + 1) * kNumTags), ed(n * kEdgeBlock);
    for (float& x : e) x = u(rng);
    for (float& x : tr) x = u(rng);
    for (float& x : ed) x = big(rng);
    std::vector<Tag> got, want, plain;
    float gs = ViterbiDecode(e.data(), n, tr.data(), &got, &scratch, ed.data());
    float ws = BruteForce(e, n, tr, &want, ed);
    ASSERT_NEAR(gs, ws, 1e-3) << "seed " << seed << " trial " << trial;
    float check = 0;
    for (int i = 0; i < n; ++i) {
      int prev = i == 0 ? kNumTags : got[i - 1];
      ASSERT_TRUE(AllowedTransition(prev, got[i]));
      check += e[i * kNumTags + got[i]] + tr[prev * kNumTags + got[i]] +
               ed[i * kEdgeBlock + prev * kNumTags + got[i]];
    }
    ASSERT_NEAR(check, ws, 1e-3) << "seed " << seed << " trial " << trial;
    ViterbiDecode(e.data(), n, tr.data(), &plain, &scratch);
    differs_from_plain += plain != got;
  }
  EXPECT_GT(differs_from_plain, 10) << "the edge scores should change many decodes";
}

// Zero edge scores decode exactly as no edge scores.
TEST(ViterbiTest, ZeroEdgesAreNoEdges) {
  std::mt19937 rng(99);
  std::uniform_real_distribution<float> u(-3, 3);
  const int n = 6;
  std::vector<float> e(n * kNumTags), tr((kNumTags + 1) * kNumTags), ed(n * kEdgeBlock, 0.f);
  for (float& x : e) x = u(rng);
  for (float& x : tr) x = u(rng);
  ViterbiScratch s;
  std::vector<Tag> a, b;
  EXPECT_EQ(ViterbiDecode(e.data(), n, tr.data(), &a, &s),
            ViterbiDecode(e.data(), n, tr.data(), &b, &s, ed.data()));
  EXPECT_EQ(a, b);
}

TEST(ViterbiTest, NeverStartsWithInside) {
  std::vector<float> e(kNumTags, 0.f), tr((kNumTags + 1) * kNumTags, 0.f);
  e[InsideTag(EntityType::kPers)] = 100.f;
  std::vector<Tag> tags;
  ViterbiScratch s;
  ViterbiDecode(e.data(), 1, tr.data(), &tags, &s);
  EXPECT_FALSE(IsInside(tags[0]));
}

TEST(ViterbiTest, EmptySentence) {
  std::vector<Tag> tags{1, 2};
  ViterbiScratch s;
  std::vector<float> tr((kNumTags + 1) * kNumTags, 0.f);
  EXPECT_EQ(ViterbiDecode(nullptr, 0, tr.data(), &tags, &s), 0.f);
  EXPECT_TRUE(tags.empty());
}

}  // namespace
}  // namespace rasd::extract
