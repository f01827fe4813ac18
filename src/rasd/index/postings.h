// Postings: the documents, frequencies and positions of one term in one segment, read
// straight from the memory-mapped segment files, plus the data a scorer needs for
// block-max pruning.
//
// Layout (docs/FORMAT.md has every byte): a term's documents are coded in blocks of 128
// (kBlockSize) doc-id gaps and frequencies, bit-packed (Lemire & Boytsov, "Decoding billions
// of integers per second through vectorization", SPE 2015), with a variable-byte tail block.
// A skip table in front of the blocks gives each block's last doc id, byte length, position
// offsets and its impact: the largest term frequency and the smallest (quantised) field
// length in the block. From the impact a scorer computes an upper bound of its own scoring
// function over the block (block-max indexes, Ding & Suel, SIGIR 2011; used by block-max
// WAND and MaxScore, Turtle & Flood 1995), without the index knowing that function. Both
// components of an impact are bounds over the block, not necessarily from the same doc, so
// a bound computed from them is valid for any score that grows with frequency and shrinks
// with field length (BM25 and its relatives).
//
// Field lengths are stored as one byte per document and field (EncodeFieldLength). A scorer
// must score documents with DecodeFieldLength(norm) (not the exact length) for block bounds
// to hold; Lucene's norms work the same way (SmallFloat.intToByte4).
//
// A term of a field with a parent field (an exact form whose stem is a term of the parent)
// may store its documents as ranks in its stem's list (FORMAT.md section 6). Its iterator
// behaves the same; inside, it maps ranks to documents through a second cursor over the
// stem's postings, moving forward only, one decoded stem block at a time. A caller that
// already walks the stem's list can instead iterate the ranks themselves
// (FieldReader::StemRankPostings) and skip the mapping.
//
// Thread-safety: a PostingsIterator is used by one thread at a time; any number of them may
// read the same segment concurrently. Iterators do not allocate, but for one thing: the
// first rank-coded term an iterator is reset onto allocates its stem cursor, kept for later
// terms. The caller owns them (on the stack or reused) and FieldReader::Postings resets them
// onto a term.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "rasd/base/status.h"

