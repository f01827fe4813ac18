// TermsLeaf: the leaf of a word (or prefix, or spelling variant), a disjunction of postings
// lists ("streams") scored as ONE BM25F term (bm25f.h). Defined in a header so that the
// traversal (max_score.cc) can call it without virtual dispatch when every leaf of a query is
// one (the common case of plain words).
//
// Primary streams decide where the leaf is; secondary streams (subsets of a primary stream, as
// an exact form's documents are of its stem's) are advanced only to score a document. A stream
// may be length-normalised by another field (an exact form by its stem field); its bound then
// takes the minimum length from that field's primary stream, whose block covers the same
// window.
//
// Thread-safety: one thread.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "rasd/index/index_reader.h"
#include "rasd/index/postings.h"
#include "rasd/search/bm25f.h"
#include "rasd/search/internal/leaf.h"

namespace rasd::search::internal {

struct StreamCursor {
  index::PostingsIterator* it = nullptr;
  const index::FieldReader* field = nullptr;
  // field's lengths (FieldReader::norms), read in Score without a call per document.
  const uint8_t* norms = nullptr;
  uint32_t num_norms = 0;
  const NormTable* table = nullptr;
  double weight = 0;
  bool secondary = false;  // read only when scoring (StreamSpec::secondary)
  // For a stream normalised by another stream's field: the index of that (primary) stream in
  // the leaf, whose impacts give the minimum length; -1 when it has none (then the bound
  // assumes the shortest length) or the stream uses its own field.
  int length_source = -1;
  bool own_length = true;
  // A secondary stream iterated as ranks in its length source's list (an exact form in its
  // stem's, FieldReader::StemRankPostings): its doc() is a rank, and it is on the leaf's
  // document when it stands at the length source's rank() there.
  bool by_rank = false;
};

// Buffers of TermsLeaf::ScoreWindow, shared by the leaves of a traversal. Between calls x
// is all zeros and on and has all clear (each call clears what it set).
struct StreamWindowScratch {
  // The most documents a window may span.
  static constexpr uint32_t kMaxSpan = 2048;
  static constexpr uint32_t kWords = kMaxSpan / 64;
  std::vector<double> x;             // by slot: the pseudo-frequency summed so far
  std::vector<uint64_t> on;          // bit per slot: the leaf stands on the document
  std::vector<uint64_t> has;         // per stream, bit per slot: the stream has the document
  std::vector<uint16_t> slot_of;     // per stream, by rank - first_rank: the document's slot
  std::vector<uint32_t> first_rank;  // per stream: the rank of its first document in the window
  std::vector<uint32_t> count;       // per stream: its documents in the window
  void Reserve(size_t streams) {
    if (x.size() < kMaxSpan) {
      x.assign(kMaxSpan, 0.0);
      on.assign(kWords, 0);
    }
    if (first_rank.size() < streams) {
      has.assign(streams * kWords, 0);
      slot_of.resize(streams * kMaxSpan);
      first_rank.resize(streams);
      count.resize(streams);
    }
  }
};

class TermsLeaf final : public Leaf {
 public:
  TermsLeaf(uint32_t id, double k1, double boost_idf, std::vector<StreamCursor> streams)
      : k1_(k1), boost_idf_(boost_idf), streams_(std::move(streams)) {
    id_ = id;
    terms_leaf_ = true;
    bool any_primary = false;
    for (const StreamCursor& s : streams_) any_primary = any_primary || !s.secondary;
    uint32_t first = index::kNoMoreDocs;
    lists_.resize(streams_.size());
    alone_.resize(streams_.size());
    for (size_t i = 0; i < streams_.size(); ++i) {
      StreamCursor& s = streams_[i];
      if (!any_primary) s.secondary = false;
      const uint32_t d = s.it->Next();
      if (!s.secondary) {
        if (primary_.empty() || s.it->cost() > streams_[scan_].it->cost()) scan_ = i;
        primary_.push_back(s.it);
        first = std::min(first, d);
        cost_ += s.it->cost();
      }
      lists_[i] = index::ImpactList::Of(s.it->term_impact());
    }
    max_score_ = Saturate(k1_, boost_idf_, BoundFromLists());
    // ScoreWindow reads the streams in their order: the primary ones first, the scan stream
    // last of them (Prune's exception, a document another primary stream stands on, is then
    // known when it is read), each secondary after every primary, and every list as
    // documents or, for an exact form, as ranks in its stem's.
    windows_ok_ = true;
    bool secondary_seen = false;
    size_t last_primary = 0;
    for (size_t i = 0; i < streams_.size(); ++i) {
      const StreamCursor& s = streams_[i];
      if (s.secondary) {
        secondary_seen = true;
      } else {
        windows_ok_ = windows_ok_ && !secondary_seen && !s.it->maps_ranks();
        last_primary = i;
      }
    }
    windows_ok_ = windows_ok_ && scan_ == last_primary;
    doc_ = first;
    // Until a ShallowAdvance finds other blocks, lists_ holds the term impacts, which bound
    // every block: block_bound_ = max_score_ is then the bound of any window.
    block_end_.assign(streams_.size(), 0);
    block_bound_ = max_score_;
  }

