// The postings codec against plain vectors: random lists of every awkward length (around
// the 128-doc block size), dense and sparse gaps, large frequencies and positions; Next,
// NextGEQ with random targets, skipped and read positions, and the block-max data
// (ShallowAdvance, block and term impacts bound every posting). Field "f.x" holds rank-coded
// lists (subsets of field "f"'s, FORMAT.md section 6) and goes through the same checks.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "rasd/base/coding.h"
#include "rasd/base/mem_env.h"
#include "rasd/index/internal/field_data.h"
#include "rasd/index/internal/format.h"
#include "rasd/index/internal/postings_writer.h"
#include "rasd/index/postings.h"
#include "rasd/index/testing/segment_builder.h"

namespace rasd::index {
namespace {

using testing::FieldSpec;
using testing::TermPostings;

uint64_t Seed() {
  const uint64_t seed = std::random_device()();
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  return seed;
}

TEST(FieldLengthTest, MonotonicAndLowerBound) {
  uint8_t prev = 0;
  for (uint32_t len = 0; len < (1u << 21); len += 1 + len / 1000) {
    const uint8_t b = EncodeFieldLength(len);
    EXPECT_GE(b, prev);
    prev = b;
    EXPECT_LE(DecodeFieldLength(b), len);
    if (b < 255) {
      EXPECT_EQ(EncodeFieldLength(DecodeFieldLength(b)), b);
      // Relative error below 1/16.
      EXPECT_LT(len - DecodeFieldLength(b), len / 16 + 1);
    }
  }
  for (uint32_t len = 0; len < 32; ++len) EXPECT_EQ(DecodeFieldLength(EncodeFieldLength(len)), len);
  EXPECT_EQ(EncodeFieldLength(0xFFFFFFFFu), 255);
}

struct List {
  std::vector<uint32_t> docs, freqs;
  std::vector<std::vector<uint32_t>> positions;
};

List RandomList(std::mt19937_64& rng, uint32_t n, uint32_t max_doc, bool big_freqs) {
  List l;
  // Choose n distinct docs below max_doc.
  std::vector<uint32_t> all;
  if (n * 4 > max_doc) {
    for (uint32_t d = 0; d < max_doc; ++d) all.push_back(d);
    std::shuffle(all.begin(), all.end(), rng);
    all.resize(n);
  } else {
    std::set<uint32_t> s;
    while (s.size() < n) s.insert(static_cast<uint32_t>(rng() % max_doc));
    all.assign(s.begin(), s.end());
  }
  std::sort(all.begin(), all.end());
  l.docs = all;
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t f = 1 + static_cast<uint32_t>(rng() % 3 == 0 ? rng() % 5 : 0);
    if (big_freqs && rng() % 50 == 0) f = 1 + static_cast<uint32_t>(rng() % 300);
    l.freqs.push_back(f);
    std::vector<uint32_t> pos;
    uint32_t p = static_cast<uint32_t>(rng() % 100);
    for (uint32_t k = 0; k < f; ++k) {
      pos.push_back(p);
      p += static_cast<uint32_t>(rng() % 4 == 0 ? rng() % 100000 : rng() % 3);
    }
    l.positions.push_back(pos);
  }
  return l;
}

class PostingsTest : public ::testing::Test {
 protected:
  // norms: every document's norm byte; random when null.
  void Build(uint32_t max_doc, const std::vector<List>& lists, std::mt19937_64& rng,
             const std::vector<uint8_t>* norms = nullptr) {
    max_doc_ = max_doc;
    lists_ = lists;
    FieldSpec text{"f", FieldKind::kText, true, {}, {}};
    FieldSpec nopos{"g", FieldKind::kText, false, {}, {}};
    FieldSpec kw{"k", FieldKind::kKeyword, false, {}, {}};
    FieldSpec exact{"f.x", FieldKind::kText, false, {}, {}};
    exact.parent = "f";
    norms_.resize(max_doc);
    for (auto& n : norms_) n = static_cast<uint8_t>(1 + rng() % 254);
    if (norms != nullptr) norms_ = *norms;
    text.norms = norms_;
    nopos.norms = norms_;
    exact.norms = norms_;
    exact_.clear();
    for (size_t i = 0; i < lists.size(); ++i) {
      char name[32];
      std::snprintf(name, sizeof(name), "t%05zu", i);
      text.terms.push_back({name, lists[i].docs, lists[i].freqs, lists[i].positions});
      nopos.terms.push_back({name, lists[i].docs, lists[i].freqs, {}});
      kw.terms.push_back({name, lists[i].docs, {}, {}});
      // An exact form of stem i: a random subset of its documents (all of them, most, or a
      // few), each at most as frequent; every fifth without a stem (coded absolutely).
      List e;
      const uint32_t keep = static_cast<uint32_t>(rng() % 3 == 0 ? 100 : 1 + rng() % 100);
      for (size_t j = 0; j < lists[i].docs.size(); ++j) {
        if (rng() % 100 < keep) {
          e.docs.push_back(lists[i].docs[j]);
          e.freqs.push_back(1 + static_cast<uint32_t>(rng() % lists[i].freqs[j]));
        }
      }
      if (e.docs.empty()) {
        e.docs.push_back(lists[i].docs.back());
        e.freqs.push_back(1);
      }
      exact.terms.push_back({name, e.docs, e.freqs, {}, i % 5 == 4 ? -1 : static_cast<int64_t>(i)});
      exact_.push_back(std::move(e));
    }
    auto core = testing::BuildSegment(env_.get(), "/seg", 1, max_doc, {text, nopos, kw, exact});
    ASSERT_TRUE(core.ok()) << core.status().ToString();
    core_ = *core;
  }

