// Check: verifies every file of an index directory (`rasd check`).
//
// Reads the manifest and every file it references, verifies magic numbers, format versions,
// CRC-32C footers, the sizes recorded in the manifest, and then decodes every structure
// (term dictionary blocks, postings, positions, skip data and impacts, field lengths, doc
// values, ordinals, stored blocks, tombstones), checking that each decoded offset and length
// lies inside its file, doc ids increase and stay below the segment's size, and counts agree
// (doc freqs, total term freqs, field statistics, deletion counts). Write-ahead log files
// are checked record by record (a torn last record is normal after a crash and is not an
// error). It does not take the writer's lock and changes nothing.
//
// Returns OK, or the first problem: Corruption naming the file and the byte offset;
// NotFound when `dir` holds no index; IOError when a read fails.
//
// Thread-safety: may run concurrently with readers and a writer (a writer committing
// meanwhile can make Check report files it removed as missing; run it again).
#pragma once

#include <cstdint>
#include <string>

#include "rasd/base/env.h"
#include "rasd/base/status.h"

namespace rasd::index {

struct CheckReport {
  uint64_t generation = 0;
  uint64_t files = 0;
  uint64_t bytes = 0;
  uint64_t segments = 0;
  uint64_t docs = 0;        // including deleted
  uint64_t live_docs = 0;
  uint64_t terms = 0;
  uint64_t postings = 0;    // (term, doc) pairs
  uint64_t positions = 0;
  uint64_t log_records = 0;
};

Status Check(base::Env* env, const std::string& dir, CheckReport* report = nullptr);

}  // namespace rasd::index
