// Engine end to end on a real on-disk index in a temporary directory: ingest, commit, search,
// get, delete, reopen, read-only access and stats.
#include "rasd/engine/engine.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

namespace rasd::engine {
namespace {

class EngineTest : public testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/rasd_engine_test.XXXXXX";
    dir_ = mkdtemp(tmpl);
    dir_ += "/index";
  }
  void TearDown() override {
    std::filesystem::remove_all(std::filesystem::path(dir_).parent_path());
  }

  std::unique_ptr<Engine> OpenEngine(bool read_only = false) {
    OpenOptions options;
    options.extract = false;
    options.read_only = read_only;
    auto e = Engine::Open(dir_, options);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return e.ok() ? std::move(e).value() : nullptr;
  }

  static Article Make(std::string id, std::string title, std::string body, std::string source,
                      std::string date) {
    Article a;
    a.id = std::move(id);
    a.title = std::move(title);
    a.body = std::move(body);
    a.source = std::move(source);
    a.date = std::move(date);
    return a;
  }

  static SearchOptions Query(std::string q) {
    SearchOptions options;
    options.query = std::move(q);
    return options;
  }

  std::string dir_;
};

TEST_F(EngineTest, IngestSearchGetDelete) {
  auto engine = OpenEngine();
  ASSERT_NE(engine, nullptr);
  ASSERT_TRUE(engine
                  ->Add(Make("a1", "قائد الثورة يستقبل الرئيس الكازاخستاني",
                             "استقبل آية الله الخامنئي الرئيس قاسم جومارت توكايف في طهران.",
                             "وكالة مهر", "2022-11-28T10:00:00+03:30"))
                  .ok());
  ASSERT_TRUE(engine
                  ->Add(Make("a2", "مباراة كرة القدم", "فاز النادي في المباراة النهائية.",
                             "الرياضية", "2022-11-29"))
                  .ok());
  ASSERT_TRUE(
      engine
          ->Add(Make("a3", "", "وقال للخامنئي مستشاره إن الاجتماع مهم.", "وكالة مهر", "2022-11-30"))
          .ok());
  // Not visible before the commit.
  auto before = engine->Search(Query("الخامنئي"));
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->hits.size(), 0u);
  ASSERT_TRUE(engine->Commit().ok());

  SearchOptions options;
  options.query = "الخامنئي";
  options.facets = true;
  auto result = engine->Search(options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->hits.size(), 2u);
  EXPECT_EQ(result->total, 2u);
  EXPECT_TRUE(result->total_is_exact);
  std::vector<std::string> ids = {result->hits[0].id, result->hits[1].id};
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"a1", "a3"}));
  // The clitic form is highlighted whole, at its original bytes.
  bool highlighted_clitic = false;
  for (const auto& hit : result->hits) {
    for (const auto& part : hit.snippet) {
      highlighted_clitic = highlighted_clitic || (part.highlighted && part.text == "للخامنئي");
    }
  }
  EXPECT_TRUE(highlighted_clitic);
  ASSERT_TRUE(result->facets.count("source"));
  EXPECT_EQ(result->facets["source"][0].value, "وكالة مهر");
  EXPECT_EQ(result->facets["source"][0].count, 2u);
  ASSERT_TRUE(result->facets.count("person"));
  // Without the entity facets: the same exact total and outlets, no people, organisations
  // or places.
  options.entity_facets = false;
  auto plain = engine->Search(options);
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_EQ(plain->total, 2u);
  EXPECT_TRUE(plain->total_is_exact);
  EXPECT_EQ(plain->facets["source"].size(), result->facets["source"].size());
  for (const char* entity_field : {"person", "organization", "place"}) {
    EXPECT_EQ(plain->facets.count(entity_field), 0u) << entity_field;
  }
  options.entity_facets = true;

  auto got = engine->Get("a1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->source, "وكالة مهر");
  EXPECT_EQ(got->date, "2022-11-28T10:00:00+03:30");
  EXPECT_TRUE(engine->Get("nope").status().IsNotFound());

  auto removed = engine->Delete({"a1", "missing"});
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 1u);
  ASSERT_TRUE(engine->Commit().ok());
  auto after = engine->Search(Query("الخامنئي"));
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->hits.size(), 1u);
  EXPECT_EQ(after->hits[0].id, "a3");
}

