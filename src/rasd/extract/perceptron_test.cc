#include "rasd/extract/perceptron.h"

#include <gtest/gtest.h>

#include "rasd/extract/conll.h"

namespace rasd::extract {
namespace {

// A toy language: a name follows "mr" (PERS, possibly two words), a place follows "in".
const char kToy[] =
    "mr\tO\nsmith\tB-PERS\nwent\tO\nto\tO\nparis\tB-LOC\n\n"
    "mr\tO\njones\tB-PERS\nlives\tO\nin\tO\nrome\tB-LOC\n\n"
    "we\tO\nmet\tO\nmr\tO\nanna\tB-PERS\nlee\tI-PERS\nin\tO\noslo\tB-LOC\n\n"
    "the\tO\ncity\tO\nof\tO\nlima\tB-LOC\nis\tO\nbig\tO\n\n"
    "mr\tO\nbrown\tB-PERS\nsaid\tO\nhello\tO\n\n"
    "people\tO\nin\tO\ncairo\tB-LOC\nsaid\tO\nno\tO\n\n";

std::vector<std::string_view> Views(const std::vector<std::string>& v) {
  return {v.begin(), v.end()};
}

// The toy sentences as training examples, their features computed by `fx`.
std::vector<TrainingExample> ToyExamples(const FeatureExtractor& fx) {
  auto data = ParseConll(kToy);
  EXPECT_TRUE(data.ok());
  if (!data.ok()) return {};
  std::vector<TrainingExample> ex(data->size());
  FeatureScratch scratch;
  for (size_t i = 0; i < data->size(); ++i) {
    fx.Compute(Views((*data)[i].tokens), &scratch, &ex[i].features);
    ex[i].gold = (*data)[i].tags;
  }
  return ex;
}

TEST(PerceptronTest, LearnsToySetAndGeneralisesByContext) {
  FeatureExtractor fx(nullptr, nullptr, nullptr, 14);
  const std::vector<TrainingExample> ex = ToyExamples(fx);
  ASSERT_FALSE(ex.empty());
  FeatureScratch scratch;
  StructuredPerceptron p(fx.num_rows());
  size_t errors = 0;
  for (int epoch = 0; epoch < 10; ++epoch) {
    errors = 0;
    for (const auto& e : ex) errors += p.Learn(e);
  }
  EXPECT_EQ(errors, 0u) << "the toy set is separable";
  std::vector<float> w, tr;
  p.Averaged(&w, &tr);
  // Unseen names in the trained contexts.
  std::vector<std::string> sent = {"mr", "zed", "went", "to", "in", "baku"};
  SentenceFeatures f;
  fx.Compute(Views(sent), &scratch, &f);
  std::vector<float> em;
  ComputeEmissions(w.data(), f, &em);
  std::vector<Tag> tags;
  ViterbiScratch vs;
  ViterbiDecode(em.data(), static_cast<int>(sent.size()), tr.data(), &tags, &vs);
  EXPECT_EQ(tags[1], BeginTag(EntityType::kPers));
  EXPECT_EQ(tags[5], BeginTag(EntityType::kLoc));
  EXPECT_EQ(tags[0], kTagO);
}

// Real-valued features: one-token sentences whose only evidence is a 2-d vector (names point
// along +x, other words along -x, with varied lengths); the perceptron must learn the
// direction and tag unseen vectors by it, and the emission must be value * weight.
TEST(PerceptronTest, LearnsFromRealValuedFeatures) {
  constexpr uint32_t kRows = 1u << 8;
  auto sentence = [](float x, float y, Tag gold) {
    TrainingExample e;
    e.features.offsets = {0, 0};  // no sparse features at all
    e.features.dense = {x, y};
    e.features.dense_dims = 2;
    e.features.dense_row = kRows - 2;
    e.gold = {gold};
    return e;
  };
  const Tag pers = BeginTag(EntityType::kPers);
  std::vector<TrainingExample> ex = {sentence(1.f, 0.3f, pers), sentence(-0.5f, 0.2f, kTagO),
                                     sentence(0.4f, -0.6f, pers), sentence(-1.f, -0.1f, kTagO)};
  StructuredPerceptron p(kRows);
  size_t errors = 0;
  for (int epoch = 0; epoch < 20; ++epoch) {
    errors = 0;
    for (const auto& e : ex) errors += p.Learn(e);
  }
  EXPECT_EQ(errors, 0u);
  std::vector<float> w, tr, em;
  p.Averaged(&w, &tr);
  ViterbiScratch vs;
  std::vector<Tag> tags;
  for (float x : {0.7f, -0.7f}) {
    const TrainingExample e = sentence(x, 0.f, kTagO);
    ComputeEmissions(w.data(), e.features, &em);
    ViterbiDecode(em.data(), 1, tr.data(), &tags, &vs);
    EXPECT_EQ(tags[0], x > 0 ? pers : kTagO) << x;
    // The emission of each tag is x * (weight of dense row 0) + 0 * (row 1).
    for (int t = 0; t < kNumTags; ++t) {
      EXPECT_FLOAT_EQ(em[t], x * w[(kRows - 2) * kNumTags + t]) << t;
    }
  }
}

TEST(PerceptronTest, TrainingIsDeterministic) {
  auto data = ParseConll(kToy);
  ASSERT_TRUE(data.ok());
  FeatureExtractor fx(nullptr, nullptr, nullptr, 12);
  auto run = [&] {
    StructuredPerceptron p(fx.num_rows());
    FeatureScratch scratch;
    for (int epoch = 0; epoch < 3; ++epoch) {
      for (const auto& s : *data) {
        TrainingExample e;
        fx.Compute(Views(s.tokens), &scratch, &e.features);
        e.gold = s.tags;
        p.Learn(e);
      }
    }
    std::vector<float> w, tr;
    p.Averaged(&w, &tr);
    return w;
  };
  EXPECT_EQ(run(), run());
}

TEST(PerceptronTest, MeanAveragedIsTheMeanOfTheOrders) {
  FeatureExtractor fx(nullptr, nullptr, nullptr, 10);
  const std::vector<TrainingExample> ex = ToyExamples(fx);
  ASSERT_FALSE(ex.empty());
  // Two orders of the same examples, one step each, so their models differ.
  std::vector<StructuredPerceptron> ps;
  ps.emplace_back(fx.num_rows());
  ps.emplace_back(fx.num_rows());
  for (size_t i = 0; i < ex.size(); ++i) {
    ps[0].Learn(ex[i]);
    ps[1].Learn(ex[ex.size() - 1 - i]);
  }
  std::vector<float> w0, t0, w1, t1, w, t;
  ps[0].Averaged(&w0, &t0);
  ps[1].Averaged(&w1, &t1);
  ASSERT_NE(w0, w1);
  MeanAveraged(ps, &w, &t);
  ASSERT_EQ(w.size(), w0.size());
  ASSERT_EQ(t.size(), t0.size());
  for (size_t i = 0; i < w.size(); ++i) ASSERT_FLOAT_EQ(w[i], 0.5f * (w0[i] + w1[i])) << i;
  for (size_t i = 0; i < t.size(); ++i) ASSERT_FLOAT_EQ(t[i], 0.5f * (t0[i] + t1[i])) << i;
  // One perceptron: exactly its averaged model.
  ps.pop_back();
  MeanAveraged(ps, &w, &t);
  EXPECT_EQ(w, w0);
  EXPECT_EQ(t, t0);
}

}  // namespace
}  // namespace rasd::extract
