#include "rasd/extract/bilstm.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace rasd::extract {
namespace {

// Random inputs with some exact zeros (the one-hot part of the tagger's inputs is skipped).
std::vector<float> RandomInputs(int n, uint32_t dims, std::mt19937* rng) {
  std::uniform_real_distribution<float> u(-1, 1);
  std::vector<float> x(static_cast<size_t>(n) * dims);
  for (float& v : x) v = u(*rng) < -0.6f ? 0.f : u(*rng);
  return x;
}

// The analytic gradient of the summed cross-entropy against central finite differences, for
// every parameter of a small network (both directions, gates, output layer).
// With the CRF layer, the same for its tag-pair scores and the sequence loss.
void CheckGradient(BiLstmShape shape) {
  const uint32_t seed = 4242;
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  BiLstm net(shape, seed);
  // Spread the weights so that the gates are not all near 0.5.
  std::uniform_real_distribution<float> u(-1, 1);
  for (float& w : net.mutable_params()) w = u(rng);
  const int n = 5;
  std::vector<float> x = RandomInputs(n, shape.input, &rng);
  const std::vector<uint8_t> gold = {0, 3, 1, 1, 2};
  BiLstmScratch s;
  std::vector<float> grad(net.params().size(), 0.f);
  net.Loss(x.data(), n, gold.data(), &grad, &s);
  const float eps = 1e-2f;
  double worst = 0;
  for (size_t k = 0; k < net.params().size(); ++k) {
    const float w = net.params()[k];
    net.mutable_params()[k] = w + eps;
    const double up = net.Loss(x.data(), n, gold.data(), nullptr, &s);
    net.mutable_params()[k] = w - eps;
    const double down = net.Loss(x.data(), n, gold.data(), nullptr, &s);
    net.mutable_params()[k] = w;
    const double numeric = (up - down) / (2 * eps);
    const double err = std::fabs(numeric - grad[k]) / std::max(1.0, std::fabs(numeric));
    worst = std::max(worst, err);
    EXPECT_NEAR(grad[k], numeric, 2e-3 * std::max(1.0, std::fabs(numeric))) << "parameter " << k;
  }
  EXPECT_LT(worst, 2e-3);
}

TEST(BiLstmTest, GradientMatchesFiniteDifferences) { CheckGradient({5, 3, 4}); }

TEST(BiLstmTest, CrfGradientMatchesFiniteDifferences) {
  BiLstmShape shape{5, 3, 4};
  shape.crf = true;
  CheckGradient(shape);
}

// The CRF layer's marginals and loss against brute force: every one of the K^n tag
// sequences scored from the network's own output scores (Predict's logits) and the
// tag-pair scores (the last (K+1) K parameters), exponentiated and normalised.
TEST(BiLstmTest, CrfMarginalsAndLossMatchEnumeration) {
  const uint32_t seed = 77;
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  BiLstmShape shape{4, 5, 3};
  shape.crf = true;
  BiLstm net(shape, seed);
  std::uniform_real_distribution<float> u(-2, 2);
  for (float& w : net.mutable_params()) w = u(rng);
  const int n = 5;
  const uint32_t K = shape.outputs;
  std::vector<float> x = RandomInputs(n, shape.input, &rng);
  BiLstmScratch s;
  const float* p = net.Predict(x.data(), n, &s);
  const std::vector<float> probs(p, p + n * K), logits = s.logits;
  const float* T = net.params().data() + net.params().size() - (K + 1) * K;
  std::vector<double> marg(n * K, 0.0);
  double z = 0;
  const std::vector<uint8_t> gold = {2, 0, 1, 1, 0};
  double gold_weight = 0;
  std::vector<uint8_t> y(n, 0);
  for (int code = 0; code < 243; ++code) {  // 3^5 sequences
    for (int t = 0, c = code; t < n; ++t, c /= 3) y[t] = static_cast<uint8_t>(c % 3);
    double score = 0;
    for (int t = 0; t < n; ++t) {
      score += logits[t * K + y[t]] + T[(t == 0 ? K : y[t - 1]) * K + y[t]];
    }
    const double w = std::exp(score);
    z += w;
    for (int t = 0; t < n; ++t) marg[t * K + y[t]] += w;
    if (y == gold) gold_weight = w;
  }
  for (int k = 0; k < n * static_cast<int>(K); ++k) EXPECT_NEAR(probs[k], marg[k] / z, 1e-6) << k;
  const double loss = net.Loss(x.data(), n, gold.data(), nullptr, &s);
  EXPECT_NEAR(loss, -std::log(gold_weight / z), 1e-5);
}

// The network's equations in double with std::exp and std::tanh, straight from the layout
// in bilstm.cc: the reference for Predict's vectorised kernels and fast exp.
std::vector<double> ReferencePredict(const BiLstm& net, const std::vector<float>& x, int n) {
  const BiLstmShape sh = net.shape();
  const size_t D = sh.input, H = sh.hidden, G = 4 * H, K = sh.outputs;
  const std::vector<float>& w = net.params();
  auto sig = [](double v) { return 1 / (1 + std::exp(-v)); };
  std::vector<std::vector<double>> hid(2, std::vector<double>(n * H));
  for (int d = 0; d < 2; ++d) {
    const size_t W = d * (D * G + H * G + G), U = W + D * G, B = U + H * G;
    std::vector<double> h(H, 0), c(H, 0), z(G);
    for (int step = 0; step < n; ++step) {
      const int t = d == 0 ? step : n - 1 - step;
      for (size_t g = 0; g < G; ++g) {
        z[g] = w[B + g];
        for (size_t j = 0; j < D; ++j) z[g] += x[t * D + j] * w[W + j * G + g];
        for (size_t j = 0; j < H; ++j) z[g] += h[j] * w[U + j * G + g];
      }
      for (size_t k = 0; k < H; ++k) {
        c[k] = sig(z[H + k]) * c[k] + sig(z[k]) * std::tanh(z[3 * H + k]);
        h[k] = sig(z[2 * H + k]) * std::tanh(c[k]);
        hid[d][t * H + k] = h[k];
      }
    }
  }
  const size_t V = 2 * (D * G + H * G + G), C = V + 2 * H * K;
  std::vector<double> p(n * K);
  for (int t = 0; t < n; ++t) {
    double sum = 0;
    for (size_t k = 0; k < K; ++k) {
      double s = w[C + k];
      for (int d = 0; d < 2; ++d)
        for (size_t j = 0; j < H; ++j) s += hid[d][t * H + j] * w[V + (d * H + j) * K + k];
      p[t * K + k] = std::exp(s);
      sum += p[t * K + k];
    }
    for (size_t k = 0; k < K; ++k) p[t * K + k] /= sum;
  }
  return p;
}

TEST(BiLstmTest, PredictMatchesReference) {
  const uint32_t seed = 31;
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  // 16 and 32 hidden units (64 and 128 gates: the kernels' register blocks of 32 and 64
  // values), 10 (40 gates: their single-vector blocks) and 3 (scalar tails); large weights
  // drive the gates into saturation, where a poor exp would show.
  for (const BiLstmShape shape : {BiLstmShape{7, 16, 9}, BiLstmShape{5, 3, 4},
                                  BiLstmShape{9, 32, 9}, BiLstmShape{4, 10, 9}}) {
    BiLstm net(shape, seed);
    std::uniform_real_distribution<float> u(-3, 3);
    for (float& w : net.mutable_params()) w = u(rng);
    const int n = 6;
    std::vector<float> x = RandomInputs(n, shape.input, &rng);
    BiLstmScratch s;
    const float* p = net.Predict(x.data(), n, &s);
    const std::vector<double> ref = ReferencePredict(net, x, n);
    for (size_t k = 0; k < ref.size(); ++k) EXPECT_NEAR(p[k], ref[k], 2e-5) << k;
  }
}

TEST(BiLstmTest, PredictGivesDistributions) {
  for (bool crf : {false, true}) {
    SCOPED_TRACE(crf ? "crf" : "softmax");
    std::mt19937 rng(7);
    BiLstm net({6, 4, 9, crf}, 3);
    std::vector<float> x = RandomInputs(8, 6, &rng);
    BiLstmScratch s;
    const float* p = net.Predict(x.data(), 8, &s);
    for (int t = 0; t < 8; ++t) {
      float sum = 0;
      for (int k = 0; k < 9; ++k) {
        EXPECT_GT(p[t * 9 + k], 0.f);
        sum += p[t * 9 + k];
      }
      EXPECT_NEAR(sum, 1.f, 1e-5);
    }
  }
}

// A task that needs both directions: token t's class is its left neighbour's marker bit plus
// 2 * its right neighbour's. A per-token classifier cannot learn it; the trained BiLSTM must.
TEST(BiLstmTest, LearnsContextFromBothSides) {
  const uint32_t seed = 99;
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  std::vector<std::vector<float>> xs;
  std::vector<std::vector<uint8_t>> golds;
  for (int k = 0; k < 300; ++k) {
    const int n = 3 + static_cast<int>(rng() % 6);
    std::vector<int> bit(n);
    for (int& b : bit) b = static_cast<int>(rng() % 2);
    std::vector<float> x(static_cast<size_t>(n) * 2);
    std::vector<uint8_t> g(n);
    for (int t = 0; t < n; ++t) {
      x[t * 2] = static_cast<float>(bit[t]);
      x[t * 2 + 1] = 1.f;  // a constant input
      const int left = t > 0 ? bit[t - 1] : 0, right = t + 1 < n ? bit[t + 1] : 0;
      g[t] = static_cast<uint8_t>(left + 2 * right);
    }
    xs.push_back(std::move(x));
    golds.push_back(std::move(g));
  }
  std::vector<BiLstmExample> ex;
  for (size_t k = 0; k < xs.size(); ++k) {
    ex.push_back({xs[k].data(), golds[k].data(), static_cast<int>(golds[k].size())});
  }
  BiLstmTrainOptions o;
  o.epochs = 15;
  o.learning_rate = 1e-2f;
  o.input_dropout = 0.f;
  for (bool crf : {false, true}) {
    SCOPED_TRACE(crf ? "crf" : "softmax");
    BiLstm net = TrainBiLstm(ex, {2, 8, 4, crf}, o);
    BiLstmScratch s;
    size_t right = 0, total = 0;
    for (size_t k = 0; k < ex.size(); ++k) {
      const float* p = net.Predict(ex[k].x, ex[k].n, &s);
      for (int t = 0; t < ex[k].n; ++t) {
        const float* q = p + t * 4;
        right += static_cast<size_t>(std::max_element(q, q + 4) - q) == ex[k].gold[t];
        ++total;
      }
    }
    EXPECT_GT(static_cast<double>(right) / static_cast<double>(total), 0.97);
  }
}

TEST(BiLstmTest, TrainingIsDeterministic) {
  std::mt19937 rng(5);
  std::vector<float> x = RandomInputs(20, 4, &rng);
  std::vector<uint8_t> g(20);
  for (int t = 0; t < 20; ++t) g[t] = static_cast<uint8_t>(t % 3);
  std::vector<BiLstmExample> ex = {{x.data(), g.data(), 10}, {x.data() + 40, g.data() + 10, 10}};
  BiLstmTrainOptions o;
  o.epochs = 3;
  BiLstm a = TrainBiLstm(ex, {4, 5, 3}, o), b = TrainBiLstm(ex, {4, 5, 3}, o);
  EXPECT_EQ(a.params(), b.params());
  o.seed += 1;
  BiLstm c = TrainBiLstm(ex, {4, 5, 3}, o);
  EXPECT_NE(a.params(), c.params());
}

TEST(BiLstmTest, FromParamsChecksTheCount) {
  const BiLstmShape shape{3, 2, 4};
  EXPECT_FALSE(BiLstm::FromParams(shape, std::vector<float>(BiLstm::NumParams(shape) - 1)).ok());
  EXPECT_FALSE(BiLstm::FromParams({0, 2, 4}, {}).ok());
  auto ok = BiLstm::FromParams(shape, std::vector<float>(BiLstm::NumParams(shape), 0.5f));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.value().shape(), shape);
  // The CRF layer's (4 + 1) * 4 tag-pair scores come on top.
  BiLstmShape crf = shape;
  crf.crf = true;
  EXPECT_EQ(BiLstm::NumParams(crf), BiLstm::NumParams(shape) + 20);
  EXPECT_FALSE(BiLstm::FromParams(crf, std::vector<float>(BiLstm::NumParams(shape))).ok());
  EXPECT_TRUE(BiLstm::FromParams(crf, std::vector<float>(BiLstm::NumParams(crf))).ok());
}

}  // namespace
}  // namespace rasd::extract
