// End-to-end tests of the Searcher on real news (the 485-article ANT sample in shared/data) and
// on small synthetic indexes: what a reader expects of each query construct, facets, sorting,
// paging, variants, snippets, concurrency and errors.
#include "rasd/search/searcher.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <thread>

#include "rasd/base/json.h"
#include "rasd/base/mem_env.h"
#include "rasd/index/index_writer.h"
#include "rasd/search/document_builder.h"
#include "rasd/search/schema.h"
#include "rasd/search/variant_expander.h"

namespace rasd::search {
namespace {

std::string SharedDir() {
  const char* env = std::getenv("RASD_SHARED_DIR");
  return env != nullptr ? env : RASD_SHARED_DIR;
}

// "2018-05-08T01:25:30+04:00" -> epoch seconds (enough ISO 8601 for the sample).
std::optional<int64_t> ParseDate(const std::string& s) {
  int y, mo, d, h = 0, mi = 0, se = 0, oh = 0, om = 0;
  char sign = '+';
  if (std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%d%c%d:%d", &y, &mo, &d, &h, &mi, &se, &sign, &oh,
                  &om) < 3) {
    return std::nullopt;
  }
  // days_from_civil
  const int yy = y - (mo <= 2);
  const int era = (yy >= 0 ? yy : yy - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(yy - era * 400);
  const unsigned doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const int64_t days = static_cast<int64_t>(era) * 146097 + doe - 719468;
  int64_t t = days * 86400 + h * 3600 + mi * 60 + se;
  const int64_t offset = oh * 3600 + om * 60;
  t += sign == '-' ? offset : -offset;
  return t;
}

struct Article {
  std::string id, title, body, source;
  std::optional<int64_t> date;
};

class Corpus {
 public:
  // Indexes `articles`; the stored blob is title + '\n' + body.
  void Build(const std::vector<Article>& articles, bool index_title = true) {
    env_ = base::NewMemEnv();
    index::IndexWriterOptions options;
    options.use_log = false;
    writer_ = index::IndexWriter::Open(env_.get(), "/idx", options).value();
    text::AnalyzedText scratch;
    index::IndexDocument doc;
    for (size_t i = 0; i < articles.size(); ++i) {
      const Article& a = articles[i];
      ArticleFields f{a.id, a.title, a.body, a.source, a.date};
      ASSERT_TRUE(BuildIndexDocument(f, analyzer_, &scratch, &doc, BuildOptions{index_title}).ok());
      doc.set_stored(a.title + "\n" + a.body);
      ASSERT_TRUE(writer_->AddDocument(doc).ok());
      if (i % 150 == 149) {
        ASSERT_TRUE(writer_->Refresh().ok());  // several segments
      }
    }
    ASSERT_TRUE(writer_->Commit().ok());
    searcher_ = std::make_unique<Searcher>(writer_->Snapshot(), analyzer_);
  }

  SearchResponse Search(SearchRequest r) const {
    Result<SearchResponse> res = searcher_->Search(r);
    EXPECT_TRUE(res.ok()) << res.status().ToString();
    return res.ok() ? std::move(res).value() : SearchResponse{};
  }
  SearchResponse Search(const std::string& q, size_t limit = 10) const {
    SearchRequest r;
    r.query = q;
    r.limit = limit;
    return Search(r);
  }
  std::string Stored(uint32_t doc) const {
    index::StoredDocument sd;
    EXPECT_TRUE(searcher_->snapshot()->GetStored(doc, &sd).ok());
    return sd.blob;
  }
  std::string Id(uint32_t doc) const {
    index::StoredDocument sd;
    EXPECT_TRUE(searcher_->snapshot()->GetStored(doc, &sd).ok());
    return sd.id;
  }
  // The stems of the stored text.
  std::vector<std::string> Stems(uint32_t doc) const {
    text::AnalyzedText t;
    EXPECT_TRUE(analyzer_.Analyze(Stored(doc), &t).ok());
    std::vector<std::string> out;
    for (const text::Token& tok : t.tokens()) out.emplace_back(tok.stem);
    return out;
  }
  bool HasStem(uint32_t doc, std::string_view word) const {
    const std::string stem = text::StemWord(text::NormalizeWord(word));
    for (const std::string& s : Stems(doc)) {
      if (s == stem) return true;
    }
    return false;
  }
  const Searcher& searcher() const { return *searcher_; }
  const text::Analyzer& analyzer() const { return analyzer_; }

