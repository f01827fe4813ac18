// Snapshot-level reading: merged term enumeration (ForEachTerm) and statistics across
// segments, global doc ids, and the writer's id filters.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "rasd/base/mem_env.h"
#include "rasd/index/index_writer.h"
#include "rasd/index/internal/id_filter.h"
#include "rasd/index/testing/model.h"
#include "rasd/index/testing/segment_builder.h"

namespace rasd::index {
namespace {

// A writer whose every commit leaves a segment of its own (merges off).
auto OpenUnmerged(base::Env* env) {
  IndexWriterOptions o;
  o.merge.enabled = false;
  return IndexWriter::Open(env, "/idx", o);
}

TEST(ReaderTest, ForEachTermMergesSegments) {
  auto env = base::NewMemEnv();
  auto w = OpenUnmerged(env.get());
  ASSERT_TRUE(w.ok());
  std::mt19937_64 rng(3);
  for (int i = 0; i < 600; ++i) {
    ASSERT_TRUE((*w)->AddDocument(testing::RandomDoc(rng, "d" + std::to_string(i), 15).ToDocument()).ok());
    if (i % 150 == 149) {
      ASSERT_TRUE((*w)->Commit().ok());
    }
  }
  ASSERT_TRUE((*w)->Commit().ok());
  auto snap = (*w)->Snapshot();
  ASSERT_GE(snap->segments().size(), 4u);
  // Expected: per-term doc freqs summed over segments, from each segment's own dictionary.
  std::map<std::string, uint64_t> want;
  FieldStats stats;
  for (const Segment& seg : snap->segments()) {
    const FieldReader* f = seg.field("body");
    stats.doc_count += f->stats().doc_count;
    stats.sum_total_term_freq += f->stats().sum_total_term_freq;
    TermIterator it(f);
    for (it.SeekToFirst(); it.Valid(); it.Next()) want[std::string(it.term())] += it.info().doc_freq;
  }
  for (const std::string prefix : {"", "w1", "w12", "w1999", "zz"}) {
    std::map<std::string, uint64_t> got;
    std::string prev;
    ASSERT_TRUE(snap->ForEachTerm("body", prefix, [&](std::string_view t, uint64_t df) {
      EXPECT_TRUE(got.empty() || prev < t) << "not in order";
      prev = std::string(t);
      got[prev] = df;
      return true;
    }).ok());
    std::map<std::string, uint64_t> expect;
    for (const auto& [t, df] : want) {
      if (t.starts_with(prefix)) expect[t] = df;
    }
    EXPECT_EQ(got, expect) << "prefix " << prefix;
  }
  // Early stop.
  int calls = 0;
  ASSERT_TRUE(snap->ForEachTerm("body", "", [&](std::string_view, uint64_t) { return ++calls < 3; }).ok());
  EXPECT_EQ(calls, 3);
  // Statistics.
  EXPECT_EQ(snap->field_stats("body").doc_count, stats.doc_count);
  EXPECT_EQ(snap->field_stats("body").sum_total_term_freq, stats.sum_total_term_freq);
  EXPECT_EQ(snap->term_stats("body", want.begin()->first).doc_freq, want.begin()->second);
  EXPECT_EQ(snap->term_stats("body", "absent").doc_freq, 0u);
  EXPECT_EQ(snap->field_stats("nothing").doc_count, 0u);
  // Global doc ids map back to segments.
  for (uint32_t g = 0; g < snap->max_doc(); g += 37) {
    uint32_t local = 0;
    const Segment* seg = snap->SegmentOf(g, &local);
    ASSERT_NE(seg, nullptr);
    EXPECT_EQ(seg->doc_base() + local, g);
  }
  uint32_t local = 0;
  EXPECT_EQ(snap->SegmentOf(snap->max_doc(), &local), nullptr);
  EXPECT_EQ(snap->field_names(), (std::vector<std::string>{"_id", "body", "body.exact", "entity", "source", "title.nopos"}));
}

// ForEachId names each document once, deleted ones too, with the id its stored fields hold:
// across segments, with replaced versions in the same segment and in an older one.
TEST(ReaderTest, ForEachIdNamesEveryDocumentAsItsStoredFieldsDo) {
  auto env = base::NewMemEnv();
  auto w = OpenUnmerged(env.get());
  ASSERT_TRUE(w.ok());
  std::mt19937_64 rng(5);
  for (int i = 0; i < 400; ++i) {
    // Ids repeat: later versions replace earlier ones, in the same segment or across.
    const std::string id = "d" + std::to_string(rng() % 250);
    ASSERT_TRUE((*w)->AddDocument(testing::RandomDoc(rng, id, 5).ToDocument()).ok());
    if (i % 130 == 129) {
      ASSERT_TRUE((*w)->Commit().ok());
    }
  }
  ASSERT_TRUE((*w)->DeleteDocument("d7").ok());
  ASSERT_TRUE((*w)->Commit().ok());
  auto snap = (*w)->Snapshot();
  ASSERT_GE(snap->segments().size(), 3u);
  ASSERT_LT(snap->num_docs(), snap->max_doc());  // some versions are deleted
  std::vector<std::string> got(snap->max_doc());
  std::vector<int> calls(snap->max_doc(), 0);
  ASSERT_TRUE(snap->ForEachId([&](uint32_t doc, std::string_view id) {
    ASSERT_LT(doc, snap->max_doc());
    got[doc] = std::string(id);
    ++calls[doc];
  }).ok());
  StoredDocument stored;
  for (uint32_t doc = 0; doc < snap->max_doc(); ++doc) {
    ASSERT_TRUE(snap->GetStored(doc, &stored).ok());
    EXPECT_EQ(calls[doc], 1) << doc;
    EXPECT_EQ(got[doc], stored.id) << doc;
  }
}

TEST(ReaderTest, IdFilterHasNoFalseNegatives) {
  auto env = base::NewMemEnv();
  auto core = testing::BuildSegment(env.get(), "/s", 1, 20000, {});
  ASSERT_TRUE(core.ok());
  auto filter = internal::IdFilter::Build(*(*core)->id_field);
  ASSERT_TRUE(filter.ok());
  char name[32];
  for (uint32_t d = 0; d < 20000; ++d) {
    std::snprintf(name, sizeof(name), "doc%09u", d);
    ASSERT_TRUE((*filter)->MayContain(name)) << name;
  }
  int false_positives = 0;
  for (int i = 0; i < 20000; ++i) false_positives += (*filter)->MayContain("other" + std::to_string(i));
  EXPECT_LT(false_positives, 20000 / 20);  // well under 5%
}

}  // namespace
}  // namespace rasd::index
