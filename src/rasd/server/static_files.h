// StaticFiles: serves the web page's files from one folder, and the Arabic fonts from a fixed
// route, with no way out of either.
//
// A request path is accepted only when every segment is a plain name: no "..", no ".", no
// empty segment, no backslash, no NUL or control byte, no leading dot (hidden files such as
// .gitignore), and no segment of node_modules or tests, nor package.json or package-lock.json
// (the browser tests' own files and npm's manifests of them are not part of the page). The
// path arrives percent-decoded, so "/%2e%2e/" is caught as "..". After that check the file is
// opened by its real path, which must still lie inside the root (a symbolic link pointing out
// is refused). "/" serves index.html.
//
// Fonts: "/fonts/NAME" serves NAME from the font folder (by default Debian's Noto fonts,
// /usr/share/fonts/truetype/noto, from the fonts-noto-ui-core package), so the page ships a
// real Arabic font without copying or downloading one. NAME must match [A-Za-z0-9_-]+ with a
// .ttf, .otf or .woff2 extension.
//
// Thread-safety: immutable after construction; Lookup may be called from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "rasd/base/result.h"

namespace rasd::server {

struct StaticFile {
  std::string content_type;
  std::string body;
  bool immutable = false;  // fonts: cacheable for a long time
};

class StaticFiles {
 public:
  // `web_dir` may be empty (no page: every lookup is NotFound); `font_dir` likewise.
  StaticFiles(std::string web_dir, std::string font_dir);

  // The file for a decoded request path. InvalidArgument for a path that tries to leave the
  // root or names a hidden or private file (the server answers 400 or 404), NotFound when
  // there is no such file, IOError when it cannot be read.
  Result<StaticFile> Lookup(std::string_view path) const;

  const std::string& web_dir() const { return web_dir_; }
  const std::string& font_dir() const { return font_dir_; }

  // The media type for a file name, by extension ("application/octet-stream" when unknown).
  static std::string_view ContentTypeFor(std::string_view name);
  // Whether `path` (decoded, starting with '/') is made only of plain segments (see above).
  static bool IsSafePath(std::string_view path);

 private:
  Result<StaticFile> ReadUnder(const std::string& root, std::string_view relative,
                               bool immutable) const;

  std::string web_dir_;
  std::string font_dir_;
};

// The web/ folder of the source tree this binary was built from (a compile definition).
std::string DefaultWebDir();
// The folder of Debian's Noto Arabic UI fonts.
std::string DefaultFontDir();

}  // namespace rasd::server
