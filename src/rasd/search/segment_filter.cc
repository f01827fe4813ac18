// SegmentFilter (internal/segment_filter.h).
#include "rasd/search/internal/segment_filter.h"

#include <algorithm>
#include <memory>
#include <string>

#include "rasd/search/schema.h"

namespace rasd::search::internal {
namespace {

// Ordinals in `field` of the values that exist there, sorted; their terms into `infos`.
std::vector<uint32_t> Ordinals(const index::FieldReader* field,
                               const std::vector<std::string>& values,
                               std::vector<index::TermInfo>* infos) {
  std::vector<uint32_t> ords;
  if (field == nullptr) return ords;
  for (const std::string& v : values) {
    index::TermInfo info;
    if (field->FindTerm(v, &info) &&
        std::find(ords.begin(), ords.end(), info.ord) == ords.end()) {
      ords.push_back(info.ord);
      infos->push_back(info);
    }
  }
  std::sort(ords.begin(), ords.end());
  return ords;
}

uint64_t DocFreqs(const std::vector<index::TermInfo>& infos) {
  uint64_t n = 0;
  for (const index::TermInfo& info : infos) n += info.doc_freq;
  return n;
}

}  // namespace

bool SegmentFilter::Init(const index::Segment& segment, const PlanFilters& filters,
                         uint64_t bitmap_after, FilterCache* cache) {
  segment_ = &segment;
  check_live_ = segment.has_deletions();
  if (filters.date) {
    date_ = segment.numeric(kDateField);
    if (date_ == nullptr || date_->count() == 0) return false;
    if (date_->max_value() < filters.date_from || date_->min_value() > filters.date_to) {
      return false;
    }
    from_ = filters.date_from;
    to_ = filters.date_to;
  }
  if (!filters.sources_any.empty() || !filters.sources_none.empty()) {
    source_ = segment.field(kSourceField);
    for (const std::vector<std::string>& any : filters.sources_any) {
      sources_any_terms_.emplace_back();
      sources_any_.push_back(Ordinals(source_, any, &sources_any_terms_.back()));
      if (sources_any_.back().empty()) return false;
    }
    sources_none_ = Ordinals(source_, filters.sources_none, &sources_none_terms_);
  }
  if (!filters.entities_all.empty()) {
    entity_ = segment.field(kEntityField);
    entities_all_ = Ordinals(entity_, filters.entities_all, &entities_all_terms_);
    std::vector<std::string> distinct = filters.entities_all;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    if (entities_all_.size() != distinct.size()) return false;
  }
  if (filters.has_speakers) {
    speaker_ = segment.field(kSpeakerField);
    speakers_any_ = Ordinals(speaker_, filters.speakers_any, &speakers_any_terms_);
    if (speakers_any_.empty()) return false;
  }
  const bool no_constraint = date_ == nullptr && source_ == nullptr && entities_all_.empty() &&
                             speaker_ == nullptr && sources_any_.empty();
  trivial_ = !check_live_ && no_constraint;
  deletions_only_ = check_live_ && no_constraint;
  // The bitmap only pays for keyword constraints; deletions alone are one bit test already.
  const bool keywords = source_ != nullptr || !entities_all_.empty() || speaker_ != nullptr;
  if (!keywords) {
    bitmap_after_ = kNever;
  } else if (bitmap_after == kAuto) {
    uint64_t postings = DocFreqs(sources_none_terms_) + DocFreqs(entities_all_terms_) +
                        DocFreqs(speakers_any_terms_);
    for (const auto& any : sources_any_terms_) postings += DocFreqs(any);
    bitmap_after_ = 64 + postings / 10;
  } else {
    bitmap_after_ = bitmap_after;
  }
  if (keywords && cache != nullptr) {
    cache_ = cache;
    if (auto bits = cache_->Find(CacheKey())) UseBits(std::move(bits));
  }
  return true;
}

std::string SegmentFilter::CacheKey() const {
  std::string key;
  auto put = [&key](uint64_t v) { key.append(reinterpret_cast<const char*>(&v), sizeof v); };
  put(reinterpret_cast<uintptr_t>(segment_));
  for (const std::vector<uint32_t>& any : sources_any_) {
    key += 'a';
    for (uint32_t o : any) put(o);
  }
  key += 'n';
  for (uint32_t o : sources_none_) put(o);
  key += 'e';
  for (uint32_t o : entities_all_) put(o);
  key += speaker_ != nullptr ? 'p' : '-';
  for (uint32_t o : speakers_any_) put(o);
  return key;
}

void SegmentFilter::UseBits(std::shared_ptr<const FilterBits> bits) const {
  bits_ = std::move(bits);
  words_ = bits_->data();
  num_words_ = bits_->size();
  use_bits_ = true;
}

bool SegmentFilter::HasAny(const index::KeywordOrdinals& ords,
                           const std::vector<uint32_t>& wanted) {
  for (uint32_t i = 0; i < ords.size(); ++i) {
    if (std::binary_search(wanted.begin(), wanted.end(), ords[i])) return true;
  }
  return false;
}

bool SegmentFilter::InDateRange(uint32_t doc) const {
  int64_t v;
  return date_->Get(doc, &v) && v >= from_ && v <= to_;
}

bool SegmentFilter::AcceptFromValues(uint32_t doc) const {
  if (check_live_ && !segment_->IsLive(doc)) return false;
  if (date_ != nullptr && !InDateRange(doc)) return false;
  if (source_ != nullptr) {
    const index::KeywordOrdinals ords = source_->ordinals(doc);
    for (const std::vector<uint32_t>& any : sources_any_) {
      if (!HasAny(ords, any)) return false;
    }
    if (!sources_none_.empty() && HasAny(ords, sources_none_)) return false;
  } else if (!sources_any_.empty()) {
    return false;
  }
  if (!entities_all_.empty()) {
    const index::KeywordOrdinals ords = entity_->ordinals(doc);
    // Both sorted: every wanted ordinal must appear.
    uint32_t i = 0;
    for (uint32_t want : entities_all_) {
      while (i < ords.size() && ords[i] < want) ++i;
      if (i == ords.size() || ords[i] != want) return false;
    }
  }
  if (speaker_ != nullptr && !HasAny(speaker_->ordinals(doc), speakers_any_)) return false;
  return true;
}

bool SegmentFilter::Union(const index::FieldReader* field,
                          const std::vector<index::TermInfo>& terms,
                          std::vector<uint64_t>* out) const {
  index::PostingsIterator it;
  for (const index::TermInfo& info : terms) {
    field->Postings(info, &it);
    for (uint32_t d = it.Next(); d != index::kNoMoreDocs; d = it.Next()) {
      if (d >= segment_->max_doc()) return false;
      (*out)[d >> 6] |= uint64_t{1} << (d & 63);
    }
    if (!it.status().ok()) return false;
  }
  return true;
}

// The same constraints as AcceptFromValues (but the date), as set operations over the
// wanted values' documents. When a list fails to decode, the filter keeps answering from
// the per-document values (the doc-values file, not the postings), so a damaged keyword
// list can cost speed but never change which documents pass.
void SegmentFilter::BuildBitmap() const {
  const uint32_t max_doc = segment_->max_doc();
  const size_t words = max_doc / 64 + 1;
  auto built = std::make_shared<FilterBits>();
  FilterBits& bits = *built;
  bool first = true;
  std::vector<uint64_t> set;
  bool ok = true;
  auto intersect = [&](const std::vector<uint64_t>& other) {
    if (first) {
      bits = other;
      first = false;
      return;
    }
    for (size_t i = 0; i < words; ++i) bits[i] &= other[i];
  };
  for (const std::vector<index::TermInfo>& any : sources_any_terms_) {
    set.assign(words, 0);
    ok = Union(source_, any, &set) && ok;
    intersect(set);
  }
  for (const index::TermInfo& want : entities_all_terms_) {
    set.assign(words, 0);
    ok = Union(entity_, {want}, &set) && ok;
    intersect(set);
  }
  if (speaker_ != nullptr) {
    set.assign(words, 0);
    ok = Union(speaker_, speakers_any_terms_, &set) && ok;
    intersect(set);
  }
  if (first) {  // only exclusions: every document to start with
    bits.assign(words, ~uint64_t{0});
  }
  if (source_ != nullptr && !sources_none_.empty()) {
    set.assign(words, 0);
    ok = Union(source_, sources_none_terms_, &set) && ok;
    for (size_t i = 0; i < words; ++i) bits[i] &= ~set[i];
  }
  if (!ok) {
    bitmap_after_ = kNever;
    return;
  }
  // Past the last document, and deleted documents.
  bits[max_doc / 64] &= (uint64_t{1} << (max_doc % 64)) - 1;
  if (check_live_) {
    for (size_t w = 0; w < words; ++w) {
      for (uint64_t b = bits[w]; b != 0; b &= b - 1) {
        const uint32_t doc = static_cast<uint32_t>(w * 64 + __builtin_ctzll(b));
        if (!segment_->IsLive(doc)) bits[w] &= ~(uint64_t{1} << (doc & 63));
      }
    }
  }
  if (cache_ != nullptr) cache_->Insert(CacheKey(), built);
  UseBits(std::move(built));
}

}  // namespace rasd::search::internal
