// PostingsWriter: encodes one term at a time into a segment's .doc and .pos files (the
// layout is specified in docs/FORMAT.md, "Postings"; the reader is PostingsIterator).
//
//   w.StartTerm(...);
//   for each doc (increasing): w.AddDoc(doc, freq); then freq times w.AddPosition(pos);
//   w.FinishTerm(&info);   // info locates the postings, for the term dictionary
//
// A term's doc blocks are buffered until the term ends (its skip table precedes them);
// positions stream straight to the .pos file. Memory is proportional to the longest list's
// encoded size, not to the segment.
//
// Thread-safety: none.
#pragma once

#include <cstdint>
#include <string>

#include "rasd/base/status.h"
#include "rasd/index/internal/format.h"
#include "rasd/index/postings.h"

namespace rasd::index::internal {

// A term's stem, for StartTerm: its ordinal in the parent field and its documents in the
// segment being written (increasing), which must include every document of the term; or,
// when the caller knows each document's rank in them (a buffer that counted them as the
// documents came), docs == nullptr and the ranks come with AddDoc.
struct StemList {
  uint32_t ord = 0;
  const uint32_t* docs = nullptr;
  uint32_t size = 0;  // the stem's document count
};

class PostingsWriter {
 public:
  // The files must outlive the writer; either may be shared with other writers' output
  // only between terms.
  PostingsWriter(FileWriter* doc_file, FileWriter* pos_file)
      : doc_file_(doc_file), pos_file_(pos_file) {}

  // freqs: store term frequencies (text fields). positions: store positions (needs freqs).
  // norms: the field's per-doc norm bytes (for block impacts), or nullptr (keyword fields).
  // stem: the term's stem (text fields with a parent), or nullptr: the term is then coded
  // absolutely. With a stem, a list of two or more documents is coded as ranks in the stem's
  // (FORMAT.md section 6), and the term's entry records the stem; a document missing from
  // the stem's list makes FinishTerm return Internal. `stem->docs` must stay valid until
  // FinishTerm.
  void StartTerm(bool freqs, bool positions, const uint8_t* norms, const StemList* stem = nullptr);
  // `doc` must exceed the previous doc of the term; freq >= 1 (ignored without freqs).
  void AddDoc(uint32_t doc, uint32_t freq);
  // The same for a term started with a stem without docs: `stem_rank` is the document's
  // index in the stem's list. Ranks that do not increase or reach the stem's size make
  // FinishTerm return Internal.
  void AddDoc(uint32_t doc, uint32_t freq, uint32_t stem_rank);
  // Positions of the current doc, non-decreasing; exactly freq of them when positions are on.
  void AddPosition(uint32_t position) {
    pos_values_[pos_n_++] = position - last_position_;
    last_position_ = position;
    if (pos_n_ == kBlockSize) FlushPositionBlock();
  }
  // Writes the term (at least one doc) and fills everything in *info but ord.
  Status FinishTerm(TermInfo* info);

  // Documents added since StartTerm.
  uint32_t doc_freq() const { return doc_freq_; }
  // Status of the position stream writes (checked by FinishTerm too).
  const Status& status() const { return status_; }

 private:
  void FlushDocBlock();
  void FlushPositionBlock();

  FileWriter* doc_file_;
  FileWriter* pos_file_;
  Status status_;

  bool freqs_on_ = false;
  bool positions_on_ = false;
  const uint8_t* norms_ = nullptr;

  uint32_t docs_[kBlockSize];
  uint32_t ranks_[kBlockSize];    // with a stem: each doc's rank in the stem's list
  uint32_t freqs_[kBlockSize];
  StemList stem_;
  bool stem_on_ = false;          // the term is coded as ranks in stem_
  uint32_t stem_at_ = 0;          // rank of the next stem doc not yet passed
  int64_t prev_block_last_rank_ = -1;
  bool stem_missed_ = false;
  uint32_t n_ = 0;                // docs buffered in the current block
  uint32_t doc_freq_ = 0;
  uint64_t total_freq_ = 0;
  int64_t prev_block_last_ = -1;  // last doc of the previous block
  uint32_t blocks_ = 0;           // full blocks written to blocks_buf_
  std::string blocks_buf_;
  std::string skip_buf_;
  Impact term_impact_;
  // Position bookkeeping of the block being filled.
  uint64_t block_pos_start_ = 0;    // positions before the current block
  uint64_t block_pos_offset_ = 0;   // pos block start of position block_pos_start_
  uint64_t prev_block_pos_offset_ = 0;

  uint64_t term_pos_start_ = 0;     // .pos offset of this term's positions
  uint64_t positions_ = 0;          // positions added for the term
  uint32_t pos_values_[kBlockSize];
  uint32_t pos_n_ = 0;
  uint32_t last_position_ = 0;
  std::string scratch_;
};

}  // namespace rasd::index::internal
