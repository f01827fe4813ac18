#include "rasd/extract/word_clusters.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "rasd/base/crc32c.h"
#include "rasd/extract/name_forms.h"

namespace rasd::extract {
namespace {

using Corpus = std::vector<std::vector<std::string>>;

// Two kinds of words, each in contexts of its own: "cities" after "in", "verbs" after
// "they"; every sentence 30 times.
Corpus CitiesAndVerbs(const std::vector<const char*>& cities,
                      const std::vector<const char*>& verbs) {
  Corpus corpus;
  for (int rep = 0; rep < 30; ++rep) {
    for (const char* c : cities) corpus.push_back({"we", "live", "in", c, "now"});
    for (const char* v : verbs) corpus.push_back({"they", v, "every", "day"});
  }
  return corpus;
}

WordClusters Build(const Corpus& corpus, const ClusterOptions& o) {
  return BuildWordClusters(
      [&](const std::function<void(const std::vector<std::string>&)>& fn) {
        for (const auto& s : corpus) fn(s);
      },
      o);
}

TEST(WordClustersTest, WordsInTheSameContextsClusterTogether) {
  const std::vector<const char*> cities = {"paris", "rome", "oslo", "lima", "cairo", "baku"};
  const std::vector<const char*> verbs = {"run", "eat", "sing", "read", "swim", "walk"};
  const Corpus corpus = CitiesAndVerbs(cities, verbs);
  ClusterOptions o;
  o.min_count = 2;
  o.fine = 4;
  o.mid = 2;
  o.coarse = 2;
  o.dims = 64;
  WordClusters wc = Build(corpus, o);
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

TEST(WordClustersTest, RareWordsJoinTheNearestClusterAndCuesAreCounted) {
  // "zed" is too rare for k-means (min_count) but its contexts are those of the cities;
  // الرئيس is a person title of the built-in gazetteer, so the word after it gets cues.
  Corpus corpus = CitiesAndVerbs({"paris", "rome", "oslo", "lima"}, {"run", "eat", "sing", "read"});
  for (int rep = 0; rep < 3; ++rep) corpus.push_back({"we", "live", "in", "zed", "now"});
  for (int rep = 0; rep < 4; ++rep) corpus.push_back({Fold("الرئيس"), "paris"});
  ClusterOptions o;
  o.min_count = 10;
  o.assign_min_count = 3;
  o.fine = 2;
  o.mid = 2;
  o.coarse = 2;
  o.dims = 64;
  WordClusters wc = Build(corpus, o);
  ASSERT_NE(wc.Find("zed"), nullptr);
  EXPECT_EQ(wc.Find("zed")->fine, wc.Find("paris")->fine);
  EXPECT_EQ(wc.Count("zed"), 3u);
  EXPECT_EQ(wc.Find("paris")->cue[0], 4u);
  EXPECT_EQ(wc.Find("rome")->cue[0], 0u);
  auto back = WordClusters::Parse(wc.Serialize(), "v2.tsv");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->Find("paris")->cue[0], 4u);
  // Version 1 files (no cue columns) still load.
  std::string v1 = "# rasd-word-clusters 1 coarse=1 mid=1 fine=2\nparis\t10\t0\t0\t1\n";
  char crc[32];
  std::snprintf(crc, sizeof crc, "# crc32c %08x\n", base::crc32c::Value(v1));
  auto old = WordClusters::Parse(v1 + crc, "v1.tsv");
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  EXPECT_EQ(old->Find("paris")->fine, 1);
  EXPECT_EQ(old->Find("paris")->cue[0], 0u);
}

}  // namespace
}  // namespace rasd::extract