TEST_F(EngineTest, ReplaceReopenReadOnlyAndStats) {
  {
    auto engine = OpenEngine();
    ASSERT_NE(engine, nullptr);
    ASSERT_TRUE(engine->Add(Make("x", "عنوان أول", "نص قديم", "s1", "2020-01-01")).ok());
    ASSERT_TRUE(engine->Commit().ok());
    ASSERT_TRUE(engine->Add(Make("x", "عنوان ثان", "نص جديد", "s1", "2020-01-05")).ok());
    ASSERT_TRUE(engine->Commit().ok());
  }
  auto reader = OpenEngine(/*read_only=*/true);
  ASSERT_NE(reader, nullptr);
  auto got = reader->Get("x");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->title, "عنوان ثان");
  auto stats = reader->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->articles, 1u);
  EXPECT_EQ(FormatDay(*stats->first_date), "2020-01-05");
  EXPECT_TRUE(reader->Add(Make("y", "t", "b", "", "")).code() == StatusCode::kNotSupported);
  EXPECT_TRUE(Engine::Check(dir_).ok());
}

// A bulk load that ends with Optimize lets its flushed segments wait for that one merge
// (OpenOptions::merge_segments_per_tier): none are merged along the way, and the optimized
// index answers as one built with the default tiered merges does.
// Searches that ask for ids only (SearchOptions::fetch_text = false) read the engine's id
// column, built one segment at a time and kept across snapshots for the segments they share:
// after commits that add, replace and delete articles, and after an optimize that merges every
// segment into a new one, they name the same articles in the same order as searches that read
// the stored articles.
TEST_F(EngineTest, IdOnlySearchesNameTheStoredArticlesAcrossSnapshots) {
  auto engine = OpenEngine();
  ASSERT_NE(engine, nullptr);
  auto add = [&](int from, int to, const std::string& version) {
    for (int i = from; i < to; ++i) {
      const std::string body = "الاقتصاد " + std::string(static_cast<size_t>(i % 5 + 1), 'x') +
                               " نمو " + version;
      ASSERT_TRUE(engine->Add(Make("n" + std::to_string(i), "عنوان " + version, body, "مصدر",
                                   "2022-11-28T10:00:00Z"))
                      .ok());
    }
  };
  auto expect_same_ids = [&](const char* when) {
    SCOPED_TRACE(when);
    SearchOptions with_text = Query("الاقتصاد");
    with_text.limit = 100;
    SearchOptions ids_only = with_text;
    ids_only.fetch_text = false;
    auto a = engine->Search(with_text);
    auto b = engine->Search(ids_only);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    ASSERT_EQ(a->hits.size(), b->hits.size());
    ASSERT_FALSE(a->hits.empty());
    for (size_t i = 0; i < a->hits.size(); ++i) {
      EXPECT_EQ(a->hits[i].id, b->hits[i].id) << "rank " << i;
      EXPECT_EQ(a->hits[i].score, b->hits[i].score) << "rank " << i;
    }
  };
  add(0, 30, "v1");
  ASSERT_TRUE(engine->Commit().ok());
  expect_same_ids("one segment");
  add(30, 40, "v1");
  add(3, 6, "v2");  // replaced: their first versions are deleted
  ASSERT_EQ(engine->Delete({"n7", "n35"}).value(), 2u);
  ASSERT_TRUE(engine->Commit().ok());
  ASSERT_GE(engine->Stats()->segments, 2u);
  expect_same_ids("after a second commit");
  add(40, 45, "v1");
  ASSERT_TRUE(engine->Commit().ok());
  expect_same_ids("after a third commit");
  ASSERT_TRUE(engine->Optimize().ok());
  ASSERT_EQ(engine->Stats()->segments, 1u);
  expect_same_ids("after optimize");
}

TEST_F(EngineTest, WiderMergeTiersLeaveSegmentsForOptimize) {
  auto load = [&](const std::string& dir, int per_tier) {
    OpenOptions options;
    options.extract = false;
    options.merge_segments_per_tier = per_tier;
    auto engine = Engine::Open(dir, options);
    EXPECT_TRUE(engine.ok()) << engine.status().ToString();
    for (int i = 0; i < 25; ++i) {  // one segment per commit
      EXPECT_TRUE((*engine)->Add(Make("a" + std::to_string(i), "خبر " + std::to_string(i),
                                      "اجتماع الوزراء في العاصمة " + std::to_string(i % 7),
                                      "s", "2020-01-01"))
                      .ok());
      EXPECT_TRUE((*engine)->Commit().ok());
    }
    return std::move(engine).value();
  };
  auto tiered = load(dir_ + "_tiered", 10);
  auto wide = load(dir_ + "_wide", 64);
  EXPECT_LT(tiered->Stats()->segments, 25u);  // tiers of ten were merged on commit
  EXPECT_EQ(wide->Stats()->segments, 25u);
  ASSERT_TRUE(tiered->Optimize().ok());
  ASSERT_TRUE(wide->Optimize().ok());
  EXPECT_EQ(wide->Stats()->segments, 1u);
  SearchOptions q = Query("اجتماع العاصمة");
  q.limit = 100;
  auto a = tiered->Search(q), b = wide->Search(q);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->hits.size(), 25u);
  ASSERT_EQ(b->hits.size(), a->hits.size());
  for (size_t h = 0; h < a->hits.size(); ++h) {
    EXPECT_EQ(a->hits[h].id, b->hits[h].id);
    EXPECT_EQ(a->hits[h].score, b->hits[h].score);
  }
}

