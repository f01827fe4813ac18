// SegmentBuffer: in-memory inversion of added documents and their flush into a segment.
// See internal/segment_buffer.h for the data layout.
#include "rasd/index/internal/segment_buffer.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include "rasd/base/check.h"
#include "rasd/base/hash.h"
#include "rasd/base/macros.h"
#include "rasd/index/internal/term_key.h"
#include "rasd/index/internal/two_stage.h"

namespace rasd::index::internal {

SegmentBuffer::SegmentBuffer() {
  table_.assign(1 << 10, 0);
  table_mask_ = table_.size() - 1;
  // Field 0 is always the id field.
  FieldId(kIdFieldName, FieldKind::kId, false);
}

uint64_t SegmentBuffer::memory_bytes() const {
  // Capacities, not sizes: a vector that has just doubled holds twice its contents, and the
  // budget is meant to bound what the process holds (the term states alone were 67 MB of
  // capacity for 35 MB of contents in a 256 MB buffer).
  uint64_t n = pool_.memory_bytes() + terms_.capacity() * sizeof(TermState) +
               table_.capacity() * sizeof(uint64_t) + arena_.capacity();
  for (const Field& f : fields_) {
    n += f.norms.capacity() + (f.terms.capacity() + f.ord_docs.capacity() + f.ord_terms.capacity()) * 4;
  }
  for (const Numeric& num : numerics_) n += num.values.capacity() * 8 + num.present.capacity();
  return n;
}

uint16_t SegmentBuffer::FieldId(std::string_view name, FieldKind kind, bool positions) {
  auto it = field_ids_.find(name);
  if (it != field_ids_.end()) return it->second;
  RASD_CHECK_MSG(fields_.size() < 0xFFFF, "too many fields in one segment");
  const uint16_t id = static_cast<uint16_t>(fields_.size());
  Field f;
  f.name = std::string(name);
  f.kind = kind;
  f.positions = kind == FieldKind::kText && positions;
  fields_.push_back(std::move(f));
  field_ids_.emplace(std::string(name), id);
  return id;
}

void SegmentBuffer::Grow() {
  // A slot's home is a function of its tag (Home), so the entries move without their terms'
  // bytes being read and hashed again: with millions of terms, that was a cache miss on a
  // TermState and one on the arena per term at every doubling.
  std::vector<uint64_t> bigger(table_.size() * 2, 0);
  const uint64_t mask = bigger.size() - 1;
  for (uint64_t e : table_) {
    if (e == 0) continue;
    uint64_t i = Home(e, mask);
    while (bigger[i] != 0) i = (i + 1) & mask;
    bigger[i] = e;
  }
  table_.swap(bigger);
  table_mask_ = mask;
}

// Inlined into Add's token loop (a call per token was 7% of the thread in its prologue and
// epilogue); the insertion of a new term, rarer, is a call.
[[gnu::always_inline]] inline uint32_t SegmentBuffer::Intern(uint16_t field,
                                                             std::string_view term, uint64_t h) {
  const uint64_t tag = h >> 32;
  uint64_t key[2];
  LoadTermKey(term, key);
  uint64_t i = Slot(h);
  while (true) {
    const uint64_t e = table_[i];
    if (e == 0) break;
    if ((e >> 32) == tag) {
      const uint32_t id = static_cast<uint32_t>(e) - 1;
      const TermState& t = terms_[id];
      if (t.key[0] == key[0] && t.key[1] == key[1] && t.field == field &&
          t.length == term.size() &&
          (term.size() <= 16 ||
           std::memcmp(arena_.data() + t.text + 16, term.data() + 16, term.size() - 16) == 0)) {
        return id;
      }
    }
    i = (i + 1) & table_mask_;
  }
  return Insert(field, term, tag, key, i);
}

uint32_t SegmentBuffer::Intern(uint16_t field, std::string_view term) {
  return Intern(field, term, TermHash(base::Hash64(term), field));
}

uint32_t SegmentBuffer::Insert(uint16_t field, std::string_view term, uint64_t tag,
                               const uint64_t key[2], uint64_t slot) {
  // Below 2^31 terms the table stays below 2^32 slots, as Slot needs.
  RASD_CHECK_MSG(terms_.size() < 0x7FFFFFFFu && arena_.size() + term.size() < 0xFFFFFFFFu,
                 "segment buffer too large");
  const uint32_t id = static_cast<uint32_t>(terms_.size());
  TermState& t = terms_.emplace_back();
  t.key[0] = key[0];
  t.key[1] = key[1];
  t.text = static_cast<uint32_t>(arena_.size());
  t.length = static_cast<uint16_t>(term.size());
  t.field = field;
  t.doc_start = t.doc_upto = pool_.NewStream();
  if (fields_[field].positions) t.pos_start = t.pos_upto = pool_.NewStream();
  arena_.append(term);
  fields_[field].terms.push_back(id);
  table_[slot] = tag << 32 | (uint64_t{id} + 1);
  if (terms_.size() * 2 > table_.size()) Grow();
  return id;
}

[[gnu::always_inline]] inline void SegmentBuffer::AddPosting(uint32_t id, uint32_t doc, uint32_t position, bool freqs,
                                      bool positions, uint32_t stem_rank) {
  TermState& t = terms_[id];
  if (t.last_doc != doc) {
    if (freqs && t.doc_freq > 0) pool_.WriteVarint(&t.doc_upto, t.freq);
    pool_.WriteVarint(&t.doc_upto, doc - t.last_doc - 1);  // last_doc starts at -1
    if (t.last_rank != kNoRanks) {
      // Modulo 2^32: a term whose tokens name two stems is written without ranks (WriteTo),
      // so its rank gaps need only decode, not make sense.
      pool_.WriteVarint(&t.doc_upto, stem_rank - t.last_rank - 1);  // last_rank starts at -1
      t.last_rank = stem_rank;
    }
    t.last_doc = doc;
    t.freq = 0;
    t.last_pos = 0;
    ++t.doc_freq;
  } else if (!freqs) {
    return;  // a repeated keyword value counts once
  }
  ++t.freq;
  if (positions) {
    pool_.WriteVarint(&t.pos_upto, position - t.last_pos);
    t.last_pos = position;
  }
}

void SegmentBuffer::Add(const IndexDocument& doc) {
  const uint32_t d = num_docs_++;
  // Id.
  AddPosting(Intern(0, doc.id()), d, 0, false, false);
  fields_[0].doc_count++;
  // Text fields: resolve handles, count lengths.
  const size_t n_text = doc.num_text_fields();
  handle_fields_.resize(n_text);
  for (size_t h = 0; h < n_text; ++h) {
    const auto f = doc.text_field(h);
    handle_fields_[h] = FieldId(f.name, FieldKind::kText, f.options.positions);
  }
  // Tokens. The loop is bound by memory latency (a hash slot, a TermState and a byte slice
  // per token, in tables far larger than the caches), so it runs as a software pipeline:
  // hashes first, then table slots are prefetched kSlotAhead tokens ahead and TermStates
  // kTermAhead tokens ahead, letting several cache misses overlap. The prefetches are only
  // hints; each token's lookup below is exact.
  constexpr size_t kSlotAhead = 12;
  constexpr size_t kTermAhead = 6;
  constexpr size_t kSliceAhead = 2;
  const size_t n = doc.num_tokens();
  hashes_.resize(n);
  token_fields_.resize(n);
  token_ids_.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const auto tok = doc.token(i);
    const uint16_t f = handle_fields_[tok.field];
    token_fields_[i] = f;
    hashes_[i] = TermHash(tok.hash, f);
  }
  for (size_t i = 0; i < n; ++i) {
    if (i + kSlotAhead < n) __builtin_prefetch(&table_[Slot(hashes_[i + kSlotAhead])]);
    if (i + kTermAhead < n) {
      const uint64_t e = table_[Slot(hashes_[i + kTermAhead])];
      if (e != 0 && (e >> 32) == (hashes_[i + kTermAhead] >> 32)) {
        const TermState& t = terms_[static_cast<uint32_t>(e) - 1];
        __builtin_prefetch(&t);
      }
    }
    if (i + kSliceAhead < n) {
      const uint64_t e = table_[Slot(hashes_[i + kSliceAhead])];
      if (e != 0 && (e >> 32) == (hashes_[i + kSliceAhead] >> 32)) {
        const TermState& t = terms_[static_cast<uint32_t>(e) - 1];
        if (t.pos_upto != 0) __builtin_prefetch(pool_.Address(t.pos_upto), 1);
        if (t.last_doc != d) __builtin_prefetch(pool_.Address(t.doc_upto), 1);
      }
    }
    const auto tok = doc.token(i);
    const uint16_t f = token_fields_[i];
    const uint32_t id = Intern(f, tok.term, hashes_[i]);
    token_ids_[i] = id;
    // Stems: Validate made the parent an earlier token of another field, so the stem's list
    // holds this document already, as its last.
    TermState& t = terms_[id];
    uint32_t stem_rank = 0;
    if (tok.parent != kNoParentToken) {
      stem_rank = terms_[token_ids_[tok.parent]].doc_freq - 1;
      if (t.doc_freq == 0) t.last_rank = 0xFFFFFFFFu;  // a new term: its postings carry ranks
    }
    AddPosting(id, d, tok.position, true, fields_[f].positions, stem_rank);
    if (tok.parent == kNoParentToken) {
      t.stem = kStemNone;
    } else {
      const uint32_t stem = token_ids_[tok.parent];
      t.stem = t.stem == kStemUnset || t.stem == stem ? stem : kStemNone;
      int32_t& parent = fields_[f].parent;
      const int32_t pf = token_fields_[tok.parent];
      parent = parent == kParentUnset || parent == pf ? pf : kParentNone;
    }
  }
  if (field_lengths_.size() < fields_.size()) field_lengths_.resize(fields_.size(), 0);
  for (size_t h = 0; h < n_text; ++h) {
    field_lengths_[handle_fields_[h]] += static_cast<uint32_t>(doc.text_field(h).num_tokens);
  }
  for (size_t h = 0; h < n_text; ++h) {
    const uint16_t f = handle_fields_[h];
    const uint32_t len = field_lengths_[f];
    if (len == 0 && fields_[f].norms.size() > d) continue;  // second handle of the same name
    Field& field = fields_[f];
    if (field.norms.size() <= d) field.norms.resize(std::max<size_t>(d + 1, field.norms.size() * 2), 0);
    field.norms[d] = EncodeFieldLength(len);
    if (len > 0) ++field.doc_count;
    field_lengths_[f] = 0;
  }
  // Keywords.
  for (size_t i = 0; i < doc.num_keywords(); ++i) {
    const auto kw = doc.keyword(i);
    const uint16_t f = FieldId(kw.field, FieldKind::kKeyword, false);
    const uint32_t id = Intern(f, kw.value);
    if (terms_[id].last_doc == d) continue;  // duplicate value in this doc
    AddPosting(id, d, 0, false, false);
    Field& field = fields_[f];
    field.ord_docs.push_back(d);
    field.ord_terms.push_back(id);
    if (field.last_doc != d) {
      field.last_doc = d;
      ++field.doc_count;
    }
  }
  // Numerics.
  for (size_t i = 0; i < doc.num_numerics(); ++i) {
    const auto nv = doc.numeric(i);
    auto it = numeric_ids_.find(nv.field);
    if (it == numeric_ids_.end()) {
      it = numeric_ids_.emplace(std::string(nv.field), static_cast<uint32_t>(numerics_.size())).first;
      numerics_.push_back(Numeric{std::string(nv.field), {}, {}});
    }
    Numeric& num = numerics_[it->second];
    if (num.values.size() <= d) {
      num.values.resize(std::max<size_t>(d + 1, num.values.size() * 2), 0);
      num.present.resize((num.values.size() + 7) / 8, 0);
    }
    num.values[d] = nv.value;
    num.present[d >> 3] |= static_cast<uint8_t>(1u << (d & 7));
  }
}

