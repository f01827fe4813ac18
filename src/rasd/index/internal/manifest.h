// The manifest: which segments (and which tombstone generations) form the committed index.
//
// "<dir>/MANIFEST" is replaced atomically on every commit (temp file, fsync, rename,
// directory fsync); its rename is the commit point. It records the commit generation, the
// next segment id to allocate, the first write-ahead log number still to replay, the
// caller's user data, and per segment: id, nonce, document count, deletion count and
// tombstone generation, and the size of each of its files (so truncation is caught before
// a file is even parsed). docs/FORMAT.md, "Manifest".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rasd/base/env.h"
#include "rasd/base/result.h"
#include "rasd/index/internal/format.h"

namespace rasd::index::internal {

struct SegmentMeta {
  uint64_t id = 0;
  uint64_t nonce = 0;
  uint32_t max_doc = 0;
  uint32_t del_count = 0;
  uint64_t del_gen = 0;  // 0: no tombstone file
  uint64_t file_sizes[kNumSegmentFiles] = {};
  uint64_t del_size = 0;

  // Names of this segment's files (the tombstone file last, when there is one).
  std::vector<std::string> FileNames() const;
};

struct Manifest {
  uint64_t generation = 0;
  uint64_t next_segment_id = 1;
  uint64_t log_number = 1;  // logs numbered >= this are replayed on open
  std::string user_data;
  std::vector<SegmentMeta> segments;
};

std::string EncodeManifest(const Manifest& m);
// Decodes a whole manifest file (envelope included); Corruption naming `name` and offset.
Status DecodeManifest(const FileData& file, Manifest* m);
// Reads "<dir>/MANIFEST". NotFound when there is none and the folder holds no index file;
// Corruption (CheckNoOrphanedFiles) when it holds some.
Result<Manifest> ReadManifest(base::Env* env, const std::string& dir);
// For a folder without a MANIFEST: Corruption naming a segment or deletes file it holds (an
// index whose list of segments was lost, removed by hand or left out of a copy, which a new
// index there would delete as garbage), else OK.
Status CheckNoOrphanedFiles(base::Env* env, const std::string& dir);
// Writes it atomically (see above).
Status WriteManifest(base::Env* env, const std::string& dir, const Manifest& m);

// Tombstones: a bitmap of deleted documents (bit d set = doc d deleted, LSB first).
std::string EncodeDeletes(uint64_t nonce, uint32_t max_doc, uint32_t del_count,
                          const std::string& bitmap);
// Reads and fully verifies a tombstone file; returns the bitmap ((max_doc + 7) / 8 bytes).
Result<std::string> ReadDeletes(base::Env* env, const std::string& dir, const SegmentMeta& meta);

}  // namespace rasd::index::internal
