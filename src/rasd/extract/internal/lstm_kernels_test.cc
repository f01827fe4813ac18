#include "rasd/extract/internal/lstm_kernels.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace rasd::extract::internal {
namespace {

const KernelLevel kLevels[] = {KernelLevel::kScalar, KernelLevel::kSse2, KernelLevel::kAvx2};

std::string LevelName(KernelLevel l) {
  return l == KernelLevel::kScalar ? "scalar" : l == KernelLevel::kSse2 ? "sse2" : "avx2";
}

// The contract's sum written out plainly: one output at a time, rows in order, in float.
std::vector<float> NaiveGates(const std::vector<float>& wx, const float* b, const float* h,
                              const std::vector<float>& U, uint32_t rows, uint32_t n) {
  std::vector<float> z(n);
  for (uint32_t k = 0; k < n; ++k) {
    float v = wx[k];
    if (b != nullptr) v = v + b[k];
    for (uint32_t j = 0; h != nullptr && j < rows; ++j) {
      const float prod = h[j] * U[static_cast<size_t>(j) * n + k];
      v = v + prod;
    }
    z[k] = v;
  }
  return z;
}

// Every variant gives the plain loop's bits (so tagging and training do not depend on the
// CPU), for widths that exercise the register blocks (32 and 64 values), the single-vector
// blocks and the scalar tails, with and without a bias and previous state.
TEST(LstmKernelsTest, GatePreactivationsGiveThePlainLoopsBits) {
  const uint32_t seed = 5;
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-2, 2);
  int checked_levels = 0;
  for (KernelLevel level : kLevels) {
    if (!KernelLevelAvailable(level)) continue;
    ++checked_levels;
    SCOPED_TRACE(LevelName(level));
    for (uint32_t n : {1u, 3u, 4u, 9u, 31u, 32u, 36u, 64u, 72u, 100u, 128u, 136u}) {
      for (uint32_t rows : {0u, 1u, 7u, 32u, 64u}) {
        for (bool bias : {false, true}) {
          std::vector<float> wx(n), b(n), h(rows), U(static_cast<size_t>(rows) * n);
          for (float& v : wx) v = u(rng);
          for (float& v : b) v = u(rng);
          for (float& v : h) v = u(rng);
          for (float& v : U) v = u(rng);
          const float* hp = rows > 0 ? h.data() : nullptr;
          const float* bp = bias ? b.data() : nullptr;
          const std::vector<float> want = NaiveGates(wx, bp, hp, U, rows, n);
          std::vector<float> got(n, -1.f);
          GatePreactivations(wx.data(), bp, hp, U.data(), rows, n, got.data(), level);
          for (uint32_t k = 0; k < n; ++k) {
            ASSERT_EQ(std::bit_cast<uint32_t>(got[k]), std::bit_cast<uint32_t>(want[k]))
                << "n " << n << " rows " << rows << " bias " << bias << " k " << k << ": "
                << got[k] << " vs " << want[k];
          }
        }
      }
    }
  }
  EXPECT_GE(checked_levels, 1);
}

// The squashing functions: every variant gives the scalar formula's bits, and the values
// are the sigmoid and tanh to float precision, saturating without NaNs far out.
TEST(LstmKernelsTest, SquashIsSigmoidAndTanhWithTheScalarBits) {
  std::vector<float> in;
  for (float x = -100.f; x <= 100.f; x += 0.37f) in.push_back(x);
  in.push_back(0.f);
  in.push_back(1e-20f);
  const uint32_t n = static_cast<uint32_t>(in.size());
  for (KernelLevel level : kLevels) {
    if (!KernelLevelAvailable(level)) continue;
    SCOPED_TRACE(LevelName(level));
    std::vector<float> sig(n), th(n), inplace = in;
    Squash(in.data(), sig.data(), n, -1.f, 1.f, 0.f, level);
    Squash(in.data(), th.data(), n, -2.f, 2.f, -1.f, level);
    Squash(inplace.data(), inplace.data(), n, -1.f, 1.f, 0.f, level);
    for (uint32_t k = 0; k < n; ++k) {
      const float x = in[k];
      const float want_sig = 1.f / (1.f + FastExp(x * -1.f)) * 1.f + 0.f;
      const float want_th = 1.f / (1.f + FastExp(x * -2.f)) * 2.f + -1.f;
      ASSERT_EQ(std::bit_cast<uint32_t>(sig[k]), std::bit_cast<uint32_t>(want_sig)) << x;
      ASSERT_EQ(std::bit_cast<uint32_t>(th[k]), std::bit_cast<uint32_t>(want_th)) << x;
      ASSERT_EQ(std::bit_cast<uint32_t>(inplace[k]), std::bit_cast<uint32_t>(want_sig)) << x;
      EXPECT_NEAR(sig[k], 1 / (1 + std::exp(-static_cast<double>(x))), 2e-7) << x;
      EXPECT_NEAR(th[k], std::tanh(static_cast<double>(x)), 5e-7) << x;
    }
  }
}

TEST(LstmKernelsTest, FastExpIsExpToFloatPrecision) {
  for (float x = -80.f; x <= 80.f; x += 0.013f) {
    const double want = std::exp(static_cast<double>(x));
    EXPECT_NEAR(FastExp(x) / want, 1.0, 4e-7) << x;
  }
  EXPECT_EQ(FastExp(0.f), 1.f);
  EXPECT_TRUE(std::isfinite(FastExp(1000.f)));
  EXPECT_GT(FastExp(-1000.f), 0.f);  // clamped to e^-87, no denormal or zero
}

TEST(LstmKernelsTest, BestLevelIsAvailable) {
  EXPECT_TRUE(KernelLevelAvailable(BestKernelLevel()));
  EXPECT_TRUE(KernelLevelAvailable(KernelLevel::kScalar));
}

}  // namespace
}  // namespace rasd::extract::internal