void SegmentBuffer::SortTerms(std::vector<uint32_t>* ids) const {
  // Sort on the first 16 bytes as two big-endian integers (taken from the TermState, read
  // in id order, so sequentially), falling back to the arena only for longer ties.
  struct Key {
    uint64_t hi, lo;
    uint32_t id;
  };
  std::vector<Key> keys(ids->size());
  for (size_t i = 0; i < ids->size(); ++i) {
    const TermState& t = terms_[(*ids)[i]];
    keys[i] = Key{__builtin_bswap64(t.key[0]), __builtin_bswap64(t.key[1]), (*ids)[i]};
  }
  std::sort(keys.begin(), keys.end(), [this](const Key& a, const Key& b) {
    if (a.hi != b.hi) return a.hi < b.hi;
    if (a.lo != b.lo) return a.lo < b.lo;
    const TermState& x = terms_[a.id];
    const TermState& y = terms_[b.id];
    if (x.length <= 16 || y.length <= 16) return x.length < y.length;  // equal first 16 bytes
    return TermBytes(x).substr(16) < TermBytes(y).substr(16);
  });
  for (size_t i = 0; i < keys.size(); ++i) (*ids)[i] = keys[i].id;
}

uint32_t SegmentBuffer::DecodeTerms(const Field& field, uint32_t first, size_t batch_values,
                                    DecodedTerms* out) const {
  out->Clear();
  out->first = first;
  const bool text = field.kind == FieldKind::kText;
  const bool positions = text && field.positions;
  constexpr uint32_t kAhead = 8;  // prefetch distance, in terms (see Add)
  const uint32_t n = static_cast<uint32_t>(field.terms.size());
  uint32_t ord = first;
  for (; ord < n && out->docs.size() + out->positions.size() < batch_values; ++ord) {
    if (ord + kAhead < n) __builtin_prefetch(&terms_[field.terms[ord + kAhead]]);
    if (ord + kAhead / 2 < n) {
      const TermState& next = terms_[field.terms[ord + kAhead / 2]];
      __builtin_prefetch(pool_.Address(next.doc_start));
      if (positions) __builtin_prefetch(pool_.Address(next.pos_start));
    }
    const TermState& t = terms_[field.terms[ord]];
    const bool has_ranks = t.last_rank != kNoRanks;
    ByteSlicePool::Reader docs(&pool_, t.doc_start, t.doc_upto);
    std::optional<ByteSlicePool::Reader> pos;
    if (positions) pos.emplace(&pool_, t.pos_start, t.pos_upto);
    uint32_t doc = 0xFFFFFFFFu;
    uint32_t rank = 0xFFFFFFFFu;
    for (uint32_t i = 0; i < t.doc_freq; ++i) {
      doc += docs.ReadVarint() + 1;
      if (has_ranks) rank += docs.ReadVarint() + 1;
      uint32_t freq = 1;
      if (text) freq = i + 1 < t.doc_freq ? docs.ReadVarint() : t.freq;
      out->docs.push_back(doc);
      out->freqs.push_back(freq);
      out->ranks.push_back(rank);
      if (pos.has_value()) {
        uint32_t p = 0;
        for (uint32_t k = 0; k < freq; ++k) {
          p += pos->ReadVarint();
          out->positions.push_back(p);
        }
      }
    }
    out->ends.push_back(static_cast<uint32_t>(out->docs.size()));
    out->pos_ends.push_back(static_cast<uint32_t>(out->positions.size()));
  }
  return ord;
}

