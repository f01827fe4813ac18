// The common file envelope: header, footer, checksums, and file names.
#include "rasd/index/internal/format.h"

#include <algorithm>
#include <cstdio>

#include "rasd/base/coding.h"
#include "rasd/base/crc32c.h"
#include "rasd/base/macros.h"

namespace rasd::index::internal {

using base::crc32c::Extend;
using base::crc32c::Mask;
using base::crc32c::Unmask;

Status CorruptionAt(std::string_view file, uint64_t offset, std::string_view what) {
  std::string msg(file);
  msg += ": at byte ";
  msg += std::to_string(offset);
  msg += ": ";
  msg += what;
  return Status::Corruption(std::move(msg));
}

Status Cursor::status(std::string_view context) const {
  if (ok_) return Status::OK();
  std::string what = what_;
  if (!context.empty()) what = std::string(context) + ": " + what;
  return CorruptionAt(file_->name, fail_offset_, what);
}

std::string HeaderBytes(uint32_t magic, uint64_t nonce, uint32_t version) {
  std::string h;
  base::PutFixed32(&h, magic);
  base::PutFixed32(&h, version);
  base::PutFixed64(&h, nonce);
  return h;
}

Result<std::unique_ptr<FileWriter>> FileWriter::Create(base::Env* env, const std::string& path,
                                                       uint32_t magic, uint64_t nonce) {
  RASD_ASSIGN_OR_RETURN(auto file, env->NewWritableFile(path));
  std::unique_ptr<FileWriter> w(new FileWriter(path, std::move(file)));
  RASD_RETURN_IF_ERROR(w->Append(HeaderBytes(magic, nonce)));
  return w;
}

FileWriter::~FileWriter() {
  if (file_ != nullptr) file_->Close().IgnoreError();
}

Status FileWriter::FlushBuffer() {
  if (buffer_.empty()) return Status::OK();
  crc_ = Extend(crc_, buffer_.data(), buffer_.size());
  Status s = file_->Append(buffer_);
  buffer_.clear();
  return s;
}

Status FileWriter::AppendUnbuffered(std::string_view data) {
  RASD_RETURN_IF_ERROR(FlushBuffer());
  crc_ = Extend(crc_, data.data(), data.size());
  return file_->Append(data);
}

Status FileWriter::Finish(uint64_t directory_offset) {
  std::string footer;
  base::PutFixed64(&footer, directory_offset);
  base::PutFixed32(&footer, kFooterMagic);
  buffer_.append(footer);
  crc_ = Extend(crc_, buffer_.data(), buffer_.size());
  std::string crc;
  base::PutFixed32(&crc, Mask(crc_));
  buffer_.append(crc);
  offset_ += footer.size() + crc.size();
  Status s = file_->Append(buffer_);
  buffer_.clear();
  if (s.ok()) s = file_->Sync();
  if (s.ok()) s = file_->Close();
  file_.reset();
  return s;
}

Result<std::unique_ptr<FileData>> LoadFile(base::Env* env, const std::string& dir,
                                           const std::string& name) {
  auto f = std::make_unique<FileData>();
  f->name = name;
  RASD_ASSIGN_OR_RETURN(f->file, env->NewRandomAccessFile(base::JoinPath(dir, name)));
  f->size = f->file->Size();
  if (auto mapped = f->file->MappedData(); mapped.has_value()) {
    f->data = reinterpret_cast<const uint8_t*>(mapped->data());
    f->size = mapped->size();
  } else {
    // No mapping (e.g. the memory Env): keep a private copy, padded so that block decoders
    // may read a few bytes past the data as they do on mappings ending in a footer.
    f->copy.resize(f->size + 16);
    RASD_ASSIGN_OR_RETURN(std::string_view got, f->file->Read(0, f->size, f->copy.data()));
    if (got.data() != f->copy.data()) std::memmove(f->copy.data(), got.data(), got.size());
    f->copy.resize(got.size());
    f->copy.reserve(got.size() + 16);
    f->size = got.size();
    f->data = reinterpret_cast<const uint8_t*>(f->copy.data());
  }
  return f;
}

Status CheckEnvelope(FileData* f, uint32_t magic, uint64_t nonce, bool verify_checksum) {
  if (f->size < kHeaderSize + kFooterSize) {
    return CorruptionAt(f->name, f->size,
                        "truncated: " + std::to_string(f->size) +
                            " bytes, smaller than a header and footer");
  }
  const char* p = reinterpret_cast<const char*>(f->data);
  if (base::DecodeFixed32(p) != magic) return CorruptionAt(f->name, 0, "bad magic number");
  const uint32_t version = base::DecodeFixed32(p + 4);
  if (version < kOldestFormatVersion || version > kFormatVersion) {
    return CorruptionAt(f->name, 4,
                        "unsupported format version " + std::to_string(version) +
                            " (this build reads versions " + std::to_string(kOldestFormatVersion) +
                            " to " + std::to_string(kFormatVersion) + ")");
  }
  f->version = version;
  if (base::DecodeFixed64(p + 8) != nonce) {
    return CorruptionAt(f->name, 8, "file belongs to another segment or index (nonce mismatch)");
  }
  const uint64_t footer = f->size - kFooterSize;
  if (base::DecodeFixed32(p + footer + 8) != kFooterMagic) {
    return CorruptionAt(f->name, footer + 8, "bad footer magic (truncated or overwritten file)");
  }
  const uint64_t dir = base::DecodeFixed64(p + footer);
  if (dir < kHeaderSize || dir > footer) {
    return CorruptionAt(f->name, footer, "directory offset " + std::to_string(dir) +
                                             " outside the file body");
  }
  f->directory_offset = dir;
  if (verify_checksum) return VerifyChecksum(*f);
  return Status::OK();
}

Status VerifyChecksum(const FileData& f) {
  if (f.size < 4) return CorruptionAt(f.name, 0, "file too short for a checksum");
  const char* p = reinterpret_cast<const char*>(f.data);
  const uint32_t expected = Unmask(base::DecodeFixed32(p + f.size - 4));
  // In pieces, each released once summed: a large segment file (hundreds of MB) was
  // otherwise wholly resident at the start of every merge that verified it.
  constexpr uint64_t kPiece = uint64_t{16} << 20;
  uint32_t actual = 0;
  for (uint64_t at = 0; at < f.size - 4;) {
    const uint64_t n = std::min(kPiece, f.size - 4 - at);
    actual = Extend(actual, p + at, n);
    f.ReleaseMemory(at, n);
    at += n;
  }
  if (expected != actual) return CorruptionAt(f.name, f.size - 4, "checksum mismatch");
  return Status::OK();
}

Result<std::unique_ptr<FileData>> OpenIndexFile(base::Env* env, const std::string& dir,
                                                const std::string& name, uint32_t magic,
                                                uint64_t nonce, bool verify_checksum) {
  RASD_ASSIGN_OR_RETURN(auto f, LoadFile(env, dir, name));
  RASD_RETURN_IF_ERROR(CheckEnvelope(f.get(), magic, nonce, verify_checksum));
  return f;
}

std::string SegmentFileName(uint64_t segment_id, std::string_view extension) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "seg_%06llu.", static_cast<unsigned long long>(segment_id));
  return std::string(buf) + std::string(extension);
}

