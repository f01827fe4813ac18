// Temporary link target while src/rasd/engine/extraction.cc (issue 5) is being written:
// extraction reports itself unavailable, so an engine opened with extraction fails clearly
// and one opened without it works. Removed when extraction.cc lands.
#include "rasd/engine/extraction.h"

namespace rasd::engine {

Extractor::Extractor() = default;
Extractor::~Extractor() = default;

Result<std::unique_ptr<Extractor>> Extractor::Open(const ExtractorOptions&) {
  return Status::NotSupported("entity and quote extraction is not built into this binary");
}

ArticleExtraction Extractor::Extract(const ArticleInput& article) const {
  ArticleExtraction out;
  out.id = std::string(article.id);
  return out;
}

void AppendExtractionJson(const ArticleExtraction&, std::string* out) { out->append("{}"); }

std::string EntityIdForName(std::string_view name) { return std::string(name); }

}  // namespace rasd::engine