  void Verify(std::mt19937_64& rng) {
    for (const std::string fname : {"f", "g", "k", "f.x"}) {
      const FieldReader* field = core_->Field(fname);
      ASSERT_NE(field, nullptr);
      const bool text = field->kind() == FieldKind::kText;
      for (size_t i = 0; i < lists_.size(); ++i) {
        const List& l = fname == "f.x" ? exact_[i] : lists_[i];
        char name[32];
        std::snprintf(name, sizeof(name), "t%05zu", i);
        TermInfo info;
        ASSERT_TRUE(field->FindTerm(name, &info)) << name;
        ASSERT_EQ(info.doc_freq, l.docs.size());
        if (fname == "f.x") {
          ASSERT_EQ(info.stem_ord, i % 5 == 4 ? 0u : i + 1);
        }
        PostingsIterator it;
        // 1. Next over everything, positions for a random subset of docs.
        field->Postings(info, &it, true);
        for (size_t j = 0; j < l.docs.size(); ++j) {
          ASSERT_EQ(it.Next(), l.docs[j]) << fname << " " << name << " j=" << j;
          ASSERT_EQ(it.freq(), text ? l.freqs[j] : 1u);
          ASSERT_EQ(it.rank(), j);
          if (field->has_positions() && rng() % 3 != 0) {
            for (uint32_t k = 0; k < l.freqs[j]; ++k) {
              ASSERT_EQ(it.NextPosition(), l.positions[j][k]) << name << " j=" << j << " k=" << k;
            }
          }
        }
        ASSERT_EQ(it.Next(), kNoMoreDocs);
        ASSERT_TRUE(it.status().ok()) << it.status().ToString();
        // 2. NextGEQ with random targets, mixed with Next and positions.
        field->Postings(info, &it, true);
        uint32_t target = 0;
        size_t j = 0;
        uint32_t positions_read = kNoMoreDocs;
        while (true) {
          const int step = static_cast<int>(rng() % 4);
          uint32_t got;
          if (step == 0) {
            got = it.Next();
            j = std::upper_bound(l.docs.begin(), l.docs.end(), j == 0 && target == 0 ? kNoMoreDocs : 0) - l.docs.begin();
            // Recompute j from the doc returned.
            j = std::lower_bound(l.docs.begin(), l.docs.end(), got) - l.docs.begin();
          } else {
            target += static_cast<uint32_t>(step == 1 ? rng() % 3 : rng() % (max_doc_ / 8 + 1));
            got = it.NextGEQ(target);
            const auto lb = std::lower_bound(l.docs.begin(), l.docs.end(), target);
            const uint32_t want = lb == l.docs.end() ? kNoMoreDocs : *lb;
            // NextGEQ never moves backwards.
            ASSERT_EQ(got, std::max(want, got == kNoMoreDocs ? want : got)) << name;
            ASSERT_TRUE(got == want || (got > target && got < want) || got >= target) << name;
            j = std::lower_bound(l.docs.begin(), l.docs.end(), got) - l.docs.begin();
          }
          if (got == kNoMoreDocs) break;
          ASSERT_LT(j, l.docs.size());
          ASSERT_EQ(got, l.docs[j]);
          ASSERT_EQ(it.freq(), text ? l.freqs[j] : 1u);
          // Positions are read at most once per document (NextGEQ may stay on a doc).
          if (field->has_positions() && got != positions_read && rng() % 2 == 0) {
            // One by one, all at once (ReadPositions), or some one by one and the rest at once.
            const uint32_t f = l.freqs[j];
            const uint32_t one_by_one = rng() % 3 == 0 ? f : static_cast<uint32_t>(rng() % (f + 1));
            for (uint32_t k = 0; k < one_by_one; ++k) ASSERT_EQ(it.NextPosition(), l.positions[j][k]);
            std::vector<uint32_t> rest(f - one_by_one + 1, 0xFFFFFFFFu);
            ASSERT_EQ(it.ReadPositions(rest.data()), f - one_by_one) << name;
            for (uint32_t k = one_by_one; k < f; ++k) ASSERT_EQ(rest[k - one_by_one], l.positions[j][k]);
            ASSERT_EQ(rest.back(), 0xFFFFFFFFu);  // nothing written past them
            positions_read = got;
          }
          target = got;
        }
        ASSERT_TRUE(it.status().ok());
        // 3. NextGEQWanted: the first document >= target that is >= limit or has a wanted
        // frequency (bit min(freq, 63)), against a scan of the list.
        field->Postings(info, &it, false);
        uint32_t at = 0;
        for (int step = 0; step < 400; ++step) {
          const uint64_t wanted = rng() % 4 == 0 ? ~uint64_t{0} : (rng() & rng() & rng());
          const uint32_t from = at + static_cast<uint32_t>(rng() % 3 == 0 ? rng() % (max_doc_ / 8 + 1) : rng() % 3);
          const uint32_t limit = rng() % 3 == 0 ? kNoMoreDocs : from + static_cast<uint32_t>(rng() % (max_doc_ / 4 + 1));
          const uint32_t got = it.NextGEQWanted(from, limit, wanted);
          uint32_t want = kNoMoreDocs;
          uint32_t want_freq = 0;
          for (size_t q = std::lower_bound(l.docs.begin(), l.docs.end(), from) - l.docs.begin(); q < l.docs.size(); ++q) {
            const uint32_t f = text ? l.freqs[q] : 1u;
            if (l.docs[q] >= limit || ((wanted >> std::min<uint32_t>(f, 63)) & 1) != 0) {
              want = l.docs[q];
              want_freq = f;
              break;
            }
          }
          ASSERT_EQ(got, want) << name << " from " << from << " limit " << limit;
          if (got == kNoMoreDocs) break;
          ASSERT_EQ(it.freq(), want_freq);
          at = got;
        }
        ASSERT_TRUE(it.status().ok());
        // 4. Block-max data: impacts bound the postings of their blocks.
        field->Postings(info, &it, false);
        const Impact term = it.term_impact();
        for (uint32_t t = 0; t < max_doc_;) {
          const uint32_t last = it.ShallowAdvance(t);
          if (last == kNoMoreDocs) {
            ASSERT_TRUE(l.docs.empty() || t > l.docs.back());
            break;
          }
          ASSERT_GE(last, t);
          const Impact bi = it.shallow_impact();
          const ImpactList& pairs = it.shallow_impacts();
          ASSERT_GE(pairs.size, 1u);
          ASSERT_LE(pairs.size, kMaxImpactPairs);
          for (uint32_t k = 1; k < pairs.size; ++k) {
            ASSERT_GT(pairs.pairs[k].max_freq, pairs.pairs[k - 1].max_freq);
            ASSERT_GT(pairs.pairs[k].min_norm, pairs.pairs[k - 1].min_norm);
          }
          ASSERT_EQ(it.shallow_block_last_doc(), last);
          // Every doc in [t, last] lies in that block and is bounded.
          const uint32_t lo = t;
          for (size_t q = std::lower_bound(l.docs.begin(), l.docs.end(), lo) - l.docs.begin();
               q < l.docs.size() && l.docs[q] <= last; ++q) {
            if (text) {
              ASSERT_GE(bi.max_freq, l.freqs[q]);
              ASSERT_LE(bi.min_norm, norms_[l.docs[q]]);
              bool covered = false;
              for (uint32_t k = 0; k < pairs.size; ++k) {
                covered = covered || (pairs.pairs[k].max_freq >= l.freqs[q] &&
                                      pairs.pairs[k].min_norm <= norms_[l.docs[q]]);
              }
              ASSERT_TRUE(covered) << name << " doc " << l.docs[q];
              ASSERT_GE(term.max_freq, l.freqs[q]);
              ASSERT_LE(term.min_norm, norms_[l.docs[q]]);
            }
          }
          ASSERT_TRUE(std::binary_search(l.docs.begin(), l.docs.end(), last)) << name;
          t = last + 1 + static_cast<uint32_t>(rng() % 3 == 0 ? rng() % 500 : 0);
          // Interleave real advances.
          if (rng() % 2 == 0) it.NextGEQ(t);
        }
        if (text) VerifyWitnesses(*field, info, l, rng);
        if (fname == "f.x") VerifyStemRanks(*field, info, i, rng);
      }
    }
  }

