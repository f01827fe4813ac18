// Building snapshots (IndexReader objects) from opened segments, and the reference counts
// that keep a snapshot's files from being deleted while it lives.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "rasd/base/env.h"
#include "rasd/index/index_reader.h"
#include "rasd/index/internal/manifest.h"
#include "rasd/index/internal/segment_reader.h"

namespace rasd::index::internal {

// Reference counts of index files (Lucene's IndexFileDeleter, reduced): the last commit,
// the writer's current segments and every snapshot hold references; a file whose count
// drops to zero is removed. After Close() (the writer is gone) nothing is removed any more:
// the next writer's Open cleans up.
class FileRegistry {
 public:
  FileRegistry(base::Env* env, std::string dir) : env_(env), dir_(std::move(dir)) {}
  void IncRef(const std::vector<std::string>& names);
  void DecRef(const std::vector<std::string>& names);
  void Close();
  int RefCount(const std::string& name);

 private:
  std::mutex mu_;
  base::Env* env_;
  std::string dir_;
  std::map<std::string, int> refs_;
  bool closed_ = false;
};

// Holds references to a set of files until destroyed.
class FileRefs {
 public:
  FileRefs(std::shared_ptr<FileRegistry> registry, std::vector<std::string> names)
      : registry_(std::move(registry)), names_(std::move(names)) {
    registry_->IncRef(names_);
  }
  ~FileRefs() { registry_->DecRef(names_); }

 private:
  std::shared_ptr<FileRegistry> registry_;
  std::vector<std::string> names_;
};

// The data segment files of a core (not tombstones, which snapshots read into memory).
std::vector<std::string> DataFileNames(const SegmentCore& core);

class SnapshotFactory {
 public:
  struct Part {
    std::shared_ptr<const SegmentCore> core;
    std::shared_ptr<const std::string> deleted;  // bitmap, or nullptr
    uint32_t del_count = 0;
    uint64_t del_gen = 0;
  };

  static std::shared_ptr<const IndexReader> Make(base::Env* env, const std::string& dir,
                                                 const ReaderOptions& options,
                                                 uint64_t generation, bool committed,
                                                 const std::string& user_data,
                                                 const std::vector<Part>& parts,
                                                 std::shared_ptr<void> file_refs);
  // The parts of an existing snapshot (to reuse its cores).
  static std::vector<Part> Parts(const IndexReader& reader);
  static base::Env* env(const IndexReader& r) { return r.env_; }
  static const std::string& dir(const IndexReader& r) { return r.dir_; }
  static const ReaderOptions& options(const IndexReader& r) { return r.options_; }
};

// Opens the committed state described by `manifest`, reusing cores from `reuse` (matched
// by segment id and nonce).
Result<std::vector<SnapshotFactory::Part>> OpenParts(base::Env* env, const std::string& dir,
                                                     const Manifest& manifest,
                                                     bool verify_checksums,
                                                     const std::vector<SnapshotFactory::Part>& reuse);

}  // namespace rasd::index::internal
