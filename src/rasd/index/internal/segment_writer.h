// SegmentWriter: writes one immutable segment (the five files .tdx .doc .pos .sto .dv) from
// a stream of calls, shared by the flush of the in-memory buffer (segment_buffer.h) and by
// merges (merger.h).
//
//   auto w = SegmentWriter::Create(env, dir, id, nonce, options);
//   w->AddStored(id, blob) for docs 0, 1, ... in order (may be interleaved with the rest)
//   for each text/keyword/id field in increasing name order:
//     w->StartField(name, kind, positions, norms, doc_count);
//     for each term in increasing order:
//       w->postings()->StartTerm(...); AddDoc/AddPosition ...; w->FinishTerm(term);
//     w->FinishField();
//   w->doc_values()->AddNumeric / AddKeywordOrdinals ...
//   SegmentMeta meta = w->Finish(max_doc);   // footers, fsync, close
//
// On any error the caller abandons the writer (Abandon() removes the partial files; files
// left by a crash are removed by the next IndexWriter::Open).
//
// Thread-safety: none.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/base/env.h"
#include "rasd/base/result.h"
#include "rasd/index/index_reader.h"
#include "rasd/index/internal/doc_values.h"
#include "rasd/index/internal/format.h"
#include "rasd/index/internal/manifest.h"
#include "rasd/index/internal/postings_writer.h"
#include "rasd/index/internal/stored_fields.h"
#include "rasd/index/internal/term_dict.h"

namespace rasd::index::internal {

struct SegmentWriteOptions {
  int zstd_level = 3;
  uint32_t stored_block_bytes = 48 << 10;
};

class SegmentWriter {
 public:
  static Result<std::unique_ptr<SegmentWriter>> Create(base::Env* env, const std::string& dir,
                                                       uint64_t id, uint64_t nonce,
                                                       const SegmentWriteOptions& options);
  ~SegmentWriter();

  Status AddStored(std::string_view id, std::string_view blob) { return stored_->Add(id, blob); }
  uint32_t num_stored() const { return stored_->num_docs(); }

  // `norms` (max_doc bytes, text fields only) must stay valid until FinishField. Text fields
  // need norms; keyword and id fields pass nullptr. doc_count: docs having the field.
  // parent: for a text field whose terms have stems (PostingsWriter::StartTerm's StemList),
  // the name of the field holding the stems, written earlier in this segment (so its name
  // sorts first); empty otherwise.
  Status StartField(std::string_view name, FieldKind kind, bool positions, const uint8_t* norms,
                    uint32_t max_doc, uint64_t doc_count, std::string_view parent = {});
  PostingsWriter* postings() { return &postings_; }
  // The norms passed to StartField (for PostingsWriter::StartTerm), or nullptr.
  const uint8_t* field_norms() const { return postings_norms_; }
  // Finishes the current term's postings and adds it to the dictionary.
  Status FinishTerm(std::string_view term);
  // Number of terms added to the current field so far (the next term's ordinal).
  uint32_t field_terms() const { return field_terms_; }
  // Whether text field `name` was written to this segment with at least one term (a parent
  // field must have been).
  bool HasTextField(std::string_view name) const;
  Status FinishField();

  DocValuesWriter* doc_values(uint32_t max_doc);

  // Completes every file (footer, fsync, close). Stored documents must number max_doc.
  Result<SegmentMeta> Finish(uint32_t max_doc);
  // Removes the files written so far (best effort).
  void Abandon();

  uint64_t id() const { return id_; }
  uint64_t nonce() const { return nonce_; }
  // Bytes written so far (for merge-size accounting).
  uint64_t bytes_written() const;

 private:
  SegmentWriter(base::Env* env, std::string dir, uint64_t id, uint64_t nonce)
      : env_(env), dir_(std::move(dir)), id_(id), nonce_(nonce) {}

  base::Env* env_;
  std::string dir_;
  uint64_t id_;
  uint64_t nonce_;
  std::unique_ptr<FileWriter> files_[kNumSegmentFiles];  // tdx doc pos sto dv
  std::unique_ptr<StoredFieldsWriter> stored_;
  std::unique_ptr<TermDictWriter> terms_;
  std::unique_ptr<DocValuesWriter> doc_values_;
  PostingsWriter postings_{nullptr, nullptr};

  // Current field.
  bool in_field_ = false;
  std::string field_name_;
  FieldKind field_kind_ = FieldKind::kText;
  bool field_positions_ = false;
  std::string field_parent_;
  std::vector<std::string> text_fields_;  // text fields written, in order
  uint64_t field_doc_count_ = 0;
  uint64_t field_sum_ttf_ = 0;
  uint64_t field_sum_df_ = 0;
  uint32_t field_terms_ = 0;
  uint32_t fields_ = 0;
  std::string field_directory_;
  std::string last_field_;
  uint32_t max_doc_hint_ = 0;
  const uint8_t* postings_norms_ = nullptr;
};

}  // namespace rasd::index::internal
