#include "rasd/extract/encoder_inputs.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

#include "rasd/extract/bilstm.h"
#include "rasd/extract/gazetteer.h"

namespace rasd::extract {
namespace {

TEST(EncoderInputsTest, LaysOutEachPart) {
  TokenInfo t;
  const int8_t vec[64] = {10, -20};
  t.vector = vec;
  t.shape = 0 * 16 + 4 * 2 + 1;  // Arabic, 4-5 letters, with ال
  t.flags = (1u << 0) | (1u << 11);
  t.al_class = 2;
  t.cue_class[1] = 4;
  t.count_bucket = 15;
  std::vector<float> x(kEncoderInputs, -1.f);
  EncoderInput(t, 0.01f, 64, x.data());
  EXPECT_FLOAT_EQ(x[0], 0.4f);
  EXPECT_FLOAT_EQ(x[1], -0.8f);
  EXPECT_FLOAT_EQ(x[2], 0.f);
  EXPECT_FLOAT_EQ(x[64], 0.f);
  EXPECT_FLOAT_EQ(x[65], 1.f);
  EXPECT_FLOAT_EQ(x[70], 1.f);
  EXPECT_FLOAT_EQ(x[74], 1.f);  // length bucket 4
  EXPECT_FLOAT_EQ(x[77], 1.f);
  EXPECT_FLOAT_EQ(x[88], 1.f);
  EXPECT_FLOAT_EQ(x[91], 1.f);  // ال class 2
  EXPECT_FLOAT_EQ(x[96], 1.f);
  EXPECT_FLOAT_EQ(x[98], 1.f);
  float sum = 0;
  for (float v : x) sum += v;
  EXPECT_FLOAT_EQ(sum, 0.4f - 0.8f + 8.f);  // nothing else set
}

TEST(EncoderInputsTest, NoVectorFlag) {
  TokenInfo t;
  t.shape = 3 * 16 + 1 * 2;  // punctuation, one character
  std::vector<float> x(kEncoderInputs, -1.f);
  EncoderInput(t, 0.01f, 64, x.data());
  EXPECT_FLOAT_EQ(x[64], 1.f);
  EXPECT_FLOAT_EQ(x[68], 1.f);
  EXPECT_FLOAT_EQ(x[71], 1.f);
  EXPECT_FLOAT_EQ(x[89], 1.f);  // ال class unknown
  for (int j = 0; j < 64; ++j) EXPECT_FLOAT_EQ(x[j], 0.f);
}

// The tagger's path (each word's input projection cached in the scratch, features.h) gives
// the probabilities of BiLstm::Predict over the same inputs (the trainer's path), bit for
// bit, also for words met again in a later sentence and after a change of encoder.
TEST(EncoderInputsTest, CachedProjectionsMatchPredict) {
  FeatureExtractor fx(nullptr, &Gazetteer::Builtin(), nullptr, 12);
  BiLstm a({kEncoderInputs, 4, 9}, 1), b({kEncoderInputs, 4, 9}, 2);
  FeatureScratch scratch, plain;
  SentenceFeatures f;
  BiLstmScratch s;
  std::vector<float> x;
  const std::vector<std::vector<std::string_view>> sentences = {
      {"قال", "الرئيس", "علي", "في", "طهران"}, {"علي", "قال", "Paris", "2024", "."}};
  for (const BiLstm* net : {&a, &b}) {
    fx.SetEncoder(net);
    for (const auto& tokens : sentences) {
      fx.Compute(tokens, &scratch, &f);
      ASSERT_EQ(f.aux_dims, 9u);
      EXPECT_EQ(f.aux_row, fx.aux_row(9));
      fx.Analyze(tokens, &plain);
      fx.EncoderInputs(plain, tokens.size(), &x);
      const float* p = net->Predict(x.data(), static_cast<int>(tokens.size()), &s);
      ASSERT_EQ(f.aux.size(), tokens.size() * 9);
      for (size_t k = 0; k < f.aux.size(); ++k) EXPECT_EQ(f.aux[k], p[k]) << k;
    }
  }
  fx.SetEncoder(nullptr);
  fx.Compute(sentences[0], &scratch, &f);
  EXPECT_EQ(f.aux_dims, 0u);
  EXPECT_TRUE(f.aux.empty());
}

}  // namespace
}  // namespace rasd::extract
