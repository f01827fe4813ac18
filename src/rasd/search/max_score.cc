// Block-max MaxScore and the conjunction / match-all traversals (internal/top_k.h).
#include <algorithm>
#include <limits>
#include <type_traits>

#include "rasd/search/internal/terms_leaf.h"
#include "rasd/search/internal/top_k.h"

namespace rasd::search::internal {
namespace {

using index::kNoMoreDocs;

// Bulk windows (Traversal::BulkWindow): their largest span in documents, and the most leaves
// a query may have to use them (a bit each in a word). A leaf's row of scores is kBulkSpan
// doubles (16 KiB), so a few leaves' rows stay in the first caches; spans of 512 and 4096
// measured the same at 63k articles, 512 slower at 1M (docs/BENCHMARKS.md).
constexpr uint32_t kBulkSpan = 2048;
static_assert(kBulkSpan <= StreamWindowScratch::kMaxSpan,
              "a bulk window must fit TermsLeaf::ScoreWindow");
constexpr size_t kBulkMaxLeaves = 32;

// Sums of bounds are compared with the threshold inflated by kBoundSlack (leaf.h), except
// sums in leaf-id order, which need no slack: a score is summed in that order (Finish), each bound
// is at least the score it covers (bm25f.h), and IEEE addition is monotone in each operand,
// so the bound's sum is at least the score's, bit for bit. Such exact tests also prune
// documents whose bound EQUALS the threshold (a tie loses: it comes later in doc order);
// scores tie often (small frequencies and one-byte lengths, copies of one article), and the
// inflated test had to score every one of them.

class Traversal {
 public:
  Traversal(const SegmentQuery& q, Collector* c, TraversalStats* stats, TraversalScratch* s)
      : q_(q), c_(c), stats_(stats), s_(s) {
    s_->contrib.assign(q.leaves.size(), 0.0);
    s_->touched.clear();
    trivial_ = q.filter->trivial() && q.excluded.empty();
  }

  void Run() {
    if (q_.match_all) {
      MatchAll();
    } else if (q_.required.size() == 1 && q_.optional.empty()) {
      // One required group and nothing else (a phrase query): a document matches when one of
      // the group's leaves does and scores their sum, which is what a disjunction of them
      // computes, with its block-max windows; the conjunction's traversal would verify and
      // score every match.
      Disjunction(q_.required[0]);
    } else if (!q_.required.empty()) {
      Conjunction();
    } else if (!q_.optional.empty()) {
      Disjunction(q_.optional);
    }
  }

 private:
  bool Excluded(uint32_t doc) const {
    for (Leaf* l : q_.excluded) {
      if (l->doc() < doc) l->Advance(doc);
      if (l->doc() == doc) return true;
    }
    return false;
  }
  bool Passes(uint32_t doc) const {
    if (trivial_) return true;
    return q_.filter->Accept(doc) && !Excluded(doc);
  }
  // Where to look after `doc`: the next document, or after a rejected one the next document
  // the filter may pass (a jump over a run of rejected documents).
  uint32_t After(uint32_t doc, bool passed) const {
    return passed || trivial_ ? doc + 1 : q_.filter->NextPossible(doc + 1);
  }

  template <typename L>
  void Add(L* l) {
    const double s = l->Score();
    s_->contrib[l->id()] = s;
    s_->touched.push_back(l->id());
    partial_ += s;
  }

  // The canonical score: contributions summed in leaf-id order. Resets the buffers.
  double Finish() {
    std::sort(s_->touched.begin(), s_->touched.end());
    double score = 0;
    for (uint32_t id : s_->touched) {
      score += s_->contrib[id];
      s_->contrib[id] = 0;
    }
    s_->touched.clear();
    return score;
  }
  // The same for a traversal that holds its leaves in id order: summing every leaf's
  // contribution in that order, untouched ones as +0.0 (which leaves a non-negative sum as
  // it is, bit for bit), is cheaper than sorting the touched ones.
  template <typename L>
  double FinishInOrder(const std::vector<L*>& by_id) {
    double score = 0;
    for (L* l : by_id) {
      double& c = s_->contrib[l->id()];
      score += c;
      c = 0;
    }
    s_->touched.clear();
    return score;
  }
  void Discard() {
    for (uint32_t id : s_->touched) s_->contrib[id] = 0;
    s_->touched.clear();
  }

