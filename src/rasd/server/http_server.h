// HttpServer: serves an Api over HTTP/1.1 with cpp-httplib, with production manners.
//
//   - A bounded pool (thread_pool.h): `threads` workers handle connections; at most
//     `max_queued_connections` more wait, then the accept loop itself waits.
//   - Limits: request bodies above `max_body_bytes` are refused with 413 (the body is
//     not kept); reads and writes time out after `read_timeout_seconds` /
//     `write_timeout_seconds` of silence (a slow or stalled client cannot hold a worker
//     forever); an idle keep-alive connection is closed after `keep_alive_timeout_seconds`,
//     and a connection serves at most `keep_alive_max_requests` requests so that busy
//     clients take turns with waiting ones. Request lines above 8 KiB are refused with 414.
//   - Every response carries security headers (a Content-Security-Policy that allows no
//     inline script or style and only same-origin loads, X-Content-Type-Options: nosniff,
//     X-Frame-Options, Referrer-Policy); API answers are not cached.
//   - Errors raised by the HTTP layer itself (400 unparsable request, 413, 414) carry the
//     same JSON error body as the API's own.
//   - An access log line per request (access_log.h).
//   - Stop() closes the listening socket; Serve() then lets every accepted connection finish
//     its current request and returns once the pool has drained. Nothing in flight is cut.
//
// Binding ignores SIGPIPE for the whole process: cpp-httplib writes to sockets without
// MSG_NOSIGNAL, and a client that hangs up must not kill the server.
//
// Thread-safety: Bind and Serve from one thread; Stop from any thread (not from a signal
// handler: call it from a thread that waited for the signal, as `rasd serve` does).
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "rasd/base/result.h"
#include "rasd/server/api.h"

namespace rasd::server {

struct ServerOptions {
  std::string host = "127.0.0.1";       // loopback by default
  int port = 8080;                      // 0: any free port (Bind returns it)
  size_t threads = 16;
  size_t max_queued_connections = 1024;
  size_t max_body_bytes = 64u << 20;
  int read_timeout_seconds = 10;
  int write_timeout_seconds = 10;
  // A connection holds a worker for its whole life, idle or not: short idle time and few
  // requests per connection keep 16 workers fair to hundreds of clients (with 5 s and 100, a
  // 256-connection load test left some clients waiting past their 10 s timeout).
  int keep_alive_timeout_seconds = 1;
  size_t keep_alive_max_requests = 10;
  int log_fd = 2;                       // the access log's file descriptor; -1: none
};

class HttpServer {
 public:
  // `api` is not owned and must outlive the server.
  HttpServer(Api* api, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the listening socket. Returns the port (the chosen one when options.port is 0).
  // IOError naming host and port when the address is taken or invalid.
  Result<int> Bind();
  // Serves until Stop(); returns after every accepted connection was answered.
  Status Serve();
  // Asks Serve() to return. Idempotent; safe before Serve() starts (Serve then returns at
  // once).
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rasd::server