  uint32_t Advance(uint32_t target) override {
    if (doc_ >= target) return doc_;
    if (wanted_ != kAllFreqs) return AdvanceWanted(target);
    if (primary_.size() == 1) {
      doc_ = primary_[0]->NextGEQ(target);
      return doc_;
    }
    uint32_t m = index::kNoMoreDocs;
    for (index::PostingsIterator* it : primary_) {
      uint32_t d = it->doc();
      if (d < target) d = it->NextGEQ(target);
      m = std::min(m, d);
    }
    doc_ = m;
    return m;
  }

  // As Leaf::Probe, with Advance called directly (this class is final): the bulk windows
  // probe their non-essential leaves once per candidate.
  bool Probe(uint32_t target) override { return Advance(target) == target; }

  double Score() override {
    double x = 0;
    const index::FieldReader* norm_field = nullptr;
    uint8_t norm = 0;
    for (const StreamCursor& s : streams_) {
      if (s.by_rank) {
        // A subset of its length source: absent when that stream is not on doc_.
        const index::PostingsIterator* source = streams_[s.length_source].it;
        if (source->doc() != doc_) continue;
        const uint32_t rank = source->rank();
        if (s.it->NextGEQ(rank) != rank) continue;
      } else {
        uint32_t d = s.it->doc();
        if (s.secondary && d < doc_) {
          // A subset of its length source: absent when that stream is not on doc_.
          if (s.length_source >= 0 && streams_[s.length_source].it->doc() != doc_) continue;
          d = s.it->NextGEQ(doc_);
        }
        if (d != doc_) continue;
      }
      if (s.field != norm_field) {
        norm_field = s.field;
        norm = doc_ < s.num_norms ? s.norms[doc_] : 0;  // FieldReader::norm
      }
      x += StreamTf(s.weight, s.it->freq(), *s.table, norm);
    }
    return Saturate(k1_, boost_idf_, x);
  }

