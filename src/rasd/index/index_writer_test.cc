// Whole-index round trips against the naive model (testing/model.h): random adds, deletes,
// replaces, commits, refreshes, merges and reopenings, with small RAM budgets so that many
// segments are flushed and merged; then every term's postings, positions, ordinals, numeric
// values and stored blobs are compared with the model.
#include "rasd/index/index_writer.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "rasd/base/mem_env.h"
#include "rasd/index/check.h"
#include "rasd/index/testing/model.h"

namespace rasd::index {
namespace {

using testing::ExpectMatchesModel;
using testing::Model;
using testing::RandomDoc;

uint64_t Seed() {
  const uint64_t seed = std::random_device()();
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  return seed;
}

bool Mentions(const std::vector<std::string>& diff, const std::string& word) {
  for (const std::string& d : diff) {
    if (d.find(word) != std::string::npos) return true;
  }
  return false;
}

IndexWriterOptions SmallOptions() {
  IndexWriterOptions o;
  o.ram_budget_bytes = 256 << 10;
  o.stored_block_bytes = 2048;
  o.merge.segments_per_tier = 3;
  o.merge.floor_segment_bytes = 16 << 10;
  return o;
}

TEST(IndexWriterTest, EmptyIndex) {
  auto env = base::NewMemEnv();
  auto w = IndexWriter::Open(env.get(), "/idx");
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  ASSERT_TRUE((*w)->Commit().ok());
  auto r = IndexReader::Open(env.get(), "/idx");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)->num_docs(), 0u);
  EXPECT_EQ((*r)->max_doc(), 0u);
  EXPECT_TRUE(Check(env.get(), "/idx").ok());
}

TEST(IndexWriterTest, AddCommitRead) {
  auto env = base::NewMemEnv();
  std::mt19937_64 rng(1);
  Model model;
  {
    auto w = IndexWriter::Open(env.get(), "/idx");
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    for (int i = 0; i < 300; ++i) {
      auto d = RandomDoc(rng, "doc" + std::to_string(i));
      ASSERT_TRUE((*w)->AddDocument(d.ToDocument()).ok());
      model[d.id] = d;
    }
    ASSERT_TRUE((*w)->Commit("hello").ok());
    ExpectMatchesModel(*(*w)->Snapshot(), model);
  }
  auto r = IndexReader::Open(env.get(), "/idx");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)->user_data(), "hello");
  ExpectMatchesModel(**r, model);
  CheckReport report;
  Status s = Check(env.get(), "/idx", &report);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(report.docs, 300u);
}

// While the indexing thread flushes one segment, the next one keeps filling: flushes must
// not cascade into tiny segments (a regression test).
TEST(IndexWriterTest, FlushesMakeFullSegments) {
  for (bool background : {true, false}) {
    auto env = base::NewMemEnv();
    IndexWriterOptions o;
    o.ram_budget_bytes = 1 << 20;
    o.merge.enabled = false;
    o.use_log = false;
    o.background_indexing = background;
    auto w = IndexWriter::Open(env.get(), "/idx", o);
    ASSERT_TRUE(w.ok());
    std::mt19937_64 rng(5);
    for (int i = 0; i < 4000; ++i) {
      ASSERT_TRUE((*w)->AddDocument(RandomDoc(rng, "d" + std::to_string(i), 120).ToDocument()).ok());
    }
    ASSERT_TRUE((*w)->Commit().ok());
    auto snap = (*w)->Snapshot();
    ASSERT_GE(snap->segments().size(), 2u);
    ASSERT_LE(snap->segments().size(), 40u) << "background " << background;
    for (size_t i = 0; i + 1 < snap->segments().size(); ++i) {
      EXPECT_GT(snap->segments()[i].max_doc(), 100u) << "segment " << i << " background " << background;
    }
    EXPECT_EQ(snap->num_docs(), 4000u);
  }
}

