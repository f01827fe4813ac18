// Reading a command's input: see input.h.
#include "rasd/cli/input.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace rasd::cli {

Result<std::string> ReadInput(const std::string& path) {
  const bool standard = path == "-";
  std::FILE* f = standard ? stdin : std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return Status::NotFound("cannot open " + path + ": " + std::strerror(errno));
  }
  std::string data;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) data.append(buf, n);
  const bool failed = std::ferror(f) != 0;
  const int error = errno;
  if (!standard) std::fclose(f);
  if (failed) {
    return Status::IOError((standard ? std::string("standard input") : path) +
                           ": read error: " + std::strerror(error));
  }
  return data;
}

}  // namespace rasd::cli