  // Term at a time, for a bulk window of a query without filters (Traversal::BulkWindow; in a
  // segment with deletions, emit drops the deleted documents): hands emit(doc, score) the
  // documents of [base, up_to] that
  // Advance would stop on, in increasing order, each with its Score, to the bit (each
  // document's pseudo-frequency is summed in stream order, as Score sums it). Each stream's
  // documents of the window are read in one pass over its decoded blocks, an exact form's by
  // its ranks in its stem's list, instead of moving every stream to every document. The
  // documents differ from Advance's in one case only, where neither can matter: under Prune,
  // a scan-stream document of an unwanted frequency at the window's start, which Advance
  // stops on when a stream already stands there. Leaves the streams past up_to, as the
  // document-at-a-time loop does. False, having done nothing, when the leaf's streams are
  // not in the order this needs (windows_ok_); up_to - base < StreamWindowScratch::kMaxSpan.
  template <typename Emit>
  bool ScoreWindow(uint32_t base, uint32_t up_to, StreamWindowScratch* w, Emit emit) {
    if (!windows_ok_) return false;
    const size_t n = streams_.size();
    w->Reserve(n);
    constexpr uint32_t kWords = StreamWindowScratch::kWords;
    constexpr uint32_t kSpan = StreamWindowScratch::kMaxSpan;
    double* const x = w->x.data();
    uint64_t* const on = w->on.data();
    const bool pruned = wanted_ != kAllFreqs;
    auto bit = [](const uint64_t* words, uint32_t slot) {
      return ((words[slot >> 6] >> (slot & 63)) & 1) != 0;
    };
    for (size_t i = 0; i < n; ++i) {
      StreamCursor& s = streams_[i];
      index::PostingsIterator* it = s.it;
      uint64_t* has = w->has.data() + i * kWords;
      uint16_t* slot_of = w->slot_of.data() + i * kSpan;
      w->count[i] = 0;
      if (!s.secondary || s.by_rank) {
        // Block by block: documents (a primary stream) or ranks (an exact form's).
        const bool ranks = s.by_rank;
        uint32_t lo = base, hi = up_to;
        const uint16_t* source_slot = nullptr;
        if (ranks) {
          const size_t src = static_cast<size_t>(s.length_source);
          if (w->count[src] == 0) continue;
          lo = w->first_rank[src];
          hi = lo + w->count[src] - 1;
          source_slot = w->slot_of.data() + src * kSpan;
        }
        const bool scan = pruned && i == scan_;
        uint32_t d = it->doc();
        if (d < lo) d = it->NextGEQ(lo);
        while (d <= hi) {
          const uint32_t* docs = nullptr;
          const uint32_t* freqs = nullptr;
          const uint32_t left = it->BlockFrom(&docs, &freqs);
          if (left == 0) break;
          if (!ranks && w->count[i] == 0) w->first_rank[i] = it->rank();
          uint32_t j = 0;
          for (; j < left && docs[j] <= hi; ++j) {
            const uint32_t f = freqs[j];
            if (ranks) {
              const uint32_t slot = source_slot[docs[j] - lo];
              if (bit(on, slot)) {
                x[slot] += StreamTf(s.weight, f, *s.table, Norm(s, base + slot));
              }
              continue;
            }
            const uint32_t slot = docs[j] - base;
            has[slot >> 6] |= uint64_t{1} << (slot & 63);
            slot_of[w->count[i]++] = static_cast<uint16_t>(slot);
            if (scan && !Wanted(f) && !bit(on, slot)) continue;
            x[slot] += StreamTf(s.weight, f, *s.table, Norm(s, docs[j]));
            on[slot >> 6] |= uint64_t{1} << (slot & 63);
          }
          d = j < left ? it->NextGEQ(docs[j]) : it->NextGEQ(docs[left - 1] + 1);
        }
      } else {
        // A secondary stream read as documents: on a document the leaf stands on whose
        // length source (if any) has it, as Score reads it.
        uint32_t d = it->doc();
        if (d < base) d = it->NextGEQ(base);
        for (; d <= up_to; d = it->Next()) {
          const uint32_t slot = d - base;
          if (!bit(on, slot)) continue;
          if (s.length_source >= 0 &&
              !bit(w->has.data() + static_cast<size_t>(s.length_source) * kWords, slot)) {
            continue;
          }
          x[slot] += StreamTf(s.weight, it->freq(), *s.table, Norm(s, d));
        }
      }
    }
    const uint32_t words = (up_to - base) / 64 + 1;
    for (uint32_t wd = 0; wd < words; ++wd) {
      for (uint64_t b = on[wd]; b != 0; b &= b - 1) {
        const uint32_t slot = wd * 64 + static_cast<uint32_t>(__builtin_ctzll(b));
        emit(base + slot, Saturate(k1_, boost_idf_, x[slot]));
        x[slot] = 0;
      }
      on[wd] = 0;
    }
    // Only a stream read as documents sets bits in its row, and then counts them: the rows
    // of the others are still clear. (Clearing every row word by word was 4% of the
    // several-word queries' instructions at 1M articles.)
    for (size_t i = 0; i < n; ++i) {
      if (w->count[i] != 0) std::fill_n(w->has.data() + i * kWords, words, uint64_t{0});
    }
    uint32_t m = index::kNoMoreDocs;
    for (index::PostingsIterator* p : primary_) m = std::min(m, p->doc());
    doc_ = m;
    return true;
  }

