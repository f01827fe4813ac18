// Merging: reads several segments (with their deletions) and writes one new segment that
// holds their live documents in order (source by source), with remapped doc ids, merged
// term dictionaries, concatenated postings and positions, remapped keyword ordinals, norms,
// numeric values and stored fields. Deleted documents are dropped; terms left without live
// documents disappear. A field keeps positions only if every source that has it does.
//
// Memory: per-document arrays for the output segment (doc maps, one column at a time) and
// one term's postings buffer; never the whole segment.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rasd/base/result.h"
#include "rasd/index/internal/segment_reader.h"
#include "rasd/index/internal/segment_writer.h"

namespace rasd::index::internal {

struct MergeSource {
  std::shared_ptr<const SegmentCore> core;
  const uint8_t* deleted = nullptr;  // tombstone bitmap, or nullptr
};

// Number of live documents the merge will produce.
uint64_t LiveDocs(const std::vector<MergeSource>& sources);

// Writes the merged segment through `w` and finishes it. Corruption when a source fails its
// checks while being read.
Result<SegmentMeta> MergeSegments(const std::vector<MergeSource>& sources, SegmentWriter* w);

}  // namespace rasd::index::internal
