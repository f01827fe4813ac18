#include "rasd/ingest/ingester.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>
#include <zstd.h>

#include <filesystem>
#include <fstream>

namespace rasd::ingest {
namespace {

class IngesterTest : public testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/rasd_ingest_test.XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& data) {
    const std::string path = dir_ + "/" + name;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << data;
    return path;
  }

  Ingester Make(IngestOptions options = {}) {
    return Ingester(
        options,
        [this](engine::Article a) {
          ids_.push_back(a.id);
          articles_.push_back(std::move(a));
          return Status::OK();
        },
        [this](const RecordError& e) { errors_.push_back(e.where + ": " + e.reason); });
  }

  std::string dir_;
  std::vector<std::string> ids_;
  std::vector<engine::Article> articles_;
  std::vector<std::string> errors_;
};

TEST_F(IngesterTest, JsonlReportsBadLinesAndKeepsTheRest) {
  const std::string path = Write("a.jsonl",
                                 "{\"id\":\"1\",\"title\":\"أ\",\"body\":\"x\xE2\x80\xA8y\"}\n"
                                 "\n"
                                 "{\"id\":\"2\",\"title\":\n"
                                 "{\"title\":\"بلا معرف\"}\n"
                                 "{\"id\":\"3\",\"title\":\"\",\"body\":\"\"}\n"
                                 "{\"id\":\"4\",\"body\":\"جسم فقط\"}\r\n"
                                 "{\"id\":\"5\",\"title\":\"بلا سطر أخير\"}");
  Ingester ingester = Make();
  ASSERT_TRUE(ingester.Run({path}).ok());
  EXPECT_EQ(ids_, (std::vector<std::string>{"1", "4", "5"}));
  EXPECT_EQ(articles_[0].body, "x\xE2\x80\xA8y");
  ASSERT_EQ(errors_.size(), 3u);
  EXPECT_NE(errors_[0].find("a.jsonl:3: byte"), std::string::npos) << errors_[0];
  EXPECT_NE(errors_[1].find("a.jsonl:4: no id"), std::string::npos) << errors_[1];
  EXPECT_NE(errors_[2].find("a.jsonl:5: neither title nor body"), std::string::npos);
  EXPECT_EQ(ingester.counts().articles, 3u);
  EXPECT_EQ(ingester.counts().failed, 3u);
}

// A byte-order mark opens the file, not a record; one later in the file is an error.
TEST_F(IngesterTest, JsonlByteOrderMarkBeforeTheFirstRecord) {
  const std::string path = Write("bom.jsonl",
                                 "\xEF\xBB\xBF{\"id\":\"1\",\"title\":\"أ\"}\n"
                                 "\xEF\xBB\xBF{\"id\":\"2\",\"title\":\"ب\"}\n");
  Ingester ingester = Make();
  ASSERT_TRUE(ingester.Run({path}).ok());
  EXPECT_EQ(ids_, std::vector<std::string>{"1"});
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_NE(errors_[0].find("bom.jsonl:2: byte 0"), std::string::npos) << errors_[0];
}

// A date that cannot be read is a warning: the article is kept, undated, and counted apart.
TEST_F(IngesterTest, UnreadableDateIsAWarningAndTheArticleIsKept) {
  const std::string path = Write("d.jsonl",
                                 "{\"id\":\"1\",\"title\":\"أ\",\"date\":\"2018-13-01\"}\n"
                                 "{\"id\":\"2\",\"title\":\"ب\",\"date\":\"2018-12-01\"}\n");
  std::vector<ingest::RecordError> reported;
  Ingester ingester(
      IngestOptions{},
      [this](engine::Article a) {
        ids_.push_back(a.id);
        return Status::OK();
      },
      [&](const RecordError& e) { reported.push_back(e); });
  ASSERT_TRUE(ingester.Run({path}).ok());
  EXPECT_EQ(ids_, (std::vector<std::string>{"1", "2"}));
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_TRUE(reported[0].warning);
  EXPECT_NE(reported[0].where.find("d.jsonl:1"), std::string::npos) << reported[0].where;
  EXPECT_NE(reported[0].reason.find("'2018-13-01'"), std::string::npos) << reported[0].reason;
  EXPECT_EQ(ingester.counts().warnings, 1u);
  EXPECT_EQ(ingester.counts().failed, 0u);
}

