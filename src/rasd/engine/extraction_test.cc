// `rasd train clusters` end to end (TrainWordClusters): a small JSONL corpus in, a cluster
// file and a vector file out that load back, the same bytes on a second run, and a corpus
// that cannot be read leaves the files already there as they were.
#include "rasd/engine/extraction.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "rasd/base/env.h"
#include "rasd/extract/name_forms.h"
#include "rasd/extract/word_clusters.h"
#include "rasd/extract/word_vectors.h"

namespace rasd::engine {
namespace {

class TrainClustersTest : public testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/rasd_train_clusters_test.XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Sentences from two word classes in fixed frames: city names follow "في مدينة" and
  // precede "اليوم"; person names follow "قال الرئيس" and precede "إن".
  std::string WriteCorpus() {
    const char* cities[] = {"دمشق", "القاهرة", "بغداد", "عمان", "الرياض", "تونس"};
    const char* people[] = {"ماكرون", "بوتين", "أردوغان", "ترامب", "روحاني", "ميركل"};
    std::mt19937 rng(7);
    const std::string path = dir_ + "/corpus.jsonl";
    std::ofstream out(path);
    for (int i = 0; i < 400; ++i) {
      std::string body;
      for (int s = 0; s < 6; ++s) {
        body += "وصل الوفد في مدينة " + std::string(cities[rng() % 6]) + " اليوم للمشاركة. ";
        body += "قال الرئيس " + std::string(people[rng() % 6]) + " إن الاتفاق قريب. ";
      }
      out << "{\"id\": \"a" << i << "\", \"title\": \"\", \"body\": \"" << body << "\"}\n";
    }
    return path;
  }

  ClusterTrainingOptions Options(const std::string& corpus) const {
    ClusterTrainingOptions o;
    o.corpus_paths = {corpus};
    o.out_path = dir_ + "/clusters.tsv";
    o.vectors_out_path = dir_ + "/vectors.bin";
    return o;
  }

  static std::string Read(const std::string& path) {
    auto s = base::ReadFileToString(base::Env::Default(), path);
    return s.ok() ? *s : std::string("<unreadable>");
  }

  std::string dir_;
};

TEST_F(TrainClustersTest, WritesFilesThatLoadAndRebuildByteForByte) {
  const ClusterTrainingOptions o = Options(WriteCorpus());
  Status s = TrainWordClusters(o);
  ASSERT_TRUE(s.ok()) << s.ToString();
  const std::string clusters = Read(o.out_path), vectors = Read(o.vectors_out_path);
  auto wc = extract::WordClusters::Parse(clusters, o.out_path);
  ASSERT_TRUE(wc.ok()) << wc.status().ToString();
  auto wv = extract::WordVectors::Parse(vectors, o.vectors_out_path);
  ASSERT_TRUE(wv.ok()) << wv.status().ToString();
  // Every frequent word has a cluster and a vector.
  for (const char* w : {"دمشق", "بوتين", "الرئيس", "مدينة"}) {
    EXPECT_NE(wc->Find(extract::Fold(w)), nullptr) << w;
    EXPECT_NE(wv->Find(extract::Fold(w)), nullptr) << w;
  }
  // Words of one frame share their coarsest cluster; a city and a person do not.
  const auto* damascus = wc->Find(extract::Fold("دمشق"));
  const auto* baghdad = wc->Find(extract::Fold("بغداد"));
  const auto* putin = wc->Find(extract::Fold("بوتين"));
  ASSERT_TRUE(damascus != nullptr && baghdad != nullptr && putin != nullptr);
  EXPECT_EQ(damascus->coarse, baghdad->coarse);
  EXPECT_NE(damascus->coarse, putin->coarse);
  // Cue counts: a city follows a place trigger (مدينة), a person a title (الرئيس).
  EXPECT_EQ(damascus->cue[1], damascus->count);
  EXPECT_EQ(putin->cue[0], putin->count);
  EXPECT_EQ(putin->cue[1], 0u);
  // Deterministic: a second run writes the same bytes.
  ASSERT_TRUE(TrainWordClusters(o).ok());
  EXPECT_EQ(Read(o.out_path), clusters);
  EXPECT_EQ(Read(o.vectors_out_path), vectors);
}

TEST_F(TrainClustersTest, AnUnreadableCorpusKeepsTheFilesThere) {
  ClusterTrainingOptions o = Options(dir_ + "/missing.jsonl");
  std::ofstream(o.out_path) << "previous clusters";
  std::ofstream(o.vectors_out_path) << "previous vectors";
  Status s = TrainWordClusters(o);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("missing.jsonl"), std::string::npos) << s.ToString();
  EXPECT_EQ(Read(o.out_path), "previous clusters");
  EXPECT_EQ(Read(o.vectors_out_path), "previous vectors");
}

}  // namespace
}  // namespace rasd::engine
