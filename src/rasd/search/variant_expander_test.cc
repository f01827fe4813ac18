// Tests of the spelling-variant index and the expansion policy (variant_expander.h).
#include "rasd/search/variant_expander.h"

#include <gtest/gtest.h>

namespace rasd::search {
namespace {

std::vector<std::string> Terms(const std::vector<WordVariant>& v) {
  std::vector<std::string> out;
  for (const WordVariant& w : v) out.push_back(w.term);
  return out;
}

TEST(VariantIndexTest, FindsVariantsWithinOneOnTheSkeleton) {
  auto index = VariantIndex::FromTerms({{"ترامب", 500}, {"توكايف", 4}, {"تكيف", 80},
                                        {"بوتشيتينو", 6}, {"جومارت", 3}, {"كتاب", 900},
                                        {"كاتب", 300}, {"trump", 50}});
  EXPECT_EQ(index->num_terms(), 8u);
  EXPECT_EQ(index->DocFreq("ترامب"), 500u);
  EXPECT_EQ(index->DocFreq("ترمب"), 0u);
  std::vector<VariantCandidate> c = index->Candidates("توكاييف");
  ASSERT_EQ(c.size(), 1u);  // تكيف shares the skeleton but is 3 letters away
  EXPECT_EQ(c[0].term, "توكايف");
  EXPECT_EQ(c[0].skeleton_distance, 0);
  EXPECT_EQ(c[0].word_distance, 1);
  EXPECT_DOUBLE_EQ(c[0].similarity, 1.0);
  c = index->Candidates("بوكيتينو");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].skeleton_distance, 1);
  EXPECT_LT(c[0].similarity, 1.0);
  EXPECT_TRUE(index->Candidates("trump").empty());  // no skeleton for Latin
  EXPECT_GT(index->memory_bytes(), 0u);
  EXPECT_GT(index->num_keys(), index->num_terms());
}

TEST(VariantIndexTest, ExpansionPolicy) {
  auto index = VariantIndex::FromTerms(
      {{"ترامب", 500}, {"ترمب", 20}, {"توكايف", 4}, {"جومارت", 3}, {"كتاب", 900}, {"كتب", 800}});
  // Unseen: expands.
  EXPECT_EQ(Terms(ExpandWord(*index, "توكاييف", "توكاييف", false)),
            std::vector<std::string>{"توكايف"});
  // Minority spelling: the dominant one is added.
  EXPECT_EQ(Terms(ExpandWord(*index, "ترمب", "ترمب", false)), std::vector<std::string>{"ترامب"});
  // The dominant spelling does not expand to the minority one...
  EXPECT_TRUE(ExpandWord(*index, "ترامب", "ترامب", false).empty());
  // ...unless asked with ~.
  EXPECT_EQ(Terms(ExpandWord(*index, "ترامب", "ترامب", true)), std::vector<std::string>{"ترمب"});
  // Frequent ordinary words keep their meaning.
  EXPECT_TRUE(ExpandWord(*index, "كتاب", "الكتاب", false).empty());
  // The normalised form finds what a cut stem misses (جورمات -> stem جورم).
  EXPECT_EQ(Terms(ExpandWord(*index, "جورم", "جورمات", false)),
            std::vector<std::string>{"جومارت"});
  // A rare inflected word does not expand to a common word that only shares its consonants.
  auto index2 = VariantIndex::FromTerms({{"تتفوق", 2}, {"اتفاق", 5000}, {"ترمب", 2}, {"ترامب", 90}});
  EXPECT_TRUE(ExpandWord(*index2, "تتفوق", "تتفوق", false).empty());
  EXPECT_EQ(Terms(ExpandWord(*index2, "تتفوق", "تتفوق", true)), std::vector<std::string>{"اتفاق"});
  EXPECT_EQ(Terms(ExpandWord(*index2, "ترمب", "ترمب", false)), std::vector<std::string>{"ترامب"});
  // The dominance rule's boundary: at least kDominanceRatio times the word's doc freq.
  auto at = VariantIndex::FromTerms({{"ترمب", 20}, {"ترامب", 20 * kDominanceRatio}});
  EXPECT_EQ(Terms(ExpandWord(*at, "ترمب", "ترمب", false)), std::vector<std::string>{"ترامب"});
  auto below = VariantIndex::FromTerms({{"ترمب", 20}, {"ترامب", 20 * kDominanceRatio - 1}});
  EXPECT_TRUE(ExpandWord(*below, "ترمب", "ترمب", false).empty());
  // Too short words never expand.
  EXPECT_TRUE(ExpandWord(*index, "كت", "كت", true).empty());
  // Every weight is a similarity factor in (0, 1].
  for (const WordVariant& v : ExpandWord(*index, "ترامب", "ترامب", true)) {
    EXPECT_GT(v.weight, 0);
    EXPECT_LE(v.weight, 1);
  }
}

TEST(VariantIndexTest, MaxWordDistanceGrowsWithLength) {
  EXPECT_EQ(MaxWordDistance(3), 1);
  EXPECT_EQ(MaxWordDistance(4), 1);
  EXPECT_EQ(MaxWordDistance(5), 2);
  EXPECT_EQ(MaxWordDistance(8), 2);
  EXPECT_EQ(MaxWordDistance(9), 3);
}

}  // namespace
}  // namespace rasd::search
