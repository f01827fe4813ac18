// Searcher: ranked search over one index snapshot.
//
//   auto searcher = std::make_shared<search::Searcher>(writer->Snapshot(), analyzer);
//   search::SearchRequest request;
//   request.query = "إيران -النووي source:\"سكاي نيوز\" date:2018-05-01..2018-05-31";
//   RASD_ASSIGN_OR_RETURN(search::SearchResponse response, searcher->Search(request));
//   for (const search::Hit& hit : response.hits) { ... hit.doc, hit.score ... }
//   auto parts = searcher->Snippet(response, stored_body);   // for display
//
// What a search does:
//   1. parses the query (query_parser.h; lenient unless request.strict);
//   2. plans it against the snapshot: each word becomes a BM25F leaf over the stem and exact
//      fields (bm25f.h); prefixes are expanded through the term dictionary (at most
//      kMaxPrefixExpansions terms, the most frequent); rare or unseen words, and every word~,
//      are expanded to spelling variants present in the index (variant_expander.h); filters
//      (source, entity, speaker, date, exclusions, phrases) are resolved per segment;
//   3. finds the top offset+limit documents:
//        - relevance order without facets: block-max MaxScore (Turtle & Flood 1995; Ding &
//          Suel 2011; internal/top_k.h), which skips documents that cannot enter the top k.
//          total is then a LOWER BOUND (the matches the pruned traversal saw) and
//          total_is_exact is false, unless the traversal happened to see them all;
//        - with facets, or sorted by date: every matching document is visited; total is exact;
//   4. relevance order has two stages: BM25F with the exact-form bonus (bm25f.h) ranks every
//      match, then a proximity bonus (adjacent query words found within one position of each
//      other, Bm25fParams::pair_weight) is added to the best max(offset + limit, 100) and those
//      are sorted again. Checking positions only for the documents that can reach the page
//      keeps proximity cheap;
//   5. ties are broken by the smaller global doc id (deterministic paging).
// The top k is exactly what scoring every document with the same two-stage function would give
// (same documents, same scores); top_k_test.cc checks this on random indexes and queries.
//
// Default operator. kOr (the default, like Lucene, Xapian and the evaluation peers): a document
// matches when it matches any word; more and rarer words rank higher. kAnd: every word (or OR
// group) is required. Phrases are always required; -exclusions always exclude.
//
// A query with nothing to score (empty, only stopwords, only filters) matches every document
// that passes the filters; relevance order then falls back to newest first.
//
// Errors: InvalidArgument for a strict-mode syntax error ("column N: ...") or a request out of
// range (limit > kMaxLimit, offset + limit > kMaxWindow); Corruption/IOError when the index
// fails while being read.
//
// Thread-safety: a Searcher is immutable after construction (its lazily built variant index
// is built once, thread-safely; the bitmaps of recurring source/entity/speaker filters are
// kept in a locked cache, at most 32 MiB) and Search/Snippet may be called concurrently from any number
// of threads. Per-query scratch (postings iterators, score buffers, analysis) is kept per
// thread and reused, so a query does not allocate per posting. The snapshot is shared: keep
// one Searcher per snapshot and make a new one when the index is refreshed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/base/result.h"
#include "rasd/index/index_reader.h"
#include "rasd/search/bm25f.h"
#include "rasd/search/query.h"
#include "rasd/search/snippet.h"
#include "rasd/text/analyzer.h"

namespace rasd::search {

class VariantIndex;

inline constexpr size_t kMaxLimit = 1000;
inline constexpr size_t kMaxWindow = 100000;  // offset + limit
inline constexpr size_t kMaxPrefixExpansions = 64;

enum class SortOrder : uint8_t { kRelevance, kNewest, kOldest };
enum class Operator : uint8_t { kOr, kAnd };

struct SearchRequest {
  std::string query;  // the query language (query_parser.h)
  bool strict = false;
  Operator default_operator = Operator::kOr;
  size_t offset = 0;
  size_t limit = 10;
  SortOrder sort = SortOrder::kRelevance;
  // Filters, combined with the query's own (source: and date: clauses):
  std::vector<std::string> sources;   // keep documents from any of these outlets
  std::optional<int64_t> from;        // keep dates >= from (epoch seconds)
  std::optional<int64_t> to;          // keep dates <= to
  std::vector<std::string> entities;  // keep documents with ALL of these "entity" keywords
  std::vector<std::string> speakers;  // keep documents with ANY of these "speaker" keywords
  // Facets: exact counts over every matching document.
  bool facets = false;
  size_t facet_limit = 10;  // values kept per keyword facet ("source" and those below)
  std::vector<std::string> keyword_facets = {"entity"};  // keyword fields to count
  // Spelling-variant expansion of rare words (word~ always expands).
  bool expand_variants = true;
};

struct Hit {
  uint32_t doc = 0;  // global doc id in the snapshot (IndexReader::GetStored)
  double score = 0;
};

struct FacetCount {
  std::string value;  // the keyword value, or the day as YYYY-MM-DD (UTC)
  uint64_t count = 0;
};

// A spelling variant a query word was expanded to.
struct Expansion {
  std::string original;  // the query word as typed
  std::string variant;   // the index term (a stem) it was expanded to
  uint64_t doc_freq = 0;
  double weight = 0;     // its stream weight factor (< 1)
};

struct SearchResponse {
  std::vector<Hit> hits;  // at most limit, from offset
  uint64_t total = 0;     // matching documents (a lower bound unless total_is_exact)
  bool total_is_exact = false;
  // With request.facets: "source" (top facet_limit by count), "day" (every day, ascending),
  // and one entry per request.keyword_facets field (top facet_limit). Ties by value.
  std::map<std::string, std::vector<FacetCount>> facets;
  std::vector<Expansion> expansions;
  std::vector<QueryWarning> warnings;  // what the lenient parser repaired
  // What to highlight in snippets of these hits.
  std::shared_ptr<const HighlightTerms> highlight;
};

struct SearcherOptions {
  Bm25fParams params = DefaultBm25fParams();
};

class Searcher {
 public:
  // `snapshot` must not be null. The analyzer is copied (it is small and immutable).
  Searcher(std::shared_ptr<const index::IndexReader> snapshot, const text::Analyzer& analyzer,
           const SearcherOptions& options = {});
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  Result<SearchResponse> Search(const SearchRequest& request) const;

  // The best passage of `text` (a stored title or body) for the response's query.
  std::vector<SnippetPart> Snippet(const SearchResponse& response, std::string_view text,
                                   size_t max_bytes = 280) const;
  // All of `text` with the response's matches highlighted (for titles).
  std::vector<SnippetPart> Highlight(const SearchResponse& response, std::string_view text) const;

  const std::shared_ptr<const index::IndexReader>& snapshot() const { return snapshot_; }
  const text::Analyzer& analyzer() const { return analyzer_; }
  const SearcherOptions& options() const { return options_; }

  // The snapshot's spelling-variant index, built on first use (thread-safe) and cached.
  const VariantIndex& variants() const;

 private:
  struct Lazy;
  std::shared_ptr<const index::IndexReader> snapshot_;
  text::Analyzer analyzer_;
  SearcherOptions options_;
  std::unique_ptr<Lazy> lazy_;
};

}  // namespace rasd::search
