// PostingsWriter: doc blocks (bit-packed gaps and frequencies), skip entries with impacts,
// and position blocks. See docs/FORMAT.md, "Postings", for the byte layout.
#include "rasd/index/internal/postings_writer.h"

#include <algorithm>

#include "rasd/base/coding.h"
#include "rasd/base/macros.h"
#include "rasd/index/internal/pfor.h"

namespace rasd::index::internal {

using base::PutVarint64;

void PostingsWriter::StartTerm(bool freqs, bool positions, const uint8_t* norms,
                               const StemList* stem) {
  stem_on_ = stem != nullptr && freqs;
  stem_ = stem_on_ ? *stem : StemList();
  stem_at_ = 0;
  prev_block_last_rank_ = -1;
  stem_missed_ = false;
  freqs_on_ = freqs;
  positions_on_ = positions && freqs;
  norms_ = norms;
  n_ = 0;
  doc_freq_ = 0;
  total_freq_ = 0;
  prev_block_last_ = -1;
  blocks_ = 0;
  blocks_buf_.clear();
  skip_buf_.clear();
  term_impact_ = Impact{0, 255};
  block_pos_start_ = 0;
  block_pos_offset_ = 0;
  prev_block_pos_offset_ = 0;
  term_pos_start_ = pos_file_->offset();
  positions_ = 0;
  pos_n_ = 0;
  last_position_ = 0;
}

void PostingsWriter::AddDoc(uint32_t doc, uint32_t freq) {
  uint32_t rank = 0;
  if (stem_on_) {
    if (stem_.docs == nullptr) {
      stem_missed_ = true;  // ranks were promised with the documents
    } else {
      // Documents come in order, so their ranks are found by one forward search of the
      // stem's list, galloping (Bentley & Yao 1976): a rare form of a common stem skips most
      // of the list in a few steps instead of walking it.
      const uint32_t* docs = stem_.docs;
      uint32_t lo = stem_at_, step = 1;
      while (lo + step < stem_.size && docs[lo + step] < doc) {
        lo += step;
        step *= 2;
      }
      const uint32_t* at = std::lower_bound(docs + lo, docs + std::min(stem_.size, lo + step + 1), doc);
      stem_at_ = static_cast<uint32_t>(at - docs);
      if (stem_at_ == stem_.size || docs[stem_at_] != doc) stem_missed_ = true;
      rank = stem_at_;
    }
  }
  AddDoc(doc, freq, rank);
}

void PostingsWriter::AddDoc(uint32_t doc, uint32_t freq, uint32_t stem_rank) {
  if (!freqs_on_) freq = 1;
  if (n_ == 0) {
    // First doc of a block: remember where its positions start.
    block_pos_start_ = positions_;
    block_pos_offset_ = pos_file_->offset() - term_pos_start_;
  }
  docs_[n_] = doc;
  if (stem_on_) {
    const uint32_t prev = n_ > 0 ? ranks_[n_ - 1] : static_cast<uint32_t>(prev_block_last_rank_);
    if (stem_rank >= stem_.size || (doc_freq_ > 0 && stem_rank <= prev)) stem_missed_ = true;
    ranks_[n_] = stem_rank;
  }
  freqs_[n_] = freq;
  ++n_;
  ++doc_freq_;
  total_freq_ += freq;
  if (positions_on_) positions_ += freq;
  last_position_ = 0;
  if (n_ == kBlockSize) FlushDocBlock();
}

// Encodes the buffered docs as one block (full: bit-packed; partial: the variable-byte
// tail) and appends its skip entry.
void PostingsWriter::FlushDocBlock() {
  const size_t block_start = blocks_buf_.size();
  uint32_t gaps[kBlockSize];
  int64_t prev = prev_block_last_;
  uint32_t max_freq = 0;
  uint8_t min_norm = 255;
  uint64_t block_freq = 0;
  // Rank-coded lists code rank gaps in place of doc gaps (FORMAT.md section 6).
  const bool ranked = stem_on_;
  int64_t prev_rank = prev_block_last_rank_;
  for (uint32_t i = 0; i < n_; ++i) {
    if (ranked) {
      gaps[i] = static_cast<uint32_t>(ranks_[i] - prev_rank - 1);
      prev_rank = ranks_[i];
    } else {
      gaps[i] = static_cast<uint32_t>(docs_[i] - prev - 1);
    }
    prev = docs_[i];
    max_freq = std::max(max_freq, freqs_[i]);
    block_freq += freqs_[i];
    if (norms_ != nullptr) min_norm = std::min(min_norm, norms_[docs_[i]]);
  }
  if (norms_ == nullptr) min_norm = 0;
  if (n_ == kBlockSize) {
    pfor::AppendBlock(gaps, &blocks_buf_);
    if (freqs_on_) {
      uint32_t f1[kBlockSize];
      for (uint32_t i = 0; i < kBlockSize; ++i) f1[i] = freqs_[i] - 1;
      pfor::AppendBlock(f1, &blocks_buf_);
    }
  } else {
    for (uint32_t i = 0; i < n_; ++i) {
      if (freqs_on_) {
        PutVarint64(&blocks_buf_, uint64_t{gaps[i]} << 1 | (freqs_[i] == 1 ? 1 : 0));
        if (freqs_[i] != 1) PutVarint64(&blocks_buf_, freqs_[i]);
      } else {
        PutVarint64(&blocks_buf_, gaps[i]);
      }
    }
  }
  // Skip entry for this block.
  PutVarint64(&skip_buf_, static_cast<uint64_t>(prev - (prev_block_last_ < 0 ? 0 : prev_block_last_)));
  PutVarint64(&skip_buf_, blocks_buf_.size() - block_start);
  if (ranked) {
    PutVarint64(&skip_buf_, static_cast<uint64_t>(
                                prev_rank - (prev_block_last_rank_ < 0 ? 0 : prev_block_last_rank_)));
    prev_block_last_rank_ = prev_rank;
  }
  if (positions_on_) {
    PutVarint64(&skip_buf_, block_freq);
    PutVarint64(&skip_buf_, block_pos_offset_ - prev_block_pos_offset_);
    prev_block_pos_offset_ = block_pos_offset_;
  }
  if (freqs_on_ && norms_ != nullptr) {
    uint8_t norms[kBlockSize];
    for (uint32_t i = 0; i < n_; ++i) norms[i] = norms_[docs_[i]];
    const ImpactList impacts = CompetitiveImpacts(freqs_, norms, n_);
    PutVarint64(&skip_buf_, impacts.size);
    uint32_t prev_freq = 0;
    for (uint32_t i = 0; i < impacts.size; ++i) {
      PutVarint64(&skip_buf_, impacts.pairs[i].max_freq - prev_freq - 1);
      skip_buf_.push_back(static_cast<char>(impacts.pairs[i].min_norm));
      prev_freq = impacts.pairs[i].max_freq;
    }
  }
  term_impact_.max_freq = std::max(term_impact_.max_freq, max_freq);
  term_impact_.min_norm = std::min(term_impact_.min_norm, min_norm);
  prev_block_last_ = prev;
  ++blocks_;
  n_ = 0;
}

void PostingsWriter::FlushPositionBlock() {
  scratch_.clear();
  pfor::AppendBlock(pos_values_, &scratch_);
  Status s = pos_file_->Append(scratch_);
  if (!s.ok() && status_.ok()) status_ = s;
  pos_n_ = 0;
}

Status PostingsWriter::FinishTerm(TermInfo* info) {
  if (doc_freq_ == 0) return Status::Internal("PostingsWriter::FinishTerm without documents");
  // Positions tail: variable-byte.
  if (positions_on_ && pos_n_ > 0) {
    scratch_.clear();
    for (uint32_t i = 0; i < pos_n_; ++i) PutVarint64(&scratch_, pos_values_[i]);
    Status s = pos_file_->Append(scratch_);
    if (!s.ok() && status_.ok()) status_ = s;
    pos_n_ = 0;
  }
  if (!status_.ok()) return status_;
  if (stem_missed_) {
    return Status::Internal("PostingsWriter: a document of the term is not in its stem's list");
  }
  *info = TermInfo();
  info->stem_ord = stem_on_ ? stem_.ord + 1 : 0;
  info->doc_freq = doc_freq_;
  info->total_term_freq = freqs_on_ ? total_freq_ : doc_freq_;
  info->pos_offset = term_pos_start_;
  if (doc_freq_ == 1) {
    // Pulsed: the only doc lives in the term dictionary; no .doc bytes.
    info->singleton_doc = docs_[0];
    info->doc_offset = 0;
    n_ = 0;
    return Status::OK();
  }
  if (n_ > 0) FlushDocBlock();
  info->doc_offset = doc_file_->offset();
  scratch_.clear();
  if (freqs_on_ && norms_ != nullptr) {
    PutVarint64(&scratch_, term_impact_.max_freq);
    scratch_.push_back(static_cast<char>(term_impact_.min_norm));
  }
  if (blocks_ > 1) PutVarint64(&scratch_, skip_buf_.size());
  RASD_RETURN_IF_ERROR(doc_file_->Append(scratch_));
  // The skip table as it is, not copied after the head into scratch_: a stopword's runs to
  // hundreds of KB at a million articles, and scratch_ would keep that room to the end.
  if (blocks_ > 1) RASD_RETURN_IF_ERROR(doc_file_->Append(skip_buf_));
  return doc_file_->Append(blocks_buf_);
}

}  // namespace rasd::index::internal
