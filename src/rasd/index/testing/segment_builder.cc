// Test support: see segment_builder.h.
#include "rasd/index/testing/segment_builder.h"

#include <algorithm>
#include <cstdio>

#include "rasd/base/macros.h"
#include "rasd/index/internal/segment_writer.h"

namespace rasd::index::testing {

Result<std::shared_ptr<const internal::SegmentCore>> BuildSegment(base::Env* env,
                                                                  const std::string& dir,
                                                                  uint64_t id, uint32_t max_doc,
                                                                  std::vector<FieldSpec> fields) {
  RASD_RETURN_IF_ERROR(env->CreateDirs(dir));
  internal::SegmentWriteOptions options;
  options.stored_block_bytes = 1024;
  RASD_ASSIGN_OR_RETURN(auto w, internal::SegmentWriter::Create(env, dir, id, 12345 + id, options));
  FieldSpec ids;
  ids.name = std::string(kIdFieldName);
  ids.kind = FieldKind::kId;
  ids.positions = false;
  for (uint32_t d = 0; d < max_doc; ++d) {
    char name[32];
    std::snprintf(name, sizeof(name), "doc%09u", d);  // zero-padded: sorted by number
    RASD_RETURN_IF_ERROR(w->AddStored(name, "blob" + std::to_string(d)));
    ids.terms.push_back({name, {d}, {}, {}});
  }
  fields.push_back(std::move(ids));
  std::sort(fields.begin(), fields.end(),
            [](const FieldSpec& a, const FieldSpec& b) { return a.name < b.name; });
  for (FieldSpec& f : fields) {
    const bool text = f.kind == FieldKind::kText;
    if (text) f.norms.resize(max_doc, 1);
    uint64_t doc_count = 0;
    std::vector<std::vector<uint32_t>> per_doc(max_doc);
    for (size_t t = 0; t < f.terms.size(); ++t) {
      for (uint32_t d : f.terms[t].docs) per_doc[d].push_back(static_cast<uint32_t>(t));
    }
    if (text) {
      for (uint8_t n : f.norms) doc_count += n != 0;
    } else {
      for (const auto& v : per_doc) doc_count += !v.empty();
    }
    RASD_RETURN_IF_ERROR(w->StartField(f.name, f.kind, f.positions,
                                       text ? f.norms.data() : nullptr, max_doc, doc_count,
                                       f.parent));
    const FieldSpec* parent = nullptr;
    for (const FieldSpec& p : fields) {
      if (!f.parent.empty() && p.name == f.parent) parent = &p;
    }
    for (const TermPostings& t : f.terms) {
      internal::StemList stem;
      if (parent != nullptr && t.stem >= 0) {
        const TermPostings& s = parent->terms[static_cast<size_t>(t.stem)];
        stem = internal::StemList{static_cast<uint32_t>(t.stem), s.docs.data(),
                                  static_cast<uint32_t>(s.docs.size())};
      }
      w->postings()->StartTerm(text, text && f.positions, text ? f.norms.data() : nullptr,
                               stem.docs != nullptr ? &stem : nullptr);
      for (size_t i = 0; i < t.docs.size(); ++i) {
        const uint32_t freq = text ? t.freqs[i] : 1;
        w->postings()->AddDoc(t.docs[i], freq);
        if (text && f.positions) {
          for (uint32_t p : t.positions[i]) w->postings()->AddPosition(p);
        }
      }
      RASD_RETURN_IF_ERROR(w->FinishTerm(t.term));
    }
    RASD_RETURN_IF_ERROR(w->FinishField());
    if (f.kind == FieldKind::kKeyword) {
      std::vector<uint32_t> starts(max_doc + 1, 0), ords;
      for (uint32_t d = 0; d < max_doc; ++d) {
        for (uint32_t o : per_doc[d]) ords.push_back(o);
        starts[d + 1] = static_cast<uint32_t>(ords.size());
      }
      RASD_RETURN_IF_ERROR(w->doc_values(max_doc)->AddKeywordOrdinals(
          f.name, starts.data(), ords.data(), static_cast<uint32_t>(f.terms.size())));
    }
  }
  RASD_ASSIGN_OR_RETURN(internal::SegmentMeta meta, w->Finish(max_doc));
  return internal::SegmentCore::Open(env, dir, meta, true);
}

}  // namespace rasd::index::testing
