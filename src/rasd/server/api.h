// Api: rasd's HTTP JSON API as a function from Request to Response, over one Engine.
//
// Endpoints (docs/API.md has the OpenAPI document with every parameter and shape):
//   GET  /api/health                 liveness and the article count
//   GET  /api/stats                  index and server statistics
//   GET  /api/search                 ranked search with filters, facets, sort and pages
//   POST /api/articles               ingest one article, an array, or JSON Lines (token)
//   GET  /api/articles/{id}          an article with its entities, quotes and story
//   DELETE /api/articles/{id}        remove an article (token)
//   GET  /api/entities               most-mentioned entities, by type and name prefix
//   GET  /api/entities/{id or name}  one entity: variants, mentions per day, quotes
//   GET  /api/quotes                 quotes by speaker and/or words
//   GET  /api/stories                story clusters, newest first
//   GET  /api/stories/{id}           one story (by story id or by any member article's id)
// Anything else under /api/ is 404; a known path with the wrong method is 405 with an Allow
// header. Other GET paths are the web page's static files (static_files.h).
//
// Errors are JSON, {"error":{"code":…,"message":…[,"parameter":…]}}, with the HTTP status
// that fits: 400 bad parameter (naming it), 401 missing or wrong token, 403 writes disabled
// (no token configured), 404, 405, 413 (body too large, from the HTTP layer), 415 wrong
// Content-Type, 503 for a damaged index file, 500 for another engine failure.
//
// Writes (POST, DELETE) require `Authorization: Bearer <write_token>` and are serialised by a
// mutex (the engine takes one writer at a time); each write request is committed before it is
// answered, so an acknowledged article is durable. Reads never wait for writes: they see the
// engine's last committed snapshot.
//
// Thread-safety: Handle may be called from any number of threads at once.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "rasd/engine/engine.h"
#include "rasd/server/http_types.h"
#include "rasd/server/static_files.h"

namespace rasd::server {

struct ApiOptions {
  // The token write requests must present. Empty: writes are disabled (403).
  std::string write_token;
  // Most per-record errors listed in an ingest answer (the count is always exact).
  size_t max_reported_errors = 100;
  // Longest accepted query text, in bytes.
  size_t max_query_bytes = 2000;
};

class Api {
 public:
  // `engine` and `static_files` are not owned and must outlive the Api; `static_files` may be
  // nullptr (no web page).
  Api(engine::Engine* engine, const StaticFiles* static_files, ApiOptions options);

  Response Handle(const Request& request);

  // The answer to a request that its method, path and headers alone decide, for the HTTP
  // layer to send before it reads the body: a write without the token (401) or to a server
  // without writes (403). std::nullopt when the body is needed. `head` has no body.
  std::optional<Response> AnswerBeforeBody(const Request& head) const;

  // Commits anything added but not yet committed (a no-op when every write request already
  // committed, which is the normal case). Called at shutdown.
  Status Flush();

  uint64_t articles_ingested() const { return articles_ingested_.load(); }

 private:
  Response Health();
  Response Stats();
  Response Search(const Request& req);
  Response PostArticles(const Request& req);
  Response GetArticle(const std::string& id);
  Response DeleteArticle(const Request& req, const std::string& id);
  Response Entities(const Request& req);
  Response Entity(const Request& req, const std::string& id);
  Response QuotesList(const Request& req);
  Response StoriesList(const Request& req);
  Response StoryOne(const std::string& id);
  Response StaticFile(const Request& req);

  // An error response for `req` when it may not write, else std::nullopt.
  std::optional<Response> CheckWriteAuth(const Request& req) const;

  engine::Engine* engine_;
  const StaticFiles* static_files_;
  const ApiOptions options_;
  const std::chrono::steady_clock::time_point started_;
  std::mutex write_mu_;
  bool uncommitted_ = false;  // guarded by write_mu_
  std::atomic<uint64_t> articles_ingested_{0};
  std::atomic<uint64_t> requests_{0};
};

// The response for an engine failure: 400 for InvalidArgument, 404 NotFound, 503
// ResourceExhausted and Corruption (a damaged file: the message names it), 500 otherwise.
Response EngineErrorResponse(const Status& status);

// Whether `header` is "Bearer <token>" (scheme in any case), compared in constant time.
bool BearerTokenMatches(std::string_view header, std::string_view token);

}  // namespace rasd::server
