// The HTTP layer over cpp-httplib: see http_server.h. This is the only file that includes
// <httplib.h>; everything it hands the Api is plain data (http_types.h).
#include "rasd/server/http_server.h"

#include <httplib.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include "rasd/server/access_log.h"
#include "rasd/server/thread_pool.h"

namespace rasd::server {
namespace {

// Same-origin everything, no inline script or style, no plugins, no framing. The page
// builds its DOM from data with textContent, so even a bug there cannot run injected script.
constexpr char kContentSecurityPolicy[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

// cpp-httplib's TaskQueue over the bounded pool.
class PoolQueue : public httplib::TaskQueue {
 public:
  PoolQueue(size_t threads, size_t max_queued) : pool_(threads, max_queued) {}
  void enqueue(std::function<void()> fn) override { pool_.Submit(std::move(fn)); }
  void shutdown() override { pool_.Shutdown(); }

 private:
  ThreadPool pool_;
};

// When the request being handled on this worker started (set before routing).
thread_local std::chrono::steady_clock::time_point t_request_start;
thread_local bool t_request_started = false;

int64_t WallMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string QueryOf(const std::string& target) {
  const size_t q = target.find('?');
  return q == std::string::npos ? std::string() : target.substr(q + 1);
}

// The query string's parameters, each split at its FIRST '=' (httplib 0.11 keeps the text
// after the last one, so q=a=b searched for "b"), percent-decoded with '+' as a space. A
// name without '=' has an empty value.
void ParseQuery(const std::string& query, std::multimap<std::string, std::string>* out) {
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    if (end > start) {
      const std::string pair = query.substr(start, end - start);
      const size_t eq = pair.find('=');
      std::string name = httplib::detail::decode_url(pair.substr(0, eq), true);
      std::string value =
          eq == std::string::npos ? std::string() : httplib::detail::decode_url(pair.substr(eq + 1), true);
      out->emplace(std::move(name), std::move(value));
    }
    start = end + 1;
  }
}

// Once per response: the error handler runs after Handle for the Api's own 4xx/5xx, and
// httplib's set_header appends (a repeated COOP or CORP header combines into a value browsers
// ignore).
void AddCommonHeaders(httplib::Response& res) {
  if (res.has_header("Content-Security-Policy")) return;
  // rasd answers no range request (Range is ignored, as RFC 9110 allows); httplib would
  // otherwise announce byte ranges.
  res.set_header("Accept-Ranges", "none");
  res.set_header("Content-Security-Policy", kContentSecurityPolicy);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cross-Origin-Opener-Policy", "same-origin");
  res.set_header("Cross-Origin-Resource-Policy", "same-origin");
}

bool IsApiPath(const std::string& path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

// What is wrong with how the request frames its body, before httplib reads it; empty when
// nothing. httplib 0.11 reads a chunked body whole before applying the body limit, treats
// a Content-Length that is not a number as 0, takes the first of two Content-Lengths, and
// waits for the read timeout on a POST without a length: each of these is refused here at
// once instead. Sets *status (400 or 411).
std::string FramingError(const httplib::Request& req, int* status) {
  *status = 411;
  if (req.has_header("Transfer-Encoding")) {
    return "request bodies must be sent with a Content-Length header (chunked transfer "
           "encoding is not accepted)";
  }
  const size_t lengths = req.get_header_value_count("Content-Length");
  if (lengths == 0) {
    if (req.method == "POST" || req.method == "PUT" || req.method == "PATCH") {
      return req.method + " needs a Content-Length header (0 for an empty body)";
    }
    return {};
  }
  *status = 400;
  std::string first;
  for (size_t i = 0; i < lengths; ++i) {
    const std::string v = req.get_header_value("Content-Length", i);
    if (v.empty() || v.size() > 19 || v.find_first_not_of("0123456789") != std::string::npos) {
      return "Content-Length '" + v.substr(0, 40) + "' is not a byte count";
    }
    if (i == 0) first = v;
    if (v != first) return "the request has two different Content-Length headers";
  }
  return {};
}

std::string MessageFor(int status, size_t max_body_bytes) {
  switch (status) {
    case 400: return "the request could not be parsed as HTTP/1.1";
    case 404: return "not found";
    case 413:
      return "the request body is larger than the limit of " + std::to_string(max_body_bytes) +
             " bytes";
    case 414: return "the request target is longer than the limit of 8192 bytes";
    case 416: return "the requested range cannot be satisfied";
    default: return "the request failed with HTTP status " + std::to_string(status);
  }
}

}  // namespace

struct HttpServer::Impl {
  Api* api;
  ServerOptions options;
  AccessLog log;
  httplib::Server http;
  std::atomic<bool> stop_requested{false};
  std::mutex mu;
  bool bound = false;    // guarded by mu
  bool serving = false;  // guarded by mu: inside listen_after_bind