  void MatchAll() {
    const uint32_t max_doc = q_.segment->max_doc();
    for (uint32_t doc = 0; doc < max_doc; ++doc) {
      if (!Passes(doc)) continue;
      if (!c_->needs_all() && c_->threshold() >= 0) {
        stats_->complete = false;  // every score is 0: nothing later can enter
        return;
      }
      ++stats_->matches;
      c_->Collect(doc, 0.0);
    }
  }

  void Conjunction() {
    std::vector<std::vector<Leaf*>> groups;
    for (const std::vector<uint32_t>& ids : q_.required) {
      if (ids.empty()) return;
      std::vector<Leaf*> g;
      for (uint32_t id : ids) g.push_back(q_.leaves[id]);
      groups.push_back(std::move(g));
    }
    auto cost = [](const std::vector<Leaf*>& g) {
      uint64_t c = 0;
      for (Leaf* l : g) c += l->cost();
      return c;
    };
    std::sort(groups.begin(), groups.end(),
              [&](const auto& a, const auto& b) { return cost(a) < cost(b); });
    std::vector<Leaf*> optional;
    for (uint32_t id : q_.optional) optional.push_back(q_.leaves[id]);
    std::sort(optional.begin(), optional.end(),
              [](Leaf* a, Leaf* b) { return a->max_score() > b->max_score(); });
    std::vector<double> remaining(optional.size() + 1, 0.0);
    for (size_t i = optional.size(); i-- > 0;) {
      remaining[i] = remaining[i + 1] + optional[i]->max_score();
    }

    uint32_t target = 0;
    while (true) {
      // Leapfrog until every group has a leaf on the same document.
      bool aligned = false;
      while (!aligned) {
        aligned = true;
        for (const std::vector<Leaf*>& g : groups) {
          uint32_t gd = kNoMoreDocs;
          for (Leaf* l : g) gd = std::min(gd, l->Advance(target));
          if (gd == kNoMoreDocs) return;
          if (gd > target) {
            target = gd;
            aligned = false;
            break;
          }
        }
      }
      const uint32_t doc = target;
      const bool passes = Passes(doc);
      if (passes) {
        ++stats_->matches;
        partial_ = 0;
        for (const std::vector<Leaf*>& g : groups) {
          for (Leaf* l : g) {
            if (l->doc() == doc) Add(l);
          }
        }
        const double theta = c_->threshold();
        bool pruned = false;
        for (size_t i = 0; i < optional.size(); ++i) {
          if ((partial_ + remaining[i]) * kBoundSlack <= theta) {
            pruned = true;
            break;
          }
          Leaf* l = optional[i];
          if (l->Probe(doc)) Add(l);
        }
        if (pruned) {
          Discard();
        } else {
          c_->Collect(doc, Finish());
        }
      }
      if (doc == kNoMoreDocs - 1) return;
      target = After(doc, passes);
    }
  }

  // Plain words: the leaves are called without virtual dispatch.
  void Disjunction(const std::vector<uint32_t>& ids) {
    bool all_terms = true;
    for (uint32_t id : ids) all_terms = all_terms && q_.leaves[id]->is_terms_leaf();
    if (all_terms && ids.size() == 1) {
      OneTerm(static_cast<TermsLeaf*>(q_.leaves[ids[0]]));
    } else if (all_terms) {
      Disjunction<TermsLeaf>(ids);
    } else {
      Disjunction<Leaf>(ids);
    }
  }

