// IndexReader: an immutable, consistent snapshot of an index, and the per-segment readers a
// search runs on.
//
// A snapshot is a list of segments, each with a doc-id base (global doc id = base + local
// id) and the deletions that were current when the snapshot was taken. It never changes:
// a writer adding, deleting, committing or merging produces new snapshots and leaves the old
// ones intact, and files a snapshot uses are not deleted while it lives. Snapshots are
// handed out as std::shared_ptr<const IndexReader>; every pointer and reference obtained
// from one (Segment, FieldReader, ...) stays valid as long as the snapshot does.
//
// Where snapshots come from:
//   - IndexReader::Open(env, dir): the last commit in `dir`, for read-only processes (no
//     lock; works while another process writes).
//   - IndexWriter::Snapshot(): the writer's last commit or refresh (see index_writer.h).
//
// Searching is per segment, like Lucene's leaf readers: for each Segment, look up the field
// (Segment::field), the term (FieldReader::FindTerm), and iterate its postings
// (FieldReader::Postings, postings.h), skipping documents for which IsLive() is false.
// Collection statistics for scoring (doc counts, lengths, doc freqs) are summed over the
// snapshot by field_stats() and term_stats(). Hot paths (term lookup, postings, norms, doc
// values, ordinals) decode straight from memory-mapped files and never allocate.
//
// Errors: opening returns Corruption naming the file and byte offset when a file fails its
// magic, version, footer or bounds checks (full checksums are verified by Check(), check.h,
// or on open with ReaderOptions::verify_checksums); NotFound when the directory holds no
// index. Iterators that meet corrupt bytes stop and report Corruption through status().
//
// Thread-safety: all const methods of IndexReader, Segment, FieldReader, NumericColumn may be
// called concurrently from any number of threads. TermIterator and PostingsIterator objects
// are used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/base/env.h"
#include "rasd/base/result.h"
#include "rasd/index/document.h"
#include "rasd/index/postings.h"

namespace rasd::index {

enum class FieldKind : uint8_t {
  kText = 1,     // tokens with frequencies, optional positions, field lengths
  kKeyword = 2,  // untokenised values: postings without frequencies, plus per-doc ordinals
  kId = 3,       // the reserved "_id" field
};

// Per-field statistics (of one segment, or summed over a snapshot). Deleted documents count
// until a merge drops them.
struct FieldStats {
  uint64_t doc_count = 0;            // documents with at least one token/value in the field
  uint64_t sum_total_term_freq = 0;  // sum of field lengths (text); of value counts (keyword)
  uint64_t sum_doc_freq = 0;         // sum over terms of doc_freq
  uint64_t num_terms = 0;            // distinct terms (per segment; summed in a snapshot)
  double average_length() const {
    return doc_count == 0 ? 0.0 : static_cast<double>(sum_total_term_freq) / doc_count;
  }
};

// A term's statistics summed over a snapshot's segments.
struct TermStats {
  uint64_t doc_freq = 0;
  uint64_t total_term_freq = 0;
};

namespace internal {
struct SegmentCore;
struct FieldData;
class SnapshotFactory;
}  // namespace internal

// The ordinals of one document in a keyword field: indexes into the field's sorted values
// (FieldReader::TermForOrd), increasing. A small view; decode on access.
class KeywordOrdinals {
 public:
  uint32_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  uint32_t operator[](uint32_t i) const;

 private:
  friend class FieldReader;
  const uint8_t* data_ = nullptr;
  uint64_t start_ = 0;
  uint32_t count_ = 0;
  uint32_t limit_ = 0;  // largest valid ordinal
  uint8_t bits_ = 0;
};

class TermIterator;

// One text, keyword or id field of one segment.
class FieldReader {
 public:
  std::string_view name() const;
  FieldKind kind() const;
  bool has_freqs() const;      // text fields
  bool has_positions() const;  // text fields whose segment stored positions
  // The field holding this field's stems (its terms' postings are coded relative to their
  // stems', postings.h), or empty.
  std::string_view parent() const;
  const FieldStats& stats() const;
  uint32_t max_doc() const;

  // Exact lookup. Fills *info and returns true when the term exists in this segment.
  bool FindTerm(std::string_view term, TermInfo* info) const;
  // The term of ordinal `ord` (0 <= ord < stats().num_terms) into *term; false when out of
  // range (or corrupt). Allocation-free once *term has the capacity.
  bool TermForOrd(uint32_t ord, std::string* term) const;
  // Resets *it onto the term. `positions` asks for NextPosition() support (ignored when the
  // field stores no positions).
  void Postings(const TermInfo& info, PostingsIterator* it, bool positions = false) const;
  // The same, without positions, for a term of a field with a parent whose stem's entry the
  // caller has at hand (`stem`, from parent()), which Postings would look up by its ordinal:
  // a merge reads many forms of every stem. Returns false, leaving *it as it was, when `stem`
  // is not the term's stem.
  bool Postings(const TermInfo& info, const TermInfo& stem, PostingsIterator* it) const;
  // For a term coded as ranks in its stem's list (postings.h): resets *it to iterate those
  // ranks instead of documents, without positions. doc() is then, for each of the term's
  // documents, its index in the stem's list, which a caller walking the stem's list already
  // has (PostingsIterator::rank()); freq() is the term's own. `stem` is the term's stem in
  // parent() (FindTerm there). Returns false, leaving *it as it was, when the term is not
  // rank-coded or `stem` is not its stem.
  bool StemRankPostings(const TermInfo& info, const TermInfo& stem, PostingsIterator* it) const;

