// Searcher (searcher.h). Skeleton implementation: filled in next.
#include "rasd/search/searcher.h"

#include "rasd/search/variant_expander.h"

namespace rasd::search {

struct Searcher::Lazy {
  std::unique_ptr<VariantIndex> variants;
};

Searcher::Searcher(std::shared_ptr<const index::IndexReader> snapshot,
                   const text::Analyzer& analyzer, const SearcherOptions& options)
    : snapshot_(std::move(snapshot)), analyzer_(analyzer), options_(options),
      lazy_(std::make_unique<Lazy>()) {}
Searcher::~Searcher() = default;

Result<SearchResponse> Searcher::Search(const SearchRequest&) const {
  return Status::NotSupported("search: not implemented yet");
}
std::vector<SnippetPart> Searcher::Snippet(const SearchResponse&, std::string_view text,
                                           size_t) const {
  return {SnippetPart{std::string(text), false}};
}
std::vector<SnippetPart> Searcher::Highlight(const SearchResponse&, std::string_view text) const {
  return {SnippetPart{std::string(text), false}};
}
const VariantIndex& Searcher::variants() const {
  if (!lazy_->variants) lazy_->variants = VariantIndex::FromTerms({});
  return *lazy_->variants;
}

}  // namespace rasd::search