  template <typename L>
  void Disjunction(const std::vector<uint32_t>& ids) {
    std::vector<L*> leaves;
    leaves.reserve(ids.size());
    for (uint32_t id : ids) leaves.push_back(static_cast<L*>(q_.leaves[id]));
    std::sort(leaves.begin(), leaves.end(), [](L* a, L* b) { return a->id() < b->id(); });
    const size_t n = leaves.size();
    std::vector<double>& fixed_bound = s_->fixed_bound;
    fixed_bound.assign(q_.leaves.size(), -1.0);
    std::vector<L*> order(leaves.begin(), leaves.end());
    std::vector<double>& remaining = s_->remaining;
    remaining.assign(n + 1, 0.0);
    // Leaves that cannot lift a document into the top k even together at their whole
    // lists' bounds (the common words, once the threshold has risen) are bounded by those
    // from then on, and their blocks no longer end windows. Before, a window ended at the
    // nearest block end of any leaf, and a common word's blocks span a few hundred documents
    // at a million articles, so most of the work per window (moving every leaf's skip
    // entries, their bounds, the partition) was paid for a few hundred documents. Lucene's
    // MaxScoreBulkScorer likewise ends its windows at the blocks of the essential clauses
    // only (computeOuterWindowMax). Such leaves are always non-essential (probed per
    // candidate), and theta only rises, so a leaf stays one once it is.
    std::vector<double>& wb = s_->window_bound;
    wb.assign(q_.leaves.size(), 0.0);
    std::vector<uint8_t>& whole = s_->whole_list;
    whole.assign(q_.leaves.size(), 0);
    std::vector<L*> by_max(leaves.begin(), leaves.end());
    std::sort(by_max.begin(), by_max.end(),
              [](L* a, L* b) { return a->max_score() < b->max_score(); });
    size_t g = 0;      // by_max[0, g) are bounded by their whole lists
    double g_sum = 0;  // their bounds' sum
    constexpr double kNoThreshold = -std::numeric_limits<double>::infinity();
    // Once the top k is full, windows are scored in bulk (BulkWindow) when a bit per leaf
    // fits in a word and no exclusion leaf must be moved in document order (the filter and
    // the deletions answer any document in any order).
    const bool bulk_possible = q_.excluded.empty() && n <= kBulkMaxLeaves;
    if (bulk_possible) {
      s_->bulk_scores.resize(n * kBulkSpan);
      s_->bulk_masks.assign(kBulkSpan, 0);
      s_->bulk_bits.assign(kBulkSpan / 64, 0);
      s_->position.assign(q_.leaves.size(), 0);
      for (size_t k = 0; k < n; ++k) s_->position[leaves[k]->id()] = static_cast<uint32_t>(k);
    }

    uint32_t doc = 0;
    while (true) {
      uint32_t min_doc = kNoMoreDocs;
      for (L* l : leaves) min_doc = std::min(min_doc, l->doc());
      if (min_doc == kNoMoreDocs) return;
      doc = std::max(doc, min_doc);
      if (!trivial_) {
        // Past a run of documents the filter rejects (an outlet's articles sit together in
        // a feed's order): their blocks need neither bounds nor decoding.
        doc = q_.filter->NextPossible(doc);
        if (doc >= q_.segment->max_doc()) return;
      }
      double theta = c_->threshold();
      const bool pruning = theta != kNoThreshold;
      const bool bulk = pruning && bulk_possible;

      // The window and the leaves' bounds in it.
      uint32_t up_to = kNoMoreDocs - 1;
      size_t p = 0;  // leaves order[0, p) are non-essential
      if (pruning) {
        while (g < n && (g_sum + by_max[g]->max_score()) * kBoundSlack <= theta) {
          g_sum += by_max[g]->max_score();
          whole[by_max[g]->id()] = 1;
          ++g;
        }
        if (g == n) {  // no document left can enter the top k
          stats_->complete = false;
          return;
        }
        uint32_t end = kNoMoreDocs;
        for (L* l : leaves) {
          if (whole[l->id()]) {
            wb[l->id()] = l->max_score();
          } else {
            end = std::min(end, l->ShallowAdvance(doc));
            wb[l->id()] = l->block_bound();
          }
        }
        if (end == kNoMoreDocs) return;  // only leaves that cannot lift a document are left
        up_to = end;
        ++stats_->windows;
        double window_bound = 0;  // in id order: exact (see kBoundSlack)
        for (L* l : leaves) window_bound += wb[l->id()];
        if (window_bound > theta) {
          // The whole-list leaves first (non-essential by their construction above), then
          // the others by increasing bound.
          std::sort(order.begin(), order.end(), [&](L* a, L* b) {
            if (whole[a->id()] != whole[b->id()]) return whole[a->id()] > whole[b->id()];
            return wb[a->id()] < wb[b->id()];
          });
          double sum = 0;
          for (; p < g; ++p) sum += wb[order[p]->id()];
          while (p < n && (sum + wb[order[p]->id()]) * kBoundSlack <= theta) {
            sum += wb[order[p]->id()];
            ++p;
          }
        } else {
          p = n;
        }
        if (p == n) {  // nothing in this window can enter the top k
          stats_->complete = false;
          if (up_to >= kNoMoreDocs - 1) return;
          doc = up_to + 1;
          continue;
        }
        if (p > 0) stats_->complete = false;
        if (bulk) {
          // A window scored in bulk spans at most kBulkSpan documents (its bounds, of the
          // blocks around it, still hold), and none past the segment's last. Cut only here:
          // a window skipped whole above may span many more.
          const uint32_t last = q_.segment->max_doc() - 1;
          if (doc > last) return;
          up_to = std::min({end, doc + (kBulkSpan - 1), last});
        }
        // remaining[i]: the bounds of the non-essential leaves order[0, p - i) not yet probed
        // when probing in decreasing order of bound (order[p - 1] first).
        remaining[p] = 0;
        for (size_t i = 0; i < p; ++i) remaining[p - 1 - i] = remaining[p - i] + wb[order[i]->id()];
        for (size_t i = 0; i < n; ++i)
          fixed_bound[order[i]->id()] = i < p ? wb[order[i]->id()] : -1.0;
        if (PruneLeaves(leaves, theta, up_to)) stats_->complete = false;
        if (bulk) {
          BulkWindow(leaves, order, p, doc, up_to);
          doc = up_to + 1;
          continue;
        }
      } else {
        std::copy(leaves.begin(), leaves.end(), order.begin());
        remaining[0] = 0;
      }

      // Candidates: the documents of the essential leaves order[p, n) in the window.
      uint32_t cand = kNoMoreDocs;
      for (size_t i = p; i < n; ++i) cand = std::min(cand, order[i]->Advance(doc));
      bool rethink = false;
      while (cand <= up_to) {
        const bool passes = Passes(cand);
        if (passes) {
          ++stats_->matches;
          bool pruned = false;
          // Bound of the essential leaves on cand (their window bounds: a bound of each
          // leaf's own on the document, read from its frequencies, cost more than the
          // scores it spared), then their scores from the largest bound down, stopping as
          // soon as the candidate cannot reach the threshold.
          double rest = 0;
          if (pruning) {
            double bound = 0;  // in id order: exact (see kBoundSlack)
            for (size_t k = 0; k < n; ++k) {
              const double fixed = fixed_bound[leaves[k]->id()];
              if (fixed >= 0) {
                bound += fixed;
              } else if (leaves[k]->doc() == cand) {
                bound += wb[leaves[k]->id()];
                rest += wb[leaves[k]->id()];
              }
            }
            pruned = bound <= theta;
          }
          if (!pruned) {
            partial_ = 0;
            for (size_t i = n; i-- > p;) {
              L* l = order[i];
              if (l->doc() != cand) continue;
              if (pruning) rest -= wb[l->id()];
              Add(l);
              if (pruning) {
                if ((partial_ + rest + remaining[0]) * kBoundSlack <= theta) {
                  pruned = true;
                  break;
                }
              }
            }
            // The non-essential leaves, largest bound first, while the candidate can win.
            for (size_t j = 0; j < p && !pruned; ++j) {
              if ((partial_ + remaining[j]) * kBoundSlack <= theta) {
                pruned = true;
                break;
              }
              L* l = order[p - 1 - j];
              if (l->Probe(cand)) Add(l);
            }
            if (pruned) {
              Discard();
            } else {
              c_->Collect(cand, FinishInOrder(leaves));
              const double t = c_->threshold();
              // The first time the top k fills up, compute real windows from here on.
              if (!pruning && t != kNoThreshold) rethink = true;
              theta = t;
            }
          }
        }
        const uint32_t next = After(cand, passes);
        cand = kNoMoreDocs;
        for (size_t i = p; i < n; ++i) {
          L* l = order[i];
          cand = std::min(cand, l->doc() < next ? l->Advance(next) : l->doc());
        }
        if (rethink) break;
      }
      if (rethink) {
        if (cand == kNoMoreDocs) return;
        doc = cand;
        continue;
      }
      if (up_to >= kNoMoreDocs - 1) return;
      doc = up_to + 1;
    }
  }