TEST_F(IngesterTest, StrictStopsAtTheFirstBadRecord) {
  const std::string path = Write("a.jsonl",
                                 "{\"id\":\"1\",\"title\":\"t\"}\nnot json\n"
                                 "{\"id\":\"2\",\"title\":\"t\"}\n");
  IngestOptions options;
  options.strict = true;
  Ingester ingester = Make(options);
  Status s = ingester.Run({path});
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_NE(s.message().find("a.jsonl:2"), std::string::npos);
  EXPECT_EQ(ids_, std::vector<std::string>{"1"});
}

TEST_F(IngesterTest, OverlongRecordIsRejectedWithoutBuffering) {
  std::string big = "{\"id\":\"big\",\"title\":\"" + std::string(5 << 20, 'x') + "\"}\n";
  const std::string path = Write("big.jsonl", big + "{\"id\":\"ok\",\"title\":\"t\"}\n");
  IngestOptions options;
  options.max_record_bytes = 1 << 20;
  Ingester ingester = Make(options);
  ASSERT_TRUE(ingester.Run({path}).ok());
  EXPECT_EQ(ids_, std::vector<std::string>{"ok"});
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_NE(errors_[0].find("big.jsonl:1: record longer than"), std::string::npos) << errors_[0];
}

TEST_F(IngesterTest, ZstdTextHtmlAndDirectories) {
  const std::string jsonl =
      "{\"id\":\"z1\",\"title\":\"مضغوط\"}\n{\"id\":\"z2\",\"body\":\"نص\"}\n";
  std::string compressed(ZSTD_compressBound(jsonl.size()), '\0');
  compressed.resize(
      ZSTD_compress(compressed.data(), compressed.size(), jsonl.data(), jsonl.size(), 3));
  Write("d/1.jsonl.zst", compressed);
  Write("d/sub/seed.txt", "\xEF\xBB\xBF\n\n  العنوان  \nالفقرة الأولى\nالثانية\n");
  Write("d/sub/page.html", "<title>صفحة</title><p>نص الصفحة</p>");
  Write("d/notes.md", "ignored");
  Write("d/.hidden.jsonl", "{\"id\":\"h\",\"title\":\"t\"}");
  Ingester ingester = Make();
  ASSERT_TRUE(ingester.Run({dir_ + "/d"}).ok());
  EXPECT_EQ(ids_, (std::vector<std::string>{"z1", "z2", "page", "seed"}));
  EXPECT_EQ(articles_[3].title, "العنوان");
  EXPECT_EQ(articles_[3].body, "الفقرة الأولى\nالثانية");
  EXPECT_EQ(articles_[2].body, "نص الصفحة");
  EXPECT_EQ(ingester.counts().skipped_files, 1u);
  EXPECT_TRUE(errors_.empty());
}

// Text and HTML files take their ids from their names: two of one run with the same name
// would be one article. The later is a bad record naming both files; the same file given
// twice is read twice (a replacement by the same text), as a JSONL file would be.
TEST_F(IngesterTest, TextFilesWithOneNameAreNotOneArticle) {
  Write("t/a/x.txt", "خبر أول\nعن الأردن");
  Write("t/a/x.html", "<title>عنوان</title><p>خبر ثالث</p>");
  Write("t/b/x.txt", "خبر ثان\nعن مصر");
  Write("t/b/y.txt", "خبر آخر\nعن لبنان");
  Ingester ingester = Make();
  ASSERT_TRUE(ingester.Run({dir_ + "/t", dir_ + "/t/b/y.txt"}).ok());
  EXPECT_EQ(ids_, (std::vector<std::string>{"x", "y", "y"}));
  EXPECT_EQ(articles_[0].title, "عنوان");  // a/x.html comes first in name order
  EXPECT_EQ(ingester.counts().failed, 2u);
  ASSERT_EQ(errors_.size(), 2u);
  EXPECT_NE(errors_[0].find("t/a/x.txt: its id 'x'"), std::string::npos) << errors_[0];
  EXPECT_NE(errors_[0].find("t/a/x.html"), std::string::npos) << errors_[0];
  EXPECT_NE(errors_[1].find("t/b/x.txt: its id 'x'"), std::string::npos) << errors_[1];
  // A file that gave no article takes no id; one path written two ways is one file.
  Write("u/a/z.txt", "  \n");
  Write("u/b/z.txt", "خبر\nعن تونس");
  ids_.clear();
  errors_.clear();
  Ingester again = Make();
  ASSERT_TRUE(again.Run({dir_ + "/u", dir_ + "//u/b/./z.txt"}).ok());
  EXPECT_EQ(ids_, (std::vector<std::string>{"z", "z"}));
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_NE(errors_[0].find("no text"), std::string::npos) << errors_[0];
}