// A merge writes fresh checksums: it must refuse a source whose bytes fail its own, or the
// damage would pass every later check (a flipped byte in a stored block was merged in).
TEST(IndexWriterTest, MergeRefusesASourceThatFailsItsChecksum) {
  auto env = base::NewMemEnv();
  IndexWriterOptions o;
  o.merge.enabled = false;
  o.use_log = false;
  {
    auto w = IndexWriter::Open(env.get(), "/idx", o);
    ASSERT_TRUE(w.ok());
    std::mt19937_64 rng(11);
    for (int part = 0; part < 2; ++part) {
      for (int i = 0; i < 200; ++i) {
        const std::string id = "d" + std::to_string(part) + "_" + std::to_string(i);
        ASSERT_TRUE((*w)->AddDocument(RandomDoc(rng, id, 60).ToDocument()).ok());
      }
      ASSERT_TRUE((*w)->Commit().ok());
    }
    ASSERT_EQ((*w)->Snapshot()->segments().size(), 2u);
  }
  auto children = env->GetChildren("/idx");
  ASSERT_TRUE(children.ok());
  std::string sto;
  for (const std::string& name : *children) {
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".sto") == 0) sto = name;
  }
  ASSERT_FALSE(sto.empty());
  auto data = base::ReadFileToString(env.get(), "/idx/" + sto);
  ASSERT_TRUE(data.ok());
  (*data)[data->size() / 2] ^= 0x5a;  // inside a stored block, not the header or footer
  ASSERT_TRUE(base::WriteStringToFile(env.get(), *data, "/idx/" + sto, /*sync=*/false).ok());

  auto w = IndexWriter::Open(env.get(), "/idx", o);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  Status merged = (*w)->ForceMerge(1);
  ASSERT_TRUE(merged.IsCorruption()) << merged.ToString();
  EXPECT_NE(merged.message().find(sto + ": at byte"), std::string::npos) << merged.ToString();
  EXPECT_NE(merged.message().find("checksum mismatch"), std::string::npos);
  EXPECT_EQ((*w)->Snapshot()->segments().size(), 2u);  // nothing replaced
}

// The verifier must notice differences, or the round trips prove nothing.
TEST(IndexWriterTest, VerifierDetectsDifferences) {
  auto env = base::NewMemEnv();
  std::mt19937_64 rng(2);
  Model model;
  auto w = IndexWriter::Open(env.get(), "/idx");
  ASSERT_TRUE(w.ok());
  for (int i = 0; i < 50; ++i) {
    auto d = RandomDoc(rng, "doc" + std::to_string(i));
    d.text["body"].emplace_back("common", 1000);
    ASSERT_TRUE((*w)->AddDocument(d.ToDocument()).ok());
    model[d.id] = d;
  }
  ASSERT_TRUE((*w)->Commit().ok());
  auto snap = (*w)->Snapshot();
  ExpectMatchesModel(*snap, model);
  Model m1 = model;
  m1["doc3"].blob += "x";
  EXPECT_TRUE(Mentions(testing::DiffAgainstModel(*snap, m1), "stored"));
  Model m2 = model;
  m2.erase("doc7");
  EXPECT_TRUE(Mentions(testing::DiffAgainstModel(*snap, m2), "num_docs"));
  Model m3 = model;
  m3["doc9"].text["body"].back().second = 1001;
  EXPECT_TRUE(Mentions(testing::DiffAgainstModel(*snap, m3), "position"));
  Model m4 = model;
  m4["doc11"].keywords["entity"].insert("zzz");
  EXPECT_TRUE(Mentions(testing::DiffAgainstModel(*snap, m4), "keyword"));
  Model m5 = model;
  m5["doc12"].numerics["date"] = 5;
  EXPECT_TRUE(Mentions(testing::DiffAgainstModel(*snap, m5), "numeric"));
}

