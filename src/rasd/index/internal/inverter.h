// Inverter: turns a stream of documents into one new segment. It owns the in-memory
// SegmentBuffer and the segment's SegmentWriter (stored fields stream into the .sto file as
// documents arrive); Flush writes the rest, syncs, and opens the segment.
//
// The IndexWriter runs it either inline (in the caller's thread) or on its indexing thread,
// so that inverting one document overlaps with the caller preparing the next (analysis).
//
// Thread-safety: none; one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "rasd/base/env.h"
#include "rasd/base/result.h"
#include "rasd/index/document.h"
#include "rasd/index/internal/segment_buffer.h"
#include "rasd/index/internal/segment_reader.h"
#include "rasd/index/internal/segment_writer.h"

namespace rasd::index::internal {

class Inverter {
 public:
  Inverter(base::Env* env, std::string dir, SegmentWriteOptions options)
      : env_(env), dir_(std::move(dir)), options_(options) {}
  ~Inverter() { Abandon(); }

  // Adds `doc` as the next document of segment `segment_id` (created with `nonce` on the
  // first document).
  Status Add(const IndexDocument& doc, uint64_t segment_id, uint64_t nonce);
  uint32_t num_docs() const { return buffer_ != nullptr ? buffer_->num_docs() : 0; }
  uint64_t memory_bytes() const { return buffer_ != nullptr ? buffer_->memory_bytes() : 0; }
  // Writes, syncs and opens the segment of the documents added since the last Flush.
  Result<std::shared_ptr<const SegmentCore>> Flush();
  // Removes the files of an unfinished segment.
  void Abandon();

 private:
  base::Env* env_;
  std::string dir_;
  SegmentWriteOptions options_;
  std::unique_ptr<SegmentBuffer> buffer_;
  std::unique_ptr<SegmentWriter> writer_;
};

}  // namespace rasd::index::internal
