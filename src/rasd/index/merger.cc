// Segment merging: see internal/merger.h.
#include "rasd/index/internal/merger.h"

#include <algorithm>
#include <queue>

#include "rasd/base/coding.h"
#include "rasd/base/macros.h"
#include "rasd/index/internal/field_data.h"
#include "rasd/index/internal/stem_docs.h"
#include "rasd/index/internal/stored_fields.h"
#include "rasd/index/internal/two_stage.h"

namespace rasd::index::internal {

namespace {

bool IsDeleted(const uint8_t* deleted, uint32_t d) {
  return deleted != nullptr && ((deleted[d >> 3] >> (d & 7)) & 1) != 0;
}

constexpr uint32_t kGone = 0xFFFFFFFFu;
// A form with fewer than 1/kRareForm of its stem's documents finds its ranks in the sources
// (MergeSegments).
constexpr uint64_t kRareForm = 16;

const FieldData* FindFieldData(const SegmentCore& core, std::string_view name) {
  auto it = std::lower_bound(core.field_data.begin(), core.field_data.end(), name,
                             [](const std::unique_ptr<FieldData>& d, std::string_view n) {
                               return d->name < n;
                             });
  return it != core.field_data.end() && (*it)->name == name ? it->get() : nullptr;
}

// The parent field of `name` in the merged segment: the one every source that has a parent
// for it names; empty when none does or two disagree (then the field is coded absolutely).
std::string MergedParent(const std::vector<MergeSource>& sources, std::string_view name) {
  std::string parent;
  for (const MergeSource& src : sources) {
    const FieldData* d = FindFieldData(*src.core, name);
    if (d == nullptr || !d->with_stems) continue;
    if (!parent.empty() && parent != d->parent_name) return std::string();
    parent = d->parent_name;
  }
  return parent;
}

// Old document ids -> merged ones, per source.
struct DocMap {
  const std::vector<std::vector<uint32_t>>* maps = nullptr;  // kGone for a deleted document
  // Where each source's documents start in the merged segment, and whether its map is that
  // offset plus the old id (no deletions): then a posting's new id is computed rather than
  // read from the map, whose random reads were most of the merge loop's own time.
  std::vector<uint32_t> base;
  std::vector<uint8_t> dense;
  // Then a merged list is its sources' lists one after the other (TermReader's ranks).
  bool no_deletions = false;

  uint32_t New(size_t s, uint32_t d) const { return dense[s] ? base[s] + d : (*maps)[s][d]; }
};

// One batch of a field's merged terms: what TermReader decoded from the sources, in term
// order, for the writing side to encode. A batch holds about as many documents and positions
// as asked, whatever the terms: a stopword's positions at a million articles would otherwise
// make two batches of hundreds of megabytes.
struct MergedTerms {
  struct Term {
    uint32_t stem = kGone;  // the stem's merged ordinal, or kGone: coded absolutely
    // With a stem: its merged documents, in which the writer counts the ranks unless
    // `ranks`; or, for a form much rarer than its stem, none, and `ranks` holds.
    StemDocsCache::List stem_docs;
    uint32_t stem_size = 0;  // the stem's document count
    bool ranks = false;  // MergedTerms::ranks holds each document's rank in the stem's list
    // A term with more postings than a batch holds comes in pieces, one per batch: the
    // writer starts it at the first and finishes it at the last (its holders come with it).
    bool starts = true;
    bool ends = true;
    uint32_t docs_end = 0;     // end of its documents in docs, freqs, ranks
    uint32_t pos_end = 0;      // end of its positions
    uint32_t holders_end = 0;  // end of its holders
  };
  std::vector<Term> meta;
  std::string terms;  // the terms, one after the other
  std::vector<uint32_t> term_ends;
  std::vector<std::pair<uint32_t, uint32_t>> holders;  // (source, old ordinal) per term
  std::vector<uint32_t> docs, freqs, ranks;
  // The batch's positions are the first num_positions of `positions`, which only grows: sized
  // per document instead, it zero-filled every position before the reader overwrote it (a
  // call per document, 5% of a merge's reading instructions).
  std::vector<uint32_t> positions;
  size_t num_positions = 0;

  // Room for n more positions, to be written by the caller.
  uint32_t* AppendPositions(uint32_t n) {
    if (num_positions + n > positions.size()) {
      positions.resize(std::max(positions.size() * 2, num_positions + n));
    }
    uint32_t* at = positions.data() + num_positions;
    num_positions += n;
    return at;
  }

