// Leaf scorers: one plan leaf (plan.h) on one segment, iterated document at a time.
//
// A Leaf is positioned on its current document (doc()), moves forward with Advance, scores
// the current document with the exact BM25F formula of bm25f.h, and gives the two upper bounds
// the pruning needs: max_score() over the whole segment (from each postings list's term
// impact) and, after ShallowAdvance(target), block_bound() over the documents
// [target, returned up_to] (from the block impacts, Ding & Suel 2011). Bounds use the same
// monotone arithmetic as the scores, so a bound is never below a score it covers.
//
// Thread-safety: one thread; the iterators come from the caller's IteratorPool.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "rasd/index/index_reader.h"
#include "rasd/index/postings.h"
#include "rasd/search/internal/plan.h"
#include "rasd/search/internal/term_lookups.h"

namespace rasd::search::internal {

// Reusable postings iterators (each is about 2 KiB of buffers): Get() hands out the next
// free one, Release() returns them all. Leaves also look their terms up through the pool
// (FindTerm), which answers from the query's TermLookups when one is set.
class IteratorPool {
 public:
  // field.FindTerm(term, info), through the lookups set for the current query (if any).
  bool FindTerm(const index::FieldReader& field, std::string_view term, index::TermInfo* info) {
    return lookups_ != nullptr ? lookups_->Find(field, term, info) : field.FindTerm(term, info);
  }
  // The current query's lookups (nullptr: none), until set again.
  void set_lookups(TermLookups* lookups) { lookups_ = lookups; }

  index::PostingsIterator* Get() {
    if (used_ == pool_.size()) pool_.push_back(std::make_unique<index::PostingsIterator>());
    return pool_[used_++].get();
  }
  void Release() { used_ = 0; }
  // The first non-OK status of the iterators handed out since the last Release.
  Status status() const;

 private:
  std::vector<std::unique_ptr<index::PostingsIterator>> pool_;
  size_t used_ = 0;
  TermLookups* lookups_ = nullptr;
};

// A sum of bounds is inflated by this factor before it is compared with the threshold, where
// it is summed in another order than the score it bounds (floating-point addition is not
// associative, so the two may differ in the last bits).
inline constexpr double kBoundSlack = 1.0 + 1e-9;

class Leaf {
 public:
  virtual ~Leaf() = default;

  uint32_t doc() const { return doc_; }
  // Moves to the first matching document >= target (stays when doc() >= target) and returns
  // it; index::kNoMoreDocs at the end.
  virtual uint32_t Advance(uint32_t target) = 0;
  // Whether `target` matches, for a leaf that is only probed (not iterated): when it does,
  // the leaf is on it as after Advance; when it does not, doc() may be left on any document
  // up to the next match (a lower bound), which the next Advance or Probe repairs. Targets
  // must not decrease. A phrase answers without searching for its next occurrence.
  virtual bool Probe(uint32_t target) { return Advance(target) == target; }
  // The score of doc() (doc() must be a document, not kNoMoreDocs).
  virtual double Score() = 0;
  // Prepares block_bound() for the documents in [target, up_to] and returns up_to (the last
  // document of the shortest block window; kNoMoreDocs when no document >= target remains).
  virtual uint32_t ShallowAdvance(uint32_t target) = 0;
  // Lets the leaf pass over documents in [the last ShallowAdvance's target, up_to] whose
  // score, plus `others` (a bound of what the query's other leaves add there), cannot beat
  // `theta`: Advance then stops only on documents that may enter the top k, and past up_to
  // may stop on a mere lower bound of its next document (which no one scores: the
  // traversal prepares the next window first, and Advance repairs it). Returns whether
  // it may pass over any (the traversal then no longer counts every match). Unprune undoes
  // it, for a leaf that is only probed and must see every document.
  virtual bool Prune(double /*others*/, double /*theta*/, uint32_t /*up_to*/) { return false; }
  virtual void Unprune() {}
  double block_bound() const { return block_bound_; }
  double max_score() const { return max_score_; }
  // Documents left to iterate (an estimate, for ordering conjunctions).
  uint64_t cost() const { return cost_; }
  uint32_t id() const { return id_; }
  // The leaf is a TermsLeaf (terms_leaf.h), which the traversal may call without dispatch.
  bool is_terms_leaf() const { return terms_leaf_; }

 protected:
  bool terms_leaf_ = false;
  uint32_t id_ = 0;
  uint32_t doc_ = 0;
  double block_bound_ = 0;
  double max_score_ = 0;
  uint64_t cost_ = 0;
};

// The field holding the positions of a phrase's stopwords in the title or body of `segment`
// (the .stop field; the .exact field of a segment written before it existed), or nullptr.
const index::FieldReader* StopwordField(const index::Segment& segment, bool title);

// How a leaf will be used, which decides what opening it costs.
enum class LeafUse {
  kIterated,  // Advance/ShallowAdvance: opened on its first document
  // Probe only (the second stage's few documents): a phrase does not search for its first
  // occurrence, which can mean verifying positions in many documents that hold every word,
  // only to be probed elsewhere; doc() is 0 and unverified until the first Probe.
  kProbed,
};

// Opens `spec` on `segment`; nullptr when none of its postings exist in the segment (so it
// cannot match there). `id` is the leaf's index in the plan. With LeafUse::kIterated the leaf
// is positioned on its first document.
std::unique_ptr<Leaf> OpenLeaf(const LeafSpec& spec, uint32_t id, const Plan& plan,
                               const index::Segment& segment, IteratorPool* pool,
                               LeafUse use = LeafUse::kIterated);

}  // namespace rasd::search::internal