  uint32_t ShallowAdvance(uint32_t target) override {
    uint32_t up_to = index::kNoMoreDocs;
    bool same = true;
    for (size_t i = 0; i < streams_.size(); ++i) {
      StreamCursor& s = streams_[i];
      uint32_t end = index::kNoMoreDocs;
      if (s.it->doc() != index::kNoMoreDocs) end = s.it->ShallowAdvance(target);
      up_to = std::min(up_to, end);
      if (end == block_end_[i]) continue;
      same = false;
      block_end_[i] = end;
      if (end == index::kNoMoreDocs) {
        lists_[i].size = 0;
      } else {
        lists_[i] = s.it->shallow_impacts();
      }
    }
    if (!same) {
      block_bound_ = Saturate(k1_, boost_idf_, BoundFromLists());
      ++generation_;
    }
    return up_to;
  }

  // Within the window [.., up_to] of the last ShallowAdvance, in which `others` bounds what
  // every other leaf can add to a document's score and theta is the top k's threshold: lets
  // Advance pass over the documents of the scan stream (the primary stream with the most
  // documents, in practice the body) that are on no other primary stream and whose frequency
  // there gives a bound that cannot reach theta. This is block-max pruning within a block:
  // the window's impact list gives the smallest length a document with a given frequency can
  // have, so the frequency alone dismisses most documents of a common word (whose top k sit
  // near its largest score), scanned in the decoded block without being bounded one by one.
  // A document passed over that another leaf brings up is scored without this leaf, which
  // cannot bring it into the top k either. Unprune (for a leaf that is only probed, which
  // must see all its documents) passes over nothing. Returns whether documents may be passed
  // over (then the traversal no longer counts every match).
  bool Prune(double others, double theta, uint32_t up_to) override {
    wanted_ = kAllFreqs;
    window_limit_ = up_to + 1;
    // Frequencies above the window's largest cannot occur in it: judged or not, they change
    // nothing, and a common word's windows seldom go past a few.
    const uint32_t judged = std::min(kJudgedFreqs, lists_[scan_].summary().max_freq + 1);
    const double* bound = ScanBounds(2);
    auto wanted = [&](uint32_t f) {
      return (others + Saturate(k1_, boost_idf_, bound[f])) * kBoundSlack > theta;
    };
    if (wanted(1)) return false;  // most documents have frequency 1: nothing to gain
    bound = ScanBounds(judged);
    uint64_t w = ~uint64_t{0} << judged;  // larger frequencies are always wanted
    for (uint32_t f = 2; f < judged; ++f) {
      if (wanted(f)) w |= uint64_t{1} << f;
    }
    wanted_ = w;
    return true;
  }
  void Unprune() override { wanted_ = kAllFreqs; }

  // Only streams of kMinWitnessDocs to kMaxWitnessDocs documents are read by
  // KthWitnessScore: a shorter list's traversal is cheap whatever its threshold, and a longer
  // one's skip table (thousands of entries at a million articles) cost more than the seed
  // saved, its traversal reaching such a threshold within its first windows anyway
  // (docs/BENCHMARKS.md).
  static constexpr uint32_t kMinWitnessDocs = 8 * index::kBlockSize;
  static constexpr uint32_t kMaxWitnessDocs = 256 * index::kBlockSize;

  // A score that at least k different documents of the segment reach on this leaf alone, or
  // 0 when the leaf knows of fewer than k: the k-th largest score of the witnesses
  // (PostingsIterator::AppendWitnesses) of each stream normalised by its own field, the
  // largest over those streams (witnesses of different streams may be one document). Every
  // witness scores at least its pair's score here: the other streams only add to the
  // pseudo-frequency, and Saturate is monotone in it (bm25f.h). Deleted documents count: the
  // caller must know the segment has none. *witnesses and *scores are scratch.
  double KthWitnessScore(size_t k, std::vector<index::Impact>* witnesses,
                         std::vector<double>* scores) {
    double best = 0;
    if (k == 0) return best;
    for (const StreamCursor& s : streams_) {
      if (s.secondary || s.by_rank || !s.own_length || s.norms == nullptr) continue;
      const uint32_t docs = s.it->cost();
      if (docs < std::max<size_t>(k, kMinWitnessDocs) || docs > kMaxWitnessDocs) continue;
      witnesses->clear();
      if (!s.it->AppendWitnesses(witnesses) || witnesses->size() < k) continue;
      scores->clear();
      for (const index::Impact& w : *witnesses) {
        const double x = StreamTf(s.weight, w.max_freq, *s.table, w.min_norm);
        scores->push_back(Saturate(k1_, boost_idf_, x));
      }
      auto kth = scores->begin() + static_cast<std::ptrdiff_t>(k - 1);
      std::nth_element(scores->begin(), kth, scores->end(), std::greater<double>());
      best = std::max(best, *kth);
    }
    return best;
  }

