// The HTTP JSON API: see api.h.
#include "rasd/server/api.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "rasd/base/json.h"
#include "rasd/base/macros.h"
#include "rasd/engine/analysis.h"
#include "rasd/engine/article.h"
#include "rasd/server/ingest_body.h"
#include "rasd/server/json_views.h"
#include "rasd/server/params.h"

namespace rasd::server {
namespace {

constexpr char kVersion[] = "0.1.0";

Response JsonOk(std::string body) {
  Response res;
  res.body = std::move(body);
  res.body += '\n';
  return res;
}

Response BadParameter(const ParamError& e) {
  return ErrorResponse(400, "bad_parameter", e.message, e.parameter);
}

Response MethodNotAllowed(const Request& req, std::string_view allow) {
  Response res = ErrorResponse(405, "method_not_allowed",
                               "method " + req.method + " is not allowed on " + req.path +
                                   "; allowed: " + std::string(allow));
  res.SetHeader("Allow", std::string(allow));
  return res;
}

bool IsRead(const std::string& method) { return method == "GET" || method == "HEAD"; }

double MillisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

std::string_view SortName(engine::SortOrder s) {
  switch (s) {
    case engine::SortOrder::kNewest: return "newest";
    case engine::SortOrder::kOldest: return "oldest";
    default: return "relevance";
  }
}

// The part of `path` after `prefix` when it is a non-empty single value ("/api/stories/" +
// id); std::nullopt otherwise.
std::optional<std::string> Tail(std::string_view path, std::string_view prefix) {
  if (path.size() <= prefix.size() || path.substr(0, prefix.size()) != prefix) return std::nullopt;
  return std::string(path.substr(prefix.size()));
}

}  // namespace

Response EngineErrorResponse(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
      return ErrorResponse(400, "bad_request", status.message());
    case StatusCode::kNotFound:
      return ErrorResponse(404, "not_found", status.message());
    case StatusCode::kResourceExhausted:
      return ErrorResponse(503, "unavailable", status.message());
    case StatusCode::kCorruption:
      // A damaged file: the server runs, the index cannot be read there.
      return ErrorResponse(503, "unavailable", "the index cannot be read: " + status.ToString());
    default:
      return ErrorResponse(500, "internal", status.ToString());
  }
}

bool BearerTokenMatches(std::string_view header, std::string_view token) {
  constexpr std::string_view kScheme = "bearer ";
  if (token.empty() || header.size() < kScheme.size() ||
      !EqualsIgnoreCase(header.substr(0, kScheme.size()), kScheme)) {
    return false;
  }
  std::string_view given = header.substr(kScheme.size());
  while (!given.empty() && given.front() == ' ') given.remove_prefix(1);
  while (!given.empty() && (given.back() == ' ' || given.back() == '\t')) given.remove_suffix(1);
  // Constant time in the token's length: every byte is compared whatever the first mismatch.
  unsigned diff = given.size() == token.size() ? 0u : 1u;
  for (size_t i = 0; i < token.size(); ++i) {
    const unsigned char g = i < given.size() ? static_cast<unsigned char>(given[i]) : 0;
    diff |= g ^ static_cast<unsigned char>(token[i]);
  }
  return diff == 0;
}

Api::Api(engine::Engine* engine, const StaticFiles* static_files, ApiOptions options)
    : engine_(engine),
      static_files_(static_files),
      options_(std::move(options)),
      started_(std::chrono::steady_clock::now()) {}

