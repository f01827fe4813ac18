// Opens the small index of every past format version kept under tests/compat (index_vN/):
// its terms, postings, positions, doc values and deletions read back as written, Check passes,
// and a writer of this build can add to it and merge it into a segment of the current version
// (docs/FORMAT.md section 15).
//
// index_v1/ was written by a build of e3069cc (format version 1) with the program in
// make_index_v1.cc.txt: documents a, b, c, d (d deleted by a second commit), then e0..e129.
// index_v2/ holds the same documents, written by a build of e361dfe (format version 2) with
// make_index_v2.cc.txt (the same program). Both are read by the same tests.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "rasd/base/env.h"
#include "rasd/index/check.h"
#include "rasd/index/index_reader.h"
#include "rasd/index/index_writer.h"

namespace rasd::index {
namespace {

namespace fs = std::filesystem;

struct Posting {
  uint32_t doc;
  uint32_t freq;
  bool operator==(const Posting&) const = default;
};

// The postings of `term` in one-segment `reader`, as global doc ids; empty if absent.
std::vector<Posting> Postings(const IndexReader& reader, std::string_view field,
                              std::string_view term) {
  std::vector<Posting> out;
  for (const Segment& seg : reader.segments()) {
    const FieldReader* f = seg.field(field);
    TermInfo info;
    if (f == nullptr || !f->FindTerm(term, &info)) continue;
    PostingsIterator it;
    f->Postings(info, &it);
    for (uint32_t d = it.Next(); d != kNoMoreDocs; d = it.Next()) {
      out.push_back({seg.doc_base() + d, it.freq()});
    }
    EXPECT_TRUE(it.status().ok()) << it.status().ToString();
  }
  return out;
}

// The format version in a file's header (docs/FORMAT.md section 3).
uint32_t FileVersion(const fs::path& path) {
  auto read = base::ReadFileToString(base::Env::Default(), path.string());
  if (!read.ok() || read->size() < 8) return 0;
  const std::string& data = *read;
  return static_cast<uint8_t>(data[4]) | static_cast<uint8_t>(data[5]) << 8 |
         static_cast<uint8_t>(data[6]) << 16 |
         static_cast<uint32_t>(static_cast<uint8_t>(data[7])) << 24;
}

// The parameter: the fixture's format version.
class IndexCompatTest : public ::testing::TestWithParam<uint32_t> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rasd_compat_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + std::to_string(reinterpret_cast<uintptr_t>(this)));
    fs::remove_all(dir_);
    fs::copy(fs::path(RASD_SOURCE_DIR) / ("tests/compat/index_v" + std::to_string(GetParam())),
             dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
};

TEST_P(IndexCompatTest, ReadsAsWritten) {
  ASSERT_EQ(FileVersion(dir_ / "seg_000001.tdx"), GetParam());
  ASSERT_TRUE(Check(base::Env::Default(), dir_.string()).ok());
  auto r = IndexReader::Open(base::Env::Default(), dir_.string());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const IndexReader& reader = **r;
  ASSERT_EQ(reader.segments().size(), 1u);
  EXPECT_EQ(reader.max_doc(), 134u);
  EXPECT_EQ(reader.num_docs(), 133u);
  EXPECT_FALSE(reader.IsLive(3));  // "d"
  EXPECT_EQ(reader.LookupId("b"), std::optional<uint32_t>(1));
  EXPECT_EQ(Postings(reader, "body", "alpha"), (std::vector<Posting>{{0, 2}, {1, 1}, {3, 1}}));
  EXPECT_EQ(Postings(reader, "body", "beta"), (std::vector<Posting>{{0, 1}, {2, 2}}));
  EXPECT_EQ(Postings(reader, "body.exact", "alphas"), (std::vector<Posting>{{0, 2}}));
  EXPECT_EQ(Postings(reader, "body.exact", "alpha"), (std::vector<Posting>{{1, 1}, {3, 1}}));
  EXPECT_EQ(Postings(reader, "body", "gamma"), (std::vector<Posting>{{1, 1}}));
  const std::vector<Posting> common = Postings(reader, "body", "common");
  ASSERT_EQ(common.size(), 130u);  // two doc blocks
  for (uint32_t i = 0; i < 130; ++i) EXPECT_EQ(common[i], (Posting{4 + i, 2}));
  EXPECT_EQ(Postings(reader, "body", "term3").size(), 19u);
  EXPECT_EQ(Postings(reader, "source", "y"), (std::vector<Posting>{{1, 1}}));
  EXPECT_EQ(Postings(reader, "source", "x").size(), 2u + 65u);

  const Segment& seg = reader.segments()[0];
  const FieldReader* body = seg.field("body");
  ASSERT_NE(body, nullptr);
  EXPECT_FALSE(seg.field("body.exact")->has_positions());
  TermInfo info;
  ASSERT_TRUE(body->FindTerm("alpha", &info));
  EXPECT_EQ(info.doc_freq, 3u);
  EXPECT_EQ(info.total_term_freq, 4u);
  PostingsIterator it;
  body->Postings(info, &it, /*positions=*/true);
  ASSERT_EQ(it.Next(), 0u);
  EXPECT_EQ(it.NextPosition(), 0u);
  EXPECT_EQ(it.NextPosition(), 2u);
  ASSERT_TRUE(body->FindTerm("common", &info));
  body->Postings(info, &it, /*positions=*/true);
  ASSERT_EQ(it.NextGEQ(133), 133u);
  EXPECT_EQ(it.NextPosition(), 0u);
  EXPECT_EQ(it.NextPosition(), 3u);
  EXPECT_EQ(body->field_length(2), 3u);
  EXPECT_EQ(seg.numeric("date")->Get(2), std::optional<int64_t>(300));
  EXPECT_EQ(seg.numeric("date")->Get(133), std::optional<int64_t>(1129));
  std::string term;
  ASSERT_TRUE(body->TermForOrd(0, &term));
  EXPECT_EQ(term, "alpha");
}

TEST_P(IndexCompatTest, ExtendsAndMergesToCurrent) {
  IndexWriterOptions o;
  o.merge.enabled = false;
  {
    auto w = IndexWriter::Open(base::Env::Default(), dir_.string(), o);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    IndexDocument doc;
    doc.set_id("f");
    const size_t b = doc.AddTextField("body");
    const size_t stem = doc.AddToken(b, "alpha", 0);
    doc.AddToken(b, "alpha", 4);
    const size_t e = doc.AddTextField("body.exact", TextFieldOptions{.positions = false});
    doc.AddToken(e, "alphas", 0, stem);
    ASSERT_TRUE((*w)->AddDocument(doc).ok());
    ASSERT_TRUE((*w)->Commit().ok());
    // Two segments of two versions side by side.
    ASSERT_TRUE(Check(base::Env::Default(), dir_.string()).ok());
    auto r = IndexReader::Open(base::Env::Default(), dir_.string());
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(Postings(**r, "body", "alpha"),
              (std::vector<Posting>{{0, 2}, {1, 1}, {3, 1}, {134, 2}}));
    ASSERT_TRUE((*w)->ForceMerge(1).ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  Status s = Check(base::Env::Default(), dir_.string());
  ASSERT_TRUE(s.ok()) << s.ToString();
  auto r = IndexReader::Open(base::Env::Default(), dir_.string());
  ASSERT_TRUE(r.ok());
  const IndexReader& reader = **r;
  ASSERT_EQ(reader.segments().size(), 1u);
  for (const auto& entry : fs::directory_iterator(dir_)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("seg_") && !name.ends_with(".del")) {
      EXPECT_EQ(FileVersion(entry.path()), 3u) << name;
    }
  }
  // The merge dropped "d" (doc 3): later documents move down by one.
  EXPECT_EQ(reader.max_doc(), 134u);
  EXPECT_EQ(Postings(reader, "body", "alpha"), (std::vector<Posting>{{0, 2}, {1, 1}, {133, 2}}));
  EXPECT_EQ(Postings(reader, "body.exact", "alphas"), (std::vector<Posting>{{0, 2}, {133, 1}}));
  EXPECT_EQ(Postings(reader, "body.exact", "alpha"), (std::vector<Posting>{{1, 1}}));
  EXPECT_EQ(Postings(reader, "body", "common").size(), 130u);
  EXPECT_EQ(Postings(reader, "source", "x").size(), 2u + 65u);
  EXPECT_EQ(reader.LookupId("f"), std::optional<uint32_t>(133));
  // An old segment's terms have no stems (coded absolutely); the merge keeps them so, and
  // reads them back the same.
  TermInfo info;
  ASSERT_TRUE(reader.segments()[0].field("body.exact")->FindTerm("commons", &info));
  EXPECT_EQ(info.stem_ord, 0u);
  EXPECT_EQ(Postings(reader, "body.exact", "commons").size(), 130u);
}

INSTANTIATE_TEST_SUITE_P(Versions, IndexCompatTest, ::testing::Values(1u, 2u),
                         [](const auto& info) { return "Version" + std::to_string(info.param); });

}  // namespace
}  // namespace rasd::index
