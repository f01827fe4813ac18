// Write-ahead log records and the document codec used in them. See internal/wal.h.
#include "rasd/index/internal/wal.h"

#include <cstring>
#include <vector>

#include "rasd/base/coding.h"
#include "rasd/base/crc32c.h"
#include "rasd/base/macros.h"
#include "rasd/index/internal/format.h"

namespace rasd::index::internal {

using base::PutLengthPrefixed;
using base::PutVarint64;

void EncodeDocument(const IndexDocument& doc, std::string* out) {
  PutLengthPrefixed(out, doc.id());
  // Flag bit 1 of a text field: its tokens carry a parent token (log version 2).
  thread_local std::vector<uint8_t> has_parent;
  has_parent.assign(doc.num_text_fields(), 0);
  for (size_t i = 0; i < doc.num_tokens(); ++i) {
    const auto t = doc.token(i);
    if (t.parent != kNoParentToken && t.field < has_parent.size()) has_parent[t.field] = 1;
  }
  PutVarint64(out, doc.num_text_fields());
  for (size_t i = 0; i < doc.num_text_fields(); ++i) {
    const auto f = doc.text_field(i);
    PutLengthPrefixed(out, f.name);
    out->push_back(static_cast<char>((f.options.positions ? 1 : 0) | (has_parent[i] << 1)));
  }
  PutVarint64(out, doc.num_tokens());
  for (size_t i = 0; i < doc.num_tokens(); ++i) {
    const auto t = doc.token(i);
    PutVarint64(out, t.field);
    PutVarint64(out, t.position);
    PutLengthPrefixed(out, t.term);
    if (t.field < has_parent.size() && has_parent[t.field]) {
      PutVarint64(out, t.parent == kNoParentToken ? 0 : uint64_t{t.parent} + 1);
    }
  }
  PutVarint64(out, doc.num_keywords());
  for (size_t i = 0; i < doc.num_keywords(); ++i) {
    const auto k = doc.keyword(i);
    PutLengthPrefixed(out, k.field);
    PutLengthPrefixed(out, k.value);
  }
  PutVarint64(out, doc.num_numerics());
  for (size_t i = 0; i < doc.num_numerics(); ++i) {
    const auto n = doc.numeric(i);
    PutLengthPrefixed(out, n.field);
    PutVarint64(out, base::ZigZagEncode(n.value));
  }
  PutLengthPrefixed(out, doc.stored());
}

bool DecodeDocument(std::string_view in, IndexDocument* doc) {
  doc->Clear();
  std::string_view s;
  uint64_t n = 0;
  if (!base::GetLengthPrefixed(&in, &s)) return false;
  doc->set_id(s);
  if (!base::GetVarint64(&in, &n) || n > in.size()) return false;
  thread_local std::vector<uint8_t> has_parent;
  has_parent.clear();
  for (uint64_t i = 0; i < n; ++i) {
    if (!base::GetLengthPrefixed(&in, &s) || in.empty()) return false;
    TextFieldOptions options;
    options.positions = (in[0] & 1) != 0;
    has_parent.push_back((in[0] & 2) != 0);
    in.remove_prefix(1);
    doc->AddTextField(s, options);
  }
  const uint64_t fields = n;
  if (!base::GetVarint64(&in, &n) || n > in.size()) return false;
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t field = 0, position = 0, parent = 0;
    if (!base::GetVarint64(&in, &field) || !base::GetVarint64(&in, &position) ||
        !base::GetLengthPrefixed(&in, &s) || field >= fields || position > 0xFFFFFFFFull) {
      return false;
    }
    if (has_parent[field] && (!base::GetVarint64(&in, &parent) || parent > i)) return false;
    doc->AddToken(field, s, static_cast<uint32_t>(position),
                  parent == 0 ? kNoParentToken : static_cast<size_t>(parent - 1));
  }
  if (!base::GetVarint64(&in, &n) || n > in.size()) return false;
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view value;
    if (!base::GetLengthPrefixed(&in, &s) || !base::GetLengthPrefixed(&in, &value)) return false;
    doc->AddKeyword(s, value);
  }
  if (!base::GetVarint64(&in, &n) || n > in.size()) return false;
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t v = 0;
    if (!base::GetLengthPrefixed(&in, &s) || !base::GetVarint64(&in, &v)) return false;
    doc->AddNumeric(s, base::ZigZagDecode(v));
  }
  if (!base::GetLengthPrefixed(&in, &s)) return false;
  doc->set_stored(s);
  return in.empty();
}

Result<std::unique_ptr<LogWriter>> LogWriter::Create(base::Env* env, const std::string& dir,
                                                     uint64_t number) {
  RASD_ASSIGN_OR_RETURN(auto file, env->NewWritableFile(base::JoinPath(dir, LogFileName(number))));
  RASD_RETURN_IF_ERROR(file->Append(HeaderBytes(kLogMagic, number, kLogFormatVersion)));
  RASD_RETURN_IF_ERROR(file->Sync());
  RASD_RETURN_IF_ERROR(env->SyncDir(dir));
  return std::unique_ptr<LogWriter>(new LogWriter(std::move(file), number));
}