  void Clear() {
    meta.clear();
    terms.clear();
    term_ends.clear();
    holders.clear();
    docs.clear();
    freqs.clear();
    ranks.clear();
    num_positions = 0;
  }
};

// A parent field's merged terms, recorded as its merge reads them when no source has
// deletions (then every term keeps a document, and the k-th term read is merged ordinal k).
// For each: the sources holding it, with its dictionary entry there (as much of it as
// reading its documents needs), and its merged document count. A child term's ranks are then
// counted from its stem's spans, where it once looked the stem up by its bytes in every
// source: at 1M articles in 18 segments those lookups were a third of the exact field's
// reading, the bound of a bulk load's final merge. The entries spare looking the stem up by
// its ordinal, once per form and source: a scan of a dictionary block, 36% of the reading
// side's instructions.
struct StemSpans {
  // 16 bytes, one per term and source holding it: about 3 million for 1M articles in 18
  // segments, the largest item of a bulk load's final merge (massif). A holder keeps what
  // reading the term's documents and frequencies in its source needs, never its positions.
  // Left out: the total frequency, but for a list of one document, where it is that
  // document's frequency (kept beside its id); the term's ordinal in the source, which the
  // form being merged names already (the parent's ordinal map sent the form's stem_ord there
  // to this term); and where the source's part of the merged list starts, which Find sums
  // from the holders before.
  struct Holder {
    uint32_t source = 0;
    uint32_t doc_freq = 0;  // the term's documents in the source
    // Its postings' offset in the source's .doc; for a list of one document, the document
    // (low half) and its frequency (high half).
    uint64_t where = 0;

    static Holder Of(size_t source, const TermInfo& info) {
      uint64_t where = info.doc_offset;
      if (info.doc_freq == 1) {
        // A frequency past 32 bits (a corrupt entry) becomes 0, which the postings reader
        // refuses just as it refuses the original.
        const uint64_t freq = info.total_term_freq > 0xFFFFFFFFu ? 0 : info.total_term_freq;
        where = info.singleton_doc | freq << 32;
      }
      return {static_cast<uint32_t>(source), info.doc_freq, where};
    }
    // The term's dictionary entry in the source, as far as reading its documents and their
    // frequencies needs it, with `ord` its ordinal there. The positions' offset is left out
    // (zero, which the postings reader refuses, should anyone ask for positions), and so is a
    // longer list's total frequency: it is given as the documents' count, the least it can
    // be, which nothing but reading positions uses.
    TermInfo Info(uint32_t ord) const {
      TermInfo info;
      info.doc_freq = doc_freq;
      info.ord = ord;
      if (doc_freq == 1) {
        info.singleton_doc = static_cast<uint32_t>(where);
        info.total_term_freq = where >> 32;
      } else {
        info.doc_offset = where;
        info.total_term_freq = doc_freq;
      }
      return info;
    }
  };
  static_assert(sizeof(Holder) == 16);
  std::vector<uint32_t> begins{0};  // term t's holders: [begins[t], begins[t + 1])
  std::vector<Holder> holders;
  std::vector<uint32_t> doc_freqs;  // per merged term

  uint32_t size() const { return static_cast<uint32_t>(doc_freqs.size()); }
  // Term t's holder entry for `source`, or nullptr; *base: the term's documents in the
  // sources before it.
  const Holder* Find(uint32_t t, uint32_t source, uint32_t* base) const {
    *base = 0;
    for (uint32_t h = begins[t]; h < begins[t + 1]; ++h) {
      if (holders[h].source == source) return &holders[h];
      *base += holders[h].doc_freq;
    }
    return nullptr;
  }
};

// The reading side of a field's merge: the union of the sources' terms in order (a heap of
// their term iterators), each term's postings mapped to the merged ids, and its stem.
class TermReader {
 public:
  // parent_maps: the parent field's old -> new ordinals per source, or nullptr when the field
  // is merged without stems. parent_spans: the parent's spans (StemSpans), or nullptr when
  // they were not recorded. record: where to record this field's spans, or nullptr.
  // Everything given must outlive the reader.
  TermReader(const std::vector<MergeSource>& sources,
             const std::vector<const FieldReader*>& readers,
             const std::vector<std::vector<uint32_t>>* parent_maps,
             const std::vector<const FieldReader*>& parent_readers, const StemSpans* parent_spans,
             StemSpans* record,
             std::vector<std::unique_ptr<TermIterator>>* iters, const DocMap& docs, bool positions,
             const std::string& name)
      : sources_(sources),
        readers_(readers),
        parent_maps_(parent_maps),
        parent_readers_(parent_readers),
        parent_spans_(parent_spans),
        record_(record),
        iters_(*iters),
        docs_(docs),
        positions_(positions),
        name_(name),
        holder_ords_(sources.size(), 0),
        stem_holders_(sources.size(), nullptr),
        stem_bases_(sources.size(), 0) {}

  Status Start() {
    for (size_t s = 0; s < iters_.size(); ++s) {
      if (iters_[s] != nullptr && iters_[s]->Valid()) heap_.emplace(iters_[s]->term(), s);
    }
    return Status::OK();
  }

