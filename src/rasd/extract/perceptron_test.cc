#include "rasd/extract/perceptron.h"

#include <gtest/gtest.h>

#include "rasd/extract/conll.h"
#include "rasd/extract/gazetteer.h"

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

// Passive-aggressive steps (PA-I) on hand examples. One token, zero weights: the decoder
// predicts O (ties go to the lower tag), the gold tag is B-PERS; loss = cost * 1 wrong tag,
// margin 0. phi(gold) - phi(predicted) has +-1 in each feature row's B-PERS and O columns
// and in the start transitions to B-PERS and O.
// The extractor writes edge ids only when asked, one list per token, each leaving room for
// its kNumTags + 1 rows; the word kind gives the same id to the same word.
TEST(FeatureExtractorTest, EdgeFeatures) {
  FeatureExtractor fx(nullptr, &Gazetteer::Builtin(), nullptr, 12);
  FeatureScratch scratch;
  SentenceFeatures f;
  const std::vector<std::string> sent = {"قال", "الرئيس", "زيد", "الرئيس"};
  fx.Compute(Views(sent), &scratch, &f);
  EXPECT_FALSE(f.has_edges());
  fx.SetEdgeKinds(FeatureExtractor::kEdgeWord | FeatureExtractor::kEdgeFlags);
  SentenceFeatures g;
  fx.Compute(Views(sent), &scratch, &g);
  ASSERT_TRUE(g.has_edges());
  ASSERT_EQ(g.edge_offsets.size(), sent.size() + 1);
  EXPECT_EQ(g.ids, f.ids) << "edge kinds leave the other features alone";
  for (uint32_t id : g.edge_ids) EXPECT_LE(id + kNumTags + 1, fx.num_rows());
  // الرئيس is a person title: its word and at least one flag.
  EXPECT_GE(g.edge_offsets[2] - g.edge_offsets[1], 2u);
  EXPECT_EQ(g.edge_offsets[2] - g.edge_offsets[1], g.edge_offsets[4] - g.edge_offsets[3]);
  EXPECT_EQ(g.edge_ids[g.edge_offsets[1]], g.edge_ids[g.edge_offsets[3]]);
  EXPECT_NE(g.edge_ids[g.edge_offsets[0]], g.edge_ids[g.edge_offsets[1]]);
}

TEST(PerceptronTest, PassiveAggressiveStepOnHandExample) {
  constexpr uint32_t kRows = 64;
  const Tag pers = BeginTag(EntityType::kPers);
  TrainingExample ex;
  ex.gold = {pers};
  // Two distinct rows and one row twice (a hash collision: coefficient 2 in phi).
  ex.features.ids = {3, 7, 11, 11};
  ex.features.offsets = {0, 4};
  // ||diff||^2 = rows 3, 7: 2 * (1 + 1) = 4; row 11: 2 * 2^2 = 8; transitions 2: total 14.
  {
    StructuredPerceptron p(kRows, UpdateRule{7.f, 1.f});
    EXPECT_EQ(p.Learn(ex), 1u);
    EXPECT_FLOAT_EQ(p.last_step(), 7.f / 14.f);
    EXPECT_FLOAT_EQ(p.weights()[3 * kNumTags + pers], 0.5f);
    EXPECT_FLOAT_EQ(p.weights()[3 * kNumTags + kTagO], -0.5f);
    EXPECT_FLOAT_EQ(p.weights()[11 * kNumTags + pers], 1.f);  // twice the step
    EXPECT_FLOAT_EQ(p.transitions()[kNumTags * kNumTags + pers], 0.5f);
    // After the step the gold sequence outscores the prediction by exactly the loss:
    // 4 rows * 0.5 * 2 columns + 2 transitions * 0.5 = 7 (the PA constraint is tight).
    std::vector<float> em;
    ComputeEmissions(p.weights().data(), ex.features, &em);
    const std::vector<Tag> o = {kTagO};
    EXPECT_FLOAT_EQ(
        static_cast<float>(SequenceScore(em.data(), p.transitions().data(), nullptr, ex.gold) -
                           SequenceScore(em.data(), p.transitions().data(), nullptr, o)),
        7.f);
    // The constraint now holds with room: no mistake, no step.
    EXPECT_EQ(p.Learn(ex), 0u);
    EXPECT_EQ(p.last_step(), 0.f);
  }
  // The cap: loss 100 / 14 > 1, so the step is 1, the perceptron's.
  {
    StructuredPerceptron p(kRows, UpdateRule{100.f, 1.f});
    p.Learn(ex);
    EXPECT_FLOAT_EQ(p.last_step(), 1.f);
    EXPECT_FLOAT_EQ(p.weights()[7 * kNumTags + pers], 1.f);
  }
  // Without PA the step is 1 whatever the norm.
  {
    StructuredPerceptron p(kRows);
    p.Learn(ex);
    EXPECT_FLOAT_EQ(p.last_step(), 1.f);
  }
  // A real-valued feature of value 0.5 adds 2 * 0.25 to the norm; an edge feature at row 20
  // adds its start row's B-PERS and O columns (2): 14 + 0.5 + 2 = 16.5.
  {
    TrainingExample ex2 = ex;
    ex2.features.dense = {0.5f};
    ex2.features.dense_dims = 1;
    ex2.features.dense_row = kRows - 1;
    ex2.features.edge_ids = {20};
    ex2.features.edge_offsets = {0, 1};
    StructuredPerceptron p(kRows, UpdateRule{7.f, 1.f});
    p.Learn(ex2);
    EXPECT_FLOAT_EQ(p.last_step(), 7.f / 16.5f);
    EXPECT_FLOAT_EQ(p.weights()[(20 + kNumTags) * kNumTags + pers], 7.f / 16.5f);
    EXPECT_FLOAT_EQ(p.weights()[(kRows - 1) * kNumTags + pers], 0.5f * 7.f / 16.5f);
  }
  EXPECT_FLOAT_EQ(PassiveAggressiveStep(3.0, -1.0, 8.0, 1.f), 0.5f);
  EXPECT_FLOAT_EQ(PassiveAggressiveStep(3.0, -1.0, 0.0, 0.25f), 0.25f);
}