TEST_F(EngineTest, BadArticlesAreRejectedWithReasons) {
  auto engine = OpenEngine();
  ASSERT_NE(engine, nullptr);
  EXPECT_TRUE(engine->Add(Make("", "t", "", "", "")).IsInvalidArgument());
  EXPECT_TRUE(engine->Add(Make("id", " ", "\n", "", "")).IsInvalidArgument());
  Status bad_utf8 = engine->Add(Make("u", "bad \xff", "", "", ""));
  EXPECT_TRUE(bad_utf8.IsInvalidArgument());
  EXPECT_NE(bad_utf8.message().find("'u'"), std::string::npos) << bad_utf8.message();
  // An id is one line: with a line break it could be found but never fetched by URL.
  Status newline = engine->Add(Make("nl\nid", "t", "", "", ""));
  EXPECT_TRUE(newline.IsInvalidArgument());
  EXPECT_NE(newline.message().find("control character (0x0A at byte 2)"), std::string::npos)
      << newline.message();
  EXPECT_TRUE(engine->Add(Make("tab\tid", "t", "", "", "")).IsInvalidArgument());
  // Also the line breaks outside ASCII: NEXT LINE (a C1 control) and the line and paragraph
  // separators, which line-splitting tools read as the end of a TREC row.
  Status nel = engine->Add(Make("nel\xC2\x85x", "t", "", "", ""));
  EXPECT_NE(nel.message().find("control character (U+0085 at byte 3)"), std::string::npos)
      << nel.message();
  EXPECT_TRUE(engine->Add(Make("ls\xE2\x80\xA8x", "t", "", "", "")).IsInvalidArgument());
  EXPECT_TRUE(engine->Add(Make("ps\xE2\x80\xA9x", "t", "", "", "")).IsInvalidArgument());
  EXPECT_TRUE(engine->Add(Make("معرّف-1 (نسخة)", "t", "", "", "")).ok());
  EXPECT_TRUE(engine->Add(Make("nbsp\xC2\xA0x", "t", "", "", "")).ok());  // not a control
  Status bad_id = engine->Add(Make("id\xFF", "t", "", "", ""));
  EXPECT_NE(bad_id.message().find("not UTF-8 at byte 2"), std::string::npos) << bad_id.message();
  // The index's length limits are checked against the article, not at the commit, where
  // one long id or source made the whole commit fail and named no record.
  Status long_id = engine->Add(Make(std::string(8193, 'x'), "t", "", "", ""));
  EXPECT_TRUE(long_id.IsInvalidArgument());
  EXPECT_NE(long_id.message().find("id longer than 8192 bytes"), std::string::npos);
  Status long_source = engine->Add(Make("s", "t", "", std::string(9000, 'y'), ""));
  EXPECT_TRUE(long_source.IsInvalidArgument());
  EXPECT_NE(long_source.message().find("'s'"), std::string::npos) << long_source.message();
  EXPECT_NE(long_source.message().find("source"), std::string::npos) << long_source.message();
  ASSERT_TRUE(engine->Commit().ok());
  auto stats = engine->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->articles, 2u);  // the two good articles above
}

// Ranking parameters are checked when the engine opens: NaN, an infinity, a negative weight
// or a length factor b above 1 would rank nonsense without a word.
TEST_F(EngineTest, RankingParametersMustBeMeaningful) {
  auto open_with = [&](const char* name, double value) {
    OpenOptions options;
    options.ranking[name] = value;
    return Engine::Open(dir_ + "/ranking", options).status();
  };
  EXPECT_TRUE(open_with("k1", 1.5).ok());
  EXPECT_TRUE(open_with("title.b", 1.0).ok());
  EXPECT_TRUE(open_with("k1", std::nan("")).IsInvalidArgument());
  EXPECT_TRUE(open_with("k1", -1).IsInvalidArgument());
  EXPECT_TRUE(open_with("pair_weight", HUGE_VAL).IsInvalidArgument());
  Status b = open_with("body.b", 1.5);
  EXPECT_TRUE(b.IsInvalidArgument());
  EXPECT_NE(b.message().find("'body.b' must be a finite number from 0 to 1"), std::string::npos)
      << b.message();
}

