// Engine: the façade every front end (command line, HTTP server, embedding programs) uses.
//
// An Engine owns one index directory: it ingests articles (analysing them, extracting
// entities, quotes and stories, and indexing both stems and exact forms), commits them
// durably, and answers searches, look-ups and the monitoring views (entities, quotes,
// stories). Everything below it (text analysis, index files, ranking, extraction) is reached
// only through this class, so front ends stay thin and the layers below can change freely.
//
// Durability: Add() and Delete() are written to the index's write-ahead log before they
// return; they become visible to Search() after Commit() (or Refresh()), and survive a crash
// once Commit() returned OK (or, with OpenOptions::sync_log, once Add() returned OK).
//
// Thread-safety: Search, Get, Stats and the view methods may be called from any number of
// threads, also while one thread ingests (they see the last committed snapshot). Add, Delete,
// Commit and Optimize must come from one writer thread at a time (they serialise internally).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/base/env.h"
#include "rasd/base/result.h"
#include "rasd/engine/article.h"

namespace rasd::engine {

// Entities, quotes and dates are extracted from the first this many bytes of a body (the
// whole text is indexed and stored); extraction's memory grows with the text it reads.
inline constexpr size_t kMaxExtractedBodyBytes = size_t{2} << 20;

// The deepest a search pages: offset + limit at most this (the searcher's window; engine.cc
// checks the two agree).
inline constexpr size_t kMaxResultWindow = 100000;

struct OpenOptions {
  base::Env* env = nullptr;  // nullptr: base::Env::Default()
  bool read_only = false;    // no lock, no writes: for `rasd search` next to a writer
  bool create_if_missing = true;
  bool extract = true;      // run entity/quote/story extraction at ingest
  bool index_title = true;  // false: titles are stored but not searchable (known-item eval)
  bool store_text = true;   // false: keep only ids (peer benchmarks, like the peers do)
  bool sync_log = false;    // fsync the log on every Add (the server's ingest uses true)
  // false: no write-ahead log. For bulk loads that acknowledge nothing before Commit (`rasd
  // index`): a crash loses the uncommitted run, never a committed article, and indexing skips
  // writing every document twice.
  bool write_log = true;
  // true: Add analyses the article on the caller's thread and hands the document to an
  // indexing thread, so a bulk load uses two cores (engine/internal/index_pipeline.h). An
  // indexing error then surfaces at the next Add or at Commit. For `rasd index`.
  bool pipeline_ingest = false;
  // Threads AddBatch prepares articles on (analysis and extraction, which dominates ingest
  // when it is on); 0 = one per core the machine reports.
  size_t ingest_threads = 0;
  uint64_t memory_budget_bytes = 256ull << 20;  // in-memory buffer before a segment is flushed
  // Flushed segments of similar size allowed before they are merged, and how many merge at
  // once (index::MergePolicyOptions::segments_per_tier). A bulk load that ends with Optimize
  // (`rasd index --optimize`) uses 64: the one merge at the end rewrites every posting
  // anyway, so merges along the way (which block indexing while they run) are mostly wasted.
  int merge_segments_per_tier = 10;
  // Ranking parameter overrides by name (search/bm25f.h): "k1", "title.weight", "title.b",
  // "body.weight", "body.b", "exact_weight", "variant_weight", "prefix_weight", "pair_weight".
  // For evaluation and tuning (`rasd eval --param`); unknown names make Open fail.
  std::map<std::string, double> ranking;
};

enum class SortOrder { kRelevance, kNewest, kOldest };

struct SearchOptions {
  std::string query;  // the query language: see search/query_parser.h
  size_t offset = 0;
  size_t limit = 10;  // at most 1000
  SortOrder sort = SortOrder::kRelevance;
  std::vector<std::string> sources;   // keep only these outlets (any of them)
  std::optional<int64_t> from;        // keep dates >= from (epoch seconds)
  std::optional<int64_t> to;          // keep dates <= to (epoch seconds)
  std::vector<std::string> entities;  // keep articles mentioning all of these (names or ids)
  std::vector<std::string> speakers;  // keep articles quoting any of these (names or ids)
  bool strict = false;                // syntax errors are InvalidArgument (with the column)
  bool facets = true;
  // With facets: false leaves out the counts of people, organisations and places, whose
  // names come from the catalog, which the first search that needs it loads (about a
  // quarter of a second at 60,000 articles). The total stays exact.
  bool entity_facets = true;
  size_t snippet_bytes = 280;
  // false: hits carry only id and score (no stored-text decoding, no snippet); for batch
  // evaluation and benchmarks.
  bool fetch_text = true;
  // true: fill Hit::story_id and Hit::story_articles, so front ends can group the copies of
  // one story. The first such search builds the catalog (one pass over the stored articles).
  bool stories = false;
};

// A piece of a snippet; highlighted pieces are the query's matches, at their original bytes.
struct SnippetPart {
  std::string text;
  bool highlighted = false;
};

struct Hit {
  std::string id;
  double score = 0;
  std::string title;
  std::string source;
  std::string date;
  std::string url;
  std::vector<SnippetPart> snippet;
  // With SearchOptions::stories: the story the article belongs to (the id of its earliest
  // article) and the story's number of articles; empty and 0 when it stands alone.
  std::string story_id;
  size_t story_articles = 0;
  std::string SnippetText() const;  // the parts joined
};

struct FacetValue {
  std::string value;  // an outlet, a day (YYYY-MM-DD), an entity's canonical name
  std::string id;     // the entity id for entity facets, else empty
  uint64_t count = 0;
};

struct SearchResult {
  std::vector<Hit> hits;
  uint64_t total = 0;           // matching articles (a lower bound unless total_is_exact)
  bool total_is_exact = false;  // always true when facets were requested
  // "source", "day", and (with extraction) "person", "organization", "place".
  std::map<std::string, std::vector<FacetValue>> facets;
  // Spelling variants the query was expanded to ("توكاييف" -> "توكايف"), for display.
  std::vector<std::pair<std::string, std::string>> expansions;
};

struct IndexStats {
  uint64_t articles = 0;
  uint64_t deleted = 0;
  uint64_t segments = 0;
  uint64_t terms = 0;
  uint64_t bytes_on_disk = 0;
  uint64_t stories = 0;
  uint64_t entities = 0;
  std::optional<int64_t> first_date;
  std::optional<int64_t> last_date;
};

// ---- Monitoring views (filled by extraction at ingest; empty when OpenOptions::extract is off).

struct EntityMention {
  std::string text;  // as written in the article
  std::string entity_id;
  std::string canonical;
  std::string type;    // "person", "organization", "place", "misc"
  std::string field;   // "title" or "body"
  uint32_t start = 0;  // byte range in that field
  uint32_t end = 0;
};

struct Quote {
  std::string article_id;
  std::string speaker;     // the mention at the quote ("الوزير", "سماحته", a name)
  std::string speaker_id;  // entity id, empty when unresolved
  std::string canonical_speaker;
  std::string verb;  // "قال", "أكد", … or empty for a bare quote
  std::string text;
  bool direct = false;  // quoted words (true) or reported speech (false)
  uint32_t start = 0;   // byte range of the quote text in the body
  uint32_t end = 0;
  // Filled by the views for display:
  std::string title;
  std::string source;
  std::string date;
};

// An article with what extraction found in it (the article view).
struct ArticleView {
  Article article;
  std::vector<EntityMention> entities;
  std::vector<Quote> quotes;
  std::string story_id;  // empty when the article stands alone
};

struct EntitySummary {
  std::string id;
  std::string name;  // canonical name
  std::string type;
  uint64_t articles = 0;              // articles mentioning it
  std::vector<std::string> variants;  // spellings seen, most frequent first
};

struct EntityDetail {
  EntitySummary summary;
  std::vector<std::pair<std::string, uint64_t>> timeline;  // (YYYY-MM-DD, articles) by day
  std::vector<Quote> quotes;                               // what the entity said, newest first
};

struct StoryMember {
  std::string id;
  std::string title;
  std::string source;
  std::string date;
  bool first_report = false;    // the earliest article of the story
  bool near_duplicate = false;  // a copy (same wire text) of an earlier member
};

struct Story {
  std::string id;
  std::string title;                 // the first report's title
  std::vector<StoryMember> members;  // oldest first
  std::vector<std::string> sources;  // distinct outlets
};

class Engine {
 public:
  // Opens (or creates) the index in `dir`. Errors: NotFound (no index and !create_if_missing),
  // ResourceExhausted (another writer holds the lock), Corruption naming the file and offset.
  static Result<std::unique_ptr<Engine>> Open(const std::string& dir, const OpenOptions& options);
  ~Engine();