namespace rasd::index {

// Documents per bit-packed block.
inline constexpr uint32_t kBlockSize = 128;
// doc() once an iterator is exhausted; larger than every document id.
inline constexpr uint32_t kNoMoreDocs = 0xFFFFFFFFu;
// Largest number of documents in one segment.
inline constexpr uint32_t kMaxSegmentDocs = 0x7FFFFFF0u;

// Field-length quantisation: exact below 32, then 4 significant bits after the leading one
// (relative error below 1/16); lengths >= 507904 all encode to 255. Monotonic:
// a <= b implies EncodeFieldLength(a) <= EncodeFieldLength(b). Byte 0 means "no tokens".
uint8_t EncodeFieldLength(uint32_t length);
// The smallest length that encodes to `norm` (so a decoded length never exceeds the real one).
uint32_t DecodeFieldLength(uint8_t norm);

// An upper-bound pair over a set of postings (a block, or a whole term in a segment):
// the largest term frequency and the smallest norm byte among them. Keyword fields (no
// frequencies, no lengths) report {1, 0}.
struct Impact {
  uint32_t max_freq = 0;
  uint8_t min_norm = 0;
  uint32_t min_field_length() const { return DecodeFieldLength(min_norm); }
};

// Most pairs a block's impact list keeps.
inline constexpr uint32_t kMaxImpactPairs = 8;

// A block's competitive impacts: (frequency, norm) pairs with both strictly increasing, such
// that every document of the block has freq <= f and norm >= n for some pair {f, n} of the
// list. A bound computed as the maximum over the pairs is as tight as the block allows (up to
// the kMaxImpactPairs cap), where the single Impact {largest freq, smallest norm} mixes a long
// document's frequency with a short document's length. Lucene 8 keeps the same "competitive
// impacts" in its skip lists. Segments written before the lists existed give one pair.
struct ImpactList {
  uint32_t size = 0;
  Impact pairs[kMaxImpactPairs];
  // The single-pair summary {largest freq, smallest norm} ({0, 0} for an empty list).
  Impact summary() const {
    return size == 0 ? Impact{} : Impact{pairs[size - 1].max_freq, pairs[0].min_norm};
  }
  static ImpactList Of(Impact one) {
    ImpactList l;
    l.size = 1;
    l.pairs[0] = one;
    return l;
  }
};

// The competitive pairs of `n` (freq, norm) postings (in any order), merged down to
// kMaxImpactPairs when there are more.
ImpactList CompetitiveImpacts(const uint32_t* freqs, const uint8_t* norms, uint32_t n);

// What the term dictionary stores about a term in one segment. doc_freq and
// total_term_freq count deleted documents too, until a merge drops them (as in Lucene).
// The remaining members locate the postings; treat them as opaque.
struct TermInfo {
  uint32_t doc_freq = 0;
  uint64_t total_term_freq = 0;  // sum of frequencies (== doc_freq for keyword fields)
  uint32_t ord = 0;              // rank of the term among its field's terms in the segment
  // Codec state:
  uint64_t doc_offset = 0;       // into the .doc file (unused when doc_freq == 1)
  uint64_t pos_offset = 0;       // into the .pos file
  uint32_t singleton_doc = 0;    // the only document when doc_freq == 1
  // Fields with a parent field (FORMAT.md section 5): the ordinal + 1 of the term's stem in
  // the parent field, whose documents include all of this term's; 0 = none. A list of two
  // or more documents with a stem is coded as ranks in the stem's list.
  uint32_t stem_ord = 0;
};

class FieldReader;

namespace internal {
// Where a field's postings live in a segment (filled when the segment is opened).
struct PostingsSetup {
  const uint8_t* doc_file = nullptr;  // whole .doc file
  uint64_t doc_size = 0;              // bytes of the .doc file before its footer
  const uint8_t* pos_file = nullptr;
  uint64_t pos_size = 0;
  const uint8_t* norms = nullptr;     // one byte per doc, or nullptr
  uint32_t max_doc = 0;
  bool has_freqs = false;
  bool has_positions = false;
  bool has_norms = false;
  bool impact_lists = false;  // skip entries hold ImpactLists (else one pair)
  const PostingsSetup* parent = nullptr;  // the parent field's, for rank-coded terms
  uint32_t parent_num_terms = 0;
  const char* doc_file_name = "";
  const char* pos_file_name = "";
};
}  // namespace internal

// Iterates one term's postings in increasing doc order.
//
//   PostingsIterator it;
//   field->Postings(info, &it, /*positions=*/false);
//   for (uint32_t d = it.Next(); d != kNoMoreDocs; d = it.Next()) { ... it.freq() ... }
//
// Document ids are local to the segment. Deleted documents are NOT skipped (check
// Segment::IsLive), as in Lucene. Corrupt data never makes the iterator read outside the
// file: it ends (doc() == kNoMoreDocs) and status() returns Corruption naming the file and
// offset.
class PostingsIterator {
 public:
  PostingsIterator() = default;
  PostingsIterator(const PostingsIterator&) = delete;
  PostingsIterator& operator=(const PostingsIterator&) = delete;

  // The current document; kNoMoreDocs when exhausted. Undefined before the first Next() or
  // NextGEQ().
  uint32_t doc() const { return doc_; }
  // Term frequency in the current document (1 for keyword fields).
  uint32_t freq() const { return freq_; }
  // Number of documents in the list (doc_freq), an upper bound of the work left.
  uint32_t cost() const { return doc_freq_; }
  // The index of doc() in the list (0 for the first document): for a stem's iterator, the
  // target that finds the same document in a stem-rank iterator of one of its exact forms.
  // Valid while doc() is a document.
  uint32_t rank() const { return static_cast<uint32_t>(decoded_block_) * kBlockSize + buf_index_; }