 private:
  // The pseudo-frequency bound over the documents lists_ describe (size 0 marks a stream with
  // nothing left). Each stream alone is bounded by the best pair of its list; the stream with
  // the largest such bound (the pivot, in practice the body) is then taken pair by pair,
  // together with the secondary streams normalised by it, which on a document have at most
  // the pivot's frequency and exactly its length: max over the pivot's pairs of the sum, in
  // stream order as Score sums, so that the bound is never below a score, bit for bit.
  double BoundFromLists() {
    int pivot = -1;
    for (size_t i = 0; i < streams_.size(); ++i) {
      alone_[i] = Alone(i);
      const StreamCursor& s = streams_[i];
      if (s.own_length && !s.secondary && lists_[i].size > 1 &&
          (pivot < 0 || alone_[i] > alone_[pivot])) {
        pivot = static_cast<int>(i);
      }
    }
    if (pivot < 0) {
      double x = 0;
      for (size_t i = 0; i < streams_.size(); ++i) x += alone_[i];
      return x;
    }
    const index::ImpactList& pl = lists_[pivot];
    double best = 0;
    for (uint32_t k = 0; k < pl.size; ++k) {
      const index::Impact pair = pl.pairs[k];
      double x = 0;
      for (size_t i = 0; i < streams_.size(); ++i) {
        const StreamCursor& s = streams_[i];
        if (static_cast<int>(i) == pivot) {
          x += StreamBound(s.weight, pair.max_freq, *s.table, pair.min_norm);
        } else if (s.length_source == pivot) {
          if (lists_[i].size == 0) continue;
          const uint32_t freq = std::min(lists_[i].summary().max_freq, pair.max_freq);
          x += StreamBound(s.weight, freq, *s.table, pair.min_norm);
        } else {
          x += alone_[i];
        }
      }
      best = std::max(best, x);
    }
    return best;
  }

  // Stream i's bound on its own (0 when it has nothing left).
  double Alone(size_t i) const {
    const StreamCursor& s = streams_[i];
    const index::ImpactList& l = lists_[i];
    if (l.size == 0) return 0;
    if (!s.own_length) {
      // Normalised by another stream: its largest frequency at that stream's smallest length.
      // A length source with nothing left means this subset has nothing left either.
      if (s.length_source >= 0 && lists_[s.length_source].size == 0) return 0;
      return StreamBound(s.weight, l.summary().max_freq, *s.table, MinNorm(i));
    }
    double b = 0;
    for (uint32_t k = 0; k < l.size; ++k) {
      b = std::max(b, StreamBound(s.weight, l.pairs[k].max_freq, *s.table, l.pairs[k].min_norm));
    }
    return b;
  }

  // Stream i's share of the leaf's bound on a document on which the stream (a secondary
  // stream: its length source) has frequency `freq` and a norm no smaller than `norm` (the
  // smallest a document with that frequency has in the window, from the impact list of the
  // stream that gives the lengths: ScanBounds); 0 when the stream has nothing left.
  double FreqBoundAt(size_t i, uint32_t freq, uint8_t norm) const {
    const StreamCursor& s = streams_[i];
    const index::ImpactList& l = lists_[i];
    if (l.size == 0) return 0;
    if (!s.secondary)
      return StreamBound(s.weight, freq, *s.table, s.own_length ? norm : MinNorm(i));
    // Every occurrence of the subset is one of its source's, on a document of the same length.
    return StreamBound(s.weight, std::min(l.summary().max_freq, freq), *s.table, norm);
  }

