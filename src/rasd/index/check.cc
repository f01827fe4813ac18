// Check: full verification of an index directory. See check.h.
//
// Order: the manifest (checksum, structure), then per segment every file's size, envelope
// and CRC-32C (SegmentCore::Open with verify_checksums), the tombstones, and a decode of
// every structure with cross-checks; finally the write-ahead logs still to be replayed.
#include "rasd/index/check.h"

#include <algorithm>

#include "rasd/base/coding.h"
#include "rasd/base/macros.h"
#include "rasd/index/index_reader.h"
#include "rasd/index/internal/field_data.h"
#include "rasd/index/internal/format.h"
#include "rasd/index/internal/manifest.h"
#include "rasd/index/internal/segment_reader.h"
#include "rasd/index/internal/stored_fields.h"
#include "rasd/index/internal/wal.h"

namespace rasd::index {

using internal::CorruptionAt;
using internal::SegmentCore;

namespace {

bool Deleted(const std::string* bits, uint32_t d) {
  return bits != nullptr && ((static_cast<uint8_t>((*bits)[d >> 3]) >> (d & 7)) & 1) != 0;
}

// Decodes every term and posting of one field and checks them against the field's
// statistics, norms and ordinals.
Status CheckField(const SegmentCore& core, const FieldReader& field, CheckReport* report) {
  const internal::FieldData* d = nullptr;
  for (const auto& fd : core.field_data) {
    if (fd->name == field.name()) d = fd.get();
  }
  const std::string& tdx = core.tdx().name;
  const std::string& doc_name = core.files[1]->name;
  const uint32_t max_doc = core.meta.max_doc;
  const bool text = field.kind() == FieldKind::kText;
  auto fail = [&](const std::string& file, uint64_t offset, const std::string& what) {
    return CorruptionAt(file, offset, "field \"" + std::string(field.name()) + "\": " + what);
  };
  TermIterator it(&field);
  PostingsIterator postings;
  std::string prev;
  uint64_t terms = 0, sum_df = 0, sum_ttf = 0;
  std::vector<uint32_t> postings_per_doc(field.kind() == FieldKind::kText ? 0 : max_doc, 0);
  std::string by_ord;
  for (it.SeekToFirst(); it.Valid(); it.Next()) {
    const TermInfo info = it.info();
    if (terms > 0 && it.term() <= prev) return fail(tdx, d->index_offset, "terms out of order");
    if (info.ord != terms) return fail(tdx, d->index_offset, "ordinals out of sequence");
    TermInfo found;
    if (!field.FindTerm(it.term(), &found) || found.ord != info.ord) {
      return fail(tdx, d->index_offset, "term lookup disagrees with iteration");
    }
    if (!field.TermForOrd(info.ord, &by_ord) || by_ord != it.term()) {
      return fail(tdx, d->index_offset, "ordinal lookup disagrees with iteration");
    }
    prev.assign(it.term());
    field.Postings(info, &postings, field.has_positions());
    // A second iterator checks the block-max data as it goes.
    PostingsIterator shallow;
    field.Postings(info, &shallow, false);
    const Impact term_impact = postings.term_impact();
    // A term with a stem (FORMAT.md sections 5, 6): every posting is a posting of the stem
    // (in particular every rank is below the stem's doc freq), with no larger frequency.
    PostingsIterator stem_postings;
    bool has_stem = false;
    if (info.stem_ord != 0) {
      TermInfo stem;
      if (d->parent == nullptr || !internal::TermInfoForOrd(d->parent, info.stem_ord - 1, &stem)) {
        return fail(tdx, d->index_offset,
                    "term \"" + std::string(it.term()) + "\" has a stem ordinal out of range");
      }
      if (stem.doc_freq < info.doc_freq) {
        return fail(tdx, d->index_offset,
                    "term \"" + std::string(it.term()) + "\" has more documents than its stem");
      }
      core.Field(d->parent->name)->Postings(stem, &stem_postings);
      has_stem = true;
    }
    uint64_t df = 0, ttf = 0;
    int64_t last = -1;
    for (uint32_t doc = postings.Next(); doc != kNoMoreDocs; doc = postings.Next()) {
      const uint64_t where = info.doc_freq == 1 ? d->index_offset : info.doc_offset;
      if (static_cast<int64_t>(doc) <= last || doc >= max_doc) {
        return fail(doc_name, where, "postings out of order or out of range");
      }
      last = doc;
      ++df;
      const uint32_t freq = postings.freq();
      if (has_stem && (stem_postings.NextGEQ(doc) != doc || stem_postings.freq() < freq)) {
        RASD_RETURN_IF_ERROR(stem_postings.status());
        return fail(doc_name, where,
                    "term \"" + std::string(it.term()) + "\" has document " + std::to_string(doc) +
                        " missing from its stem or more often than its stem");
      }
      ttf += freq;
      if (text) {
        const uint8_t norm = field.norm(doc);
        if (norm == 0) return fail(doc_name, where, "posting in a document without the field");
        const uint32_t block_last = shallow.ShallowAdvance(doc);
        const Impact bi = shallow.shallow_impact();
        const ImpactList& pairs = shallow.shallow_impacts();
        bool covered = false;
        for (uint32_t k = 0; k < pairs.size; ++k) {
          covered = covered || (pairs.pairs[k].max_freq >= freq && pairs.pairs[k].min_norm <= norm);
        }
        if (block_last < doc || !covered || bi.max_freq < freq || bi.min_norm > norm ||
            term_impact.max_freq < freq || term_impact.min_norm > norm) {
          return fail(doc_name, where, "impact does not bound a posting");
        }
        if (field.has_positions()) {
          int64_t prev_pos = -1;
          for (uint32_t k = 0; k < freq; ++k) {
            const int64_t p = postings.NextPosition();
            if (p < prev_pos) return fail(core.files[2]->name, info.pos_offset, "positions decrease");
            prev_pos = p;
          }
          report->positions += freq;
        }
      } else {
        ++postings_per_doc[doc];
      }
    }
    RASD_RETURN_IF_ERROR(postings.status());
    RASD_RETURN_IF_ERROR(shallow.status());
    RASD_RETURN_IF_ERROR(stem_postings.status());
    if (df != info.doc_freq || ttf != info.total_term_freq) {
      return fail(tdx, d->index_offset,
                  "term \"" + std::string(it.term()) + "\" doc freq or total freq disagrees with its postings");
    }
    sum_df += df;
    sum_ttf += ttf;
    ++terms;
    report->postings += df;
  }
  RASD_RETURN_IF_ERROR(it.status());
  const FieldStats& stats = field.stats();
  if (terms != stats.num_terms || sum_df != stats.sum_doc_freq ||
      sum_ttf != stats.sum_total_term_freq) {
    return fail(tdx, core.tdx().directory_offset, "statistics disagree with the postings");
  }
  report->terms += terms;
  uint64_t doc_count = 0;
  if (text) {
    for (uint32_t doc = 0; doc < max_doc; ++doc) doc_count += field.norm(doc) != 0 ? 1 : 0;
  } else if (field.kind() == FieldKind::kId) {
    for (uint32_t doc = 0; doc < max_doc; ++doc) {
      if (postings_per_doc[doc] != 1) {
        return fail(doc_name, 0, "document " + std::to_string(doc) + " has " +
                                     std::to_string(postings_per_doc[doc]) + " ids");
      }
    }
    doc_count = max_doc;
  } else {
    for (uint32_t doc = 0; doc < max_doc; ++doc) {
      const KeywordOrdinals ords = field.ordinals(doc);
      if (ords.size() != postings_per_doc[doc]) {
        return fail(core.files[4]->name, core.files[4]->directory_offset,
                    "ordinals of document " + std::to_string(doc) + " disagree with its postings");
      }
      for (uint32_t i = 0; i < ords.size(); ++i) {
        if (ords[i] >= terms || (i > 0 && ords[i] <= ords[i - 1])) {
          return fail(core.files[4]->name, core.files[4]->directory_offset,
                      "bad ordinals for document " + std::to_string(doc));
        }
        std::string value;
        TermInfo info;
        PostingsIterator p;
        if (!field.TermForOrd(ords[i], &value) || !field.FindTerm(value, &info)) {
          return fail(core.files[4]->name, core.files[4]->directory_offset, "ordinal without a term");
        }
        field.Postings(info, &p);
        if (p.NextGEQ(doc) != doc) {
          return fail(core.files[4]->name, core.files[4]->directory_offset,
                      "ordinal of document " + std::to_string(doc) + " without a posting");
        }
      }
      doc_count += ords.empty() ? 0 : 1;
    }
  }
  if (doc_count != stats.doc_count) {
    return fail(tdx, core.tdx().directory_offset, "document count disagrees with the data");
  }
  return Status::OK();
}

Status CheckSegment(const SegmentCore& core, const std::string* deleted, CheckReport* report) {
  for (const FieldReader& field : core.fields) {
    RASD_RETURN_IF_ERROR(CheckField(core, field, report));
  }
  // Stored fields: every block decompresses, holds its documents, and each stored id is
  // indexed for its document.
  std::string raw;
  StoredDocument doc;
  for (uint32_t d = 0; d < core.meta.max_doc; ++d) {
    RASD_RETURN_IF_ERROR(internal::ReadStored(core.sto(), core.stored, core.unique_id, d, &doc));
    TermInfo info;
    PostingsIterator p;
    if (!core.id_field->FindTerm(doc.id, &info)) {
      return CorruptionAt(core.sto().name, 0, "stored id of document " + std::to_string(d) + " is not indexed");
    }
    core.id_field->Postings(info, &p);
    if (p.NextGEQ(d) != d) {
      return CorruptionAt(core.sto().name, 0, "stored id of document " + std::to_string(d) +
                                                  " is indexed for another document");
    }
  }
  for (uint32_t b = 0; b < core.stored.first_docs.size(); ++b) {
    RASD_RETURN_IF_ERROR(internal::ReadStoredBlock(core.sto(), core.stored, b, &raw));
    const uint32_t n = (b + 1 < core.stored.first_docs.size() ? core.stored.first_docs[b + 1]
                                                              : core.stored.num_docs) -
                       core.stored.first_docs[b];
    std::string_view in(raw);
    for (uint32_t i = 0; i < n; ++i) {
      std::string_view id, blob;
      if (!base::GetLengthPrefixed(&in, &id) || !base::GetLengthPrefixed(&in, &blob)) {
        return CorruptionAt(core.sto().name, core.stored.offsets[b], "short stored block");
      }
    }
    if (!in.empty()) return CorruptionAt(core.sto().name, core.stored.offsets[b], "trailing bytes in stored block");
  }
  // Numeric columns: values within the recorded bounds, presence count.
  for (const auto& [name, col] : core.numerics) {
    uint32_t count = 0;
    for (uint32_t d = 0; d < core.meta.max_doc; ++d) {
      int64_t v;
      if (!col.Get(d, &v)) continue;
      ++count;
      if (v < col.min_value() || v > col.max_value()) {
        return CorruptionAt(core.files[4]->name, core.files[4]->directory_offset,
                            "numeric \"" + name + "\" value out of its bounds");
      }
    }
    if (count != col.count()) {
      return CorruptionAt(core.files[4]->name, core.files[4]->directory_offset,
                          "numeric \"" + name + "\" count disagrees with its presence bits");
    }
  }
  uint64_t live = 0;
  for (uint32_t d = 0; d < core.meta.max_doc; ++d) live += Deleted(deleted, d) ? 0 : 1;
  report->docs += core.meta.max_doc;
  report->live_docs += live;
  return Status::OK();
}

}  // namespace

Status Check(base::Env* env, const std::string& dir, CheckReport* report) {
  CheckReport local;
  CheckReport* r = report != nullptr ? report : &local;
  *r = CheckReport();
  RASD_ASSIGN_OR_RETURN(internal::Manifest m, internal::ReadManifest(env, dir));
  r->generation = m.generation;
  r->files = 1;
  RASD_ASSIGN_OR_RETURN(r->bytes, env->GetFileSize(base::JoinPath(dir, internal::kManifestName)));
  for (const internal::SegmentMeta& meta : m.segments) {
    RASD_ASSIGN_OR_RETURN(auto core, SegmentCore::Open(env, dir, meta, /*verify_checksums=*/true));
    std::string deleted;
    if (meta.del_gen != 0) {
      RASD_ASSIGN_OR_RETURN(deleted, internal::ReadDeletes(env, dir, meta));
      ++r->files;
      r->bytes += meta.del_size;
    }
    RASD_RETURN_IF_ERROR(CheckSegment(*core, meta.del_gen != 0 ? &deleted : nullptr, r));
    ++r->segments;
    r->files += internal::kNumSegmentFiles;
    r->bytes += core->size_bytes();
  }
  // Logs still to be replayed.
  RASD_ASSIGN_OR_RETURN(auto names, env->GetChildren(dir));
  IndexDocument doc;
  std::string payload;
  for (const std::string& name : names) {
    uint64_t number = 0;
    if (!internal::ParseLogFileName(name, &number) || number < m.log_number) continue;
    RASD_ASSIGN_OR_RETURN(auto reader, internal::LogReader::Open(env, dir, name, number));
    internal::LogRecordType type;
    while (true) {
      const uint64_t at = reader->offset();
      if (!reader->ReadRecord(&type, &payload)) break;
      if (type == internal::LogRecordType::kAdd &&
          (!internal::DecodeDocument(payload, &doc) || !doc.Validate().ok())) {
        return CorruptionAt(name, at, "log record holds an invalid document");
      }
      ++r->log_records;
    }
    RASD_RETURN_IF_ERROR(reader->status());
    ++r->files;
    RASD_ASSIGN_OR_RETURN(uint64_t size, env->GetFileSize(base::JoinPath(dir, name)));
    r->bytes += size;
  }
  return Status::OK();
}

}  // namespace rasd::index
