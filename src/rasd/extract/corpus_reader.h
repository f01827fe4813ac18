// Streams the lines of a JSON Lines file, plain or zstd-compressed (*.zst), for the
// training-time and evaluation steps that read the news corpora (word clusters, benchmarks,
// the SaudiNewsNet wire-copy evaluation) and for `rasd extract` on *.jsonl.zst input.
//
// Memory stays bounded by the longest line; decompression uses libzstd's streaming API.
// Lines are passed without their "\n" (and without a trailing "\r").
//
// Errors: NotFound/IOError for the file, Corruption for a broken zstd frame (naming the
// file and the compressed byte offset). A callback returning a non-OK Status stops the read
// and that Status is returned.
//
// Thread-safety: a function; concurrent calls on different files are fine.
#pragma once

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/base/status.h"

namespace rasd::extract {

// Calls fn(line, line_number) for each line of `path` ("-" reads standard input);
// zstd-decompresses when the name ends in ".zst".
Status ForEachLine(const std::string& path,
                   const std::function<Status(std::string_view line, size_t line_number)>& fn);

// The same over an open stream; `zstd` selects decompression; `name` is for messages.
Status ForEachLineInStream(std::FILE* f, bool zstd, const std::string& name,
                           const std::function<Status(std::string_view, size_t)>& fn);

// Calls fn(text) for the "title" and then the "body" string of every line of `paths` that is
// a JSON object (other lines are skipped: this reads unlabelled training text, where a bad
// record costs one article, not an ingest). fn returns false to stop reading early.
Status ForEachArticleText(const std::vector<std::string>& paths,
                          const std::function<bool(std::string_view text)>& fn);

}  // namespace rasd::extract
