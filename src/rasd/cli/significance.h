// Whether one system's per-query scores beat another's by more than chance: the paired
// significance test behind `rasd eval --baseline` and the margins in docs/QUALITY.md.
//
// Fisher's paired randomization (permutation) test, the test Smucker, Allan & Carterette
// recommend for IR evaluation ("A comparison of statistical significance tests for
// information retrieval evaluation", CIKM 2007): if the two systems were interchangeable,
// each query's difference a[i] - b[i] would be as likely to have either sign. The test draws
// `trials` random sign assignments and counts those whose mean difference lies at least as
// far from zero as the observed one (two-sided). The p-value is (count + 1) / (trials + 1),
// as Phipson & Smyth advise for p-values estimated from random permutations ("Permutation
// p-values should never be zero", 2010): the observed assignment is one of the permutations.
//
// Deterministic: the signs come from a fixed-seed generator (SplitMix64, Steele, Lea &
// Flood, OOPSLA 2014), so a rerun prints the same p-values.
//
// Thread-safety: a plain function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace rasd::cli {

inline constexpr size_t kDefaultTrials = 100000;
inline constexpr uint64_t kDefaultSeed = 20071106;  // the CIKM 2007 paper's first day

struct PairedTest {
  size_t queries = 0;
  double mean_difference = 0;  // mean of a[i] - b[i]
  double p_value = 1;          // two-sided; 1 when there are no queries or no differences
  size_t trials = 0;
};

// The test of `a` against `b`, the two systems' scores on the same queries in the same order.
// Precondition: a.size() == b.size() and trials > 0.
PairedTest RandomizationTest(const std::vector<double>& a, const std::vector<double>& b,
                             size_t trials = kDefaultTrials, uint64_t seed = kDefaultSeed);

}  // namespace rasd::cli