  // The next terms into b (cleared first), until it holds about batch_values documents and
  // positions (the last term possibly in part); true once every term is read.
  Result<bool> Fill(size_t batch_values, MergedTerms* b) {
    b->Clear();
    while (b->docs.size() + b->num_positions < batch_values) {
      bool starts = false;
      if (!in_term_) {
        if (heap_.empty()) break;
        RASD_RETURN_IF_ERROR(StartTerm());
        starts = true;
      }
      Result<bool> ends = ReadPostings(batch_values, b);
      RASD_RETURN_IF_ERROR(ends.status());
      MergedTerms::Term t = term_;
      t.starts = starts;
      t.ends = *ends;
      if (t.ends) {
        for (size_t s : holders_) {
          b->holders.emplace_back(static_cast<uint32_t>(s), holder_ords_[s]);
        }
      }
      t.docs_end = static_cast<uint32_t>(b->docs.size());
      t.pos_end = static_cast<uint32_t>(b->num_positions);
      t.holders_end = static_cast<uint32_t>(b->holders.size());
      b->meta.push_back(std::move(t));
      b->terms += term_bytes_;
      b->term_ends.push_back(static_cast<uint32_t>(b->terms.size()));
      if (*ends) {
        in_term_ = false;
        for (size_t s : holders_) {
          iters_[s]->Next();
          RASD_RETURN_IF_ERROR(iters_[s]->status());
          if (iters_[s]->Valid()) heap_.emplace(iters_[s]->term(), s);
        }
      }
    }
    return !in_term_ && heap_.empty();
  }

 private:
  using Entry = std::pair<std::string_view, size_t>;  // (term, source)
  struct Greater {
    bool operator()(const Entry& a, const Entry& b) const {
      return a.first != b.first ? a.first > b.first : a.second > b.second;
    }
  };

  // Takes the next term off the heap: its holders and its stem (term_).
  Status StartTerm() {
    term_bytes_.assign(heap_.top().first);
    holders_.clear();
    while (!heap_.empty() && heap_.top().first == term_bytes_) {
      holders_.push_back(heap_.top().second);
      heap_.pop();
    }
    std::sort(holders_.begin(), holders_.end());
    for (size_t s : holders_) holder_ords_[s] = iters_[s]->info().ord;
    if (record_ != nullptr) {
      uint32_t docs = 0;
      for (size_t s : holders_) {
        record_->holders.push_back(StemSpans::Holder::Of(s, iters_[s]->info()));
        docs += iters_[s]->info().doc_freq;
      }
      record_->begins.push_back(static_cast<uint32_t>(record_->holders.size()));
      record_->doc_freqs.push_back(docs);
    }
    in_term_ = true;
    next_holder_ = 0;
    holder_open_ = false;
    MergedTerms::Term& t = term_;
    t = MergedTerms::Term();
    // The stem, when every source holding the term names the same live one.
    size_t stem_source = 0;
    if (parent_maps_ != nullptr) {
      for (size_t s : holders_) {
        const uint32_t old = iters_[s]->info().stem_ord;
        const auto& map = (*parent_maps_)[s];
        const uint32_t mapped = old != 0 && old - 1 < map.size() ? map[old - 1] : kGone;
        if (mapped == kGone || (t.stem != kGone && mapped != t.stem)) {
          t.stem = kGone;
          break;
        }
        t.stem = mapped;
        stem_source = s;
      }
    }
    if (t.stem == kGone) return Status::OK();
    if (parent_spans_ != nullptr) return StartTermFromSpans(stem_source);
    // With deletions, which change every rank: the stem's merged list, looked up by its bytes
    // in every source and decoded without the deleted documents, in which the writer counts
    // the ranks.
    if (!parent_readers_[stem_source]->TermForOrd(iters_[stem_source]->info().stem_ord - 1,
                                                  &stem_term_)) {
      return CorruptionAt(sources_[stem_source].core->tdx().name, 0,
                          "unreadable stem of a term of \"" + name_ + "\"");
    }
    Status fill_status;
    t.stem_docs = stem_docs_.Get(t.stem, [&](std::vector<uint32_t>* out) {
      for (size_t s = 0; s < sources_.size(); ++s) {
        TermInfo info;
        if (parent_readers_[s] == nullptr || !parent_readers_[s]->FindTerm(stem_term_, &info)) {
          continue;
        }
        parent_readers_[s]->Postings(info, &stem_postings_);
        for (uint32_t d = stem_postings_.Next(); d != kNoMoreDocs; d = stem_postings_.Next()) {
          const uint32_t nd = docs_.New(s, d);
          if (nd != kGone) out->push_back(nd);
        }
        if (!stem_postings_.status().ok()) fill_status = stem_postings_.status();
      }
    });
    RASD_RETURN_IF_ERROR(fill_status);
    t.stem_size = static_cast<uint32_t>(t.stem_docs->size());
    return Status::OK();
  }