  // PostingsIterator::AppendWitnesses: nothing for a list of one block, at least one pair per
  // block otherwise, and the pairs can be given to different documents of the list that
  // meet them (the pair's norm, a frequency at least the pair's), wherever the iterator is.
  void VerifyWitnesses(const FieldReader& field, const TermInfo& info, const List& l,
                       std::mt19937_64& rng) {
    PostingsIterator it;
    field.Postings(info, &it, false);
    if (rng() % 2 == 0) it.NextGEQ(static_cast<uint32_t>(rng() % max_doc_));
    std::vector<Impact> witnesses;
    ASSERT_TRUE(it.AppendWitnesses(&witnesses));
    if (l.docs.size() <= kBlockSize) {
      ASSERT_TRUE(witnesses.empty());
      return;
    }
    ASSERT_GE(witnesses.size(), (l.docs.size() + kBlockSize - 1) / kBlockSize);
    // Per norm, sorted by frequency, the i-th largest pair needs the i-th largest document:
    // for sets nested like these, that is when a one-to-one assignment exists.
    std::map<uint8_t, std::vector<uint32_t>> wanted, held;
    for (const Impact& w : witnesses) wanted[w.min_norm].push_back(w.max_freq);
    for (size_t j = 0; j < l.docs.size(); ++j) held[norms_[l.docs[j]]].push_back(l.freqs[j]);
    for (auto& [norm, freqs] : wanted) {
      std::vector<uint32_t>& docs = held[norm];
      std::sort(freqs.rbegin(), freqs.rend());
      std::sort(docs.rbegin(), docs.rend());
      ASSERT_LE(freqs.size(), docs.size()) << "norm " << int{norm};
      for (size_t k = 0; k < freqs.size(); ++k) {
        ASSERT_LE(freqs[k], docs[k]) << "norm " << int{norm} << " pair " << k;
      }
    }
  }

