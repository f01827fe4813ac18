#include "rasd/extract/story_clusterer.h"

#include <gtest/gtest.h>

#include <random>

#include "rasd/extract/minhash.h"

namespace rasd::extract {
namespace {

std::string RandomText(std::mt19937* rng, int words) {
  static const char* const kWords[] = {
      "الحكومة", "قررت", "اليوم", "رفع", "أسعار", "الوقود", "في", "البلاد", "بعد", "اجتماع",
      "مجلس", "الوزراء", "الذي", "ناقش", "الميزانية", "العامة", "للعام", "المقبل", "وقال",
      "الوزير", "إن", "القرار", "ضروري", "لمواجهة", "العجز", "المالي", "المتزايد", "منذ",
      "سنوات", "طويلة", "المنتخب", "فاز", "على", "نظيره", "بثلاثة", "أهداف", "مقابل", "هدف",
      "المباراة", "النهائية", "البطولة", "الملعب", "الجماهير", "احتفلت", "الشوارع", "الليل"};
  std::uniform_int_distribution<int> pick(0, sizeof(kWords) / sizeof(kWords[0]) - 1);
  std::string s;
  for (int i = 0; i < words; ++i) {
    if (i) s += ' ';
    s += kWords[pick(*rng)];
  }
  return s;
}

TEST(MinHashTest, EstimateTracksExactJaccard) {
  std::vector<std::string> a, b;
  for (int i = 0; i < 200; ++i) a.push_back("w" + std::to_string(i));
  for (int i = 100; i < 300; ++i) b.push_back("w" + std::to_string(i));
  auto sa = WordShingles(a, 1), sb = WordShingles(b, 1);
  EXPECT_NEAR(Jaccard(sa, sb), 100.0 / 300.0, 1e-9);
  MinHasher h(256, 1);
  std::vector<uint32_t> ga, gb;
  h.Sign(sa, &ga);
  h.Sign(sb, &gb);
  EXPECT_NEAR(EstimateJaccard(ga.data(), gb.data(), 256), 1.0 / 3.0, 0.1);
  EXPECT_EQ(Jaccard({}, {}), 0.0);
  EXPECT_EQ(WordShingles({"a", "b"}, 3).size(), 1u);
}

TEST(StoryClustererTest, IdenticalTextsAreDuplicatesUnrelatedAreNot) {
  const uint32_t seed = 99;
  std::mt19937 rng(seed);
  std::string wire = RandomText(&rng, 150);
  std::string other;  // a text with a vocabulary of its own
  for (int i = 0; i < 150; ++i) other += "كلمة" + std::to_string(i % 70) + " ";
  StoryClusterer sc;
  sc.Add("b-paper", "2015-07-22", wire);
  sc.Add("a-agency", "2015-07-22", wire);
  sc.Add("c-paper", "2015-07-23", wire + " المصدر واس");
  sc.Add("z-unrelated", "2015-07-22", other);
  auto s = sc.Assignment("c-paper");
  EXPECT_EQ(s.duplicate_of, "a-agency") << "seed " << seed;  // earliest: same day, smaller id
  EXPECT_EQ(s.story, "a-agency");
  EXPECT_EQ(sc.Assignment("b-paper").duplicate_of, "a-agency");
  EXPECT_EQ(sc.Assignment("z-unrelated").duplicate_of, "");
  EXPECT_EQ(sc.Assignment("z-unrelated").story, "z-unrelated");
  auto stories = sc.Stories();
  ASSERT_EQ(stories.size(), 1u);
  EXPECT_EQ(stories[0].earliest, "a-agency");
  EXPECT_EQ(stories[0].members.size(), 3u);
}

TEST(StoryClustererTest, StoriesRespectTheDateWindow) {
  std::mt19937 rng(7);
  std::string wire = RandomText(&rng, 120);
  StoryClusterer sc;
  sc.Add("x", "2015-07-01", wire);
  sc.Add("y", "2015-07-20", wire);  // same text weeks later: a copy, but not the same story
  EXPECT_EQ(sc.Assignment("y").duplicate_of, "x");
  EXPECT_EQ(sc.Assignment("y").story, "y");
  // The window is anchored on the story's earliest article: a chain of copies one or two days
  // apart does not stretch one story past max_days (3) from its start.
  StoryClusterer chain;
  chain.Add("d1", "2015-08-01", wire);
  chain.Add("d3", "2015-08-03", wire + " نقلا");
  chain.Add("d4", "2015-08-04", wire + " نقلا عن");
  chain.Add("d6", "2015-08-06", wire + " نقلا عن وكالة");
  EXPECT_EQ(chain.Assignment("d3").story, "d1");
  EXPECT_EQ(chain.Assignment("d4").story, "d1");
  EXPECT_EQ(chain.Assignment("d6").story, "d6");
  EXPECT_EQ(chain.Assignment("d6").duplicate_of, "d1");
}

TEST(StoryClustererTest, IncrementalEqualsBatchAndSerialisationRoundTrips) {
  const uint32_t seed = 2024;
  std::mt19937 rng(seed);
  std::vector<std::tuple<std::string, std::string, std::string>> docs;
  for (int i = 0; i < 40; ++i) {
    std::string text = RandomText(&rng, 80);
    docs.emplace_back("d" + std::to_string(i), "2018-05-0" + std::to_string(1 + i % 9), text);
    if (i % 5 == 0) docs.emplace_back("copy" + std::to_string(i), "2018-05-09", text + " نقلا");
  }
  StoryClusterer batch;
  for (auto& [id, date, text] : docs) batch.Add(id, date, text);
  // Incremental: add in two sessions with a save/load in between.
  StoryClusterer first;
  for (size_t i = 0; i < docs.size() / 2; ++i)
    first.Add(std::get<0>(docs[i]), std::get<1>(docs[i]), std::get<2>(docs[i]));
  auto loaded = StoryClusterer::Parse(first.Serialize());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  for (size_t i = docs.size() / 2; i < docs.size(); ++i)
    loaded->Add(std::get<0>(docs[i]), std::get<1>(docs[i]), std::get<2>(docs[i]));
  for (auto& [id, date, text] : docs) {
    auto a = batch.Assignment(id), b = loaded->Assignment(id);
    EXPECT_EQ(a.duplicate_of, b.duplicate_of) << id << " seed " << seed;
    EXPECT_EQ(a.story, b.story) << id << " seed " << seed;
  }
  EXPECT_EQ(batch.Serialize(), loaded->Serialize());
  EXPECT_EQ(batch.Assignment("copy10").duplicate_of, "d10");
  // Signed first (as a catalog build does, on several threads), added in order: the same.
  std::vector<StoryClusterer::Signatures> signatures;
  StoryClusterer signed_first;
  for (auto& [id, date, text] : docs) signatures.push_back(signed_first.Sign(text));
  for (size_t i = 0; i < docs.size(); ++i) {
    signed_first.AddSigned(std::get<0>(docs[i]), std::get<1>(docs[i]), signatures[i]);
  }
  EXPECT_EQ(batch.Serialize(), signed_first.Serialize());
}

TEST(StoryClustererTest, CorruptStateIsAnError) {
  StoryClusterer sc;
  sc.Add("a", "2018-01-01", "نص قصير للتجربة فقط هنا");
  std::string bytes = sc.Serialize();
  for (size_t i = 0; i < bytes.size(); i += 5) {
    std::string bad = bytes;
    bad[i] ^= 0x11;
    EXPECT_FALSE(StoryClusterer::Parse(bad).ok()) << i;
  }
  EXPECT_FALSE(StoryClusterer::Parse("").ok());
  EXPECT_FALSE(StoryClusterer::Parse(bytes.substr(0, bytes.size() - 1)).ok());
}

TEST(StoryClustererTest, EmptyAndOddInputs) {
  StoryClusterer sc;
  sc.Add("e1", "", "");
  sc.Add("e2", "garbage", "");
  sc.Add("e1", "", "again");  // re-adding an id is ignored
  EXPECT_EQ(sc.size(), 2u);
  EXPECT_EQ(sc.Assignment("e2").duplicate_of, "");  // empty texts are not duplicates
  EXPECT_EQ(sc.Assignment("nope").story, "");
}

}  // namespace
}  // namespace rasd::extract
