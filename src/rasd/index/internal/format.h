// The envelope every index file shares, and bounds-checked decoding helpers.
//
// Every file (docs/FORMAT.md, "Common envelope") is:
//   header  (16 bytes): magic (4 ASCII bytes), format version (fixed32), nonce (fixed64)
//   body    (file-type specific)
//   footer  (16 bytes): directory offset (fixed64), footer magic "RSFT", masked CRC-32C
//                       (fixed32) of every byte before it
// The nonce ties a segment's files together (the manifest records it); a file copied from
// another segment fails the check. The write-ahead log is the exception: it has the header
// but no footer, since it is only ever appended to; each record has its own checksum.
//
// Decoding never trusts a stored offset or length: every read goes through a Cursor or an
// explicit range check, and a failure becomes Corruption("<file>: at byte <offset>: ...").
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "rasd/base/env.h"
#include "rasd/base/result.h"

namespace rasd::index::internal {

// The version of the index files this build writes, and the oldest it reads
// (docs/FORMAT.md section 15). The write-ahead log has its own version.
inline constexpr uint32_t kFormatVersion = 3;
inline constexpr uint32_t kOldestFormatVersion = 1;
inline constexpr uint32_t kLogFormatVersion = 2;
inline constexpr uint64_t kHeaderSize = 16;
inline constexpr uint64_t kFooterSize = 16;

constexpr uint32_t MakeMagic(const char (&s)[5]) {
  return uint32_t(uint8_t(s[0])) | uint32_t(uint8_t(s[1])) << 8 | uint32_t(uint8_t(s[2])) << 16 |
         uint32_t(uint8_t(s[3])) << 24;
}
inline constexpr uint32_t kTermDictMagic = MakeMagic("RSTD");
inline constexpr uint32_t kDocMagic = MakeMagic("RSDC");
inline constexpr uint32_t kPosMagic = MakeMagic("RSPS");
inline constexpr uint32_t kStoredMagic = MakeMagic("RSSF");
inline constexpr uint32_t kDocValuesMagic = MakeMagic("RSDV");
inline constexpr uint32_t kDeletesMagic = MakeMagic("RSDL");
inline constexpr uint32_t kManifestMagic = MakeMagic("RSMF");
inline constexpr uint32_t kLogMagic = MakeMagic("RSLG");
inline constexpr uint32_t kFooterMagic = MakeMagic("RSFT");

// "<file>: at byte <offset>: <what>" as a Corruption status.
Status CorruptionAt(std::string_view file, uint64_t offset, std::string_view what);

// Writes one index file: the header at creation, the CRC-32C of everything as it goes, and
// the footer in Finish, which also syncs and closes it.
class FileWriter {
 public:
  static Result<std::unique_ptr<FileWriter>> Create(base::Env* env, const std::string& path,
                                                    uint32_t magic, uint64_t nonce);
  ~FileWriter();

  Status Append(std::string_view data) {
    offset_ += data.size();
    if (data.size() >= kBufferBytes) return AppendUnbuffered(data);
    buffer_.append(data);
    if (buffer_.size() >= kBufferBytes) return FlushBuffer();
    return Status::OK();
  }
  // Offset of the next byte appended.
  uint64_t offset() const { return offset_; }
  // Appends the footer (with `directory_offset`), syncs and closes the file.
  Status Finish(uint64_t directory_offset);
  const std::string& path() const { return path_; }

 private:
  static constexpr size_t kBufferBytes = 1 << 20;
  FileWriter(std::string path, std::unique_ptr<base::WritableFile> file)
      : path_(std::move(path)), file_(std::move(file)) {}
  Status FlushBuffer();
  // A piece of a buffer's size or more (a stopword's postings, a column of a million
  // documents) goes to the file as it is, after what is buffered: appended to the buffer, it
  // would grow it to its own size for the rest of the file's life.
  Status AppendUnbuffered(std::string_view data);

  std::string path_;
  std::unique_ptr<base::WritableFile> file_;
  std::string buffer_;
  uint64_t offset_ = 0;
  uint32_t crc_ = 0;
};

// A whole file addressable in memory: the mapping when the Env offers one, else a copy.
struct FileData {
  std::string name;  // file name (not path), for messages
  std::unique_ptr<base::RandomAccessFile> file;
  std::string copy;
  const uint8_t* data = nullptr;
  uint64_t size = 0;
  uint64_t directory_offset = 0;  // from the footer (0 for files without a footer)
  uint32_t version = 0;           // from the header (set by CheckEnvelope)

