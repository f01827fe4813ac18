// TermDictWriter: writes one segment's term dictionary (.tdx) field by field; the reading
// side is FieldReader::FindTerm / TermForOrd and TermIterator (term_dict.cc).
//
// Each field's terms, in bytewise order, are cut into blocks of kTermsPerBlock terms. In a
// block the first term is stored whole and the others front-coded (length of the prefix
// shared with the previous term, then the new suffix), each followed by its metadata
// (doc freq, total term freq, postings offsets as deltas within the block, or the single
// doc of a one-doc term). After a field's blocks comes a sparse index: the file offset of
// every block as fixed64, so that lookup is a binary search over block first terms and a
// scan of one block, and ordinal lookup is direct. docs/FORMAT.md, "Term dictionary".
//
// Thread-safety: none.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/index/index_reader.h"
#include "rasd/index/internal/format.h"
#include "rasd/index/postings.h"

namespace rasd::index::internal {

class TermDictWriter {
 public:
  explicit TermDictWriter(FileWriter* file) : file_(file) {}

  // with_stems: the field has a parent field; every entry records its stem (TermInfo::stem_ord).
  void StartField(FieldKind kind, bool has_positions, bool with_stems = false);
  // Terms must come in strictly increasing bytewise order.
  Status Add(std::string_view term, const TermInfo& info);
  // Writes the field's block index; returns its offset and the number of terms.
  Status FinishField(uint64_t* index_offset, uint32_t* num_terms);

 private:
  Status FlushBlock();

  FileWriter* file_;
  bool freqs_ = false;
  bool positions_ = false;
  bool stems_ = false;
  std::string block_;
  uint32_t in_block_ = 0;
  uint32_t num_terms_ = 0;
  std::string last_term_;
  uint64_t doc_ptr_ = 0;
  uint64_t pos_ptr_ = 0;
  std::vector<uint64_t> block_offsets_;
};

}  // namespace rasd::index::internal