Status SegmentBuffer::WriteTerms(const Field& field, bool stems, const DecodedTerms& batch,
                                 SegmentWriter* w, std::vector<uint32_t>* term_ords) const {
  const bool text = field.kind == FieldKind::kText;
  const bool positions = text && field.positions;
  PostingsWriter* pw = w->postings();
  uint32_t begin = 0, pos_begin = 0;
  // Terms come in byte order, their states and bytes in arrival order: each term's state,
  // its stem's state and ordinal and its bytes (for the dictionary) are cache misses, which
  // the decoding thread's own prefetches have long left behind. Fetched ahead as in
  // DecodeTerms: the state (and the ordinal written) kAhead terms ahead, what the state
  // points to kAhead / 2 ahead.
  constexpr size_t kAhead = 16;
  const size_t n = batch.ends.size();
  for (size_t k = 0; k < n; ++k) {
    if (k + kAhead < n) {
      const uint32_t ahead = field.terms[batch.first + k + kAhead];
      __builtin_prefetch(&terms_[ahead]);
      __builtin_prefetch(&(*term_ords)[ahead], 1);
    }
    if (k + kAhead / 2 < n) {
      const TermState& next = terms_[field.terms[batch.first + k + kAhead / 2]];
      __builtin_prefetch(arena_.data() + next.text);
      if (stems && next.stem < kStemNone) {
        __builtin_prefetch(&terms_[next.stem]);
        __builtin_prefetch(&(*term_ords)[next.stem]);
      }
    }
    const uint32_t ord = batch.first + static_cast<uint32_t>(k);
    const uint32_t id = field.terms[ord];
    const TermState& t = terms_[id];
    (*term_ords)[id] = ord;
    // One stem for every token: every token had a parent, the first too, so the postings
    // carry their ranks in the stem's list.
    const bool has_stem = stems && t.stem < kStemNone;
    const bool has_ranks = t.last_rank != kNoRanks;
    RASD_CHECK_MSG(!has_stem || has_ranks, "a term with a stem has no ranks");
    const StemList stem{has_stem ? (*term_ords)[t.stem] : 0, nullptr,
                        has_stem ? terms_[t.stem].doc_freq : 0};
    pw->StartTerm(text, positions, text ? field.norms.data() : nullptr,
                  has_stem ? &stem : nullptr);
    uint32_t p = pos_begin;
    for (uint32_t i = begin; i < batch.ends[k]; ++i) {
      if (has_stem) {
        pw->AddDoc(batch.docs[i], batch.freqs[i], batch.ranks[i]);
      } else {
        pw->AddDoc(batch.docs[i], batch.freqs[i]);
      }
      if (positions) {
        for (uint32_t j = 0; j < batch.freqs[i]; ++j) pw->AddPosition(batch.positions[p++]);
      }
    }
    begin = batch.ends[k];
    pos_begin = batch.pos_ends[k];
    RASD_RETURN_IF_ERROR(w->FinishTerm(TermBytes(t)));
  }
  return Status::OK();
}

