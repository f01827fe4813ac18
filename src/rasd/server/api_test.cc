// The API against a real Engine in a temporary folder: the search contract, parameter
// validation, authorisation, ingest errors, routing, the views and static files.
#include "rasd/server/api.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <memory>

#include "rasd/server/test_util.h"

namespace rasd::server {
namespace {

using testing::ErrorCode;
using testing::Json;

constexpr char kToken[] = "s3cret-token";

const char kArticles[] =
    R"({"id":"a1","title":"الرئيس توكايف يزور طهران","body":"وصل الرئيس قاسم جومارت توكايف إلى طهران اليوم.\nوقال توكايف إن الزيارة مهمة.","source":"وكالة مهر","date":"2026-03-02T09:40:00+03:00","url":"https://example.org/a1"})"
    "\n"
    R"({"id":"a2","title":"قمة المياه في عمّان","body":"تستضيف عمّان قمة إقليمية للمياه بمشاركة العراق وسوريا.","source":"المشرق","date":"2026-03-03"})"
    "\n"
    R"({"id":"a3","title":"<script>alert(1)</script> طهران","body":"<img src=x onerror=alert(1)> خبر عن طهران","source":"منفذ","date":"2026-03-04"})"
    "\n";

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(kToken); }

  void Open(const std::string& token) {
    api_.reset();
    engine_.reset();
    engine::OpenOptions options;
    auto e = engine::Engine::Open(dir_.path() + "/index", options);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    engine_ = std::move(e).value();
    files_ = std::make_unique<StaticFiles>(std::string(RASD_SOURCE_DIR) + "/web", "");
    ApiOptions o;
    o.write_token = token;
    api_ = std::make_unique<Api>(engine_.get(), files_.get(), o);
  }

  Response Get(const std::string& path, std::multimap<std::string, std::string> params = {}) {
    Request req;
    req.method = "GET";
    req.path = path;
    req.params = std::move(params);
    return api_->Handle(req);
  }

  Response Post(const std::string& body, const std::string& content_type = "application/x-ndjson",
                const std::string& auth = std::string("Bearer ") + kToken) {
    Request req;
    req.method = "POST";
    req.path = "/api/articles";
    req.body = body;
    if (!content_type.empty()) req.headers.emplace_back("Content-Type", content_type);
    if (!auth.empty()) req.headers.emplace_back("Authorization", auth);
    return api_->Handle(req);
  }

  void Ingest() {
    Response r = Post(kArticles);
    ASSERT_EQ(r.status, 200) << r.body;
  }

  testing::TempDir dir_;
  std::unique_ptr<engine::Engine> engine_;
  std::unique_ptr<StaticFiles> files_;
  std::unique_ptr<Api> api_;
};

TEST_F(ApiTest, Health) {
  Response r = Get("/api/health");
  EXPECT_EQ(r.status, 200);
  auto v = Json(r.body);
  EXPECT_EQ(v.Find("status")->string_value(), "ok");
  EXPECT_EQ(v.Find("articles")->number_value(), 0);
}