 private:
  text::Analyzer analyzer_;
  std::unique_ptr<base::Env> env_;
  std::unique_ptr<index::IndexWriter> writer_;
  std::unique_ptr<Searcher> searcher_;
};

class NewsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string path = SharedDir() + "/data/news/ant_multisource_sample_2018-05-08_09.jsonl";
    std::ifstream in(path);
    if (!in) return;
    std::string line;
    while (std::getline(in, line)) {
      Result<base::JsonValue> v = base::ParseJson(line);
      ASSERT_TRUE(v.ok());
      Article a;
      auto str = [&](const char* k) {
        const base::JsonValue* f = v->Find(k);
        return f != nullptr && f->is_string() ? f->string_value() : std::string();
      };
      a.id = str("id");
      a.title = str("title");
      a.body = str("body");
      a.source = str("source");
      a.date = ParseDate(str("date"));
      articles_->push_back(std::move(a));
    }
    corpus_ = new Corpus();
    corpus_->Build(*articles_);
  }
  static void TearDownTestSuite() {
    delete corpus_;
    corpus_ = nullptr;
  }
  void SetUp() override {
    if (corpus_ == nullptr) {
      GTEST_SKIP() << "shared/data/news/ant_multisource_sample_2018-05-08_09.jsonl not found "
                      "(set RASD_SHARED_DIR)";
    }
  }
  static inline Corpus* corpus_ = nullptr;
  static inline std::vector<Article>* articles_ = new std::vector<Article>();
};

TEST_F(NewsTest, WordRanksArticlesAboutIt) {
  SearchResponse r = corpus_->Search("إيران");
  ASSERT_EQ(r.hits.size(), 10u);
  for (const Hit& h : r.hits) EXPECT_TRUE(corpus_->HasStem(h.doc, "إيران")) << corpus_->Stored(h.doc);
  // The best hits name Iran in the title.
  for (size_t i = 0; i < 3; ++i) {
    const std::string stored = corpus_->Stored(r.hits[i].doc);
    const std::string title = stored.substr(0, stored.find('\n'));
    EXPECT_NE(text::NormalizeWord(title).find("ايران"), std::string::npos) << title;
  }
  for (size_t i = 1; i < r.hits.size(); ++i) EXPECT_GE(r.hits[i - 1].score, r.hits[i].score);
  EXPECT_GE(r.total, 10u);
}

TEST_F(NewsTest, PhraseMatchesOnlyThePhrase) {
  SearchRequest req;
  req.query = "\"الاتفاق النووي\"";
  req.limit = 1000;
  req.facets = true;
  SearchResponse phrase = corpus_->Search(req);
  ASSERT_GT(phrase.hits.size(), 20u);
  EXPECT_EQ(phrase.total, phrase.hits.size());
  const std::string a = text::StemWord(text::NormalizeWord("الاتفاق"));
  const std::string b = text::StemWord(text::NormalizeWord("النووي"));
  for (const Hit& h : phrase.hits) {
    // The title and body are analysed separately; check each.
    const std::string stored = corpus_->Stored(h.doc);
    bool found = false;
    for (std::string_view part : {std::string_view(stored).substr(0, stored.find('\n')),
                                  std::string_view(stored).substr(stored.find('\n') + 1)}) {
      text::AnalyzedText t;
      ASSERT_TRUE(corpus_->analyzer().Analyze(part, &t).ok());
      for (size_t i = 0; i + 1 < t.size(); ++i) {
        found = found || (t[i].stem == a && t[i + 1].stem == b);
      }
    }
    EXPECT_TRUE(found) << stored;
  }
  // The words without quotes match more.
  req.query = "الاتفاق النووي";
  EXPECT_GT(corpus_->Search(req).total, phrase.total);
}

TEST_F(NewsTest, ExclusionExcludes) {
  SearchRequest req;
  req.query = "إيران -ترامب";
  req.limit = 1000;
  req.facets = true;
  SearchResponse r = corpus_->Search(req);
  ASSERT_GT(r.hits.size(), 5u);
  for (const Hit& h : r.hits) EXPECT_FALSE(corpus_->HasStem(h.doc, "ترامب"));
  req.query = "إيران";
  EXPECT_GT(corpus_->Search(req).total, r.total);
}