  // Moves to the next document and returns it (kNoMoreDocs at the end).
  uint32_t Next();
  // Term-at-a-time reading: the rest of the decoded block from doc() on. *docs and *freqs
  // point at doc() and its frequency in the iterator's buffers (valid until it moves); the
  // result is how many documents are left in the block, doc() included (0 when the iterator
  // is exhausted or not started). docs[j] has rank() + j. Move on with
  // NextGEQ(docs[count - 1] + 1). Not for an iterator that maps ranks to documents
  // (maps_ranks()): its buffers hold ranks.
  uint32_t BlockFrom(const uint32_t** docs, const uint32_t** freqs) const {
    if (!started_ || doc_ == kNoMoreDocs) return 0;
    *docs = docs_ + buf_index_;
    *freqs = freqs_ + buf_index_;
    return buf_count_ - buf_index_;
  }
  // A rank-coded list read as documents (through its stem's list): BlockFrom does not apply.
  bool maps_ranks() const { return ranked_ && !stem_ranks_; }
  // For such a list (maps_ranks()): the index of doc() in its stem's list, which the list
  // stores and the iterator mapped to doc(). A merge that recounts ranks reads it here rather
  // than finding doc() in the stem's list a second time. Valid while doc() is a document.
  uint32_t stem_rank() const { return ranks_[buf_index_]; }
  // Moves to the first document >= target and returns it (kNoMoreDocs if none). Never moves
  // backwards: when doc() >= target already, returns doc().
  uint32_t NextGEQ(uint32_t target) {
    // Inline when the target is in the decoded block: a disjunction's inner loop steps to the
    // next document many times per block, and the call itself was a tenth of its cost.
    if (started_) {
      if (doc_ >= target) return doc_;  // also kNoMoreDocs
      if (decoded_block_ >= 0 && decoded_block_ == skip_.block && target <= block_last_doc_) {
        uint32_t i = buf_index_;
        while (docs_[i] < target) ++i;  // the block's last doc is >= target
        buf_index_ = i;
        doc_ = docs_[i];
        freq_ = freqs_[i];
        return doc_;
      }
    }
    return NextGEQOutsideBlock(target);
  }

  // Moves to the first document >= target that is >= limit or whose frequency f is wanted:
  // bit min(f, 63) of `wanted` is set (bit 63 stands for every frequency from 63 up). The
  // documents passed over are never seen: for a top-k search that knows their frequency
  // cannot bring them into the top k (TermsLeaf::Prune). A tight scan of the decoded block.
  uint32_t NextGEQWanted(uint32_t target, uint32_t limit, uint64_t wanted);

  // The next position of the current document, in increasing order; call it at most freq()
  // times per document. Only for iterators opened with positions on a field that stores
  // them; otherwise returns 0.
  uint32_t NextPosition();
  // The current document's positions not returned yet (all freq() of them when none were)
  // into out, in increasing order, as that many NextPosition() calls would return them but
  // in one pass over the decoded position block. Returns how many it wrote: fewer only when
  // the iterator has no positions or they are corrupt (status() says where).
  uint32_t ReadPositions(uint32_t* out);
  bool has_positions() const { return want_positions_; }

  // Block-max support. Moves a lookahead cursor (not doc()) to the block that contains the
  // first document >= target and returns that block's last document (kNoMoreDocs when no
  // document >= target exists). Does not decode postings. Later NextGEQ targets should be
  // >= target for the lookahead to save work (smaller ones stay correct).
  //
  // A stem-rank iterator still takes and returns documents here (its skip entries know
  // both), but a list of one block does not know its last document: it answers
  // kMaxSegmentDocs - 1, the largest a document can be, while any rank is left.
  uint32_t ShallowAdvance(uint32_t target);
  // The impact of the block ShallowAdvance last landed on (the first block before any call).
  Impact shallow_impact() const { return shallow_.impacts.summary(); }
  // The same block's competitive pairs (ImpactList).
  const ImpactList& shallow_impacts() const { return shallow_.impacts; }
  uint32_t shallow_block_last_doc() const { return shallow_.last_doc; }
  // The impact of the whole list (term-level bound for MaxScore).
  Impact term_impact() const { return term_impact_; }

