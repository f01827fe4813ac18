// SegmentFilter: the plan's filters (plan.h) resolved on one segment: deletions, the date
// range (numeric column), source / entity / speaker keyword constraints.
//
// Keyword constraints are first answered per document from its ordinals (compared with the
// ordinals of the wanted values in this segment): right for a query that asks about few
// documents. A query that asks about many (a common word within one outlet: thousands of
// candidates) would spend a third of its time there, so after enough calls the filter turns
// the keyword constraints and the deletions into a bitmap of the passing documents, built from
// the wanted values' postings: one pass over their documents, then one bit test per call.
// With a FilterCache, the bitmap is kept for the next queries with the same constraints on the
// same segment, which use it from their first call.
//
// Thread-safety: one per segment and query (Accept updates the call count and may build the
// bitmap); the cache is shared.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "rasd/index/index_reader.h"
#include "rasd/search/internal/filter_cache.h"
#include "rasd/search/internal/plan.h"

namespace rasd::search::internal {

class SegmentFilter {
 public:
  // Build the bitmap once Accept has answered this many calls per document ...
  static constexpr uint64_t kNever = std::numeric_limits<uint64_t>::max();
  // ... or, by default, once those calls have cost about what the bitmap costs: a per-document
  // answer decodes the document's ordinals (about 180 instructions), a posting read and set is
  // about a tenth of that.
  static constexpr uint64_t kAuto = kNever - 1;

  // Returns false when no document of the segment can pass (a wanted value is absent, the
  // date range misses the segment's dates). Deleted documents never pass. `cache` (may be
  // null) must only ever see segments of one snapshot (its keys name the segment by address).
  bool Init(const index::Segment& segment, const PlanFilters& filters,
            uint64_t bitmap_after = kAuto, FilterCache* cache = nullptr);

  bool Accept(uint32_t doc) const {
    if (!use_bits_) {
      if (++calls_ <= bitmap_after_) return AcceptFromValues(doc);
      BuildBitmap();
      if (!use_bits_) return AcceptFromValues(doc);  // a keyword list failed to decode
    }
    if ((words_[doc >> 6] >> (doc & 63) & 1) == 0) return false;
    return date_ == nullptr || InDateRange(doc);
  }
  // The first document >= doc that Accept may pass: doc itself until the bitmap is built,
  // else the next document of the bitmap (max_doc when there is none). Lets a traversal jump
  // over a run of rejected documents instead of stepping through it.
  uint32_t NextPossible(uint32_t doc) const {
    if (!use_bits_) return doc;
    size_t w = doc >> 6;
    if (w >= num_words_) return doc;
    uint64_t b = words_[w] & (~uint64_t{0} << (doc & 63));
    while (b == 0) {
      if (++w == num_words_) return segment_->max_doc();
      b = words_[w];
    }
    return static_cast<uint32_t>(w * 64 + __builtin_ctzll(b));
  }
  // Accept answers from the bitmap (built, or found in the cache at Init).
  bool has_bitmap() const { return use_bits_; }
  // No filter applies in this segment (no deletions either): Accept is always true.
  bool trivial() const { return trivial_; }
  // Only the segment's deletions apply: Accept rejects few documents, and none in runs.
  bool deletions_only() const { return deletions_only_; }

 private:
  static bool HasAny(const index::KeywordOrdinals& ords, const std::vector<uint32_t>& wanted);
  bool AcceptFromValues(uint32_t doc) const;
  bool InDateRange(uint32_t doc) const;
  void BuildBitmap() const;
  void UseBits(std::shared_ptr<const FilterBits> bits) const;
  // The cache key of the keyword constraints on this segment (its address and the wanted
  // values' ordinals, which name them within the segment).
  std::string CacheKey() const;
  // The documents of these terms of `field`, OR-ed into `out`; false when a list fails to
  // decode.
  bool Union(const index::FieldReader* field, const std::vector<index::TermInfo>& terms,
             std::vector<uint64_t>* out) const;

  const index::Segment* segment_ = nullptr;
  const index::NumericColumn* date_ = nullptr;
  int64_t from_ = 0;
  int64_t to_ = 0;
  const index::FieldReader* source_ = nullptr;
  std::vector<std::vector<uint32_t>> sources_any_;  // sorted ordinals per list
  std::vector<uint32_t> sources_none_;
  const index::FieldReader* entity_ = nullptr;
  std::vector<uint32_t> entities_all_;
  const index::FieldReader* speaker_ = nullptr;
  std::vector<uint32_t> speakers_any_;
  // The same wanted values as terms, for the bitmap.
  std::vector<std::vector<index::TermInfo>> sources_any_terms_;
  std::vector<index::TermInfo> sources_none_terms_, entities_all_terms_, speakers_any_terms_;
  bool check_live_ = false;
  bool trivial_ = false;
  bool deletions_only_ = false;

  // The bitmap of the documents that are live and pass the keyword constraints (words_ and
  // num_words_ are bits_'s, for the bit tests).
  mutable uint64_t bitmap_after_ = kNever;
  mutable uint64_t calls_ = 0;
  mutable bool use_bits_ = false;
  mutable std::shared_ptr<const FilterBits> bits_;
  mutable const uint64_t* words_ = nullptr;
  mutable size_t num_words_ = 0;
  FilterCache* cache_ = nullptr;
};

}  // namespace rasd::search::internal
