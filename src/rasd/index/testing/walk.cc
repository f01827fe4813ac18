// Test support: see walk.h.
#include "rasd/index/testing/walk.h"

#include <string>

namespace rasd::index::testing {

Status WalkSegment(const Segment& seg) {
  Status first;
  auto note = [&](const Status& s) {
    if (first.ok() && !s.ok()) first = s;
  };
  volatile uint64_t sink = 0;
  std::string value;
  for (std::string_view name : seg.field_names()) {
    const FieldReader* f = seg.field(name);
    TermIterator it(f);
    PostingsIterator p;
    uint32_t terms = 0;
    for (it.SeekToFirst(); it.Valid() && terms < 100000; it.Next(), ++terms) {
      f->Postings(it.info(), &p, true);
      sink = sink + p.term_impact().max_freq;
      for (uint32_t d = p.Next(); d != kNoMoreDocs; d = p.Next()) {
        sink = sink + p.freq() + f->norm(d) + seg.IsLive(d);
        for (uint32_t k = 0; k < p.freq() && k < 1000; ++k) sink = sink + p.NextPosition();
        const uint32_t last = p.ShallowAdvance(d);
        sink = sink + last + p.shallow_impact().min_norm;
      }
      note(p.status());
      f->Postings(it.info(), &p, false);
      for (uint32_t t = 0; t != kNoMoreDocs;) {
        const uint32_t d = p.NextGEQ(t);
        if (d == kNoMoreDocs) break;
        t = d + 7;
      }
      note(p.status());
      TermInfo info;
      sink = sink + f->FindTerm(it.term(), &info);
      sink = sink + f->TermForOrd(it.info().ord, &value);
    }
    note(it.status());
    it.Seek("m");
    for (uint32_t d = 0; d < seg.max_doc(); ++d) {
      const KeywordOrdinals o = f->ordinals(d);
      for (uint32_t i = 0; i < o.size() && i < 1000; ++i) sink = sink + o[i];
      sink = sink + f->field_length(d);
    }
  }
  for (std::string_view name : seg.numeric_names()) {
    const NumericColumn* col = seg.numeric(name);
    for (uint32_t d = 0; d < seg.max_doc(); ++d) {
      int64_t v;
      if (col->Get(d, &v)) sink = sink + static_cast<uint64_t>(v);
    }
  }
  StoredDocument doc;
  for (uint32_t d = 0; d < seg.max_doc(); ++d) {
    Status s = seg.GetStored(d, &doc);
    if (s.ok()) {
      sink = sink + seg.LookupId(doc.id).value_or(0);
    }
    note(s);
  }
  (void)sink;
  return first;
}

Status WalkEverything(const IndexReader& reader) {
  Status first;
  for (const Segment& seg : reader.segments()) {
    Status s = WalkSegment(seg);
    if (first.ok() && !s.ok()) first = s;
  }
  return first;
}

}  // namespace rasd::index::testing
