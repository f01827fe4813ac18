#include "rasd/extract/corpus_tags.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>
#include <string>

#include "rasd/extract/document_features.h"
#include "rasd/extract/gazetteer.h"
#include "rasd/extract/perceptron.h"

namespace rasd::extract {
namespace {

TEST(CorpusTagsTest, EncodeBucketsSharesAndCounts) {
  std::array<uint32_t, kNumTags> c{};
  c[kTagO] = 90;
  c[BeginTag(EntityType::kOrg)] = 8;
  c[InsideTag(EntityType::kOrg)] = 2;
  const uint32_t p = CorpusTagProfiles::Encode(c);
  EXPECT_EQ(CorpusTagProfiles::CountBucket(p), 7u);     // 1 + floor(log2(100))
  EXPECT_EQ(CorpusTagProfiles::ShareBucket(p, 2), 3u);  // 10%: in [10%, 30%)
  EXPECT_TRUE(CorpusTagProfiles::StartsNames(p, 2));
  for (int k : {0, 1, 3}) {
    EXPECT_EQ(CorpusTagProfiles::ShareBucket(p, k), 0u) << k;
    EXPECT_FALSE(CorpusTagProfiles::StartsNames(p, k)) << k;
  }
  // Mostly inside a name, almost always tagged.
  c = {};
  c[kTagO] = 1;
  c[BeginTag(EntityType::kPers)] = 3;
  c[InsideTag(EntityType::kPers)] = 96;
  const uint32_t q = CorpusTagProfiles::Encode(c);
  EXPECT_EQ(CorpusTagProfiles::ShareBucket(q, 0), 6u);
  EXPECT_FALSE(CorpusTagProfiles::StartsNames(q, 0));
  EXPECT_EQ(CorpusTagProfiles::Encode({}), 0u);
  c = {};
  c[kTagO] = 1u << 20;
  EXPECT_EQ(CorpusTagProfiles::CountBucket(CorpusTagProfiles::Encode(c)), 15u);  // capped
}

TEST(CorpusTagsTest, SerialisesSortedAndRejectsTruncation) {
  CorpusTagProfiles a, b;
  a.Set("zeta", 0x123);
  a.Set("alpha", 7);
  b.Set("alpha", 7);
  b.Set("zeta", 0x123);
  std::string bytes_a, bytes_b;
  a.AppendTo(&bytes_a);
  b.AppendTo(&bytes_b);
  EXPECT_EQ(bytes_a, bytes_b);  // insertion order does not matter
  std::string_view in = bytes_a;
  auto back = CorpusTagProfiles::ParseFrom(&in);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE(in.empty());
  EXPECT_EQ(back->size(), 2u);
  EXPECT_EQ(back->Profile("zeta"), 0x123u);
  EXPECT_EQ(back->Profile("alpha"), 7u);
  EXPECT_EQ(back->Profile("beta"), 0u);
  std::string_view cut = std::string_view(bytes_a).substr(0, bytes_a.size() - 1);
  auto bad = CorpusTagProfiles::ParseFrom(&cut);
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(bad.status().IsCorruption()) << bad.status().ToString();
}

std::string WriteJsonl(const std::string& name, const std::string& body) {
  // The process id keeps two test runs on one machine out of each other's files.
  const std::string path = ::testing::TempDir() + std::to_string(getpid()) + "_" + name;
  std::ofstream(path) << body;
  return path;
}

TEST(CorpusTagsTest, LoadsEveryNthSentenceWithPunctuationUpToTheTokenLimit) {
  const std::string path = WriteJsonl("corpus_tags_test.jsonl",
                                      "{\"title\": \"a b c\", \"body\": \"d e f. g h i. j k l.\"}\n"
                                      "not json\n"
                                      "{\"body\": \"m n o. p q\"}\n");
  TokenCorpus all;
  ASSERT_TRUE(LoadTokenCorpus({path}, 1, 1000, &all).ok());
  // "p q" has fewer than 3 tokens and is skipped; the punctuation is kept.
  ASSERT_EQ(all.sentences(), 5u);
  auto sentence = [](const TokenCorpus& c, size_t k) {
    std::string s;
    for (uint32_t j = c.starts[k]; j < c.starts[k + 1]; ++j) s += c.vocab[c.ids[j]] + " ";
    return s;
  };
  EXPECT_EQ(sentence(all, 0), "a b c ");
  EXPECT_EQ(sentence(all, 1), "d e f . ");
  EXPECT_EQ(sentence(all, 4), "m n o . ");
  TokenCorpus half;
  ASSERT_TRUE(LoadTokenCorpus({path}, 2, 1000, &half).ok());
  ASSERT_EQ(half.sentences(), 3u);
  EXPECT_EQ(sentence(half, 1), "g h i . ");
  EXPECT_EQ(sentence(half, 2), "m n o . ");
  TokenCorpus few;
  ASSERT_TRUE(LoadTokenCorpus({path}, 1, 5, &few).ok());
  EXPECT_EQ(few.sentences(), 2u);  // stops once 5 tokens are kept
  TokenCorpus missing;
  EXPECT_FALSE(LoadTokenCorpus({path + ".absent"}, 1, 1000, &missing).ok());
}

TEST(CorpusTagsTest, ProfilesWhatTheTaggerSaysAndFeedsTheDocumentStage) {
  // A model that tags every token B-LOC (every row favours it; B after B is allowed).
  const uint32_t bits = 4;
  std::vector<float> weights((1u << bits) * kNumTags, 0.f);
  for (uint32_t r = 0; r < (1u << bits); ++r)
    weights[r * kNumTags + BeginTag(EntityType::kLoc)] = 1.f;
  std::vector<float> transitions(kNumTransitions, 0.f);
  TokenCorpus corpus;
  corpus.vocab = {"x", "y", "z"};
  corpus.ids = {0, 1, 0, 0, 2};
  corpus.starts = {0, 3, 5};
  FeatureExtractor fx(nullptr, &Gazetteer::Builtin(), nullptr, bits);
  CorpusTagProfiles p = ProfileCorpus(corpus, fx, weights, transitions);
  EXPECT_EQ(p.size(), 1u);  // y and z are seen once only
  const uint32_t x = p.Profile("x");
  EXPECT_EQ(CorpusTagProfiles::CountBucket(x), 2u);
  EXPECT_EQ(CorpusTagProfiles::ShareBucket(x, static_cast<int>(EntityType::kLoc)), 6u);
  EXPECT_TRUE(CorpusTagProfiles::StartsNames(x, static_cast<int>(EntityType::kLoc)));
  EXPECT_EQ(p.Profile("y"), 0u);

  // The document stage gets more features per token with profiles than without.
  FeatureScratch scratch;
  SentenceFeatures first;
  std::vector<std::string_view> tokens = {"x", "y"};
  fx.Compute(tokens, &scratch, &first);
  DocumentCounts counts;
  SentenceFeatures without, with;
  const std::vector<Tag> tags = {kTagO, kTagO};
  AppendDocumentFeatures(first, tokens, tags, counts, nullptr, bits, &without);
  AppendDocumentFeatures(first, tokens, tags, counts, &p, bits, &with);
  ASSERT_EQ(with.size(), 2u);
  EXPECT_GT(with.ids.size(), without.ids.size());
  EXPECT_GT(with.offsets[1] - with.offsets[0],
            with.offsets[2] - with.offsets[1]);  // x has a profile
}

}  // namespace
}  // namespace rasd::extract
