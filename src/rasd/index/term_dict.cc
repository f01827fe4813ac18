// The term dictionary: TermDictWriter, and the reading side (FieldReader::FindTerm,
// TermForOrd, TermIterator). Layout in term_dict.h and docs/FORMAT.md.
#include "rasd/index/internal/term_dict.h"

#include <algorithm>
#include <cstring>

#include "rasd/base/coding.h"
#include "rasd/base/macros.h"
#include "rasd/index/internal/field_data.h"

namespace rasd::index {
namespace internal {

using base::PutVarint64;

void TermDictWriter::StartField(FieldKind kind, bool has_positions) {
  freqs_ = kind == FieldKind::kText;
  positions_ = freqs_ && has_positions;
  block_.clear();
  in_block_ = 0;
  num_terms_ = 0;
  last_term_.clear();
  block_offsets_.clear();
}

Status TermDictWriter::Add(std::string_view term, const TermInfo& info) {
  if (in_block_ == 0) {
    PutVarint64(&block_, term.size());
    block_.append(term);
    doc_ptr_ = 0;
    pos_ptr_ = 0;
  } else {
    const size_t max = std::min(term.size(), last_term_.size());
    size_t shared = 0;
    while (shared < max && term[shared] == last_term_[shared]) ++shared;
    PutVarint64(&block_, shared);
    PutVarint64(&block_, term.size() - shared);
    block_.append(term.substr(shared));
  }
  last_term_.assign(term);
  PutVarint64(&block_, info.doc_freq);
  if (info.doc_freq == 1) {
    PutVarint64(&block_, info.singleton_doc);
    if (freqs_) PutVarint64(&block_, info.total_term_freq - 1);
  } else {
    if (freqs_) PutVarint64(&block_, info.total_term_freq - info.doc_freq);
    PutVarint64(&block_, info.doc_offset - doc_ptr_);
    doc_ptr_ = info.doc_offset;
  }
  if (positions_) {
    PutVarint64(&block_, info.pos_offset - pos_ptr_);
    pos_ptr_ = info.pos_offset;
  }
  ++num_terms_;
  if (++in_block_ == kTermsPerBlock) return FlushBlock();
  return Status::OK();
}

Status TermDictWriter::FlushBlock() {
  if (in_block_ == 0) return Status::OK();
  block_offsets_.push_back(file_->offset());
  RASD_RETURN_IF_ERROR(file_->Append(block_));
  block_.clear();
  in_block_ = 0;
  return Status::OK();
}

Status TermDictWriter::FinishField(uint64_t* index_offset, uint32_t* num_terms) {
  RASD_RETURN_IF_ERROR(FlushBlock());
  *index_offset = file_->offset();
  *num_terms = num_terms_;
  std::string index;
  index.reserve(block_offsets_.size() * 8);
  for (uint64_t off : block_offsets_) base::PutFixed64(&index, off);
  return file_->Append(index);
}

namespace {

// Decodes the terms of one block in order. The term is rebuilt in a caller-owned buffer of
// kMaxTermBytes bytes.
class BlockReader {
 public:
  BlockReader(const FieldData* d, char* buf) : d_(d), buf_(buf) {}

  // Positions before the first term of `block`; false when the block's bounds are corrupt.
  bool Load(uint32_t block) {
    if (block >= d_->num_blocks) return false;
    const uint8_t* base = d_->tdx->data;
    const uint64_t start = base::DecodeFixed64(reinterpret_cast<const char*>(base) + d_->index_offset + 8ull * block);
    const uint64_t end = block + 1 < d_->num_blocks
                             ? base::DecodeFixed64(reinterpret_cast<const char*>(base) +
                                                   d_->index_offset + 8ull * (block + 1))
                             : d_->index_offset;
    if (start < kHeaderSize || start >= end || end > d_->index_offset) return false;
    p_ = base + start;
    end_ = base + end;
    block_ = block;
    index_ = 0;
    count_ = block + 1 < d_->num_blocks ? kTermsPerBlock
                                        : d_->num_terms - block * kTermsPerBlock;
    if (count_ == 0 || count_ > kTermsPerBlock) return false;
    doc_ptr_ = 0;
    pos_ptr_ = 0;
    len_ = 0;
    return true;
  }

  bool HasNext() const { return index_ < count_; }

