// Documents, the write-ahead log and the manifest: validation, codecs, torn tails and
// corruption.
#include <gtest/gtest.h>

#include <random>

#include "rasd/base/env.h"
#include "rasd/base/hash.h"
#include "rasd/base/mem_env.h"
#include "rasd/index/internal/manifest.h"
#include "rasd/index/internal/wal.h"

namespace rasd::index::internal {
namespace {

IndexDocument SampleDoc(const std::string& id) {
  IndexDocument d;
  d.set_id(id);
  const size_t body = d.AddTextField("body");
  const size_t exact = d.AddTextField("body.exact", TextFieldOptions{false});
  const size_t stem = d.AddToken(body, "alpha", 0);
  d.AddToken(exact, "Alpha", 0, stem);
  d.AddToken(body, "beta", 3);
  d.AddKeyword("source", "wire");
  d.AddKeyword("entity", "e1");
  d.AddNumeric("date", -12345);
  d.set_stored(std::string("blob\0with nul", 13));
  return d;
}

TEST(DocumentTest, ValidateRejectsBadDocuments) {
  EXPECT_TRUE(SampleDoc("x").Validate().ok());
  EXPECT_TRUE(SampleDoc("").Validate().IsInvalidArgument());
  EXPECT_TRUE(SampleDoc(std::string(kMaxTermBytes + 1, 'x')).Validate().IsInvalidArgument());
  {
    IndexDocument d = SampleDoc("x");
    d.AddKeyword("body", "v");  // body is a text field
    EXPECT_TRUE(d.Validate().IsInvalidArgument());
  }
  {
    IndexDocument d = SampleDoc("x");
    d.AddToken(0, "gamma", 1);  // position goes back in "body"
    EXPECT_TRUE(d.Validate().IsInvalidArgument());
  }
  {
    IndexDocument d = SampleDoc("x");
    d.AddNumeric("date", 1);
    EXPECT_TRUE(d.Validate().IsInvalidArgument());
  }
  {
    IndexDocument d = SampleDoc("x");
    d.AddKeyword("_id", "v");
    EXPECT_TRUE(d.Validate().IsInvalidArgument());
  }
  {
    IndexDocument d = SampleDoc("x");
    d.AddToken(d.AddTextField("t"), std::string(kMaxTermBytes + 1, 'a'), 0);
    EXPECT_TRUE(d.Validate().IsInvalidArgument());
  }
  {
    IndexDocument d = SampleDoc("x");
    d.AddToken(7, "nope", 0);  // undeclared handle
    EXPECT_TRUE(d.Validate().IsInvalidArgument());
  }
  {
    // A parent token must be an earlier token of another field name.
    IndexDocument d = SampleDoc("x");
    const size_t t = d.AddTextField("t");
    const size_t t2 = d.AddTextField("t");
    const size_t first = d.AddToken(t, "a", 10);
    EXPECT_TRUE(d.Validate().ok());
    d.AddToken(t2, "b", 11, first);  // same name
    EXPECT_TRUE(d.Validate().IsInvalidArgument());
  }
  {
    IndexDocument d = SampleDoc("x");
    d.AddToken(d.AddTextField("u"), "a", 0, 99);  // not an earlier token
    EXPECT_TRUE(d.Validate().IsInvalidArgument());
  }
  {
    // Two declarations of one name form one field; positions continue across them.
    IndexDocument d;
    d.set_id("y");
    const size_t a = d.AddTextField("t");
    const size_t b = d.AddTextField("t");
    d.AddToken(a, "x", 0);
    d.AddToken(b, "y", 5);
    EXPECT_TRUE(d.Validate().ok());
  }
  // The rules a token is checked against as it is added (with one handle per name, Validate
  // does not walk the tokens again), by both ways of adding one.
  const std::string buffer_bytes = "abc";
  for (const bool from_buffer : {false, true}) {
    auto add = [&](IndexDocument* d, size_t field, uint32_t position, size_t parent) {
      if (!from_buffer) return d->AddToken(field, "abc", position, parent);
      const IndexDocument::TermBuffer buffer = d->AddTermBuffer(buffer_bytes);
      return d->AddToken(field, buffer, buffer_bytes, position, parent);
    };
    {
      IndexDocument d = SampleDoc("x");
      const size_t u = d.AddTextField("u");
      const size_t first = add(&d, u, 4, kNoParentToken);
      add(&d, u, 4, kNoParentToken);
      EXPECT_TRUE(d.Validate().ok()) << from_buffer;
      add(&d, u, 5, first);  // a parent of the same handle
      EXPECT_TRUE(d.Validate().IsInvalidArgument()) << from_buffer;
    }
    {
      IndexDocument d = SampleDoc("x");
      add(&d, d.AddTextField("u"), kMaxPosition + 1, kNoParentToken);
      EXPECT_TRUE(d.Validate().IsInvalidArgument()) << from_buffer;
    }
    {
      IndexDocument d = SampleDoc("x");
      const size_t u = d.AddTextField("u");
      add(&d, u, 7, kNoParentToken);
      add(&d, d.AddTextField("v"), 1, kNoParentToken);  // another handle starts anew
      EXPECT_TRUE(d.Validate().ok()) << from_buffer;
      add(&d, u, 6, kNoParentToken);
      EXPECT_TRUE(d.Validate().IsInvalidArgument()) << from_buffer;
    }
    {
      IndexDocument d = SampleDoc("x");
      add(&d, 9, 0, kNoParentToken);  // undeclared handle
      EXPECT_TRUE(d.Validate().IsInvalidArgument()) << from_buffer;
      d.Clear();  // forgets it
      d.set_id("y");
      add(&d, d.AddTextField("u"), 0, kNoParentToken);
      EXPECT_TRUE(d.Validate().ok()) << from_buffer;
    }
  }
}

// Fills d with an article of `words` words of 8 bytes (a stem and an exact token each) and a
// stored blob of as many bytes.
void FillArticle(IndexDocument* d, size_t words) {
  d->set_id("article");
  const size_t stem = d->AddTextField("body");
  const size_t exact = d->AddTextField("body.exact", TextFieldOptions{false});
  std::string text;
  for (size_t i = 0; i < words; ++i) text += "w" + std::to_string(1000000 + i);
  const IndexDocument::TermBuffer buffer = d->AddTermBuffer(text);
  const std::string_view all = text;
  for (size_t i = 0; i < words; ++i) {
    const size_t parent = d->num_tokens();
    d->AddToken(stem, buffer, all.substr(i * 8, 8), static_cast<uint32_t>(i));
    d->AddToken(exact, buffer, all.substr(i * 8, 8), static_cast<uint32_t>(i), parent);
  }
  d->mutable_stored()->assign(words * 8, 's');
}

TEST(DocumentTest, ClearKeepsTheRoomOfOrdinaryArticlesOnly) {
  IndexDocument d;
  // An ordinary article: Clear keeps its room, and the next one of its size needs no more.
  FillArticle(&d, 500);
  ASSERT_TRUE(d.Validate().ok());
  const size_t ordinary = d.capacity_bytes();
  d.Clear();
  EXPECT_EQ(d.capacity_bytes(), ordinary);
  FillArticle(&d, 500);
  EXPECT_EQ(d.capacity_bytes(), ordinary);
  // One of the longest: its room is given back down to the bound.
  d.Clear();
  FillArticle(&d, 20000);
  ASSERT_TRUE(d.Validate().ok());
  EXPECT_GT(d.capacity_bytes(), size_t{20000} * 2 * 32);
  d.Clear();
  EXPECT_EQ(d.num_tokens(), 0u);
  EXPECT_LE(d.capacity_bytes(),
            IndexDocument::kKeptTokens * 32 + 3 * IndexDocument::kKeptBytes + (size_t{4} << 10));
  // And the document is whole again: a long article's tokens read back after the release.
  FillArticle(&d, 5000);
  ASSERT_TRUE(d.Validate().ok());
  ASSERT_EQ(d.num_tokens(), 10000u);
  EXPECT_EQ(d.token(9999).term, "w1004999");
  EXPECT_EQ(d.token(9999).parent, 9998u);
  EXPECT_EQ(d.stored().size(), 40000u);
}

// Tokens whose terms are views into one buffer (an analyser's output) read as copied ones:
// the same bytes, each with its own term's hash. The hash of a parent is reused only when the
// child's term is the very same bytes of the buffer, not another place with the same length
// or even the same text.
TEST(DocumentTest, TermBufferTokensReadAsCopiedOnes) {
  const std::string analysed = "alphabetagamma alpha";
  const std::string_view all = analysed;
  IndexDocument d;
  d.set_id("x");
  d.AddToken(d.AddTextField("title"), "copied", 0);  // bytes before the buffer's copy
  const size_t stem = d.AddTextField("body");
  const size_t exact = d.AddTextField("body.exact", TextFieldOptions{false});
  const IndexDocument::TermBuffer buffer = d.AddTermBuffer(all);
  struct Want {
    size_t field;
    std::string_view term;
    size_t parent;
  };
  const size_t first = d.num_tokens();
  const Want want[] = {
      {stem, all.substr(0, 5), kNoParentToken},   // alpha
      {exact, all.substr(0, 5), first},           // alpha, the very bytes of its parent
      {stem, all.substr(5, 4), kNoParentToken},   // beta
      {exact, all.substr(9, 4), first + 2},       // gamm: same length as its parent
      {stem, all.substr(0, 5), kNoParentToken},   // alpha
      {exact, all.substr(15, 5), first + 4},      // alpha again, at another place
  };
  for (size_t i = 0; i < std::size(want); ++i) {
    d.AddToken(want[i].field, buffer, want[i].term, static_cast<uint32_t>(i), want[i].parent);
  }
  ASSERT_TRUE(d.Validate().ok());
  ASSERT_EQ(d.num_tokens(), first + std::size(want));
  EXPECT_EQ(d.token(0).term, "copied");
  for (size_t i = 0; i < std::size(want); ++i) {
    const IndexDocument::TokenView t = d.token(first + i);
    EXPECT_EQ(t.term, want[i].term) << i;
    EXPECT_EQ(t.hash, base::Hash64(want[i].term)) << i;
    EXPECT_EQ(t.parent, want[i].parent) << i;
    EXPECT_EQ(t.position, i) << i;
  }
  // What the log keeps of it decodes to the same tokens.
  std::string bytes;
  EncodeDocument(d, &bytes);
  IndexDocument back;
  ASSERT_TRUE(DecodeDocument(bytes, &back));
  for (size_t i = 0; i < d.num_tokens(); ++i) {
    EXPECT_EQ(back.token(i).term, d.token(i).term) << i;
    EXPECT_EQ(back.token(i).hash, d.token(i).hash) << i;
  }
  // A document moved from (the writer swaps documents to recycle them) is empty, and takes
  // tokens again.
  IndexDocument moved = std::move(d);
  EXPECT_EQ(moved.num_tokens(), first + std::size(want));
  EXPECT_EQ(d.num_tokens(), 0u);  // NOLINT(bugprone-use-after-move): what is tested
  d.Clear();
  d.set_id("y");
  d.AddToken(d.AddTextField("body"), "again", 0);
  ASSERT_EQ(d.num_tokens(), 1u);
  EXPECT_EQ(d.token(0).term, "again");
  IndexDocument other;
  other = std::move(moved);
  EXPECT_EQ(other.num_tokens(), first + std::size(want));
  EXPECT_EQ(moved.num_tokens(), 0u);  // NOLINT(bugprone-use-after-move)
}

TEST(DocumentTest, CodecRoundTrip) {
  const IndexDocument d = SampleDoc("doc-1");
  std::string bytes;
  EncodeDocument(d, &bytes);
  IndexDocument back;
  ASSERT_TRUE(DecodeDocument(bytes, &back));
  std::string again;
  EncodeDocument(back, &again);
  EXPECT_EQ(bytes, again);
  EXPECT_EQ(back.id(), "doc-1");
  EXPECT_EQ(back.num_tokens(), 3u);
  EXPECT_EQ(back.token(2).term, "beta");
  EXPECT_EQ(back.token(2).position, 3u);
  EXPECT_EQ(back.token(1).parent, 0u);
  EXPECT_EQ(back.token(2).parent, kNoParentToken);
  // Each token carries its term's hash (the segment buffer's table relies on it): a decoded
  // document's as the built one's.
  for (size_t i = 0; i < back.num_tokens(); ++i) {
    EXPECT_EQ(back.token(i).hash, base::Hash64(back.token(i).term)) << i;
    EXPECT_EQ(back.token(i).hash, d.token(i).hash) << i;
  }
  EXPECT_FALSE(back.text_field(1).options.positions);
  EXPECT_EQ(back.numeric(0).value, -12345);
  EXPECT_EQ(back.stored(), d.stored());
  // Every truncation and random garbage fail cleanly.
  for (size_t n = 0; n < bytes.size(); ++n) EXPECT_FALSE(DecodeDocument(bytes.substr(0, n), &back)) << n;
  std::mt19937_64 rng(3);
  for (int i = 0; i < 2000; ++i) {
    std::string junk = bytes;
    junk[rng() % junk.size()] = static_cast<char>(rng());
    DecodeDocument(junk, &back);  // must not crash
  }
}

class LogTest : public ::testing::Test {
 protected:
  void WriteLog(int n) {
    auto w = LogWriter::Create(env_.get(), "/d", 3);
    ASSERT_TRUE(w.ok());
    for (int i = 0; i < n; ++i) {
      std::string payload;
      if (i % 3 == 2) {
        payload = "id" + std::to_string(i);
        ASSERT_TRUE((*w)->AddRecord(LogRecordType::kDelete, payload, i % 2 == 0).ok());
      } else {
        EncodeDocument(SampleDoc("id" + std::to_string(i)), &payload);
        ASSERT_TRUE((*w)->AddRecord(LogRecordType::kAdd, payload, false).ok());
      }
    }
  }
  // Reads the log; returns the number of records, or -1 on corruption.
  int ReadAll(bool* torn = nullptr) {
    auto r = LogReader::Open(env_.get(), "/d", LogFileName(3), 3);
    if (!r.ok()) return r.status().IsCorruption() ? -1 : -2;
    LogRecordType type;
    std::string payload;
    int n = 0;
    while ((*r)->ReadRecord(&type, &payload)) {
      IndexDocument d;
      if (type == LogRecordType::kAdd) {
        EXPECT_TRUE(DecodeDocument(payload, &d));
      }
      ++n;
    }
    if (torn != nullptr) *torn = (*r)->torn_tail();
    return (*r)->status().ok() ? n : -1;
  }
  std::string Path() { return "/d/" + LogFileName(3); }

