// Structured access log: see access_log.h.
#include "rasd/server/access_log.h"

#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <string_view>

#include "rasd/base/json.h"

namespace rasd::server {

std::string FormatUtcMillis(int64_t time_ms) {
  const time_t secs = static_cast<time_t>(time_ms / 1000);
  struct tm tm;
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(time_ms % 1000));
  return buf;
}

namespace {

// Long request targets are cut in the log (on a UTF-8 character boundary) so that one request
// cannot write kilobytes of log.
std::string_view Cut(std::string_view s) {
  constexpr size_t kMax = 512;
  if (s.size() <= kMax) return s;
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

}  // namespace

std::string FormatAccessLogLine(const AccessLogEntry& e) {
  std::string out;
  base::JsonWriter w(&out);
  w.BeginObject();
  w.Key("time").String(FormatUtcMillis(e.time_ms));
  w.Key("remote").String(e.remote);
  w.Key("method").String(e.method);
  w.Key("path").String(Cut(e.path));
  if (!e.query.empty()) w.Key("query").String(Cut(e.query));
  w.Key("status").Int(e.status);
  w.Key("bytes").Uint(e.bytes);
  w.Key("duration_ms").Double(std::round(e.duration_ms * 1000) / 1000);
  w.EndObject();
  out += '\n';
  return out;
}

void AccessLog::Write(const AccessLogEntry& entry) const {
  if (fd_ < 0) return;
  WriteLine(FormatAccessLogLine(entry));
}

void AccessLog::WriteLine(const std::string& line) const {
  if (fd_ < 0) return;
  size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // a log that cannot be written must not stop the server
    done += static_cast<size_t>(n);
  }
}

}  // namespace rasd::server
