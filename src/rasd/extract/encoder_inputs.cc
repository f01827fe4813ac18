// The BiLSTM's per-token inputs; see encoder_inputs.h.
#include "rasd/extract/encoder_inputs.h"

#include <algorithm>

namespace rasd::extract {

void EncoderInput(const TokenInfo& t, float vector_scale, int vector_dims, float* out) {
  std::fill(out, out + kEncoderInputs, 0.f);
  if (t.vector != nullptr) {
    const int d = std::min<int>(vector_dims, static_cast<int>(kEncoderVectorDims));
    const float s = 4.f * vector_scale;
    for (int j = 0; j < d; ++j) out[j] = s * static_cast<float>(t.vector[j]);
  } else {
    out[64] = 1.f;
  }
  // features.cc ShapeOf: kind * 16 + length bucket * 2 + has-article.
  const uint32_t kind = std::min<uint32_t>(4, t.shape / 16);
  const uint32_t len = (t.shape / 2) % 8;
  out[65 + kind] = 1.f;
  out[70] = (t.shape & 1) ? 1.f : 0.f;
  if (len >= 1) out[71 + std::min<uint32_t>(len, 6) - 1] = 1.f;
  for (int b = 0; b < 12; ++b) {
    if (t.flags & (1u << b)) out[77 + b] = 1.f;
  }
  out[89 + std::min<int>(t.al_class, 5)] = 1.f;
  for (int k = 0; k < 3; ++k) out[95 + k] = static_cast<float>(t.cue_class[k]) / 4.f;
  out[98] = static_cast<float>(t.count_bucket) / 15.f;
}

}  // namespace rasd::extract
