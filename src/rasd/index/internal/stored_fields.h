// Stored fields (.sto): each document's external id and opaque blob, compressed with zstd in
// blocks of several documents (small documents compress far better together, and a block
// is the unit of decompression on read). After the blocks, the directory lists each block's
// first doc and file offset; it is loaded at open (one entry per block). docs/FORMAT.md,
// "Stored fields".
//
// Thread-safety: the writer is single-threaded; ReadStored may be called concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/base/status.h"
#include "rasd/index/index_reader.h"
#include "rasd/index/internal/format.h"

namespace rasd::index::internal {

class StoredFieldsWriter {
 public:
  StoredFieldsWriter(FileWriter* file, int zstd_level, uint32_t block_bytes);
  ~StoredFieldsWriter();
  StoredFieldsWriter(const StoredFieldsWriter&) = delete;
  StoredFieldsWriter& operator=(const StoredFieldsWriter&) = delete;

  // Appends the next document (doc ids are assigned in call order from 0).
  Status Add(std::string_view id, std::string_view blob);
  // Writes the last block and the directory; returns the directory offset (for the footer).
  Status Finish(uint64_t* directory_offset);
  uint32_t num_docs() const { return num_docs_; }

 private:
  Status FlushBlock();

  FileWriter* file_;
  int level_;
  uint32_t block_bytes_;
  void* cctx_ = nullptr;  // ZSTD_CCtx
  std::string raw_;
  std::string compressed_;
  uint32_t num_docs_ = 0;
  uint32_t block_first_doc_ = 0;
  std::vector<uint32_t> first_docs_;
  std::vector<uint64_t> offsets_;
};

// The parsed directory of a .sto file.
struct StoredIndex {
  uint32_t num_docs = 0;
  std::vector<uint32_t> first_docs;  // per block
  std::vector<uint64_t> offsets;     // per block, increasing
};

Status ParseStoredIndex(const FileData& file, StoredIndex* index);
// Reads doc `doc` into *out, reusing out's cached block when it is the same one. `owner_id`
// identifies the file uniquely in the process (never reused), to key that cache.
Status ReadStored(const FileData& file, const StoredIndex& index, uint64_t owner_id, uint32_t doc,
                  StoredDocument* out);
// Decompresses block `block` into *raw (for merges and Check); returns its doc count.
Status ReadStoredBlock(const FileData& file, const StoredIndex& index, uint32_t block,
                       std::string* raw);

}  // namespace rasd::index::internal