TEST_F(NewsTest, SourceFilterFilters) {
  SearchRequest req;
  req.query = "إيران source:\"Sky News Arabia\"";
  req.limit = 1000;
  SearchResponse r = corpus_->Search(req);
  ASSERT_GT(r.hits.size(), 5u);
  std::set<std::string> ids;
  for (const Article& a : *articles_) {
    if (a.source == "Sky News Arabia") ids.insert(a.id);
  }
  for (const Hit& h : r.hits) EXPECT_TRUE(ids.count(corpus_->Id(h.doc))) << corpus_->Id(h.doc);
  // Outlet names are matched leniently: case and partial names.
  req.query = "إيران source:\"sky news\"";
  EXPECT_EQ(corpus_->Search(req).hits.size(), r.hits.size());
  // The request's filter and -source: work too.
  req.query = "إيران";
  req.sources = {"Sky News Arabia"};
  EXPECT_EQ(corpus_->Search(req).hits.size(), r.hits.size());
  req.sources.clear();
  req.query = "إيران -source:\"Sky News Arabia\"";
  for (const Hit& h : corpus_->Search(req).hits) EXPECT_FALSE(ids.count(corpus_->Id(h.doc)));
  req.query = "إيران source:\"No Such Outlet\"";
  EXPECT_EQ(corpus_->Search(req).total, 0u);
}

TEST_F(NewsTest, DateRangeFilters) {
  SearchRequest req;
  req.query = "إيران date:2018-05-08";
  req.limit = 1000;
  req.facets = true;
  SearchResponse r = corpus_->Search(req);
  ASSERT_GT(r.hits.size(), 5u);
  const int64_t from = 1525737600, to = from + 86399;  // 2018-05-08 UTC
  std::map<std::string, int64_t> dates;
  for (const Article& a : *articles_) dates[a.id] = a.date.value_or(-1);
  for (const Hit& h : r.hits) {
    const int64_t d = dates[corpus_->Id(h.doc)];
    EXPECT_GE(d, from);
    EXPECT_LE(d, to);
  }
  ASSERT_EQ(r.facets["day"].size(), 1u);
  EXPECT_EQ(r.facets["day"][0].value, "2018-05-08");
  req.query = "إيران date:2018-05-09..";
  for (const Hit& h : corpus_->Search(req).hits) EXPECT_GT(dates[corpus_->Id(h.doc)], to);
  req.query = "إيران";
  req.to = to;
  for (const Hit& h : corpus_->Search(req).hits) EXPECT_LE(dates[corpus_->Id(h.doc)], to);
}

TEST_F(NewsTest, FacetsCountEveryMatch) {
  SearchRequest req;
  req.query = "النووي";
  req.facets = true;
  SearchResponse r = corpus_->Search(req);
  EXPECT_TRUE(r.total_is_exact);
  uint64_t by_source = 0, by_day = 0;
  for (const FacetCount& c : r.facets["source"]) by_source += c.count;
  for (const FacetCount& c : r.facets["day"]) by_day += c.count;
  EXPECT_EQ(by_source, r.total);  // every sample article has a source and a date
  EXPECT_EQ(by_day, r.total);
  ASSERT_EQ(r.facets["day"].size(), 2u);
  EXPECT_LT(r.facets["day"][0].value, r.facets["day"][1].value);
  // Without facets the total may be a lower bound, never more.
  req.facets = false;
  SearchResponse fast = corpus_->Search(req);
  EXPECT_LE(fast.total, r.total);
  if (fast.total_is_exact) {
    EXPECT_EQ(fast.total, r.total);
  }
  ASSERT_EQ(fast.hits.size(), r.hits.size());
  for (size_t i = 0; i < r.hits.size(); ++i) EXPECT_EQ(fast.hits[i].doc, r.hits[i].doc);
}

TEST_F(NewsTest, SortingAndPaging) {
  SearchRequest req;
  req.query = "إيران";
  req.sort = SortOrder::kNewest;
  req.limit = 50;
  SearchResponse r = corpus_->Search(req);
  std::map<std::string, int64_t> dates;
  for (const Article& a : *articles_) dates[a.id] = a.date.value_or(-1);
  for (size_t i = 1; i < r.hits.size(); ++i) {
    EXPECT_GE(dates[corpus_->Id(r.hits[i - 1].doc)], dates[corpus_->Id(r.hits[i].doc)]);
  }
  req.sort = SortOrder::kOldest;
  r = corpus_->Search(req);
  for (size_t i = 1; i < r.hits.size(); ++i) {
    EXPECT_LE(dates[corpus_->Id(r.hits[i - 1].doc)], dates[corpus_->Id(r.hits[i].doc)]);
  }
  req.sort = SortOrder::kRelevance;
  req.limit = 20;
  const SearchResponse all = corpus_->Search(req);
  req.offset = 10;
  req.limit = 10;
  const SearchResponse page2 = corpus_->Search(req);
  ASSERT_EQ(page2.hits.size(), 10u);
  for (size_t i = 0; i < 10; ++i) EXPECT_EQ(page2.hits[i].doc, all.hits[10 + i].doc);
  req.offset = 100000;
  req.limit = 10;
  EXPECT_FALSE(corpus_->searcher().Search(req).ok());
}