  // The leaf's bound (pseudo-frequency) on a document on the scan stream, with frequency f
  // there, and on no other primary stream, into x[f] for every f in [1, n): the scan stream
  // and its secondaries, plus the secondaries of no known primary, summed in stream order.
  // The norm for f is that of the first pair of the scan stream's impact list with a
  // frequency >= f (norms grow with frequencies along the list), found for all f in one
  // walk: Prune asks for up to 15 frequencies in every window.
  // Kept while lists_ stays (with several words, most windows leave this leaf's blocks as
  // they were).
  const double* ScanBounds(uint32_t n) {
    if (scan_bounds_generation_ == generation_ && scan_bounds_n_ >= n) return scan_bounds_;
    scan_bounds_generation_ = generation_;
    scan_bounds_n_ = n;
    double* x = scan_bounds_;
    const index::ImpactList& scan = lists_[scan_];
    uint8_t norm[kJudgedFreqs];  // the smallest norm of frequency f in the window
    uint32_t k = 0;
    for (uint32_t f = 1; f < n; ++f) {
      while (k < scan.size && scan.pairs[k].max_freq < f) ++k;
      norm[f] = k < scan.size ? scan.pairs[k].min_norm : 0;
      x[f] = 0;
    }
    for (size_t i = 0; i < streams_.size(); ++i) {
      const StreamCursor& s = streams_[i];
      const index::ImpactList& l = lists_[i];
      if (i == scan_ || (s.secondary && s.length_source == static_cast<int>(scan_))) {
        if (l.size == 0) continue;
        for (uint32_t f = 1; f < n; ++f) x[f] += FreqBoundAt(i, f, norm[f]);
      } else if (s.secondary && s.length_source < 0) {
        for (uint32_t f = 1; f < n; ++f) x[f] += alone_[i];
      }
    }
    return x;
  }

  // Advance under Prune: the other primary streams move as usual; the scan stream skips the
  // documents before the next of theirs (and the window's end) whose frequency is unwanted.
  uint32_t AdvanceWanted(uint32_t target) {
    index::PostingsIterator* scan = streams_[scan_].it;
    uint32_t m = index::kNoMoreDocs;
    for (index::PostingsIterator* it : primary_) {
      if (it == scan) continue;
      uint32_t d = it->doc();
      if (d < target) d = it->NextGEQ(target);
      m = std::min(m, d);
    }
    const uint32_t d = scan->NextGEQWanted(target, std::min(m, window_limit_), wanted_);
    doc_ = std::min(m, d);
    return doc_;
  }

  // Stream s's length (norm byte) of document d, as Score reads it.
  static uint8_t Norm(const StreamCursor& s, uint32_t d) {
    return d < s.num_norms ? s.norms[d] : 0;
  }
  // Whether Prune wants the scan stream's documents of frequency f (NextGEQWanted's test).
  bool Wanted(uint32_t f) const { return ((wanted_ >> std::min<uint32_t>(f, 63)) & 1) != 0; }

  // The smallest norm stream i's documents can have in the current window.
  uint8_t MinNorm(size_t i) const {
    const StreamCursor& s = streams_[i];
    if (s.own_length) return lists_[i].summary().min_norm;
    return s.length_source >= 0 ? lists_[s.length_source].summary().min_norm : 0;
  }

  double k1_;
  double boost_idf_;
  std::vector<StreamCursor> streams_;
  std::vector<index::ImpactList> lists_;  // per stream: the window's competitive impacts
  std::vector<double> alone_;             // per stream: its bound on its own (BoundFromLists)
  // Per stream: the last document of the block lists_ describes (kNoMoreDocs: none), so that
  // a window within the same blocks reuses block_bound_ (with several words, most windows
  // end at another word's block and leave this leaf's blocks as they were).
  std::vector<uint32_t> block_end_;
  std::vector<index::PostingsIterator*> primary_;
  // Prune's state: the frequencies of the scan stream worth a look (bit f; from bit
  // kJudgedFreqs up always set), up to window_limit_.
  static constexpr uint64_t kAllFreqs = ~uint64_t{0};
  static constexpr uint32_t kJudgedFreqs = 16;
  size_t scan_ = 0;
  uint64_t wanted_ = kAllFreqs;
  uint32_t window_limit_ = index::kNoMoreDocs;
  uint32_t generation_ = 1;
  // ScanBounds' answers for frequencies [1, scan_bounds_n_), valid in their generation.
  double scan_bounds_[kJudgedFreqs];
  uint32_t scan_bounds_generation_ = 0;
  uint32_t scan_bounds_n_ = 0;
  bool windows_ok_ = false;  // ScoreWindow applies
};

}  // namespace rasd::search::internal
