// The bidirectional LSTM; see bilstm.h.
//
// Parameter layout (G = 4H gates in the order i, f, o, g): for direction d = 0 (left to
// right), 1 (right to left): W_d as `input` rows of G, U_d as H rows of G, b_d (G); then V
// as 2H rows of `outputs` (rows 0..H-1 from the forward state, H..2H-1 from the backward
// one) and the output bias c; with a CRF layer, then T as outputs + 1 rows of outputs (row
// p: previous tag p; row `outputs`: the sentence start).
#include "rasd/extract/bilstm.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <utility>

#include "rasd/base/check.h"
#include "rasd/base/hash.h"
#include "rasd/extract/internal/float_kernels.h"
#include "rasd/extract/internal/lstm_kernels.h"

namespace rasd::extract {
namespace {

// The gates' kernels (pre-activations, sigmoid, tanh, exp): internal/lstm_kernels.h.
using internal::FastExp;
using internal::GatePreactivations;
using internal::SigmoidArray;
using internal::TanhArray;
using internal::Axpy;  // internal/float_kernels.h
using internal::Dot;

// Uniform in [0, 1) from SplitMix64 (the same numbers on every platform).
struct Rng {
  uint64_t s;
  uint64_t Next() {
    s += 0x9e3779b97f4a7c15ull;
    return base::Mix64(s);
  }
  float Uniform() { return static_cast<float>(Next() >> 40) * (1.f / 16777216.f); }
};

}  // namespace

size_t BiLstm::NumParams(BiLstmShape sh) {
  const size_t g = size_t{4} * sh.hidden;
  return 2 * (size_t{sh.input} * g + size_t{sh.hidden} * g + g) +
         size_t{2} * sh.hidden * sh.outputs + sh.outputs +
         (sh.crf ? (size_t{sh.outputs} + 1) * sh.outputs : 0);
}

size_t BiLstm::OffW(int d) const {
  const size_t g = size_t{4} * shape_.hidden;
  return static_cast<size_t>(d) * (size_t{shape_.input} * g + size_t{shape_.hidden} * g + g);
}

BiLstm::BiLstm(BiLstmShape shape, uint64_t seed) : shape_(shape), params_(NumParams(shape), 0.f) {
  Rng rng{seed};
  const float r = 1.f / std::sqrt(static_cast<float>(std::max(1u, shape.hidden)));
  const uint32_t H = shape.hidden, G = 4 * H;
  for (int d = 0; d < 2; ++d) {
    for (size_t k = OffW(d); k < OffB(d); ++k) params_[k] = (2.f * rng.Uniform() - 1.f) * r;
    for (uint32_t k = 0; k < H; ++k) params_[OffB(d) + H + k] = 1.f;  // forget gate
    (void)G;
  }
  for (size_t k = OffV(); k < OffC(); ++k) params_[k] = (2.f * rng.Uniform() - 1.f) * r;
  // The CRF layer's tag-pair scores start at 0 (every sequence equally likely a priori).
}

Result<BiLstm> BiLstm::FromParams(BiLstmShape shape, std::vector<float> params) {
  if (shape.input == 0 || shape.hidden == 0 || shape.outputs == 0 ||
      params.size() != NumParams(shape))
    return Status::InvalidArgument("BiLSTM: " + std::to_string(params.size()) +
                                   " parameters do not fit the shape");
  BiLstm b;
  b.shape_ = shape;
  b.params_ = std::move(params);
  return b;
}

void BiLstm::Project(const float* x, float* out) const {
  const uint32_t D = shape_.input, G = 4 * shape_.hidden;
  std::fill(out, out + 2 * G, 0.f);
  for (int d = 0; d < 2; ++d) {
    const float* W = &params_[OffW(d)];
    for (uint32_t j = 0; j < D; ++j) {
      if (x[j] != 0.f) Axpy(x[j], W + static_cast<size_t>(j) * G, out + d * G, G);
    }
  }
}

void BiLstm::Run(int d, const float* const* proj, int n, BiLstmScratch* s) const {
  const uint32_t H = shape_.hidden, G = 4 * H;
  const float* U = &params_[OffU(d)];
  const float* b = &params_[OffB(d)];
  s->act[d].resize(static_cast<size_t>(n) * G);
  s->cell[d].resize(static_cast<size_t>(n) * H);
  s->tcell[d].resize(static_cast<size_t>(n) * H);
  s->hid[d].resize(static_cast<size_t>(n) * H);
  for (int step = 0; step < n; ++step) {
    const int t = d == 0 ? step : n - 1 - step;
    const int p = d == 0 ? t - 1 : t + 1;
    float* z = &s->act[d][static_cast<size_t>(t) * G];
    const float* hp = step > 0 ? &s->hid[d][static_cast<size_t>(p) * H] : nullptr;
    const float* cp = step > 0 ? &s->cell[d][static_cast<size_t>(p) * H] : nullptr;
    // z = W x + b + U h_prev, with W x cached by the caller (Project).
    GatePreactivations(proj[t] + d * G, b, hp, U, H, G, z);
    float* c = &s->cell[d][static_cast<size_t>(t) * H];
    float* tc = &s->tcell[d][static_cast<size_t>(t) * H];
    float* h = &s->hid[d][static_cast<size_t>(t) * H];
    SigmoidArray(z, 3 * H);
    TanhArray(z + 3 * H, z + 3 * H, H);
    const float* gi = z;
    const float* gf = z + H;
    const float* go = z + 2 * H;
    const float* gg = z + 3 * H;
    if (cp != nullptr) {
      for (uint32_t k = 0; k < H; ++k) c[k] = gi[k] * gg[k] + gf[k] * cp[k];
    } else {
      for (uint32_t k = 0; k < H; ++k) c[k] = gi[k] * gg[k];
    }
    TanhArray(c, tc, H);
    for (uint32_t k = 0; k < H; ++k) h[k] = go[k] * tc[k];
  }
}

const float* BiLstm::Predict(const float* x, int n, BiLstmScratch* s) const {
  RASD_CHECK(!empty());
  const uint32_t G = 4 * shape_.hidden;
  s->proj.resize(static_cast<size_t>(n) * 2 * G);
  s->proj_ptr.resize(static_cast<size_t>(n));
  for (int t = 0; t < n; ++t) {
    float* out = &s->proj[static_cast<size_t>(t) * 2 * G];
    Project(x + static_cast<size_t>(t) * shape_.input, out);
    s->proj_ptr[t] = out;
  }
  return PredictProjected(s->proj_ptr.data(), n, s);
}

const float* BiLstm::PredictProjected(const float* const* proj, int n, BiLstmScratch* s) const {
  RASD_CHECK(!empty());
  const uint32_t H = shape_.hidden, K = shape_.outputs;
  Run(0, proj, n, s);
  Run(1, proj, n, s);
  s->probs.resize(static_cast<size_t>(n) * K);
  s->logits.resize(static_cast<size_t>(n) * K);
  const float* V = &params_[OffV()];
  const float* c = &params_[OffC()];
  s->hcat.resize(size_t{2} * H);
  for (int t = 0; t < n; ++t) {
    float* out = &s->logits[static_cast<size_t>(t) * K];
    // out = c + V [h_fwd; h_bwd], the rows of V in order (the outputs stay in registers
    // across the 2H rows: row-by-row axpys chained each row's store to the next row's load).
    for (int d = 0; d < 2; ++d) {
      const float* h = &s->hid[d][static_cast<size_t>(t) * H];
      std::copy(h, h + H, s->hcat.begin() + static_cast<long>(d) * H);
    }
    GatePreactivations(c, nullptr, s->hcat.data(), V, 2 * H, K, out);
  }
  if (shape_.crf) {
    CrfForwardBackward(n, s);
    return s->probs.data();
  }
  for (int t = 0; t < n; ++t) {
    const float* logit = &s->logits[static_cast<size_t>(t) * K];
    float* out = &s->probs[static_cast<size_t>(t) * K];
    const float m = *std::max_element(logit, logit + K);
    float sum = 0.f;
    for (uint32_t k = 0; k < K; ++k) sum += out[k] = FastExp(logit[k] - m);
    for (uint32_t k = 0; k < K; ++k) out[k] /= sum;
  }
  return s->probs.data();
}

// Forward-backward over the linear chain (Lafferty et al. 2001) in probability space with a
// scale per token (Rabiner 1989, section V.A), in double: alpha_t, normalised to sum 1 by
// scale_t, is p(y_t | x_0..t) and beta_t the matching backward quantity, so that
// alpha_t[k] * beta_t[k] is the marginal p(y_t = k | x) and log Z = sum_t log scale_t (plus
// the per-token maximum subtracted from the emission scores before exp). Leaves alpha, beta,
// the emission and transition potentials and the scales in the scratch for Loss.
void BiLstm::CrfForwardBackward(int n, BiLstmScratch* s) const {
  if (n <= 0) return;
  const uint32_t K = shape_.outputs;
  const float* T = &params_[OffT()];
  const size_t nk = static_cast<size_t>(n) * K;
  s->crf_alpha.resize(nk);
  s->crf_beta.resize(nk);
  s->crf_emit.resize(nk);
  s->crf_scale.resize(static_cast<size_t>(n));
  s->crf_trans.resize((size_t{K} + 1) * K);
  double* et = s->crf_trans.data();
  for (size_t k = 0; k < (size_t{K} + 1) * K; ++k) et[k] = std::exp(static_cast<double>(T[k]));
  double log_z = 0;
  for (int t = 0; t < n; ++t) {
    const float* logit = &s->logits[static_cast<size_t>(t) * K];
    const float m = *std::max_element(logit, logit + K);
    log_z += m;
    double* e = &s->crf_emit[static_cast<size_t>(t) * K];
    for (uint32_t k = 0; k < K; ++k) e[k] = std::exp(static_cast<double>(logit[k] - m));
  }
  for (int t = 0; t < n; ++t) {
    const double* e = &s->crf_emit[static_cast<size_t>(t) * K];
    double* a = &s->crf_alpha[static_cast<size_t>(t) * K];
    if (t == 0) {
      for (uint32_t k = 0; k < K; ++k) a[k] = et[size_t{K} * K + k] * e[k];
    } else {
      const double* ap = a - K;
      for (uint32_t k = 0; k < K; ++k) {
        double v = 0;
        for (uint32_t p = 0; p < K; ++p) v += ap[p] * et[size_t{p} * K + k];
        a[k] = v * e[k];
      }
    }
    double z = 0;
    for (uint32_t k = 0; k < K; ++k) z += a[k];
    for (uint32_t k = 0; k < K; ++k) a[k] /= z;
    s->crf_scale[static_cast<size_t>(t)] = z;
    log_z += std::log(z);
  }
  s->crf_log_z = log_z;
  double* last = &s->crf_beta[static_cast<size_t>(n - 1) * K];
  std::fill(last, last + K, 1.0);
  for (int t = n - 2; t >= 0; --t) {
    const double* bn = &s->crf_beta[static_cast<size_t>(t + 1) * K];
    const double* en = &s->crf_emit[static_cast<size_t>(t + 1) * K];
    const double zn = s->crf_scale[static_cast<size_t>(t + 1)];
    double* b = &s->crf_beta[static_cast<size_t>(t) * K];
    for (uint32_t p = 0; p < K; ++p) {
      double v = 0;
      for (uint32_t k = 0; k < K; ++k) v += et[size_t{p} * K + k] * en[k] * bn[k];
      b[p] = v / zn;
    }
  }
  for (size_t k = 0; k < nk; ++k)
    s->probs[k] = static_cast<float>(s->crf_alpha[k] * s->crf_beta[k]);
}

void BiLstm::Backward(int d, const float* x, int n, BiLstmScratch* s, float* grad) const {
  const uint32_t D = shape_.input, H = shape_.hidden, G = 4 * H;
  const float* U = &params_[OffU(d)];
  float* gW = grad + OffW(d);
  float* gU = grad + OffU(d);
  float* gb = grad + OffB(d);
  s->dz.assign(G, 0.f);
  s->dh_next.assign(H, 0.f);
  s->dc_next.assign(H, 0.f);
  s->dc_new.assign(H, 0.f);
  float* dz = s->dz.data();
  // Back through time: the reverse of Run's order.
  for (int step = n - 1; step >= 0; --step) {
    const int t = d == 0 ? step : n - 1 - step;
    const int p = d == 0 ? t - 1 : t + 1;
    const float* a = &s->act[d][static_cast<size_t>(t) * G];
    const float* tc = &s->tcell[d][static_cast<size_t>(t) * H];
    const float* dho = &s->dh[d][static_cast<size_t>(t) * H];
    const float* cp = step > 0 ? &s->cell[d][static_cast<size_t>(p) * H] : nullptr;
    for (uint32_t k = 0; k < H; ++k) {
      const float i = a[k], f = a[H + k], o = a[2 * H + k], g = a[3 * H + k];
      const float dh = dho[k] + s->dh_next[k];
      const float dc = s->dc_next[k] + dh * o * (1.f - tc[k] * tc[k]);
      const float d_o = dh * tc[k];
      const float di = dc * g, dg = dc * i;
      const float df = cp != nullptr ? dc * cp[k] : 0.f;
      s->dc_new[k] = dc * f;
      dz[k] = di * i * (1.f - i);
      dz[H + k] = df * f * (1.f - f);
      dz[2 * H + k] = d_o * o * (1.f - o);
      dz[3 * H + k] = dg * (1.f - g * g);
    }
    std::swap(s->dc_next, s->dc_new);
    for (uint32_t k = 0; k < G; ++k) gb[k] += dz[k];
    const float* xt = x + static_cast<size_t>(t) * D;
    for (uint32_t j = 0; j < D; ++j) {
      if (xt[j] != 0.f) Axpy(xt[j], dz, gW + static_cast<size_t>(j) * G, G);
    }
    if (step > 0) {
      const float* hp = &s->hid[d][static_cast<size_t>(p) * H];
      for (uint32_t j = 0; j < H; ++j) {
        Axpy(hp[j], dz, gU + static_cast<size_t>(j) * G, G);
        s->dh_next[j] = Dot(U + static_cast<size_t>(j) * G, dz, G);
      }
    }
  }
}

double BiLstm::Loss(const float* x, int n, const uint8_t* gold, std::vector<float>* grad,
                    BiLstmScratch* s) const {
  const uint32_t H = shape_.hidden, K = shape_.outputs;
  const float* probs = Predict(x, n, s);
  double loss = 0;
  if (shape_.crf) {
    // -log p(gold | x) = log Z - (emission and tag-pair scores of the gold sequence).
    const float* T = &params_[OffT()];
    loss = s->crf_log_z;
    for (int t = 0; t < n; ++t) {
      RASD_CHECK(gold[t] < K);
      const uint32_t prev = t == 0 ? K : gold[t - 1];
      loss -= static_cast<double>(s->logits[static_cast<size_t>(t) * K + gold[t]]) +
              static_cast<double>(T[size_t{prev} * K + gold[t]]);
    }
  } else {
    for (int t = 0; t < n; ++t) {
      RASD_CHECK(gold[t] < K);
      loss -= std::log(
          std::max(1e-30, static_cast<double>(probs[static_cast<size_t>(t) * K + gold[t]])));
    }
  }
  if (grad == nullptr) return loss;
  RASD_CHECK(grad->size() == params_.size());
  float* g = grad->data();
  const float* V = &params_[OffV()];
  float* gV = g + OffV();
  float* gc = g + OffC();
  for (int d = 0; d < 2; ++d) s->dh[d].assign(static_cast<size_t>(n) * H, 0.f);
  float ds[256];
  RASD_CHECK(K <= 256);
  for (int t = 0; t < n; ++t) {
    // d loss / d logits = p - onehot(gold) (the marginals with a CRF layer).
    const float* p = probs + static_cast<size_t>(t) * K;
    for (uint32_t k = 0; k < K; ++k) ds[k] = p[k] - (k == gold[t] ? 1.f : 0.f);
    for (uint32_t k = 0; k < K; ++k) gc[k] += ds[k];
    for (int d = 0; d < 2; ++d) {
      const float* h = &s->hid[d][static_cast<size_t>(t) * H];
      float* dh = &s->dh[d][static_cast<size_t>(t) * H];
      for (uint32_t j = 0; j < H; ++j) {
        const size_t row = (size_t{static_cast<uint32_t>(d)} * H + j) * K;
        Axpy(h[j], ds, gV + row, K);
        dh[j] = Dot(V + row, ds, K);
      }
    }
  }
  if (shape_.crf) {
    // d loss / d T[p][k] = expected count of the pair (p, k) - its count in gold; the
    // pair's marginal at t >= 1 is alpha_{t-1}[p] * et[p][k] * e_t[k] * beta_t[k] / scale_t.
    float* gT = g + OffT();
    const double* et = s->crf_trans.data();
    for (uint32_t k = 0; k < K; ++k) gT[size_t{K} * K + k] += probs[k];
    gT[size_t{K} * K + gold[0]] -= 1.f;
    for (int t = 1; t < n; ++t) {
      const double* ap = &s->crf_alpha[static_cast<size_t>(t - 1) * K];
      const double* e = &s->crf_emit[static_cast<size_t>(t) * K];
      const double* b = &s->crf_beta[static_cast<size_t>(t) * K];
      const double z = s->crf_scale[static_cast<size_t>(t)];
      for (uint32_t p = 0; p < K; ++p) {
        for (uint32_t k = 0; k < K; ++k) {
          gT[size_t{p} * K + k] +=
              static_cast<float>(ap[p] * et[size_t{p} * K + k] * e[k] * b[k] / z);
        }
      }
      gT[size_t{gold[t - 1]} * K + gold[t]] -= 1.f;
    }
  }
  Backward(0, x, n, s, g);
  Backward(1, x, n, s, g);
  return loss;
}

BiLstm TrainBiLstm(const std::vector<BiLstmExample>& examples, BiLstmShape shape,
                   const BiLstmTrainOptions& o,
                   const std::function<void(const std::string&)>& log) {
  BiLstm net(shape, o.seed);
  const size_t np = net.params().size();
  std::vector<float> grad(np), m(np, 0.f), v(np, 0.f), xd;
  std::vector<uint32_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0u);
  Rng rng{o.seed ^ 0x6c73746dull};
  BiLstmScratch s;
  const float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
  double b1t = 1, b2t = 1;
  const float keep = 1.f - o.input_dropout;
  // The layout of bilstm.cc's header comment: per direction `block` values, W_d first.
  const size_t D = shape.input, G = size_t{4} * shape.hidden;
  const size_t block = D * G + shape.hidden * G + G;
  std::vector<uint8_t> active(D, 0);
  std::vector<uint32_t> rows;
  std::vector<std::pair<size_t, size_t>> ranges;
  for (int e = 1; e <= o.epochs; ++e) {
    // Fisher-Yates with the same generator: the same order everywhere.
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.Next() % i]);
    double total = 0;
    size_t tokens = 0;
    for (uint32_t idx : order) {
      const BiLstmExample& ex = examples[idx];
      if (ex.n == 0) continue;
      const float* x = ex.x;
      if (o.input_dropout > 0.f) {
        xd.assign(ex.x, ex.x + static_cast<size_t>(ex.n) * shape.input);
        for (float& val : xd) {
          if (val != 0.f) val = rng.Uniform() < o.input_dropout ? 0.f : val / keep;
        }
        x = xd.data();
      }
      // The input rows of W_0 and W_1 that this sentence's inputs touch; the others have no
      // gradient and keep their weights and moments (lazy Adam, as TensorFlow's LazyAdam and
      // PyTorch's SparseAdam: most inputs are one-hot buckets, absent from most sentences).
      rows.clear();
      for (size_t k = 0; k < static_cast<size_t>(ex.n) * D; ++k) {
        const uint32_t j = static_cast<uint32_t>(k % D);
        if (x[k] != 0.f && !active[j]) active[j] = 1, rows.push_back(j);
      }
      std::sort(rows.begin(), rows.end());
      ranges.clear();
      for (size_t d = 0; d < 2; ++d) {
        for (uint32_t j : rows) ranges.emplace_back(d * block + j * G, d * block + (j + 1) * G);
        ranges.emplace_back(d * block + D * G, (d + 1) * block);  // U_d, b_d
      }
      ranges.emplace_back(2 * block, np);  // V, c
      total += net.Loss(x, ex.n, ex.gold, &grad, &s);
      tokens += static_cast<size_t>(ex.n);
      double norm = 0;
      for (const auto& [lo, hi] : ranges) {
        for (size_t k = lo; k < hi; ++k) norm += static_cast<double>(grad[k]) * grad[k];
      }
      norm = std::sqrt(norm);
      const float scale = norm > o.clip ? static_cast<float>(o.clip / norm) : 1.f;
      b1t *= b1;
      b2t *= b2;
      const float lr = o.learning_rate * static_cast<float>(std::sqrt(1 - b2t) / (1 - b1t));
      std::vector<float>& w = net.mutable_params();
      for (const auto& [lo, hi] : ranges) {
        for (size_t k = lo; k < hi; ++k) {
          const float g = grad[k] * scale;
          m[k] = b1 * m[k] + (1 - b1) * g;
          v[k] = b2 * v[k] + (1 - b2) * g * g;
          w[k] -= lr * m[k] / (std::sqrt(v[k]) + eps);
          grad[k] = 0.f;
        }
      }
      for (uint32_t j : rows) active[j] = 0;
    }
    if (log) {
      char line[120];
      std::snprintf(line, sizeof line, "BiLSTM epoch %d: loss %.4f per token", e,
                    tokens ? total / static_cast<double>(tokens) : 0.0);
      log(line);
    }
  }
  return net;
}

}  // namespace rasd::extract