  // The exact form of stem i iterated as ranks in the stem's list (StemRankPostings): each
  // rank is where its document stands in the stem's list, NextGEQ takes rank targets (mixed
  // with Next), and ShallowAdvance still answers in documents with bounding impacts.
  void VerifyStemRanks(const FieldReader& field, const TermInfo& info, size_t i,
                       std::mt19937_64& rng) {
    const List& stem = lists_[i];
    const List& l = exact_[i];
    std::vector<uint32_t> ranks;
    for (uint32_t d : l.docs) {
      ranks.push_back(static_cast<uint32_t>(
          std::lower_bound(stem.docs.begin(), stem.docs.end(), d) - stem.docs.begin()));
    }
    TermInfo stem_info;
    ASSERT_TRUE(core_->Field("f")->FindTerm(Name(i), &stem_info));
    PostingsIterator it;
    // With the stem's entry given (as a merge reads), the same documents; another term's
    // entry is refused.
    if (info.stem_ord == 0) {
      ASSERT_FALSE(field.Postings(info, stem_info, &it)) << Name(i);
    } else {
      ASSERT_TRUE(field.Postings(info, stem_info, &it)) << Name(i);
      for (size_t j = 0; j < l.docs.size(); ++j) {
        ASSERT_EQ(it.Next(), l.docs[j]) << Name(i) << " j=" << j;
        ASSERT_EQ(it.freq(), l.freqs[j]);
      }
      ASSERT_EQ(it.Next(), kNoMoreDocs);
      ASSERT_TRUE(it.status().ok()) << it.status().ToString();
      if (i > 0) {
        TermInfo other;
        ASSERT_TRUE(core_->Field("f")->FindTerm(Name(i - 1), &other));
        ASSERT_FALSE(field.Postings(info, other, &it));
      }
    }
    const bool coded = info.stem_ord != 0 && l.docs.size() >= 2;
    if (!coded) {
      ASSERT_FALSE(field.StemRankPostings(info, stem_info, &it)) << Name(i);
      return;
    }
    // Another term's stem is refused.
    if (i > 0) {
      TermInfo other;
      ASSERT_TRUE(core_->Field("f")->FindTerm(Name(i - 1), &other));
      ASSERT_FALSE(field.StemRankPostings(info, other, &it));
    }
    ASSERT_TRUE(field.StemRankPostings(info, stem_info, &it));
    for (size_t j = 0; j < ranks.size(); ++j) {
      ASSERT_EQ(it.Next(), ranks[j]) << Name(i) << " j=" << j;
      ASSERT_EQ(it.freq(), l.freqs[j]);
    }
    ASSERT_EQ(it.Next(), kNoMoreDocs);
    ASSERT_TRUE(it.status().ok()) << it.status().ToString();
    ASSERT_TRUE(field.StemRankPostings(info, stem_info, &it));
    uint32_t target = 0;  // the current rank, once started
    bool started = false;
    while (true) {
      // Next goes to the rank after the current one; NextGEQ to the first rank >= target
      // (the current one when it is >= target).
      const bool next = rng() % 4 == 0;
      if (!next) {
        target += static_cast<uint32_t>(rng() % 2 == 0 ? rng() % 3 : rng() % (stem.docs.size() / 4 + 1));
      }
      const uint32_t from = next && started ? target + 1 : target;
      started = true;
      const uint32_t got = next ? it.Next() : it.NextGEQ(target);
      const auto lb = std::lower_bound(ranks.begin(), ranks.end(), from);
      if (got == kNoMoreDocs) {
        ASSERT_TRUE(lb == ranks.end()) << Name(i) << " from " << from;
        break;
      }
      ASSERT_TRUE(lb != ranks.end());
      ASSERT_EQ(got, *lb) << Name(i) << " from " << from;
      const size_t j = lb - ranks.begin();
      ASSERT_EQ(it.freq(), l.freqs[j]);
      target = got;
    }
    ASSERT_TRUE(it.status().ok()) << it.status().ToString();
    ASSERT_TRUE(field.StemRankPostings(info, stem_info, &it));
    it.Next();
    for (uint32_t t = 0; t < max_doc_;) {
      const uint32_t last = it.ShallowAdvance(t);
      if (last == kNoMoreDocs) {
        ASSERT_GT(t, l.docs.back());
        break;
      }
      ASSERT_GE(last, t);
      const bool one_block = l.docs.size() <= kBlockSize;
      if (one_block) {
        ASSERT_EQ(last, kMaxSegmentDocs - 1);
      } else {
        ASSERT_TRUE(std::binary_search(l.docs.begin(), l.docs.end(), last)) << Name(i);
      }
      const ImpactList& pairs = it.shallow_impacts();
      for (size_t q = std::lower_bound(l.docs.begin(), l.docs.end(), t) - l.docs.begin();
           q < l.docs.size() && l.docs[q] <= last; ++q) {
        ASSERT_GE(pairs.summary().max_freq, l.freqs[q]) << Name(i) << " doc " << l.docs[q];
      }
      if (one_block) break;
      t = last + 1 + static_cast<uint32_t>(rng() % 3 == 0 ? rng() % 500 : 0);
      // Interleave real advances, in ranks.
      if (rng() % 2 == 0) {
        const size_t q = std::lower_bound(l.docs.begin(), l.docs.end(), t) - l.docs.begin();
        it.NextGEQ(q < ranks.size() ? ranks[q] : kNoMoreDocs - 1);
      }
    }
    ASSERT_TRUE(it.status().ok()) << it.status().ToString();
  }

  static std::string Name(size_t i) {
    char name[32];
    std::snprintf(name, sizeof(name), "t%05zu", i);
    return name;
  }

