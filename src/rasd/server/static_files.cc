// Static files with path confinement: see static_files.h.
#include "rasd/server/static_files.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#ifndef RASD_WEB_DIR
#define RASD_WEB_DIR ""
#endif

namespace rasd::server {
namespace {

constexpr size_t kMaxStaticFileBytes = 16u << 20;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string RealPath(const std::string& path) {
  char buf[PATH_MAX];
  if (::realpath(path.c_str(), buf) == nullptr) return {};
  return buf;
}

bool IsFontName(std::string_view name) {
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  std::string_view ext = name.substr(dot);
  if (ext != ".ttf" && ext != ".otf" && ext != ".woff2") return false;
  for (char c : name.substr(0, dot)) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string DefaultWebDir() { return RASD_WEB_DIR; }
std::string DefaultFontDir() { return "/usr/share/fonts/truetype/noto"; }

StaticFiles::StaticFiles(std::string web_dir, std::string font_dir)
    : web_dir_(web_dir.empty() ? std::string() : RealPath(web_dir)),
      font_dir_(font_dir.empty() ? std::string() : RealPath(font_dir)) {}

std::string_view StaticFiles::ContentTypeFor(std::string_view name) {
  struct Type {
    std::string_view ext, type;
  };
  static constexpr Type kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},
      {".ttf", "font/ttf"},
      {".otf", "font/otf"},
      {".woff2", "font/woff2"},
  };
  for (const Type& t : kTypes) {
    if (EndsWith(name, t.ext)) return t.type;
  }
  return "application/octet-stream";
}

bool StaticFiles::IsSafePath(std::string_view path) {
  if (path.empty() || path[0] != '/') return false;
  if (path == "/") return true;
  size_t pos = 1;
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view seg = path.substr(pos, slash - pos);
    if (seg.empty() || seg[0] == '.' || seg == "node_modules" || seg == "tests" ||
        seg == "package.json" || seg == "package-lock.json") {
      return false;
    }
    for (char c : seg) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7F || c == '\\' || c == ':') return false;
    }
    pos = slash + 1;
  }
  return true;
}

Result<StaticFile> StaticFiles::ReadUnder(const std::string& root, std::string_view relative,
                                          bool immutable) const {
  if (root.empty()) return Status::NotFound("no such file");
  const std::string joined = root + "/" + std::string(relative);
  const std::string real = RealPath(joined);
  if (real.empty()) return Status::NotFound("no such file");
  // The real path must still be inside the root (symbolic links may not lead out).
  if (real.size() <= root.size() || real.compare(0, root.size(), root) != 0 ||
      real[root.size()] != '/') {
    return Status::InvalidArgument("path leaves the served folder");
  }
  // O_NONBLOCK: opening a FIFO (or a device) left in the folder must not wait for a writer;
  // it is no regular file, refused just below.
  const int fd = ::open(real.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return Status::NotFound("no such file");
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::NotFound("no such file");
  }
  if (static_cast<size_t>(st.st_size) > kMaxStaticFileBytes) {
    ::close(fd);
    return Status::ResourceExhausted("file too large to serve");
  }
  StaticFile file;
  file.content_type = std::string(ContentTypeFor(real));
  file.immutable = immutable;
  file.body.resize(static_cast<size_t>(st.st_size));
  size_t done = 0;
  while (done < file.body.size()) {
    const ssize_t n = ::read(fd, file.body.data() + done, file.body.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return Status::IOError("cannot read " + real + ": " + std::strerror(errno));
    }
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  return file;
}

Result<StaticFile> StaticFiles::Lookup(std::string_view path) const {
  if (!IsSafePath(path)) return Status::InvalidArgument("not a plain file path");
  if (path == "/") return ReadUnder(web_dir_, "index.html", false);
  constexpr std::string_view kFonts = "/fonts/";
  if (path.substr(0, kFonts.size()) == kFonts) {
    std::string_view name = path.substr(kFonts.size());
    if (!IsFontName(name)) return Status::NotFound("no such font");
    return ReadUnder(font_dir_, name, true);
  }
  return ReadUnder(web_dir_, path.substr(1), false);
}

}  // namespace rasd::server
