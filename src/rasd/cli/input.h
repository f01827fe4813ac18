// ReadInput: the whole of a command's text input, from a file or from standard input.
//
// The commands read whole files: a document (`rasd analyze`, `rasd extract`), a batch of queries
// (`rasd search --batch`), queries, qrels and runs (`rasd eval`). Each names a path, or "-" for
// standard input. A read that fails part-way is an error, never a shorter input.
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