  std::unique_ptr<base::Env> env_ = base::NewMemEnv();
  uint32_t max_doc_ = 0;
  std::vector<List> lists_;
  std::vector<List> exact_;  // field "f.x"
  std::vector<uint8_t> norms_;
  std::shared_ptr<const internal::SegmentCore> core_;
};

TEST_F(PostingsTest, AwkwardLengths) {
  const uint64_t seed = Seed();
  std::mt19937_64 rng(seed);
  std::vector<List> lists;
  for (uint32_t n : {1u, 2u, 3u, 127u, 128u, 129u, 255u, 256u, 257u, 1000u, 4000u, 20000u}) {
    lists.push_back(RandomList(rng, n, 40000, true));
  }
  Build(40000, lists, rng);
  Verify(rng);
}

TEST_F(PostingsTest, DenseAndSparse) {
  const uint64_t seed = Seed();
  std::mt19937_64 rng(seed);
  std::vector<List> lists;
  lists.push_back(RandomList(rng, 3000, 3000, false));   // every doc: gaps of 0 bits
  lists.push_back(RandomList(rng, 300, 3000, true));
  List huge_gaps;
  for (uint32_t i = 0; i < 140; ++i) {
    huge_gaps.docs.push_back(i * 4000 + (i % 2));
    huge_gaps.freqs.push_back(1);
    huge_gaps.positions.push_back({i * 100000u});  // large absolute positions
  }
  lists.push_back(huge_gaps);
  Build(140 * 4000 + 10, lists, rng);
  Verify(rng);
}

// Blocks whose frequency grows with the norm keep 128 competitive pairs, merged down to
// kMaxImpactPairs: their witnesses are the merged pairs' norms, with the frequency of the pair
// before (VerifyWitnesses checks each is met). Lists of a few blocks and of one.
TEST_F(PostingsTest, WitnessesOfMergedImpactLists) {
  const uint64_t seed = Seed();
  std::mt19937_64 rng(seed);
  constexpr uint32_t kDocs = 2000;
  std::vector<uint8_t> norms(kDocs);
  for (uint32_t d = 0; d < kDocs; ++d) norms[d] = static_cast<uint8_t>(1 + d % 200);
  std::vector<List> lists;
  for (uint32_t n : {100u, 700u, 2000u}) {
    List l = RandomList(rng, n, kDocs, false);
    for (size_t j = 0; j < l.docs.size(); ++j) {
      l.freqs[j] = norms[l.docs[j]];
      l.positions[j].resize(l.freqs[j]);
      for (uint32_t k = 0; k < l.freqs[j]; ++k) l.positions[j][k] = k;
    }
    lists.push_back(std::move(l));
  }
  Build(kDocs, lists, rng, &norms);
  Verify(rng);
  // The full list's first block has 128 pairs on its frontier, so it was merged.
  TermInfo info;
  ASSERT_TRUE(core_->Field("f")->FindTerm(Name(2), &info));
  PostingsIterator it;
  core_->Field("f")->Postings(info, &it, false);
  it.ShallowAdvance(0);
  EXPECT_EQ(it.shallow_impacts().size, kMaxImpactPairs);
}

TEST_F(PostingsTest, ManyRandomLists) {
  const uint64_t seed = Seed();
  std::mt19937_64 rng(seed);
  std::vector<List> lists;
  for (int i = 0; i < 200; ++i) {
    const uint32_t n = 1 + static_cast<uint32_t>(rng() % (rng() % 4 == 0 ? 2000 : 40));
    lists.push_back(RandomList(rng, n, 5000, rng() % 2 == 0));
  }
  Build(5000, lists, rng);
  Verify(rng);
}

// A skip entry's impact pairs are read only for the block ShallowAdvance lands on, so a
// cursor that got there by NextGEQ, passing entries over unread, must give the pairs a walk
// reading every entry gives: with positions ("f"), without ("g"), and rank-coded ("f.x").
TEST_F(PostingsTest, ImpactsAfterJumpsMatchAStepByStepWalk) {
  const uint64_t seed = Seed();
  std::mt19937_64 rng(seed);
  const uint32_t max_doc = 20000;
  std::vector<List> lists;
  for (int i = 0; i < 30; ++i) {
    lists.push_back(RandomList(rng, 300 + static_cast<uint32_t>(rng() % 3000), max_doc, true));
  }
  Build(max_doc, lists, rng);
  for (const std::string fname : {"f", "g", "f.x"}) {
    const FieldReader* field = core_->Field(fname);
    ASSERT_NE(field, nullptr);
    for (size_t i = 0; i < lists.size(); ++i) {
      char name[32];
      std::snprintf(name, sizeof(name), "t%05zu", i);
      TermInfo info;
      ASSERT_TRUE(field->FindTerm(name, &info)) << name;
      std::vector<uint32_t> lasts;
      std::vector<ImpactList> pairs;
      PostingsIterator walk;
      field->Postings(info, &walk, false);
      for (uint32_t t = 0;;) {
        const uint32_t last = walk.ShallowAdvance(t);
        if (last == kNoMoreDocs) break;
        lasts.push_back(last);
        pairs.push_back(walk.shallow_impacts());
        t = last + 1;
      }
      ASSERT_TRUE(walk.status().ok()) << walk.status().ToString();
      if (fname != "f.x") {
        ASSERT_GE(lasts.size(), 3u) << name;
      }
      PostingsIterator it;
      field->Postings(info, &it, false);
      for (uint32_t target = 0;;) {
        target += static_cast<uint32_t>(rng() % (max_doc / 8));
        const uint32_t got = it.NextGEQ(target);
        if (got == kNoMoreDocs) break;
        const uint32_t probe = got + static_cast<uint32_t>(rng() % 3 == 0 ? rng() % 2000 : 0);
        const uint32_t last = it.ShallowAdvance(probe);
        const size_t b = std::lower_bound(lasts.begin(), lasts.end(), probe) - lasts.begin();
        if (b == lasts.size()) {
          ASSERT_EQ(last, kNoMoreDocs) << name;
          break;
        }
        ASSERT_EQ(last, lasts[b]) << fname << " " << name << " probe " << probe;
        const ImpactList& l = it.shallow_impacts();
        ASSERT_EQ(l.size, pairs[b].size) << fname << " " << name << " block " << b;
        for (uint32_t k = 0; k < l.size; ++k) {
          ASSERT_EQ(l.pairs[k].max_freq, pairs[b].pairs[k].max_freq) << name << " block " << b;
          ASSERT_EQ(l.pairs[k].min_norm, pairs[b].pairs[k].min_norm) << name << " block " << b;
        }
        target = std::max(target, probe);
      }
      ASSERT_TRUE(it.status().ok()) << it.status().ToString();
    }
  }
}

// Rank-coded lists (FORMAT.md section 6) whose bytes lie: a rank past the end of the stem's
// list, a stem ordinal out of range in the dictionary or in a TermInfo, and a writer given a
// document its stem does not have. Each is an error naming the file and offset, never a
// wrong posting.
class RankCodedCorruptionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    FieldSpec stems{"f", FieldKind::kText, false, {}, {}};
    stems.terms.push_back({"s", {1, 4, 6}, {2, 1, 3}, {}});
    FieldSpec exact{"f.x", FieldKind::kText, false, {}, {}};
    exact.parent = "f";
    exact.terms.push_back({"e", {1, 6}, {1, 3}, {}, 0});  // ranks 0 and 2
    auto core = testing::BuildSegment(env_.get(), "/seg", 1, 8, {stems, exact});
    ASSERT_TRUE(core.ok()) << core.status().ToString();
    meta_ = (*core)->meta;
    const internal::FieldData* d = FieldData(**core, "f.x");
    TermInfo info;
    ASSERT_TRUE((*core)->Field("f.x")->FindTerm("e", &info));
    ASSERT_EQ(info.stem_ord, 1u);
    doc_offset_ = info.doc_offset;
    block_offset_ = base::DecodeFixed64(reinterpret_cast<const char*>((*core)->tdx().data) + d->index_offset);
  }

  static const internal::FieldData* FieldData(const internal::SegmentCore& core,
                                              std::string_view name) {
    for (const auto& d : core.field_data) {
      if (d->name == name) return d.get();
    }
    return nullptr;
  }

  // Replaces byte `offset` of the segment file with extension `ext` and reopens the segment
  // without checksum verification (as a reader does).
  std::shared_ptr<const internal::SegmentCore> Damage(const char* ext, uint64_t offset,
                                                      uint8_t value) {
    const std::string path = std::string("/seg/seg_000001.") + ext;
    std::string data = *base::ReadFileToString(env_.get(), path);
    data[offset] = static_cast<char>(value);
    EXPECT_TRUE(base::WriteStringToFile(env_.get(), data, path, false).ok());
    auto core = internal::SegmentCore::Open(env_.get(), "/seg", meta_, false);
    EXPECT_TRUE(core.ok()) << core.status().ToString();
    return core.ok() ? *core : nullptr;
  }

  std::unique_ptr<base::Env> env_ = base::NewMemEnv();
  internal::SegmentMeta meta_;
  uint64_t doc_offset_ = 0;
  uint64_t block_offset_ = 0;
};

