// RandomizationTest (significance.h) against permutation distributions counted by hand.
#include "rasd/cli/significance.h"

#include <gtest/gtest.h>

namespace rasd::cli {
namespace {

TEST(SignificanceTest, SmallSamplesMatchTheExactPermutationDistribution) {
  // Differences 1, 1, 1: of the 8 sign assignments, only +++ and --- reach |sum| >= 3.
  PairedTest t = RandomizationTest({1, 1, 1}, {0, 0, 0});
  EXPECT_EQ(t.queries, 3u);
  EXPECT_DOUBLE_EQ(t.mean_difference, 1.0);
  EXPECT_NEAR(t.p_value, 2.0 / 8, 0.01);
  // Differences 1, 2, 3, 4 (sum 10): of 16 assignments, |sum| >= 10 only for ++++ and ----;
  // |sum| >= 8 also for the two that flip the 1 (sums +-8): 4 of 16.
  t = RandomizationTest({1, 2, 3, 4}, {0, 0, 0, 0});
  EXPECT_NEAR(t.p_value, 2.0 / 16, 0.01);
  t = RandomizationTest({-1, 2, 3, 4}, {0, 0, 0, 0});
  EXPECT_DOUBLE_EQ(t.mean_difference, 2.0);
  EXPECT_NEAR(t.p_value, 4.0 / 16, 0.01);
}

TEST(SignificanceTest, TiesAreLeftOutOfThePermutations) {
  // The tied queries change no permuted sum: the same p as differences 1, 1, 1 alone, but
  // the mean is over every query.
  PairedTest t = RandomizationTest({1, 0.5, 1, 0.25, 1}, {0, 0.5, 0, 0.25, 0});
  EXPECT_EQ(t.queries, 5u);
  EXPECT_DOUBLE_EQ(t.mean_difference, 3.0 / 5);
  EXPECT_NEAR(t.p_value, 2.0 / 8, 0.01);
}

TEST(SignificanceTest, NoDifferenceGivesOne) {
  EXPECT_EQ(RandomizationTest({0.3, 0.7}, {0.3, 0.7}).p_value, 1.0);
  EXPECT_EQ(RandomizationTest({}, {}).p_value, 1.0);
  // Differences that cancel: every assignment is at least as far from zero as 0.
  const PairedTest t = RandomizationTest({1, 0, 1, 0}, {0, 1, 0, 1});
  EXPECT_DOUBLE_EQ(t.mean_difference, 0.0);
  EXPECT_EQ(t.p_value, 1.0);
}

TEST(SignificanceTest, AClearWinBeatsEveryPermutation) {
  // 200 queries, each won by 0.05 to 0.15: no random assignment of signs comes near the
  // observed sum, so p is its floor 1 / (trials + 1).
  std::vector<double> a, b;
  for (int i = 0; i < 200; ++i) {
    b.push_back(0.1 * (i % 7));
    a.push_back(b.back() + 0.05 + 0.1 * ((i * 37) % 11) / 10.0);
  }
  const PairedTest t = RandomizationTest(a, b, 20000);
  EXPECT_EQ(t.trials, 20000u);
  EXPECT_DOUBLE_EQ(t.p_value, 1.0 / 20001);
}

TEST(SignificanceTest, SymmetricAndDeterministic) {
  std::vector<double> a, b;
  for (int i = 0; i < 300; ++i) {
    a.push_back(((i * 7919) % 101) / 100.0);
    b.push_back(((i * 104729) % 97) / 96.0);
  }
  const PairedTest ab = RandomizationTest(a, b);
  const PairedTest ba = RandomizationTest(b, a);
  EXPECT_DOUBLE_EQ(ab.mean_difference, -ba.mean_difference);
  EXPECT_EQ(ab.p_value, ba.p_value);  // the same signs flip the same magnitudes
  EXPECT_EQ(RandomizationTest(a, b).p_value, ab.p_value);
  // Another seed estimates the same p within its sampling error (p near 0.5 here: the
  // standard error of 100,000 trials is about 0.0016).
  const PairedTest other = RandomizationTest(a, b, kDefaultTrials, 7);
  EXPECT_NEAR(other.p_value, ab.p_value, 0.01);
  EXPECT_GT(ab.p_value, 0.05);
  EXPECT_LT(ab.p_value, 0.95);
}

}  // namespace
}  // namespace rasd::cli