  // Quantised field length of `doc` (0 when the doc has no tokens in the field or the field
  // is not a text field); see EncodeFieldLength in postings.h.
  uint8_t norm(uint32_t doc) const;
  // The same for every document at once: max_doc() bytes, norms()[doc] == norm(doc); nullptr
  // when the field keeps no lengths (then every norm is 0). For loops that read many.
  const uint8_t* norms() const;
  uint32_t field_length(uint32_t doc) const { return DecodeFieldLength(norm(doc)); }

  // Keyword fields: the document's value ordinals (empty for other kinds).
  KeywordOrdinals ordinals(uint32_t doc) const;

 private:
  friend struct internal::SegmentCore;
  friend class TermIterator;
  explicit FieldReader(const internal::FieldData* data) : d_(data) {}
  const internal::FieldData* d_;
};

// Ordered iteration over one field's terms in one segment (bytewise order).
//
//   TermIterator it(field);
//   for (it.Seek("pre"); it.Valid() && it.term().starts_with("pre"); it.Next()) ...
class TermIterator {
 public:
  // Unpositioned; call SeekToFirst() or Seek(). `field` must outlive the iterator.
  explicit TermIterator(const FieldReader* field);
  TermIterator(const TermIterator&) = delete;
  TermIterator& operator=(const TermIterator&) = delete;

  void SeekToFirst();
  // Positions at the first term >= target; returns true when that term equals target.
  bool Seek(std::string_view target);
  void Next();
  bool Valid() const { return valid_; }
  // The current term; the view is invalidated by the next move.
  std::string_view term() const { return std::string_view(term_.data(), term_size_); }
  const TermInfo& info() const { return info_; }
  const Status& status() const { return status_; }

 private:
  bool LoadBlock(uint32_t block);
  bool ReadTerm();

  const internal::FieldData* d_;
  bool valid_ = false;
  uint32_t block_ = 0;
  uint32_t in_block_ = 0;       // terms left to read in the current block
  const uint8_t* p_ = nullptr;  // next byte of the block
  const uint8_t* block_end_ = nullptr;
  uint64_t doc_ptr_ = 0;
  uint64_t pos_ptr_ = 0;
  std::string term_;
  size_t term_size_ = 0;
  TermInfo info_;
  Status status_;
};

// A numeric doc-values column of one segment.
class NumericColumn {
 public:
  // The value of `doc`; false when the doc has none (or doc is out of range).
  bool Get(uint32_t doc, int64_t* value) const;
  std::optional<int64_t> Get(uint32_t doc) const {
    int64_t v;
    return Get(doc, &v) ? std::optional<int64_t>(v) : std::nullopt;
  }
  // Bounds over the documents that have a value (deleted ones included); meaningless when
  // count() == 0.
  int64_t min_value() const { return min_; }
  int64_t max_value() const { return max_; }
  uint32_t count() const { return count_; }  // documents with a value

 private:
  friend struct internal::SegmentCore;
  const uint8_t* presence_ = nullptr;  // bitmap, nullptr when every doc has a value
  const uint8_t* values_ = nullptr;
  uint32_t max_doc_ = 0;
  uint32_t count_ = 0;
  uint8_t bits_ = 0;
  int64_t min_ = 0;
  int64_t max_ = 0;
  uint64_t gcd_ = 1;
};

// A stored document: the external id and the caller's blob. Reusing one StoredDocument for
// many reads avoids allocations and re-decompressing a block read just before.
struct StoredDocument {
  std::string id;
  std::string blob;

  // Cache of the last decompressed block (managed by the reader).
  uint64_t cache_owner = 0;  // unique id of the segment file the cache came from
  uint32_t cache_block = 0;
  std::string cache;
  // Where the document after the last one read starts in `cache` (its block-relative number
  // and byte offset), so that reading a block's documents in order parses it once: a block of
  // documents stored without text holds hundreds of ids.
  uint32_t cache_next = 0;
  size_t cache_next_offset = 0;
};

// One segment as seen by a snapshot: the immutable segment plus the snapshot's deletions.
class Segment {
 public:
  uint32_t doc_base() const { return doc_base_; }
  uint32_t max_doc() const;   // local ids are 0 .. max_doc()-1
  uint32_t num_live() const { return num_live_; }
  bool IsLive(uint32_t doc) const {
    return deleted_ == nullptr || (doc < deleted_bits_ && (deleted_[doc >> 3] >> (doc & 7) & 1) == 0);
  }
  bool has_deletions() const { return deleted_ != nullptr; }
  uint64_t segment_id() const;