Response Api::Handle(const Request& req) {
  ++requests_;
  const std::string& p = req.path;
  if (p != "/api" && p.rfind("/api/", 0) != 0) {
    if (!IsRead(req.method)) return MethodNotAllowed(req, "GET, HEAD");
    return StaticFile(req);
  }
  // Ids in paths are text: bytes that are not UTF-8 name no article and no story.
  if (Status utf8 = engine::ValidateUtf8(p); !utf8.ok()) {
    return ErrorResponse(400, "bad_path", "the path is not UTF-8 once percent-decoded: " +
                                              std::string(utf8.message()));
  }
  auto route = [&](std::string_view allow, auto&& handler) -> Response {
    if (req.method == "OPTIONS") {
      Response res;
      res.status = 204;
      res.content_type.clear();
      res.SetHeader("Allow", std::string(allow) + ", OPTIONS");
      return res;
    }
    const bool allowed = (allow.find(req.method) != std::string_view::npos) ||
                         (req.method == "HEAD" && allow.find("GET") != std::string_view::npos);
    if (!allowed) return MethodNotAllowed(req, std::string(allow) + ", OPTIONS");
    return handler();
  };
  // The endpoints that take no parameters say so, as the others name their unknown ones.
  auto route_without_params = [&](std::string_view allow, auto&& handler) -> Response {
    return route(allow, [&]() -> Response {
      if (auto e = QueryParams(req.params).CheckKnown({})) return BadParameter(*e);
      return handler();
    });
  };
  if (p == "/api/health") return route_without_params("GET, HEAD", [&] { return Health(); });
  if (p == "/api/stats") return route_without_params("GET, HEAD", [&] { return Stats(); });
  if (p == "/api/search") return route("GET, HEAD", [&] { return Search(req); });
  if (p == "/api/articles") return route("POST", [&] { return PostArticles(req); });
  if (auto id = Tail(p, "/api/articles/")) {
    return route_without_params("GET, HEAD, DELETE", [&] {
      return req.method == "DELETE" ? DeleteArticle(req, *id) : GetArticle(*id);
    });
  }
  if (p == "/api/entities") return route("GET, HEAD", [&] { return Entities(req); });
  if (auto id = Tail(p, "/api/entities/")) {
    return route("GET, HEAD", [&] { return Entity(req, *id); });
  }
  if (p == "/api/quotes") return route("GET, HEAD", [&] { return QuotesList(req); });
  if (p == "/api/stories") return route("GET, HEAD", [&] { return StoriesList(req); });
  if (auto id = Tail(p, "/api/stories/")) {
    return route_without_params("GET, HEAD", [&] { return StoryOne(*id); });
  }
  return ErrorResponse(404, "not_found", "no API endpoint " + p + " (see docs/API.md)");
}

std::optional<Response> Api::AnswerBeforeBody(const Request& head) const {
  if (head.method == "POST" && head.path == "/api/articles") return CheckWriteAuth(head);
  return std::nullopt;
}

std::optional<Response> Api::CheckWriteAuth(const Request& req) const {
  if (options_.write_token.empty()) {
    return ErrorResponse(403, "writes_disabled",
                         "this server accepts no writes: start it with --write-token or "
                         "RASD_WRITE_TOKEN to enable them");
  }
  const std::string_view auth = req.Header("Authorization");
  if (!BearerTokenMatches(auth, options_.write_token)) {
    Response res = ErrorResponse(
        401, "unauthorized",
        auth.empty() ? "this request needs the header Authorization: Bearer <token>"
                     : "the bearer token is not valid");
    res.SetHeader("WWW-Authenticate", "Bearer realm=\"rasd\"");
    return res;
  }
  return std::nullopt;
}

Response Api::Health() {
  Result<engine::IndexStats> stats = engine_->Stats();
  if (!stats.ok()) {
    return ErrorResponse(503, "unavailable", "the index cannot be read: " + stats.status().ToString());
  }
  std::string out;
  base::JsonWriter w(&out);
  w.BeginObject();
  w.Key("status").String("ok");
  w.Key("version").String(kVersion);
  w.Key("articles").Uint(stats->articles);
  w.Key("uptime_seconds")
      .Uint(static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                      std::chrono::steady_clock::now() - started_)
                                      .count()));
  w.EndObject();
  return JsonOk(std::move(out));
}

Response Api::Stats() {
  Result<engine::IndexStats> stats = engine_->Stats();
  if (!stats.ok()) return EngineErrorResponse(stats.status());
  std::string out;
  base::JsonWriter w(&out);
  w.BeginObject();
  w.Key("index");
  WriteStats(*stats, &w);
  w.Key("server").BeginObject();
  w.Key("version").String(kVersion);
  w.Key("uptime_seconds")
      .Uint(static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                      std::chrono::steady_clock::now() - started_)
                                      .count()));
  w.Key("requests").Uint(requests_.load());
  w.Key("articles_ingested").Uint(articles_ingested_.load());
  w.Key("writes_enabled").Bool(!options_.write_token.empty());
  w.EndObject();
  w.EndObject();
  return JsonOk(std::move(out));
}