TEST_F(NewsTest, EmptyQueryBrowsesNewestFirst) {
  SearchRequest req;
  req.query = "";
  req.facets = true;
  SearchResponse r = corpus_->Search(req);
  EXPECT_EQ(r.total, articles_->size());
  EXPECT_EQ(r.hits.size(), 10u);
  req.query = "source:\"BBC Arabic\"";
  r = corpus_->Search(req);
  EXPECT_EQ(r.total, 37u);
  ASSERT_EQ(r.facets["source"].size(), 1u);
  EXPECT_EQ(r.facets["source"][0].value, "BBC Arabic");
  // A query of which nothing searchable is left is not a blank one: it finds nothing (it
  // browsed every article) and says why.
  for (const char* text : {"~~~~", "-\"", "...", "\xD8", "title:"}) {
    req.query = text;
    r = corpus_->Search(req);
    EXPECT_EQ(r.total, 0u) << text;
    EXPECT_TRUE(r.hits.empty()) << text;
    bool said = false;
    for (const QueryWarning& w : r.warnings) said = said || w.message.find("nothing") == 0;
    EXPECT_TRUE(said) << text;
  }
  req.query = "  ";
  EXPECT_EQ(corpus_->Search(req).total, articles_->size());
}

TEST_F(NewsTest, SpellingVariantsOfNames) {
  // AlArabiya writes ترمب, the other outlets ترامب: the minority spelling expands.
  SearchRequest req;
  req.query = "ترمب";
  req.limit = 200;
  SearchResponse r = corpus_->Search(req);
  bool expanded = false;
  for (const Expansion& e : r.expansions) expanded = expanded || e.variant == "ترامب";
  EXPECT_TRUE(expanded);
  // Documents with the typed spelling come first.
  ASSERT_GT(r.hits.size(), 30u);
  EXPECT_TRUE(corpus_->HasStem(r.hits[0].doc, "ترمب"));
  size_t only_variant = 0;
  for (const Hit& h : r.hits) only_variant += !corpus_->HasStem(h.doc, "ترمب");
  EXPECT_GT(only_variant, 20u);
  // The common spelling does not expand without ~.
  req.query = "ترامب";
  r = corpus_->Search(req);
  EXPECT_TRUE(r.expansions.empty());
  req.query = "ترامب~";
  r = corpus_->Search(req);
  EXPECT_FALSE(r.expansions.empty());
}

TEST_F(NewsTest, ConcurrentSearchesAgree) {
  // Source filters too: their bitmaps are shared between threads through the Searcher's
  // FilterCache.
  const std::vector<std::string> queries = {"إيران", "\"الاتفاق النووي\"", "ترمب", "ليفربول صلاح",
                                            "النفط -إيران", "date:2018-05-09 السعودية",
                                            "إيران source:\"Sky News Arabia\"",
                                            "النفط -source:\"Sky News Arabia\""};
  std::vector<std::vector<uint32_t>> expected;
  for (const std::string& q : queries) {
    std::vector<uint32_t> docs;
    for (const Hit& h : corpus_->Search(q).hits) docs.push_back(h.doc);
    expected.push_back(docs);
  }
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 30; ++i) {
        const size_t q = (i + t) % queries.size();
        SearchRequest req;
        req.query = queries[q];
        Result<SearchResponse> r = corpus_->searcher().Search(req);
        std::vector<uint32_t> docs;
        if (r.ok()) {
          for (const Hit& h : r->hits) docs.push_back(h.doc);
        }
        if (docs != expected[q]) ++mismatches;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST_F(NewsTest, SnippetsHighlightOriginalBytes) {
  SearchResponse r = corpus_->Search("روحاني");
  ASSERT_FALSE(r.hits.empty());
  const std::string stored = corpus_->Stored(r.hits[0].doc);
  const std::string body = stored.substr(stored.find('\n') + 1);
  std::vector<SnippetPart> parts = corpus_->searcher().Snippet(r, body, 200);
  std::string joined;
  bool highlighted = false;
  for (const SnippetPart& p : parts) {
    joined += p.text;
    if (p.highlighted) {
      highlighted = true;
      EXPECT_NE(body.find(p.text), std::string::npos);
      EXPECT_NE(text::NormalizeWord(p.text).find("روحاني"), std::string::npos) << p.text;
    }
  }
  EXPECT_TRUE(highlighted);
  EXPECT_LE(joined.size(), 200u + 2 * std::string("…").size() + 16);
}

TEST_F(NewsTest, StrictModeErrorsCarryTheColumn) {
  SearchRequest req;
  req.query = "إيران \"النووي";
  req.strict = true;
  Result<SearchResponse> r = corpus_->searcher().Search(req);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsInvalidArgument());
  EXPECT_EQ(r.status().message().rfind("column 7:", 0), 0u) << r.status().message();
  req.strict = false;
  r = corpus_->searcher().Search(req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->warnings.size(), 1u);
  EXPECT_FALSE(r->hits.empty());
}

