// Test support: writes a segment straight from explicit postings (bypassing the in-memory
// buffer), so codec tests can compare what they wrote with what they read.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rasd/base/env.h"
#include "rasd/base/result.h"
#include "rasd/index/internal/segment_reader.h"

namespace rasd::index::testing {

struct TermPostings {
  std::string term;
  std::vector<uint32_t> docs;
  std::vector<uint32_t> freqs;                    // text fields
  std::vector<std::vector<uint32_t>> positions;   // text fields with positions
  int64_t stem = -1;  // fields with a parent: the stem's ordinal there (its docs must include
                      // this term's), or -1 (coded absolutely)
};

struct FieldSpec {
  std::string name;
  FieldKind kind = FieldKind::kText;
  bool positions = true;
  std::vector<uint8_t> norms;       // text fields: max_doc bytes
  std::vector<TermPostings> terms;  // sorted by term
  std::string parent = {};          // the parent field (text, sorts first), or empty
};

// Writes segment `id` with max_doc documents (ids "doc%09u", blobs "blob<N>") and `fields`
// (an "_id" field is added), then opens it.
Result<std::shared_ptr<const internal::SegmentCore>> BuildSegment(base::Env* env,
                                                                  const std::string& dir,
                                                                  uint64_t id, uint32_t max_doc,
                                                                  std::vector<FieldSpec> fields);

}  // namespace rasd::index::testing
