#include "rasd/extract/conll_eval.h"

#include <gtest/gtest.h>

namespace rasd::extract {
namespace {

std::vector<Tag> T(std::initializer_list<const char*> names) {
  std::vector<Tag> out;
  for (const char* n : names) out.push_back(*ParseTag(n));
  return out;
}

TEST(ConllEvalTest, ChunksFollowConlleval) {
  auto c = ExtractChunks(T({"B-PERS", "I-PERS", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG"}));
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0], (Chunk{0, 2, EntityType::kPers}));
  EXPECT_EQ(c[1], (Chunk{3, 5, EntityType::kLoc}));  // I- opening a chunk
  EXPECT_EQ(c[2], (Chunk{5, 6, EntityType::kLoc}));  // B- splits
  EXPECT_EQ(c[3], (Chunk{6, 7, EntityType::kOrg}));  // type change opens a chunk
}

TEST(ConllEvalTest, HandComputedScores) {
  ConllScorer s;
  // Gold: PERS[0,2) LOC[3,4) ORG[5,7). Predicted: PERS[0,2) (correct), LOC[3,4) as ORG
  // (wrong type), ORG[5,6) (wrong boundary), MISC[7,8) (spurious).
  s.Add(T({"B-PERS", "I-PERS", "O", "B-LOC", "O", "B-ORG", "I-ORG", "O"}),
        T({"B-PERS", "I-PERS", "O", "B-ORG", "O", "B-ORG", "O", "B-MISC"}));
  EXPECT_EQ(s.overall().gold, 3);
  EXPECT_EQ(s.overall().predicted, 4);
  EXPECT_EQ(s.overall().correct, 1);
  EXPECT_NEAR(s.overall().Precision(), 25.0, 1e-9);
  EXPECT_NEAR(s.overall().Recall(), 100.0 / 3, 1e-9);
  EXPECT_NEAR(s.overall().F1(), 2 * 25.0 * (100.0 / 3) / (25.0 + 100.0 / 3), 1e-9);
  EXPECT_EQ(s.by_type(EntityType::kPers).correct, 1);
  EXPECT_EQ(s.by_type(EntityType::kOrg).predicted, 2);
  EXPECT_EQ(s.by_type(EntityType::kOrg).correct, 0);
  EXPECT_EQ(s.tokens(), 8);
  EXPECT_EQ(s.correct_tags(), 5);
  EXPECT_NE(s.Report().find("FB1"), std::string::npos);
}

TEST(ConllEvalTest, EmptyIsZeroNotNan) {
  ConllScorer s;
  s.Add(T({"O", "O"}), T({"O", "O"}));
  EXPECT_EQ(s.overall().F1(), 0.0);
  EXPECT_EQ(s.Accuracy(), 100.0);
}

TEST(ConllEvalTest, PerfectPrediction) {
  ConllScorer s;
  auto g = T({"B-ORG", "I-ORG", "I-ORG", "O", "B-MISC"});
  s.Add(g, g);
  EXPECT_EQ(s.overall().F1(), 100.0);
}

}  // namespace
}  // namespace rasd::extract