Response Api::Search(const Request& req) {
  const auto start = std::chrono::steady_clock::now();
  QueryParams params(req.params);
  if (auto e = params.CheckKnown({"q", "limit", "offset", "page", "sort", "source", "from", "to",
                                  "entity", "speaker", "facets", "strict"})) {
    return BadParameter(*e);
  }
  if (auto e = params.CheckSingle({"source", "entity", "speaker"})) return BadParameter(*e);

  engine::SearchOptions opts;
  opts.query = params.GetString("q");
  if (opts.query.size() > options_.max_query_bytes) {
    return BadParameter({"q", "parameter 'q' is longer than " +
                                  std::to_string(options_.max_query_bytes) + " bytes"});
  }
  auto limit = params.GetInt("limit", 10, 1, 100);
  if (!limit.ok()) return BadParameter(*limit.error);
  opts.limit = static_cast<size_t>(*limit.value);
  if (params.Has("page") && params.Has("offset")) {
    return BadParameter({"page", "give either 'page' or 'offset', not both"});
  }
  auto offset = params.GetInt("offset", 0, 0, 10000);
  if (!offset.ok()) return BadParameter(*offset.error);
  auto page = params.GetInt("page", 1, 1, 1000);
  if (!page.ok()) return BadParameter(*page.error);
  opts.offset = params.Has("page") ? static_cast<size_t>(*page.value - 1) * opts.limit
                                   : static_cast<size_t>(*offset.value);
  if (opts.offset > 10000) {
    return BadParameter({"page", "results beyond the first 10000 cannot be paged to"});
  }
  auto sort = params.GetSort("sort");
  if (!sort.ok()) return BadParameter(*sort.error);
  opts.sort = *sort.value;
  auto from = params.GetDate("from", false);
  if (!from.ok()) return BadParameter(*from.error);
  auto to = params.GetDate("to", true);
  if (!to.ok()) return BadParameter(*to.error);
  opts.from = *from.value;
  opts.to = *to.value;
  if (opts.from && opts.to && *opts.from > *opts.to) {
    return BadParameter({"to", "parameter 'to' is earlier than 'from'"});
  }
  auto facets = params.GetBool("facets", true);
  if (!facets.ok()) return BadParameter(*facets.error);
  opts.facets = *facets.value;
  auto strict = params.GetBool("strict", false);
  if (!strict.ok()) return BadParameter(*strict.error);
  opts.strict = *strict.value;
  opts.sources = params.GetAll("source");
  opts.entities = params.GetAll("entity");
  opts.speakers = params.GetAll("speaker");
  opts.stories = true;  // the page groups the copies of one story

  Result<engine::SearchResult> result = engine_->Search(opts);
  if (!result.ok()) {
    if (result.status().IsInvalidArgument()) {
      return ErrorResponse(400, "bad_query", result.status().message(), "q");
    }
    return EngineErrorResponse(result.status());
  }
  std::string out;
  base::JsonWriter w(&out);
  w.BeginObject();
  w.Key("query").String(opts.query);
  w.Key("total").Uint(result->total);
  // A ranked search without facets stops counting where pruning passes over documents that
  // cannot reach the page: total is then a lower bound.
  w.Key("total_exact").Bool(result->total_is_exact);
  w.Key("offset").Uint(opts.offset);
  w.Key("limit").Uint(opts.limit);
  w.Key("sort").String(SortName(opts.sort));
  w.Key("results").BeginArray();
  for (const auto& hit : result->hits) WriteHit(hit, &w);
  w.EndArray();
  w.Key("facets");
  WriteFacets(*result, &w);
  w.Key("expansions").BeginArray();
  for (const auto& [from_word, to_word] : result->expansions) {
    w.BeginObject().Key("from").String(from_word).Key("to").String(to_word).EndObject();
  }
  w.EndArray();
  w.Key("took_ms").Double(static_cast<double>(static_cast<int64_t>(MillisSince(start) * 1000)) /
                          1000);
  w.EndObject();
  return JsonOk(std::move(out));
}