Status SegmentBuffer::WriteFieldTerms(const Field& field, bool stems, SegmentWriter* w,
                                      std::vector<uint32_t>* term_ords) const {
  const uint32_t n = static_cast<uint32_t>(field.terms.size());
  uint64_t postings = 0;
  for (uint32_t id : field.terms) postings += terms_[id].doc_freq;
  // Batches of at most 2^17 documents and positions (a megabyte or so of arrays): large
  // enough that handing one over costs nothing beside it, small enough to stay in the caches
  // between the two threads; and at least 16 per field, so that the two threads overlap for
  // all but a sixteenth of it.
  const size_t batch_values =
      std::clamp<size_t>(static_cast<size_t>(postings / 16), size_t{1} << 12, size_t{1} << 17);
  auto one_thread = [&]() -> Status {
    DecodedTerms batch;
    for (uint32_t ord = 0; ord < n;) {
      ord = DecodeTerms(field, ord, batch_values, &batch);
      RASD_RETURN_IF_ERROR(WriteTerms(field, stems, batch, w, term_ords));
    }
    return Status::OK();
  };
  // A small field is not worth a thread.
  constexpr uint64_t kThreadedPostings = 1 << 16;
  if (postings < kThreadedPostings) return one_thread();
  DecodedTerms batches[2];
  uint32_t ord = 0;
  return RunTwoStage(
      batches,
      [&](DecodedTerms* b) -> Result<bool> {
        ord = DecodeTerms(field, ord, batch_values, b);
        return ord >= n;
      },
      [&](const DecodedTerms& b) { return WriteTerms(field, stems, b, w, term_ords); });
}