  Impl(Api* a, ServerOptions o) : api(a), options(std::move(o)), log(options.log_fd) {}

  // The Api's view of an httplib request; its body only `with_body`.
  static Request ToRequest(const httplib::Request& hreq, bool with_body) {
    Request req;
    req.method = hreq.method;
    req.path = hreq.path;
    ParseQuery(QueryOf(hreq.target), &req.params);
    req.headers.assign(hreq.headers.begin(), hreq.headers.end());
    if (with_body) req.body = hreq.body;  // the API may keep it past this call only as a copy
    return req;
  }

  // What the request line and headers alone decide, answered before httplib reads the body
  // (which it would otherwise read whole first): a declared length over the limit (httplib
  // 0.11 reads such a body through to discard it, then answers 413) and a write the Api
  // refuses without reading it (no token, or writes disabled).
  std::optional<Response> AnswerBeforeBody(const httplib::Request& hreq) const {
    const std::string length = hreq.get_header_value("Content-Length");
    if (length.empty()) return std::nullopt;  // FramingError allowed it: no body
    // FramingError checked the digits (at most 19: it fits).
    if (std::stoull(length) > options.max_body_bytes) {
      return ErrorResponse(413, DefaultErrorCode(413), MessageFor(413, options.max_body_bytes));
    }
    if (length == "0") return std::nullopt;
    return api->AnswerBeforeBody(ToRequest(hreq, false));
  }

  // Writes `res` as the answer to a request whose body was not read: the connection cannot
  // carry another request (httplib adds the header itself when the client asked to close).
  static void AnswerWithoutBody(const httplib::Request& req, const Response& err,
                                httplib::Response& res) {
    res.status = err.status;
    for (const auto& [name, value] : err.headers) res.set_header(name, value);
    res.set_content(err.body, err.content_type.c_str());
    if (req.get_header_value("Connection") != "close") res.set_header("Connection", "close");
    if (IsApiPath(req.path)) res.set_header("Cache-Control", "no-store");
    AddCommonHeaders(res);
  }

  void Handle(const httplib::Request& hreq, httplib::Response& hres) {
    Response res = api->Handle(ToRequest(hreq, true));
    hres.status = res.status;
    for (auto& [name, value] : res.headers) hres.set_header(name, value);
    if (!res.content_type.empty()) {
      hres.set_content(std::move(res.body), res.content_type.c_str());
    }
    if (IsApiPath(hreq.path)) hres.set_header("Cache-Control", "no-store");
    AddCommonHeaders(hres);
  }