Response Api::PostArticles(const Request& req) {
  if (auto denied = CheckWriteAuth(req)) return *denied;
  QueryParams params(req.params);
  if (auto e = params.CheckKnown({})) return BadParameter(*e);
  const std::string_view content_type = req.Header("Content-Type");
  std::optional<BodyFormat> format = BodyFormatFor(content_type);
  if (!format) {
    return ErrorResponse(415, "unsupported_media_type",
                         "send articles as application/json (one object or an array) or "
                         "application/x-ndjson (JSON Lines), not '" +
                             std::string(content_type.empty() ? "(none)" : content_type) + "'");
  }
  ParsedIngest parsed = ParseIngestBody(req.body, *format);
  if (parsed.records == 0) {
    return ErrorResponse(400, "empty_body", "the request body holds no article");
  }

  const size_t first = req.body.find_first_not_of(" \t\r\n");
  const bool array_body =
      *format == BodyFormat::kJson && first != std::string::npos && req.body[first] == '[';
  std::vector<std::string> added_ids;
  Status fatal;
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    // One batch: the engine extracts the articles on every core, then adds them in order.
    std::vector<engine::Article> batch;
    std::vector<std::string> ids;
    for (auto& [number, article] : parsed.articles) {
      ids.push_back(article.id);
      batch.push_back(std::move(article));
    }
    const std::vector<Status> statuses = engine_->AddBatch(std::move(batch));
    for (size_t i = 0; i < ids.size(); ++i) {
      const Status& s = statuses[i];
      if (s.ok()) {
        added_ids.push_back(ids[i]);
        uncommitted_ = true;
      } else if (s.IsInvalidArgument()) {
        parsed.errors.push_back({parsed.articles[i].first, array_body, ids[i], s.message()});
      } else {
        fatal = s;
        break;
      }
    }
    // An id given twice in one body: the last record stands, as in a JSONL file, and each
    // earlier one is a warning rather than an article added (and then replaced).
    std::unordered_map<std::string_view, size_t> last;  // id -> index into ids
    for (size_t i = 0; fatal.ok() && i < ids.size(); ++i) {
      if (statuses[i].ok()) last[ids[i]] = i;
    }
    if (fatal.ok() && last.size() < added_ids.size()) {
      added_ids.clear();
      for (size_t i = 0; i < ids.size() && i < statuses.size(); ++i) {
        if (!statuses[i].ok()) continue;
        const size_t kept = last[ids[i]];
        if (kept == i) {
          added_ids.push_back(ids[i]);
          continue;
        }
        parsed.warnings.push_back(
            {parsed.articles[i].first, array_body, ids[i],
             "replaced by " + std::string(array_body ? "item " : "line ") +
                 std::to_string(parsed.articles[kept].first) +
                 " of this request, which has the same id (the last one is kept)"});
      }
    }
    if (uncommitted_) {
      Status c = engine_->Commit();
      if (!c.ok()) {
        return ErrorResponse(500, "commit_failed",
                             "the articles could not be committed: " + c.ToString());
      }
      uncommitted_ = false;
    }
  }
  articles_ingested_ += added_ids.size();
  if (!fatal.ok()) {
    return ErrorResponse(500, "internal",
                         "ingest stopped after " + std::to_string(added_ids.size()) +
                             " committed articles: " + fatal.ToString());
  }
  auto by_number = [](const IngestError& a, const IngestError& b) { return a.number < b.number; };
  std::sort(parsed.errors.begin(), parsed.errors.end(), by_number);
  std::stable_sort(parsed.warnings.begin(), parsed.warnings.end(), by_number);

  Response res;
  if (added_ids.empty()) res.status = 400;
  base::JsonWriter w(&res.body);
  w.BeginObject();
  if (added_ids.empty()) {
    w.Key("error").BeginObject();
    w.Key("code").String("no_valid_articles");
    w.Key("message").String("no article in the body could be added; see errors");
    w.EndObject();
  }
  w.Key("received").Uint(parsed.records);
  w.Key("added").Uint(added_ids.size());
  w.Key("failed").Uint(parsed.errors.size());
  w.Key("committed").Bool(true);
  w.Key("ids").BeginArray();
  for (size_t i = 0; i < added_ids.size() && i < 1000; ++i) w.String(added_ids[i]);
  w.EndArray();
  // The first max_reported_errors records of a list, each by its line or item.
  auto write_records = [&](const char* key, const std::vector<IngestError>& records) {
    w.Key(key).BeginArray();
    for (size_t i = 0; i < records.size() && i < options_.max_reported_errors; ++i) {
      const IngestError& e = records[i];
      w.BeginObject();
      w.Key(e.is_item ? "item" : "line").Uint(e.number);
      if (!e.id.empty()) w.Key("id").String(e.id);
      w.Key("message").String(e.message);
      w.EndObject();
    }
    w.EndArray();
  };
  write_records("errors", parsed.errors);
  w.Key("errors_truncated").Bool(parsed.errors.size() > options_.max_reported_errors);
  // Added articles whose record had something to say (a date that cannot be read).
  if (!parsed.warnings.empty()) {
    write_records("warnings", parsed.warnings);
    w.Key("warnings_truncated").Bool(parsed.warnings.size() > options_.max_reported_errors);
  }
  w.EndObject();
  res.body += '\n';
  return res;
}

