#include "rasd/extract/word_vectors.h"

#include <gtest/gtest.h>

#include <cmath>

#include "rasd/extract/features.h"
#include "rasd/extract/gazetteer.h"
#include "rasd/extract/name_forms.h"

namespace rasd::extract {
namespace {

WordVectors ThreeWords() {
  // "a" = (1, -0.5), "b" = (0, 0.25), "c" = (-1, 0).
  return WordVectors::FromFloats({"a", "b", "c"}, {1.f, -0.5f, 0.f, 0.25f, -1.f, 0.f}, 2);
}

TEST(WordVectorsTest, QuantisesToSignedBytesWithOneScale) {
  WordVectors wv = ThreeWords();
  EXPECT_EQ(wv.dims(), 2);
  EXPECT_EQ(wv.size(), 3u);
  EXPECT_FLOAT_EQ(wv.scale(), 1.f / 127.f);  // the largest magnitude, 1, maps to 127
  const int8_t* a = wv.Find("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a[0], 127);
  EXPECT_EQ(a[1], -64);  // -0.5 * 127 = -63.5, rounded away from zero
  EXPECT_EQ(wv.Find("c")[0], -127);
  EXPECT_EQ(wv.Find("b")[1], 32);
  EXPECT_EQ(wv.Find("d"), nullptr);
}

TEST(WordVectorsTest, SerializeParseRoundTripIsByteIdentical) {
  WordVectors wv = ThreeWords();
  const std::string data = wv.Serialize();
  auto back = WordVectors::Parse(data, "vectors");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->dims(), 2);
  EXPECT_FLOAT_EQ(back->scale(), wv.scale());
  for (const char* w : {"a", "b", "c"}) {
    ASSERT_NE(back->Find(w), nullptr) << w;
    EXPECT_EQ(back->Find(w)[0], wv.Find(w)[0]);
    EXPECT_EQ(back->Find(w)[1], wv.Find(w)[1]);
  }
  EXPECT_EQ(back->Serialize(), data);
}

TEST(WordVectorsTest, DamagedOrForeignBytesAreCorruption) {
  const std::string data = ThreeWords().Serialize();
  for (size_t i = 0; i < data.size(); i += 3) {
    std::string bad = data;
    bad[i] ^= 0x20;
    auto r = WordVectors::Parse(bad, "vectors.bin");
    ASSERT_FALSE(r.ok()) << "byte " << i;
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << "byte " << i;
    EXPECT_NE(r.status().message().find("vectors.bin"), std::string::npos);
  }
  EXPECT_FALSE(WordVectors::Parse(data.substr(0, data.size() - 5), "v").ok());
  EXPECT_FALSE(WordVectors::Parse("# rasd-word-clusters 2", "v").ok());
}

TEST(WordVectorsTest, BuildTrainsVectorsForFrequentWordsOnly) {
  // Two kinds of words in distinct contexts; "rare" occurs once and gets no vector.
  std::vector<std::vector<std::string>> sentences;
  for (int rep = 0; rep < 100; ++rep) {
    for (const char* city : {"paris", "rome", "cairo"}) sentences.push_back({"in", city, "today"});
    for (const char* verb : {"ran", "ate", "slept"}) sentences.push_back({"they", verb, "well"});
  }
  sentences.push_back({"rare"});
  VectorOptions o;
  o.dims = 8;
  o.epochs = 5;
  o.sample = 0;
  WordVectors wv = BuildWordVectors(
      [&](const std::function<void(const std::vector<std::string>&)>& fn) {
        for (const auto& s : sentences) fn(s);
      },
      o);
  EXPECT_EQ(wv.size(), 10u);  // in, today, they, well, 3 cities, 3 verbs
  EXPECT_EQ(wv.Find("rare"), nullptr);
  auto cosine = [&](const char* x, const char* y) {
    const int8_t* a = wv.Find(x);
    const int8_t* b = wv.Find(y);
    double dot = 0, na = 0, nb = 0;
    for (int j = 0; j < wv.dims(); ++j) {
      dot += a[j] * b[j];
      na += a[j] * a[j];
      nb += b[j] * b[j];
    }
    return dot / std::sqrt(na * nb);
  };
  EXPECT_GT(cosine("paris", "rome"), cosine("paris", "ate"));
  EXPECT_GT(cosine("ran", "slept"), cosine("ran", "cairo"));
  // keep_min_count keeps the frequent words' vectors only, unchanged (same training).
  o.keep_min_count = 150;
  WordVectors kept = BuildWordVectors(
      [&](const std::function<void(const std::vector<std::string>&)>& fn) {
        for (const auto& s : sentences) fn(s);
      },
      o);
  EXPECT_EQ(kept.size(), 4u);  // each filler occurs 300 times, each city or verb 100
  ASSERT_NE(kept.Find("they"), nullptr);
  EXPECT_EQ(kept.Find("paris"), nullptr);
  EXPECT_EQ(kept.scale(), wv.scale());
  for (int j = 0; j < wv.dims(); ++j) EXPECT_EQ(kept.Find("they")[j], wv.Find("they")[j]);
}

TEST(WordVectorsTest, FeaturesCarryTheVectorsOfTheWordAndItsNeighbours) {
  const std::string a = Fold("باريس"), b = Fold("روما");
  WordVectors wv = WordVectors::FromFloats({a, b}, {1.f, 0.f, 0.f, -1.f}, 2);
  FeatureExtractor fx(nullptr, &Gazetteer::Builtin(), nullptr, 12);
  FeatureScratch scratch;
  SentenceFeatures plain, with;
  const std::vector<std::string_view> tokens = {"باريس", "مجهول", "روما"};
  fx.Compute(tokens, &scratch, &plain);
  EXPECT_EQ(plain.dense_dims, 0u);
  fx.SetVectors(&wv, 2.f);
  FeatureScratch scratch2;
  fx.Compute(tokens, &scratch2, &with);
  ASSERT_EQ(with.dense_dims, 6u);  // i-1, i, i+1 of 2 dimensions
  EXPECT_EQ(with.dense_row, (1u << 12) - 6u);
  ASSERT_EQ(with.dense.size(), 3u * 6u);
  // Token 1 (unknown word): its own slot is zero, باريس at i-1 and روما at i+1, times 2.
  const float* x = &with.dense[6];
  EXPECT_FLOAT_EQ(x[0], 2.f);
  EXPECT_FLOAT_EQ(x[1], 0.f);
  EXPECT_FLOAT_EQ(x[2], 0.f);
  EXPECT_FLOAT_EQ(x[3], 0.f);
  EXPECT_FLOAT_EQ(x[4], 0.f);
  EXPECT_FLOAT_EQ(x[5], -2.f);
  // Token 0: no left neighbour, its own vector.
  EXPECT_FLOAT_EQ(with.dense[0], 0.f);
  EXPECT_FLOAT_EQ(with.dense[2], 2.f);
  // The unknown word gains a no-vector flag; the known words do not.
  EXPECT_EQ(with.offsets[1] - with.offsets[0], plain.offsets[1] - plain.offsets[0]);
  EXPECT_EQ(with.offsets[2] - with.offsets[1], plain.offsets[2] - plain.offsets[1] + 1);
}

}  // namespace
}  // namespace rasd::extract
