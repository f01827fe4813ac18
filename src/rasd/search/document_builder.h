// BuildIndexDocument: turns an article into the index::IndexDocument the schema (schema.h)
// describes.
//
// Title and body are analysed once each; a content token goes to the stem field at its
// analyzer position and to the .exact field (documents and frequencies only), a stopword to
// the .stop field at its position. The document's buffers and the
// analysis scratch are reused, so building many documents allocates only while buffers grow
// (no per-token heap allocation: IndexDocument interns term bytes into one arena).
//
// The caller may add more afterwards: keyword values for kEntityField / kSpeakerField,
// other keywords or numerics, and the stored blob (set_stored / mutable_stored).
//
// Thread-safety: a plain function; `scratch` and `out` are the caller's (one per thread).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "rasd/base/status.h"
#include "rasd/index/document.h"
#include "rasd/text/analyzer.h"

namespace rasd::search {

// What the builder needs of an article. Views; nothing is retained after the call.
struct ArticleFields {
  std::string_view id;               // external id (non-empty)
  std::string_view title;
  std::string_view body;
  std::string_view source;           // empty: no source keyword
  std::optional<int64_t> date;       // epoch seconds; nullopt: no date value
};

struct BuildOptions {
  // false: the title is not indexed at all (it can still be stored by the caller). Used by the
  // known-item evaluation, where the title is the query.
  bool index_title = true;
};

// Clears *out and fills it: id, the text fields of the schema, the source keyword and the
// date numeric. Errors: InvalidArgument when the analyzer rejects the text (invalid UTF-8 with
// a strict analyzer: use AnalyzerOptions::replace_invalid_utf8 for untrusted input) or when the
// id is empty; *out is then unspecified (Clear it before reuse).
Status BuildIndexDocument(const ArticleFields& article, const text::Analyzer& analyzer,
                          text::AnalyzedText* scratch, index::IndexDocument* out,
                          const BuildOptions& options = {});

}  // namespace rasd::search