  // A window [base, up_to] of Disjunction in bulk, after the manner of Lucene 9's
  // MaxScoreBulkScorer (term-at-a-time inside a window of document-at-a-time MaxScore): each
  // essential leaf order[p, n) scores its own documents of the window into a row of
  // bulk_scores, then the window's documents are taken in order, each bounded by the sum of
  // its essential scores plus the non-essential leaves' bounds, those probed largest bound
  // first while it can still win, and collected with its contributions summed in leaf-id
  // order (the leaves' rows are in id order), the score of the document-at-a-time loop to
  // the bit. Every leaf moves forward only: the essential ones each across the window, the
  // non-essential ones probed in document order. The per-candidate work no longer walks
  // every leaf of the query, which dominated long queries of common words.
  template <typename L>
  void BulkWindow(const std::vector<L*>& leaves, const std::vector<L*>& order, size_t p,
                  uint32_t base, uint32_t up_to) {
    const size_t n = leaves.size();
    double* const scores = s_->bulk_scores.data();
    uint32_t* const masks = s_->bulk_masks.data();
    uint64_t* const bits = s_->bulk_bits.data();
    for (size_t i = p; i < n; ++i) {
      L* l = order[i];
      const uint32_t k = s_->position[l->id()];
      double* row = scores + static_cast<size_t>(k) * kBulkSpan;
      if constexpr (std::is_same_v<L, TermsLeaf>) {
        // Without filters, a word's streams are read term at a time; deleted documents are
        // scored with the others and dropped here (a filter that rejects runs of documents
        // keeps the loop below, which jumps over them).
        auto emit = [&](uint32_t d, double score) {
          const uint32_t slot = d - base;
          if (!trivial_ && masks[slot] == 0 && !q_.filter->Accept(d)) return;
          row[slot] = score;
          bits[slot >> 6] |= uint64_t{1} << (slot & 63);
          masks[slot] |= uint32_t{1} << k;
        };
        if ((trivial_ || q_.filter->deletions_only()) &&
            l->ScoreWindow(base, up_to, &s_->stream_window, emit)) {
          continue;
        }
      }
      for (uint32_t d = l->Advance(base); d <= up_to; d = l->Advance(d + 1)) {
        const uint32_t slot = d - base;
        // The filter is asked once per document: one an earlier leaf marked has passed it.
        if (!trivial_ && masks[slot] == 0 && !q_.filter->Accept(d)) {
          // Past the run of documents the filter rejects (After).
          d = q_.filter->NextPossible(d + 1) - 1;
          continue;
        }
        row[slot] = l->Score();
        bits[slot >> 6] |= uint64_t{1} << (slot & 63);
        masks[slot] |= uint32_t{1} << k;
      }
    }
    const std::vector<double>& remaining = s_->remaining;
    double theta = c_->threshold();
    const uint32_t words = (up_to - base) / 64 + 1;
    for (uint32_t w = 0; w < words; ++w) {
      uint64_t b = bits[w];
      bits[w] = 0;
      while (b != 0) {
        const uint32_t slot = w * 64 + static_cast<uint32_t>(__builtin_ctzll(b));
        b &= b - 1;
        uint32_t mask = masks[slot];
        masks[slot] = 0;
        const uint32_t cand = base + slot;
        ++stats_->matches;
        double partial = 0;
        for (uint32_t m = mask; m != 0; m &= m - 1) {
          partial += scores[static_cast<size_t>(__builtin_ctz(m)) * kBulkSpan + slot];
        }
        bool pruned = false;
        for (size_t j = 0; j < p; ++j) {
          if ((partial + remaining[j]) * kBoundSlack <= theta) {
            pruned = true;
            break;
          }
          L* l = order[p - 1 - j];
          if (!l->Probe(cand)) continue;
          const uint32_t k = s_->position[l->id()];
          const double c = l->Score();
          scores[static_cast<size_t>(k) * kBulkSpan + slot] = c;
          mask |= uint32_t{1} << k;
          partial += c;
        }
        // A score at or below the threshold cannot enter (the collector turns it away: a
        // later document loses a tie).
        if (pruned || partial * kBoundSlack <= theta) continue;
        double score = 0;  // in leaf-id order: the canonical sum (Finish)
        for (uint32_t m = mask; m != 0; m &= m - 1) {
          score += scores[static_cast<size_t>(__builtin_ctz(m)) * kBulkSpan + slot];
        }
        c_->Collect(cand, score);
        theta = c_->threshold();
      }
    }
  }