TEST_F(RankCodedCorruptionTest, ReadsBackWhenIntact) {
  auto core = internal::SegmentCore::Open(env_.get(), "/seg", meta_, true);
  ASSERT_TRUE(core.ok());
  const FieldReader* f = (*core)->Field("f.x");
  TermInfo info;
  ASSERT_TRUE(f->FindTerm("e", &info));
  PostingsIterator it;
  f->Postings(info, &it);
  EXPECT_EQ(it.Next(), 1u);
  EXPECT_EQ(it.freq(), 1u);
  EXPECT_EQ(it.Next(), 6u);
  EXPECT_EQ(it.freq(), 3u);
  EXPECT_EQ(it.Next(), kNoMoreDocs);
  EXPECT_TRUE(it.status().ok());
  // As ranks in the stem's list {1, 4, 6}.
  TermInfo stem;
  ASSERT_TRUE((*core)->Field("f")->FindTerm("s", &stem));
  ASSERT_TRUE(f->StemRankPostings(info, stem, &it));
  EXPECT_EQ(it.Next(), 0u);
  EXPECT_EQ(it.freq(), 1u);
  EXPECT_EQ(it.NextGEQ(1), 2u);
  EXPECT_EQ(it.freq(), 3u);
  EXPECT_EQ(it.Next(), kNoMoreDocs);
  EXPECT_TRUE(it.status().ok());
}

TEST_F(RankCodedCorruptionTest, RankPastTheStemsListIsCorruption) {
  // The list: max_freq, min_norm, then the tail (rank gap << 1 | freq == 1) per document.
  // A first gap of 2 makes the second rank 4, past the stem's 3 documents.
  auto core = Damage("doc", doc_offset_ + 2, 2 << 1 | 1);
  ASSERT_NE(core, nullptr);
  const FieldReader* f = core->Field("f.x");
  TermInfo info;
  ASSERT_TRUE(f->FindTerm("e", &info));
  TermInfo stem;
  ASSERT_TRUE(core->Field("f")->FindTerm("s", &stem));
  // Mapped to documents, and read as ranks (StemRankPostings): the same error.
  for (bool ranks : {false, true}) {
    PostingsIterator it;
    if (ranks) {
      ASSERT_TRUE(f->StemRankPostings(info, stem, &it));
    } else {
      f->Postings(info, &it);
    }
    while (it.Next() != kNoMoreDocs) {
    }
    ASSERT_TRUE(it.status().IsCorruption()) << ranks;
    EXPECT_NE(it.status().ToString().find("seg_000001.doc: at byte"), std::string::npos)
        << it.status().ToString();
    EXPECT_NE(it.status().ToString().find("rank past the end"), std::string::npos)
        << it.status().ToString();
  }
}

