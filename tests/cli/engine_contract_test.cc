// The engine's command-line contract (issue 3), run against the built `rasd` binary:
// `index` (files, directories, stdin, bad records with file:line, --strict, replacement),
// `search` (text, --json shape and highlight ranges, --limit, --batch trec), `get`, `delete`,
// `stats`, `check` on a good and a corrupted index, and the real news corpora end to end.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "rasd/base/json.h"
#include "run_command.h"

namespace rasd {
namespace {

namespace fs = std::filesystem;
using testing::RunCommand;
using testing::Lines;
using testing::ShellQuote;

const std::string kRasd = RASD_BIN;

base::JsonValue ParseLine(const std::string& line) {
  auto v = base::ParseJson(line);
  EXPECT_TRUE(v.ok()) << v.status().ToString() << " in: " << line;
  return v.ok() ? *v : base::JsonValue();
}

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// Articles written for these tests: the seed's names in several spellings and with clitics.
constexpr char kArticles[] =
    R"({"id":"a1","title":"المرشد يستقبل الرئيس توكايف","body":"استقبل قائد الثورة الإسلامية علي الخامنئي رئيسَ كازاخستان قاسم جومارت توكايف في طهران.","source":"وكالة مهر","date":"2022-11-28"})"
    "\n"
    R"({"id":"a2","title":"رسالة للخامنئي","body":"وجّه الرئيسُ رسالةً للخامنئي حول الاتفاق النووي، وقال إن الحوار مستمر.","source":"الجزيرة","date":"2022-11-29T10:00:00Z"})"
    "\n"
    R"({"id":"a3","title":"أسعار النفط","body":"ارتفعت أسعار النفط في الأسواق العالمية اليوم بعد قرار أوبك.","source":"الجزيرة","date":"2022-11-30","unknown_field":"kept"})"
    "\n";

class EngineContractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rasd_engine_contract_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    index_ = (dir_ / "idx").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  testing::CommandResult Rasd(const std::string& args, const std::string& input = "") {
    return RunCommand(kRasd + " " + args, input);
  }
  std::string Index() const { return "--index " + ShellQuote(index_); }

  // Indexes kArticles and returns the result of `rasd index`.
  testing::CommandResult IndexArticles() {
    WriteFile(dir_ / "a.jsonl", kArticles);
    return Rasd("index " + Index() + " " + ShellQuote((dir_ / "a.jsonl").string()));
  }

  // `rasd search --batch` of the query lines `tsv`, top 10 as a TREC run.
  testing::CommandResult SearchBatch(const std::string& tsv) {
    WriteFile(dir_ / "q.tsv", tsv);
    return Rasd("search " + Index() + " --batch " + ShellQuote((dir_ / "q.tsv").string()) +
                " --limit 10 --format trec");
  }

  std::vector<std::string> SearchIds(const std::string& query) {
    auto r = Rasd("search " + Index() + " --json " + ShellQuote(query));
    EXPECT_EQ(r.exit_status, 0) << r.err;
    std::vector<std::string> ids;
    for (const auto& line : Lines(r.out)) ids.push_back(ParseLine(line).Find("id")->string_value());
    return ids;
  }