TEST(SearcherTest, UnseenSpellingFindsTheIndexedOne) {
  Corpus corpus;
  std::vector<Article> articles = {
      {"a", "الرئيس الكازاخي توكايف يزور موسكو", "قال الرئيس قاسم جومارت توكايف إن ...", "x", 1},
      {"b", "توكايف في بكين", "وصل توكايف إلى بكين.", "x", 2},
      {"c", "تكيف الاقتصاد مع الأزمة", "تكيف الأسواق مع الأسعار", "x", 3},
      {"d", "بوتشيتينو يمدد عقده", "المدرب ماوريسيو بوتشيتينو", "y", 4},
      {"e", "خبر آخر", "لا شيء هنا", "y", 5}};
  corpus.Build(articles);
  SearchResponse r = corpus.Search("توكاييف");
  ASSERT_EQ(r.hits.size(), 2u);
  std::set<std::string> ids = {corpus.Id(r.hits[0].doc), corpus.Id(r.hits[1].doc)};
  EXPECT_EQ(ids, (std::set<std::string>{"a", "b"}));  // not the unrelated تكيف
  ASSERT_EQ(r.expansions.size(), 1u);
  EXPECT_EQ(r.expansions[0].original, "توكاييف");
  EXPECT_EQ(r.expansions[0].variant, "توكايف");
  EXPECT_LT(r.expansions[0].weight, 1.0);
  r = corpus.Search("بوكيتينو");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(corpus.Id(r.hits[0].doc), "d");
  r = corpus.Search("جورمات");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(corpus.Id(r.hits[0].doc), "a");
  // Expansion can be turned off.
  SearchRequest req;
  req.query = "توكاييف";
  req.expand_variants = false;
  EXPECT_TRUE(corpus.Search(req).hits.empty());
  // The snippet highlights the variant.
  r = corpus.Search("توكاييف");
  std::vector<SnippetPart> parts = corpus.searcher().Snippet(r, "وصل توكايف إلى بكين.");
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[1].text, "توكايف");
  EXPECT_TRUE(parts[1].highlighted);
}

TEST(SearcherTest, ExactFormRanksAboveStemOnlyMatch) {
  Corpus corpus;
  // Same length, same stem; only "b" has the exact surface form of the query.
  corpus.Build({{"a", "", "قرأ الطالب كتابه الجديد", "x", 1},
                {"b", "", "قرأ الطالب الكتاب الجديد", "x", 2}});
  SearchResponse r = corpus.Search("الكتاب");
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(corpus.Id(r.hits[0].doc), "b");
  EXPECT_GT(r.hits[0].score, r.hits[1].score);
  r = corpus.Search("كتابه");
  EXPECT_EQ(corpus.Id(r.hits[0].doc), "a");
}

TEST(SearcherTest, TitleMatchRanksAboveBodyMatch) {
  Corpus corpus;
  corpus.Build({{"a", "أخبار اليوم", "انتخابات لبنان تنتهي اليوم", "x", 1},
                {"b", "انتخابات لبنان", "أخبار اليوم تنتهي هنا", "x", 2}});
  SearchResponse r = corpus.Search("انتخابات");
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(corpus.Id(r.hits[0].doc), "b");
  r = corpus.Search("title:انتخابات");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(corpus.Id(r.hits[0].doc), "b");
  r = corpus.Search("body:انتخابات");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(corpus.Id(r.hits[0].doc), "a");
}