Status LogWriter::AddRecord(LogRecordType type, std::string_view payload, bool sync) {
  buffer_.clear();
  const uint32_t length = static_cast<uint32_t>(payload.size() + 1);
  uint32_t crc = base::crc32c::Extend(0, reinterpret_cast<const char*>(&type), 1);
  crc = base::crc32c::Extend(crc, payload.data(), payload.size());
  base::PutFixed32(&buffer_, length);
  base::PutFixed32(&buffer_, base::crc32c::Mask(crc));
  buffer_.push_back(static_cast<char>(type));
  if (payload.size() < (64 << 10)) {
    buffer_.append(payload);
    RASD_RETURN_IF_ERROR(file_->Append(buffer_));
  } else {
    RASD_RETURN_IF_ERROR(file_->Append(buffer_));
    RASD_RETURN_IF_ERROR(file_->Append(payload));
  }
  RASD_RETURN_IF_ERROR(file_->Flush());
  if (sync) RASD_RETURN_IF_ERROR(file_->Sync());
  return Status::OK();
}

Result<std::unique_ptr<LogReader>> LogReader::Open(base::Env* env, const std::string& dir,
                                                   const std::string& name, uint64_t number) {
  const std::string path = base::JoinPath(dir, name);
  RASD_ASSIGN_OR_RETURN(uint64_t size, env->GetFileSize(path));
  RASD_ASSIGN_OR_RETURN(auto file, env->NewSequentialFile(path));
  std::unique_ptr<LogReader> r(new LogReader(name, std::move(file), size));
  // Header: a log cut before its header was synced is an empty log.
  std::string header;
  if (!r->ReadExactly(kHeaderSize, &header)) {
    if (!r->status_.ok()) return r->status_;
    r->torn_ = size > 0;
    return r;
  }
  if (base::DecodeFixed32(header.data()) != kLogMagic) return CorruptionAt(name, 0, "bad magic number");
  const uint32_t version = base::DecodeFixed32(header.data() + 4);
  // Version 1 logs are version 2 logs without parent tokens (no text field has flag bit 1).
  if (version < 1 || version > kLogFormatVersion) {
    return CorruptionAt(name, 4, "unsupported log format version " + std::to_string(version));
  }
  if (base::DecodeFixed64(header.data() + 8) != number) {
    return CorruptionAt(name, 8, "log number in the header disagrees with the file name");
  }
  r->header_checked_ = true;
  return r;
}

bool LogReader::ReadExactly(size_t n, std::string* out) {
  out->resize(n);
  size_t got = 0;
  while (got < n) {
    auto r = file_->Read(n - got, out->data() + got);
    if (!r.ok()) {
      status_ = r.status();
      return false;
    }
    if (r->empty()) break;
    if (r->data() != out->data() + got) std::memmove(out->data() + got, r->data(), r->size());
    got += r->size();
  }
  offset_ += got;
  if (got < n) {
    out->resize(got);
    return false;
  }
  return true;
}

bool LogReader::ReadRecord(LogRecordType* type, std::string* payload) {
  if (!status_.ok() || torn_ || !header_checked_) return false;
  const uint64_t start = offset_;
  if (!ReadExactly(8, &scratch_)) {
    if (status_.ok() && !scratch_.empty()) torn_ = true;
    return false;
  }
  const uint32_t length = base::DecodeFixed32(scratch_.data());
  const uint32_t crc = base::crc32c::Unmask(base::DecodeFixed32(scratch_.data() + 4));
  if (length == 0 || length > kMaxLogRecord || start + 8 + length > size_) {
    // A length running past the end is a torn tail when nothing could follow it anyway.
    if (length == 0 || length > kMaxLogRecord) {
      if (start + 8 >= size_) {
        torn_ = true;
        return false;
      }
      status_ = CorruptionAt(name_, start, "bad log record length " + std::to_string(length));
      return false;
    }
    torn_ = true;
    return false;
  }
  if (!ReadExactly(length, payload)) {
    if (status_.ok()) torn_ = true;
    return false;
  }
  if (base::crc32c::Value(*payload) != crc) {
    if (offset_ >= size_) {
      torn_ = true;  // the last record: a torn write
      return false;
    }
    status_ = CorruptionAt(name_, start, "log record checksum mismatch");
    return false;
  }
  const uint8_t t = static_cast<uint8_t>((*payload)[0]);
  if (t != static_cast<uint8_t>(LogRecordType::kAdd) &&
      t != static_cast<uint8_t>(LogRecordType::kDelete)) {
    status_ = CorruptionAt(name_, start + 8, "unknown log record type " + std::to_string(t));
    return false;
  }
  *type = static_cast<LogRecordType>(t);
  payload->erase(0, 1);
  return true;
}

}  // namespace rasd::index::internal
