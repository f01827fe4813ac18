// SegmentFilter (internal/segment_filter.h).
#include "rasd/search/internal/segment_filter.h"

#include <algorithm>

#include "rasd/search/schema.h"

namespace rasd::search::internal {
namespace {

// Ordinals in `field` of the values that exist there, sorted.
std::vector<uint32_t> Ordinals(const index::FieldReader* field,
                               const std::vector<std::string>& values) {
  std::vector<uint32_t> ords;
  if (field == nullptr) return ords;
  for (const std::string& v : values) {
    index::TermInfo info;
    if (field->FindTerm(v, &info)) ords.push_back(info.ord);
  }
  std::sort(ords.begin(), ords.end());
  ords.erase(std::unique(ords.begin(), ords.end()), ords.end());
  return ords;
}

}  // namespace

bool SegmentFilter::Init(const index::Segment& segment, const PlanFilters& filters) {
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
      sources_any_.push_back(Ordinals(source_, any));
      if (sources_any_.back().empty()) return false;
    }
    sources_none_ = Ordinals(source_, filters.sources_none);
  }
  if (!filters.entities_all.empty()) {
    entity_ = segment.field(kEntityField);
    entities_all_ = Ordinals(entity_, filters.entities_all);
    std::vector<std::string> distinct = filters.entities_all;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    if (entities_all_.size() != distinct.size()) return false;
  }
  if (filters.has_speakers) {
    speaker_ = segment.field(kSpeakerField);
    speakers_any_ = Ordinals(speaker_, filters.speakers_any);
    if (speakers_any_.empty()) return false;
  }
  trivial_ = !check_live_ && date_ == nullptr && source_ == nullptr && entities_all_.empty() &&
             speaker_ == nullptr && sources_any_.empty();
  return true;
}

bool SegmentFilter::HasAny(const index::KeywordOrdinals& ords,
                           const std::vector<uint32_t>& wanted) {
  for (uint32_t i = 0; i < ords.size(); ++i) {
    if (std::binary_search(wanted.begin(), wanted.end(), ords[i])) return true;
  }
  return false;
}

bool SegmentFilter::Accept(uint32_t doc) const {
  if (check_live_ && !segment_->IsLive(doc)) return false;
  if (date_ != nullptr) {
    int64_t v;
    if (!date_->Get(doc, &v) || v < from_ || v > to_) return false;
  }
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

}  // namespace rasd::search::internal
