#include "rasd/extract/word_clusters.h"

#include <gtest/gtest.h>

namespace rasd::extract {
namespace {

TEST(WordClustersTest, WordsInTheSameContextsClusterTogether) {
  // Two kinds of words: "cities" after "in", "verbs" after "they".
  std::vector<std::vector<std::string>> corpus;
  const char* cities[] = {"paris", "rome", "oslo", "lima", "cairo", "baku"};
  const char* verbs[] = {"run", "eat", "sing", "read", "swim", "walk"};
  for (int rep = 0; rep < 30; ++rep) {
    for (const char* c : cities) corpus.push_back({"we", "live", "in", c, "now"});
    for (const char* v : verbs) corpus.push_back({"they", v, "every", "day"});
  }
  ClusterOptions o;
  o.min_count = 2;
  o.fine = 4;
  o.mid = 2;
  o.coarse = 2;
  o.dims = 64;
  WordClusters wc = BuildWordClusters(
      [&](const std::function<void(const std::vector<std::string>&)>& fn) {
        for (const auto& s : corpus) fn(s);
      },
      o);
  ASSERT_NE(wc.Find("paris"), nullptr);
  for (const char* c : cities) EXPECT_EQ(wc.Find(c)->fine, wc.Find("paris")->fine) << c;
  for (const char* v : verbs) EXPECT_EQ(wc.Find(v)->fine, wc.Find("run")->fine) << v;
  EXPECT_NE(wc.Find("paris")->fine, wc.Find("run")->fine);
  EXPECT_EQ(wc.Count("paris"), 30u);

  // Round trip through the file format, and the checksum guards it.
  std::string data = wc.Serialize();
  auto back = WordClusters::Parse(data, "clusters.tsv");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->size(), wc.size());
  EXPECT_EQ(back->Find("oslo")->fine, wc.Find("oslo")->fine);
  EXPECT_EQ(back->Serialize(), data);
  std::string damaged = data;
  damaged[data.size() / 2] ^= 1;
  auto bad = WordClusters::Parse(damaged, "clusters.tsv");
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(bad.status().IsCorruption());
  EXPECT_FALSE(WordClusters::Parse("", "x").ok());
  EXPECT_FALSE(WordClusters::Parse(data.substr(0, data.size() - 3), "x").ok());
}

}  // namespace
}  // namespace rasd::extract
