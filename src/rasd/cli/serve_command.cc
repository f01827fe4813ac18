// `rasd serve --index DIR [--port P] [--host H] [--write-token T] [--threads N] [--web DIR]`:
// the HTTP JSON API and the web page over one index (issue 6; docs/API.md).
//
// Loopback by default. Writes (POST/DELETE /api/articles) need a token, from --write-token
// or, better (it does not show in `ps`), the RASD_WRITE_TOKEN environment variable; without
// one the server is read-only. The first line on standard output is the address, e.g.
//   rasd serve: listening on http://127.0.0.1:8080/
// (tests start the server with --port 0 and read the chosen port from it). Access logs go
// to standard error, one JSON object per line.
//
// Shutdown: SIGINT or SIGTERM stops accepting connections, lets every request in flight
// finish (an ingest in progress is committed before it is answered), commits anything still
// pending and closes the index, then exits 0. The signals are taken by a dedicated thread
// with sigwait(), never in an async handler, so the shutdown runs ordinary code.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "rasd/cli/command.h"
#include "rasd/cli/flags.h"
#include "rasd/engine/engine.h"
#include "rasd/server/access_log.h"
#include "rasd/server/api.h"
#include "rasd/server/http_server.h"
#include "rasd/server/static_files.h"

namespace rasd::cli {
namespace {

constexpr char kUsage[] =
    "usage: rasd serve --index DIR [--port P] [--host H] [--write-token T] [--threads N]\n"
    "                  [--web DIR] [--font-dir DIR] [--max-body-mb N] [--no-access-log]\n"
    "Serves the HTTP JSON API (docs/API.md) and the web page over the index in DIR.\n"
    "The write token may also come from the RASD_WRITE_TOKEN environment variable.\n";

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace

int RunServe(const std::vector<std::string>& args) {
  Flags flags;
  flags.Value("index", "DIR", "the index directory (created when missing)")
      .Value("port", "P", "TCP port (default 8080; 0 picks a free one)")
      .Value("host", "H", "address to listen on (default 127.0.0.1, loopback only)")
      .Value("write-token", "T", "token for POST/DELETE /api/articles (or RASD_WRITE_TOKEN)")
      .Value("threads", "N", "worker threads (default 16)")
      .Value("web", "DIR", "the web page's folder (default: web/ of the source tree)")
      .Value("font-dir", "DIR", "folder of the Arabic fonts served under /fonts/")
      .Value("max-body-mb", "N", "largest request body in MiB (default 64)")
      .Switch("no-access-log", "do not log requests to standard error")
      .Switch("help", "show this help");
  if (auto exit = ParseCommandLine(&flags, args, "rasd serve", kUsage)) return *exit;
  if (!flags.Get("index") || !flags.positional().empty()) {
    std::cerr << "rasd serve: "
              << (flags.Get("index") ? "unexpected argument '" + flags.positional()[0] + "'"
                                     : std::string("--index DIR is required"))
              << "\n" << kUsage;
    return kExitUsage;
  }
  auto port = flags.GetInt("port", 8080, 0, 65535);
  auto threads = flags.GetInt("threads", 16, 1, 1024);
  auto max_body_mb = flags.GetInt("max-body-mb", 64, 1, 4096);
  for (const auto* r : {&port, &threads, &max_body_mb}) {
    if (!r->ok()) {
      std::cerr << "rasd serve: " << r->status().message() << "\n";
      return kExitUsage;
    }
  }

  server::ServerOptions options;
  options.host = flags.GetOr("host", "127.0.0.1");
  options.port = static_cast<int>(*port);
  options.threads = static_cast<size_t>(*threads);
  options.max_body_bytes = static_cast<size_t>(*max_body_mb) << 20;
  options.log_fd = flags.Has("no-access-log") ? -1 : 2;
  if (!IsLoopback(options.host)) {
    std::cerr << "rasd serve: warning: listening on " << options.host
              << ", which other machines may reach; the API has no TLS\n";
  }

  server::ApiOptions api_options;
  if (auto token = flags.Get("write-token")) {
    api_options.write_token = *token;
  } else if (const char* env = std::getenv("RASD_WRITE_TOKEN"); env != nullptr) {
    api_options.write_token = env;
  }

  const std::string web_dir = flags.GetOr("web", server::DefaultWebDir());
  const std::string font_dir = flags.GetOr("font-dir", server::DefaultFontDir());
  if (flags.Get("web") && access((web_dir + "/index.html").c_str(), R_OK) != 0) {
    std::cerr << "rasd serve: --web " << web_dir << " holds no index.html\n";
    return kExitUsage;
  }

  // Block the shutdown signals before any thread starts, so every thread inherits the mask
  // and only the waiting thread below receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  engine::OpenOptions open_options;
  open_options.sync_log = true;  // an acknowledged article survives a crash
  auto eng = engine::Engine::Open(*flags.Get("index"), open_options);
  if (!eng.ok()) {
    std::cerr << "rasd serve: " << eng.status().ToString() << "\n";
    return kExitFailure;
  }
  std::unique_ptr<engine::Engine> engine = std::move(eng).value();

  server::StaticFiles static_files(web_dir, font_dir);
  server::Api api(engine.get(), &static_files, api_options);
  server::HttpServer http(&api, options);
  auto bound = http.Bind();
  if (!bound.ok()) {
    std::cerr << "rasd serve: " << bound.status().message() << "\n";
    return kExitFailure;
  }
  const server::AccessLog log(options.log_fd);

  std::atomic<int> received{0};
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    received = sig;
    http.Stop();
  });

  uint64_t articles = 0;
  if (auto stats = engine->Stats(); stats.ok()) articles = stats->articles;
  const std::string shown_host =
      options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  std::cout << "rasd serve: listening on http://" << shown_host << ":" << *bound << "/ (index "
            << *flags.Get("index") << ", " << articles << " articles, writes "
            << (api_options.write_token.empty() ? "disabled" : "enabled") << ")" << std::endl;

  Status served = http.Serve();
  if (received == 0) {
    // Serve() ended without a signal (an error): wake the waiting thread.
    pthread_kill(waiter.native_handle(), SIGTERM);
  }
  waiter.join();

  Status flushed = api.Flush();
  if (flushed.ok()) {
    if (Status s = engine->SaveCatalog(); !s.ok()) {
      std::cerr << "rasd serve: warning: the entity and story catalog was not saved: "
                << s.ToString() << "\n";
    }
  }
  engine.reset();  // closes the index
  log.WriteLine(std::string("{\"event\":\"shutdown\",\"signal\":\"") +
                (received == SIGINT ? "SIGINT" : received == SIGTERM ? "SIGTERM" : "none") +
                "\",\"articles_ingested\":" + std::to_string(api.articles_ingested()) +
                ",\"committed\":" + (flushed.ok() ? "true" : "false") + "}\n");
  if (!served.ok() || !flushed.ok()) {
    std::cerr << "rasd serve: " << (served.ok() ? flushed : served).ToString() << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace rasd::cli
