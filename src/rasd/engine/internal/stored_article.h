// The stored blob of an article in the index: the article's fields and what extraction found,
// in a compact binary form (decoding is a few length reads, no parsing, which matters because
// every search result decodes one).
//
// Layout (little-endian, varints as in base/coding.h):
//   byte     format version (1)
//   7 × (varint length, bytes)   title, body, source, date, url, category, author
//   varint length, bytes         extra fields as one JSON object text ("" when none)
//   varint length, bytes         extraction JSON (engine/extraction.h's shape; "" when none)
// The external id is not repeated: the index stores it.
#pragma once

#include <string>
#include <string_view>

#include "rasd/base/result.h"
#include "rasd/engine/article.h"

namespace rasd::engine::internal {

void EncodeStoredArticle(const Article& article, std::string_view extraction_json,
                         std::string* out);

// Decodes a blob; `id` is the external id the index returned with it. Corruption naming the
// id when the blob is malformed.
Status DecodeStoredArticle(std::string_view id, std::string_view blob, Article* article,
                           std::string* extraction_json);

}  // namespace rasd::engine::internal
