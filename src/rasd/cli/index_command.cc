// `rasd index --index DIR FILE|DIR|- ...`: adds or replaces articles and commits (a contract:
// scripts outside the project depend on it). Bad records are reported as "file:line: reason"
// on stderr and skipped; the exit status is 1 when any record failed (the good ones are still
// committed), 0 otherwise.
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "rasd/cli/command.h"
#include "rasd/cli/flags.h"
#include "rasd/engine/engine.h"
#include "rasd/ingest/ingester.h"

namespace rasd::cli {
namespace {

constexpr char kUsage[] =
    "usage: rasd index --index DIR [flags] FILE|DIR|- ...\n"
    "Adds or replaces articles (JSONL, .jsonl.zst, .txt, .html, directories of these; '-' reads\n"
    "JSONL from standard input) and commits them.\n";

}  // namespace

int RunIndex(const std::vector<std::string>& args) {
  Flags flags;
  flags.Value("index", "DIR", "the index directory (created when missing)")
      .Switch("strict", "stop at the first bad record (nothing from this run is committed)")
      .Switch("jsonl", "read every input as JSONL whatever its name")
      .Switch("no-extract", "skip entity, quote and story extraction (faster)")
      .Switch("no-title", "store titles but do not make them searchable (known-item evaluation)")
      .Switch("no-store", "keep only ids, not the article text (as the benchmark peers do)")
      .Switch("optimize", "merge into one segment after the commit (as the peers' runs do)")
      .Value("memory", "MB", "indexing buffer before a segment is flushed (default 256)")
      .Value("max-errors", "N", "print at most N bad-record messages (default 100)")
      .Switch("quiet", "no progress or summary")
      .Switch("help", "show this help");
  if (auto exit = ParseCommandLine(&flags, args, "rasd index", kUsage)) return *exit;
  const auto dir = flags.Get("index");
  if (!dir || flags.positional().empty()) {
    std::cerr << "rasd index: " << (dir ? "no input given" : "--index DIR is required") << "\n"
              << kUsage;
    return kExitUsage;
  }
  auto max_errors = flags.GetInt("max-errors", 100, 0, 1 << 30);
  if (!max_errors.ok()) {
    std::cerr << "rasd index: " << max_errors.status().message() << "\n";
    return kExitUsage;
  }

  auto memory_mb = flags.GetInt("memory", 256, 8, 1 << 20);
  if (!memory_mb.ok()) {
    std::cerr << "rasd index: " << memory_mb.status().message() << "\n";
    return kExitUsage;
  }

  engine::OpenOptions options;
  options.extract = !flags.Has("no-extract");
  options.index_title = !flags.Has("no-title");
  options.store_text = !flags.Has("no-store");
  // Nothing is acknowledged before the commit at the end, so the write-ahead log (which makes
  // single acknowledged Adds durable, as the server's ingest needs) would only double the
  // writing. An interrupted run leaves the index at its previous commit.
  options.write_log = false;
  options.pipeline_ingest = true;  // analyse the next article while the last one is indexed
  options.memory_budget_bytes = static_cast<uint64_t>(*memory_mb) << 20;
  // With --optimize, one merge of the flushed segments at the end, not tiered merges of ten
  // along the way as well: at 1M articles (11 flushes) a merge of ten rewrote nine tenths of
  // the postings, indexing stopped meanwhile, just before the final merge rewrote them all
  // again. Up to 64 segments (some 5 million news articles at the default memory budget)
  // wait for that final merge; beyond, they merge 64 at a time.
  if (flags.Has("optimize")) options.merge_segments_per_tier = 64;
  auto eng = engine::Engine::Open(*dir, options);
  if (!eng.ok()) {
    std::cerr << "rasd index: " << eng.status().ToString() << "\n";
    return kExitFailure;
  }

  const bool quiet = flags.Has("quiet");
  const bool interactive = !quiet && ::isatty(STDERR_FILENO);
  ingest::Progress progress(ingest::Ingester::TotalInputBytes(flags.positional()), interactive,
                            stderr);
  ingest::IngestOptions ingest_options;
  ingest_options.strict = flags.Has("strict");
  ingest_options.force_jsonl = flags.Has("jsonl");
  ingest_options.progress = quiet ? nullptr : &progress;
  long long printed = 0;
  // Batches of 32: with extraction on, the engine extracts them on every core.
  ingest::Ingester ingester(
      ingest_options,
      [&](std::vector<engine::Article> batch) { return (*eng)->AddBatch(std::move(batch)); }, 32,
      [&](const ingest::RecordError& e) {
        if (printed++ >= *max_errors) return;
        if (interactive) std::cerr << "\r\033[K";  // clear the progress line first
        std::cerr << e.where << (e.warning ? ": warning: " : ": ") << e.reason << "\n";
      });
  Status status = ingester.Run(flags.positional());
  if (!status.ok() && !ingest_options.strict) {
    std::cerr << "rasd index: " << status.ToString() << "\n";
    return kExitFailure;
  }
  if (status.ok()) {
    if (Status s = (*eng)->Commit(); !s.ok()) {
      std::cerr << "rasd index: commit failed: " << s.ToString() << "\n";
      return kExitFailure;
    }
    if (flags.Has("optimize")) {
      if (Status s = (*eng)->Optimize(); !s.ok()) {
        std::cerr << "rasd index: optimize failed: " << s.ToString() << "\n";
        return kExitFailure;
      }
    }
    // Cluster the new articles into stories now, so that `rasd serve` starts from the saved
    // catalog. It is a cache: failing to save it loses nothing.
    if (options.extract) {
      if (Status s = (*eng)->SaveCatalog(); !s.ok()) {
        std::cerr << "rasd index: warning: the entity and story catalog was not saved (it will "
                     "be rebuilt when needed): "
                  << s.ToString() << "\n";
      }
    }
  }
  const auto& counts = ingester.counts();
  // After a --strict stop nothing was committed: "N articles indexed" would say otherwise.
  if (!quiet && status.ok()) progress.Finish(counts.articles, counts.failed, counts.bytes);
  if (!quiet && !status.ok()) progress.Abandon();
  if (printed > *max_errors) {
    std::cerr << (printed - *max_errors) << " more bad records and warnings not shown\n";
  }
  if (!status.ok()) {
    std::cerr << "rasd index: " << status.message() << " (stopped: --strict; nothing committed)\n";
    return kExitFailure;
  }
  return counts.failed > 0 ? kExitFailure : kExitOk;
}

}  // namespace rasd::cli
