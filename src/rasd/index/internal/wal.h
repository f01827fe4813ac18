// The write-ahead log: AddDocument and DeleteDocument are appended here before they are
// acknowledged, and replayed by IndexWriter::Open for whatever the last commit does not
// hold.
//
// A log file "wal_<number>.log" is the 16-byte common header (nonce = the log number)
// followed by records:
//   length   fixed32   bytes of type + payload
//   crc      fixed32   masked CRC-32C of type + payload
//   type     1 byte    1 = add document, 2 = delete by id
//   payload  ...       EncodeDocument, or the id
// Every record is handed to the operating system when appended (it survives the process
// being killed); Sync() makes the records durable against power loss. A log has no footer.
//
// Reading tolerates a torn tail (a crash while appending): an incomplete last record, or a
// complete last record whose checksum fails, ends the log silently. A bad record followed by
// more data is Corruption naming the file and offset. docs/FORMAT.md, "Write-ahead log".
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "rasd/base/env.h"
#include "rasd/base/result.h"
#include "rasd/index/document.h"

namespace rasd::index::internal {

enum class LogRecordType : uint8_t { kAdd = 1, kDelete = 2 };

// Largest record payload accepted when reading (a bound for corrupt length fields).
inline constexpr uint32_t kMaxLogRecord = 1u << 30;

// Serialises a document (the payload of an add record) / parses it back. DecodeDocument
// returns false on malformed bytes.
void EncodeDocument(const IndexDocument& doc, std::string* out);
bool DecodeDocument(std::string_view in, IndexDocument* doc);

class LogWriter {
 public:
  // Creates the log file, writes and syncs its header, and syncs the directory so the file
  // itself survives a crash.
  static Result<std::unique_ptr<LogWriter>> Create(base::Env* env, const std::string& dir,
                                                   uint64_t number);
  Status AddRecord(LogRecordType type, std::string_view payload, bool sync);
  Status Sync() { return file_->Sync(); }
  Status Close() { return file_->Close(); }
  uint64_t number() const { return number_; }
  uint64_t size() const { return file_->Size(); }

 private:
  LogWriter(std::unique_ptr<base::WritableFile> file, uint64_t number)
      : file_(std::move(file)), number_(number) {}
  std::unique_ptr<base::WritableFile> file_;
  uint64_t number_;
  std::string buffer_;
};

class LogReader {
 public:
  // Opens "<dir>/<name>" for reading; `number` is checked against the header.
  static Result<std::unique_ptr<LogReader>> Open(base::Env* env, const std::string& dir,
                                                 const std::string& name, uint64_t number);
  // Reads the next record. Returns false at the end of the log (including a torn tail) or
  // on corruption; then status() tells which.
  bool ReadRecord(LogRecordType* type, std::string* payload);
  const Status& status() const { return status_; }
  // True when the log ended with a torn record (informational).
  bool torn_tail() const { return torn_; }
  // Offset of the next record.
  uint64_t offset() const { return offset_; }

 private:
  LogReader(std::string name, std::unique_ptr<base::SequentialFile> file, uint64_t size)
      : name_(std::move(name)), file_(std::move(file)), size_(size) {}
  bool ReadExactly(size_t n, std::string* out);

  std::string name_;
  std::unique_ptr<base::SequentialFile> file_;
  uint64_t size_;
  uint64_t offset_ = 0;
  bool torn_ = false;
  bool header_checked_ = false;
  Status status_;
  std::string scratch_;
};

}  // namespace rasd::index::internal
