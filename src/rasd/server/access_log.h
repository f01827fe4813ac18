// AccessLog: one JSON object per HTTP request, one line each, for machines to read.
//
//   {"time":"2026-03-02T09:40:00.123Z","remote":"127.0.0.1","method":"GET",
//    "path":"/api/search","query":"q=…","status":200,"bytes":5123,"duration_ms":3.21}
//
// `bytes` is the response body's size; `duration_ms` runs from the moment the request's
// headers were read to the moment its response was written. The Authorization header is
// never logged. Lines are written with one write(2) each, so lines from concurrent requests
// never interleave.
//
// Thread-safety: Write may be called from any thread.
#pragma once

#include <cstdint>
#include <string>

namespace rasd::server {

struct AccessLogEntry {
  int64_t time_ms = 0;       // wall clock, milliseconds since the epoch
  std::string remote;
  std::string method;
  std::string path;
  std::string query;         // the raw query string, without '?'
  int status = 0;
  uint64_t bytes = 0;
  double duration_ms = 0;
};

// The entry as one JSON line, with the trailing newline.
std::string FormatAccessLogLine(const AccessLogEntry& entry);

// "2026-03-02T09:40:00.123Z" for milliseconds since the epoch (UTC).
std::string FormatUtcMillis(int64_t time_ms);

class AccessLog {
 public:
  // Writes to file descriptor `fd` (not owned); a negative fd disables logging.
  explicit AccessLog(int fd) : fd_(fd) {}
  void Write(const AccessLogEntry& entry) const;
  // Writes an already formatted line (server events such as start and shutdown).
  void WriteLine(const std::string& line) const;
  bool enabled() const { return fd_ >= 0; }

 private:
  int fd_;
};

}  // namespace rasd::server