TEST_F(RankCodedCorruptionTest, StemOrdinalOutOfRangeIsCorruption) {
  // The block's first entry: term length, "e", doc freq code, then stem_ord + 1 (the parent
  // field has one term, so 5 is out of range).
  auto core = Damage("tdx", block_offset_ + 3, 5);
  ASSERT_NE(core, nullptr);
  TermIterator terms(core->Field("f.x"));
  terms.SeekToFirst();
  ASSERT_FALSE(terms.Valid());
  EXPECT_TRUE(terms.status().IsCorruption());
  EXPECT_NE(terms.status().ToString().find("stem ordinal out of range"), std::string::npos)
      << terms.status().ToString();
  // A TermInfo naming a stem the parent lacks fails on Postings too.
  TermInfo info;
  info.doc_freq = 2;
  info.total_term_freq = 2;
  info.doc_offset = doc_offset_;
  info.stem_ord = 9;
  PostingsIterator it;
  core->Field("f.x")->Postings(info, &it);
  EXPECT_EQ(it.Next(), kNoMoreDocs);
  EXPECT_TRUE(it.status().IsCorruption()) << it.status().ToString();
}

// Impact pairs out of order in a skip entry are corruption however the entry is reached: by
// a ShallowAdvance walk, which reads the pairs as it lands, or by a NextGEQ that steps over
// them and a ShallowAdvance that reads them later. Both readers of the pairs are tried: one-
// byte frequency gaps (odd documents at frequency 3) and two-byte ones (at 200).
TEST(SkipEntryCorruptionTest, ImpactsOutOfOrderAreReportedWhenRead) {
  for (const uint32_t high_freq : {3u, 200u}) {
    auto env = base::NewMemEnv();
    // 3000 documents, 24 blocks (the entry damaged is not among the last, whose pairs are
    // read byte by byte); every block's pairs are {1, norm 10} and {high_freq, norm 20}.
    FieldSpec g{"g", FieldKind::kText, false, {}, {}};
    TermPostings t{"t", {}, {}, {}};
    for (uint32_t d = 0; d < 3000; ++d) {
      t.docs.push_back(d);
      t.freqs.push_back(d % 2 == 0 ? 1 : high_freq);
      g.norms.push_back(d % 2 == 0 ? 10 : 20);
    }
    g.terms.push_back(t);
    auto core = testing::BuildSegment(env.get(), "/seg", 1, 3000, {g});
    ASSERT_TRUE(core.ok()) << core.status().ToString();
    const internal::SegmentMeta meta = (*core)->meta;
    // The pairs as coded: count 2, gap 0, norm 10, gap high_freq - 2, norm 20.
    std::string pairs = {2, 0, 10};
    base::PutVarint32(&pairs, high_freq - 2);
    pairs.push_back(20);
    std::string doc = *base::ReadFileToString(env.get(), "/seg/seg_000001.doc");
    size_t at = doc.find(pairs);
    ASSERT_NE(at, std::string::npos);
    at = doc.find(pairs, at + 1);  // block 1's entry (block 0's is read when the list opens)
    ASSERT_NE(at, std::string::npos);
    doc[at + pairs.size() - 1] = 5;  // the second norm below the first
    ASSERT_TRUE(base::WriteStringToFile(env.get(), doc, "/seg/seg_000001.doc", false).ok());
    auto damaged = internal::SegmentCore::Open(env.get(), "/seg", meta, false);
    ASSERT_TRUE(damaged.ok()) << damaged.status().ToString();
    const FieldReader* f = (*damaged)->Field("g");
    TermInfo info;
    ASSERT_TRUE(f->FindTerm("t", &info));
    for (const bool jump : {false, true}) {
      PostingsIterator it;
      f->Postings(info, &it, false);
      ASSERT_EQ(it.ShallowAdvance(0), 127u);
      if (jump) {
        ASSERT_EQ(it.NextGEQ(200), 200u);  // steps over block 1's pairs, unread
        EXPECT_TRUE(it.status().ok()) << it.status().ToString();
      }
      EXPECT_EQ(it.ShallowAdvance(200), kNoMoreDocs);
      ASSERT_TRUE(it.status().IsCorruption()) << high_freq << " " << jump;
      EXPECT_NE(it.status().ToString().find("seg_000001.doc: at byte"), std::string::npos)
          << it.status().ToString();
      EXPECT_NE(it.status().ToString().find("impacts out of order"), std::string::npos)
          << it.status().ToString();
    }
  }
}

TEST(RankCodedWriterTest, DocumentMissingFromTheStemIsRefused) {
  auto env = base::NewMemEnv();
  FieldSpec stems{"f", FieldKind::kText, false, {}, {}};
  stems.terms.push_back({"s", {1, 4}, {1, 1}, {}});
  FieldSpec exact{"f.x", FieldKind::kText, false, {}, {}};
  exact.parent = "f";
  exact.terms.push_back({"e", {1, 5}, {1, 1}, {}, 0});
  auto core = testing::BuildSegment(env.get(), "/seg", 1, 8, {stems, exact});
  EXPECT_EQ(core.status().code(), StatusCode::kInternal) << core.status().ToString();
}