// A binary file under a text name, and compressed data under a JSONL name, are one clear
// error each (a text of NUL bytes was indexed; gzip data gave an error for every "line").
TEST_F(IngesterTest, BinaryAndCompressedInputsUnderOtherNamesAreOneErrorEach) {
  Write("b/nul.txt", std::string("\0\0\0", 3));
  Write("b/x.jsonl", std::string("\x1F\x8B\x08\x00", 4) + std::string(5000, 'z') + "\n\n\n");
  Write("b/y.jsonl", std::string("\x28\xB5\x2F\xFD", 4) + "\n\n\n");
  Ingester ingester = Make();
  ASSERT_TRUE(ingester.Run({dir_ + "/b/nul.txt", dir_ + "/b/x.jsonl", dir_ + "/b/y.jsonl"}).ok());
  EXPECT_TRUE(ids_.empty());
  ASSERT_EQ(errors_.size(), 3u);
  EXPECT_NE(errors_[0].find("byte 0 is NUL"), std::string::npos) << errors_[0];
  EXPECT_NE(errors_[1].find("gzip-compressed data"), std::string::npos) << errors_[1];
  EXPECT_NE(errors_[2].find("zstd-compressed data"), std::string::npos) << errors_[2];
}

TEST_F(IngesterTest, TruncatedZstdIsAnError) {
  const std::string jsonl(100000, 'a');
  std::string compressed(ZSTD_compressBound(jsonl.size()), '\0');
  compressed.resize(
      ZSTD_compress(compressed.data(), compressed.size(), jsonl.data(), jsonl.size(), 3));
  const std::string path = Write("t.jsonl.zst", compressed.substr(0, compressed.size() / 2));
  Ingester ingester = Make();
  ASSERT_TRUE(ingester.Run({path}).ok());
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_NE(errors_[0].find("t.jsonl.zst"), std::string::npos) << errors_[0];
  EXPECT_NE(errors_[0].find("Corruption"), std::string::npos) << errors_[0];
  EXPECT_EQ(ingester.counts().failed, 1u);
}

// An input that cannot be read is one bad input: reported with its path, the others read
// (it stopped the run, and nothing was committed). Strict still stops there.
TEST_F(IngesterTest, MissingInputIsReportedAndTheOthersRead) {
  const std::string good = Write("good.jsonl", "{\"id\":\"1\",\"title\":\"t\"}\n");
  Ingester ingester = Make();
  ASSERT_TRUE(ingester.Run({dir_ + "/nope.jsonl", good}).ok());
  EXPECT_EQ(ids_, std::vector<std::string>{"1"});
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_NE(errors_[0].find("nope.jsonl: NotFound"), std::string::npos) << errors_[0];
  EXPECT_EQ(ingester.counts().failed, 1u);
  IngestOptions strict;
  strict.strict = true;
  Ingester stops = Make(strict);
  Status s = stops.Run({dir_ + "/nope.jsonl", good});
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("nope.jsonl"), std::string::npos) << s.ToString();
}

