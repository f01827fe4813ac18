// ByteSource: a forward-only stream of bytes from a file, standard input, or a zstd-compressed
// file, read in chunks so that ingest memory stays bounded whatever the input size.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "rasd/base/result.h"

namespace rasd::ingest {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Up to `max` bytes appended to *out; an empty read (0 bytes) means end of input.
  // IOError / Corruption (broken zstd frame) name the source.
  virtual Result<size_t> Read(size_t max, std::string* out) = 0;
  // Bytes consumed from the underlying file so far (compressed bytes for zstd): drives the
  // progress bar against the file size.
  virtual uint64_t raw_bytes_read() const = 0;
};

// Opens `path` ("-" is standard input). A name ending in ".zst" is decompressed on the fly.
Result<std::unique_ptr<ByteSource>> OpenByteSource(const std::string& path);

// Wraps an in-memory string (for tests and HTTP bodies).
std::unique_ptr<ByteSource> StringByteSource(std::string data);

}  // namespace rasd::ingest