  fs::path dir_;
  std::string index_;
};

TEST_F(EngineContractTest, IndexThenSearchJsonShape) {
  auto r = IndexArticles();
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(r.err.find("3 articles indexed"), std::string::npos) << r.err;

  auto s = Rasd("search " + Index() + " --json الخامنئي");
  ASSERT_EQ(s.exit_status, 0) << s.err;
  auto lines = Lines(s.out);
  ASSERT_EQ(lines.size(), 2u) << s.out;  // الخامنئي and للخامنئي, not the oil article
  for (const auto& line : lines) {
    auto hit = ParseLine(line);
    for (const char* key : {"id", "title", "source", "date", "snippet"}) {
      ASSERT_NE(hit.Find(key), nullptr) << key << " missing in " << line;
      EXPECT_TRUE(hit.Find(key)->is_string()) << key;
    }
    ASSERT_NE(hit.Find("score"), nullptr);
    EXPECT_GT(hit.Find("score")->number_value(), 0);
    // Every highlight is a byte range of the snippet holding the name with its clitic, as
    // written in the article.
    const std::string snippet = hit.Find("snippet")->string_value();
    const auto& highlights = hit.Find("highlights")->array_items();
    ASSERT_FALSE(highlights.empty()) << line;
    for (const auto& h : highlights) {
      const auto start = static_cast<size_t>(h.array_items()[0].number_value());
      const auto end = static_cast<size_t>(h.array_items()[1].number_value());
      ASSERT_LT(start, end);
      ASSERT_LE(end, snippet.size());
      const std::string word = snippet.substr(start, end - start);
      EXPECT_NE(word.find("خامنئي"), std::string::npos) << word;
    }
  }
  std::map<std::string, std::string> dates;
  for (const auto& line : lines) {
    auto hit = ParseLine(line);
    dates[hit.Find("id")->string_value()] = hit.Find("date")->string_value();
  }
  EXPECT_EQ(dates["a1"], "2022-11-28");
  EXPECT_EQ(dates["a2"].substr(0, 10), "2022-11-29");
}

TEST_F(EngineContractTest, ArabicAwareMatchingAndQueryLanguage) {
  ASSERT_EQ(IndexArticles().exit_status, 0);
  // A spelling variant of a foreign name finds the article (توكاييف → توكايف).
  EXPECT_EQ(SearchIds("توكاييف"), std::vector<std::string>{"a1"});
  // Diacritics in the query do not matter.
  EXPECT_EQ(SearchIds("النِّفْط"), std::vector<std::string>{"a3"});
  // Exclusion, phrases in both quote styles, fields, dates and a hostile query.
  EXPECT_EQ(SearchIds("الخامنئي -طهران"), std::vector<std::string>{"a2"});
  EXPECT_EQ(SearchIds("\"قاسم جومارت\""), std::vector<std::string>{"a1"});
  EXPECT_EQ(SearchIds("«الاتفاق النووي»"), std::vector<std::string>{"a2"});
  EXPECT_EQ(SearchIds("source:الجزيرة النفط"), std::vector<std::string>{"a3"});
  EXPECT_EQ(SearchIds("الخامنئي date:2022-11-28..2022-11-28"), std::vector<std::string>{"a1"});
  auto hostile = Rasd("search " + Index() + " " + ShellQuote("\"(( OR -- date:x..y «"));
  EXPECT_EQ(hostile.exit_status, 0) << hostile.err;
}

TEST_F(EngineContractTest, LimitAndTextOutput) {
  ASSERT_EQ(IndexArticles().exit_status, 0);
  auto limited = Rasd("search " + Index() + " --json --limit 1 الخامنئي");
  ASSERT_EQ(limited.exit_status, 0) << limited.err;
  EXPECT_EQ(Lines(limited.out).size(), 1u);
  auto text = Rasd("search " + Index() + " الخامنئي");
  ASSERT_EQ(text.exit_status, 0) << text.err;
  EXPECT_NE(text.out.find("1. "), std::string::npos);
  EXPECT_NE(text.out.find("2 matching articles"), std::string::npos) << text.out;
}

TEST_F(EngineContractTest, BatchPrintsATrecRun) {
  ASSERT_EQ(IndexArticles().exit_status, 0);
  auto r = SearchBatch("q1\tالخامنئي\nq2\tالنفط\nq3\tكلمةغيرموجودة\n");
  ASSERT_EQ(r.exit_status, 0) << r.err;
  auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  std::map<std::string, std::vector<std::string>> ranked;
  for (const auto& line : lines) {
    std::istringstream in(line);
    std::string qid, q0, doc, tag;
    int rank = 0;
    double score = 0;
    ASSERT_TRUE(in >> qid >> q0 >> doc >> rank >> score >> tag) << line;
    EXPECT_EQ(q0, "Q0");
    EXPECT_EQ(tag, "rasd");
    EXPECT_EQ(rank, static_cast<int>(ranked[qid].size()) + 1);
    ranked[qid].push_back(doc);
  }
  EXPECT_EQ(ranked["q1"].size(), 2u);
  EXPECT_EQ(ranked["q2"], std::vector<std::string>{"a3"});
  EXPECT_EQ(ranked.count("q3"), 0u);
}

// An id or qid with white space would break a run line's six fields: white space and '%'
// are written as %XX, and rasd eval reads them back from a qrels file.
TEST_F(EngineContractTest, TrecRunEscapesWhiteSpaceInIds) {
  WriteFile(dir_ / "s.jsonl", R"({"id":"a b%","title":"النفط","body":"ارتفع سعر النفط اليوم"})"
                              "\n");
  ASSERT_EQ(Rasd("index " + Index() + " " + ShellQuote((dir_ / "s.jsonl").string())).exit_status, 0);
  auto r = SearchBatch("q 1\tالنفط\n");
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 1u) << r.out;
  EXPECT_EQ(lines[0].rfind("q%201 Q0 a%20b%25 1 ", 0), 0u) << lines[0];
  WriteFile(dir_ / "qrels", "q%201 0 a%20b%25 1\n");
  auto eval = Rasd("eval " + Index() + " --queries " +
                   ShellQuote((dir_ / "q.tsv").string()) + " --qrels " +
                   ShellQuote((dir_ / "qrels").string()));
  ASSERT_EQ(eval.exit_status, 0) << eval.err;
  EXPECT_NE(eval.out.find("MAP 1.0000"), std::string::npos) << eval.out;
}