// `rasd check` covers the catalog beside the index: a damaged one is named, with what to do.
TEST_F(EngineTest, CheckReportsADamagedCatalog) {
  {
    auto engine = OpenEngine();
    ASSERT_NE(engine, nullptr);
    ASSERT_TRUE(engine->Add(Make("a1", "عنوان", "نص الخبر", "", "")).ok());
    ASSERT_TRUE(engine->Commit().ok());
    ASSERT_TRUE(engine->SaveCatalog().ok());
  }
  EXPECT_TRUE(Engine::Check(dir_).ok());
  const std::string path = dir_ + "/catalog.rasd";
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(20);
    f.put('\x7f');
  }
  Status damaged = Engine::Check(dir_);
  EXPECT_TRUE(damaged.IsCorruption()) << damaged.ToString();
  EXPECT_NE(damaged.message().find("catalog.rasd: catalog: checksum mismatch"), std::string::npos)
      << damaged.message();
  EXPECT_NE(damaged.message().find("delete it"), std::string::npos);
}

TEST_F(EngineTest, MissingIndexReadOnlyIsNotFound) {
  OpenOptions options;
  options.read_only = true;
  auto e = Engine::Open(dir_ + "/nothing", options);
  ASSERT_FALSE(e.ok());
  EXPECT_TRUE(e.status().IsNotFound()) << e.status().ToString();
  EXPECT_NE(e.status().message().find("create one"), std::string::npos) << e.status().ToString();
}

// A file missing from an index is damage, named as such: not "no index here, create one",
// which would lead to writing a new index over the old one's files (the writer refuses that).
TEST_F(EngineTest, MissingSegmentFileIsNotCalledAMissingIndex) {
  {
    auto engine = OpenEngine();
    ASSERT_TRUE(engine->Add(Make("a1", "عنوان", "نص الخبر", "", "")).ok());
    ASSERT_TRUE(engine->Commit().ok());
  }
  int removed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    if (entry.path().extension() == ".tdx") removed += std::filesystem::remove(entry.path());
  }
  ASSERT_GT(removed, 0);
  OpenOptions options;
  options.read_only = true;
  auto e = Engine::Open(dir_, options);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().message().find("create one"), std::string::npos) << e.status().ToString();
  EXPECT_NE(e.status().message().find(".tdx"), std::string::npos) << e.status().ToString();
}

}  // namespace
}  // namespace rasd::engine

namespace rasd::engine {
namespace {

// A fresh index directory under /tmp (each test removes its parent) and the options the
// story tests open it with: stories need no entity extraction.
std::string NewStoryIndexDir() {
  char tmpl[] = "/tmp/rasd_engine_story.XXXXXX";
  return std::string(mkdtemp(tmpl)) + "/index";
}

OpenOptions WithoutExtraction() {
  OpenOptions options;
  options.extract = false;
  return options;
}

TEST(EngineStoriesTest, RepostsFormOneStoryWithTheFirstReportMarked) {
  const std::string dir = NewStoryIndexDir();
  const OpenOptions options = WithoutExtraction();
  auto engine = Engine::Open(dir, options);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  const std::string wire =
      "أعلنت وزارة الصحة اليوم بدء حملة تطعيم واسعة في المدن الساحلية تشمل مئتي ألف طفل خلال "
      "أسبوعين، وقالت الوزيرة إن الفرق الطبية جاهزة للعمل على مدار الساعة في جميع المراكز.";
  Article first{
      "w1", "حملة تطعيم واسعة", wire, "وكالة الساحل", "2026-03-02T08:00:00+03:00", "", "", "", {}};
  Article copy{"w2",
               "بدء حملة التطعيم",
               wire + " وتستمر الحملة حتى نهاية الشهر.",
               "صحيفة المدار",
               "2026-03-02T11:00:00+03:00",
               "",
               "",
               "",
               {}};
  Article other{"o1",       "مباراة",     "فاز فريق الساحل على ضيفه بثلاثة أهداف في الدوري.",
                "الرياضية", "2026-03-02", "",
                "",         "",           {}};
  for (const auto& a : {copy, other, first}) ASSERT_TRUE((*engine)->Add(a).ok());
  ASSERT_TRUE((*engine)->Commit().ok());
  auto stories = (*engine)->Stories(2, 0, 10);
  ASSERT_TRUE(stories.ok()) << stories.status().ToString();
  ASSERT_EQ(stories->size(), 1u);
  const Story& story = stories->front();
  ASSERT_EQ(story.members.size(), 2u);
  EXPECT_EQ(story.members[0].id, "w1");  // the earliest, though it arrived last
  EXPECT_TRUE(story.members[0].first_report);
  EXPECT_FALSE(story.members[1].first_report);
  EXPECT_EQ(story.sources.size(), 2u);
  auto by_article = (*engine)->GetStory("w2");
  ASSERT_TRUE(by_article.ok());
  EXPECT_EQ(by_article->members.size(), 2u);
  EXPECT_TRUE((*engine)->GetStory("o1").status().IsNotFound());
  auto view = (*engine)->GetView("w2");
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->story_id, "w1");

