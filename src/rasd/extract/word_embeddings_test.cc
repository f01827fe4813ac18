#include "rasd/extract/word_embeddings.h"

#include <gtest/gtest.h>

namespace rasd::extract {
namespace {

float Cosine(const std::vector<float>& x, int d, int a, int b) {
  float s = 0;
  for (int t = 0; t < d; ++t) s += x[static_cast<size_t>(a) * d + t] * x[static_cast<size_t>(b) * d + t];
  return s;  // rows are unit vectors
}

// Rows 0-1 are fillers; 2..5 "cities" always follow row 0 ("in"); 6..9 "verbs" always follow
// row 1 ("they"). Skip-gram must put the cities near each other and away from the verbs.
std::vector<int32_t> TwoKindsCorpus(std::vector<uint64_t>* counts) {
  std::vector<int32_t> stream;
  counts->assign(10, 0);
  for (int rep = 0; rep < 200; ++rep) {
    for (int k = 0; k < 4; ++k) {
      for (int32_t w : {0, 2 + k, -1, 1, 6 + k, -1}) {
        stream.push_back(w);
        if (w >= 0) ++(*counts)[w];
      }
    }
  }
  return stream;
}

TEST(WordEmbeddingsTest, WordsInTheSameContextsGetCloseVectors) {
  std::vector<uint64_t> counts;
  std::vector<int32_t> stream = TwoKindsCorpus(&counts);
  SkipGramOptions o;
  o.dims = 16;
  o.window = 2;
  o.epochs = 5;
  o.sample = 0;
  std::vector<float> x = TrainSkipGram(stream, counts, 10, o);
  ASSERT_EQ(x.size(), 160u);
  for (int a = 2; a < 6; ++a) {
    for (int b = 6; b < 10; ++b) {
      EXPECT_GT(Cosine(x, 16, 2, a == 2 ? 3 : a), Cosine(x, 16, a, b)) << a << " " << b;
    }
  }
  EXPECT_NEAR(Cosine(x, 16, 4, 4), 1.f, 1e-4);
}

TEST(WordEmbeddingsTest, SameSeedSameBytesOtherSeedOtherVectors) {
  std::vector<uint64_t> counts;
  std::vector<int32_t> stream = TwoKindsCorpus(&counts);
  SkipGramOptions o;
  o.dims = 8;
  o.epochs = 1;
  std::vector<float> a = TrainSkipGram(stream, counts, 10, o);
  std::vector<float> b = TrainSkipGram(stream, counts, 10, o);
  EXPECT_EQ(a, b);
  o.seed = 2;
  EXPECT_NE(TrainSkipGram(stream, counts, 10, o), a);
}

TEST(WordEmbeddingsTest, EmptyVocabularyGivesNoVectors) {
  EXPECT_TRUE(TrainSkipGram({}, {}, 0, SkipGramOptions()).empty());
}

}  // namespace
}  // namespace rasd::extract