  // Reads the next term and its metadata; false on corrupt bytes.
  bool Next() {
    uint64_t shared = 0, suffix = 0;
    if (index_ > 0) {
      if (!Get(&shared)) return false;
    }
    if (!Get(&suffix)) return false;
    if (shared > len_ || suffix > kMaxTermBytes - shared ||
        suffix > static_cast<uint64_t>(end_ - p_)) {
      return false;
    }
    std::memcpy(buf_ + shared, p_, suffix);
    p_ += suffix;
    len_ = shared + suffix;
    uint64_t df = 0;
    if (!Get(&df) || df == 0 || df > d_->max_doc) return false;
    info_.doc_freq = static_cast<uint32_t>(df);
    info_.ord = block_ * kTermsPerBlock + index_;
    if (df == 1) {
      uint64_t doc = 0;
      if (!Get(&doc) || doc >= d_->max_doc) return false;
      info_.singleton_doc = static_cast<uint32_t>(doc);
      info_.doc_offset = 0;
      uint64_t extra = 0;
      if (d_->has_freqs && !Get(&extra)) return false;
      info_.total_term_freq = 1 + extra;
    } else {
      uint64_t extra = 0, delta = 0;
      if (d_->has_freqs && !Get(&extra)) return false;
      if (!Get(&delta)) return false;
      info_.total_term_freq = df + extra;
      doc_ptr_ += delta;
      info_.doc_offset = doc_ptr_;
      info_.singleton_doc = 0;
    }
    if (d_->has_positions) {
      uint64_t delta = 0;
      if (!Get(&delta)) return false;
      pos_ptr_ += delta;
    }
    info_.pos_offset = pos_ptr_;
    ++index_;
    return true;
  }

  std::string_view term() const { return std::string_view(buf_, len_); }
  const TermInfo& info() const { return info_; }
  // Offset of the next byte, for messages.
  uint64_t offset() const { return static_cast<uint64_t>(p_ - d_->tdx->data); }

 private:
  bool Get(uint64_t* v) {
    const uint8_t* q = GetVarint64Ptr(p_, end_, v);
    if (q == nullptr) return false;
    p_ = q;
    return true;
  }