  // Search hits carry their story when asked, so front ends can group the copies.
  SearchOptions search;
  search.query = "حملة التطعيم";
  search.stories = true;
  auto found = (*engine)->Search(search);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->hits.size(), 2u);
  for (const Hit& hit : found->hits) {
    EXPECT_EQ(hit.story_id, "w1") << hit.id;
    EXPECT_EQ(hit.story_articles, 2u) << hit.id;
  }
  search.query = "مباراة";
  found = (*engine)->Search(search);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->hits.size(), 1u);
  EXPECT_TRUE(found->hits[0].story_id.empty());  // an article alone is no story
  search.stories = false;
  search.query = "حملة التطعيم";
  found = (*engine)->Search(search);
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->hits[0].story_id.empty());

  // The catalog saved beside the index is what the next Open starts from; a damaged file is
  // only a cache, so the stories come back either way.
  ASSERT_TRUE((*engine)->SaveCatalog().ok());
  engine->reset();
  const std::string saved_path = dir + "/catalog.rasd";
  ASSERT_TRUE(std::filesystem::exists(saved_path));
  for (bool damage : {false, true}) {
    if (damage) {
      std::fstream f(saved_path, std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(20);
      f.put('\x7f');
    }
    auto reopened = Engine::Open(dir, options);
    ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
    auto again = (*reopened)->GetStory("w2");
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(again->id, "w1");
    EXPECT_EQ(again->members.size(), damage ? 3u : 2u);  // rebuilt: w3 came after the save
    // An article added after the save joins the saved clusters.
    Article late = copy;
    late.id = damage ? "w4" : "w3";
    late.date = "2026-03-02T12:00:00+03:00";
    ASSERT_TRUE((*reopened)->Add(late).ok());
    ASSERT_TRUE((*reopened)->Commit().ok());
    auto grown = (*reopened)->GetStory("w1");
    ASSERT_TRUE(grown.ok());
    EXPECT_EQ(grown->members.size(), damage ? 4u : 3u);
  }
  std::filesystem::remove_all(std::filesystem::path(dir).parent_path());
}

// Search hits and article views name a story by its live articles: deleting the first
// report hands the story to the next one, and a story left with one article is none (the
// hits once kept pointing at the deleted first report, whose story page was a 404).
TEST(EngineStoriesTest, HitsAndViewsForgetDeletedMembers) {
  const std::string dir = NewStoryIndexDir();
  auto engine = Engine::Open(dir, WithoutExtraction());
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  const std::string wire =
      "أعلنت وزارة الصحة اليوم بدء حملة تطعيم واسعة في المدن الساحلية تشمل مئتي ألف طفل خلال "
      "أسبوعين، وقالت الوزيرة إن الفرق الطبية جاهزة للعمل على مدار الساعة في جميع المراكز.";
  for (int i = 1; i <= 3; ++i) {
    Article a{"w" + std::to_string(i), "حملة تطعيم واسعة", wire, "مصدر " + std::to_string(i),
              "2026-03-0" + std::to_string(i), "", "", "", {}};
    ASSERT_TRUE((*engine)->Add(a).ok());
  }
  ASSERT_TRUE((*engine)->Commit().ok());
  auto story_of_hits = [&]() {
    SearchOptions search;
    search.query = "حملة التطعيم";
    search.stories = true;
    auto found = (*engine)->Search(search);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    std::map<std::string, std::pair<std::string, size_t>> out;
    for (const Hit& hit : found->hits) out[hit.id] = {hit.story_id, hit.story_articles};
    return out;
  };
  auto hits = story_of_hits();
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits["w3"], std::make_pair(std::string("w1"), size_t{3}));

  ASSERT_TRUE((*engine)->Delete({"w1"}).ok());
  ASSERT_TRUE((*engine)->Commit().ok());
  hits = story_of_hits();
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits["w2"], std::make_pair(std::string("w2"), size_t{2}));
  EXPECT_EQ(hits["w3"], std::make_pair(std::string("w2"), size_t{2}));
  auto view = (*engine)->GetView("w3");
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->story_id, "w2");
  auto story = (*engine)->GetStory(hits["w3"].first);
  ASSERT_TRUE(story.ok()) << story.status().ToString();
  EXPECT_EQ(story->id, "w2");
  auto stats = (*engine)->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->stories, 1u);

  ASSERT_TRUE((*engine)->Delete({"w2"}).ok());
  ASSERT_TRUE((*engine)->Commit().ok());
  hits = story_of_hits();
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits["w3"].first, "");
  view = (*engine)->GetView("w3");
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->story_id, "");
  stats = (*engine)->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->stories, 0u);

  // The same after the catalog is saved and read back.
  ASSERT_TRUE((*engine)->SaveCatalog().ok());
  engine->reset();
  auto reopened = Engine::Open(dir, WithoutExtraction());
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  view = (*reopened)->GetView("w3");
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->story_id, "");
  std::filesystem::remove_all(std::filesystem::path(dir).parent_path());
}