  // Disjunction's traversal for one word, without what several leaves need (their order,
  // fixed bounds, the per-leaf contributions summed in id order): the same windows, the same
  // candidates, the same scores (a sum of one contribution is that contribution) and the
  // same top k, at about a third less work per one-word query.
  void OneTerm(TermsLeaf* l) {
    constexpr double kNoThreshold = -std::numeric_limits<double>::infinity();
    uint32_t doc = 0;
    while (true) {
      if (l->doc() == kNoMoreDocs) return;
      doc = std::max(doc, l->doc());
      if (!trivial_) {
        doc = q_.filter->NextPossible(doc);  // see Disjunction
        if (doc >= q_.segment->max_doc()) return;
      }
      double theta = c_->threshold();
      const bool pruning = theta != kNoThreshold;
      uint32_t up_to = kNoMoreDocs - 1;
      if (pruning) {
        const uint32_t end = l->ShallowAdvance(doc);
        if (end == kNoMoreDocs) return;
        up_to = end;
        ++stats_->windows;
        if (l->block_bound() <= theta) {  // nothing in this window can enter the top k
          stats_->complete = false;
          if (up_to >= kNoMoreDocs - 1) return;
          doc = up_to + 1;
          continue;
        }
        if (l->Prune(0, theta, up_to)) stats_->complete = false;
      }
      uint32_t cand = l->Advance(doc);
      bool rethink = false;
      while (cand <= up_to) {
        const bool passes = Passes(cand);
        if (passes) {
          ++stats_->matches;
          // Scored without a bound of its own first: with one leaf that would only spare the
          // Score of a document that cannot enter the top k anyway (the collector turns away
          // a score at or below its threshold, collector.h), and it cost more than that.
          const double score = l->Score();
          if (!pruning || score * kBoundSlack > theta) {
            c_->Collect(cand, score);
            const double t = c_->threshold();
            // The first time the top k fills up, compute real windows from here on.
            if (!pruning && t != kNoThreshold) rethink = true;
            theta = t;
          }
        }
        const uint32_t next = After(cand, passes);
        cand = l->doc() < next ? l->Advance(next) : l->doc();
        if (rethink) break;
      }
      if (rethink) {
        if (cand == kNoMoreDocs) return;
        doc = cand;
        continue;
      }
      if (up_to >= kNoMoreDocs - 1) return;
      doc = up_to + 1;
    }
  }

