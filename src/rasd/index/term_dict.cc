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

void TermDictWriter::StartField(FieldKind kind, bool has_positions, bool with_stems) {
  freqs_ = kind == FieldKind::kText;
  positions_ = freqs_ && has_positions;
  stems_ = freqs_ && with_stems;
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
    // One byte for both lengths in the common case (docs/FORMAT.md section 5): shared
    // prefixes and suffixes of words are mostly under 15 bytes.
    const size_t suffix = term.size() - shared;
    block_.push_back(
        static_cast<char>(std::min<size_t>(shared, 15) << 4 | std::min<size_t>(suffix, 15)));
    if (shared >= 15) PutVarint64(&block_, shared - 15);
    if (suffix >= 15) PutVarint64(&block_, suffix - 15);
    block_.append(term.substr(shared));
  }
  last_term_.assign(term);
  // Text fields: bit 0 says total_term_freq == doc_freq (every document has the term once,
  // true of most rare terms), which saves their frequency varint.
  const bool once = info.total_term_freq == info.doc_freq;
  PutVarint64(&block_, freqs_ ? (uint64_t{info.doc_freq} << 1 | (once ? 1 : 0)) : info.doc_freq);
  if (stems_) PutVarint64(&block_, info.stem_ord);
  if (info.doc_freq == 1) {
    PutVarint64(&block_, info.singleton_doc);
    if (freqs_ && !once) PutVarint64(&block_, info.total_term_freq - 2);
  } else {
    if (freqs_ && !once) PutVarint64(&block_, info.total_term_freq - info.doc_freq - 1);
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

// The entry decoders below run for every entry a lookup scans (up to a block per FindTerm), so
// they are forced inline and take the one-byte varint, by far the most common, first.
[[gnu::always_inline]] inline bool GetU64(const uint8_t** p, const uint8_t* end, uint64_t* v) {
  if (*p < end && **p < 0x80) {
    *v = **p;
    ++*p;
    return true;
  }
  const uint8_t* q = GetVarint64Ptr(*p, end, v);
  if (q == nullptr) return false;
  *p = q;
  return true;
}

// The front-coding lengths of an entry (docs/FORMAT.md section 5): a block's first entry has
// the whole term (shared = 0); later ones, in version 1, two varints, in version 2 a byte of
// two nibbles min(shared, 15) and min(suffix, 15), each 15 followed by a varint of the rest.
// The caller bounds the lengths.
[[gnu::always_inline]] inline bool GetTermLengths(const FieldData* d, bool first, const uint8_t** p,
                                                  const uint8_t* end, uint64_t* shared,
                                                  uint64_t* suffix) {
  *shared = 0;
  if (first) return GetU64(p, end, suffix);
  if (d->dict_version < 2) return GetU64(p, end, shared) && GetU64(p, end, suffix);
  if (*p >= end) return false;
  const uint8_t head = **p;
  ++*p;
  *shared = head >> 4;
  *suffix = head & 15;
  uint64_t more = 0;
  if (*shared == 15) {
    if (!GetU64(p, end, &more) || more > kMaxTermBytes) return false;
    *shared += more;
  }
  if (*suffix == 15) {
    if (!GetU64(p, end, &more) || more > kMaxTermBytes) return false;
    *suffix += more;
  }
  return true;
}

// An entry's statistics and postings pointers, after its term; doc_ptr and pos_ptr are the
// block's running sums. Returns nullptr, or what is wrong for the Corruption message.
[[gnu::always_inline]] inline const char* GetTermStats(const FieldData* d, const uint8_t** p,
                                                       const uint8_t* end, uint64_t* doc_ptr,
                                                       uint64_t* pos_ptr, TermInfo* info) {
  // Far above any real count, so that the sums below cannot wrap.
  constexpr uint64_t kMaxFreqs = uint64_t{1} << 62;
  uint64_t df = 0;
  if (!GetU64(p, end, &df)) return "bad doc freq";
  const bool compact = d->dict_version >= 2 && d->has_freqs;
  bool once = false;
  if (compact) {
    once = (df & 1) != 0;
    df >>= 1;
  }
  if (df == 0 || df > d->max_doc) return "bad doc freq";
  info->doc_freq = static_cast<uint32_t>(df);
  if (d->with_stems) {
    uint64_t stem = 0;
    if (!GetU64(p, end, &stem)) return "truncated term metadata";
    if (stem > d->postings.parent_num_terms) return "stem ordinal out of range";
    info->stem_ord = static_cast<uint32_t>(stem);
  }
  // total_term_freq - doc_freq, read where the layout has it.
  auto get_extra = [&](uint64_t* extra) {
    *extra = 0;
    if (!d->has_freqs || once) return true;
    if (!GetU64(p, end, extra) || *extra >= kMaxFreqs) return false;
    if (compact) ++*extra;  // version 2 stores extra - 1 (0 is the flag's case)
    return true;
  };
  uint64_t extra = 0;
  if (df == 1) {
    uint64_t doc = 0;
    if (!GetU64(p, end, &doc) || doc >= d->max_doc) return "bad singleton doc";
    if (!get_extra(&extra)) return "truncated term metadata";
    info->singleton_doc = static_cast<uint32_t>(doc);
    info->doc_offset = 0;
  } else {
    uint64_t delta = 0;
    if (!get_extra(&extra) || !GetU64(p, end, &delta)) return "truncated term metadata";
    *doc_ptr += delta;
    info->doc_offset = *doc_ptr;
    info->singleton_doc = 0;
  }
  info->total_term_freq = df + extra;
  if (d->has_positions) {
    uint64_t delta = 0;
    if (!GetU64(p, end, &delta)) return "truncated term metadata";
    *pos_ptr += delta;
  }
  info->pos_offset = *pos_ptr;
  return nullptr;
}

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
    if (!GetTermLengths(d_, index_ == 0, &p_, end_, &shared, &suffix)) return false;
    if (shared > len_ || suffix > kMaxTermBytes - shared ||
        suffix > static_cast<uint64_t>(end_ - p_)) {
      return false;
    }
    std::memcpy(buf_ + shared, p_, suffix);
    p_ += suffix;
    len_ = shared + suffix;
    if (GetTermStats(d_, &p_, end_, &doc_ptr_, &pos_ptr_, &info_) != nullptr) return false;
    info_.ord = block_ * kTermsPerBlock + index_;
    ++index_;
    return true;
  }

  std::string_view term() const { return std::string_view(buf_, len_); }
  const TermInfo& info() const { return info_; }
  // Offset of the next byte, for messages.
  uint64_t offset() const { return static_cast<uint64_t>(p_ - d_->tdx->data); }

 private:
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