std::string DeletesFileName(uint64_t segment_id, uint64_t generation) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "seg_%06llu_%llu.del", static_cast<unsigned long long>(segment_id),
                static_cast<unsigned long long>(generation));
  return buf;
}

std::string LogFileName(uint64_t number) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "wal_%06llu.log", static_cast<unsigned long long>(number));
  return buf;
}

namespace {

// Parses a run of decimal digits at the front of *s.
bool ConsumeNumber(std::string_view* s, uint64_t* v) {
  size_t i = 0;
  uint64_t n = 0;
  while (i < s->size() && (*s)[i] >= '0' && (*s)[i] <= '9' && i < 19) {
    n = n * 10 + static_cast<uint64_t>((*s)[i] - '0');
    ++i;
  }
  if (i == 0) return false;
  *v = n;
  s->remove_prefix(i);
  return true;
}

bool ConsumePrefix(std::string_view* s, std::string_view prefix) {
  if (s->substr(0, prefix.size()) != prefix) return false;
  s->remove_prefix(prefix.size());
  return true;
}

}  // namespace

bool ParseSegmentFileName(std::string_view name, uint64_t* segment_id) {
  if (!ConsumePrefix(&name, "seg_") || !ConsumeNumber(&name, segment_id)) return false;
  if (!ConsumePrefix(&name, ".")) return false;
  for (std::string_view ext : kSegmentExtensions) {
    if (name == ext) return true;
  }
  return false;
}

bool ParseDeletesFileName(std::string_view name, uint64_t* segment_id, uint64_t* generation) {
  return ConsumePrefix(&name, "seg_") && ConsumeNumber(&name, segment_id) &&
         ConsumePrefix(&name, "_") && ConsumeNumber(&name, generation) && name == ".del";
}

bool ParseLogFileName(std::string_view name, uint64_t* number) {
  return ConsumePrefix(&name, "wal_") && ConsumeNumber(&name, number) && name == ".log";
}

}  // namespace rasd::index::internal