// Symbolic links to directories inside a walked directory are not followed: two links back
// to the folder made the walk grow without end.
TEST_F(IngesterTest, DirectoryWalkDoesNotFollowLinksToDirectories) {
  Write("w/a.txt", "عنوان\nنص");
  ASSERT_EQ(::symlink(".", (dir_ + "/w/l1").c_str()), 0);
  ASSERT_EQ(::symlink(".", (dir_ + "/w/l2").c_str()), 0);
  ASSERT_EQ(::symlink("a.txt", (dir_ + "/w/b.txt").c_str()), 0);  // a link to a file is read
  Ingester ingester = Make();
  ASSERT_TRUE(ingester.Run({dir_ + "/w"}).ok());
  EXPECT_EQ(ids_, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(errors_.empty());
  EXPECT_GT(Ingester::TotalInputBytes({dir_ + "/w"}), 0u);
}

TEST_F(IngesterTest, SinkFailureStopsWithContext) {
  const std::string path = Write("a.jsonl", "{\"id\":\"1\",\"title\":\"t\"}\n");
  Ingester ingester(
      {}, [](engine::Article) { return Status::IOError("disk full"); }, nullptr);
  Status s = ingester.Run({path});
  EXPECT_TRUE(s.IsIOError());
  EXPECT_EQ(s.message(), path + ":1: disk full");
}

std::string SharedDir() {
  const char* env = std::getenv("RASD_SHARED_DIR");
  return env ? env : RASD_SHARED_DIR;
}

// The real corpora must ingest as they are (issue 3), including raw U+2028/U+2029.
TEST_F(IngesterTest, RealCorporaIngestCompletely) {
  const std::string sample = SharedDir() + "/data/news/ant_multisource_sample_2018-05-08_09.jsonl";
  const std::string jawhara = SharedDir() + "/data/news/ant_jawharafm_v1.1.jsonl.zst";
  if (!std::filesystem::exists(sample) || !std::filesystem::exists(jawhara)) {
    GTEST_SKIP() << "real data not found under " << SharedDir()
                 << "/data/news (set RASD_SHARED_DIR); skipping the real-corpus ingest check";
  }
  Ingester ingester = Make();
  ASSERT_TRUE(ingester.Run({sample, jawhara}).ok());
  // JawharaFM's 23 empty bodies all have titles: an empty body alone is normal.
  EXPECT_EQ(ingester.counts().articles, 485u + 10161u);
  EXPECT_EQ(ingester.counts().failed, 0u);
  EXPECT_TRUE(errors_.empty()) << errors_.front();
}

// A batch sink gets the articles `batch` at a time and its per-article statuses are reported
// as the single sink's would be: errors in input order, with the record's location, the
// parse errors of later lines after the pending articles' own.
TEST_F(IngesterTest, BatchSinkKeepsOrderAndLocations) {
  const std::string path = Write("b.jsonl",
                                 "{\"id\":\"1\",\"title\":\"أ\"}\n"
                                 "{\"id\":\"2\",\"title\":\"مرفوض\"}\n"
                                 "{\"id\":\"3\",\"title\":\"ج\"}\n"
                                 "{\"id\":\"4\",\"title\":\n"
                                 "{\"id\":\"5\",\"title\":\"هـ\"}\n"
                                 "{\"id\":\"6\",\"title\":\"و\"}\n"
                                 "{\"id\":\"7\",\"title\":\"ز\"}\n");
  std::vector<size_t> sizes;
  Ingester ingester(
      IngestOptions{},
      [&](std::vector<engine::Article> batch) {
        sizes.push_back(batch.size());
        std::vector<Status> out;
        for (engine::Article& a : batch) {
          if (a.title == "مرفوض") {
            out.push_back(Status::InvalidArgument("rejected"));
          } else {
            ids_.push_back(a.id);
            out.push_back(Status::OK());
          }
        }
        return out;
      },
      3, [this](const RecordError& e) { errors_.push_back(e.where + ": " + e.reason); });
  ASSERT_TRUE(ingester.Run({path}).ok());
  EXPECT_EQ(ids_, (std::vector<std::string>{"1", "3", "5", "6", "7"}));
  // Line 4 flushes the pending 1-3 first; then 5-7, then nothing is left.
  EXPECT_EQ(sizes, (std::vector<size_t>{3, 3}));
  ASSERT_EQ(errors_.size(), 2u);
  EXPECT_NE(errors_[0].find("b.jsonl:2: rejected"), std::string::npos) << errors_[0];
  EXPECT_NE(errors_[1].find("b.jsonl:4: "), std::string::npos) << errors_[1];
  EXPECT_EQ(ingester.counts().articles, 5u);
  EXPECT_EQ(ingester.counts().failed, 2u);
  // An index error stops the run, named with the record's location.
  Ingester failing(
      IngestOptions{},
      [](std::vector<engine::Article> batch) {
        return std::vector<Status>(batch.size(), Status::IOError("disk full"));
      },
      2, nullptr);
  Status s = failing.Run({path});
  EXPECT_TRUE(s.IsIOError()) << s.ToString();
  EXPECT_NE(s.ToString().find("b.jsonl:1"), std::string::npos) << s.ToString();
}

}  // namespace
}  // namespace rasd::ingest