  // Bytes of the body: [kHeaderSize, size - kFooterSize).
  uint64_t body_end() const { return size - kFooterSize; }
  // The mapping's resident pages handed back (RandomAccessFile::ReleaseMemory); data stays
  // valid. Nothing for a private copy.
  void ReleaseMemory() const { ReleaseMemory(0, size); }
  void ReleaseMemory(uint64_t offset, uint64_t n) const {
    if (file != nullptr) file->ReleaseMemory(offset, n);
  }
};

// Reads `dir/name` into memory.
Result<std::unique_ptr<FileData>> LoadFile(base::Env* env, const std::string& dir,
                                           const std::string& name);
// Checks header (magic, version, nonce) and footer (magic, directory offset within the
// body); with verify_checksum, also the CRC-32C. Sets file->directory_offset.
Status CheckEnvelope(FileData* file, uint32_t magic, uint64_t nonce, bool verify_checksum);
// The file's CRC-32C against the one in its last four bytes: Corruption "checksum mismatch"
// naming the file. Hands the pages it read back as it goes (FileData::ReleaseMemory): a
// check of every byte must not leave the whole file resident.
Status VerifyChecksum(const FileData& file);
// Opens and checks in one step.
Result<std::unique_ptr<FileData>> OpenIndexFile(base::Env* env, const std::string& dir,
                                                const std::string& name, uint32_t magic,
                                                uint64_t nonce, bool verify_checksum);
// The 16 header bytes.
std::string HeaderBytes(uint32_t magic, uint64_t nonce, uint32_t version = kFormatVersion);

// ---- Fast, bounds-checked varints over raw bytes.

// Decodes a varint of at most 5 bytes (32 bits) from [p, end); nullptr on truncation or
// overflow.
inline const uint8_t* GetVarint32Ptr(const uint8_t* p, const uint8_t* end, uint32_t* v) {
  if (p < end && *p < 0x80) {
    *v = *p;
    return p + 1;
  }
  uint32_t result = 0;
  for (int shift = 0; shift <= 28 && p < end; shift += 7) {
    const uint32_t byte = *p++;
    if (shift == 28 && byte > 0x0F) return nullptr;
    result |= (byte & 0x7F) << shift;
    if (byte < 0x80) {
      *v = result;
      return p;
    }
  }
  return nullptr;
}

inline const uint8_t* GetVarint64Ptr(const uint8_t* p, const uint8_t* end, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift <= 63 && p < end; shift += 7) {
    const uint64_t byte = *p++;
    if (shift == 63 && byte > 1) return nullptr;
    result |= (byte & 0x7F) << shift;
    if (byte < 0x80) {
      *v = result;
      return p;
    }
  }
  return nullptr;
}

// Appends a varint to a raw buffer; returns one past it (room for 10 bytes needed).
inline uint8_t* PutVarintPtr(uint8_t* p, uint64_t v) {
  while (v >= 0x80) {
    *p++ = static_cast<uint8_t>(v | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<uint8_t>(v);
  return p;
}

// Sequential reader over [begin, end) of a file; the first failure sticks and records where.
class Cursor {
 public:
  Cursor(const FileData* file, uint64_t begin, uint64_t end)
      : file_(file), p_(file->data + begin), end_(file->data + end) {}

  bool ok() const { return ok_; }
  uint64_t offset() const { return static_cast<uint64_t>(p_ - file_->data); }
  uint64_t remaining() const { return static_cast<uint64_t>(end_ - p_); }
  const uint8_t* ptr() const { return p_; }

  uint32_t Varint32() {
    uint32_t v = 0;
    if (!ok_) return 0;
    const uint8_t* q = GetVarint32Ptr(p_, end_, &v);
    if (q == nullptr) return Fail("bad varint"), 0;
    p_ = q;
    return v;
  }
  uint64_t Varint64() {
    uint64_t v = 0;
    if (!ok_) return 0;
    const uint8_t* q = GetVarint64Ptr(p_, end_, &v);
    if (q == nullptr) return Fail("bad varint"), 0;
    p_ = q;
    return v;
  }
  uint8_t Byte() {
    if (!ok_) return 0;
    if (p_ >= end_) return Fail("truncated"), 0;
    return *p_++;
  }
  uint64_t Fixed64() {
    if (!ok_) return 0;
    if (remaining() < 8) return Fail("truncated"), 0;
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= uint64_t{p_[i]} << (8 * i);
    p_ += 8;
    return v;
  }
  std::string_view Bytes(uint64_t n) {
    if (!ok_) return {};
    if (remaining() < n) return Fail("length runs past the end"), std::string_view();
    std::string_view s(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return s;
  }
  std::string_view LengthPrefixed() { return Bytes(Varint64()); }
  void Skip(uint64_t n) { Bytes(n); }

  // Records a failure at the current offset (first one wins).
  void Fail(std::string_view what) {
    if (ok_) {
      ok_ = false;
      fail_offset_ = offset();
      what_ = std::string(what);
    }
  }
  // Corruption naming the file and the offset of the first failure, with `context`.
  Status status(std::string_view context = {}) const;

 private:
  const FileData* file_;
  const uint8_t* p_;
  const uint8_t* end_;
  bool ok_ = true;
  uint64_t fail_offset_ = 0;
  std::string what_;
};

// File names (docs/FORMAT.md, "Directory layout").
std::string SegmentFileName(uint64_t segment_id, std::string_view extension);
std::string DeletesFileName(uint64_t segment_id, uint64_t generation);
std::string LogFileName(uint64_t number);
inline constexpr std::string_view kManifestName = "MANIFEST";
inline constexpr std::string_view kManifestTempName = "MANIFEST.tmp";
inline constexpr std::string_view kLockName = "LOCK";

// The per-segment file extensions, in the order the manifest lists their sizes.
inline constexpr int kNumSegmentFiles = 5;
inline constexpr std::string_view kSegmentExtensions[kNumSegmentFiles] = {"tdx", "doc", "pos",
                                                                         "sto", "dv"};
inline constexpr uint32_t kSegmentMagics[kNumSegmentFiles] = {
    kTermDictMagic, kDocMagic, kPosMagic, kStoredMagic, kDocValuesMagic};

// Parses names made by the functions above; false for any other name.
bool ParseSegmentFileName(std::string_view name, uint64_t* segment_id);
bool ParseDeletesFileName(std::string_view name, uint64_t* segment_id, uint64_t* generation);
bool ParseLogFileName(std::string_view name, uint64_t* number);

}  // namespace rasd::index::internal