// A saved catalog that counts articles the index no longer holds (deleted by a process that
// never loaded the catalog, as `rasd delete` does) is rebuilt when it is read: it kept their
// entities and stories, and `rasd stats` counted them.
TEST(EngineStoriesTest, SavedCatalogForgetsArticlesDeletedWithoutIt) {
  const std::string dir = NewStoryIndexDir();
  const std::string wire =
      "أعلنت وزارة الصحة اليوم بدء حملة تطعيم واسعة في المدن الساحلية تشمل مئتي ألف طفل خلال "
      "أسبوعين، وقالت الوزيرة إن الفرق الطبية جاهزة للعمل على مدار الساعة في جميع المراكز.";
  {
    auto engine = Engine::Open(dir, WithoutExtraction());
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    for (int i = 1; i <= 3; ++i) {
      Article a{"w" + std::to_string(i), "حملة تطعيم واسعة", wire, "مصدر " + std::to_string(i),
                "2026-03-0" + std::to_string(i), "", "", "", {}};
      ASSERT_TRUE((*engine)->Add(a).ok());
    }
    ASSERT_TRUE((*engine)->Commit().ok());
    auto stats = (*engine)->Stats();
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->stories, 1u);
    ASSERT_TRUE((*engine)->SaveCatalog().ok());
  }
  {
    // Deletes and commits without ever reading the catalog.
    auto engine = Engine::Open(dir, WithoutExtraction());
    ASSERT_TRUE(engine.ok());
    ASSERT_TRUE((*engine)->Delete({"w1", "w2"}).ok());
    ASSERT_TRUE((*engine)->Commit().ok());
  }
  auto engine = Engine::Open(dir, WithoutExtraction());
  ASSERT_TRUE(engine.ok());
  auto stats = (*engine)->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->articles, 1u);
  EXPECT_EQ(stats->stories, 0u);
  auto view = (*engine)->GetView("w3");
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->story_id, "");
  std::filesystem::remove_all(std::filesystem::path(dir).parent_path());
}

