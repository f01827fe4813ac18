// ParseIngestBody: the articles in a POST /api/articles body, and what was wrong with the rest.
//
// Two formats, chosen by the Content-Type header:
//   - application/json: one article object, or an array of article objects;
//   - application/x-ndjson (also application/jsonl, application/json-lines): JSON Lines, one
//     article per line; blank lines are skipped; a trailing '\r' is ignored.
// A bad record never spoils the rest: each is reported with its 1-based line (JSON Lines and
// a single object) or item (array) number, its id when one could be read, and the reason
// (the parser's byte offset is kept in the message). The body is untrusted bytes from the
// network: the parser is the project's strict JSON parser (base/json.h), with its depth limit.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rasd/engine/article.h"

namespace rasd::server {

enum class BodyFormat { kJson, kJsonLines };

// The format for a Content-Type value (parameters such as charset ignored, case ignored), or
// std::nullopt for any other media type.
std::optional<BodyFormat> BodyFormatFor(std::string_view content_type);

struct IngestError {
  size_t number = 0;       // 1-based line or item
  bool is_item = false;    // numbering items of a JSON array rather than lines
  std::string id;          // the record's id when it could be read
  std::string message;
};

struct ParsedIngest {
  std::vector<std::pair<size_t, engine::Article>> articles;  // (line or item, article)
  std::vector<IngestError> errors;
  // Articles kept with a warning (a date that cannot be read: indexed without one).
  std::vector<IngestError> warnings;
  size_t records = 0;      // records seen (articles + errors)
};

ParsedIngest ParseIngestBody(std::string_view body, BodyFormat format);

}  // namespace rasd::server