  void Configure() {
    http.new_task_queue = [this] {
      return new PoolQueue(options.threads, options.max_queued_connections);
    };
    http.set_payload_max_length(options.max_body_bytes);
    http.set_read_timeout(options.read_timeout_seconds, 0);
    http.set_write_timeout(options.write_timeout_seconds, 0);
    http.set_keep_alive_timeout(options.keep_alive_timeout_seconds);
    http.set_keep_alive_max_count(options.keep_alive_max_requests);
    http.set_tcp_nodelay(true);

    http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      t_request_start = std::chrono::steady_clock::now();
      t_request_started = true;
      // Every answer is a whole representation: a Range header is ignored (RFC 9110 section
      // 14.2 lets a server do so), where httplib would cut a JSON answer short under a
      // 200. The Request is httplib's own non-const object, handed to this hook as const.
      const_cast<httplib::Request&>(req).ranges.clear();
      int status = 0;
      if (std::string why = FramingError(req, &status); !why.empty()) {
        AnswerWithoutBody(req, ErrorResponse(status, DefaultErrorCode(status), why), res);
        return httplib::Server::HandlerResponse::Handled;
      }
      if (std::optional<Response> early = AnswerBeforeBody(req)) {
        AnswerWithoutBody(req, *early, res);
        return httplib::Server::HandlerResponse::Handled;
      }
      // httplib 0.11 parses TRACE and CONNECT but routes neither, and its 400 said the
      // request "could not be parsed". The Api answers them as any method a path does not
      // take: 405 with Allow (404 for an unknown path). A method httplib does not know at all
      // still fails its parse (400) before reaching here.
      if (req.method == "TRACE" || req.method == "CONNECT") {
        Handle(req, res);
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      Handle(req, res);
    };
    // Every method and path goes to the Api, which routes itself (and answers 404/405).
    http.Get(".*", handler);
    http.Post(".*", handler);
    http.Put(".*", handler);
    http.Patch(".*", handler);
    http.Delete(".*", handler);
    http.Options(".*", handler);

    http.set_error_handler(httplib::Server::HandlerWithResponse(
        [this](const httplib::Request& req, httplib::Response& res) {
      // Called for every 4xx/5xx; the Api's own errors already have their JSON body.
      if (res.body.empty()) {
        Response err = ErrorResponse(res.status, DefaultErrorCode(res.status),
                                     MessageFor(res.status, options.max_body_bytes));
        res.set_content(err.body, err.content_type.c_str());
        // Errors of the HTTP layer (400, 413, 414) on an API path are not cached either;
        // the path is empty when the request line did not parse.
        if (IsApiPath(req.path) && !res.has_header("Cache-Control")) {
          res.set_header("Cache-Control", "no-store");
        }
      }
      AddCommonHeaders(res);
      return httplib::Server::HandlerResponse::Handled;
    }));
    http.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
          std::string what = "unexpected failure";
          try {
            if (ep) std::rethrow_exception(ep);
          } catch (const std::exception& e) {
            what = e.what();
          } catch (...) {
          }
          Response err = ErrorResponse(500, "internal", "internal error: " + what);
          res.status = 500;
          res.set_content(err.body, err.content_type.c_str());
          AddCommonHeaders(res);
        });
    http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      if (!log.enabled()) return;
      AccessLogEntry e;
      e.time_ms = WallMillis();
      e.remote = req.remote_addr;
      e.method = req.method;
      e.path = req.path;
      e.query = QueryOf(req.target);
      e.status = res.status;
      e.bytes = res.body.size();
      if (t_request_started) {
        e.duration_ms = std::chrono::duration<double, std::milli>(
                            std::chrono::steady_clock::now() - t_request_start)
                            .count();
        t_request_started = false;
      }
      log.Write(e);
    });
  }
};

HttpServer::HttpServer(Api* api, ServerOptions options)
    : impl_(std::make_unique<Impl>(api, std::move(options))) {
  impl_->Configure();
}

HttpServer::~HttpServer() { Stop(); }

Result<int> HttpServer::Bind() {
  ::signal(SIGPIPE, SIG_IGN);
  const ServerOptions& o = impl_->options;
  int port = o.port;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(o.host);
    if (port < 0) return Status::IOError("cannot listen on " + o.host + " (any port)");
  } else if (!impl_->http.bind_to_port(o.host, port)) {
    return Status::IOError("cannot listen on " + o.host + ":" + std::to_string(port) +
                           " (address in use, or not an address of this machine)");
  }
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->bound = true;
  return port;
}

Status HttpServer::Serve() {
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    if (!impl_->bound) return Status::InvalidArgument("Serve() before Bind()");
    if (impl_->stop_requested.load()) return Status::OK();
    impl_->serving = true;
  }
  // listen_after_bind returns false when the socket was closed by stop(), which is the normal
  // way out; it returns after its task queue drained (every accepted connection answered).
  impl_->http.listen_after_bind();
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->serving = false;
  return Status::OK();
}

void HttpServer::Stop() {
  impl_->stop_requested.store(true);
  // httplib's stop() only acts once its loop runs; wait for that when Serve() has begun, so a
  // Stop() racing with the start of Serve() is never lost.
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(impl_->mu);
      if (!impl_->serving) return;  // not started (Serve will see the flag) or finished
    }
    if (impl_->http.is_running()) {
      impl_->http.stop();
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace rasd::server
