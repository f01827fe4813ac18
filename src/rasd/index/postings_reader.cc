// PostingsIterator: decodes the layout PostingsWriter produces (docs/FORMAT.md, "Postings")
// straight from the mapped .doc and .pos files.
//
// A rank-coded list (a term with a stem, section 6) decodes exactly like an absolute one,
// but its gaps are between ranks in the stem's list and its skip entries also carry the
// block's last rank; each block's ranks are then mapped to documents by the stem cursor
// (stem_), itself a PostingsIterator over the stem's list that only ever moves forward. A
// stem-rank iterator (FieldReader::StemRankPostings) keeps the ranks: its NextGEQ targets and
// doc() are ranks, while ShallowAdvance still works on the skip entries' documents.
//
// Every pointer is checked against the end of the file body before it is dereferenced; a
// failed check ends the iteration with a Corruption status naming the file and offset. Doc
// ids are checked to increase and to stay below the segment's size, so callers can index
// per-doc arrays with them safely even on corrupt input.
#include <algorithm>

#include "rasd/base/coding.h"
#include "rasd/index/internal/bitpack.h"
#include "rasd/index/internal/format.h"
#include "rasd/index/internal/gaps.h"
#include "rasd/index/internal/pfor.h"
#include "rasd/index/postings.h"