  const FieldData* d_;
  char* buf_;
  const uint8_t* p_ = nullptr;
  const uint8_t* end_ = nullptr;
  uint32_t block_ = 0;
  uint32_t index_ = 0;
  uint32_t count_ = 0;
  uint64_t doc_ptr_ = 0;
  uint64_t pos_ptr_ = 0;
  size_t len_ = 0;
  TermInfo info_;
};

// The first term of `block` (a view into the mapped file), or false when corrupt.
bool FirstTerm(const FieldData* d, uint32_t block, std::string_view* term) {
  const uint8_t* base = d->tdx->data;
  const uint64_t start =
      base::DecodeFixed64(reinterpret_cast<const char*>(base) + d->index_offset + 8ull * block);
  if (start < kHeaderSize || start >= d->index_offset) return false;
  uint64_t len = 0;
  const uint8_t* p = GetVarint64Ptr(base + start, base + d->index_offset, &len);
  if (p == nullptr || len > static_cast<uint64_t>(base + d->index_offset - p)) return false;
  *term = std::string_view(reinterpret_cast<const char*>(p), len);
  return true;
}

// The last block whose first term is <= target (0 when target precedes every term).
uint32_t FindBlock(const FieldData* d, std::string_view target, bool* ok) {
  uint32_t lo = 0, hi = d->num_blocks;  // answer in [lo, hi)
  *ok = true;
  while (hi - lo > 1) {
    const uint32_t mid = lo + (hi - lo) / 2;
    std::string_view first;
    if (!FirstTerm(d, mid, &first)) {
      *ok = false;
      return 0;
    }
    if (first <= target) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return lo;
}

}  // namespace
}  // namespace internal

using internal::BlockReader;
using internal::FieldData;

bool FieldReader::FindTerm(std::string_view term, TermInfo* info) const {
  const FieldData* d = d_;
  if (d->num_blocks == 0 || term.size() > kMaxTermBytes) return false;
  bool ok = true;
  const uint32_t block = internal::FindBlock(d, term, &ok);
  if (!ok) return false;
  char buf[kMaxTermBytes];
  BlockReader r(d, buf);
  if (!r.Load(block)) return false;
  while (r.HasNext()) {
    if (!r.Next()) return false;
    const int c = r.term().compare(term);
    if (c == 0) {
      *info = r.info();
      return true;
    }
    if (c > 0) return false;
  }
  return false;
}

bool FieldReader::TermForOrd(uint32_t ord, std::string* term) const {
  const FieldData* d = d_;
  if (ord >= d->num_terms) return false;
  char buf[kMaxTermBytes];
  BlockReader r(d, buf);
  if (!r.Load(ord / internal::kTermsPerBlock)) return false;
  for (uint32_t i = 0; i <= ord % internal::kTermsPerBlock; ++i) {
    if (!r.HasNext() || !r.Next()) return false;
  }
  term->assign(r.term());
  return true;
}

// ---- TermIterator

TermIterator::TermIterator(const FieldReader* field) : d_(field->d_) {}

bool TermIterator::LoadBlock(uint32_t block) {
  valid_ = false;
  if (block >= d_->num_blocks) return false;
  const uint8_t* base = d_->tdx->data;
  const uint64_t start =
      base::DecodeFixed64(reinterpret_cast<const char*>(base) + d_->index_offset + 8ull * block);
  const uint64_t end = block + 1 < d_->num_blocks
                           ? base::DecodeFixed64(reinterpret_cast<const char*>(base) +
                                                 d_->index_offset + 8ull * (block + 1))
                           : d_->index_offset;
  if (start < internal::kHeaderSize || start >= end || end > d_->index_offset) {
    status_ = internal::CorruptionAt(d_->tdx->name, d_->index_offset + 8ull * block,
                                     "bad term block offset");
    return false;
  }
  block_ = block;
  p_ = base + start;
  block_end_ = base + end;
  in_block_ = block + 1 < d_->num_blocks ? internal::kTermsPerBlock
                                         : d_->num_terms - block * internal::kTermsPerBlock;
  doc_ptr_ = 0;
  pos_ptr_ = 0;
  term_size_ = 0;
  return true;
}

bool TermIterator::ReadTerm() {
  // Same decoding as BlockReader::Next, into term_.
  auto fail = [&](const char* what) {
    status_ = internal::CorruptionAt(d_->tdx->name, static_cast<uint64_t>(p_ - d_->tdx->data), what);
    valid_ = false;
    return false;
  };
  auto get = [&](uint64_t* v) {
    const uint8_t* q = internal::GetVarint64Ptr(p_, block_end_, v);
    if (q == nullptr) return false;
    p_ = q;
    return true;
  };
  const uint32_t index = (block_ + 1 < d_->num_blocks ? internal::kTermsPerBlock
                                                      : d_->num_terms - block_ * internal::kTermsPerBlock) -
                         in_block_;
  uint64_t shared = 0, suffix = 0;
  if (index > 0 && !get(&shared)) return fail("truncated term");
  if (!get(&suffix)) return fail("truncated term");
  if (shared > term_size_ || suffix > kMaxTermBytes - shared ||
      suffix > static_cast<uint64_t>(block_end_ - p_)) {
    return fail("bad term length");
  }
  if (term_.size() < shared + suffix) term_.resize(std::max<size_t>(shared + suffix, 64));
  std::memcpy(term_.data() + shared, p_, suffix);
  p_ += suffix;
  term_size_ = shared + suffix;
  uint64_t df = 0;
  if (!get(&df) || df == 0 || df > d_->max_doc) return fail("bad doc freq");
  info_ = TermInfo();
  info_.doc_freq = static_cast<uint32_t>(df);
  info_.ord = block_ * internal::kTermsPerBlock + index;
  if (df == 1) {
    uint64_t doc = 0, extra = 0;
    if (!get(&doc) || doc >= d_->max_doc) return fail("bad singleton doc");
    if (d_->has_freqs && !get(&extra)) return fail("truncated term metadata");
    info_.singleton_doc = static_cast<uint32_t>(doc);
    info_.total_term_freq = 1 + extra;
  } else {
    uint64_t extra = 0, delta = 0;
    if (d_->has_freqs && !get(&extra)) return fail("truncated term metadata");
    if (!get(&delta)) return fail("truncated term metadata");
    info_.total_term_freq = df + extra;
    doc_ptr_ += delta;
    info_.doc_offset = doc_ptr_;
  }
  if (d_->has_positions) {
    uint64_t delta = 0;
    if (!get(&delta)) return fail("truncated term metadata");
    pos_ptr_ += delta;
  }
  info_.pos_offset = pos_ptr_;
  --in_block_;
  valid_ = true;
  return true;
}

void TermIterator::SeekToFirst() {
  status_ = Status::OK();
  if (!LoadBlock(0)) return;
  ReadTerm();
}

void TermIterator::Next() {
  if (!valid_) return;
  if (in_block_ == 0) {
    if (block_ + 1 >= d_->num_blocks) {
      valid_ = false;
      return;
    }
    if (!LoadBlock(block_ + 1)) return;
  }
  ReadTerm();
}

bool TermIterator::Seek(std::string_view target) {
  status_ = Status::OK();
  valid_ = false;
  if (d_->num_blocks == 0) return false;
  bool ok = true;
  const uint32_t block = internal::FindBlock(d_, target, &ok);
  if (!ok) {
    status_ = internal::CorruptionAt(d_->tdx->name, d_->index_offset, "bad term block");
    return false;
  }
  if (!LoadBlock(block) || !ReadTerm()) return false;
  while (valid_ && term() < target) Next();
  return valid_ && term() == target;
}

}  // namespace rasd::index