// Exact forms linked to their stems (IndexDocument::AddToken's parent) are rank-coded in
// flushed segments and stay so through a merge, with or without deleted documents (which
// change every rank); a form much rarer than its stem ("e3") takes the merge's other way to
// its ranks (looked up in the sources' stem lists, MergeSegments), also when each source
// holds it once, coded absolutely ("e4"); a common form that one segment holds once ("e5")
// mixes the two codings in one merged list; a form seen with two stems is coded absolutely.
// Postings read back as added.
TEST(IndexWriterTest, MergeRecountsRanksOfExactForms) {
  for (const bool deletions : {true, false}) {
    SCOPED_TRACE(deletions ? "with deletions" : "without deletions");
    auto env = base::NewMemEnv();
    IndexWriterOptions o;
    o.merge.enabled = false;
    auto w = IndexWriter::Open(env.get(), "/idx", o);
    ASSERT_TRUE(w.ok());
    // Doc i (of 400): stem "s" always; exact "e1" when i % 3 == 0, "e2" otherwise, "e3" too
    // when i % 40 == 1, "e4" in docs 5 and 205 only (one per segment: singletons), "e5" in
    // the even docs below 300 and in doc 301 (the last segment's only one);
    // "mix" has stem "s" in even docs and stem "t" in odd ones.
    auto add = [&](int i) {
      IndexDocument doc;
      doc.set_id("d" + std::to_string(i));
      const size_t b = doc.AddTextField("body");
      const size_t e = doc.AddTextField("body.exact", TextFieldOptions{.positions = false});
      const size_t s = doc.AddToken(b, "s", 0);
      doc.AddToken(e, i % 3 == 0 ? "e1" : "e2", 0, s);
      const size_t m = doc.AddToken(b, i % 2 == 0 ? "s" : "t", 1);
      doc.AddToken(e, "mix", 1, m);
      if (i % 40 == 1) {
        const size_t r = doc.AddToken(b, "s", 2);
        doc.AddToken(e, "e3", 2, r);
      }
      if (i == 5 || i == 205) {
        const size_t r = doc.AddToken(b, "s", 3);
        doc.AddToken(e, "e4", 3, r);
      }
      if ((i < 300 && i % 2 == 0) || i == 301) {
        const size_t r = doc.AddToken(b, "s", 4);
        doc.AddToken(e, "e5", 4, r);
      }
      return (*w)->AddDocument(doc);
    };
    for (int i = 0; i < 400; ++i) {
      ASSERT_TRUE(add(i).ok());
      if (i % 100 == 99) {
        ASSERT_TRUE((*w)->Commit().ok());
      }
    }
    auto deleted = [&](int i) { return deletions && i % 7 == 0; };
    for (int i = 0; i < 400; ++i) {
      if (deleted(i)) {
        ASSERT_TRUE((*w)->DeleteDocument("d" + std::to_string(i)).ok());
      }
    }
    ASSERT_TRUE((*w)->Commit().ok());
    auto expect = [&](const IndexReader& r, const std::string& term, bool ranked) {
      std::vector<uint32_t> want;
      for (int i = 0; i < 400; ++i) {
        const bool has = term == "mix" || (term == "e5"   ? (i < 300 && i % 2 == 0) || i == 301
                                           : term == "e4" ? i == 5 || i == 205
                                           : term == "e3" ? i % 40 == 1
                                                          : (term == "e1") == (i % 3 == 0));
        if (has && !deleted(i)) want.push_back(static_cast<uint32_t>(*r.LookupId("d" + std::to_string(i))));
      }
      std::vector<uint32_t> got;
      for (const Segment& seg : r.segments()) {
        TermInfo info;
        if (!seg.field("body.exact")->FindTerm(term, &info)) continue;
        if (info.doc_freq >= 2) {
          EXPECT_EQ(info.stem_ord != 0, ranked) << term;
        }
        PostingsIterator it;
        seg.field("body.exact")->Postings(info, &it);
        for (uint32_t d = it.Next(); d != kNoMoreDocs; d = it.Next()) {
          if (seg.IsLive(d)) got.push_back(seg.doc_base() + d);
          EXPECT_EQ(it.freq(), 1u);
        }
        EXPECT_TRUE(it.status().ok()) << it.status().ToString();
      }
      EXPECT_EQ(got, want) << term;
    };
    {
      auto r = IndexReader::Open(env.get(), "/idx");
      ASSERT_TRUE(r.ok());
      ASSERT_EQ((*r)->segments().size(), 4u);
      for (const char* t : {"e1", "e2", "e3", "e4", "e5"}) expect(**r, t, true);
      expect(**r, "mix", false);
    }
    ASSERT_TRUE((*w)->ForceMerge(1).ok());
    ASSERT_TRUE((*w)->Commit().ok());
    Status s = Check(env.get(), "/idx");
    ASSERT_TRUE(s.ok()) << s.ToString();
    auto r = IndexReader::Open(env.get(), "/idx");
    ASSERT_TRUE(r.ok());
    ASSERT_EQ((*r)->segments().size(), 1u);
    EXPECT_FALSE((*r)->segments()[0].has_deletions());
    for (const char* t : {"e1", "e2", "e3", "e4", "e5"}) expect(**r, t, true);
    expect(**r, "mix", false);
  }
}

