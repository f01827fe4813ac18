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
#include <cstdint>
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
  const NormTable* table = nullptr;
  double weight = 0;
  bool secondary = false;  // read only when scoring (StreamSpec::secondary)
  // For a stream normalised by another stream's field: the index of that (primary) stream in
  // the leaf, whose impacts give the minimum length; -1 when it has none (then the bound
  // assumes the shortest length) or the stream uses its own field.
  int length_source = -1;
  bool own_length = true;
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
    impacts_.resize(streams_.size());
    for (size_t i = 0; i < streams_.size(); ++i) {
      StreamCursor& s = streams_[i];
      if (!any_primary) s.secondary = false;
      const uint32_t d = s.it->Next();
      if (!s.secondary) {
        primary_.push_back(s.it);
        first = std::min(first, d);
        cost_ += s.it->cost();
      }
      impacts_[i] = s.it->term_impact();
    }
    max_score_ = Saturate(k1_, boost_idf_, BoundFromImpacts());
    doc_ = first;
  }

  uint32_t Advance(uint32_t target) override {
    if (doc_ >= target) return doc_;
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

  double Score() override {
    double x = 0;
    const index::FieldReader* norm_field = nullptr;
    uint8_t norm = 0;
    for (const StreamCursor& s : streams_) {
      uint32_t d = s.it->doc();
      if (s.secondary && d < doc_) {
        // A subset of its length source: absent when that stream is not on doc_.
        if (s.length_source >= 0 && streams_[s.length_source].it->doc() != doc_) continue;
        d = s.it->NextGEQ(doc_);
      }
      if (d != doc_) continue;
      if (s.field != norm_field) {
        norm_field = s.field;
        norm = norm_field == nullptr ? 0 : norm_field->norm(doc_);
      }
      x += StreamTf(s.weight, s.it->freq(), *s.table, norm);
    }
    return Saturate(k1_, boost_idf_, x);
  }

  // Only the streams on doc() count, with doc()'s term frequencies and the window's shortest
  // length: no length is read, yet a body-only match is not bounded by the title's weight.
  double CandidateBound() const override {
    double x = 0;
    for (size_t i = 0; i < streams_.size(); ++i) {
      const StreamCursor& s = streams_[i];
      const index::Impact& imp = impacts_[i];
      if (imp.max_freq == 0) continue;
      uint32_t freq = imp.max_freq;
      if (!s.secondary) {
        if (s.it->doc() != doc_) continue;
        freq = s.it->freq();
      } else if (s.length_source >= 0 && streams_[s.length_source].it->doc() != doc_) {
        continue;
      }
      x += StreamBound(s.weight, freq, *s.table, MinNorm(i));
    }
    return Saturate(k1_, boost_idf_, x);
  }

  uint32_t ShallowAdvance(uint32_t target) override {
    uint32_t up_to = index::kNoMoreDocs;
    for (size_t i = 0; i < streams_.size(); ++i) {
      StreamCursor& s = streams_[i];
      impacts_[i] = index::Impact{0, 0};
      if (s.it->doc() == index::kNoMoreDocs) continue;
      const uint32_t end = s.it->ShallowAdvance(target);
      if (end == index::kNoMoreDocs) continue;
      up_to = std::min(up_to, end);
      impacts_[i] = s.it->shallow_impact();
    }
    block_bound_ = Saturate(k1_, boost_idf_, BoundFromImpacts());
    return up_to;
  }

 private:
  // The pseudo-frequency bound from impacts_ (max_freq 0 marks a stream with nothing left).
  // A stream normalised by another field takes the minimum norm from that field's stream:
  // its documents are a subset of that stream's, whose impact covers the same window.
  double BoundFromImpacts() const {
    double x = 0;
    for (size_t i = 0; i < streams_.size(); ++i) {
      const StreamCursor& s = streams_[i];
      const index::Impact& imp = impacts_[i];
      if (imp.max_freq == 0) continue;
      x += StreamBound(s.weight, imp.max_freq, *s.table, MinNorm(i));
    }
    return x;
  }

  // The smallest norm stream i's documents can have in the current window.
  uint8_t MinNorm(size_t i) const {
    const StreamCursor& s = streams_[i];
    if (s.own_length) return impacts_[i].min_norm;
    return s.length_source >= 0 ? impacts_[s.length_source].min_norm : 0;
  }

  double k1_;
  double boost_idf_;
  std::vector<StreamCursor> streams_;
  std::vector<index::Impact> impacts_;
  std::vector<index::PostingsIterator*> primary_;
};

}  // namespace rasd::search::internal
