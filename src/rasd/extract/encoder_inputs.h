// The inputs of the BiLSTM encoder (bilstm.h) for one token: what the feature extractor
// already knows about the word (features.h TokenInfo), as kEncoderInputs real values.
//
//   [0, 64)   the word's vector (word_vectors.h; of the folded word or else its base),
//             components times 4 (unit vectors: components of about +-0.5), zeros without
//   64        no vector
//   65..69    shape kind one-hot (Arabic, Latin, digits, punctuation, mixed)
//   70        the base starts with the article ال
//   71..76    length bucket one-hot (1, 2, 3, 4-5, 6-7, 8+ characters)
//   77..88    the gazetteer word flags (gazetteer.h GazetteerFlag bits 0..11: titles,
//             triggers, first names, nationalities, words of listed names, months, speech
//             verbs)
//   89..94    the ال class one-hot (unknown, never .. almost always; features.h)
//   95..97    the cue classes (after a person / place / organisation cue) / 4
//   98        the frequency bucket / 15
// All of it depends on the word alone, so the tagger could cache it with the word's
// analysis.
//
// Thread-safety: a pure function.
#pragma once

#include <cstdint>

#include "rasd/extract/features.h"

namespace rasd::extract {

inline constexpr uint32_t kEncoderInputs = 99;
inline constexpr uint32_t kEncoderVectorDims = 64;

// Writes the kEncoderInputs values of token `t` to `out`; `vector_scale` is the
// WordVectors::scale() of t.vector, `vector_dims` its dims() (at most kEncoderVectorDims
// are used).
void EncoderInput(const TokenInfo& t, float vector_scale, int vector_dims, float* out);

}  // namespace rasd::extract