// Stories come newest first, by each story's latest member, and page by offset and limit; a
// story whose deletions leave it one article is no story.
TEST(EngineStoriesTest, NewestFirstPagedAndWithoutDeletedMembers) {
  const std::string dir = NewStoryIndexDir();
  auto engine = Engine::Open(dir, WithoutExtraction());
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  const std::vector<std::string> wires = {
      "أعلنت وزارة الصحة اليوم بدء حملة تطعيم واسعة في المدن الساحلية تشمل مئتي ألف طفل خلال "
      "أسبوعين، وقالت الوزيرة إن الفرق الطبية جاهزة للعمل على مدار الساعة في جميع المراكز.",
      "افتتح رئيس البلدية صباح الخميس الجسر الجديد فوق النهر بعد ثلاث سنوات من الأعمال، ويربط "
      "الجسر ضفتي المدينة ويختصر زمن التنقل بين الأحياء الشرقية والغربية إلى النصف تقريبا.",
      "سجلت محطات الرصد الجوي أمطارا غزيرة على المرتفعات الشمالية طوال الليل، وحذرت هيئة "
      "الأرصاد السائقين من السيول في الأودية ودعت المزارعين إلى حماية المحاصيل من البرد.",
  };
  // Copies within a story's 3 days: story 0 Jan 1-3, story 1 Jan 2 (morning and noon),
  // story 2 Jan 3-5; newest first is 2, 0, 1.
  const std::vector<std::pair<std::string, std::string>> days = {
      {"2026-01-01", "2026-01-03"}, {"2026-01-02T08:00:00Z", "2026-01-02T12:00:00Z"},
      {"2026-01-03", "2026-01-05"}};
  for (size_t k = 0; k < wires.size(); ++k) {
    const std::string n = std::to_string(k);
    Article first{"s" + n + "a", "خبر " + n, wires[k], "وكالة", days[k].first, "", "", "", {}};
    Article copy{"s" + n + "b", "نقلا عن وكالة", wires[k] + " وتتابع الجهات المعنية الأمر.",
                 "صحيفة", days[k].second, "", "", "", {}};
    ASSERT_TRUE((*engine)->Add(first).ok());
    ASSERT_TRUE((*engine)->Add(copy).ok());
  }
  ASSERT_TRUE((*engine)->Commit().ok());
  auto ids = [&](size_t offset, size_t limit) {
    std::vector<std::string> out;
    auto stories = (*engine)->Stories(2, offset, limit);
    EXPECT_TRUE(stories.ok()) << stories.status().ToString();
    if (stories.ok()) {
      for (const Story& s : *stories) out.push_back(s.id);
    }
    return out;
  };
  EXPECT_EQ(ids(0, 10), (std::vector<std::string>{"s2a", "s0a", "s1a"}));
  EXPECT_EQ(ids(1, 1), (std::vector<std::string>{"s0a"}));
  EXPECT_EQ(ids(2, 5), (std::vector<std::string>{"s1a"}));
  EXPECT_TRUE(ids(3, 5).empty());
  // Story 2 loses its copy: one article is no story, and story 0 leads.
  ASSERT_TRUE((*engine)->Delete({"s2b"}).ok());
  ASSERT_TRUE((*engine)->Commit().ok());
  EXPECT_EQ(ids(0, 10), (std::vector<std::string>{"s0a", "s1a"}));
  engine->reset();
  std::filesystem::remove_all(std::filesystem::path(dir).parent_path());
}

// The entity counts follow the index: a replaced article counts once, with its new
// entities; a deleted one not at all; re-adding an unchanged article changes nothing.
// Checked with the catalog in memory, and with only its saved file (a later process).
TEST(EngineCatalogTest, EntityCountsFollowReplacementsAndDeletions) {
  char tmpl[] = "/tmp/rasd_engine_catalog.XXXXXX";
  const std::string dir = std::string(mkdtemp(tmpl)) + "/index";
  OpenOptions options;
  options.extract = true;
  const std::string rouhani =
      "قال الرئيس الإيراني حسن روحاني إن بلاده لن تتخلى عن الاتفاق النووي، خلال لقائه وزير "
      "الخارجية في طهران.";
  const std::string trump =
      "قال الرئيس الأمريكي دونالد ترامب إن واشنطن ستفرض عقوبات جديدة، في مؤتمر صحفي.";
  auto article = [](std::string id, std::string body) {
    return Article{std::move(id), "خبر", std::move(body), "وكالة", "2026-03-02", "", "", "", {}};
  };
  // Articles mentioning `name` by the catalog (0 when it has no such entity).
  auto articles_of = [](const Engine& engine, const std::string& name) -> uint64_t {
    auto top = engine.TopEntities("person", "", 50);
    EXPECT_TRUE(top.ok()) << top.status().ToString();
    if (!top.ok()) return 0;
    for (const EntitySummary& e : *top) {
      if (e.name == name) return e.articles;
    }
    return 0;
  };
  {
    auto engine = Engine::Open(dir, options);
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    Engine& e = **engine;
    ASSERT_TRUE(e.Add(article("a1", rouhani)).ok());
    ASSERT_TRUE(e.Add(article("a2", rouhani)).ok());
    ASSERT_TRUE(e.Commit().ok());
    ASSERT_EQ(articles_of(e, "حسن روحاني"), 2u);  // builds the catalog
    // The same articles again (a feed delivering them twice): nothing changes.
    ASSERT_TRUE(e.Add(article("a1", rouhani)).ok());
    ASSERT_TRUE(e.Add(article("a2", rouhani)).ok());
    ASSERT_TRUE(e.Commit().ok());
    EXPECT_EQ(articles_of(e, "حسن روحاني"), 2u);
    // a1 replaced by a text about someone else, twice before one commit.
    ASSERT_TRUE(e.Add(article("a1", rouhani + " " + rouhani)).ok());
    ASSERT_TRUE(e.Add(article("a1", trump)).ok());
    ASSERT_TRUE(e.Commit().ok());
    EXPECT_EQ(articles_of(e, "حسن روحاني"), 1u);
    EXPECT_EQ(articles_of(e, "دونالد ترامب"), 1u);
    ASSERT_TRUE(e.SaveCatalog().ok());
  }
  {
    // A later process, the catalog only on disk: deleting a2 takes it off the saved counts.
    auto engine = Engine::Open(dir, options);
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    Engine& e = **engine;
    auto removed = e.Delete({"a2"});
    ASSERT_TRUE(removed.ok());
    ASSERT_EQ(*removed, 1u);
    ASSERT_TRUE(e.Add(article("a3", trump)).ok());
    ASSERT_TRUE(e.Commit().ok());
    EXPECT_EQ(articles_of(e, "حسن روحاني"), 0u);
    EXPECT_EQ(articles_of(e, "دونالد ترامب"), 2u);
    EXPECT_TRUE(e.GetEntity("حسن روحاني").status().IsNotFound());
  }
  std::filesystem::remove_all(std::filesystem::path(dir).parent_path());
}