namespace rasd::index {

using internal::GetVarint32Ptr;
using internal::GetVarint64Ptr;

namespace {

// True when the `count` (1..kMaxImpactPairs) impact pairs at p, each a varint frequency gap
// and a norm byte, all have one-byte gaps (below 128), so that they take 2 * count bytes.
// Most entries are so: a block's competitive frequencies are small and close together.
// Reads 16 bytes, which the caller must have inside the skip table (the last entries of a
// table take the byte-by-byte path).
inline bool PairsAreTwoBytes(const uint8_t* p, uint32_t count) {
  static_assert(kMaxImpactPairs == 8, "two 8-byte words hold the pairs");
  constexpr uint64_t kGapHighBits = 0x0080008000800080ull;  // of bytes 0, 2, 4 and 6
  const auto upto = [](uint32_t pairs) {  // the high bits of the first `pairs` gap bytes
    return pairs >= 4 ? kGapHighBits : kGapHighBits & ((uint64_t{1} << (16 * pairs)) - 1);
  };
  const uint64_t lo = base::DecodeFixed64(reinterpret_cast<const char*>(p));
  const uint64_t hi = base::DecodeFixed64(reinterpret_cast<const char*>(p) + 8);
  return ((lo & upto(count)) | (hi & (count > 4 ? upto(count - 4) : 0))) == 0;
}

}  // namespace

uint32_t PostingsIterator::Fail(const char* what, const uint8_t* at, bool in_pos_file) {
  if (status_.ok()) {
    const uint8_t* base = in_pos_file ? setup_.pos_file : setup_.doc_file;
    const uint64_t offset = at != nullptr && base != nullptr ? static_cast<uint64_t>(at - base) : 0;
    status_ = internal::CorruptionAt(in_pos_file ? setup_.pos_file_name : setup_.doc_file_name,
                                     offset, what);
  }
  decoded_block_ = -1;
  buf_count_ = 0;
  num_blocks_ = 0;
  have_skip_table_ = false;
  return End();
}

void PostingsIterator::Reset(const internal::PostingsSetup& setup, const TermInfo& info, bool positions,
                             const TermInfo* stem, bool stem_ranks) {
  setup_ = setup;
  status_ = Status::OK();
  ranked_ = stem != nullptr && info.doc_freq >= 2;
  stem_ranks_ = ranked_ && stem_ranks;
  docs_only_ = false;
  doc_freq_ = info.doc_freq;
  total_term_freq_ = info.total_term_freq;
  want_positions_ = positions && setup.has_positions;
  started_ = false;
  doc_ = 0;
  freq_ = 0;
  decoded_block_ = -1;
  buf_count_ = 0;
  buf_index_ = 0;
  have_skip_table_ = false;
  skip_ = SkipState();
  shallow_ = SkipState();
  term_impact_ = Impact{1, 0};
  doc_end_ = setup.doc_file + setup.doc_size;
  pos_end_ = setup.pos_file + setup.pos_size;
  pos_full_blocks_ = total_term_freq_ / kBlockSize;
  block_pos_start_ = 0;
  pos_sum_index_ = 0;
  pos_sum_ = 0;
  cur_pos_block_ = 0;
  cur_pos_offset_ = 0;
  loaded_pos_block_ = -1;
  pos_doc_ = -1;
  pos_left_ = 0;
  num_blocks_ = 0;
  if (want_positions_) {
    if (info.pos_offset < internal::kHeaderSize || info.pos_offset > setup.pos_size) {
      Fail("term's positions offset outside the file", nullptr, true);
      return;
    }
    pos_begin_ = setup.pos_file + info.pos_offset;
  }
  if (doc_freq_ == 0) {
    End();
    return;
  }
  const bool impacts = setup.has_freqs && setup.has_norms;
  if (doc_freq_ == 1) {
    const uint32_t doc = info.singleton_doc;
    if (doc >= setup.max_doc) {
      Fail("singleton doc id out of range", nullptr, false);
      return;
    }
    const uint64_t f = setup.has_freqs ? total_term_freq_ : 1;
    if (f == 0 || f > 0xFFFFFFFFull) {
      Fail("bad singleton frequency", nullptr, false);
      return;
    }
    docs_[0] = doc;
    freqs_[0] = static_cast<uint32_t>(f);
    buf_count_ = 1;
    num_blocks_ = 1;
    decoded_block_ = 0;
    block_last_doc_ = doc;
    if (impacts) term_impact_ = Impact{freqs_[0], setup.norms != nullptr ? setup.norms[doc] : uint8_t{0}};
    skip_.block = 0;
    skip_.last_doc = doc;
    skip_.impacts = ImpactList::Of(term_impact_);
    shallow_ = skip_;
    return;
  }
  if (info.doc_offset < internal::kHeaderSize || info.doc_offset >= setup.doc_size) {
    Fail("term's postings offset outside the file", nullptr, false);
    return;
  }
  if (ranked_) {
    if (setup.parent == nullptr || stem->doc_freq < doc_freq_) {
      Fail("term has more documents than its stem", setup.doc_file + info.doc_offset, false);
      return;
    }
    stem_doc_freq_ = stem->doc_freq;
    if (!stem_ranks_) {
      if (stem_ == nullptr) stem_ = std::make_unique<PostingsIterator>();
      stem_info_ = *stem;
      ResetStem();
      if (!stem_->status().ok()) {
        StemFail();
        return;
      }
    }
  }
  const uint8_t* p = setup.doc_file + info.doc_offset;
  if (impacts) {
    uint32_t max_freq = 0;
    p = GetVarint32Ptr(p, doc_end_, &max_freq);
    if (p == nullptr || p >= doc_end_) {
      Fail("truncated term impact", setup.doc_file + info.doc_offset, false);
      return;
    }
    term_impact_ = Impact{max_freq, *p++};
  }
  num_blocks_ = (doc_freq_ + kBlockSize - 1) / kBlockSize;
  if (num_blocks_ > 1) {
    uint64_t skip_bytes = 0;
    const uint8_t* q = GetVarint64Ptr(p, doc_end_, &skip_bytes);
    if (q == nullptr || skip_bytes > static_cast<uint64_t>(doc_end_ - q)) {
      Fail("skip table runs past the end", p, false);
      return;
    }
    have_skip_table_ = true;
    blocks_begin_ = q + skip_bytes;
    skip_table_ = q;
    skip_.next_entry = q;
    if (!AdvanceSkip(&skip_, 0)) return;
    shallow_ = skip_;
  } else {
    blocks_begin_ = p;
    skip_.block = 0;
    skip_.data_bytes = static_cast<uint64_t>(doc_end_ - p);
    if (!DecodeBlock(skip_)) return;
    skip_.last_doc = block_last_doc_;
    if (stem_ranks_) {
      // Only its ranks were decoded: of its last document, all that is known is that it is
      // one (ShallowAdvance).
      skip_.last_rank = block_last_doc_;
      skip_.last_doc = kMaxSegmentDocs - 1;
    }
    skip_.impacts = ImpactList::Of(term_impact_);
    shallow_ = skip_;
  }
}

inline const uint8_t* PostingsIterator::ImpactCount(const uint8_t* p, uint32_t* count) {
  const uint8_t* q = GetVarint32Ptr(p, blocks_begin_, count);
  if (q == nullptr) return Fail("truncated skip entry", p, false), nullptr;
  if (*count == 0 || *count > kMaxImpactPairs) {
    return Fail("skip entry with a bad impact count", p, false), nullptr;
  }
  return q;
}

// Forced inline: it is the skip walk's hot path, and as a call it cost 0.6% of the
// several-word queries' instructions at 1M articles.
[[gnu::always_inline]] inline const uint8_t* PostingsIterator::StepOverImpacts(
    const uint8_t* p) {
  uint32_t count = 0;
  p = ImpactCount(p, &count);
  if (p == nullptr) return nullptr;
  if (blocks_begin_ - p >= 16 && PairsAreTwoBytes(p, count)) return p + 2 * count;
  for (uint32_t i = 0; i < count; ++i) {  // a varint frequency gap, then a norm byte
    const uint8_t* at = p;
    while (p < blocks_begin_ && (*p & 0x80) != 0) ++p;
    if (blocks_begin_ - p < 2) return Fail("truncated skip entry", at, false), nullptr;
    p += 2;
  }
  return p;
}

// Moves *s from block b to block b+1 by reading b+1's skip entry. Leaves *s where it was when
// there is no block b+1 or the entry is corrupt. The entry's impact pairs are read only when
// the block's last document is >= read_impacts_from (the block a ShallowAdvance lands on);
// otherwise they are stepped over, for ReadImpacts to read if a caller asks for them later.
// A cursor that moves from candidate to candidate passes most entries by, and reading their
// pairs was most of the cost of walking the skip table.
bool PostingsIterator::AdvanceSkip(SkipState* s, uint32_t read_impacts_from) {
  if (s->block + 1 >= static_cast<int64_t>(num_blocks_)) return false;
  const uint8_t* p = s->next_entry;
  const uint8_t* entry = p;
  uint64_t delta = 0, bytes = 0;
  p = GetVarint64Ptr(p, blocks_begin_, &delta);
  if (p != nullptr) p = GetVarint64Ptr(p, blocks_begin_, &bytes);
  if (p == nullptr) return Fail("truncated skip entry", entry, false), false;
  const uint64_t last = (s->block < 0 ? 0 : uint64_t{s->last_doc}) + delta;
  if ((s->block >= 0 && delta == 0) || last >= setup_.max_doc) {
    return Fail("skip entry with a bad last doc", entry, false), false;
  }
  uint64_t last_rank = 0;
  if (ranked_) {
    uint64_t rank_delta = 0;
    p = GetVarint64Ptr(p, blocks_begin_, &rank_delta);
    if (p == nullptr) return Fail("truncated skip entry", entry, false), false;
    last_rank = (s->block < 0 ? 0 : uint64_t{s->last_rank}) + rank_delta;
    if ((s->block >= 0 && rank_delta == 0) || last_rank >= stem_doc_freq_) {
      return Fail("skip entry with a bad last rank", entry, false), false;
    }
  }
  const uint64_t data_offset = s->data_offset + s->data_bytes;
  if (data_offset > static_cast<uint64_t>(doc_end_ - blocks_begin_) ||
      bytes > static_cast<uint64_t>(doc_end_ - blocks_begin_) - data_offset) {
    return Fail("skip entry points past the end of the file", entry, false), false;
  }
  uint64_t pos_count = 0, pos_offset = s->pos_offset;
  if (setup_.has_positions) {
    uint64_t off_delta = 0;
    p = GetVarint64Ptr(p, blocks_begin_, &pos_count);
    if (p != nullptr) p = GetVarint64Ptr(p, blocks_begin_, &off_delta);
    if (p == nullptr) return Fail("truncated skip entry", entry, false), false;
    pos_offset += off_delta;
  }
  const uint8_t* impacts_at = nullptr;
  Impact single{1, 0};  // the one pair of segments without impact lists
  const bool lists = setup_.has_freqs && setup_.has_norms && setup_.impact_lists;
  if (lists && last >= read_impacts_from) {
    p = ParseImpacts(p, &s->impacts);  // (a failure leaves there a bound of the whole list)
    if (p == nullptr) return false;
  } else if (lists) {
    impacts_at = p;
    p = StepOverImpacts(p);
    if (p == nullptr) return false;
  } else if (setup_.has_freqs && setup_.has_norms) {
    uint32_t max_freq_minus_1 = 0;
    p = GetVarint32Ptr(p, blocks_begin_, &max_freq_minus_1);
    if (p == nullptr || p >= blocks_begin_) {
      return Fail("truncated skip entry", entry, false), false;
    }
    single = Impact{max_freq_minus_1 + 1, *p++};
  }
  // Every check passed: *s becomes block b+1, member by member (a whole state, its impact
  // pairs included, is about 160 bytes to copy, at every entry of the walk).
  s->block += 1;
  s->prev_last_doc = s->last_doc;
  s->last_doc = static_cast<uint32_t>(last);
  if (ranked_) {
    s->prev_last_rank = s->last_rank;
    s->last_rank = static_cast<uint32_t>(last_rank);
  }
  s->data_offset = data_offset;
  s->data_bytes = bytes;
  s->pos_index += s->pos_count;
  s->pos_count = pos_count;
  s->pos_offset = pos_offset;
  s->impacts_at = impacts_at;
  if (!lists) s->impacts = ImpactList::Of(single);
  s->next_entry = p;
  return true;
}

const uint8_t* PostingsIterator::ParseImpacts(const uint8_t* p, ImpactList* out) {
  uint32_t count = 0;
  p = ImpactCount(p, &count);
  if (p == nullptr) {
    *out = ImpactList::Of(term_impact_);  // still a bound, for callers that go on
    return nullptr;
  }
  const uint8_t* at = p;
  const char* error = nullptr;
  if (blocks_begin_ - p >= 16 && PairsAreTwoBytes(p, count)) {
    uint32_t freq = 0;
    for (uint32_t i = 0; i < count; ++i) {
      const uint8_t norm = p[2 * i + 1];
      if (i > 0 && norm <= out->pairs[i - 1].min_norm) {
        at = p + 2 * i;
        error = "skip entry with impacts out of order";
        break;
      }
      freq += p[2 * i] + 1u;
      out->pairs[i] = Impact{freq, norm};
    }
    p += 2 * count;
  } else {
    uint32_t freq = 0;
    for (uint32_t i = 0; i < count; ++i) {
      uint32_t delta = 0;
      at = p;
      p = GetVarint32Ptr(p, blocks_begin_, &delta);
      if (p == nullptr || p >= blocks_begin_) {
        error = "truncated skip entry";
        break;
      }
      const uint8_t norm = *p++;
      if (delta >= 0xFFFFFFFFu - freq || (i > 0 && norm <= out->pairs[i - 1].min_norm)) {
        error = "skip entry with impacts out of order";
        break;
      }
      freq += delta + 1;
      out->pairs[i] = Impact{freq, norm};
    }
  }
  if (error != nullptr) {
    *out = ImpactList::Of(term_impact_);  // still a bound, for callers that go on
    return Fail(error, at, false), nullptr;
  }
  out->size = count;
  return p;
}

bool PostingsIterator::ReadImpacts(SkipState* s) {
  if (s->impacts_at == nullptr) return true;
  if (ParseImpacts(s->impacts_at, &s->impacts) == nullptr) return false;
  s->impacts_at = nullptr;
  return true;
}

bool PostingsIterator::DecodeBlock(const SkipState& s) {
  const uint8_t* p = blocks_begin_ + s.data_offset;
  const uint8_t* end = have_skip_table_ ? p + s.data_bytes : doc_end_;
  const uint32_t full_blocks = doc_freq_ / kBlockSize;
  const uint32_t count = s.block < full_blocks ? kBlockSize : doc_freq_ % kBlockSize;
  // Ranks (rank-coded lists) or doc ids (the others), below `limit`.
  int64_t cur = s.block == 0 ? -1 : int64_t{ranked_ ? s.prev_last_rank : s.prev_last_doc};
  const uint64_t limit = ranked_ ? stem_doc_freq_ : setup_.max_doc;
  const char* out_of_range = ranked_ ? "rank past the end of its stem's postings" : "doc id out of range";
  if (count == kBlockSize) {
    const uint8_t* q = internal::pfor::DecodeBlock(p, end, docs_);
    if (q == nullptr) return Fail("bad doc block", p, false), false;
    p = q;
    if (!internal::gaps::GapsToValues128(docs_, cur, limit)) return Fail(out_of_range, p, false), false;
    if (docs_only_) {
      if (setup_.has_freqs && internal::pfor::SkipBlock(p, end) == nullptr) {
        return Fail("bad freq block", p, false), false;
      }
    } else if (setup_.has_freqs) {
      q = internal::pfor::DecodeBlock(p, end, freqs_);
      if (q == nullptr) return Fail("bad freq block", p, false), false;
      if (!internal::gaps::FrequenciesFromStored128(freqs_)) return Fail("bad frequency", p, false), false;
    } else {
      std::fill(freqs_, freqs_ + kBlockSize, 1u);
    }
  } else {
    for (uint32_t i = 0; i < count; ++i) {
      uint64_t v = 0;
      const uint8_t* at = p;
      p = GetVarint64Ptr(p, end, &v);
      if (p == nullptr) return Fail("truncated tail block", at, false), false;
      uint64_t f = 1;
      if (setup_.has_freqs) {
        if ((v & 1) == 0) {
          p = GetVarint64Ptr(p, end, &f);
          if (p == nullptr || f < 2 || f > 0xFFFFFFFFull) return Fail("bad frequency", at, false), false;
        }
        v >>= 1;
      }
      cur += static_cast<int64_t>(v) + 1;
      if (v >= limit || static_cast<uint64_t>(cur) >= limit) {
        return Fail(out_of_range, at, false), false;
      }
      docs_[i] = static_cast<uint32_t>(cur);
      freqs_[i] = static_cast<uint32_t>(f);
    }
  }
  if (ranked_) {
    if (have_skip_table_ && docs_[count - 1] != s.last_rank) {
      return Fail("block's last rank disagrees with its skip entry", blocks_begin_ + s.data_offset,
                  false),
             false;
    }
  }
  if (ranked_ && !stem_ranks_) {
    // Ranks to documents: the first rank in each stem block goes through the stem cursor
    // (which decodes that block); the following ranks in the same block read it directly.
    for (uint32_t i = 0; i < count;) {
      const uint32_t block_end = (docs_[i] / kBlockSize + 1) * kBlockSize;
      ranks_[i] = docs_[i];
      const uint32_t doc = MapRank(docs_[i]);
      if (doc == kNoMoreDocs) return StemFail(), false;
      docs_[i++] = doc;
      const uint32_t* stem_docs = stem_->docs_;
      for (; i < count && docs_[i] < block_end; ++i) {
        ranks_[i] = docs_[i];
        docs_[i] = stem_docs[docs_[i] % kBlockSize];
      }
    }
  }
  if (have_skip_table_ && !stem_ranks_ && docs_[count - 1] != s.last_doc) {
    return Fail("block's last doc disagrees with its skip entry", blocks_begin_ + s.data_offset, false),
           false;
  }
  decoded_block_ = s.block;
  buf_count_ = count;
  buf_index_ = 0;
  block_last_doc_ = docs_[count - 1];
  block_pos_start_ = s.pos_index;
  pos_sum_index_ = 0;
  pos_sum_ = 0;
  if (want_positions_ && have_skip_table_) {
    const uint64_t pb = s.pos_index / kBlockSize;
    if (pb > cur_pos_block_ || (pb == cur_pos_block_ && s.pos_offset > cur_pos_offset_)) {
      cur_pos_block_ = pb;
      cur_pos_offset_ = s.pos_offset;
    }
  }
  return true;
}

void PostingsIterator::ResetStem() {
  stem_->Reset(*setup_.parent, stem_info_, /*positions=*/false);
  stem_->docs_only_ = true;
}

uint32_t PostingsIterator::StemFail() {
  if (stem_ != nullptr && !stem_->status().ok()) {
    if (status_.ok()) status_ = stem_->status();
    return Fail("", nullptr, false);
  }
  return Fail("rank past the end of its stem's postings", nullptr, false);
}

inline uint32_t PostingsIterator::DocAtRank(uint32_t rank) {
  const int64_t b = rank / kBlockSize;
  if (b != decoded_block_) {
    if (rank >= doc_freq_ || num_blocks_ == 0 || b < skip_.block) return kNoMoreDocs;
    while (skip_.block < b) {
      if (!AdvanceSkip(&skip_, kNoMoreDocs)) return kNoMoreDocs;
    }
    if (!DecodeBlock(skip_)) return kNoMoreDocs;
  }
  return docs_[rank % kBlockSize];
}

inline uint32_t PostingsIterator::MapRank(uint32_t rank) {
  uint32_t doc = stem_->DocAtRank(rank);
  if (doc == kNoMoreDocs && stem_->status().ok() && rank < stem_doc_freq_) {
    // The stem cursor only moves forward; a block decoded again starts it over.
    ResetStem();
    doc = stem_->DocAtRank(rank);
  }
  return doc;
}

uint32_t PostingsIterator::Next() {
  if (!started_) {
    started_ = true;
    if (decoded_block_ != skip_.block || decoded_block_ < 0) {
      if (num_blocks_ == 0 || !DecodeBlock(skip_)) return End();
    }
    buf_index_ = 0;
    doc_ = docs_[0];
    freq_ = freqs_[0];
    return doc_;
  }
  if (doc_ == kNoMoreDocs) return doc_;
  if (++buf_index_ < buf_count_) {
    doc_ = docs_[buf_index_];
    freq_ = freqs_[buf_index_];
    return doc_;
  }
  if (!have_skip_table_ || !AdvanceSkip(&skip_, kNoMoreDocs) || !DecodeBlock(skip_)) return End();
  doc_ = docs_[0];
  freq_ = freqs_[0];
  return doc_;
}

uint32_t PostingsIterator::NextGEQOutsideBlock(uint32_t target) {
  if (started_ && doc_ >= target) return doc_;  // also kNoMoreDocs
  const bool was_started = started_;
  started_ = true;
  if (num_blocks_ == 0) return End();
  uint32_t i;
  if (decoded_block_ >= 0 && decoded_block_ == skip_.block && target <= block_last_doc_) {
    i = was_started ? buf_index_ : 0;
  } else {
    if (!have_skip_table_) return End();  // one block, already decoded, target past its end
    if (shallow_.block > skip_.block && (shallow_.block == 0 || PrevLastKey(shallow_) < target)) {
      skip_ = shallow_;
    }
    while (LastKey(skip_) < target) {
      if (!AdvanceSkip(&skip_, kNoMoreDocs)) return End();
    }
    if (!DecodeBlock(skip_)) return End();
    i = 0;
  }
  while (docs_[i] < target) ++i;  // the block's last doc is >= target
  buf_index_ = i;
  doc_ = docs_[i];
  freq_ = freqs_[i];
  return doc_;
}

uint32_t PostingsIterator::NextGEQWanted(uint32_t target, uint32_t limit, uint64_t wanted) {
  auto is_wanted = [wanted](uint32_t freq) { return ((wanted >> std::min<uint32_t>(freq, 63)) & 1) != 0; };
  uint32_t d = NextGEQ(target);
  while (d < limit && !is_wanted(freq_)) {
    uint32_t i = buf_index_ + 1;
    while (i < buf_count_ && docs_[i] < limit && !is_wanted(freqs_[i])) ++i;
    if (i < buf_count_) {
      buf_index_ = i;
      doc_ = docs_[i];
      freq_ = freqs_[i];
      return doc_;
    }
    d = NextGEQ(docs_[buf_count_ - 1] + 1);  // the next block, if any
  }
  return d;
}

uint32_t PostingsIterator::ShallowAdvance(uint32_t target) {
  if (num_blocks_ == 0) return kNoMoreDocs;
  if (!have_skip_table_) return target <= skip_.last_doc ? skip_.last_doc : kNoMoreDocs;
  if (shallow_.block < skip_.block) shallow_ = skip_;
  bool found = true;
  while (found && shallow_.last_doc < target) found = AdvanceSkip(&shallow_, target);
  // Only the block landed on has its impacts read (a block taken from skip_ may not have
  // them yet); they stay valid at the end of the list, for callers that read them after
  // kNoMoreDocs.
  if (!ReadImpacts(&shallow_) || !found) return kNoMoreDocs;
  return shallow_.last_doc;
}

bool PostingsIterator::AppendWitnesses(std::vector<Impact>* out) {
  if (!have_skip_table_ || !status_.ok()) return status_.ok();
  SkipState s;
  s.next_entry = skip_table_;
  while (AdvanceSkip(&s, 0)) {
    const ImpactList& l = s.impacts;
    const bool exact = setup_.impact_lists && l.size < kMaxImpactPairs;
    for (uint32_t i = 0; i < l.size; ++i) {
      // Pairs are in increasing frequency and norm; a merged pair {f2, n1} stands for
      // documents at norm n1 whose frequency exceeds the previous pair's.
      const uint32_t above = i == 0 ? 1 : l.pairs[i - 1].max_freq + 1;
      out->push_back(Impact{exact ? l.pairs[i].max_freq : above, l.pairs[i].min_norm});
    }
  }
  return status_.ok();
}

bool PostingsIterator::LoadPosBlock(uint64_t pb) {
  if (pb > pos_full_blocks_) return Fail("position index past the term's positions", pos_begin_, true), false;
  if (pb < cur_pos_block_) {
    cur_pos_block_ = 0;
    cur_pos_offset_ = 0;
  }
  const uint64_t avail = static_cast<uint64_t>(pos_end_ - pos_begin_);
  while (cur_pos_block_ < pb) {
    if (cur_pos_offset_ >= avail) return Fail("truncated position block", pos_begin_ + std::min(cur_pos_offset_, avail), true), false;
    const uint8_t* q = internal::pfor::SkipBlock(pos_begin_ + cur_pos_offset_, pos_end_);
    if (q == nullptr) return Fail("bad position block", pos_begin_ + cur_pos_offset_, true), false;
    cur_pos_offset_ = static_cast<uint64_t>(q - pos_begin_);
    ++cur_pos_block_;
  }
  if (cur_pos_offset_ >= avail && pb < pos_full_blocks_) {
    return Fail("truncated position block", pos_end_, true), false;
  }
  const uint8_t* p = pos_begin_ + std::min(cur_pos_offset_, avail);
  if (pb < pos_full_blocks_) {
    if (internal::pfor::DecodeBlock(p, pos_end_, pos_buf_) == nullptr) {
      return Fail("bad position block", p, true), false;
    }
  } else {
    const uint64_t n = total_term_freq_ - pb * kBlockSize;
    for (uint64_t i = 0; i < n; ++i) {
      const uint8_t* at = p;
      p = GetVarint32Ptr(p, pos_end_, &pos_buf_[i]);
      if (p == nullptr) return Fail("truncated position tail", at, true), false;
    }
  }
  loaded_pos_block_ = static_cast<int64_t>(pb);
  return true;
}

inline void PostingsIterator::StartPositions() {
  const int64_t key = decoded_block_ * kBlockSize + buf_index_;
  if (pos_doc_ == key) return;
  if (pos_sum_index_ > buf_index_) {
    pos_sum_index_ = 0;
    pos_sum_ = 0;
  }
  while (pos_sum_index_ < buf_index_) pos_sum_ += freqs_[pos_sum_index_++];
  next_pos_index_ = block_pos_start_ + pos_sum_;
  pos_left_ = freq_;
  last_position_ = 0;
  pos_doc_ = key;
}

uint32_t PostingsIterator::NextPosition() {
  if (!want_positions_ || doc_ == kNoMoreDocs || !started_) return 0;
  StartPositions();
  if (pos_left_ == 0) return last_position_;
  const uint64_t index = next_pos_index_;
  if (index >= total_term_freq_) {
    Fail("more positions than the term's total frequency", pos_begin_, true);
    return 0;
  }
  const uint64_t pb = index / kBlockSize;
  if (static_cast<int64_t>(pb) != loaded_pos_block_ && !LoadPosBlock(pb)) return 0;
  ++next_pos_index_;
  --pos_left_;
  last_position_ += pos_buf_[index % kBlockSize];
  return last_position_;
}

uint32_t PostingsIterator::ReadPositions(uint32_t* out) {
  if (!want_positions_ || doc_ == kNoMoreDocs || !started_) return 0;
  StartPositions();
  uint32_t n = 0;
  while (pos_left_ > 0) {
    const uint64_t index = next_pos_index_;
    if (index >= total_term_freq_) {
      Fail("more positions than the term's total frequency", pos_begin_, true);
      return n;
    }
    const uint64_t pb = index / kBlockSize;
    if (static_cast<int64_t>(pb) != loaded_pos_block_ && !LoadPosBlock(pb)) return n;
    // The rest of the document's positions in this block, or of the term's (a tail block
    // holds only those).
    const uint32_t at = static_cast<uint32_t>(index % kBlockSize);
    const uint32_t run = static_cast<uint32_t>(
        std::min<uint64_t>({pos_left_, kBlockSize - at, total_term_freq_ - index}));
    uint32_t last = last_position_;
    for (uint32_t k = 0; k < run; ++k) {
      last += pos_buf_[at + k];
      out[n + k] = last;
    }
    last_position_ = last;
    n += run;
    next_pos_index_ += run;
    pos_left_ -= run;
  }
  return n;
}

}  // namespace rasd::index