  // A text or keyword field, or nullptr when no document of this segment has it.
  const FieldReader* field(std::string_view name) const;
  // Names of the text and keyword fields, sorted.
  std::vector<std::string_view> field_names() const;
  // A numeric column, or nullptr when no document of this segment has a value for it.
  const NumericColumn* numeric(std::string_view name) const;
  std::vector<std::string_view> numeric_names() const;

  // Reads the external id and blob of `doc` (deleted docs too). Corruption naming the file
  // and offset when the stored block fails its checks; InvalidArgument for doc >= max_doc().
  Status GetStored(uint32_t doc, StoredDocument* out) const;
  // The live document with this external id.
  std::optional<uint32_t> LookupId(std::string_view id) const;
  // Calls fn(local doc, external id) for every document of this segment, deleted ones too, in
  // the ids' byte order (IndexReader::ForEachId).
  Status ForEachId(const std::function<void(uint32_t doc, std::string_view id)>& fn) const;

  // Bytes of this segment's files.
  uint64_t size_bytes() const;

 private:
  friend class internal::SnapshotFactory;
  friend class IndexReader;
  std::shared_ptr<const internal::SegmentCore> core_;
  std::shared_ptr<const std::string> deleted_holder_;  // tombstone bitmap bytes
  const uint8_t* deleted_ = nullptr;
  uint32_t deleted_bits_ = 0;
  uint32_t doc_base_ = 0;
  uint32_t num_live_ = 0;
};

struct ReaderOptions {
  // Verify every file's CRC-32C on open (reads every byte; Check() does it too).
  bool verify_checksums = false;
};

class IndexReader {
 public:
  // Opens the last commit of the index in `dir`. NotFound when there is none; Corruption
  // naming file and offset; IOError from the file system. Retries when a concurrent writer
  // removed files of the commit it was reading.
  static Result<std::shared_ptr<const IndexReader>> Open(base::Env* env, const std::string& dir,
                                                         const ReaderOptions& options = {});
  // Whether `dir` holds an index (its MANIFEST), readable or not: what tells "no index here"
  // from an index with a file missing, both NotFound from Open.
  static bool Exists(base::Env* env, const std::string& dir);
  // A snapshot of the newest commit in `current`'s directory, sharing the segments that did
  // not change; `current` itself when nothing was committed since. Only for snapshots made
  // by Open.
  static Result<std::shared_ptr<const IndexReader>> Reopen(
      const std::shared_ptr<const IndexReader>& current);

  ~IndexReader();
  IndexReader(const IndexReader&) = delete;
  IndexReader& operator=(const IndexReader&) = delete;

  // The commit generation this snapshot starts from, and whether it is exactly that commit
  // (false for a writer snapshot that includes uncommitted documents).
  uint64_t generation() const { return generation_; }
  bool committed() const { return committed_; }
  // The opaque string stored with the commit (IndexWriter::Commit).
  const std::string& user_data() const { return user_data_; }

  const std::vector<Segment>& segments() const { return segments_; }
  // One past the largest global doc id (deleted documents included).
  uint32_t max_doc() const { return max_doc_; }
  // Live documents.
  uint64_t num_docs() const { return num_docs_; }
  // Total bytes of the files of this snapshot's segments.
  uint64_t size_bytes() const;

  // Sums over segments (zero when absent).
  FieldStats field_stats(std::string_view field) const;
  TermStats term_stats(std::string_view field, std::string_view term) const;
  // Sorted union of field names over segments.
  std::vector<std::string> field_names() const;

  // The segment holding global doc `doc` and the local id; nullptr when out of range.
  const Segment* SegmentOf(uint32_t doc, uint32_t* local) const;
  bool IsLive(uint32_t doc) const;
  // The global doc of the live document with this external id.
  std::optional<uint32_t> LookupId(std::string_view id) const;
  Status GetStored(uint32_t doc, StoredDocument* out) const;

  // Calls fn(doc, external id) for every document, deleted ones too, segment after segment
  // and within a segment in the ids' byte order, not in document order. It reads the id
  // field's term dictionary, not the stored blocks, which GetStored decompresses whole: use
  // it to learn every document's id (an id column, a cache checking which documents it has
  // seen). Corruption when a dictionary or postings list fails its checks.
  Status ForEachId(const std::function<void(uint32_t doc, std::string_view id)>& fn) const;

  // Calls fn(term, doc_freq summed over segments) for every term of `field` that starts
  // with `prefix` (all terms for an empty prefix), in bytewise order, until fn returns
  // false. Corruption when a term dictionary fails its checks.
  Status ForEachTerm(std::string_view field, std::string_view prefix,
                     const std::function<bool(std::string_view term, uint64_t doc_freq)>& fn)
      const;

 private:
  friend class internal::SnapshotFactory;
  IndexReader() = default;

  base::Env* env_ = nullptr;
  std::string dir_;
  ReaderOptions options_;
  uint64_t generation_ = 0;
  bool committed_ = true;
  std::string user_data_;
  std::vector<Segment> segments_;
  uint32_t max_doc_ = 0;
  uint64_t num_docs_ = 0;
  std::shared_ptr<void> file_refs_;  // keeps the writer from deleting this snapshot's files
};

}  // namespace rasd::index