  void SetUp() override { ASSERT_TRUE(env_->CreateDirs("/d").ok()); }
  std::unique_ptr<base::Env> env_ = base::NewMemEnv();
};

TEST_F(LogTest, RoundTrip) {
  WriteLog(50);
  bool torn = true;
  EXPECT_EQ(ReadAll(&torn), 50);
  EXPECT_FALSE(torn);
}

TEST_F(LogTest, EveryTruncationIsATornTail) {
  WriteLog(6);
  auto full = base::ReadFileToString(env_.get(), Path());
  ASSERT_TRUE(full.ok());
  int last = 0;
  for (size_t n = 0; n <= full->size(); ++n) {
    ASSERT_TRUE(base::WriteStringToFile(env_.get(), full->substr(0, n), Path(), false).ok());
    const int got = ReadAll();
    ASSERT_GE(got, 0) << "truncated at " << n;
    ASSERT_GE(got, last);  // a longer prefix never yields fewer records
    last = got;
  }
  EXPECT_EQ(last, 6);
}

TEST_F(LogTest, CorruptionInTheMiddleIsReported) {
  WriteLog(6);
  auto full = base::ReadFileToString(env_.get(), Path());
  ASSERT_TRUE(full.ok());
  std::string bad = *full;
  bad[30] ^= 0x40;  // inside the first record's payload
  ASSERT_TRUE(base::WriteStringToFile(env_.get(), bad, Path(), false).ok());
  auto r = LogReader::Open(env_.get(), "/d", LogFileName(3), 3);
  ASSERT_TRUE(r.ok());
  LogRecordType type;
  std::string payload;
  while ((*r)->ReadRecord(&type, &payload)) {
  }
  EXPECT_TRUE((*r)->status().IsCorruption());
  EXPECT_NE((*r)->status().message().find(LogFileName(3)), std::string::npos);
  // The same damage in the last record is a torn tail.
  bad = *full;
  bad[bad.size() - 2] ^= 0x40;
  ASSERT_TRUE(base::WriteStringToFile(env_.get(), bad, Path(), false).ok());
  bool torn = false;
  EXPECT_EQ(ReadAll(&torn), 5);
  EXPECT_TRUE(torn);
  // A wrong magic number is corruption.
  bad = *full;
  bad[0] = 'X';
  ASSERT_TRUE(base::WriteStringToFile(env_.get(), bad, Path(), false).ok());
  EXPECT_EQ(ReadAll(), -1);
}

TEST(ManifestTest, RoundTripAndCorruption) {
  auto env = base::NewMemEnv();
  ASSERT_TRUE(env->CreateDirs("/d").ok());
  Manifest m;
  m.generation = 7;
  m.next_segment_id = 10;
  m.log_number = 4;
  m.user_data = "engine v1";
  for (uint64_t id : {3, 8}) {
    SegmentMeta s;
    s.id = id;
    s.nonce = id * 1000;
    s.max_doc = 100;
    s.del_count = id == 8 ? 3 : 0;
    s.del_gen = id == 8 ? 2 : 0;
    s.del_size = id == 8 ? 50 : 0;
    for (int i = 0; i < kNumSegmentFiles; ++i) s.file_sizes[i] = 1000 + i;
    m.segments.push_back(s);
  }
  ASSERT_TRUE(WriteManifest(env.get(), "/d", m).ok());
  auto back = ReadManifest(env.get(), "/d");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(EncodeManifest(*back), EncodeManifest(m));
  EXPECT_FALSE(env->FileExists("/d/MANIFEST.tmp"));
  const std::string bytes = EncodeManifest(m);
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string bad = bytes;
    bad[i] ^= 0x01;
    ASSERT_TRUE(base::WriteStringToFile(env.get(), bad, "/d/MANIFEST", false).ok());
    auto r = ReadManifest(env.get(), "/d");
    ASSERT_FALSE(r.ok()) << "flip at " << i;
    EXPECT_TRUE(r.status().IsCorruption());
    EXPECT_NE(r.status().message().find("MANIFEST"), std::string::npos);
  }
  for (size_t n = 0; n < bytes.size(); ++n) {
    ASSERT_TRUE(base::WriteStringToFile(env.get(), bytes.substr(0, n), "/d/MANIFEST", false).ok());
    EXPECT_TRUE(ReadManifest(env.get(), "/d").status().IsCorruption()) << n;
  }
  EXPECT_TRUE(ReadManifest(env.get(), "/nothing").status().IsNotFound());
}

TEST(ManifestTest, Tombstones) {
  auto env = base::NewMemEnv();
  ASSERT_TRUE(env->CreateDirs("/d").ok());
  SegmentMeta s;
  s.id = 5;
  s.nonce = 99;
  s.max_doc = 21;
  s.del_count = 2;
  s.del_gen = 1;
  std::string bits(3, '\0');
  bits[0] = 0x01;
  bits[2] = 0x10;
  const std::string data = EncodeDeletes(s.nonce, s.max_doc, s.del_count, bits);
  s.del_size = data.size();
  ASSERT_TRUE(base::WriteStringToFile(env.get(), data, "/d/" + DeletesFileName(5, 1), false).ok());
  auto back = ReadDeletes(env.get(), "/d", s);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, bits);
  SegmentMeta wrong = s;
  wrong.del_count = 3;
  EXPECT_TRUE(ReadDeletes(env.get(), "/d", wrong).status().IsCorruption());
  wrong = s;
  wrong.nonce = 1;
  EXPECT_TRUE(ReadDeletes(env.get(), "/d", wrong).status().IsCorruption());
  std::string bad = data;
  bad[18] ^= 0x04;
  ASSERT_TRUE(base::WriteStringToFile(env.get(), bad, "/d/" + DeletesFileName(5, 1), false).ok());
  EXPECT_TRUE(ReadDeletes(env.get(), "/d", s).status().IsCorruption());
}

}  // namespace
}  // namespace rasd::index::internal
