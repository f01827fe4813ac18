// Leaf scorers (internal/leaf.h): opening a plan leaf on a segment, as a BM25F term over
// several postings lists (terms_leaf.h) or a phrase verified on positions (phrase_leaf.h).
#include "rasd/search/internal/leaf.h"

#include "rasd/search/internal/phrase_leaf.h"
#include "rasd/search/internal/terms_leaf.h"

namespace rasd::search::internal {

std::string_view TextFieldName(int field) {
  static constexpr std::string_view kNames[kNumTextFields] = {
      "title", "body", "title.exact", "body.exact", "title.stop", "body.stop"};
  return kNames[field];
}

const index::FieldReader* StopwordField(const index::Segment& segment, bool title) {
  const index::FieldReader* f = segment.field(TextFieldName(title ? kTitleStop : kBodyStop));
  if (f != nullptr) return f;
  // A segment written before the stop fields existed kept stopword positions in .exact.
  f = segment.field(TextFieldName(title ? kTitleExact : kBodyExact));
  return f != nullptr && f->has_positions() ? f : nullptr;
}

Status IteratorPool::status() const {
  for (size_t i = 0; i < used_; ++i) {
    if (!pool_[i]->status().ok()) return pool_[i]->status();
  }
  return Status::OK();
}

std::unique_ptr<Leaf> OpenLeaf(const LeafSpec& spec, uint32_t id, const Plan& plan,
                               const index::Segment& segment, IteratorPool* pool, LeafUse use) {
  if (spec.kind == LeafSpec::Kind::kTerms) {
    std::vector<StreamCursor> cursors;
    std::vector<uint8_t> cursor_fields;
    std::vector<index::TermInfo> infos;
    for (const StreamSpec& s : spec.streams) {
      const index::FieldReader* f = segment.field(TextFieldName(s.field));
      index::TermInfo info;
      if (f == nullptr || !pool->FindTerm(*f, s.term, &info)) continue;
      StreamCursor c;
      c.it = pool->Get();
      const uint8_t length_field = s.length_field();
      c.own_length = length_field == s.field;
      c.field = c.own_length ? f : segment.field(TextFieldName(length_field));
      if (c.field != nullptr) {
        c.norms = c.field->norms();
        c.num_norms = c.norms == nullptr ? 0 : c.field->max_doc();
      }
      c.table = &plan.norms[length_field];
      c.weight = s.weight;
      c.secondary = s.secondary;
      if (!c.own_length) {
        for (size_t j = 0; j < cursors.size(); ++j) {
          if (cursor_fields[j] == length_field && cursors[j].own_length) {
            c.length_source = static_cast<int>(j);
          }
        }
      }
      // An exact form read only where its stem's stream stands: found by its rank in the
      // stem's list, with no documents to decode (when it is coded so, relative to that stem).
      c.by_rank = c.secondary && c.length_source >= 0 &&
                  f->StemRankPostings(info, infos[c.length_source], c.it);
      if (!c.by_rank) f->Postings(info, c.it, /*positions=*/false);
      cursors.push_back(c);
      cursor_fields.push_back(s.field);
      infos.push_back(info);
    }
    if (cursors.empty()) return nullptr;
    return std::make_unique<TermsLeaf>(id, plan.k1, spec.boost_idf, std::move(cursors));
  }
  return OpenPhraseLeaf(spec, id, plan, segment, pool, use);
}

}  // namespace rasd::search::internal
