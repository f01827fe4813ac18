// Searcher (searcher.h): parse, plan, execute, page.
#include "rasd/search/searcher.h"

#include <mutex>

#include "rasd/base/macros.h"
#include "rasd/search/internal/executor.h"
#include "rasd/search/internal/filter_cache.h"
#include "rasd/search/internal/planner.h"
#include "rasd/search/query_parser.h"
#include "rasd/search/variant_expander.h"

namespace rasd::search {

// A filter's bitmap is max_doc / 8 bytes (125 KB for a million articles): this keeps a few
// hundred outlets, entities and speakers at that size.
constexpr size_t kFilterCacheBytes = size_t{32} << 20;

struct Searcher::Lazy {
  std::once_flag once;
  Status status;
  std::unique_ptr<VariantIndex> variants;
  NormTable norms[internal::kNumTextFields];  // per snapshot and parameters
  internal::FilterCache filters{kFilterCacheBytes};
};

Searcher::Searcher(std::shared_ptr<const index::IndexReader> snapshot,
                   const text::Analyzer& analyzer, const SearcherOptions& options)
    : snapshot_(std::move(snapshot)),
      analyzer_(analyzer),
      options_(options),
      lazy_(std::make_unique<Lazy>()) {
  RASD_CHECK_MSG(snapshot_ != nullptr, "Searcher needs a snapshot");
  internal::BuildNormTables(*snapshot_, options_.params, lazy_->norms);
}

Searcher::~Searcher() = default;

namespace {

Result<const VariantIndex*> LoadVariants(const index::IndexReader& reader, std::once_flag* once,
                                         Status* status, std::unique_ptr<VariantIndex>* index) {
  std::call_once(*once, [&] {
    Result<std::unique_ptr<VariantIndex>> built = VariantIndex::Build(reader);
    if (built.ok()) {
      *index = std::move(built).value();
    } else {
      *status = built.status();
    }
  });
  if (!status->ok()) return *status;
  return static_cast<const VariantIndex*>(index->get());
}

}  // namespace

const VariantIndex& Searcher::variants() const {
  Result<const VariantIndex*> v =
      LoadVariants(*snapshot_, &lazy_->once, &lazy_->status, &lazy_->variants);
  if (v.ok()) return **v;
  static const std::unique_ptr<VariantIndex> empty = VariantIndex::FromTerms({});
  return *empty;
}

Result<SearchResponse> Searcher::Search(const SearchRequest& request) const {
  if (request.limit > kMaxLimit) {
    return Status::InvalidArgument("limit " + std::to_string(request.limit) + " is above " +
                                   std::to_string(kMaxLimit));
  }
  if (request.offset > kMaxWindow || request.offset + request.limit > kMaxWindow) {
    return Status::InvalidArgument("offset + limit is above " + std::to_string(kMaxWindow));
  }
  ParseOptions parse_options;
  parse_options.strict = request.strict;
  RASD_ASSIGN_OR_RETURN(Query query, ParseQuery(request.query, analyzer_, parse_options));

  internal::PlanInput in;
  in.query = &query;
  in.request = &request;
  in.reader = snapshot_.get();
  in.params = &options_.params;
  in.analyzer = &analyzer_;
  in.norms = lazy_->norms;
  in.variants = [this]() {
    return LoadVariants(*snapshot_, &lazy_->once, &lazy_->status, &lazy_->variants);
  };
  internal::TermLookups lookups;
  in.lookups = &lookups;
  internal::PlanOutput planned;
  RASD_RETURN_IF_ERROR(internal::BuildPlan(in, &planned));

  internal::ExecuteOptions options;
  options.k = request.offset + request.limit;
  options.sort = request.sort;
  options.facets = request.facets;
  options.facet_limit = request.facet_limit;
  options.keyword_facets = request.keyword_facets;
  options.filter_cache = &lazy_->filters;
  options.lookups = &lookups;
  static thread_local internal::ExecuteScratch scratch;
  internal::ExecuteResult result;
  RASD_RETURN_IF_ERROR(internal::Execute(planned.plan, *snapshot_, options, &scratch, &result));

  SearchResponse response;
  if (result.hits.size() > request.offset) {
    response.hits.assign(result.hits.begin() + static_cast<std::ptrdiff_t>(request.offset),
                         result.hits.end());
  }
  response.total = result.total;
  response.total_is_exact = result.total_is_exact;
  response.facets = std::move(result.facets);
  response.expansions = std::move(planned.expansions);
  response.warnings = std::move(query.warnings);
  response.highlight = std::move(planned.highlight);
  return response;
}

std::vector<SnippetPart> Searcher::Snippet(const SearchResponse& response, std::string_view text,
                                           size_t max_bytes) const {
  static thread_local text::AnalyzedText scratch;
  static const HighlightTerms kNone;
  SnippetOptions options;
  options.max_bytes = max_bytes;
  return MakeSnippet(text, response.highlight ? *response.highlight : kNone, analyzer_, options,
                     &scratch);
}

std::vector<SnippetPart> Searcher::Highlight(const SearchResponse& response,
                                             std::string_view text) const {
  static thread_local text::AnalyzedText scratch;
  static const HighlightTerms kNone;
  return HighlightText(text, response.highlight ? *response.highlight : kNone, analyzer_,
                       &scratch);
}

}  // namespace rasd::search