  // StartTerm's stem part when no source has deletions: the merged stem list is the sources'
  // lists one after the other, so rank r in source s is the stem's base there (its spans)
  // plus r. A form much rarer than its stem finds its ranks in the sources' stem lists, and
  // the merged list of the stem is never built, which decoded all of it for every such form
  // the cache could not keep (17% of a merge's samples); common forms build it (the cache
  // keeps it) and read their documents off it.
  Status StartTermFromSpans(size_t stem_source) {
    MergedTerms::Term& t = term_;
    const StemSpans& spans = *parent_spans_;
    if (t.stem >= spans.size()) {
      return CorruptionAt(sources_[stem_source].core->tdx().name, 0,
                          "a term of \"" + name_ + "\" whose stem is past its parent's terms");
    }
    const uint32_t stem_docs_total = spans.doc_freqs[t.stem];
    uint64_t term_docs = 0;
    for (size_t s : holders_) term_docs += iters_[s]->info().doc_freq;
    // Positions aside (no such field has a parent today), ReadPostings gives every document's
    // rank: a rare form's from the sources' stem lists, a common one's from the merged list.
    t.ranks = !positions_;
    for (size_t s : holders_) {
      const StemSpans::Holder* h = spans.Find(t.stem, static_cast<uint32_t>(s), &stem_bases_[s]);
      if (h == nullptr) {
        return CorruptionAt(sources_[s].core->tdx().name, 0,
                            "a term of \"" + name_ + "\" whose stem its segment lacks");
      }
      stem_holders_[s] = h;
    }
    if (t.ranks && term_docs * kRareForm < stem_docs_total) {
      t.stem_size = stem_docs_total;
      return Status::OK();
    }
    Status fill_status;
    t.stem_docs = stem_docs_.Get(t.stem, [&](std::vector<uint32_t>* out) {
      out->reserve(stem_docs_total);
      for (uint32_t k = spans.begins[t.stem]; k < spans.begins[t.stem + 1]; ++k) {
        const StemSpans::Holder& h = spans.holders[k];
        // (The ordinal is not needed to read a stem's own list.)
        parent_readers_[h.source]->Postings(h.Info(0), &stem_postings_);
        const uint32_t base = docs_.base[h.source];
        for (uint32_t d = stem_postings_.Next(); d != kNoMoreDocs; d = stem_postings_.Next()) {
          out->push_back(base + d);
        }
        if (!stem_postings_.status().ok()) fill_status = stem_postings_.status();
      }
    });
    RASD_RETURN_IF_ERROR(fill_status);
    t.stem_size = static_cast<uint32_t>(t.stem_docs->size());
    return Status::OK();
  }

  // The current term's postings, holder after holder, into b until it holds batch_values
  // documents and positions; true when the term is done (false: it goes on in the next batch,
  // its iterators where they stopped).
  Result<bool> ReadPostings(size_t batch_values, MergedTerms* b) {
    for (; next_holder_ < holders_.size(); ++next_holder_, holder_open_ = false) {
      const size_t s = holders_[next_holder_];
      if (!holder_open_) {
        // A common form with the merged stem list at hand (spans, no deletions) reads a list
        // coded as ranks in its source's stem list as those ranks, which place it in the
        // merged list directly: no stem block is decoded to map them to documents.
        rank_list_ = false;
        if (term_.ranks) {
          // The stem's entry comes from the spans (not looked up again for every form).
          // Its ordinal in the source is the one the form names: the parent's ordinal map,
          // one to one, sent that ordinal to this stem, and the stem's holder for the
          // source to it.
          const TermInfo stem = stem_holders_[s]->Info(iters_[s]->info().stem_ord - 1);
          if (term_.stem_docs != nullptr) {
            rank_list_ = readers_[s]->StemRankPostings(iters_[s]->info(), stem, &postings_);
          }
          if (!rank_list_ && !readers_[s]->Postings(iters_[s]->info(), stem, &postings_)) {
            return CorruptionAt(sources_[s].core->tdx().name, 0,
                                "a term of \"" + name_ + "\" whose stem is not the one merged");
          }
          // A list coded as ranks in this source's stem list knows each document's rank
          // there; one coded absolutely (a singleton, say) finds it in the stem's list.
          if (term_.stem_docs == nullptr && !postings_.maps_ranks()) {
            parent_readers_[s]->Postings(stem, &stem_postings_);
          }
        } else {
          readers_[s]->Postings(iters_[s]->info(), &postings_, positions_);
        }
        holder_open_ = true;
      }
      while (true) {
        if (b->docs.size() + b->num_positions >= batch_values) return false;
        const uint32_t d = postings_.Next();
        if (d == kNoMoreDocs) break;
        const uint32_t freq = postings_.freq();
        if (term_.ranks && term_.stem_docs != nullptr) {
          const std::vector<uint32_t>& stem_docs = *term_.stem_docs;
          uint32_t rank;
          if (rank_list_) {
            rank = stem_bases_[s] + d;  // d is the rank in the source's stem list
          } else {
            rank = static_cast<uint32_t>(
                std::lower_bound(stem_docs.begin(), stem_docs.end(), docs_.base[s] + d) -
                stem_docs.begin());
          }
          if (rank >= stem_docs.size() || (!rank_list_ && stem_docs[rank] != docs_.base[s] + d)) {
            return CorruptionAt(
                sources_[s].core->tdx().name, 0,
                "a document of a term of \"" + name_ + "\" is not in its stem's list");
          }
          b->docs.push_back(stem_docs[rank]);
          b->freqs.push_back(freq);
          b->ranks.push_back(rank);
          continue;
        }
        if (term_.ranks) {
          uint32_t rank;
          if (postings_.maps_ranks()) {
            rank = postings_.stem_rank();
          } else if (stem_postings_.NextGEQ(d) == d) {
            rank = stem_postings_.rank();
          } else {
            RASD_RETURN_IF_ERROR(stem_postings_.status());
            return CorruptionAt(
                sources_[s].core->tdx().name, 0,
                "a document of a term of \"" + name_ + "\" is not in its stem's list");
          }
          b->docs.push_back(docs_.base[s] + d);
          b->freqs.push_back(freq);
          b->ranks.push_back(stem_bases_[s] + rank);
          continue;
        }
        const uint32_t nd = docs_.New(s, d);
        if (nd == kGone) continue;
        b->docs.push_back(nd);
        b->freqs.push_back(freq);
        b->ranks.push_back(0);  // unused: keeps ranks aligned with docs
        if (positions_) {
          const uint32_t read = postings_.ReadPositions(b->AppendPositions(freq));
          if (read < freq) {  // corrupt positions: status() says where
            RASD_RETURN_IF_ERROR(postings_.status());
            return CorruptionAt(sources_[s].core->tdx().name, 0,
                                "positions missing in a term of \"" + name_ + "\"");
          }
        }
      }
      RASD_RETURN_IF_ERROR(postings_.status());
    }
    return true;
  }