  // Lower bounds, where the impacts above are upper bounds: appends to *out, for every block
  // of the list, pairs {f, n} each met by a DIFFERENT document of the list, one that has
  // frequency >= f and norm exactly n (so it scores at least what {f, n} scores, under any
  // score that grows with frequency and shrinks with length). A block's competitive pairs
  // are such pairs when none were merged away (fewer than kMaxImpactPairs); otherwise each
  // pair keeps its norm, which some document of the block has, with the frequency just above
  // the pair before it, which that document's frequency must exceed. Reads the skip table
  // only, from the start, whatever the iterator's position; a list of one block (no skip
  // table) gives nothing. Deleted documents are among them: the caller must know there are
  // none. Returns false when the skip table is corrupt (status() says where); the pairs
  // appended before the damage still hold.
  bool AppendWitnesses(std::vector<Impact>* out);

  // OK, or Corruption when the postings failed a bounds check.
  const Status& status() const { return status_; }

 private:
  friend class FieldReader;

  // A skip cursor: describes block `block` (-1: before the first block).
  struct SkipState {
    int64_t block = -1;
    uint32_t prev_last_doc = 0;  // last doc of block-1 (valid when block > 0)
    uint32_t last_doc = 0;       // last doc of this block
    uint32_t prev_last_rank = 0; // rank-coded lists: rank of prev_last_doc in the stem's list
    uint32_t last_rank = 0;      // and of last_doc
    uint64_t data_offset = 0;    // this block's first byte, relative to blocks_begin_
    uint64_t data_bytes = 0;     // this block's size in bytes
    uint64_t pos_index = 0;      // positions of the term before this block
    uint64_t pos_count = 0;      // positions in this block
    uint64_t pos_offset = 0;     // start of the pos block holding position pos_index,
                                 // relative to pos_begin_
    ImpactList impacts;                   // this block's, unless impacts_at is set
    const uint8_t* impacts_at = nullptr;  // this block's impact pairs, not read yet
    const uint8_t* next_entry = nullptr;  // skip entry of block+1
  };


  // `stem`: the stem's TermInfo for a rank-coded term (info.stem_ord != 0, doc_freq >= 2),
  // else nullptr. `stem_ranks`: iterate that term's ranks in the stem's list, not documents.
  void Reset(const internal::PostingsSetup& setup, const TermInfo& info, bool positions,
             const TermInfo* stem = nullptr, bool stem_ranks = false);
  // What NextGEQ targets are compared with in a skip entry: its last document, or for a
  // stem-rank iterator its last rank (and the same of the block before it).
  uint32_t LastKey(const SkipState& s) const { return stem_ranks_ ? s.last_rank : s.last_doc; }
  uint32_t PrevLastKey(const SkipState& s) const {
    return stem_ranks_ ? s.prev_last_rank : s.prev_last_doc;
  }
  // Stem cursor: the document at `rank` (< doc_freq), moving forward only; kNoMoreDocs with
  // status() set when the postings are corrupt.
  uint32_t DocAtRank(uint32_t rank);
  // The exact side: rank -> document through stem_ (restarting it if asked to go back).
  uint32_t MapRank(uint32_t rank);
  void ResetStem();
  // Ends the iteration with the stem cursor's error (or a rank past its end).
  uint32_t StemFail();
  // NextGEQ when the target is not in the decoded block (or nothing was read yet).
  uint32_t NextGEQOutsideBlock(uint32_t target);
  bool AdvanceSkip(SkipState* s, uint32_t read_impacts_from);
  // Reads s's impact pairs if AdvanceSkip left them unread (s->impacts_at). False, with
  // status() set, when they are corrupt.
  bool ReadImpacts(SkipState* s);
  // The impact pairs of a skip entry at p into *out; the byte after them, or nullptr (status()
  // set, *out the term's impact) when they are corrupt.
  const uint8_t* ParseImpacts(const uint8_t* p, ImpactList* out);
  // The same entry's pairs stepped over, unread but for their count; the byte after them,
  // or nullptr (status() set) when they run past the skip table.
  const uint8_t* StepOverImpacts(const uint8_t* p);
  // The pair count at p (1 to kMaxImpactPairs) into *count; the byte after it, or nullptr
  // (status() set).
  const uint8_t* ImpactCount(const uint8_t* p, uint32_t* count);
  bool DecodeBlock(const SkipState& s);
  bool LoadPosBlock(uint64_t pb);
  // Points the position cursor at the current document (once per document).
  void StartPositions();
  uint32_t Fail(const char* what, const uint8_t* at, bool in_pos_file);
  uint32_t End() {
    doc_ = kNoMoreDocs;
    freq_ = 1;
    return doc_;
  }

