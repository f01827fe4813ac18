// Reading a command's input: see input.h.
#include "rasd/cli/input.h"

#include "rasd/base/env.h"

namespace rasd::cli {

Result<std::string> ReadInput(const std::string& path) {
  return base::ReadFileToString(base::Env::Default(), path == "-" ? "/dev/stdin" : path);
}

}  // namespace rasd::cli
