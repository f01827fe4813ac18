// SegmentCore::Open and the Segment accessors of index_reader.h.
#include "rasd/index/internal/segment_reader.h"

#include <algorithm>

#include "rasd/base/macros.h"
#include "rasd/index/internal/bitpack.h"

namespace rasd::index {
namespace internal {

namespace {

std::atomic<uint64_t> g_next_unique_id{1};

Status ParseFields(SegmentCore* core) {
  const FileData& tdx = *core->files[0];
  Cursor c(&tdx, tdx.directory_offset, tdx.body_end());
  const uint64_t max_doc = c.Varint64();
  const uint64_t n = c.Varint64();
  if (!c.ok()) return c.status("field directory");
  if (max_doc != core->meta.max_doc) {
    return CorruptionAt(tdx.name, tdx.directory_offset,
                        "term dictionary for " + std::to_string(max_doc) +
                            " documents, the manifest says " + std::to_string(core->meta.max_doc));
  }
  if (n > c.remaining()) return CorruptionAt(tdx.name, c.offset(), "bad field count");
  uint64_t prev_index_end = kHeaderSize;
  for (uint64_t i = 0; i < n; ++i) {
    const uint64_t at = c.offset();
    auto d = std::make_unique<FieldData>();
    d->name = std::string(c.LengthPrefixed());
    const uint8_t kind = c.Byte();
    const uint8_t flags = c.Byte();
    if ((flags & 16) != 0) d->parent_name = std::string(c.LengthPrefixed());
    const uint64_t num_terms = c.Varint64();
    d->index_offset = c.Varint64();
    d->stats.doc_count = c.Varint64();
    d->stats.sum_total_term_freq = c.Varint64();
    d->stats.sum_doc_freq = c.Varint64();
    if (!c.ok()) return c.status("field directory");
    if (kind < 1 || kind > 3 || (flags & ~31) != 0 || d->name.empty() ||
        (!core->field_data.empty() && d->name <= core->field_data.back()->name)) {
      return CorruptionAt(tdx.name, at, "bad field entry");
    }
    d->kind = static_cast<FieldKind>(kind);
    d->has_freqs = (flags & 1) != 0;
    d->has_positions = (flags & 2) != 0;
    d->has_norms = (flags & 4) != 0;
    d->impact_lists = (flags & 8) != 0;
    d->with_stems = (flags & 16) != 0;
    if (d->has_freqs != (d->kind == FieldKind::kText) || d->has_norms != d->has_freqs ||
        (d->has_positions && !d->has_freqs) || (d->impact_lists && !d->has_norms) ||
        (d->with_stems && (!d->has_freqs || d->parent_name == d->name))) {
      return CorruptionAt(tdx.name, at, "field flags disagree with its kind");
    }
    const uint64_t num_blocks = (num_terms + kTermsPerBlock - 1) / kTermsPerBlock;
    if (num_terms == 0 || num_terms > 0xFFFFFFFFull ||
        d->index_offset < prev_index_end || d->index_offset > tdx.directory_offset ||
        num_blocks * 8 > tdx.directory_offset - d->index_offset ||
        d->stats.doc_count > max_doc || d->stats.sum_doc_freq < num_terms) {
      return CorruptionAt(tdx.name, at, "bad field entry for \"" + d->name + "\"");
    }
    d->num_terms = static_cast<uint32_t>(num_terms);
    d->num_blocks = static_cast<uint32_t>(num_blocks);
    d->stats.num_terms = num_terms;
    d->max_doc = core->meta.max_doc;
    d->tdx = core->files[0].get();
    d->dict_version = d->tdx->version;
    prev_index_end = d->index_offset + num_blocks * 8;
    core->field_data.push_back(std::move(d));
  }
  return Status::OK();
}

}  // namespace

Result<std::shared_ptr<const SegmentCore>> SegmentCore::Open(base::Env* env, const std::string& dir,
                                                             const SegmentMeta& meta,
                                                             bool verify_checksums) {
  auto core = std::make_shared<SegmentCore>();
  core->meta = meta;
  core->unique_id = g_next_unique_id.fetch_add(1);
  for (int i = 0; i < kNumSegmentFiles; ++i) {
    const std::string name = SegmentFileName(meta.id, kSegmentExtensions[i]);
    RASD_ASSIGN_OR_RETURN(core->files[i], LoadFile(env, dir, name));
    FileData* f = core->files[i].get();
    if (f->size != meta.file_sizes[i]) {
      return CorruptionAt(name, std::min(f->size, meta.file_sizes[i]),
                          "size " + std::to_string(f->size) + " but the manifest says " +
                              std::to_string(meta.file_sizes[i]));
    }
    RASD_RETURN_IF_ERROR(CheckEnvelope(f, kSegmentMagics[i], meta.nonce, verify_checksums));
  }
  RASD_RETURN_IF_ERROR(ParseFields(core.get()));
  RASD_RETURN_IF_ERROR(ParseStoredIndex(core->sto(), &core->stored));
  if (core->stored.num_docs != meta.max_doc) {
    return CorruptionAt(core->sto().name, core->sto().directory_offset,
                        "stored fields for " + std::to_string(core->stored.num_docs) +
                            " documents, the manifest says " + std::to_string(meta.max_doc));
  }
  RASD_RETURN_IF_ERROR(ParseDocValues(*core->files[4], meta.max_doc, &core->columns));
  // Wire doc values into fields and numeric columns.
  for (const DocValuesColumn& col : core->columns) {
    if (col.type == DocValuesType::kNumeric) {
      NumericColumn n;
      n.presence_ = col.presence;
      n.values_ = col.values;
      n.max_doc_ = meta.max_doc;
      n.count_ = col.count;
      n.bits_ = col.bits;
      n.min_ = col.min;
      n.max_ = col.max;
      n.gcd_ = col.gcd;
      core->numerics.emplace_back(col.name, n);
      continue;
    }
    auto it = std::lower_bound(core->field_data.begin(), core->field_data.end(), col.name,
                               [](const std::unique_ptr<FieldData>& d, const std::string& name) {
                                 return d->name < name;
                               });
    if (it == core->field_data.end() || (*it)->name != col.name) continue;  // orphan column
    FieldData* d = it->get();
    if (col.type == DocValuesType::kNorms && d->kind == FieldKind::kText) {
      d->norms = col.norms;
    } else if (col.type == DocValuesType::kKeywordOrdinals && d->kind == FieldKind::kKeyword) {
      if (col.num_terms != d->num_terms) {
        return CorruptionAt(core->files[4]->name, core->files[4]->directory_offset,
                            "ordinals of \"" + d->name + "\" disagree with its term count");
      }
      d->ords = col.ords;
      d->addrs = col.addrs;
      d->ord_bits = col.ord_bits;
      d->addr_bits = col.addr_bits;
      d->total_ords = col.total_ords;
    }
  }
  std::sort(core->numerics.begin(), core->numerics.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& d : core->field_data) {
    if (d->kind == FieldKind::kText && d->norms == nullptr) {
      return CorruptionAt(core->files[4]->name, core->files[4]->directory_offset,
                          "text field \"" + d->name + "\" has no norms");
    }
    PostingsSetup& s = d->postings;
    s.doc_file = core->files[1]->data;
    s.doc_size = core->files[1]->body_end();
    s.pos_file = core->files[2]->data;
    s.pos_size = core->files[2]->body_end();
    s.norms = d->norms;
    s.max_doc = meta.max_doc;
    s.has_freqs = d->has_freqs;
    s.has_positions = d->has_positions;
    s.has_norms = d->has_norms;
    s.impact_lists = d->impact_lists;
    s.doc_file_name = core->files[1]->name.c_str();
    s.pos_file_name = core->files[2]->name.c_str();
    core->fields.push_back(MakeFieldReader(d.get()));
  }
  // Parent fields (FORMAT.md section 5): a text field of the segment without a parent itself.
  for (auto& d : core->field_data) {
    if (!d->with_stems) continue;
    auto it = std::lower_bound(core->field_data.begin(), core->field_data.end(), d->parent_name,
                               [](const std::unique_ptr<FieldData>& f, const std::string& n) {
                                 return f->name < n;
                               });
    if (it == core->field_data.end() || (*it)->name != d->parent_name ||
        (*it)->kind != FieldKind::kText || (*it)->with_stems) {
      return CorruptionAt(core->tdx().name, core->tdx().directory_offset,
                          "field \"" + d->name + "\" names a bad parent field \"" +
                              d->parent_name + "\"");
    }
    d->parent = it->get();
    d->postings.parent = &(*it)->postings;
    d->postings.parent_num_terms = (*it)->num_terms;
  }
  for (size_t i = 0; i < core->field_data.size(); ++i) {
    if (core->field_data[i]->kind == FieldKind::kId) core->id_field = &core->fields[i];
  }
  if (core->id_field == nullptr || core->field_data.empty() ||
      core->field_data[0]->name != kIdFieldName) {
    // Every document has an id, so every segment has the id field (and "_id" sorts first
    // only if no other name sorts lower; find it by name instead).
    const FieldReader* f = core->Field(kIdFieldName);
    if (f == nullptr || f->kind() != FieldKind::kId) {
      return CorruptionAt(core->tdx().name, core->tdx().directory_offset, "segment has no id field");
    }
    core->id_field = f;
  }
  return std::shared_ptr<const SegmentCore>(std::move(core));
}

const FieldReader* SegmentCore::Field(std::string_view name) const {
  auto it = std::lower_bound(field_data.begin(), field_data.end(), name,
                             [](const std::unique_ptr<FieldData>& d, std::string_view n) {
                               return d->name < n;
                             });
  if (it == field_data.end() || (*it)->name != name) return nullptr;
  return &fields[static_cast<size_t>(it - field_data.begin())];
}

const NumericColumn* SegmentCore::Numeric(std::string_view name) const {
  auto it = std::lower_bound(numerics.begin(), numerics.end(), name,
                             [](const auto& p, std::string_view n) { return p.first < n; });
  if (it == numerics.end() || it->first != name) return nullptr;
  return &it->second;
}

uint64_t SegmentCore::size_bytes() const {
  uint64_t n = 0;
  for (const auto& f : files) n += f->size;
  return n;
}

std::optional<uint32_t> SegmentCore::LookupId(std::string_view id, const uint8_t* deleted) const {
  TermInfo info;
  if (id_field == nullptr || !id_field->FindTerm(id, &info)) return std::nullopt;
  PostingsIterator it;
  id_field->Postings(info, &it);
  for (uint32_t d = it.Next(); d != kNoMoreDocs; d = it.Next()) {
    if (deleted == nullptr || ((deleted[d >> 3] >> (d & 7)) & 1) == 0) return d;
  }
  return std::nullopt;
}

}  // namespace internal

// ---- FieldReader accessors

std::string_view FieldReader::name() const { return d_->name; }
FieldKind FieldReader::kind() const { return d_->kind; }
bool FieldReader::has_freqs() const { return d_->has_freqs; }
bool FieldReader::has_positions() const { return d_->has_positions; }
std::string_view FieldReader::parent() const {
  return d_->parent != nullptr ? std::string_view(d_->parent->name) : std::string_view();
}
const FieldStats& FieldReader::stats() const { return d_->stats; }
uint32_t FieldReader::max_doc() const { return d_->max_doc; }

void FieldReader::Postings(const TermInfo& info, PostingsIterator* it, bool positions) const {
  if (info.stem_ord != 0 && info.doc_freq >= 2 && d_->parent != nullptr) {
    TermInfo stem;
    if (internal::TermInfoForOrd(d_->parent, info.stem_ord - 1, &stem)) {
      it->Reset(d_->postings, info, positions, &stem);
      return;
    }
    it->Reset(d_->postings, info, positions);
    it->Fail("the term's stem has an unreadable dictionary entry",
             d_->postings.doc_file + std::min(info.doc_offset, d_->postings.doc_size), false);
    return;
  }
  it->Reset(d_->postings, info, positions);
}

bool FieldReader::Postings(const TermInfo& info, const TermInfo& stem, PostingsIterator* it) const {
  if (info.stem_ord == 0 || d_->parent == nullptr || info.stem_ord != stem.ord + 1) return false;
  if (info.doc_freq >= 2) {
    it->Reset(d_->postings, info, /*positions=*/false, &stem);
  } else {
    it->Reset(d_->postings, info, /*positions=*/false);
  }
  return true;
}

bool FieldReader::StemRankPostings(const TermInfo& info, const TermInfo& stem,
                                   PostingsIterator* it) const {
  if (info.stem_ord == 0 || info.doc_freq < 2 || d_->parent == nullptr ||
      info.stem_ord != stem.ord + 1) {
    return false;
  }
  it->Reset(d_->postings, info, /*positions=*/false, &stem, /*stem_ranks=*/true);
  return true;
}

// ---- Segment

uint32_t Segment::max_doc() const { return core_->meta.max_doc; }
uint64_t Segment::segment_id() const { return core_->meta.id; }

const FieldReader* Segment::field(std::string_view name) const { return core_->Field(name); }

std::vector<std::string_view> Segment::field_names() const {
  std::vector<std::string_view> names;
  for (const auto& d : core_->field_data) names.push_back(d->name);
  return names;
}

const NumericColumn* Segment::numeric(std::string_view name) const { return core_->Numeric(name); }

std::vector<std::string_view> Segment::numeric_names() const {
  std::vector<std::string_view> names;
  for (const auto& [name, col] : core_->numerics) names.push_back(name);
  return names;
}

Status Segment::GetStored(uint32_t doc, StoredDocument* out) const {
  return internal::ReadStored(core_->sto(), core_->stored, core_->unique_id, doc, out);
}

std::optional<uint32_t> Segment::LookupId(std::string_view id) const {
  return core_->LookupId(id, deleted_);
}

uint64_t Segment::size_bytes() const {
  uint64_t n = core_->size_bytes();
  if (deleted_holder_ != nullptr) n += core_->meta.del_size;
  return n;
}

}  // namespace rasd::index