// A term started with a stem without its documents, the ranks coming with AddDoc (as a flush
// of the in-memory buffer writes them): the same bytes as the ranks found in the stem's
// documents; ranks that repeat or pass the stem's size are refused.
TEST(RankCodedWriterTest, RanksGivenWithTheDocuments) {
  auto env = base::NewMemEnv();
  const std::vector<uint32_t> stem_docs = [] {
    std::vector<uint32_t> d;
    for (uint32_t i = 0; i < 1000; ++i) d.push_back(3 * i + i % 2);
    return d;
  }();
  std::vector<uint8_t> norms(3000, 7);
  // Every third stem document with a rank below 600: four full blocks and a tail.
  std::vector<uint32_t> ranks;
  for (uint32_t r = 0; r < 600; r += 1 + r % 3) ranks.push_back(r);
  auto write = [&](int mode, std::string* bytes) {
    const std::string path = "/w" + std::to_string(mode);
    auto doc = internal::FileWriter::Create(env.get(), path + ".doc", 1, 1);
    auto pos = internal::FileWriter::Create(env.get(), path + ".pos", 2, 1);
    EXPECT_TRUE(doc.ok() && pos.ok());
    internal::PostingsWriter w(doc->get(), pos->get());
    const internal::StemList with_docs{0, stem_docs.data(), static_cast<uint32_t>(stem_docs.size())};
    const internal::StemList without{0, nullptr, static_cast<uint32_t>(stem_docs.size())};
    w.StartTerm(true, false, norms.data(), mode == 0 ? &with_docs : &without);
    for (size_t i = 0; i < ranks.size(); ++i) {
      const uint32_t d = stem_docs[ranks[i]];
      if (mode == 0) {
        w.AddDoc(d, 1 + i % 4);
      } else if (mode == 1) {
        w.AddDoc(d, 1 + i % 4, ranks[i]);
      } else {
        // mode 2: a repeated rank; mode 3: one past the stem's list.
        const uint32_t r = i == 300 ? (mode == 2 ? ranks[i - 1] : 1000) : ranks[i];
        w.AddDoc(d, 1 + i % 4, r);
      }
    }
    TermInfo info;
    const Status s = w.FinishTerm(&info);
    EXPECT_TRUE((*doc)->Finish(0).ok());
    EXPECT_TRUE((*pos)->Finish(0).ok());
    *bytes = *base::ReadFileToString(env.get(), path + ".doc");
    if (s.ok()) {
      EXPECT_EQ(info.stem_ord, 1u);
    }
    return s;
  };
  std::string from_docs, from_ranks, bad;
  ASSERT_TRUE(write(0, &from_docs).ok());
  ASSERT_TRUE(write(1, &from_ranks).ok());
  EXPECT_EQ(from_docs, from_ranks);
  EXPECT_EQ(write(2, &bad).code(), StatusCode::kInternal);
  EXPECT_EQ(write(3, &bad).code(), StatusCode::kInternal);
}

// CompetitiveImpacts against the definition: a pair is competitive when no other posting has
// a frequency at least as large and a norm at least as small; beyond the cap the merged list
// still covers every posting.
TEST(CompetitiveImpactsTest, MatchesTheParetoFrontierAndCoversEveryPosting) {
  std::mt19937 rng(11);
  for (int round = 0; round < 2000; ++round) {
    const uint32_t n = 1 + rng() % kBlockSize;
    const uint32_t freq_range = 1 + rng() % (round % 2 == 0 ? 4 : 40);
    const uint32_t norm_range = 1 + rng() % (round % 3 == 0 ? 6 : 200);
    std::vector<uint32_t> freqs(n);
    std::vector<uint8_t> norms(n);
    for (uint32_t i = 0; i < n; ++i) {
      freqs[i] = 1 + rng() % freq_range;
      norms[i] = static_cast<uint8_t>(1 + rng() % norm_range);
    }
    std::vector<Impact> frontier;  // naive: every undominated (freq, norm), deduplicated
    for (uint32_t i = 0; i < n; ++i) {
      bool dominated = false;
      for (uint32_t j = 0; j < n && !dominated; ++j) {
        dominated = (freqs[j] >= freqs[i] && norms[j] <= norms[i]) &&
                    (freqs[j] != freqs[i] || norms[j] != norms[i]);
      }
      const bool seen = std::any_of(frontier.begin(), frontier.end(), [&](const Impact& p) {
        return p.max_freq == freqs[i] && p.min_norm == norms[i];
      });
      if (!dominated && !seen) frontier.push_back(Impact{freqs[i], norms[i]});
    }
    std::sort(frontier.begin(), frontier.end(),
              [](const Impact& a, const Impact& b) { return a.max_freq < b.max_freq; });
    const ImpactList got = CompetitiveImpacts(freqs.data(), norms.data(), n);
    if (frontier.size() <= kMaxImpactPairs) {
      ASSERT_EQ(got.size, frontier.size());
      for (uint32_t k = 0; k < got.size; ++k) {
        ASSERT_EQ(got.pairs[k].max_freq, frontier[k].max_freq);
        ASSERT_EQ(got.pairs[k].min_norm, frontier[k].min_norm);
      }
    } else {
      ASSERT_EQ(got.size, kMaxImpactPairs);
    }
    for (uint32_t i = 0; i < n; ++i) {
      bool covered = false;
      for (uint32_t k = 0; k < got.size; ++k) {
        covered = covered || (got.pairs[k].max_freq >= freqs[i] && got.pairs[k].min_norm <= norms[i]);
      }
      ASSERT_TRUE(covered);
    }
    const Impact summary = got.summary();
    ASSERT_EQ(summary.max_freq, *std::max_element(freqs.begin(), freqs.end()));
    ASSERT_EQ(summary.min_norm, *std::min_element(norms.begin(), norms.end()));
  }
}

}  // namespace
}  // namespace rasd::index