// Edge features: words whose tag depends on the previous tag as an exclusive or, which one
// transition table shared by all words cannot express. After a plain word (O), "x" is O and
// "z" starts a person; after a place (B-LOC), "x" starts a person and "z" is O. Writing dx =
// e_x(B-PERS) - e_x(O), a = T[O][B-PERS] - T[O][O], b = T[B-LOC][B-PERS] - T[B-LOC][O]: x
// needs dx + a < 0 < dx + b, z needs dz + b < 0 < dz + a, so b > a > b: some sentence is
// always wrong without edges. Each word's edge feature (its tag-pair weights) separates them.
TEST(PerceptronTest, EdgeFeaturesLearnWhatSharedTransitionsCannot) {
  constexpr uint32_t kRows = 1u << 10;
  const Tag bloc = BeginTag(EntityType::kLoc), bpers = BeginTag(EntityType::kPers);
  auto make = [&](bool place, bool is_x, bool edges) {
    TrainingExample e;
    e.features.ids = {place ? 101u : 100u, is_x ? 200u : 201u};
    e.features.offsets = {0, 1, 2};
    if (edges) {
      e.features.edge_ids = {is_x ? 300u : 320u};  // rows 300..309 or 320..329
      e.features.edge_offsets = {0, 0, 1};
    }
    const bool person = place == is_x;
    e.gold = {place ? bloc : kTagO, person ? bpers : kTagO};
    return e;
  };
  auto train = [&](bool edges, StructuredPerceptron* p) {
    std::vector<TrainingExample> ex;
    for (bool place : {false, true})
      for (bool is_x : {false, true}) ex.push_back(make(place, is_x, edges));
    size_t errors = 0;
    for (int epoch = 0; epoch < 30; ++epoch) {
      errors = 0;
      for (const auto& e : ex) errors += p->Learn(e);
    }
    return errors;
  };
  StructuredPerceptron without(kRows), with(kRows);
  EXPECT_GT(train(false, &without), 0u) << "not separable without edge features";
  EXPECT_EQ(train(true, &with), 0u);
  // ComputeEdgeScores: token 0 has no edge ids (zeros); token 1's block is the kEdgeBlock
  // weights from row 300 on.
  const TrainingExample e = make(true, true, true);
  std::vector<float> edges;
  const float* ed = ComputeEdgeScores(with.weights().data(), e.features, &edges);
  ASSERT_NE(ed, nullptr);
  for (int j = 0; j < kEdgeBlock; ++j) {
    EXPECT_EQ(ed[j], 0.f);
    EXPECT_EQ(ed[kEdgeBlock + j], with.weights()[300 * kNumTags + j]);
  }
  EXPECT_GT(ed[kEdgeBlock + bloc * kNumTags + bpers], ed[kEdgeBlock + bloc * kNumTags + kTagO]);
  EXPECT_EQ(ComputeEdgeScores(with.weights().data(), make(true, true, false).features, &edges),
            nullptr);
}

}  // namespace
}  // namespace rasd::extract