  const std::vector<MergeSource>& sources_;
  const std::vector<const FieldReader*>& readers_;
  const std::vector<std::vector<uint32_t>>* parent_maps_;
  const std::vector<const FieldReader*>& parent_readers_;
  const StemSpans* parent_spans_;
  StemSpans* record_;
  std::vector<std::unique_ptr<TermIterator>>& iters_;
  const DocMap& docs_;
  const bool positions_;
  const std::string& name_;
  std::priority_queue<Entry, std::vector<Entry>, Greater> heap_;
  // The term being read (StartTerm), which may span batches.
  bool in_term_ = false;
  std::string term_bytes_;
  MergedTerms::Term term_;             // its stem; the ends and flags are set per piece
  std::vector<size_t> holders_;        // the sources holding it, in order
  std::vector<uint32_t> holder_ords_;  // per source: the term's ordinal there
  size_t next_holder_ = 0;             // holders_[next_holder_] is being read
  bool holder_open_ = false;           // ... and postings_ is on its list
  bool rank_list_ = false;             // ... iterating its ranks (FieldReader::StemRankPostings)
  StemDocsCache stem_docs_;
  std::string stem_term_;
  PostingsIterator postings_;
  PostingsIterator stem_postings_;
  // With parent_spans_, per holder of the term: its stem's entry in the spans (its
  // dictionary entry there) and where the stem's documents there start in the merged stem
  // list.
  std::vector<const StemSpans::Holder*> stem_holders_;
  std::vector<uint32_t> stem_bases_;
};

// A merge reads every source file through its mapping, front to back, once or twice (a
// parent field's lists again for its children); left alone, every page it read stays
// resident until the sources are closed, and the final merge of a bulk load (every segment
// of the load at once) held the whole index in the process's resident memory: 795 MB of
// mapped pages beside some 400 MB of its own at a million articles. Handing the pages back
// as the merge goes (they stay in the page cache, so a page read again costs a minor fault)
// keeps what it holds to what it reads between two releases. Not quite bounded: a child
// field's batches also read their stems' blocks in every source, which the counts below do
// not see (447 MB of mapped pages at two million articles, docs/BENCHMARKS.md). A live
// searcher reading the same sources faults the pages it needs back in.
void ReleaseSourcePages(const std::vector<MergeSource>& sources) {
  for (const MergeSource& source : sources) {
    for (const auto& file : source.core->files) {
      if (file != nullptr) file->ReleaseMemory();
    }
  }
}

// Counts what a merge reads from its sources and calls ReleaseSourcePages once `every`
// units (bytes, or documents and positions) have been read since the last release.
class SourcePageReleaser {
 public:
  SourcePageReleaser(const std::vector<MergeSource>& sources, uint64_t every)
      : sources_(sources), every_(every) {}
  void Read(uint64_t n) {
    read_ += n;
    if (read_ >= every_) {
      ReleaseSourcePages(sources_);
      read_ = 0;
    }
  }

