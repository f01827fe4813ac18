// RandomizationTest (significance.h).
#include "rasd/cli/significance.h"

#include <algorithm>
#include <cmath>

namespace rasd::cli {
namespace {

// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
// OOPSLA 2014): 64 random bits a call, each bit one query's sign.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

 private:
  uint64_t state_;
};

}  // namespace

PairedTest RandomizationTest(const std::vector<double>& a, const std::vector<double>& b,
                             size_t trials, uint64_t seed) {
  PairedTest t;
  t.queries = a.size();
  t.trials = trials;
  // Queries where the systems tie change no permuted sum: only the others are flipped.
  std::vector<double> d;
  double observed = 0, scale = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const double x = a[i] - b[i];
    observed += x;
    scale += std::abs(x);
    if (x != 0) d.push_back(x);
  }
  if (t.queries > 0) t.mean_difference = observed / static_cast<double>(t.queries);
  if (d.empty() || trials == 0) return t;
  // A permuted sum equal to the observed one in magnitude counts as "as extreme"; sums in
  // another order of signs may differ from it in the last bits, hence the tolerance.
  const double extreme = std::abs(observed) - 1e-9 * scale;
  SplitMix64 random(seed);
  size_t as_extreme = 0;
  for (size_t trial = 0; trial < trials; ++trial) {
    double sum = 0;
    for (size_t base = 0; base < d.size(); base += 64) {
      const uint64_t bits = random.Next();
      const size_t end = std::min(d.size(), base + 64);
      for (size_t i = base; i < end; ++i) {
        const double sign = 1.0 - 2.0 * static_cast<double>((bits >> (i - base)) & 1);
        sum += sign * d[i];
      }
    }
    if (std::abs(sum) >= extreme) ++as_extreme;
  }
  t.p_value = static_cast<double>(as_extreme + 1) / static_cast<double>(trials + 1);
  return t;
}

}  // namespace rasd::cli