// A flush whose fields hold more than 2^16 postings decodes them on a second thread while it
// writes (SegmentBuffer::WriteFieldTerms): the segment must read back as the model says, and
// rank-coded exact forms must keep their ranks, as with the one-thread flush of small fields.
TEST(IndexWriterTest, LargeFlushMatchesModel) {
  auto env = base::NewMemEnv();
  IndexWriterOptions o;
  o.merge.enabled = false;
  auto w = IndexWriter::Open(env.get(), "/idx", o);
  ASSERT_TRUE(w.ok());
  std::mt19937_64 rng(7);
  Model model;
  for (int i = 0; i < 4500; ++i) {
    auto d = RandomDoc(rng, "doc" + std::to_string(i));
    ASSERT_TRUE((*w)->AddDocument(d.ToDocument()).ok());
    model[d.id] = d;
  }
  // Doc i: stem "s" with exact form "e<i % 5>" at position 0, stem "t" with "f" at 1.
  constexpr int kRanked = 40000;
  for (int i = 0; i < kRanked; ++i) {
    IndexDocument doc;
    doc.set_id("r" + std::to_string(i));
    const size_t b = doc.AddTextField("stems");
    const size_t e = doc.AddTextField("stems.exact", TextFieldOptions{.positions = false});
    doc.AddToken(e, "e" + std::to_string(i % 5), 0, doc.AddToken(b, "s", 0));
    doc.AddToken(e, "f", 1, doc.AddToken(b, "t", 1));
    ASSERT_TRUE((*w)->AddDocument(doc).ok());
  }
  ASSERT_TRUE((*w)->Commit().ok());
  auto r = IndexReader::Open(env.get(), "/idx");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ((*r)->segments().size(), 1u);
  const Segment& seg = (*r)->segments()[0];
  // The two-thread path ran: more than 2^16 postings in "body" and in "stems.exact".
  for (const char* name : {"body", "stems.exact"}) {
    uint64_t postings = 0;
    TermIterator it(seg.field(name));
    for (it.SeekToFirst(); it.Valid(); it.Next()) postings += it.info().doc_freq;
    EXPECT_GT(postings, uint64_t{1} << 16) << name;
  }
  // The exact forms' documents, read through their ranks in the stems' lists.
  for (const char* form : {"e0", "e3", "f"}) {
    TermInfo info;
    ASSERT_TRUE(seg.field("stems.exact")->FindTerm(form, &info)) << form;
    EXPECT_NE(info.stem_ord, 0u) << form;  // rank-coded
    std::vector<uint32_t> want;
    for (int i = form[0] == 'f' ? 0 : form[1] - '0'; i < kRanked; i += form[0] == 'f' ? 1 : 5) {
      want.push_back(*seg.LookupId("r" + std::to_string(i)));
    }
    std::vector<uint32_t> got;
    PostingsIterator it;
    seg.field("stems.exact")->Postings(info, &it);
    for (uint32_t d = it.Next(); d != kNoMoreDocs; d = it.Next()) got.push_back(d);
    EXPECT_TRUE(it.status().ok()) << it.status().ToString();
    EXPECT_EQ(got, want) << form;
  }
  Status s = Check(env.get(), "/idx");
  EXPECT_TRUE(s.ok()) << s.ToString();
  // The random documents against the model, without the others.
  for (int i = 0; i < kRanked; ++i) {
    ASSERT_TRUE((*w)->DeleteDocument("r" + std::to_string(i)).ok());
  }
  ASSERT_TRUE((*w)->Commit().ok());
  ExpectMatchesModel(*(*w)->Snapshot(), model);
}