// --offset takes what the engine can page to (offset + limit at most 100,000): the flag's
// own range said 1,000,000 and the search then failed. --from after --to is an error.
TEST_F(EngineContractTest, OffsetAndDateFlagsAreChecked) {
  ASSERT_EQ(IndexArticles().exit_status, 0);
  auto r = Rasd("search " + Index() + " --offset 1000000 النفط");
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("[0, 99990]"), std::string::npos) << r.err;
  auto deep = Rasd("search " + Index() + " --offset 99990 النفط");
  EXPECT_EQ(deep.exit_status, 0) << deep.err;
  // A date window that ends before it starts is refused, as the API refuses it.
  auto reversed = Rasd("search " + Index() + " --from 2018-05-09 --to 2018-05-01 النفط");
  EXPECT_EQ(reversed.exit_status, 2);
  EXPECT_NE(reversed.err.find("--to is earlier than --from"), std::string::npos) << reversed.err;
}

// Lines that hold no query are skipped with their line number, never answered: an empty
// query browses every article at score 0, which a run would count as answers.
TEST_F(EngineContractTest, BatchSkipsEmptyAndInvalidQueries) {
  ASSERT_EQ(IndexArticles().exit_status, 0);
  // Also an empty qid (its rows would start with a space, shifting the run's columns) and a
  // qid given again (two lists ranked under one qid).
  auto r = SearchBatch("q1\tالنفط\nq2\t\xff\xfe\nq3\t  \nnotab\n\tالنفط\nq1\tالنفط\n");
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 1u) << r.out;
  EXPECT_EQ(lines[0].rfind("q1 Q0 a3 1 ", 0), 0u) << lines[0];
  EXPECT_NE(r.err.find("q.tsv:2: invalid UTF-8 at byte 0, skipped"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("q.tsv:3: empty query, skipped"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("q.tsv:4: expected qid<TAB>query, skipped"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("q.tsv:5: empty qid, skipped"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("q.tsv:6: qid 'q1' is given already on line 1, skipped"),
            std::string::npos)
      << r.err;
}

// `rasd eval --from-run A --baseline B`: per-metric mean differences and the paired test's
// p-values, from two runs that differ in a known way.
// A qid given twice is an error naming both lines: the metrics are kept per qid, and the
// second query was printed with the first one's scores.
TEST_F(EngineContractTest, EvalRefusesAQidGivenTwice) {
  ASSERT_EQ(IndexArticles().exit_status, 0);
  WriteFile(dir_ / "q.tsv", "q1\tالنفط\nq2\tالخامنئي\nq1\tأخرى\n");
  WriteFile(dir_ / "qrels", "q1 0 a3 1\n");
  auto r = Rasd("eval " + Index() + " --queries " + ShellQuote((dir_ / "q.tsv").string()) +
                " --qrels " + ShellQuote((dir_ / "qrels").string()));
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_NE(r.err.find("q.tsv:3: qid q1 was given already on line 1"), std::string::npos) << r.err;
}

TEST_F(EngineContractTest, EvalComparesARunWithABaseline) {
  std::string queries, qrels, better, worse;
  for (int i = 0; i < 40; ++i) {
    const std::string q = "q" + std::to_string(i);
    queries += q + "\tسؤال\n";
    qrels += q + " 0 rel" + std::to_string(i) + " 1\n";
    better += q + " Q0 rel" + std::to_string(i) + " 1 2.0 a\n" + q + " Q0 other 2 1.0 a\n";
    // The baseline puts the relevant document second on 30 queries: RR 0.5 there.
    const bool second = i < 30;
    worse += q + " Q0 " + (second ? "other" : "rel" + std::to_string(i)) + " 1 2.0 b\n" + q +
             " Q0 " + (second ? "rel" + std::to_string(i) : "other") + " 2 1.0 b\n";
  }
  WriteFile(dir_ / "q.tsv", queries);
  WriteFile(dir_ / "qrels", qrels);
  WriteFile(dir_ / "better.run", better);
  WriteFile(dir_ / "worse.run", worse);
  const std::string files = " --queries " + ShellQuote((dir_ / "q.tsv").string()) +
                            " --qrels " + ShellQuote((dir_ / "qrels").string());
  const std::string better_run = ShellQuote((dir_ / "better.run").string());
  const std::string worse_run = ShellQuote((dir_ / "worse.run").string());

  auto r = Rasd("eval --from-run " + better_run + " --baseline " + worse_run + files +
                " --trials 2000 --json");
  ASSERT_EQ(r.exit_status, 0) << r.err;
  auto doc = ParseLine(r.out);
  EXPECT_DOUBLE_EQ(doc.Find("mrr@10")->number_value(), 1.0);
  const base::JsonValue* base = doc.Find("baseline");
  ASSERT_NE(base, nullptr) << r.out;
  EXPECT_EQ(base->Find("trials")->number_value(), 2000);
  const base::JsonValue* mrr = base->Find("mrr@10");
  ASSERT_NE(mrr, nullptr);
  EXPECT_DOUBLE_EQ(mrr->Find("difference")->number_value(), 30 * 0.5 / 40);
  // Thirty equal wins: only the two assignments with every sign alike are as extreme.
  EXPECT_DOUBLE_EQ(mrr->Find("p")->number_value(), 1.0 / 2001);
  EXPECT_DOUBLE_EQ(base->Find("recall@10")->Find("difference")->number_value(), 0.0);
  EXPECT_DOUBLE_EQ(base->Find("recall@10")->Find("p")->number_value(), 1.0);

  // Against itself: no difference, p = 1; the text summary says what it compared with.
  auto self = Rasd("eval --from-run " + better_run + " --baseline " + better_run + files);
  ASSERT_EQ(self.exit_status, 0) << self.err;
  EXPECT_NE(self.out.find("minus " + (dir_ / "better.run").string()), std::string::npos)
      << self.out;
  EXPECT_NE(self.out.find("MRR@10 +0.0000 (p 1)"), std::string::npos) << self.out;

  auto missing = Rasd("eval --from-run " + better_run + " --baseline " +
                      ShellQuote((dir_ / "none.run").string()) + files);
  EXPECT_EQ(missing.exit_status, 1);
  EXPECT_NE(missing.err.find("none.run"), std::string::npos) << missing.err;
  auto zero = Rasd("eval --from-run " + better_run + " --baseline " + worse_run + files +
                   " --trials 0");
  EXPECT_EQ(zero.exit_status, 2) << zero.err;
}

TEST_F(EngineContractTest, GetDeleteAndReplace) {
  ASSERT_EQ(IndexArticles().exit_status, 0);
  auto got = Rasd("get " + Index() + " a3");
  ASSERT_EQ(got.exit_status, 0) << got.err;
  auto article = ParseLine(got.out);
  EXPECT_EQ(article.Find("id")->string_value(), "a3");
  EXPECT_EQ(article.Find("title")->string_value(), "أسعار النفط");
  EXPECT_EQ(article.Find("source")->string_value(), "الجزيرة");
  auto missing = Rasd("get " + Index() + " nope");
  EXPECT_NE(missing.exit_status, 0);
  EXPECT_NE(missing.err.find("nope"), std::string::npos) << missing.err;

  // Re-indexing an id (here from stdin) replaces the article.
  auto replaced = Rasd("index " + Index() + " -",
                       R"({"id":"a3","title":"الذهب","body":"ارتفع سعر الذهب."})"
                       "\n");
  ASSERT_EQ(replaced.exit_status, 0) << replaced.err;
  EXPECT_TRUE(SearchIds("النفط").empty());
  EXPECT_EQ(SearchIds("الذهب"), std::vector<std::string>{"a3"});

  // An id given twice counts once; one the index does not hold is named.
  auto deleted = Rasd("delete " + Index() + " a2 a2 nope");
  ASSERT_EQ(deleted.exit_status, 0) << deleted.err;
  EXPECT_EQ(deleted.out, "deleted 1 of 2 ids\n");
  EXPECT_EQ(deleted.err, "rasd delete: no article with id 'nope'\n");
  EXPECT_EQ(SearchIds("الخامنئي"), std::vector<std::string>{"a1"});
  EXPECT_NE(Rasd("get " + Index() + " a2").exit_status, 0);
  // A huge id is quoted by its start and its size, not whole.
  auto huge = Rasd("get " + Index() + " " + std::string(100000, 'x'));
  EXPECT_NE(huge.exit_status, 0);
  EXPECT_LT(huge.err.size(), 300u);
  EXPECT_NE(huge.err.find("(100000 bytes)"), std::string::npos) << huge.err;

  auto stats = Rasd("stats " + Index());
  ASSERT_EQ(stats.exit_status, 0) << stats.err;
  EXPECT_NE(stats.out.find("articles   2"), std::string::npos) << stats.out;
}

TEST_F(EngineContractTest, BadRecordsAreReportedWithFileAndLine) {
  WriteFile(dir_ / "mixed.jsonl",
            std::string(R"({"id":"ok1","title":"عنوان","body":"نص الخبر الأول"})") + "\n" +
                "{not json\n" + R"({"title":"بلا معرف"})" + "\n" +
                R"({"id":"empty","title":"","body":""})" + "\n" +
                R"({"id":"ok2","title":"","body":"نص بلا عنوان"})" + "\n");
  const std::string file = (dir_ / "mixed.jsonl").string();
  auto r = Rasd("index " + Index() + " " + ShellQuote(file));
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_NE(r.err.find("mixed.jsonl:2:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("mixed.jsonl:3:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("mixed.jsonl:4:"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("mixed.jsonl:5:"), std::string::npos) << r.err;  // empty title is normal
  EXPECT_EQ(Rasd("get " + Index() + " ok1").exit_status, 0);
  EXPECT_EQ(Rasd("get " + Index() + " ok2").exit_status, 0);

  // --strict stops at the first bad record; the good record before it is not lost silently.
  const std::string strict_index = (dir_ / "strict").string();
  auto strict = Rasd("index --strict --index " + ShellQuote(strict_index) + " " + ShellQuote(file));
  EXPECT_NE(strict.exit_status, 0);
  EXPECT_NE(strict.err.find("mixed.jsonl:2:"), std::string::npos) << strict.err;
  EXPECT_EQ(strict.err.find("mixed.jsonl:3:"), std::string::npos) << strict.err;
}

TEST_F(EngineContractTest, TextHtmlAndDirectories) {
  fs::create_directories(dir_ / "in" / "sub");
  WriteFile(dir_ / "in" / "khabar.txt", "\n\nعنوان الخبر النصي\nنص عن مهرجان الفارابي الثقافي.\n");
  WriteFile(dir_ / "in" / "sub" / "page.html",
            "<html><head><title>صفحة</title><script>var x = 'مخفي';</script></head>"
            "<body><p>مقال عن معرض الكتاب</p></body></html>");
  auto r = Rasd("index " + Index() + " " + ShellQuote((dir_ / "in").string()));
  ASSERT_EQ(r.exit_status, 0) << r.err;
  auto ids = SearchIds("الفارابي");
  ASSERT_EQ(ids.size(), 1u);
  auto got = ParseLine(Rasd("get " + Index() + " " + ShellQuote(ids[0])).out);
  EXPECT_EQ(got.Find("title")->string_value(), "عنوان الخبر النصي");
  EXPECT_EQ(SearchIds("الكتاب").size(), 1u);
  EXPECT_TRUE(SearchIds("مخفي").empty());  // scripts are not article text
}

TEST_F(EngineContractTest, CheckNamesTheCorruptFileAndOffset) {
  ASSERT_EQ(IndexArticles().exit_status, 0);
  auto ok = Rasd("check " + Index());
  EXPECT_EQ(ok.exit_status, 0) << ok.err;
  std::vector<fs::path> segment_files;
  for (const auto& e : fs::directory_iterator(index_)) {
    if (e.path().filename().string().rfind("seg_", 0) == 0) segment_files.push_back(e.path());
  }
  ASSERT_FALSE(segment_files.empty());
  for (const auto& path : segment_files) {
    std::string bytes;
    {
      std::ifstream in(path, std::ios::binary);
      bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    ASSERT_GT(bytes.size(), 8u);
    std::string damaged = bytes;
    damaged[damaged.size() / 2] = static_cast<char>(damaged[damaged.size() / 2] ^ 0x5a);
    WriteFile(path, damaged);
    auto bad = Rasd("check " + Index());
    EXPECT_NE(bad.exit_status, 0) << path;
    EXPECT_NE(bad.err.find(path.filename().string()), std::string::npos) << bad.err;
    EXPECT_NE(bad.err.find("byte"), std::string::npos) << bad.err;
    // Search on a corrupt index reports an error or answers; it never crashes.
    auto s = Rasd("search " + Index() + " الخامنئي");
    EXPECT_TRUE(s.exit_status == 0 || s.exit_status == 1) << s.exit_status << s.err;
    WriteFile(path, bytes);
  }
  // Truncation is reported too.
  const fs::path victim = segment_files.front();
  fs::resize_file(victim, fs::file_size(victim) / 2);
  auto truncated = Rasd("check " + Index());
  EXPECT_NE(truncated.exit_status, 0);
  EXPECT_NE(truncated.err.find(victim.filename().string()), std::string::npos) << truncated.err;
}

// Both real news corpora ingest completely, and the seed's names find articles.
TEST(EngineContractRealDataTest, NewsCorporaIngestCompletely) {
  const fs::path news = fs::path(RASD_SHARED_DIR) / "data" / "news";
  const fs::path ant = news / "ant_multisource_v2.1.jsonl.zst";
  const fs::path saudi = news / "saudinewsnet.jsonl.zst";
  if (!fs::exists(ant) || !fs::exists(saudi)) {
    GTEST_SKIP() << "skipped: the news corpora are not present under " << news;
  }
  const fs::path dir = fs::temp_directory_path() / ("rasd_news_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const std::string index = "--index " + ShellQuote((dir / "idx").string());
  auto r = RunCommand(kRasd + " index --no-extract --no-store " + index + " " +
                      ShellQuote(ant.string()) + " " + ShellQuote(saudi.string()));
  // The only records refused are SaudiNewsNet's 57 with neither title nor body (the data's
  // README documents them); everything else, raw U+2028/U+2029 included, is ingested.
  EXPECT_EQ(r.exit_status, 1);
  size_t refused = 0;
  for (const auto& line : Lines(r.err)) {
    if (line.find(".jsonl.zst:") == std::string::npos) continue;
    ++refused;
    EXPECT_NE(line.find("saudinewsnet.jsonl.zst:"), std::string::npos) << line;
    EXPECT_NE(line.find("neither title nor body has text"), std::string::npos) << line;
  }
  EXPECT_EQ(refused, 57u);
  EXPECT_NE(r.err.find("62498 articles indexed, 57 failed"), std::string::npos)
      << r.err.substr(r.err.size() > 500 ? r.err.size() - 500 : 0);
  auto stats = RunCommand(kRasd + " stats " + index);
  ASSERT_EQ(stats.exit_status, 0);
  // 31,525 ANT articles + 30,973 SaudiNewsNet articles, ids unique across both.
  EXPECT_NE(stats.out.find("articles   62498"), std::string::npos) << stats.out;
  auto found = RunCommand(kRasd + " search " + index + " --json --limit 5 " + ShellQuote("ايران"));
  ASSERT_EQ(found.exit_status, 0) << found.err;
  EXPECT_EQ(Lines(found.out).size(), 5u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace rasd
