// ReadInput: the whole of a command's text input, from a file or from standard input.
//
// `rasd analyze` and `rasd extract` take one document as their input: a path, or "-" for
// standard input. A read that fails part-way is an error, never a shorter document.
//
// Thread-safety: reads standard input when asked to; otherwise a pure function of the file.
#pragma once

#include <string>

#include "rasd/base/result.h"

namespace rasd::cli {

// All of `path` ("-": standard input). NotFound "cannot open PATH: REASON" when the file
// cannot be opened; IOError naming the path (or "standard input") when a read fails.
Result<std::string> ReadInput(const std::string& path);

}  // namespace rasd::cli