Status SegmentBuffer::WriteTo(SegmentWriter* w) {
  const uint32_t max_doc = num_docs_;
  std::vector<uint32_t> order(fields_.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [this](uint32_t a, uint32_t b) { return fields_[a].name < fields_[b].name; });
  std::vector<uint32_t> term_ords(terms_.size());  // term id -> ordinal in its field
  std::vector<uint8_t> written(fields_.size(), 0);  // text fields written without a parent
  for (uint32_t fi : order) {
    Field& field = fields_[fi];
    if (field.terms.empty()) continue;
    SortTerms(&field.terms);
    const bool text = field.kind == FieldKind::kText;
    const bool positions = text && field.positions;
    if (text) field.norms.resize(max_doc, 0);
    // A parent field must be written already (its name sorts first), and not have a parent.
    const bool stems = text && field.parent >= 0 && written[field.parent];
    RASD_RETURN_IF_ERROR(w->StartField(field.name, field.kind, positions,
                                       text ? field.norms.data() : nullptr, max_doc,
                                       field.doc_count,
                                       stems ? std::string_view(fields_[field.parent].name)
                                             : std::string_view()));
    if (text && !stems) written[fi] = 1;
    RASD_RETURN_IF_ERROR(WriteFieldTerms(field, stems, w, &term_ords));
    RASD_RETURN_IF_ERROR(w->FinishField());
    if (field.kind == FieldKind::kKeyword) {
      std::vector<uint32_t> starts(max_doc + 1, 0);
      std::vector<uint32_t> ords(field.ord_terms.size());
      for (uint32_t d : field.ord_docs) ++starts[d + 1];
      for (uint32_t d = 0; d < max_doc; ++d) starts[d + 1] += starts[d];
      for (size_t i = 0; i < ords.size(); ++i) ords[i] = term_ords[field.ord_terms[i]];
      // Entries are in doc order already; sort each doc's ordinals.
      for (uint32_t d = 0; d < max_doc; ++d) {
        std::sort(ords.begin() + starts[d], ords.begin() + starts[d + 1]);
      }
      RASD_RETURN_IF_ERROR(w->doc_values(max_doc)->AddKeywordOrdinals(
          field.name, starts.data(), ords.data(), static_cast<uint32_t>(field.terms.size())));
    }
  }
  for (Numeric& num : numerics_) {
    num.values.resize(max_doc, 0);
    num.present.resize((max_doc + 7) / 8, 0);
    RASD_RETURN_IF_ERROR(
        w->doc_values(max_doc)->AddNumeric(num.name, num.values.data(), num.present.data()));
  }
  return Status::OK();
}

}  // namespace rasd::index::internal
