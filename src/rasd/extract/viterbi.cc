// Viterbi decoding; see viterbi.h.
#include "rasd/extract/viterbi.h"

#include <limits>

namespace rasd::extract {

float ViterbiDecode(const float* e, int n, const float* trans, std::vector<Tag>* tags,
                    ViterbiScratch* scratch, const float* edges) {
  constexpr int K = kNumTags;
  constexpr float kNeg = -std::numeric_limits<float>::infinity();
  tags->resize(n);
  if (n == 0) return 0.f;
  scratch->score.resize(static_cast<size_t>(n) * K);
  scratch->back.resize(static_cast<size_t>(n) * K);
  float* s = scratch->score.data();
  uint8_t* b = scratch->back.data();
  for (int t = 0; t < K; ++t) {
    const float start = trans[K * K + t] + (edges ? edges[K * K + t] : 0.f);
    s[t] = AllowedTransition(K, static_cast<Tag>(t)) ? e[t] + start : kNeg;
    b[t] = 0;
  }
  // Per-token transitions: T + E[i], built once per token into a small buffer.
  float tr_i[kEdgeBlock];
  for (int i = 1; i < n; ++i) {
    const float* prev = s + static_cast<size_t>(i - 1) * K;
    float* cur = s + static_cast<size_t>(i) * K;
    uint8_t* bk = b + static_cast<size_t>(i) * K;
    const float* ei = e + static_cast<size_t>(i) * K;
    const float* tr = trans;
    if (edges != nullptr) {
      const float* ed = edges + static_cast<size_t>(i) * kEdgeBlock;
      for (int k = 0; k < K * K; ++k) tr_i[k] = trans[k] + ed[k];
      tr = tr_i;
    }
    for (int t = 0; t < K; ++t) {
      float best = kNeg;
      int arg = 0;
      for (int p = 0; p < K; ++p) {
        if (!AllowedTransition(p, static_cast<Tag>(t)) || prev[p] == kNeg) continue;
        float v = prev[p] + tr[p * K + t];
        if (v > best) best = v, arg = p;
      }
      cur[t] = best == kNeg ? kNeg : best + ei[t];
      bk[t] = static_cast<uint8_t>(arg);
    }
  }
  const float* last = s + static_cast<size_t>(n - 1) * K;
  int arg = 0;
  float best = kNeg;
  for (int t = 0; t < K; ++t) {
    if (last[t] > best) best = last[t], arg = t;
  }
  for (int i = n - 1; i >= 0; --i) {
    (*tags)[i] = static_cast<Tag>(arg);
    arg = b[static_cast<size_t>(i) * K + arg];
  }
  return best;
}

}  // namespace rasd::extract
