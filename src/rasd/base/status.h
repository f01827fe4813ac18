// Status: the outcome of an operation that can fail, as a value.
//
// rasd library code never throws; every fallible call returns a Status (or a Result<T>, see
// result.h). A Status is either OK or carries a code and a message that says what was wrong
// and where (file and byte offset, line and column, ...). Modelled on LevelDB's and Abseil's
// Status; the codes are the ones the project needs, no more.
//
// Thread-safety: a Status is a plain value; distinct objects may be used concurrently.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace rasd {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,    // the caller's input is wrong (bad query, bad UTF-8, bad flag)
  kNotFound,           // a file, document or key does not exist
  kCorruption,         // stored bytes fail a magic, version, checksum or bounds check
  kIOError,            // the operating system refused a read, write, sync or rename
  kNotSupported,       // a valid request this build cannot serve (e.g. a newer file format)
  kResourceExhausted,  // a size, memory or time limit was reached
  kInternal,           // a broken invariant that was caught rather than aborted on
};

// Returns a stable English name for `code`, e.g. "Corruption".
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  // The OK status. Cheap: no allocation.
  Status() = default;

  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string message) {
    return Status(StatusCode::kInvalidArgument, std::move(message));
  }
  static Status NotFound(std::string message) {
    return Status(StatusCode::kNotFound, std::move(message));
  }
  static Status Corruption(std::string message) {
    return Status(StatusCode::kCorruption, std::move(message));
  }
  static Status IOError(std::string message) {
    return Status(StatusCode::kIOError, std::move(message));
  }
  static Status NotSupported(std::string message) {
    return Status(StatusCode::kNotSupported, std::move(message));
  }
  static Status ResourceExhausted(std::string message) {
    return Status(StatusCode::kResourceExhausted, std::move(message));
  }
  static Status Internal(std::string message) {
    return Status(StatusCode::kInternal, std::move(message));
  }

  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  bool IsInvalidArgument() const { return code_ == StatusCode::kInvalidArgument; }
  bool IsNotFound() const { return code_ == StatusCode::kNotFound; }
  bool IsCorruption() const { return code_ == StatusCode::kCorruption; }
  bool IsIOError() const { return code_ == StatusCode::kIOError; }

  // "OK", or "<CodeName>: <message>".
  std::string ToString() const;

  // Returns a copy whose message is "<context>: <message>"; OK stays OK. Used to add the
  // "where" (a file name, a record number) as an error travels up.
  Status WithContext(std::string_view context) const;

  // Explicitly discards a status the caller has decided not to act on (for example a
  // best-effort cleanup after an earlier error). Greppable, unlike a cast to void.
  void IgnoreError() const {}

  friend bool operator==(const Status& a, const Status& b) {
    return a.code_ == b.code_ && a.message_ == b.message_;
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

}  // namespace rasd
