// SegmentFilter: the plan's filters (plan.h) resolved on one segment: deletions, the date
// range (numeric column), source / entity / speaker keyword constraints (per-document
// ordinals, compared with the ordinals of the wanted values in this segment).
//
// Thread-safety: immutable after Init; one per segment and query.
#pragma once

#include <cstdint>
#include <vector>

#include "rasd/index/index_reader.h"
#include "rasd/search/internal/plan.h"

namespace rasd::search::internal {

class SegmentFilter {
 public:
  // Returns false when no document of the segment can pass (a wanted value is absent, the
  // date range misses the segment's dates). Deleted documents never pass.
  bool Init(const index::Segment& segment, const PlanFilters& filters);

  bool Accept(uint32_t doc) const;
  // No filter applies in this segment (no deletions either): Accept is always true.
  bool trivial() const { return trivial_; }

 private:
  static bool HasAny(const index::KeywordOrdinals& ords, const std::vector<uint32_t>& wanted);

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
  bool check_live_ = false;
  bool trivial_ = false;
};

}  // namespace rasd::search::internal