// A term's first 8 bytes as a big-endian integer, zero-padded: keys order as the terms do
// wherever they differ (a shorter term padded with zeros sorts before its extensions), so
// only equal keys need the terms themselves.
uint64_t BlockKey(std::string_view term) {
  uint64_t key = 0;
  for (size_t i = 0; i < 8; ++i) {
    key = (key << 8) | (i < term.size() ? static_cast<uint8_t>(term[i]) : 0);
  }
  return key;
}

void BuildBlockKeys(const FieldData* d) {
  std::vector<uint64_t> keys(d->num_blocks);
  for (uint32_t b = 0; b < d->num_blocks; ++b) {
    std::string_view first;
    if (!FirstTerm(d, b, &first)) return;  // FindBlock reports the corruption
    keys[b] = BlockKey(first);
  }
  d->block_keys = std::move(keys);
}

// The last block whose first term is <= target (0 when target precedes every term).
uint32_t FindBlock(const FieldData* d, std::string_view target, bool* ok) {
  uint32_t lo = 0, hi = d->num_blocks;  // answer in [lo, hi)
  *ok = true;
  std::call_once(d->block_keys_once, BuildBlockKeys, d);
  if (!d->block_keys.empty()) {
    // Narrowed by the keys: blocks whose key is below the target's start with a term below
    // it, blocks whose key is above, with a term above it; the terms decide among the
    // blocks whose key equals the target's, below.
    const uint64_t key = BlockKey(target);
    const uint64_t* keys = d->block_keys.data();
    const uint32_t below = static_cast<uint32_t>(
        std::lower_bound(keys, keys + d->num_blocks, key) - keys);  // first key >= key
    const uint32_t upto = static_cast<uint32_t>(
        std::upper_bound(keys + below, keys + d->num_blocks, key) - keys);  // first key > key
    // Every block before `below` starts with a term < target; every block from `upto` on
    // with a term > target. The answer is below - 1 (or 0) unless a block of equal key
    // starts at or before the target.
    lo = below == 0 ? 0 : below - 1;
    hi = upto;
    if (lo >= hi) return lo;
    if (hi - lo == 1) return lo;
  }
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

// Puts r on the entry of term `ord` (its block loaded, the entries before it decoded).
static bool SeekOrd(const FieldData* d, uint32_t ord, BlockReader* r) {
  if (ord >= d->num_terms) return false;
  if (!r->Load(ord / internal::kTermsPerBlock)) return false;
  for (uint32_t i = 0; i <= ord % internal::kTermsPerBlock; ++i) {
    if (!r->HasNext() || !r->Next()) return false;
  }
  return true;
}

bool internal::TermInfoForOrd(const FieldData* d, uint32_t ord, TermInfo* info) {
  char buf[kMaxTermBytes];
  BlockReader r(d, buf);
  if (!SeekOrd(d, ord, &r)) return false;
  *info = r.info();
  return true;
}

bool FieldReader::TermForOrd(uint32_t ord, std::string* term) const {
  char buf[kMaxTermBytes];
  BlockReader r(d_, buf);
  if (!SeekOrd(d_, ord, &r)) return false;
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
  const uint32_t index = (block_ + 1 < d_->num_blocks ? internal::kTermsPerBlock
                                                      : d_->num_terms - block_ * internal::kTermsPerBlock) -
                         in_block_;
  uint64_t shared = 0, suffix = 0;
  if (!internal::GetTermLengths(d_, index == 0, &p_, block_end_, &shared, &suffix)) {
    return fail("truncated term");
  }
  if (shared > term_size_ || suffix > kMaxTermBytes - shared ||
      suffix > static_cast<uint64_t>(block_end_ - p_)) {
    return fail("bad term length");
  }
  if (term_.size() < shared + suffix) term_.resize(std::max<size_t>(shared + suffix, 64));
  std::memcpy(term_.data() + shared, p_, suffix);
  p_ += suffix;
  term_size_ = shared + suffix;
  info_ = TermInfo();
  if (const char* what =
          internal::GetTermStats(d_, &p_, block_end_, &doc_ptr_, &pos_ptr_, &info_)) {
    return fail(what);
  }
  info_.ord = block_ * internal::kTermsPerBlock + index;
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