Response Api::DeleteArticle(const Request& req, const std::string& id) {
  if (auto denied = CheckWriteAuth(req)) return *denied;
  Result<size_t> removed = size_t{0};
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    removed = engine_->Delete({id});
    if (!removed.ok()) return EngineErrorResponse(removed.status());
    Status c = engine_->Commit();
    if (!c.ok()) return ErrorResponse(500, "commit_failed", c.ToString());
    uncommitted_ = false;
  }
  if (*removed == 0) {
    return ErrorResponse(404, "not_found", "no article with id " + engine::QuoteId(id));
  }
  std::string out;
  base::JsonWriter w(&out);
  w.BeginObject().Key("deleted").Uint(*removed).Key("committed").Bool(true).EndObject();
  return JsonOk(std::move(out));
}

Response Api::GetArticle(const std::string& id) {
  Result<engine::ArticleView> view = engine_->GetView(id);
  if (!view.ok()) {
    if (view.status().IsNotFound()) {
      return ErrorResponse(404, "not_found", "no article with id " + engine::QuoteId(id));
    }
    return EngineErrorResponse(view.status());
  }
  std::string out;
  base::JsonWriter w(&out);
  w.BeginObject();
  w.Key("article").Raw(engine::ArticleToJson(view->article));
  w.Key("entities").BeginArray();
  for (const auto& m : view->entities) WriteMention(m, &w);
  w.EndArray();
  w.Key("quotes").BeginArray();
  for (const auto& q : view->quotes) WriteQuote(q, &w);
  w.EndArray();
  w.Key("story");
  bool wrote_story = false;
  if (!view->story_id.empty()) {
    Result<engine::Story> story = engine_->GetStory(view->story_id);
    if (story.ok()) {
      WriteStory(*story, &w);
      wrote_story = true;
    }
  }
  if (!wrote_story) w.Null();
  w.EndObject();
  return JsonOk(std::move(out));
}

Response Api::Entities(const Request& req) {
  QueryParams params(req.params);
  if (auto e = params.CheckKnown({"type", "prefix", "limit"})) return BadParameter(*e);
  if (auto e = params.CheckSingle({})) return BadParameter(*e);
  const std::string type = params.GetString("type");
  if (!type.empty() && type != "person" && type != "organization" && type != "place" &&
      type != "misc") {
    return BadParameter(
        {"type", "parameter 'type' must be person, organization, place or misc, got " +
                     engine::QuoteId(type)});
  }
  auto limit = params.GetInt("limit", 20, 1, 500);
  if (!limit.ok()) return BadParameter(*limit.error);
  Result<std::vector<engine::EntitySummary>> list =
      engine_->TopEntities(type, params.GetString("prefix"), static_cast<size_t>(*limit.value));
  if (!list.ok()) return EngineErrorResponse(list.status());
  std::string out;
  base::JsonWriter w(&out);
  w.BeginObject().Key("entities").BeginArray();
  for (const auto& e : *list) WriteEntitySummary(e, &w);
  w.EndArray().EndObject();
  return JsonOk(std::move(out));
}

Response Api::Entity(const Request& req, const std::string& id) {
  QueryParams params(req.params);
  if (auto e = params.CheckKnown({"quotes"})) return BadParameter(*e);
  if (auto e = params.CheckSingle({})) return BadParameter(*e);
  auto quotes_limit = params.GetInt("quotes", 50, 0, 1000);
  if (!quotes_limit.ok()) return BadParameter(*quotes_limit.error);
  Result<engine::EntityDetail> detail = engine_->GetEntity(id);
  if (!detail.ok()) {
    if (detail.status().IsNotFound()) {
      return ErrorResponse(404, "not_found", "no entity " + engine::QuoteId(id));
    }
    return EngineErrorResponse(detail.status());
  }
  std::string out;
  base::JsonWriter w(&out);
  w.BeginObject();
  w.Key("entity");
  WriteEntitySummary(detail->summary, &w);
  w.Key("timeline").BeginArray();
  for (const auto& [day, count] : detail->timeline) {
    w.BeginObject().Key("day").String(day).Key("count").Uint(count).EndObject();
  }
  w.EndArray();
  w.Key("quotes").BeginArray();
  for (size_t i = 0; i < detail->quotes.size() && i < static_cast<size_t>(*quotes_limit.value);
       ++i) {
    WriteQuote(detail->quotes[i], &w);
  }
  w.EndArray();
  w.Key("quotes_total").Uint(detail->quotes.size());
  w.EndObject();
  return JsonOk(std::move(out));
}