TEST_F(ApiTest, SearchContractShape) {
  Ingest();
  Response r = Get("/api/search", {{"q", "طهران"}, {"limit", "5"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto v = Json(r.body);
  const auto* results = v.Find("results");
  ASSERT_NE(results, nullptr);
  ASSERT_TRUE(results->is_array());
  ASSERT_FALSE(results->array_items().empty());
  for (const auto& hit : results->array_items()) {
    EXPECT_TRUE(hit.Find("id")->is_string());
    EXPECT_TRUE(hit.Find("score")->is_number());
    EXPECT_TRUE(hit.Find("title")->is_string());
    EXPECT_TRUE(hit.Find("snippet")->is_string());
    EXPECT_TRUE(hit.Find("snippet_parts")->is_array());
    EXPECT_TRUE(hit.Find("source")->is_string());
    EXPECT_TRUE(hit.Find("date")->is_string());
  }
  EXPECT_TRUE(v.Find("total")->is_number());
  EXPECT_GE(v.Find("total")->number_value(), 2);
  // Facets (the default) count every match.
  ASSERT_NE(v.Find("total_exact"), nullptr);
  EXPECT_TRUE(v.Find("total_exact")->bool_value());
  EXPECT_TRUE(v.Find("facets")->is_object());
  EXPECT_NE(v.Find("facets")->Find("source"), nullptr);
}

TEST_F(ApiTest, SearchFiltersSortAndPages) {
  Ingest();
  Response by_source = Get("/api/search", {{"q", "طهران"}, {"source", "منفذ"}});
  ASSERT_EQ(by_source.status, 200) << by_source.body;
  auto v = Json(by_source.body);
  ASSERT_EQ(v.Find("results")->array_items().size(), 1u);
  EXPECT_EQ(v.Find("results")->array_items()[0].Find("id")->string_value(), "a3");

  Response dated = Get("/api/search", {{"q", "طهران"}, {"from", "2026-03-04"}, {"to", "2026-03-04"}});
  ASSERT_EQ(dated.status, 200);
  EXPECT_EQ(Json(dated.body).Find("total")->number_value(), 1);

  Response newest = Get("/api/search", {{"q", "طهران"}, {"sort", "newest"}});
  ASSERT_EQ(newest.status, 200);
  auto hits = Json(newest.body).Find("results")->array_items();
  ASSERT_GE(hits.size(), 2u);
  EXPECT_EQ(hits[0].Find("id")->string_value(), "a3");
  EXPECT_EQ(Json(newest.body).Find("sort")->string_value(), "newest");

  Response page2 = Get("/api/search", {{"q", "طهران"}, {"limit", "1"}, {"page", "2"}});
  ASSERT_EQ(page2.status, 200);
  EXPECT_EQ(Json(page2.body).Find("offset")->number_value(), 1);
  EXPECT_EQ(Json(page2.body).Find("results")->array_items().size(), 1u);
}

TEST_F(ApiTest, BadParametersAre400NamingTheParameter) {
  struct Case {
    std::multimap<std::string, std::string> params;
    std::string parameter;
  };
  const Case cases[] = {
      {{{"q", "x"}, {"limit", "abc"}}, "limit"},
      {{{"q", "x"}, {"limit", "0"}}, "limit"},
      {{{"q", "x"}, {"limit", "1000"}}, "limit"},
      {{{"q", "x"}, {"offset", "-1"}}, "offset"},
      {{{"q", "x"}, {"page", "0"}}, "page"},
      {{{"q", "x"}, {"page", "2"}, {"offset", "3"}}, "page"},
      {{{"q", "x"}, {"sort", "date"}}, "sort"},
      {{{"q", "x"}, {"from", "yesterday"}}, "from"},
      {{{"q", "x"}, {"from", "2026-03-05"}, {"to", "2026-03-01"}}, "to"},
      {{{"q", "x"}, {"facets", "maybe"}}, "facets"},
      {{{"q", "x"}, {"sorce", "y"}}, "sorce"},
      {{{"q", "x"}, {"q", "y"}}, "q"},
      {{{"q", std::string(3000, 'a')}}, "q"},
      {{{"q", "\xD8"}}, "q"},  // a lone lead byte: not U+FFFD, which would match everything
      {{{"q", "x"}, {"source", "\xFF"}}, "source"},
  };
  for (const Case& c : cases) {
    Response r = Get("/api/search", c.params);
    EXPECT_EQ(r.status, 400) << c.parameter << ": " << r.body;
    auto v = Json(r.body);
    ASSERT_NE(v.Find("error"), nullptr) << r.body;
    EXPECT_EQ(v.Find("error")->Find("code")->string_value(), "bad_parameter") << r.body;
    EXPECT_EQ(v.Find("error")->Find("parameter")->string_value(), c.parameter) << r.body;
    EXPECT_FALSE(v.Find("error")->Find("message")->string_value().empty());
  }
  Response r = Get("/api/entities", {{"type", "people"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Json(r.body).Find("error")->Find("parameter")->string_value(), "type");
  EXPECT_EQ(Get("/api/stories", {{"limit", "x"}}).status, 400);
  EXPECT_EQ(Get("/api/quotes", {{"limit", "-4"}}).status, 400);
}

TEST_F(ApiTest, WritesNeedTheToken) {
  EXPECT_EQ(ErrorCode(Post(kArticles, "application/x-ndjson", "").body), "unauthorized");
  Response missing = Post(kArticles, "application/x-ndjson", "");
  EXPECT_EQ(missing.status, 401);
  bool has_challenge = false;
  for (const auto& [k, v] : missing.headers) has_challenge |= (k == "WWW-Authenticate");
  EXPECT_TRUE(has_challenge);
  EXPECT_EQ(Post(kArticles, "application/x-ndjson", "Bearer wrong").status, 401);
  EXPECT_EQ(Post(kArticles, "application/x-ndjson", std::string("Basic ") + kToken).status, 401);
  EXPECT_EQ(Post(kArticles, "application/x-ndjson", std::string("bearer ") + kToken).status, 200);
  Request del;
  del.method = "DELETE";
  del.path = "/api/articles/a1";
  EXPECT_EQ(api_->Handle(del).status, 401);
  EXPECT_EQ(Get("/api/health").status, 200);  // reads stay open
}

TEST_F(ApiTest, NoTokenConfiguredMeansWritesDisabled) {
  Open("");
  Response r = Post(kArticles, "application/x-ndjson", "Bearer anything");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r.body), "writes_disabled");
}

TEST_F(ApiTest, TokenComparison) {
  EXPECT_TRUE(BearerTokenMatches("Bearer abc", "abc"));
  EXPECT_TRUE(BearerTokenMatches("BEARER  abc ", "abc"));
  EXPECT_FALSE(BearerTokenMatches("Bearer abcd", "abc"));
  EXPECT_FALSE(BearerTokenMatches("Bearer ab", "abc"));
  EXPECT_FALSE(BearerTokenMatches("Bearer ", ""));
  EXPECT_FALSE(BearerTokenMatches("abc", "abc"));
}

TEST_F(ApiTest, IngestFormatsAndPerLineErrors) {
  Response wrong_type = Post(kArticles, "text/plain");
  EXPECT_EQ(wrong_type.status, 415);
  EXPECT_EQ(ErrorCode(wrong_type.body), "unsupported_media_type");
  EXPECT_EQ(ErrorCode(Post("", "application/json").body), "empty_body");
  EXPECT_EQ(ErrorCode(Post(" \r\n", "application/json").body), "empty_body");
  EXPECT_EQ(ErrorCode(Post("", "application/x-ndjson").body), "empty_body");

  Response one = Post(R"({"id":"solo","title":"خبر واحد"})", "application/json; charset=utf-8");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(Json(one.body).Find("added")->number_value(), 1);
  EXPECT_TRUE(Json(one.body).Find("committed")->bool_value());

  const std::string mixed =
      "{\"id\":\"m1\",\"title\":\"أول\"}\n"
      "{\"id\":\"m2\",\"title\":\n"
      "{\"title\":\"بلا معرف\"}\n"
      "{\"id\":\"m4\",\"body\":\"رابع\"}\n";
  Response r = Post(mixed);
  ASSERT_EQ(r.status, 200) << r.body;
  auto v = Json(r.body);
  EXPECT_EQ(v.Find("received")->number_value(), 4);
  EXPECT_EQ(v.Find("added")->number_value(), 2);
  EXPECT_EQ(v.Find("failed")->number_value(), 2);
  auto errors = v.Find("errors")->array_items();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].Find("line")->number_value(), 2);
  EXPECT_EQ(errors[1].Find("line")->number_value(), 3);

  EXPECT_EQ(v.Find("warnings"), nullptr);  // only when there is something to say

  // A date that cannot be read keeps the article (undated) and says so.
  Response dated = Post("{\"id\":\"d1\",\"title\":\"أ\",\"date\":\"2018-02-29\"}\n"
                        "{\"id\":\"d2\",\"title\":\"ب\",\"date\":\"2018-02-28\"}\n");
  ASSERT_EQ(dated.status, 200) << dated.body;
  EXPECT_EQ(Json(dated.body).Find("added")->number_value(), 2);
  auto warnings = Json(dated.body).Find("warnings")->array_items();
  ASSERT_EQ(warnings.size(), 1u) << dated.body;
  EXPECT_EQ(warnings[0].Find("line")->number_value(), 1);
  EXPECT_EQ(warnings[0].Find("id")->string_value(), "d1");
  EXPECT_NE(warnings[0].Find("message")->string_value().find("'2018-02-29'"), std::string::npos);
  EXPECT_FALSE(Json(dated.body).Find("warnings_truncated")->bool_value());
  // More warnings than are listed: the answer says the list is cut, as it does for errors.
  std::string many;
  for (int i = 0; i < 101; ++i) {
    many += "{\"id\":\"w" + std::to_string(i) + "\",\"title\":\"أ\",\"date\":\"2018-02-30\"}\n";
  }
  Response cut = Post(many);
  ASSERT_EQ(cut.status, 200) << cut.body;
  EXPECT_EQ(Json(cut.body).Find("warnings")->array_items().size(), 100u);
  EXPECT_TRUE(Json(cut.body).Find("warnings_truncated")->bool_value());

  // An id given twice in one body: the last record stands; the earlier one is a warning
  // naming it, not a second article added.
  Response twice = Post("[{\"id\":\"t1\",\"title\":\"قديم\"},{\"id\":\"t2\",\"title\":\"ب\"},"
                        "{\"id\":\"t1\",\"title\":\"جديد\"}]",
                        "application/json");
  ASSERT_EQ(twice.status, 200) << twice.body;
  auto tv = Json(twice.body);
  EXPECT_EQ(tv.Find("received")->number_value(), 3);
  EXPECT_EQ(tv.Find("added")->number_value(), 2);
  EXPECT_EQ(tv.Find("failed")->number_value(), 0);
  auto twice_ids = tv.Find("ids")->array_items();
  ASSERT_EQ(twice_ids.size(), 2u);
  EXPECT_EQ(twice_ids[0].string_value(), "t2");
  EXPECT_EQ(twice_ids[1].string_value(), "t1");
  auto replaced = tv.Find("warnings")->array_items();
  ASSERT_EQ(replaced.size(), 1u) << twice.body;
  EXPECT_EQ(replaced[0].Find("item")->number_value(), 1);
  EXPECT_EQ(replaced[0].Find("id")->string_value(), "t1");
  EXPECT_NE(replaced[0].Find("message")->string_value().find("item 3"), std::string::npos);
  // The last record stands.
  Response t1 = Get("/api/articles/t1");
  ASSERT_EQ(t1.status, 200) << t1.body;
  EXPECT_EQ(Json(t1.body).Find("article")->Find("title")->string_value(), "جديد");

  Response all_bad = Post("{\"title\":1}\nnot json\n");
  EXPECT_EQ(all_bad.status, 400);
  EXPECT_EQ(ErrorCode(all_bad.body), "no_valid_articles");
  EXPECT_EQ(Json(all_bad.body).Find("failed")->number_value(), 2);

  Response array = Post(R"([{"id":"x1","title":"أ"},{"id":"x2"}])", "application/json");
  ASSERT_EQ(array.status, 200);
  EXPECT_EQ(Json(array.body).Find("errors")->array_items()[0].Find("item")->number_value(), 2);

  // Acknowledged articles are committed: visible to the next search at once.
  Response found = Get("/api/articles/m4");
  EXPECT_EQ(found.status, 200);
}

TEST_F(ApiTest, ArticleViewAndDelete) {
  Ingest();
  Response r = Get("/api/articles/a1");
  ASSERT_EQ(r.status, 200) << r.body;
  auto v = Json(r.body);
  EXPECT_EQ(v.Find("article")->Find("id")->string_value(), "a1");
  EXPECT_EQ(v.Find("article")->Find("url")->string_value(), "https://example.org/a1");
  EXPECT_TRUE(v.Find("entities")->is_array());
  EXPECT_TRUE(v.Find("quotes")->is_array());
  EXPECT_NE(v.Find("story"), nullptr);
  // Hostile text comes back as the same characters, only JSON-escaped.
  auto hostile = Json(Get("/api/articles/a3").body);
  EXPECT_EQ(hostile.Find("article")->Find("title")->string_value(),
            "<script>alert(1)</script> طهران");

  Response missing = Get("/api/articles/nope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(ErrorCode(missing.body), "not_found");

  Request del;
  del.method = "DELETE";
  del.path = "/api/articles/a2";
  del.headers.emplace_back("Authorization", std::string("Bearer ") + kToken);
  Response deleted = api_->Handle(del);
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_EQ(Json(deleted.body).Find("deleted")->number_value(), 1);
  EXPECT_EQ(Get("/api/articles/a2").status, 404);
  EXPECT_EQ(api_->Handle(del).status, 404);
}

TEST_F(ApiTest, ViewsAnswerWithTheirShapes) {
  Ingest();
  auto entities = Json(Get("/api/entities", {{"limit", "5"}}).body);
  ASSERT_NE(entities.Find("entities"), nullptr);
  EXPECT_TRUE(entities.Find("entities")->is_array());
  EXPECT_TRUE(Json(Get("/api/entities", {{"type", "person"}}).body).Find("entities")->is_array());
  EXPECT_TRUE(Json(Get("/api/quotes", {{"q", "الزيارة"}}).body).Find("quotes")->is_array());
  EXPECT_TRUE(Json(Get("/api/stories", {{"min_articles", "1"}}).body).Find("stories")->is_array());
  EXPECT_EQ(Get("/api/entities/لا-أحد").status, 404);
  EXPECT_EQ(Get("/api/stories/no-such-story").status, 404);
  auto stats = Json(Get("/api/stats").body);
  EXPECT_EQ(stats.Find("index")->Find("articles")->number_value(), 3);
  EXPECT_TRUE(stats.Find("server")->Find("writes_enabled")->bool_value());
}

// A damaged file answers 503 unavailable, as API.md documents for an index that cannot be
// read, with the file and what was wrong in the message (it was a 500 internal).
TEST_F(ApiTest, DamagedStoredArticlesAre503) {
  Ingest();
  ASSERT_EQ(Get("/api/articles/a1").status, 200);
  api_.reset();
  engine_.reset();
  int damaged = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path() + "/index")) {
    if (entry.path().extension() != ".sto") continue;
    std::fstream f(entry.path(), std::ios::in | std::ios::out | std::ios::binary);
    const auto size = static_cast<std::streamoff>(std::filesystem::file_size(entry.path()));
    for (std::streamoff at = size / 4; at < size * 3 / 4; at += 7) {
      f.seekp(at);
      f.put('\x5a');
    }
    ++damaged;
  }
  ASSERT_GT(damaged, 0);
  Open(kToken);
  Response r = Get("/api/articles/a1");
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(ErrorCode(r.body), "unavailable");
  EXPECT_NE(r.body.find(".sto"), std::string::npos) << r.body;
}

