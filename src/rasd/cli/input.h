// ReadInput: the whole of a command's text input, from a file or from standard input.
//
// `rasd analyze` and `rasd extract` take one document as their input: a path, or "-" for
// standard input. A read that fails part-way is an error, never a shorter document.
//
// Thread-safety: as base::ReadFileToString; reads standard input when asked to.
#pragma once

#include <string>

#include "rasd/base/result.h"

namespace rasd::cli {

// All of `path` ("-": standard input, read as /dev/stdin), through the default Env
// (base/env.h): NotFound "open PATH: REASON" when the file does not exist, IOError
// "read PATH: REASON" when a read fails.
Result<std::string> ReadInput(const std::string& path);

}  // namespace rasd::cli
