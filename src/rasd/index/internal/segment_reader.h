// SegmentCore: one opened, immutable segment (its five files mapped, directories parsed),
// shared by every snapshot that contains the segment. Deletions are not part of it: each
// snapshot pairs a core with its own tombstone bitmap (index_reader.h, Segment).
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rasd/base/env.h"
#include "rasd/base/result.h"
#include "rasd/index/index_reader.h"
#include "rasd/index/internal/doc_values.h"
#include "rasd/index/internal/field_data.h"
#include "rasd/index/internal/format.h"
#include "rasd/index/internal/manifest.h"
#include "rasd/index/internal/stored_fields.h"

namespace rasd::index::internal {

struct SegmentCore {
  // Opens the segment described by `meta` in `dir`: checks every file's size against the
  // manifest, its envelope (and CRC with verify_checksums), and parses the directories.
  static Result<std::shared_ptr<const SegmentCore>> Open(base::Env* env, const std::string& dir,
                                                         const SegmentMeta& meta,
                                                         bool verify_checksums);

  SegmentMeta meta;  // del_count/del_gen are those at open; snapshots track their own
  uint64_t unique_id = 0;  // never reused in this process (keys caches)
  std::unique_ptr<FileData> files[kNumSegmentFiles];
  std::vector<std::unique_ptr<FieldData>> field_data;  // sorted by name
  std::vector<FieldReader> fields;                     // parallel to field_data
  std::vector<std::pair<std::string, NumericColumn>> numerics;  // sorted by name
  std::vector<DocValuesColumn> columns;
  const FieldReader* id_field = nullptr;
  StoredIndex stored;

  const FieldReader* Field(std::string_view name) const;
  const NumericColumn* Numeric(std::string_view name) const;
  const FileData& tdx() const { return *files[0]; }
  const FileData& sto() const { return *files[3]; }
  uint64_t size_bytes() const;
  // Every live doc with this id is returned by scanning the id's postings; the deletion
  // bitmap decides which is live (nullptr: all).
  std::optional<uint32_t> LookupId(std::string_view id, const uint8_t* deleted) const;

  static FieldReader MakeFieldReader(const FieldData* d) { return FieldReader(d); }
};

}  // namespace rasd::index::internal
