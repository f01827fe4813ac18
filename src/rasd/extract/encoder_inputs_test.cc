#include "rasd/extract/encoder_inputs.h"

#include <gtest/gtest.h>

#include <vector>

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

}  // namespace
}  // namespace rasd::extract
