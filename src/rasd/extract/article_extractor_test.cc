// End-to-end extraction with the shipped model, including the seed article of issue 5.
#include "rasd/extract/article_extractor.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "rasd/extract/paths.h"

namespace rasd::extract {
namespace {

std::string SharedDir() {
  const char* env = std::getenv("RASD_SHARED_DIR");
  return env ? env : RASD_SHARED_DIR;
}

const ArticleExtractor* Shipped() {
  static const ArticleExtractor* x = [] () -> const ArticleExtractor* {
    auto tagger = NerTagger::Open(std::string(RASD_SOURCE_DIR) + "/models/ner.model");
    if (!tagger.ok()) {
      ADD_FAILURE() << tagger.status().ToString();
      return nullptr;
    }
    return new ArticleExtractor(std::move(tagger).value());
  }();
  return x;
}

TEST(ArticleExtractorTest, SeedArticleEntitiesAndQuotes) {
  const std::string path = SharedDir() + "/seed/000_0f4f5a14bc883487.txt";
  std::ifstream in(path);
  if (!in.good()) GTEST_SKIP() << "seed article not found at " << path << " (set RASD_SHARED_DIR)";
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  const ArticleExtractor* x = Shipped();
  ASSERT_NE(x, nullptr);
  ArticleResult r;
  x->Extract(text, "", &r);

  std::map<std::string, std::set<std::string>> by_type;  // type -> canonical names
  std::map<std::string, std::set<std::string>> ids;      // canonical -> ids
  for (const EntityMention& m : r.entities) {
    by_type[std::string(EntityTypeName(m.type))].insert(m.canonical);
    ids[m.canonical].insert(m.entity_id);
    EXPECT_EQ(text.substr(m.start, m.end - m.start).size(), m.end - m.start);
  }
  auto dump = [&] {
    std::string s;
    for (const auto& m : r.entities)
      s += std::string(EntityTypeName(m.type)) + " " + m.text + " -> " + m.canonical + "\n";
    return s;
  };
  for (const char* name : {"علي الخامنئي", "قاسم جومارت توكايف", "إبراهيم رئيسي", "الفارابي"})
    EXPECT_TRUE(by_type["PERS"].count(name)) << name << "\n" << dump();
  for (const char* name : {"حلف الناتو", "وكالة مهر للأنباء"})
    EXPECT_TRUE(by_type["ORG"].count(name)) << name << "\n" << dump();
  for (const char* name : {"إيران", "كازاخستان", "أوكرانيا"})
    EXPECT_TRUE(by_type["LOC"].count(name)) << name << "\n" << dump();
  // Both spellings of Tokayev's middle name are one entity.
  int jormat = 0, jomart = 0;
  std::set<std::string> tokayev_ids;
  for (const EntityMention& m : r.entities) {
    if (m.text.find("جورمات") != std::string::npos) ++jormat, tokayev_ids.insert(m.entity_id);
    if (m.text.find("جومارت") != std::string::npos) ++jomart, tokayev_ids.insert(m.entity_id);
  }
  EXPECT_GT(jormat, 0) << dump();
  EXPECT_GT(jomart, 0) << dump();
  EXPECT_EQ(tokayev_ids.size(), 1u) << dump();

  std::set<std::string> speakers;
  for (const Quote& q : r.quotes) speakers.insert(q.speaker_canonical);
  std::string qs;
  for (const Quote& q : r.quotes) qs += q.speaker_canonical + " | " + q.verb + " | " + q.text + "\n";
  EXPECT_TRUE(speakers.count("علي الخامنئي")) << qs;
  EXPECT_TRUE(speakers.count("قاسم جومارت توكايف")) << qs;
  EXPECT_GE(r.quotes.size(), 4u) << qs;
  for (const Quote& q : r.quotes) {
    EXPECT_NE(q.speaker_canonical, "سماحته");
    EXPECT_EQ(text.substr(q.start, q.end - q.start), q.text);
  }
}

// Extract keeps a cache of word analyses per thread across articles (and across extractors,
// told apart by serial number): an article's result must not depend on what the thread
// extracted before, nor with which of two extractors of the same model.
TEST(ArticleExtractorTest, ResultsDoNotDependOnEarlierArticles) {
  const ArticleExtractor* shipped = Shipped();
  ASSERT_NE(shipped, nullptr);
  auto tagger = NerTagger::Open(std::string(RASD_SOURCE_DIR) + "/models/ner.model");
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  const ArticleExtractor other(std::move(tagger).value());
  const std::string a =
      "قال الرئيس الإيراني حسن روحاني إن المحادثات مع الاتحاد الأوروبي ستستمر في فيينا الأسبوع "
      "المقبل. وأضاف روحاني أن بلاده ملتزمة بالاتفاق.";
  const std::string b =
      "أكد وزير الخارجية السعودي عادل الجبير أن المملكة تدعم الحل السياسي في اليمن، وقال إن "
      "التحالف سيواصل عملياته.";
  auto run = [](const ArticleExtractor& x, const std::string& text) {
    ArticleResult r;
    x.Extract(text, "2018-05-01", &r);
    std::string out;
    for (const EntityMention& m : r.entities) {
      out += m.text + "/" + m.canonical + "/" + std::to_string(static_cast<int>(m.type)) + "@" +
             std::to_string(m.start) + ";";
    }
    for (const Quote& q : r.quotes) out += q.speaker_canonical + ">" + std::to_string(q.start) + ";";
    return out;
  };
  const std::string first = run(*shipped, a);
  EXPECT_NE(first.find("حسن روحاني"), std::string::npos) << first;
  run(*shipped, b);
  run(other, b);
  EXPECT_EQ(run(*shipped, a), first);
  EXPECT_EQ(run(other, a), first);
  run(other, b);
  EXPECT_EQ(run(*shipped, a), first);
}

TEST(ArticleExtractorTest, ArbitraryBytesNeverCrash) {
  const ArticleExtractor* x = Shipped();
  ASSERT_NE(x, nullptr);
  ArticleResult r;
  for (std::string s : {std::string(""), std::string("\xff\xfe\x00\x01", 4), std::string(5000, '"'),
                        std::string("قال: «") + std::string(3000, 'x'), std::string("وقال إن")}) {
    x->Extract(s, "not a date", &r);
    for (const auto& m : r.entities) EXPECT_LE(m.end, s.size());
    for (const auto& q : r.quotes) EXPECT_LE(q.end, s.size());
  }
}

}  // namespace
}  // namespace rasd::extract
