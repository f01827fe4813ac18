// SegmentBuffer: the in-memory index of documents added since the last flush, written out
// as one segment when the writer's RAM budget is reached (or on commit/refresh).
//
// Built for indexing speed (docs/FORMAT.md is unaffected by it):
//   - every distinct (field, term) gets one fixed-size TermState in a vector, found through
//     an open-addressing hash table of 64-bit slots (32-bit hash tag + term id), its bytes
//     kept once in an arena;
//   - each term's doc gaps/frequencies and positions are appended as varints to two byte
//     streams in a ByteSlicePool (Lucene's ByteBlockPool design: no allocation per term or
//     token, a few large blocks);
//   - terms are sorted once, per field, at flush;
//   - a term of a field whose tokens name parent tokens (IndexDocument::AddToken) records
//     its stem term, or that it has none or several; a term with one stem is written as
//     ranks in the stem's documents (FORMAT.md section 6). Each posting of such a term
//     carries that rank, counted as the documents arrive (the parent token, earlier in the
//     same document, has just added the document to its stem's list): the flush needs no
//     stem's documents to find them.
// Stored fields do not pass through here: the writer streams them straight into the
// segment's .sto file as documents arrive.
//
// The flush of a large field runs on two threads: one reads the terms' varints back out of
// the pool into plain arrays, a batch of terms at a time, while the calling thread encodes
// the previous batch (blocks, impacts, dictionary) and writes it. The first is bound by
// memory latency and the second by arithmetic, and they cost about the same; during the
// flush at the end of an indexing run the second core has nothing else to do.
//
// Thread-safety: none; owned by the IndexWriter under its mutex.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rasd/base/hash.h"
#include "rasd/base/status.h"
#include "rasd/index/document.h"
#include "rasd/index/index_reader.h"
#include "rasd/index/internal/byte_slice_pool.h"
#include "rasd/index/internal/segment_writer.h"

namespace rasd::index::internal {

class SegmentBuffer {
 public:
  SegmentBuffer();

  // Indexes `doc` (already validated, field kinds already checked) as the next document.
  // Deletions of buffered documents are tracked by the writer, not here.
  void Add(const IndexDocument& doc);

  uint32_t num_docs() const { return num_docs_; }
  // Approximate heap bytes held.
  uint64_t memory_bytes() const;

  // Writes every field, term and doc value of the buffered documents through `w` (which
  // received their stored fields already).
  Status WriteTo(SegmentWriter* w);

 private:
  // One cache line per distinct term: the hash probe, the key compare (terms up to 16
  // bytes are compared inline) and the posting update touch only this line.
  struct alignas(64) TermState {
    uint64_t key[2] = {0, 0};  // the first 16 bytes of the term, zero-padded
    uint32_t text = 0;         // offset of the whole term in arena_
    uint16_t length = 0;
    uint16_t field = 0;
    uint32_t last_doc = 0xFFFFFFFFu;
    uint32_t freq = 0;         // in last_doc
    uint32_t last_pos = 0;     // in last_doc
    uint32_t doc_freq = 0;
    uint32_t doc_start = 0, doc_upto = 0;
    uint32_t pos_start = 0, pos_upto = 0;
    uint32_t stem = kStemUnset;  // term id of the stem, or kStemUnset / kStemNone
    // The rank of last_doc in its stem's list, or kNoRanks: the term's first token had no
    // parent, so its postings carry no ranks (it has no single stem either).
    uint32_t last_rank = kNoRanks;
  };
  static constexpr uint32_t kNoRanks = 0xFFFFFFFEu;
  static constexpr uint32_t kStemUnset = 0xFFFFFFFFu;
  static constexpr uint32_t kStemNone = 0xFFFFFFFEu;  // a token without parent, or two stems
  static constexpr int32_t kParentUnset = -1;
  static constexpr int32_t kParentNone = -2;  // parent tokens in two fields
  struct Field {
    std::string name;
    FieldKind kind = FieldKind::kText;
    bool positions = false;
    uint32_t doc_count = 0;
    std::vector<uint8_t> norms;          // text: per doc
    std::vector<uint32_t> terms;         // term ids of this field
    std::vector<uint32_t> ord_docs;      // keyword: (doc, term id) per value, doc order
    std::vector<uint32_t> ord_terms;
    uint32_t last_doc = 0xFFFFFFFFu;     // keyword: last doc counted in doc_count
    int32_t parent = kParentUnset;       // text: field id of its tokens' parent tokens
  };
  struct Numeric {
    std::string name;
    std::vector<int64_t> values;
    std::vector<uint8_t> present;
  };
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };

  uint16_t FieldId(std::string_view name, FieldKind kind, bool positions);
  // The table's hash of a term of `field`, from base::Hash64 of its bytes (which a text
  // token carries: IndexDocument::TokenView::hash). The field is mixed in by a constant of
  // its own, so the same word in two fields takes unrelated slots.
  static uint64_t TermHash(uint64_t term_hash, uint16_t field) {
    return term_hash ^ base::Mix64(field);
  }
  // The home slot of a term with TermHash h: from the 32 bits kept in the slot as its tag,
  // so that Grow needs no term's bytes. The tag still tells apart the terms that share a
  // home (the bits above the mask) and those displaced into it (the bits below).
  uint64_t Slot(uint64_t h) const { return Home(h, table_mask_); }
  // The same in a table of mask + 1 slots, from h or from a slot's entry (whose upper 32
  // bits are h's): Grow moves the entries with it.
  static uint64_t Home(uint64_t h, uint64_t mask) { return (h >> 32) & mask; }
  uint32_t Intern(uint16_t field, std::string_view term);
  // hash: TermHash(...) of the term.
  uint32_t Intern(uint16_t field, std::string_view term, uint64_t hash);
  // Intern's new term, at the empty `slot` its probe ended on; key: the term's TermState::key.
  uint32_t Insert(uint16_t field, std::string_view term, uint64_t tag, const uint64_t key[2],
                  uint64_t slot);
  void Grow();
  // stem_rank: the document's rank in the stem's list, for a term whose postings carry one.
  void AddPosting(uint32_t term, uint32_t doc, uint32_t position, bool freqs, bool positions,
                  uint32_t stem_rank = 0);
  std::string_view TermBytes(const TermState& t) const {
    return std::string_view(arena_.data() + t.text, t.length);
  }
  void SortTerms(std::vector<uint32_t>* ids) const;

  // The postings of consecutive terms of one field, decoded from the pool (WriteTo).
  struct DecodedTerms {
    uint32_t first = 0;             // ordinal of the first term in the field
    std::vector<uint32_t> ends;     // per term: its end in docs / freqs / ranks
    std::vector<uint32_t> pos_ends;  // per term: its end in positions
    std::vector<uint32_t> docs, freqs, ranks, positions;
    void Clear() {
      ends.clear();
      pos_ends.clear();
      docs.clear();
      freqs.clear();
      ranks.clear();
      positions.clear();
    }
  };
  // Decodes terms from ordinal `first` of `field` into *out (cleared) until it holds
  // batch_values documents and positions or more; returns the ordinal after the last one
  // decoded.
  uint32_t DecodeTerms(const Field& field, uint32_t first, size_t batch_values,
                       DecodedTerms* out) const;
  // Writes the decoded terms through w (WriteTo's per-term part). term_ords: term id ->
  // ordinal, filled as terms are written.
  Status WriteTerms(const Field& field, bool stems, const DecodedTerms& batch, SegmentWriter* w,
                    std::vector<uint32_t>* term_ords) const;
  // All of a field's terms, decoding on a second thread while writing when the field is
  // large (see the file comment).
  Status WriteFieldTerms(const Field& field, bool stems, SegmentWriter* w,
                         std::vector<uint32_t>* term_ords) const;

  uint32_t num_docs_ = 0;
  std::vector<Field> fields_;
  std::unordered_map<std::string, uint16_t, StringHash, std::equal_to<>> field_ids_;
  std::vector<Numeric> numerics_;
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> numeric_ids_;

  std::vector<TermState> terms_;
  std::vector<uint64_t> table_;  // 0 = empty, else (hash tag << 32) | (term id + 1); the
                               // tag is TermHash >> 32
  uint64_t table_mask_ = 0;
  std::string arena_;
  ByteSlicePool pool_;

  // Per-document scratch, reused.
  std::vector<uint16_t> handle_fields_;
  std::vector<uint32_t> field_lengths_;
  std::vector<uint64_t> hashes_;
  std::vector<uint16_t> token_fields_;
  std::vector<uint32_t> token_ids_;
};

}  // namespace rasd::index::internal
