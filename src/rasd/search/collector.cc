// Collectors (internal/collector.h) and facet counting.
#include "rasd/search/internal/collector.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <unordered_map>

#include "rasd/search/schema.h"

namespace rasd::search::internal {
namespace {

// Heap order for TopScoreCollector: "a is worse than b" at the front (a min-heap on the
// ranking order score desc, doc asc). A function object, so that the heap's code inlines it.
struct WorseFirst {
  // std heaps put the largest (by the comparator) first; a < b means a ranks better.
  // Without branches: which of two hits ranks better is what the processor cannot predict.
  bool operator()(const Hit& a, const Hit& b) const {
    return (a.score > b.score) | ((a.score == b.score) & (a.doc < b.doc));
  }
};

}  // namespace

void TopScoreCollector::Collect(uint32_t doc, double score) {
  if (k_ == 0) return;
  const Hit hit{segment_->doc_base() + doc, score};
  if (heap_.size() < k_) {
    heap_.push_back(hit);
    std::push_heap(heap_.begin(), heap_.end(), WorseFirst());
    return;
  }
  const Hit& worst = heap_.front();
  if (score > worst.score || (score == worst.score && hit.doc < worst.doc)) {
    // Replaces the worst and sifts it down: one pass from the root, where pop_heap and
    // push_heap would walk down to a leaf and back up.
    const WorseFirst worse_first;
    const size_t n = heap_.size();
    size_t i = 0;
    while (true) {
      const size_t l = 2 * i + 1;
      if (l >= n) break;
      // The worse child, the one that belongs nearer the front, chosen without a branch (a
      // node with one child compares it with itself).
      const size_t r = l + 1 < n ? l + 1 : l;
      const size_t c = l + static_cast<size_t>(worse_first(heap_[l], heap_[r])) * (r - l);
      if (!worse_first(hit, heap_[c])) break;
      heap_[i] = heap_[c];
      i = c;
    }
    heap_[i] = hit;
  }
}

std::vector<Hit> TopScoreCollector::TakeUnordered() {
  std::vector<Hit> out = std::move(heap_);
  heap_.clear();
  return out;
}

std::vector<Hit> TopScoreCollector::Take() {
  std::vector<Hit> out = std::move(heap_);
  std::sort(out.begin(), out.end(), [](const Hit& a, const Hit& b) {
    return a.score != b.score ? a.score > b.score : a.doc < b.doc;
  });
  heap_.clear();
  return out;
}

void TopDateCollector::BeginSegment(const index::Segment& segment) {
  Collector::BeginSegment(segment);
  dates_ = segment.numeric(kDateField);
}

void TopDateCollector::Collect(uint32_t doc, double score) {
  if (k_ == 0) return;
  Entry e{false, 0, segment_->doc_base() + doc, score};
  e.has_date = dates_ != nullptr && dates_->Get(doc, &e.date);
  auto worse_first = [this](const Entry& a, const Entry& b) { return Better(a, b); };
  if (heap_.size() < k_) {
    heap_.push_back(e);
    std::push_heap(heap_.begin(), heap_.end(), worse_first);
    return;
  }
  if (Better(e, heap_.front())) {
    std::pop_heap(heap_.begin(), heap_.end(), worse_first);
    heap_.back() = e;
    std::push_heap(heap_.begin(), heap_.end(), worse_first);
  }
}

std::vector<Hit> TopDateCollector::Take() {
  std::sort(heap_.begin(), heap_.end(), [this](const Entry& a, const Entry& b) { return Better(a, b); });
  std::vector<Hit> out;
  out.reserve(heap_.size());
  for (const Entry& e : heap_) out.push_back(Hit{e.doc, e.score});
  heap_.clear();
  return out;
}

FacetCollector::FacetCollector(Collector* next, size_t limit,
                               const std::vector<std::string>& keyword_fields)
    : next_(next), limit_(limit) {
  fields_.push_back(Field{std::string(kSourceField), nullptr, {}, {}});
  for (const std::string& f : keyword_fields) {
    if (f == kSourceField) continue;
    fields_.push_back(Field{f, nullptr, {}, {}});
  }
}

void FacetCollector::BeginSegment(const index::Segment& segment) {
  Collector::BeginSegment(segment);
  next_->BeginSegment(segment);
  for (Field& f : fields_) {
    f.reader = segment.field(f.name);
    f.counts.assign(f.reader == nullptr ? 0 : f.reader->stats().num_terms, 0);
    if (f.reader != nullptr && f.reader->kind() != index::FieldKind::kKeyword) f.reader = nullptr;
  }
  dates_ = segment.numeric(kDateField);
}

void FacetCollector::Collect(uint32_t doc, double score) {
  for (Field& f : fields_) {
    if (f.reader == nullptr) continue;
    const index::KeywordOrdinals ords = f.reader->ordinals(doc);
    for (uint32_t i = 0; i < ords.size(); ++i) {
      const uint32_t o = ords[i];
      if (o < f.counts.size()) ++f.counts[o];
    }
  }
  int64_t date;
  if (dates_ != nullptr && dates_->Get(doc, &date)) {
    const int64_t day = date >= 0 ? date / 86400 : -((-date + 86399) / 86400);
    ++days_[day];
  }
  next_->Collect(doc, score);
}

void FacetCollector::EndSegment() {
  for (Field& f : fields_) {
    if (f.reader == nullptr) continue;
    SegmentCounts seg;
    seg.reader = f.reader;
    for (uint32_t o = 0; o < f.counts.size(); ++o) {
      if (f.counts[o] != 0) seg.counts.emplace_back(o, f.counts[o]);
    }
    if (!seg.counts.empty()) f.segments.push_back(std::move(seg));
  }
  next_->EndSegment();
}

namespace {

// The terms of `ords` (ascending ordinals of `field`), in the same order. A few are looked up
// one by one; many are read in one ordered pass over the term dictionary, which decodes each
// block once instead of once per value.
std::vector<std::string> TermsOf(const index::FieldReader& field,
                                 const std::vector<uint32_t>& ords) {
  std::vector<std::string> terms(ords.size());
  if (ords.size() <= 64) {
    for (size_t i = 0; i < ords.size(); ++i) field.TermForOrd(ords[i], &terms[i]);
    return terms;
  }
  index::TermIterator it(&field);
  it.SeekToFirst();
  uint32_t ord = 0;
  for (size_t i = 0; i < ords.size() && it.Valid(); it.Next(), ++ord) {
    if (ord == ords[i]) terms[i++] = std::string(it.term());
  }
  return terms;
}

bool ByCountThenValue(const FacetCount& a, const FacetCount& b) {
  return a.count != b.count ? a.count > b.count : a.value < b.value;
}

}  // namespace

std::vector<FacetCount> FacetCollector::TopValues(const Field& f) const {
  std::vector<FacetCount> out;
  if (f.segments.size() == 1) {
    // One segment (an optimised index): rank by count first and decode only the values that
    // can be in the top: those above the limit-th count, and the ties at it (ties are broken
    // by value, so they need their terms).
    const SegmentCounts& seg = f.segments.front();
    std::vector<uint32_t> by_count;
    by_count.reserve(seg.counts.size());
    for (const auto& [ord, count] : seg.counts) by_count.push_back(count);
    uint32_t threshold = 0;
    if (by_count.size() > limit_ && limit_ > 0) {
      std::nth_element(by_count.begin(), by_count.begin() + static_cast<ptrdiff_t>(limit_ - 1),
                       by_count.end(), std::greater<>());
      threshold = by_count[limit_ - 1];
    }
    std::vector<uint32_t> ords;
    std::vector<uint32_t> counts;
    for (const auto& [ord, count] : seg.counts) {
      if (count >= threshold) {
        ords.push_back(ord);
        counts.push_back(count);
      }
    }
    std::vector<std::string> terms = TermsOf(*seg.reader, ords);
    for (size_t i = 0; i < ords.size(); ++i) out.push_back(FacetCount{std::move(terms[i]), counts[i]});
  } else {
    // Several segments: the same value has a different ordinal in each, so every value is
    // decoded and the counts are summed by value.
    std::unordered_map<std::string, uint64_t> totals;
    for (const SegmentCounts& seg : f.segments) {
      std::vector<uint32_t> ords;
      ords.reserve(seg.counts.size());
      for (const auto& [ord, count] : seg.counts) ords.push_back(ord);
      std::vector<std::string> terms = TermsOf(*seg.reader, ords);
      for (size_t i = 0; i < ords.size(); ++i) totals[std::move(terms[i])] += seg.counts[i].second;
    }
    out.reserve(totals.size());
    for (auto& [value, count] : totals) out.push_back(FacetCount{value, count});
  }
  const size_t keep = std::min(out.size(), limit_);
  std::partial_sort(out.begin(), out.begin() + static_cast<ptrdiff_t>(keep), out.end(),
                    ByCountThenValue);
  out.resize(keep);
  return out;
}

std::map<std::string, std::vector<FacetCount>> FacetCollector::Take() {
  std::map<std::string, std::vector<FacetCount>> out;
  for (Field& f : fields_) {
    out[f.name] = TopValues(f);
    f.segments.clear();
  }
  std::vector<FacetCount> days;
  for (auto& [day, count] : days_) days.push_back(FacetCount{FormatDayNumber(day), count});
  out["day"] = std::move(days);
  return out;
}

std::string FormatDayNumber(int64_t day) {
  // civil_from_days (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
  const int64_t z = day + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y0 = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = y0 + (m <= 2);
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

}  // namespace rasd::search::internal