 private:
  const std::vector<MergeSource>& sources_;
  const uint64_t every_;
  uint64_t read_ = 0;
};

// Released after about this many bytes of stored blocks (decompressed), or this many
// documents and positions of postings, read from the sources.
constexpr uint64_t kReleaseStoredBytes = uint64_t{64} << 20;
constexpr uint64_t kReleaseValues = uint64_t{1} << 21;

}  // namespace

uint64_t LiveDocs(const std::vector<MergeSource>& sources) {
  uint64_t n = 0;
  for (const MergeSource& s : sources) {
    for (uint32_t d = 0; d < s.core->meta.max_doc; ++d) n += IsDeleted(s.deleted, d) ? 0 : 1;
  }
  return n;
}

Result<SegmentMeta> MergeSegments(const std::vector<MergeSource>& sources, SegmentWriter* w) {
  // A merge writes fresh checksums, so a damaged source merged in would pass every later
  // check (`rasd check` found a flipped byte in a stored block, `rasd optimize` merged it,
  // and `check` then passed). Every source file's CRC-32C is verified first: one pass over
  // the mapped bytes (hardware CRC), against the several the merge itself makes.
  for (const MergeSource& source : sources) {
    for (const auto& file : source.core->files) RASD_RETURN_IF_ERROR(VerifyChecksum(*file));
  }
  // Doc maps.
  std::vector<std::vector<uint32_t>> maps(sources.size());
  uint32_t max_doc = 0;
  for (size_t s = 0; s < sources.size(); ++s) {
    const uint32_t n = sources[s].core->meta.max_doc;
    maps[s].resize(n);
    for (uint32_t d = 0; d < n; ++d)
      maps[s][d] = IsDeleted(sources[s].deleted, d) ? kGone : max_doc++;
  }
  DocMap doc_map;
  doc_map.maps = &maps;
  doc_map.base.assign(sources.size(), 0);
  doc_map.dense.assign(sources.size(), 0);
  {
    uint32_t live = 0;
    for (size_t s = 0; s < sources.size(); ++s) {
      doc_map.base[s] = live;
      const uint32_t n = sources[s].core->meta.max_doc;
      uint32_t kept = 0;
      for (uint32_t d = 0; d < n; ++d) kept += maps[s][d] != kGone ? 1 : 0;
      doc_map.dense[s] = kept == n ? 1 : 0;
      live += kept;
    }
  }
  doc_map.no_deletions =
      std::all_of(doc_map.dense.begin(), doc_map.dense.end(), [](uint8_t x) { return x != 0; });
  // Stored fields, block by block.
  std::string raw;
  SourcePageReleaser stored_pages(sources, kReleaseStoredBytes);
  for (size_t s = 0; s < sources.size(); ++s) {
    const SegmentCore& core = *sources[s].core;
    for (uint32_t b = 0; b < core.stored.first_docs.size(); ++b) {
      RASD_RETURN_IF_ERROR(ReadStoredBlock(core.sto(), core.stored, b, &raw));
      stored_pages.Read(raw.size());
      const uint32_t first = core.stored.first_docs[b];
      const uint32_t end = b + 1 < core.stored.first_docs.size() ? core.stored.first_docs[b + 1]
                                                                 : core.stored.num_docs;
      std::string_view in(raw);
      for (uint32_t d = first; d < end; ++d) {
        std::string_view id, blob;
        if (!base::GetLengthPrefixed(&in, &id) || !base::GetLengthPrefixed(&in, &blob)) {
          return CorruptionAt(core.sto().name, core.stored.offsets[b], "short stored block");
        }
        if (maps[s][d] != kGone) RASD_RETURN_IF_ERROR(w->AddStored(id, blob));
      }
    }
  }
  // Fields: the sorted union of names.
  std::vector<std::string> names;
  for (const MergeSource& src : sources) {
    for (const auto& d : src.core->field_data) names.push_back(d->name);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());

  // Stems (FORMAT.md sections 5 and 6): a parent field is merged before its children (its
  // name sorts first); its old -> new term ordinals, per source, turn a child term's stem
  // ordinals into the merged segment's, and its merged document lists (decoded again from
  // the sources, minus deleted documents) are what the child's ranks count in.
  std::vector<std::string> parents;
  for (const std::string& name : names) {
    std::string p = MergedParent(sources, name);
    if (!p.empty()) parents.push_back(std::move(p));
  }
  std::sort(parents.begin(), parents.end());
  std::vector<std::pair<std::string, std::vector<std::vector<uint32_t>>>> parent_ord_maps;
  // Without deletions, each parent's spans (StemSpans), in the order of parent_ord_maps.
  std::vector<std::unique_ptr<StemSpans>> parent_spans;

  std::vector<uint8_t> norms;
  for (const std::string& name : names) {
    std::vector<const FieldReader*> readers(sources.size(), nullptr);
    FieldKind kind = FieldKind::kText;
    bool positions = true;
    bool first = true;
    for (size_t s = 0; s < sources.size(); ++s) {
      readers[s] = sources[s].core->Field(name);
      if (readers[s] == nullptr) continue;
      if (!first && readers[s]->kind() != kind) {
        return Status::Corruption("field \"" + name + "\" has different kinds in merged segments");
      }
      kind = readers[s]->kind();
      positions = positions && readers[s]->has_positions();
      first = false;
    }
    const bool text = kind == FieldKind::kText;
    positions = positions && text;
    uint64_t doc_count = 0;
    if (text) {
      norms.assign(max_doc, 0);
      for (size_t s = 0; s < sources.size(); ++s) {
        if (readers[s] == nullptr) continue;
        for (uint32_t d = 0; d < maps[s].size(); ++d) {
          if (maps[s][d] != kGone) norms[maps[s][d]] = readers[s]->norm(d);
        }
      }
      for (uint8_t n : norms) doc_count += n != 0 ? 1 : 0;
    } else if (kind == FieldKind::kId) {
      doc_count = max_doc;
    } else {
      for (size_t s = 0; s < sources.size(); ++s) {
        if (readers[s] == nullptr) continue;
        for (uint32_t d = 0; d < maps[s].size(); ++d) {
          if (maps[s][d] != kGone && !readers[s]->ordinals(d).empty()) ++doc_count;
        }
      }
    }
    // This field's parent, when its ordinal maps were kept (it was merged with terms).
    std::string parent = text ? MergedParent(sources, name) : std::string();
    const std::vector<std::vector<uint32_t>>* parent_maps = nullptr;
    const StemSpans* spans = nullptr;
    for (size_t p = 0; p < parent_ord_maps.size(); ++p) {
      if (parent_ord_maps[p].first != parent) continue;
      parent_maps = &parent_ord_maps[p].second;
      spans = parent_spans[p].get();
    }
    // (A parent with a parent of its own is refused by readers: no chains.)
    if (parent_maps == nullptr || !w->HasTextField(parent) ||
        !MergedParent(sources, parent).empty()) {
      parent.clear();
    }
    std::vector<const FieldReader*> parent_readers(sources.size(), nullptr);
    if (!parent.empty()) {
      for (size_t s = 0; s < sources.size(); ++s) {
        parent_readers[s] = sources[s].core->Field(parent);
      }
    } else {
      spans = nullptr;
    }
    const bool is_parent = text && std::binary_search(parents.begin(), parents.end(), name);
    const bool keep_ords = kind == FieldKind::kKeyword || is_parent;
    std::unique_ptr<StemSpans> record;
    if (is_parent && doc_map.no_deletions) record = std::make_unique<StemSpans>();
    uint64_t source_terms = 0;  // one holder each, without deletions
    RASD_RETURN_IF_ERROR(w->StartField(name, kind, positions, text ? norms.data() : nullptr,
                                       max_doc, doc_count, parent));
    // Old ordinal -> new ordinal, for keyword and parent fields.
    std::vector<std::vector<uint32_t>> ord_maps(sources.size());
    std::vector<std::unique_ptr<TermIterator>> iters(sources.size());
    uint64_t values = 0;  // documents and positions to merge, for the batch size
    for (size_t s = 0; s < sources.size(); ++s) {
      if (readers[s] == nullptr) continue;
      if (keep_ords) ord_maps[s].assign(readers[s]->stats().num_terms, kGone);
      iters[s] = std::make_unique<TermIterator>(readers[s]);
      iters[s]->SeekToFirst();
      RASD_RETURN_IF_ERROR(iters[s]->status());
      source_terms += readers[s]->stats().num_terms;
      values += readers[s]->stats().sum_doc_freq;
      if (positions) values += readers[s]->stats().sum_total_term_freq;
    }
    // Reserved exactly: grown by doubling, the holders would at their last growth hold up to
    // three times their size for a moment, at the height of the merge.
    if (record != nullptr) record->holders.reserve(source_terms);
    TermReader reader(sources, readers, parent.empty() ? nullptr : parent_maps, parent_readers,
                      spans, record.get(), &iters, doc_map, positions, name);
    RASD_RETURN_IF_ERROR(reader.Start());
    // The reading side (decoding the sources' postings) and the writing side (encoding them
    // again) on two threads, as a flush does (internal/two_stage.h): the final merge of a bulk
    // load otherwise runs on one core while the other idles. Batches as in
    // SegmentBuffer::WriteFieldTerms.
    const size_t batch_values =
        std::clamp<size_t>(static_cast<size_t>(values / 16), size_t{1} << 12, size_t{1} << 17);
    PostingsWriter* pw = w->postings();
    auto write = [&](const MergedTerms& b) -> Status {
      for (size_t k = 0; k < b.meta.size(); ++k) {
        const MergedTerms::Term& t = b.meta[k];
        const uint32_t first = k == 0 ? 0 : b.meta[k - 1].docs_end;
        uint32_t pos = k == 0 ? 0 : b.meta[k - 1].pos_end;
        if (t.starts) {
          // The writer keeps the list's address for the term: every piece of the term holds
          // the list (t.stem_docs), so it stays alive until the last one is written.
          StemList stem_list{t.stem, t.stem_docs != nullptr ? t.stem_docs->data() : nullptr,
                             t.stem_size};
          pw->StartTerm(text, positions, text ? norms.data() : nullptr,
                        t.stem != kGone ? &stem_list : nullptr);
        }
        for (uint32_t i = first; i < t.docs_end; ++i) {
          if (t.ranks) {
            pw->AddDoc(b.docs[i], b.freqs[i], b.ranks[i]);
          } else {
            pw->AddDoc(b.docs[i], b.freqs[i]);
          }
          if (positions) {
            for (uint32_t j = 0; j < b.freqs[i]; ++j) pw->AddPosition(b.positions[pos++]);
          }
        }
        if (!t.ends || pw->doc_freq() == 0) continue;  // goes on, or every document was deleted
        if (keep_ords) {
          const uint32_t from = k == 0 ? 0 : b.meta[k - 1].holders_end;
          for (uint32_t h = from; h < t.holders_end; ++h) {
            const auto [s, old] = b.holders[h];
            if (old < ord_maps[s].size()) ord_maps[s][old] = w->field_terms();
          }
        }
        const uint32_t term_begin = k == 0 ? 0 : b.term_ends[k - 1];
        const std::string_view term =
            std::string_view(b.terms).substr(term_begin, b.term_ends[k] - term_begin);
        RASD_RETURN_IF_ERROR(w->FinishTerm(term));
      }
      return Status::OK();
    };
    MergedTerms batches[2];
    SourcePageReleaser term_pages(sources, kReleaseValues);
    auto read = [&](MergedTerms* b) {
      term_pages.Read(batch_values);
      return reader.Fill(batch_values, b);
    };
    if (values < (uint64_t{1} << 16)) {  // a small field is not worth a thread
      while (true) {
        Result<bool> done = read(&batches[0]);
        RASD_RETURN_IF_ERROR(done.status());
        RASD_RETURN_IF_ERROR(write(batches[0]));
        if (*done) break;
      }
    } else {
      RASD_RETURN_IF_ERROR(RunTwoStage(batches, read, write));
    }
    const uint32_t num_terms = w->field_terms();
    RASD_RETURN_IF_ERROR(w->FinishField());
    ReleaseSourcePages(sources);
    if (is_parent) {
      // Spans count on the k-th term read being merged ordinal k (no deletions: none is
      // dropped); a mismatch drops them, and the children look their stems up instead.
      if (record != nullptr && record->size() != num_terms) record.reset();
      parent_ord_maps.emplace_back(name, std::move(ord_maps));
      parent_spans.push_back(std::move(record));
      continue;
    }
    if (kind == FieldKind::kKeyword && num_terms > 0) {
      // Read from the sources as the writer asks (more than once), not gathered into
      // per-article arrays first: the merged documents are the sources' live ones one after
      // the other (maps), so walking the sources gives them in the order the writer wants.
      std::vector<uint32_t> mapped_ords;
      auto each = [&](const DocValuesWriter::KeywordEmit& emit) -> Status {
        for (size_t s = 0; s < sources.size(); ++s) {
          for (uint32_t d = 0; d < maps[s].size(); ++d) {
            if (maps[s][d] == kGone) continue;
            mapped_ords.clear();
            if (readers[s] != nullptr) {
              const KeywordOrdinals o = readers[s]->ordinals(d);
              for (uint32_t i = 0; i < o.size(); ++i) {
                const uint32_t mapped = o[i] < ord_maps[s].size() ? ord_maps[s][o[i]] : kGone;
                if (mapped == kGone) {
                  return CorruptionAt(sources[s].core->files[4]->name, 0,
                                      "ordinal of \"" + name + "\" without a live posting");
                }
                mapped_ords.push_back(mapped);
              }
            }
            emit(mapped_ords.data(), static_cast<uint32_t>(mapped_ords.size()));
          }
        }
        return Status::OK();
      };
      RASD_RETURN_IF_ERROR(w->doc_values(max_doc)->AddKeywordOrdinals(name, each, num_terms));
    }
  }
  // Numeric columns.
  std::vector<std::string> numeric_names;
  for (const MergeSource& src : sources) {
    for (const auto& [name, col] : src.core->numerics) numeric_names.push_back(name);
  }
  std::sort(numeric_names.begin(), numeric_names.end());
  numeric_names.erase(std::unique(numeric_names.begin(), numeric_names.end()), numeric_names.end());
  for (const std::string& name : numeric_names) {
    // Read from the sources as the writer asks, as the keyword columns above.
    auto each = [&](const DocValuesWriter::NumericEmit& emit) -> Status {
      for (size_t s = 0; s < sources.size(); ++s) {
        const NumericColumn* col = sources[s].core->Numeric(name);
        for (uint32_t d = 0; d < maps[s].size(); ++d) {
          if (maps[s][d] == kGone) continue;
          int64_t v = 0;
          const bool has = col != nullptr && col->Get(d, &v);
          emit(has, v);
        }
      }
      return Status::OK();
    };
    RASD_RETURN_IF_ERROR(w->doc_values(max_doc)->AddNumeric(name, each));
  }
  return w->Finish(max_doc);
}

}  // namespace rasd::index::internal