// AddBatch extracts on several threads but must leave the index exactly as Add one by one
// would: same documents in the same order (a later version of an id replaces an earlier one
// in the same batch), the same extraction stored, one status per article.
TEST(EngineBatchTest, AddBatchEqualsAddOneByOne) {
  char tmpl[] = "/tmp/rasd_engine_batch.XXXXXX";
  const std::string root = mkdtemp(tmpl);
  const char* people[] = {"حسن روحاني", "دونالد ترامب", "فلاديمير بوتين", "أنغيلا ميركل"};
  std::vector<Article> articles;
  for (int i = 0; i < 70; ++i) {  // more than one internal chunk of 32
    Article a;
    a.id = "b" + std::to_string(i % 60);  // ten ids come twice: the later version must win
    a.title = "خبر رقم " + std::to_string(i);
    a.body = "قال الرئيس " + std::string(people[i % 4]) + " إن المحادثات ستستمر في العاصمة " +
             "خلال الأسبوع المقبل، وأضاف أن الوفد سيعود غدا. " + std::to_string(i);
    a.date = "2026-03-0" + std::to_string(1 + i % 9);
    articles.push_back(std::move(a));
  }
  articles[13].body = articles[13].title = " ";  // a bad article in the middle
  auto build = [&](bool batch, size_t threads) {
    OpenOptions options;
    options.extract = true;
    options.pipeline_ingest = batch && threads == 2;  // both document sources of AddBatch
    options.ingest_threads = threads;
    const std::string dir = root + (batch ? "/batch" : "/single") + std::to_string(threads);
    auto engine = Engine::Open(dir, options);
    EXPECT_TRUE(engine.ok()) << engine.status().ToString();
    std::vector<Status> statuses;
    if (batch) {
      statuses = (*engine)->AddBatch(articles);
    } else {
      for (const Article& a : articles) statuses.push_back((*engine)->Add(a));
    }
    EXPECT_TRUE((*engine)->Commit().ok());
    return std::make_pair(std::move(*engine), statuses);
  };
  auto [single, single_statuses] = build(false, 1);
  for (size_t threads : {size_t{2}, size_t{3}}) {
    SCOPED_TRACE(threads);
    auto [batch, statuses] = build(true, threads);
    ASSERT_EQ(statuses.size(), articles.size());
    for (size_t i = 0; i < articles.size(); ++i) {
      EXPECT_EQ(statuses[i].ToString(), single_statuses[i].ToString()) << i;
    }
    EXPECT_TRUE(statuses[13].IsInvalidArgument());
    for (int i = 0; i < 60; ++i) {
      const std::string id = "b" + std::to_string(i);
      auto a = single->GetView(id), b = batch->GetView(id);
      ASSERT_EQ(a.ok(), b.ok()) << id;
      if (!a.ok()) continue;
      EXPECT_EQ(a->article.title, b->article.title) << id;
      EXPECT_EQ(a->article.body, b->article.body) << id;
      ASSERT_EQ(a->entities.size(), b->entities.size()) << id;
      for (size_t e = 0; e < a->entities.size(); ++e) {
        EXPECT_EQ(a->entities[e].canonical, b->entities[e].canonical) << id;
      }
    }
    EXPECT_EQ(batch->GetView("b5")->article.title, "خبر رقم 65");  // the later version
    SearchOptions search;
    search.query = "المحادثات";
    search.limit = 100;
    search.entities = {"دونالد ترامب"};
    auto x = single->Search(search), y = batch->Search(search);
    ASSERT_TRUE(x.ok() && y.ok());
    ASSERT_EQ(x->hits.size(), y->hits.size());
    EXPECT_GT(x->hits.size(), 10u);
    for (size_t h = 0; h < x->hits.size(); ++h) EXPECT_EQ(x->hits[h].id, y->hits[h].id);
  }
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace rasd::engine