  // Leaf::Prune for each essential leaf of the window, with the other leaves' window
  // bounds as what they can add; the non-essential ones are probed and must see every
  // document (Unprune). Returns whether a leaf may pass over documents.
  template <typename L>
  bool PruneLeaves(const std::vector<L*>& leaves, double theta, uint32_t up_to) {
    const size_t n = leaves.size();
    std::vector<double>& suffix = s_->suffix;
    suffix.assign(n + 1, 0.0);
    const std::vector<double>& wb = s_->window_bound;
    for (size_t k = n; k-- > 0;) suffix[k] = suffix[k + 1] + wb[leaves[k]->id()];
    double prefix = 0;
    bool any = false;
    for (size_t k = 0; k < n; ++k) {
      L* l = leaves[k];
      if (s_->fixed_bound[l->id()] >= 0) {
        l->Unprune();
      } else {
        any = l->Prune(prefix + suffix[k + 1], theta, up_to) || any;
      }
      prefix += wb[l->id()];
    }
    return any;
  }

  const SegmentQuery& q_;
  Collector* c_;
  TraversalStats* stats_;
  TraversalScratch* s_;
  double partial_ = 0;
  bool trivial_ = false;  // no filter, no deletion, no exclusion
};

}  // namespace

void TraverseSegment(const SegmentQuery& query, Collector* collector, TraversalStats* stats,
                     TraversalScratch* scratch) {
  Traversal(query, collector, stats, scratch).Run();
}

}  // namespace rasd::search::internal