TEST_F(ApiTest, RoutingNotFoundAndMethods) {
  EXPECT_EQ(Get("/api/nothing").status, 404);
  EXPECT_EQ(ErrorCode(Get("/api").body), "not_found");
  Request post_search;
  post_search.method = "POST";
  post_search.path = "/api/search";
  Response r = api_->Handle(post_search);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(ErrorCode(r.body), "method_not_allowed");
  ASSERT_FALSE(r.headers.empty());
  EXPECT_EQ(r.headers[0].first, "Allow");
  EXPECT_EQ(r.headers[0].second, "GET, HEAD, OPTIONS");  // the methods OPTIONS lists
  EXPECT_EQ(Get("/api/articles").status, 405);
  Request put_page;
  put_page.method = "PUT";
  put_page.path = "/index.html";
  EXPECT_EQ(api_->Handle(put_page).status, 405);
  Request options;
  options.method = "OPTIONS";
  options.path = "/api/articles";
  EXPECT_EQ(api_->Handle(options).status, 204);
  Request head;
  head.method = "HEAD";
  head.path = "/api/health";
  EXPECT_EQ(api_->Handle(head).status, 200);
  // An id that is not UTF-8 names nothing: 400, not a 404 about U+FFFD.
  Response bad_id = Get("/api/articles/\xFF");
  EXPECT_EQ(bad_id.status, 400);
  EXPECT_EQ(ErrorCode(bad_id.body), "bad_path");
}

TEST_F(ApiTest, StaticFilesAndTraversal) {
  Response page = Get("/");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("dir=\"rtl\""), std::string::npos);
  EXPECT_EQ(Get("/js/app.js").content_type, "text/javascript; charset=utf-8");
  for (const char* path : {"/../CMakeLists.txt", "/js/../../CMakeLists.txt", "/..", "//etc/passwd",
                           "/.gitignore", "/package.json/../../CMakeLists.txt"}) {
    Response r = Get(path);
    EXPECT_EQ(r.status, 400) << path;
    EXPECT_EQ(r.body.find("cmake_minimum_required"), std::string::npos);
  }
  EXPECT_EQ(Get("/etc/passwd").status, 404);
  EXPECT_EQ(Get("/tests/browser.test.mjs").status, 400);
}

}  // namespace
}  // namespace rasd::server
