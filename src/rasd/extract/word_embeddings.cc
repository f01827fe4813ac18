// Skip-gram with negative sampling; see word_embeddings.h.
#include "rasd/extract/word_embeddings.h"

#include <algorithm>
#include <cmath>

#include "rasd/extract/internal/float_kernels.h"

namespace rasd::extract {
namespace {

// The linear congruential generator of the word2vec tool (the constants of java.util.Random):
// cheap and the same on every platform.
struct Lcg {
  uint64_t state;
  uint64_t Next() {
    state = state * 25214903917ull + 11;
    return state;
  }
  // Uniform in [0, 1) from the 16 bits word2vec uses.
  float Unit() { return static_cast<float>((Next() >> 16) & 0xFFFF) / 65536.f; }
};

using internal::Axpy;  // internal/float_kernels.h
using internal::Dot;

}  // namespace

std::vector<float> TrainSkipGram(const std::vector<int32_t>& stream,
                                 const std::vector<uint64_t>& counts, int rows,
                                 const SkipGramOptions& o) {
  const int d = o.dims;
  std::vector<float> in(static_cast<size_t>(rows) * d), out(static_cast<size_t>(rows) * d, 0.f);
  if (rows == 0 || d <= 0) return in;
  Lcg rng{o.seed};
  // Input vectors start uniform in [-0.5/d, 0.5/d), output vectors at zero (as word2vec).
  for (float& v : in) v = (rng.Unit() - 0.5f) / static_cast<float>(d);

  // Noise distribution: unigram counts to the power 0.75 (Mikolov et al. 2013 §2.2), as a
  // table of row ids each filling its share of the slots.
  constexpr size_t kTable = 10'000'000;
  std::vector<int32_t> table(kTable);
  {
    double norm = 0;
    for (int r = 0; r < rows; ++r) norm += std::pow(static_cast<double>(counts[r]), 0.75);
    int r = 0;
    double cum = std::pow(static_cast<double>(counts[0]), 0.75) / norm;
    for (size_t s = 0; s < kTable; ++s) {
      table[s] = r;
      if (static_cast<double>(s) / kTable > cum && r + 1 < rows) {
        ++r;
        cum += std::pow(static_cast<double>(counts[r]), 0.75) / norm;
      }
    }
  }
  // Subsampling: a token of frequency f is kept with probability (sqrt(f / (t N)) + 1) t N / f,
  // the formula of the word2vec tool (a smoothed form of the paper's 1 - sqrt(t / f)).
  double total = 0;
  for (int r = 0; r < rows; ++r) total += static_cast<double>(counts[r]);
  std::vector<float> keep(rows, 1.f);
  if (o.sample > 0) {
    const double tn = o.sample * total;
    for (int r = 0; r < rows; ++r) {
      const double f = static_cast<double>(counts[r]);
      if (f > 0) keep[r] = static_cast<float>(std::min(1.0, (std::sqrt(f / tn) + 1) * tn / f));
    }
  }
  // Logistic function tabulated over [-6, 6] (word2vec's EXP_TABLE); beyond it the gradient
  // is taken as saturated.
  constexpr int kSigmoidSize = 1000;
  constexpr float kMaxExp = 6.f;
  std::vector<float> sigmoid(kSigmoidSize);
  for (int i = 0; i < kSigmoidSize; ++i) {
    const double x = (2.0 * i / kSigmoidSize - 1.0) * kMaxExp;
    sigmoid[i] = static_cast<float>(1.0 / (1.0 + std::exp(-x)));
  }

  const double planned = static_cast<double>(o.epochs) * static_cast<double>(stream.size()) + 1;
  double processed = 0;
  std::vector<int32_t> sentence;
  std::vector<float> grad(d);
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    size_t p = 0;
    while (p < stream.size()) {
      // One sentence, subsampled.
      sentence.clear();
      size_t q = p;
      for (; q < stream.size() && stream[q] >= 0; ++q) {
        const int32_t w = stream[q];
        if (keep[w] < 1.f && keep[w] < rng.Unit()) continue;
        sentence.push_back(w);
      }
      if (o.log && static_cast<uint64_t>(processed) / 4'000'000 !=
                       static_cast<uint64_t>(processed + static_cast<double>(q - p)) / 4'000'000) {
        o.log("skip-gram: " + std::to_string(static_cast<uint64_t>(processed) / 1'000'000) +
              "M of " + std::to_string(static_cast<uint64_t>(planned) / 1'000'000) + "M tokens");
      }
      processed += static_cast<double>(q - p);
      p = q + 1;
      const float alpha = o.learning_rate *
                          std::max(1e-4f, static_cast<float>(1.0 - processed / planned));
      const int n = static_cast<int>(sentence.size());
      for (int i = 0; i < n; ++i) {
        const int32_t word = sentence[i];
        // Dynamic window (word2vec): a reach drawn in 1..window, so near contexts count more.
        const int b = static_cast<int>(rng.Next() % static_cast<uint64_t>(o.window));
        for (int j = i - o.window + b; j <= i + o.window - b; ++j) {
          if (j < 0 || j >= n || j == i) continue;
          float* l1 = &in[static_cast<size_t>(sentence[j]) * d];
          std::fill(grad.begin(), grad.end(), 0.f);
          for (int k = 0; k <= o.negative; ++k) {
            int32_t target;
            float label;
            if (k == 0) {
              target = word;
              label = 1.f;
            } else {
              target = table[(rng.Next() >> 16) % kTable];
              if (target == word) continue;
              label = 0.f;
            }
            float* l2 = &out[static_cast<size_t>(target) * d];
            const float f = Dot(l1, l2, d);
            float g;
            if (f > kMaxExp) {
              g = (label - 1.f) * alpha;
            } else if (f < -kMaxExp) {
              g = label * alpha;
            } else {
              const int idx = static_cast<int>((f + kMaxExp) * (kSigmoidSize / kMaxExp / 2));
              g = (label - sigmoid[std::min(idx, kSigmoidSize - 1)]) * alpha;
            }
            Axpy(g, l2, grad.data(), d);
            Axpy(g, l1, l2, d);
          }
          Axpy(1.f, grad.data(), l1, d);
        }
      }
    }
    if (o.log) o.log("skip-gram epoch " + std::to_string(epoch + 1) + " of " + std::to_string(o.epochs));
  }
  for (int r = 0; r < rows; ++r) {
    float* v = &in[static_cast<size_t>(r) * d];
    double norm = 0;
    for (int t = 0; t < d; ++t) norm += static_cast<double>(v[t]) * v[t];
    if (norm > 0) {
      const float inv = static_cast<float>(1.0 / std::sqrt(norm));
      for (int t = 0; t < d; ++t) v[t] *= inv;
    }
  }
  return in;
}

}  // namespace rasd::extract
