// SegmentWriter: see internal/segment_writer.h. The .tdx directory (after the last field's
// block index) lists every field: name, kind, flags, term count, block index offset and the
// field statistics. docs/FORMAT.md, "Term dictionary".
#include "rasd/index/internal/segment_writer.h"

#include <algorithm>

#include "rasd/base/coding.h"
#include "rasd/base/macros.h"

namespace rasd::index::internal {

using base::PutVarint64;

// kFlagImpactLists: skip entries hold competitive impact lists (postings.h, ImpactList);
// segments written before it hold one {max freq, min norm} pair per block.
// kFlagStems: the field names a parent field and its term entries record their stems there.
enum FieldFlags : uint8_t {
  kFlagFreqs = 1,
  kFlagPositions = 2,
  kFlagNorms = 4,
  kFlagImpactLists = 8,
  kFlagStems = 16,
};

Result<std::unique_ptr<SegmentWriter>> SegmentWriter::Create(base::Env* env, const std::string& dir,
                                                             uint64_t id, uint64_t nonce,
                                                             const SegmentWriteOptions& options) {
  std::unique_ptr<SegmentWriter> w(new SegmentWriter(env, dir, id, nonce));
  for (int i = 0; i < kNumSegmentFiles; ++i) {
    auto f = FileWriter::Create(env, base::JoinPath(dir, SegmentFileName(id, kSegmentExtensions[i])),
                                kSegmentMagics[i], nonce);
    if (!f.ok()) {
      w->Abandon();
      return f.status();
    }
    w->files_[i] = std::move(f).value();
  }
  w->stored_ = std::make_unique<StoredFieldsWriter>(w->files_[3].get(), options.zstd_level,
                                                    options.stored_block_bytes);
  w->terms_ = std::make_unique<TermDictWriter>(w->files_[0].get());
  w->postings_ = PostingsWriter(w->files_[1].get(), w->files_[2].get());
  return w;
}

SegmentWriter::~SegmentWriter() = default;

uint64_t SegmentWriter::bytes_written() const {
  uint64_t n = 0;
  for (const auto& f : files_) {
    if (f != nullptr) n += f->offset();
  }
  return n;
}

DocValuesWriter* SegmentWriter::doc_values(uint32_t max_doc) {
  if (doc_values_ == nullptr) {
    doc_values_ = std::make_unique<DocValuesWriter>(files_[4].get(), max_doc);
    max_doc_hint_ = max_doc;
  }
  return doc_values_.get();
}

Status SegmentWriter::StartField(std::string_view name, FieldKind kind, bool positions,
                                 const uint8_t* norms, uint32_t max_doc, uint64_t doc_count,
                                 std::string_view parent) {
  if (in_field_) return Status::Internal("SegmentWriter::StartField inside a field");
  if (fields_ > 0 && name <= last_field_) {
    return Status::Internal("SegmentWriter: fields out of order");
  }
  in_field_ = true;
  field_name_.assign(name);
  field_kind_ = kind;
  field_positions_ = kind == FieldKind::kText && positions;
  field_parent_.assign(kind == FieldKind::kText ? parent : std::string_view());
  if (!field_parent_.empty() && !HasTextField(field_parent_)) {
    return Status::Internal("SegmentWriter: field \"" + std::string(name) +
                            "\" names a parent field not written before it");
  }
  field_doc_count_ = doc_count;
  field_sum_ttf_ = 0;
  field_sum_df_ = 0;
  field_terms_ = 0;
  terms_->StartField(kind, field_positions_, !field_parent_.empty());
  postings_norms_ = kind == FieldKind::kText ? norms : nullptr;
  if (kind == FieldKind::kText) {
    if (norms == nullptr) return Status::Internal("text field without norms");
    RASD_RETURN_IF_ERROR(doc_values(max_doc)->AddNorms(name, norms));
  }
  return Status::OK();
}

Status SegmentWriter::FinishTerm(std::string_view term) {
  TermInfo info;
  RASD_RETURN_IF_ERROR(postings_.FinishTerm(&info));
  field_sum_df_ += info.doc_freq;
  field_sum_ttf_ += info.total_term_freq;
  ++field_terms_;
  return terms_->Add(term, info);
}

Status SegmentWriter::FinishField() {
  if (!in_field_) return Status::Internal("SegmentWriter::FinishField outside a field");
  in_field_ = false;
  uint64_t index_offset = 0;
  uint32_t num_terms = 0;
  RASD_RETURN_IF_ERROR(terms_->FinishField(&index_offset, &num_terms));
  if (num_terms == 0) return Status::OK();  // an empty field is not recorded
  base::PutLengthPrefixed(&field_directory_, field_name_);
  field_directory_.push_back(static_cast<char>(field_kind_));
  uint8_t flags = 0;
  if (field_kind_ == FieldKind::kText) flags |= kFlagFreqs | kFlagNorms | kFlagImpactLists;
  if (field_positions_) flags |= kFlagPositions;
  if (!field_parent_.empty()) flags |= kFlagStems;
  field_directory_.push_back(static_cast<char>(flags));
  if (!field_parent_.empty()) base::PutLengthPrefixed(&field_directory_, field_parent_);
  PutVarint64(&field_directory_, num_terms);
  PutVarint64(&field_directory_, index_offset);
  PutVarint64(&field_directory_, field_doc_count_);
  PutVarint64(&field_directory_, field_sum_ttf_);
  PutVarint64(&field_directory_, field_sum_df_);
  last_field_ = field_name_;
  if (field_kind_ == FieldKind::kText) text_fields_.push_back(field_name_);
  ++fields_;
  return Status::OK();
}

bool SegmentWriter::HasTextField(std::string_view name) const {
  return std::find(text_fields_.begin(), text_fields_.end(), name) != text_fields_.end();
}

Result<SegmentMeta> SegmentWriter::Finish(uint32_t max_doc) {
  if (in_field_) return Status::Internal("SegmentWriter::Finish inside a field");
  if (stored_->num_docs() != max_doc) {
    return Status::Internal("segment has " + std::to_string(stored_->num_docs()) +
                            " stored documents, expected " + std::to_string(max_doc));
  }
  // .tdx directory.
  const uint64_t tdx_dir = files_[0]->offset();
  std::string head;
  PutVarint64(&head, max_doc);
  PutVarint64(&head, fields_);
  RASD_RETURN_IF_ERROR(files_[0]->Append(head));
  RASD_RETURN_IF_ERROR(files_[0]->Append(field_directory_));
  RASD_RETURN_IF_ERROR(files_[0]->Finish(tdx_dir));
  // .doc and .pos: no directory.
  RASD_RETURN_IF_ERROR(files_[1]->Finish(files_[1]->offset()));
  RASD_RETURN_IF_ERROR(files_[2]->Finish(files_[2]->offset()));
  uint64_t sto_dir = 0;
  RASD_RETURN_IF_ERROR(stored_->Finish(&sto_dir));
  RASD_RETURN_IF_ERROR(files_[3]->Finish(sto_dir));
  uint64_t dv_dir = 0;
  RASD_RETURN_IF_ERROR(doc_values(max_doc)->Finish(&dv_dir));
  RASD_RETURN_IF_ERROR(files_[4]->Finish(dv_dir));
  SegmentMeta meta;
  meta.id = id_;
  meta.nonce = nonce_;
  meta.max_doc = max_doc;
  for (int i = 0; i < kNumSegmentFiles; ++i) meta.file_sizes[i] = files_[i]->offset();
  for (auto& f : files_) f.reset();
  return meta;
}

void SegmentWriter::Abandon() {
  for (int i = 0; i < kNumSegmentFiles; ++i) {
    files_[i].reset();
    const std::string path = base::JoinPath(dir_, SegmentFileName(id_, kSegmentExtensions[i]));
    if (env_->FileExists(path)) env_->RemoveFile(path).IgnoreError();
  }
}

}  // namespace rasd::index::internal