  // Adds or replaces (same id) an article. InvalidArgument for a bad article (see article.h).
  Status Add(Article article);
  // Adds or replaces the articles in order, as Add would one by one, with one status each;
  // with extraction on, they are analysed and extracted on OpenOptions::ingest_threads
  // threads first. After an indexing error the remaining articles get that error.
  std::vector<Status> AddBatch(std::vector<Article> articles);
  // Removes articles by id; ids that do not exist are ignored. Returns how many were removed.
  Result<size_t> Delete(const std::vector<std::string>& ids);
  // Makes every Add/Delete so far durable and visible.
  Status Commit();
  // Merges the index into as few segments as possible, dropping deleted articles.
  Status Optimize();
  // Builds the entity and story catalog if needed and saves it beside the index
  // ("catalog.rasd", a cache the next Open starts from instead of re-clustering every
  // article). Commit saves it too once 1000 articles were added since the last save; call
  // this after a bulk load or before shutting down. Writers only.
  Status SaveCatalog();

  Result<SearchResult> Search(const SearchOptions& options) const;
  // The stored article, or NotFound.
  Result<Article> Get(std::string_view id) const;
  Result<IndexStats> Stats() const;

  // The article with its entities, quotes and story; NotFound for an unknown id.
  Result<ArticleView> GetView(std::string_view id) const;
  // Most-mentioned entities, optionally of one type ("person", …) and matching a name prefix.
  Result<std::vector<EntitySummary>> TopEntities(std::string_view type, std::string_view prefix,
                                                 size_t limit) const;
  // One entity by id or by any of its names; NotFound when unknown.
  Result<EntityDetail> GetEntity(std::string_view id_or_name) const;
  // Quotes, newest first: by a speaker (id or name) and/or containing the query's words.
  Result<std::vector<Quote>> Quotes(std::string_view speaker, std::string_view query,
                                    size_t limit) const;
  // Story clusters with at least `min_articles` articles, newest first.
  Result<std::vector<Story>> Stories(size_t min_articles, size_t offset, size_t limit) const;
  // The story of a story id or of an article id; NotFound when unknown.
  Result<Story> GetStory(std::string_view story_or_article_id) const;

  // Verifies every file of the index in `dir` without opening it for writing.
  // Corruption naming file and offset when anything is wrong.
  static Status Check(const std::string& dir, base::Env* env = nullptr);

 private:
  struct Impl;
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace rasd::engine
