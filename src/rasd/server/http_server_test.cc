// The HTTP layer over real sockets on 127.0.0.1: headers, raw-path traversal, body limits,
// errors raised before routing, concurrent searches during ingest, and graceful shutdown.
#include "rasd/server/http_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "rasd/server/test_util.h"

namespace rasd::server {
namespace {

using testing::ErrorCode;
using testing::Json;

constexpr char kToken[] = "tok";

struct RawResponse {
  int status = 0;
  std::string head;
  std::string body;
  std::string Header(const std::string& name) const {
    size_t at = 0;
    while ((at = head.find("\r\n", at)) != std::string::npos) {
      at += 2;
      if (head.compare(at, name.size() + 1, name + ":") == 0) {
        size_t end = head.find("\r\n", at);
        std::string v = head.substr(at + name.size() + 1, end - at - name.size() - 1);
        while (!v.empty() && v[0] == ' ') v.erase(0, 1);
        return v;
      }
    }
    return "";
  }
};

int Connect(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

void SendAll(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

RawResponse ReadResponse(int fd) {
  std::string data;
  char buf[65536];
  ssize_t n;
  while ((n = ::recv(fd, buf, sizeof(buf), 0)) > 0) data.append(buf, static_cast<size_t>(n));
  RawResponse r;
  size_t split = data.find("\r\n\r\n");
  r.head = data.substr(0, split);
  if (split != std::string::npos) r.body = data.substr(split + 4);
  if (data.size() > 12) r.status = std::atoi(data.substr(9, 3).c_str());
  return r;
}

// Sends `request` (a complete HTTP/1.1 request with Connection: close) and reads the answer.
RawResponse Exchange(int port, const std::string& request) {
  int fd = Connect(port);
  if (fd < 0) return {};
  SendAll(fd, request);
  RawResponse r = ReadResponse(fd);
  ::close(fd);
  return r;
}

RawResponse GetRaw(int port, const std::string& target) {
  return Exchange(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
}

std::string PostRequest(const std::string& body, const std::string& token = kToken) {
  return "POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
         "Content-Type: application/x-ndjson\r\nAuthorization: Bearer " + token +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string Articles(int from, int count) {
  std::string out;
  for (int i = from; i < from + count; ++i) {
    out += "{\"id\":\"n" + std::to_string(i) + "\",\"title\":\"خبر رقم " + std::to_string(i) +
           " عن طهران\",\"body\":\"وصل الوفد إلى طهران لبحث التعاون.\",\"source\":\"منفذ\","
           "\"date\":\"2026-03-02\"}\n";
  }
  return out;
}

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override { OpenEngine(); }
  void TearDown() override { StopServer(); }

  void OpenEngine() {
    engine::OpenOptions options;
    options.extract = false;  // the HTTP layer is under test here, not extraction
    auto e = engine::Engine::Open(dir_.path() + "/index", options);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    engine_ = std::move(e).value();
  }

  void StartServer(ServerOptions options = {}) {
    files_ = std::make_unique<StaticFiles>(std::string(RASD_SOURCE_DIR) + "/web", "");
    ApiOptions api_options;
    api_options.write_token = kToken;
    api_ = std::make_unique<Api>(engine_.get(), files_.get(), api_options);
    options.port = 0;
    options.log_fd = -1;
    server_ = std::make_unique<HttpServer>(api_.get(), options);
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok()) << port.status().ToString();
    port_ = *port;
    serving_ = std::thread([this] { EXPECT_TRUE(server_->Serve().ok()); });
  }

  void StopServer() {
    if (!server_) return;
    server_->Stop();
    if (serving_.joinable()) serving_.join();
    server_.reset();
  }

  testing::TempDir dir_;
  std::unique_ptr<engine::Engine> engine_;
  std::unique_ptr<StaticFiles> files_;
  std::unique_ptr<Api> api_;
  std::unique_ptr<HttpServer> server_;
  std::thread serving_;
  int port_ = 0;
};

TEST_F(HttpServerTest, HealthWithSecurityHeaders) {
  StartServer();
  RawResponse r = GetRaw(port_, "/api/health");
  ASSERT_EQ(r.status, 200) << r.head;
  EXPECT_EQ(Json(r.body).Find("status")->string_value(), "ok");
  EXPECT_NE(r.Header("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(r.Header("Content-Security-Policy").find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r.Header("Cache-Control"), "no-store");
  EXPECT_EQ(r.Header("Content-Type"), "application/json; charset=utf-8");
  RawResponse page = GetRaw(port_, "/");
  EXPECT_EQ(page.status, 200);
  EXPECT_FALSE(page.Header("Content-Security-Policy").empty());
}

TEST_F(HttpServerTest, RawTraversalAttemptsNeverLeaveWeb) {
  StartServer();
  for (const char* target :
       {"/../CMakeLists.txt", "/%2e%2e/CMakeLists.txt", "/%2E%2E/%2E%2E/CMakeLists.txt",
        "/%2e%2e%2fCMakeLists.txt", "/js/..%2f..%2fCMakeLists.txt", "/..%5c..%5cCMakeLists.txt",
        "//etc/passwd", "/%2fetc%2fpasswd", "/.%2e/CMakeLists.txt", "/index.html%00.png"}) {
    RawResponse r = GetRaw(port_, target);
    EXPECT_TRUE(r.status == 400 || r.status == 404) << target << " → " << r.status;
    EXPECT_EQ(r.body.find("cmake_minimum_required"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << target;
    EXPECT_FALSE(ErrorCode(r.body).empty()) << target << ": " << r.body;
  }
  EXPECT_EQ(GetRaw(port_, "/etc/passwd").status, 404);
}

TEST_F(HttpServerTest, BodyLimitIs413WithJson) {
  ServerOptions options;
  options.max_body_bytes = 2048;
  StartServer(options);
  RawResponse r = Exchange(port_, PostRequest(Articles(0, 40)));
  EXPECT_EQ(r.status, 413) << r.head;
  EXPECT_EQ(ErrorCode(r.body), "payload_too_large") << r.body;
  EXPECT_EQ(Exchange(port_, PostRequest(Articles(0, 1))).status, 200);
}

TEST_F(HttpServerTest, MalformedRequestsGetJsonErrors) {
  ServerOptions options;
  options.keep_alive_timeout_seconds = 1;  // the server keeps these connections open a while
  StartServer(options);
  RawResponse garbage = Exchange(port_, "HELLO\r\n\r\n");
  EXPECT_EQ(garbage.status, 400);
  EXPECT_EQ(ErrorCode(garbage.body), "bad_request") << garbage.body;
  RawResponse long_uri = GetRaw(port_, "/api/search?q=" + std::string(9000, 'a'));
  EXPECT_EQ(long_uri.status, 414);
  RawResponse bad_param = GetRaw(port_, "/api/search?q=x&limit=abc");
  EXPECT_EQ(bad_param.status, 400);
  EXPECT_EQ(Json(bad_param.body).Find("error")->Find("parameter")->string_value(), "limit");
  RawResponse unauthorized = Exchange(port_, PostRequest(Articles(0, 1), "nope"));
  EXPECT_EQ(unauthorized.status, 401);
  EXPECT_EQ(ErrorCode(unauthorized.body), "unauthorized");
  RawResponse method = Exchange(port_, "DELETE /api/search HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(method.Header("Allow"), "GET, HEAD, OPTIONS");
  // No byte ranges are served, and none are announced.
  EXPECT_EQ(method.Header("Accept-Ranges"), "none");
  EXPECT_EQ(bad_param.Header("Accept-Ranges"), "none");
  EXPECT_EQ(bad_param.head.find("Accept-Ranges", bad_param.head.find("Accept-Ranges") + 1),
            std::string::npos) << bad_param.head;
  // Methods httplib parses but routes nowhere get the same answer, not a parse error.
  RawResponse trace = Exchange(port_, "TRACE /api/search HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(trace.status, 405);
  EXPECT_EQ(ErrorCode(trace.body), "method_not_allowed") << trace.body;
  EXPECT_EQ(trace.Header("Allow"), "GET, HEAD, OPTIONS");
  RawResponse connect = Exchange(port_, "CONNECT / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(connect.status, 405);
  EXPECT_EQ(ErrorCode(connect.body), "method_not_allowed") << connect.body;
}

// How a request frames its body is checked before httplib reads it: a chunked body (which
// httplib 0.11 read whole before applying the body limit), a POST without a length (which
// waited for the read timeout) and conflicting or non-numeric lengths are refused at once.
TEST_F(HttpServerTest, BadBodyFramingIsRefusedBeforeTheBodyIsRead) {
  StartServer();
  RawResponse chunked = Exchange(
      port_, "POST /api/articles HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
             "Authorization: Bearer tok\r\nTransfer-Encoding: chunked\r\n\r\n100000\r\n" +
                 std::string(4096, ' '));
  EXPECT_EQ(chunked.status, 411) << chunked.head;
  EXPECT_EQ(ErrorCode(chunked.body), "length_required") << chunked.body;
  RawResponse no_length = Exchange(
      port_, "POST /api/articles HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
             "Authorization: Bearer tok\r\nContent-Type: application/x-ndjson\r\n\r\n");
  EXPECT_EQ(no_length.status, 411) << no_length.head;
  EXPECT_NE(Json(no_length.body).Find("error")->Find("message")->string_value().find(
                "Content-Length"),
            std::string::npos);
  RawResponse two = Exchange(port_,
                             "POST /api/articles HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                             "Content-Length: 1\r\nContent-Length: 3\r\n\r\nabc");
  EXPECT_EQ(two.status, 400) << two.head;
  EXPECT_EQ(ErrorCode(two.body), "bad_request");
  RawResponse words = Exchange(port_,
                               "POST /api/articles HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                               "Content-Length: abc\r\n\r\n");
  EXPECT_EQ(words.status, 400) << words.head;
  // A GET needs no length.
  EXPECT_EQ(GetRaw(port_, "/api/health").status, 200);
}

// What the headers alone decide is answered before the body is read, so a client without the
// token, or with a body over the limit, cannot make the server hold its body: here no body is
// sent at all, and the answer comes anyway (were the server reading the body, it would time
// out and answer 400).
TEST_F(HttpServerTest, RefusalsTheHeadersDecideComeBeforeTheBody) {
  ServerOptions options;
  options.read_timeout_seconds = 2;
  StartServer(options);
  const std::string head = "POST /api/articles HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                           "Content-Type: application/x-ndjson\r\nContent-Length: 1000000\r\n";
  RawResponse no_token = Exchange(port_, head + "\r\n");
  EXPECT_EQ(no_token.status, 401) << no_token.head;
  EXPECT_EQ(ErrorCode(no_token.body), "unauthorized") << no_token.body;
  RawResponse wrong_token = Exchange(port_, head + "Authorization: Bearer nope\r\n\r\n");
  EXPECT_EQ(wrong_token.status, 401) << wrong_token.head;
  RawResponse too_long = Exchange(
      port_, "POST /api/articles HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
             "Authorization: Bearer " + std::string(kToken) + "\r\nContent-Length: " +
                 std::to_string(options.max_body_bytes + 1) + "\r\n\r\n");
  EXPECT_EQ(too_long.status, 413) << too_long.head;
  EXPECT_EQ(ErrorCode(too_long.body), "payload_too_large") << too_long.body;
  // With the token and a body within the limit, the body is read and the articles added.
  RawResponse ok = Exchange(port_, PostRequest(Articles(0, 2)));
  EXPECT_EQ(ok.status, 200) << ok.body;
}

// Answers are whole and their headers single: a Range header is ignored (httplib cut JSON
// short under a 200), and an error the Api answered gets its security headers once (the
// error handler added them a second time). A raw '=' belongs to the value.
TEST_F(HttpServerTest, AnswersAreWholeWithHeadersOnceAndQueriesSplitAtTheFirstEquals) {
  StartServer();
  RawResponse ranged = Exchange(port_,
                                "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                "Range: bytes=0-5\r\n\r\n");
  EXPECT_EQ(ranged.status, 200) << ranged.head;
  EXPECT_EQ(Json(ranged.body).Find("status")->string_value(), "ok") << ranged.body;
  EXPECT_EQ(ranged.Header("Content-Range"), "");
  for (const char* target : {"/nonexistent", "/api/nope", "/api/search?limit=abc"}) {
    RawResponse r = GetRaw(port_, target);
    EXPECT_GE(r.status, 400) << target;
    size_t count = 0;
    for (size_t at = r.head.find("Cross-Origin-Opener-Policy"); at != std::string::npos;
         at = r.head.find("Cross-Origin-Opener-Policy", at + 1)) {
      ++count;
    }
    EXPECT_EQ(count, 1u) << target << "\n" << r.head;
  }
  RawResponse equals = GetRaw(port_, "/api/search?q=a=b");
  ASSERT_EQ(equals.status, 200) << equals.body;
  EXPECT_EQ(Json(equals.body).Find("query")->string_value(), "a=b");
  RawResponse extra = GetRaw(port_, "/api/health?x=1");
  EXPECT_EQ(extra.status, 400);
  EXPECT_EQ(Json(extra.body).Find("error")->Find("parameter")->string_value(), "x");
}

TEST_F(HttpServerTest, SearchesAreServedWhileIngestRuns) {
  ServerOptions options;
  options.threads = 8;
  StartServer(options);
  ASSERT_EQ(Exchange(port_, PostRequest(Articles(0, 10))).status, 200);
  std::atomic<bool> ingesting{true};
  std::atomic<int> searches{0}, failures{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      while (ingesting) {
        RawResponse r = GetRaw(port_, "/api/search?q=%D8%B7%D9%87%D8%B1%D8%A7%D9%86&limit=5");
        if (r.status != 200 || Json(r.body).Find("results") == nullptr) ++failures;
        ++searches;
      }
    });
  }
  constexpr int kBatches = 15, kPerBatch = 20;
  for (int b = 0; b < kBatches; ++b) {
    RawResponse r = Exchange(port_, PostRequest(Articles(100 + b * kPerBatch, kPerBatch)));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Json(r.body).Find("added")->number_value(), kPerBatch);
  }
  ingesting = false;
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(searches.load(), 0);
  RawResponse all = GetRaw(port_, "/api/search?q=%D8%B7%D9%87%D8%B1%D8%A7%D9%86&limit=1");
  EXPECT_EQ(Json(all.body).Find("total")->number_value(), 10 + kBatches * kPerBatch);
}

TEST_F(HttpServerTest, ShutdownFinishesTheRequestInFlightAndLosesNothing) {
  StartServer();
  const std::string body = Articles(0, 200);
  const std::string request = PostRequest(body);
  // Send the headers and half the body, stop the server, then send the rest: the accepted
  // request must still be read, ingested, committed and answered.
  int fd = Connect(port_);
  ASSERT_GE(fd, 0);
  const size_t half = request.size() - body.size() / 2;
  SendAll(fd, request.substr(0, half));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::thread stopper([&] { server_->Stop(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  SendAll(fd, request.substr(half));
  RawResponse r = ReadResponse(fd);
  ::close(fd);
  stopper.join();
  ASSERT_EQ(r.status, 200) << r.head << r.body;
  EXPECT_EQ(Json(r.body).Find("added")->number_value(), 200);
  if (serving_.joinable()) serving_.join();  // Serve() returned
  server_.reset();
  EXPECT_LT(Connect(port_), 0);  // no longer listening

  ASSERT_TRUE(api_->Flush().ok());
  api_.reset();
  engine_.reset();
  OpenEngine();  // reopen: every acknowledged article is there
  engine::SearchOptions all;
  all.query = "طهران";
  all.limit = 1;
  auto result = engine_->Search(all);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->total, 200u);
  EXPECT_TRUE(engine_->Get("n199").ok());
}

TEST_F(HttpServerTest, StopBeforeServeReturnsAtOnce) {
  files_ = std::make_unique<StaticFiles>("", "");
  api_ = std::make_unique<Api>(engine_.get(), files_.get(), ApiOptions{});
  ServerOptions options;
  options.port = 0;
  options.log_fd = -1;
  HttpServer server(api_.get(), options);
  ASSERT_TRUE(server.Bind().ok());
  server.Stop();
  EXPECT_TRUE(server.Serve().ok());
}

}  // namespace
}  // namespace rasd::server