TEST(SearcherTest, PhrasesWithStopwordsKeepTheirPositions) {
  Corpus corpus;
  corpus.Build({{"a", "", "رئيس الوزراء في العراق", "x", 1},
                {"b", "", "رئيس الوزراء من العراق", "x", 2},
                {"c", "", "العراق في رئيس الوزراء", "x", 3}});
  SearchResponse r = corpus.Search("\"الوزراء في العراق\"");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(corpus.Id(r.hits[0].doc), "a");
  // A one-word phrase asks for the exact form.
  r = corpus.Search("\"الوزراء\"");
  EXPECT_EQ(r.hits.size(), 3u);
  r = corpus.Search("\"وزراء\"");
  EXPECT_EQ(r.hits.size(), 0u);
  // Only stopwords: searched as written.
  r = corpus.Search("من");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(corpus.Id(r.hits[0].doc), "b");
}

// Indexes written before the .stop fields kept every token, stopwords included, with its
// position in the .exact fields; phrases with stopwords and stopwords alone still match there.
TEST(SearcherTest, PhrasesWithStopwordsOnTheEarlierLayout) {
  auto env = base::NewMemEnv();
  index::IndexWriterOptions options;
  options.use_log = false;
  auto writer = index::IndexWriter::Open(env.get(), "/idx", options).value();
  text::Analyzer analyzer;
  text::AnalyzedText t;
  index::IndexDocument doc;
  const std::vector<std::pair<std::string, std::string>> articles = {
      {"a", "رئيس الوزراء في العراق"}, {"b", "رئيس الوزراء من العراق"}};
  for (const auto& [id, body] : articles) {
    doc.Clear();
    doc.set_id(id);
    ASSERT_TRUE(analyzer.Analyze(body, &t).ok());
    const size_t stem = doc.AddTextField(kBodyField);
    const size_t exact = doc.AddTextField(kBodyExactField);  // with positions
    for (const text::Token& tok : t.tokens()) {
      if (!tok.stop) doc.AddToken(stem, tok.stem, tok.position);
      doc.AddToken(exact, tok.norm, tok.position);
    }
    doc.set_stored(body);
    ASSERT_TRUE(writer->AddDocument(doc).ok());
  }
  ASSERT_TRUE(writer->Commit().ok());
  Searcher searcher(writer->Snapshot(), analyzer);
  SearchRequest r;
  r.query = "\"الوزراء في العراق\"";
  Result<SearchResponse> res = searcher.Search(r);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  ASSERT_EQ(res->hits.size(), 1u);
  index::StoredDocument sd;
  ASSERT_TRUE(searcher.snapshot()->GetStored(res->hits[0].doc, &sd).ok());
  EXPECT_EQ(sd.id, "a");
  // A stopword searched alone is found in the .exact field there.
  r.query = "من";
  res = searcher.Search(r);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  ASSERT_EQ(res->hits.size(), 1u);
  ASSERT_TRUE(searcher.snapshot()->GetStored(res->hits[0].doc, &sd).ok());
  EXPECT_EQ(sd.id, "b");
}

TEST(SearcherTest, AndOperatorRequiresEveryWord) {
  Corpus corpus;
  corpus.Build({{"a", "", "ليفربول يفوز", "x", 1},
                {"b", "", "صلاح يسجل", "x", 2},
                {"c", "", "صلاح يقود ليفربول", "x", 3}});
  SearchRequest req;
  req.query = "ليفربول صلاح";
  EXPECT_EQ(corpus.Search(req).hits.size(), 3u);
  req.default_operator = Operator::kAnd;
  SearchResponse r = corpus.Search(req);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(corpus.Id(r.hits[0].doc), "c");
  req.query = "ليفربول OR صلاح";
  EXPECT_EQ(corpus.Search(req).hits.size(), 3u);
  req.query = "ليفربول غير_موجودة";
  EXPECT_EQ(corpus.Search(req).hits.size(), 0u);
}

TEST(SearcherTest, PrefixExpandsThroughTheDictionary) {
  Corpus corpus;
  corpus.Build({{"a", "", "الاقتصاد ينمو", "x", 1},
                {"b", "", "الاقتصادية تتحسن", "x", 2},
                {"c", "", "الاقتراض يرتفع", "x", 3}});
  SearchResponse r = corpus.Search("الاقتصا*");
  EXPECT_EQ(r.hits.size(), 2u);
  r = corpus.Search("الاقت*");
  EXPECT_EQ(r.hits.size(), 3u);
  std::vector<SnippetPart> parts = corpus.searcher().Highlight(r, "الاقتراض يرتفع");
  ASSERT_FALSE(parts.empty());
  EXPECT_TRUE(parts[0].highlighted);
}

}  // namespace
}  // namespace rasd::search