// A merge reads its sources on a second thread while it writes (MergeSegments, two_stage.h),
// in batches that split a term with more postings than one holds: the merged segment must
// read back as the documents say, positions, frequencies and exact forms' ranks included,
// with and without deleted documents (which take the merge off its rank look-ups).
TEST(IndexWriterTest, LargeMergeMatchesModel) {
  for (const bool deletions : {false, true}) {
    SCOPED_TRACE(deletions);
    auto env = base::NewMemEnv();
    IndexWriterOptions o;
    o.merge.enabled = false;
    auto w = IndexWriter::Open(env.get(), "/idx", o);
    ASSERT_TRUE(w.ok());
    constexpr int kPerSegment = 15000, kSegments = 3, kDocs = kPerSegment * kSegments;
    for (int i = 0; i < kDocs; ++i) {
      // Doc i: stem "s" with exact form "e<i % 5>", stem "t" with "f"; and in "words", "w" at
      // 0, 2 and 4 (135,000 positions: more than one batch) around "x<i % 3>" at 1 and 3.
      IndexDocument doc;
      doc.set_id("r" + std::to_string(i));
      const size_t b = doc.AddTextField("stems");
      const size_t e = doc.AddTextField("stems.exact", TextFieldOptions{.positions = false});
      const size_t words = doc.AddTextField("words");
      doc.AddToken(e, "e" + std::to_string(i % 5), 0, doc.AddToken(b, "s", 0));
      doc.AddToken(e, "f", 1, doc.AddToken(b, "t", 1));
      for (uint32_t p = 0; p < 5; ++p) {
        doc.AddToken(words, p % 2 == 0 ? std::string("w") : "x" + std::to_string(i % 3), p);
      }
      ASSERT_TRUE((*w)->AddDocument(doc).ok());
      if ((i + 1) % kPerSegment == 0) {
        ASSERT_TRUE((*w)->Commit().ok());
      }
    }
    std::set<int> deleted;
    if (deletions) {
      for (int i : {7, 14999, 15000, 30001, 44999}) {
        ASSERT_TRUE((*w)->DeleteDocument("r" + std::to_string(i)).ok());
        deleted.insert(i);
      }
      ASSERT_TRUE((*w)->Commit().ok());
    }
    ASSERT_EQ((*w)->Snapshot()->segments().size(), size_t{kSegments});
    ASSERT_TRUE((*w)->ForceMerge(1).ok());
    ASSERT_TRUE((*w)->Commit().ok());
    auto r = IndexReader::Open(env.get(), "/idx");
    ASSERT_TRUE(r.ok());
    ASSERT_EQ((*r)->segments().size(), 1u);
    const Segment& seg = (*r)->segments()[0];
    // Merged ids follow the sources' order, deleted documents dropped.
    std::vector<uint32_t> live;
    for (int i = 0; i < kDocs; ++i) {
      if (deleted.count(i) == 0) live.push_back(*seg.LookupId("r" + std::to_string(i)));
    }
    {
      TermInfo info;
      ASSERT_TRUE(seg.field("words")->FindTerm("w", &info));
      PostingsIterator it;
      seg.field("words")->Postings(info, &it, /*positions=*/true);
      size_t n = 0;
      for (uint32_t d = it.Next(); d != kNoMoreDocs; d = it.Next(), ++n) {
        ASSERT_LT(n, live.size());
        ASSERT_EQ(d, live[n]);
        ASSERT_EQ(it.freq(), 3u);
        uint32_t pos[3];
        ASSERT_EQ(it.ReadPositions(pos), 3u);
        EXPECT_EQ(pos[0], 0u);
        EXPECT_EQ(pos[1], 2u);
        EXPECT_EQ(pos[2], 4u);
      }
      EXPECT_TRUE(it.status().ok()) << it.status().ToString();
      EXPECT_EQ(n, live.size());
    }
    for (const char* form : {"e0", "e3", "f", "x1"}) {
      const char* field = form[0] == 'x' ? "words" : "stems.exact";
      TermInfo info;
      ASSERT_TRUE(seg.field(field)->FindTerm(form, &info)) << form;
      if (form[0] != 'x') {
        EXPECT_NE(info.stem_ord, 0u) << form;  // rank-coded
      }
      const int step = form[0] == 'f' ? 1 : form[0] == 'x' ? 3 : 5;
      std::vector<uint32_t> want;
      for (int i = form[0] == 'f' ? 0 : form[1] - '0'; i < kDocs; i += step) {
        if (deleted.count(i) == 0) want.push_back(*seg.LookupId("r" + std::to_string(i)));
      }
      std::vector<uint32_t> got;
      PostingsIterator it;
      seg.field(field)->Postings(info, &it);
      for (uint32_t d = it.Next(); d != kNoMoreDocs; d = it.Next()) got.push_back(d);
      EXPECT_TRUE(it.status().ok()) << it.status().ToString();
      EXPECT_EQ(got, want) << form;
    }
    Status s = Check(env.get(), "/idx");
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
}

// Runs with the indexing thread and inline (the parameter), with the same checks.
class RandomWorkloadTest : public ::testing::TestWithParam<bool> {};

TEST_P(RandomWorkloadTest, MatchesModel) {
  const uint64_t seed = Seed();
  std::mt19937_64 rng(seed);
  auto env = base::NewMemEnv();
  Model model;
  auto options = [] {
    IndexWriterOptions o = SmallOptions();
    o.background_indexing = GetParam();
    return o;
  };
  auto w = IndexWriter::Open(env.get(), "/idx", options());
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  int next_id = 0;
  for (int step = 0; step < 1400; ++step) {
    const int op = static_cast<int>(rng() % 100);
    if (op < 70 || model.empty()) {
      // Add (30% of them replace an existing id).
      std::string id;
      if (!model.empty() && rng() % 10 < 3) {
        auto it = model.begin();
        std::advance(it, rng() % model.size());
        id = it->first;
      } else {
        id = "id" + std::to_string(next_id++);
      }
      auto d = RandomDoc(rng, id);
      ASSERT_TRUE((*w)->AddDocument(d.ToDocument()).ok());
      model[id] = d;
    } else if (op < 85) {
      std::string id = "id" + std::to_string(rng() % (next_id + 5));
      auto r = (*w)->DeleteDocument(id);
      ASSERT_TRUE(r.ok());
      EXPECT_EQ(*r, model.erase(id) == 1) << id;
    } else if (op < 92) {
      ASSERT_TRUE((*w)->Commit().ok());
      if (rng() % 4 == 0) ExpectMatchesModel(*(*w)->Snapshot(), model);
    } else if (op < 96) {
      ASSERT_TRUE((*w)->Refresh().ok());
      if (rng() % 3 == 0) ExpectMatchesModel(*(*w)->Snapshot(), model);
    } else if (op < 98) {
      ASSERT_TRUE((*w)->ForceMerge(1 + static_cast<int>(rng() % 3)).ok());
    } else {
      // Close and reopen: the log brings back what was not committed.
      w->reset();
      w = IndexWriter::Open(env.get(), "/idx", options());
      ASSERT_TRUE(w.ok()) << w.status().ToString();
      ASSERT_TRUE((*w)->Refresh().ok());
      ExpectMatchesModel(*(*w)->Snapshot(), model);
    }
    if (::testing::Test::HasFailure()) {
      FAIL() << "step " << step << " seed " << seed;
    }
  }
  ASSERT_TRUE((*w)->Commit().ok());
  ExpectMatchesModel(*(*w)->Snapshot(), model);
  auto r = IndexReader::Open(env.get(), "/idx");
  ASSERT_TRUE(r.ok());
  ExpectMatchesModel(**r, model);
  Status s = Check(env.get(), "/idx");
  EXPECT_TRUE(s.ok()) << s.ToString();
  ASSERT_TRUE((*w)->ForceMerge(1).ok());
  ASSERT_TRUE((*w)->Commit().ok());
  EXPECT_EQ((*w)->Snapshot()->segments().size(), 1u);
  EXPECT_FALSE((*w)->Snapshot()->segments()[0].has_deletions());
  ExpectMatchesModel(*(*w)->Snapshot(), model);
  s = Check(env.get(), "/idx");
  EXPECT_TRUE(s.ok()) << s.ToString();
}

INSTANTIATE_TEST_SUITE_P(IndexingThread, RandomWorkloadTest, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "Background" : "Inline"; });

}  // namespace
}  // namespace rasd::index
