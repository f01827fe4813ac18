// Snapshot isolation while a writer works: every snapshot sees exactly one commit (or one
// refresh) and keeps seeing it while the writer adds, deletes, commits and merges; files a
// live snapshot uses are never deleted, and files nobody uses any more are.
#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <thread>

#include "rasd/base/mem_env.h"
#include "rasd/index/check.h"
#include "rasd/index/index_writer.h"
#include "rasd/index/internal/format.h"

namespace rasd::index {
namespace {

constexpr int kPerRound = 10;

IndexDocument RoundDoc(int round, int i) {
  IndexDocument d;
  d.set_id("r" + std::to_string(round) + "-" + std::to_string(i));
  const size_t f = d.AddTextField("body");
  d.AddToken(f, "round" + std::to_string(round), 0);
  d.AddToken(f, "common", 1);
  d.AddKeyword("round", std::to_string(round));
  d.AddNumeric("round", round);
  d.set_stored("payload of round " + std::to_string(round));
  return d;
}

// A snapshot must hold exactly the documents of one round; returns that round (-1: empty).
int VerifyOneRound(const IndexReader& r) {
  if (r.num_docs() == 0) return -1;
  EXPECT_EQ(r.num_docs(), static_cast<uint64_t>(kPerRound));
  int round = -2;
  StoredDocument stored;
  for (const Segment& seg : r.segments()) {
    const NumericColumn* col = seg.numeric("round");
    for (uint32_t d = 0; d < seg.max_doc(); ++d) {
      if (!seg.IsLive(d)) continue;
      const int got = static_cast<int>(col->Get(d).value_or(-5));
      if (round == -2) round = got;
      EXPECT_EQ(got, round);
      EXPECT_TRUE(seg.GetStored(d, &stored).ok());
      EXPECT_EQ(stored.blob, "payload of round " + std::to_string(round));
    }
  }
  EXPECT_EQ(r.term_stats("body", "round" + std::to_string(round)).doc_freq >= kPerRound, true);
  return round;
}

std::vector<std::string> SegmentFiles(const IndexReader& r) {
  std::vector<std::string> names;
  for (const Segment& seg : r.segments()) {
    for (std::string_view ext : internal::kSegmentExtensions) {
      names.push_back("/idx/" + internal::SegmentFileName(seg.segment_id(), ext));
    }
  }
  return names;
}

TEST(SnapshotTest, IsolationUnderConcurrentWrites) {
  auto env = base::NewMemEnv();
  IndexWriterOptions o;
  o.merge.segments_per_tier = 3;
  o.merge.floor_segment_bytes = 1024;
  auto w = IndexWriter::Open(env.get(), "/idx", o);
  ASSERT_TRUE(w.ok());
  IndexWriter* writer = w->get();
  std::atomic<bool> done{false};
  std::atomic<int> checks{0};
  auto reader_loop = [&](bool from_disk) {
    std::vector<std::pair<std::shared_ptr<const IndexReader>, int>> held;
    std::shared_ptr<const IndexReader> disk;
    std::mt19937_64 rng(from_disk ? 1 : 2);
    while (!done.load()) {
      std::shared_ptr<const IndexReader> snap;
      if (from_disk) {
        auto r = disk == nullptr ? IndexReader::Open(env.get(), "/idx") : IndexReader::Reopen(disk);
        ASSERT_TRUE(r.ok()) << r.status().ToString();
        disk = *r;
        snap = disk;
      } else {
        snap = writer->Snapshot();
      }
      const int round = VerifyOneRound(*snap);
      if (rng() % 4 == 0) held.emplace_back(snap, round);
      if (held.size() > 8) held.erase(held.begin() + static_cast<long>(rng() % held.size()));
      // Old snapshots still see their round, and their files are still there.
      for (const auto& [old, old_round] : held) {
        EXPECT_EQ(VerifyOneRound(*old), old_round);
        if (!from_disk) {
          for (const std::string& f : SegmentFiles(*old)) EXPECT_TRUE(env->FileExists(f)) << f;
        }
      }
      ++checks;
      if (::testing::Test::HasFailure()) return;
    }
  };
  std::thread t1(reader_loop, false), t2(reader_loop, true);
  for (int round = 0; round < 150 && !::testing::Test::HasFailure(); ++round) {
    for (int i = 0; i < kPerRound; ++i) ASSERT_TRUE(writer->AddDocument(RoundDoc(round, i)).ok());
    if (round > 0) {
      for (int i = 0; i < kPerRound; ++i) {
        auto del = writer->DeleteDocument("r" + std::to_string(round - 1) + "-" + std::to_string(i));
        ASSERT_TRUE(del.ok());
        ASSERT_TRUE(*del);
      }
    }
    if (round % 3 == 2) {
      ASSERT_TRUE(writer->Refresh().ok());  // visible to Snapshot() only
      ASSERT_TRUE(writer->Commit().ok());
    } else {
      ASSERT_TRUE(writer->Commit().ok());
    }
    if (round % 25 == 24) {
      ASSERT_TRUE(writer->ForceMerge(1).ok());
    }
  }
  done = true;
  t1.join();
  t2.join();
  EXPECT_GT(checks.load(), 10);
  // Every snapshot is gone: after a last commit only the current files remain.
  ASSERT_TRUE(writer->ForceMerge(1).ok());
  ASSERT_TRUE(writer->Commit().ok());
  auto names = env->GetChildren("/idx");
  ASSERT_TRUE(names.ok());
  const auto live = SegmentFiles(*writer->Snapshot());
  for (const std::string& n : *names) {
    uint64_t id;
    if (internal::ParseSegmentFileName(n, &id)) {
      EXPECT_NE(std::find(live.begin(), live.end(), "/idx/" + n), live.end()) << "leftover " << n;
    }
  }
  EXPECT_TRUE(Check(env.get(), "/idx").ok());
}

TEST(SnapshotTest, RefreshShowsUncommittedWork) {
  auto env = base::NewMemEnv();
  auto w = IndexWriter::Open(env.get(), "/idx");
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*w)->AddDocument(RoundDoc(1, 0)).ok());
  EXPECT_EQ((*w)->Snapshot()->num_docs(), 0u);  // not yet published
  ASSERT_TRUE((*w)->Refresh().ok());
  auto snap = (*w)->Snapshot();
  EXPECT_EQ(snap->num_docs(), 1u);
  EXPECT_FALSE(snap->committed());
  auto disk = IndexReader::Open(env.get(), "/idx");
  ASSERT_TRUE(disk.ok());
  EXPECT_EQ((*disk)->num_docs(), 0u);  // other processes see only commits
  ASSERT_TRUE((*w)->Commit().ok());
  EXPECT_TRUE((*w)->Snapshot()->committed());
  auto again = IndexReader::Reopen(*disk);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->num_docs(), 1u);
  EXPECT_EQ(snap->num_docs(), 1u);
  // A second writer is refused while the first holds the lock.
  EXPECT_EQ(IndexWriter::Open(env.get(), "/idx").status().code(), StatusCode::kResourceExhausted);
}

}  // namespace
}  // namespace rasd::index