Response Api::QuotesList(const Request& req) {
  QueryParams params(req.params);
  if (auto e = params.CheckKnown({"speaker", "q", "limit"})) return BadParameter(*e);
  if (auto e = params.CheckSingle({})) return BadParameter(*e);
  auto limit = params.GetInt("limit", 20, 1, 500);
  if (!limit.ok()) return BadParameter(*limit.error);
  const std::string q = params.GetString("q");
  if (q.size() > options_.max_query_bytes) {
    return BadParameter({"q", "parameter 'q' is too long"});
  }
  Result<std::vector<engine::Quote>> quotes =
      engine_->Quotes(params.GetString("speaker"), q, static_cast<size_t>(*limit.value));
  if (!quotes.ok()) return EngineErrorResponse(quotes.status());
  std::string out;
  base::JsonWriter w(&out);
  w.BeginObject().Key("quotes").BeginArray();
  for (const auto& quote : *quotes) WriteQuote(quote, &w);
  w.EndArray().EndObject();
  return JsonOk(std::move(out));
}

Response Api::StoriesList(const Request& req) {
  QueryParams params(req.params);
  if (auto e = params.CheckKnown({"min_articles", "offset", "limit"})) return BadParameter(*e);
  if (auto e = params.CheckSingle({})) return BadParameter(*e);
  auto min_articles = params.GetInt("min_articles", 2, 1, 100000);
  if (!min_articles.ok()) return BadParameter(*min_articles.error);
  auto offset = params.GetInt("offset", 0, 0, 100000);
  if (!offset.ok()) return BadParameter(*offset.error);
  auto limit = params.GetInt("limit", 20, 1, 200);
  if (!limit.ok()) return BadParameter(*limit.error);
  Result<std::vector<engine::Story>> stories =
      engine_->Stories(static_cast<size_t>(*min_articles.value),
                       static_cast<size_t>(*offset.value), static_cast<size_t>(*limit.value));
  if (!stories.ok()) return EngineErrorResponse(stories.status());
  std::string out;
  base::JsonWriter w(&out);
  w.BeginObject().Key("stories").BeginArray();
  for (const auto& s : *stories) WriteStory(s, &w);
  w.EndArray().EndObject();
  return JsonOk(std::move(out));
}

Response Api::StoryOne(const std::string& id) {
  Result<engine::Story> story = engine_->GetStory(id);
  if (!story.ok()) {
    if (story.status().IsNotFound()) {
      return ErrorResponse(404, "not_found", "no story " + engine::QuoteId(id));
    }
    return EngineErrorResponse(story.status());
  }
  std::string out;
  base::JsonWriter w(&out);
  w.BeginObject().Key("story");
  WriteStory(*story, &w);
  w.EndObject();
  return JsonOk(std::move(out));
}

Response Api::StaticFile(const Request& req) {
  if (static_files_ == nullptr) {
    return ErrorResponse(404, "not_found", "this server serves no web page (start it with --web)");
  }
  Result<rasd::server::StaticFile> file = static_files_->Lookup(req.path);
  if (!file.ok()) {
    if (file.status().IsInvalidArgument()) {
      return ErrorResponse(400, "bad_path", "the path is not a plain file path");
    }
    if (file.status().IsNotFound()) return ErrorResponse(404, "not_found", "no such file");
    return ErrorResponse(500, "internal", "the file cannot be served");
  }
  Response res;
  res.content_type = std::move(file->content_type);
  res.body = std::move(file->body);
  res.SetHeader("Cache-Control",
                file->immutable ? "public, max-age=604800, immutable" : "no-cache");
  return res;
}

Status Api::Flush() {
  std::lock_guard<std::mutex> lock(write_mu_);
  if (!uncommitted_) return Status::OK();
  RASD_RETURN_IF_ERROR(engine_->Commit());
  uncommitted_ = false;
  return Status::OK();
}

}  // namespace rasd::server