  internal::PostingsSetup setup_;
  uint32_t doc_ = 0;
  uint32_t freq_ = 0;
  uint32_t doc_freq_ = 0;
  uint64_t total_term_freq_ = 0;
  bool want_positions_ = false;
  bool started_ = false;
  Impact term_impact_;
  Status status_;

  // Rank-coded terms: the cursor over the stem's postings (allocated once, reused).
  std::unique_ptr<PostingsIterator> stem_;
  TermInfo stem_info_;
  uint32_t stem_doc_freq_ = 0;
  bool ranked_ = false;
  bool stem_ranks_ = false;  // ranked_, and doc() is the rank (FieldReader::StemRankPostings)
  bool docs_only_ = false;   // a stem cursor: frequencies are skipped, not decoded

  // Doc-block state.
  const uint8_t* blocks_begin_ = nullptr;  // first block of this term
  const uint8_t* skip_table_ = nullptr;    // the skip entry of block 0 (have_skip_table_)
  const uint8_t* doc_end_ = nullptr;       // end of the .doc body
  uint32_t num_blocks_ = 0;
  SkipState skip_;     // the block decoded (or about to be)
  SkipState shallow_;  // lookahead for ShallowAdvance
  bool have_skip_table_ = false;
  int64_t decoded_block_ = -1;  // block currently in docs_/freqs_
  uint32_t buf_count_ = 0;
  uint32_t buf_index_ = 0;  // index of doc() in docs_
  uint32_t block_last_doc_ = 0;

  // Position state.
  const uint8_t* pos_begin_ = nullptr;  // this term's positions
  const uint8_t* pos_end_ = nullptr;    // end of the .pos body
  uint64_t pos_full_blocks_ = 0;        // total_term_freq / 128
  uint64_t block_pos_start_ = 0;        // index of the first position of the decoded doc block
  uint32_t pos_sum_index_ = 0;          // freqs of docs_[0..pos_sum_index_) are in pos_sum_
  uint64_t pos_sum_ = 0;
  uint64_t cur_pos_block_ = 0;          // pos block whose start is at cur_pos_offset_
  uint64_t cur_pos_offset_ = 0;
  int64_t loaded_pos_block_ = -1;       // pos block in pos_buf_
  uint64_t next_pos_index_ = 0;         // index of the next position to return
  uint32_t pos_left_ = 0;               // positions of the current doc not yet returned
  uint32_t last_position_ = 0;
  int64_t pos_doc_ = -1;                // block * 128 + index of the doc set up for positions

  uint32_t docs_[kBlockSize];
  uint32_t freqs_[kBlockSize];
  uint32_t ranks_[kBlockSize];  // maps_ranks(): the stored ranks of docs_ (stem_rank())
  uint32_t pos_buf_[kBlockSize];
};

}  // namespace rasd::index
