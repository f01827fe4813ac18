// `rasd search --index DIR [--limit N] [--json] QUERY` and
// `rasd search --index DIR --batch QUERIES.tsv [--limit N] --format trec` (contracts: scripts
// outside the project depend on both output shapes).
//   --json:  one object per line {"id":…,"score":…,"title":…,"source":…,"date":…,"snippet":…,
//            "highlights":[[start,end],…]} (byte ranges of the matched words within "snippet")
//   trec:    "qid Q0 docid rank score rasd", all queries answered in one process
// Batch extras for evaluation and benchmarks: --literal (queries are plain words,
// literal_query.h) and --timing FILE (repeated in-process timed passes, see TimePasses).
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <sstream>
#include <iostream>
#include <thread>
#include <unordered_map>

#include "rasd/base/env.h"
#include "rasd/base/json.h"
#include "rasd/cli/command.h"
#include "rasd/cli/flags.h"
#include "rasd/cli/input.h"
#include "rasd/cli/ir_metrics.h"
#include "rasd/cli/literal_query.h"
#include "rasd/engine/analysis.h"
#include "rasd/engine/engine.h"

namespace rasd::cli {
namespace {

constexpr char kUsage[] =
    "usage: rasd search --index DIR [flags] QUERY\n"
    "       rasd search --index DIR --batch QUERIES.tsv [--limit N] --format trec\n"
    "Query language: words, \"phrases\" or «phrases», OR, -exclusion, title:/body:/source:,\n"
    "date:2018-05-01..2018-05-31, prefix*, word~ (spelling variants).\n";

Result<engine::SortOrder> ParseSort(const std::string& s) {
  if (s == "relevance") return engine::SortOrder::kRelevance;
  if (s == "newest") return engine::SortOrder::kNewest;
  if (s == "oldest") return engine::SortOrder::kOldest;
  return Status::InvalidArgument("flag --sort: expected relevance, newest or oldest, got '" + s +
                                 "'");
}

Result<int64_t> ParseDateFlag(const std::string& name, const std::string& value, bool end_of_day) {
  auto t = engine::ParseIsoDate(value);
  if (!t) {
    return Status::InvalidArgument("flag --" + name + ": expected an ISO 8601 date, got '" +
                                   value + "'");
  }
  // A bare day as an upper bound means the whole day.
  return value.size() == 10 && end_of_day ? *t + 86399 : *t;
}

void PrintText(const engine::SearchResult& result, size_t offset, bool color) {
  std::string out;
  size_t rank = offset;
  for (const auto& hit : result.hits) {
    char score[32];
    std::snprintf(score, sizeof(score), "%.3f", hit.score);
    out += std::to_string(++rank) + ". " + hit.title + "\n   " + hit.id;
    if (!hit.source.empty()) out += " · " + hit.source;
    if (!hit.date.empty()) out += " · " + hit.date;
    out += " · " + std::string(score) + "\n   ";
    for (const auto& part : hit.snippet) {
      if (part.highlighted && color) out += "\033[1m";
      // A passage may span paragraphs: keep each result on its own three lines.
      for (char c : part.text) out += c == '\n' || c == '\r' ? ' ' : c;
      if (part.highlighted && color) out += "\033[0m";
    }
    out += "\n\n";
  }
  out += std::to_string(result.total) + " matching articles";
  for (const auto& [from, to] : result.expansions) out += "; " + from + " ~ " + to;
  out += "\n";
  std::cout << out;
}

void PrintJson(const engine::SearchResult& result) {
  std::string out;
  for (const auto& hit : result.hits) {
    base::JsonWriter w(&out);
    w.BeginObject()
        .Key("id").String(hit.id)
        .Key("score").Double(hit.score)
        .Key("title").String(hit.title)
        .Key("source").String(hit.source)
        .Key("date").String(hit.date)
        .Key("snippet").String(hit.SnippetText())
        .Key("highlights").BeginArray();
    size_t at = 0;
    for (const auto& part : hit.snippet) {
      if (part.highlighted) {
        w.BeginArray().Uint(at).Uint(at + part.text.size()).EndArray();
      }
      at += part.text.size();
    }
    w.EndArray().EndObject();
    out += '\n';
  }
  std::cout << out;
}

struct BatchQuery {
  std::string qid;
  std::string text;
};

// Options of the timing mode (--timing FILE): the benchmark harness's measurement, done
// in-process so that process start-up and output formatting are not counted.
struct TimingOptions {
  std::string path;  // per-search latencies: "qid<TAB>milliseconds" lines, then a summary
  int warmup = 1;    // untimed passes (the first one also prints the results)
  int repeats = 5;   // timed passes
  int threads = 1;   // timed passes split over this many threads (throughput)
};

// Times `repeats` passes over `queries` with `threads` threads pulling queries from a shared
// counter. Each search covers what the peers' timing covers: analysing the query, the top-k
// search and fetching the k external ids.
int TimePasses(const engine::Engine& eng, const engine::SearchOptions& base,
               const std::vector<BatchQuery>& queries, const TimingOptions& timing) {
  for (int w = 1; w < timing.warmup; ++w) {
    engine::SearchOptions options = base;
    for (const auto& q : queries) {
      options.query = q.text;
      if (!eng.Search(options).ok()) return kExitFailure;
    }
  }
  const size_t total = queries.size() * static_cast<size_t>(timing.repeats);
  std::vector<double> ms(total, 0.0);
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  auto worker = [&]() {
    engine::SearchOptions options = base;
    for (size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < total;) {
      options.query = queries[i % queries.size()].text;
      const auto t0 = std::chrono::steady_clock::now();
      auto result = eng.Search(options);
      const auto t1 = std::chrono::steady_clock::now();
      if (!result.ok()) failed = true;
      ms[i] = std::chrono::duration<double, std::milli>(t1 - t0).count();
    }
  };
  const auto wall0 = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 1; t < timing.threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  if (failed) {
    std::cerr << "rasd search: a timed search failed\n";
    return kExitFailure;
  }
  std::string out;
  for (size_t i = 0; i < total; ++i) {
    char buf[48];
    std::snprintf(buf, sizeof(buf), "\t%.4f\n", ms[i]);
    out += queries[i % queries.size()].qid + buf;
  }
  char summary[160];
  std::snprintf(summary, sizeof(summary), "# threads=%d searches=%zu wall_s=%.6f\n",
                timing.threads, total, wall_s);
  out += summary;
  const Status written =
      base::WriteStringToFile(base::Env::Default(), out, timing.path, /*sync=*/false);
  if (!written.ok()) {
    std::cerr << "rasd search: " << written.message() << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

int RunBatch(const engine::Engine& eng, engine::SearchOptions options, const std::string& path,
             const std::string& format, bool literal, const TimingOptions* timing) {
  Result<std::string> text_of_file = ReadInput(path);
  if (!text_of_file.ok()) {
    std::cerr << "rasd search: " << text_of_file.status().message() << "\n";
    return kExitFailure;
  }
  options.facets = false;
  options.fetch_text = false;  // the batch formats print ids and scores only
  std::vector<BatchQuery> queries;
  std::string out;
  std::istringstream in(std::move(text_of_file).value());
  std::string line;
  size_t line_number = 0;
  std::unordered_map<std::string, size_t> qid_lines;  // qid -> its line
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) {
      std::cerr << "rasd search: " << path << ":" << line_number
                << ": expected qid<TAB>query, skipped\n";
      continue;
    }
    std::string text = line.substr(tab + 1);
    std::string qid = line.substr(0, tab);
    // A query of nothing would list arbitrary articles at score 0 (an empty query browses),
    // which a run file would count as answers. A run's rows are split at spaces: an empty
    // qid would shift their columns, and a qid given twice would rank two lists as one.
    std::string why;
    if (Status valid = engine::ValidateUtf8(text); !valid.ok()) {
      why = valid.message();
    } else if (text.find_first_not_of(" \t") == std::string::npos) {
      why = "empty query";
    } else if (qid.find_first_not_of(' ') == std::string::npos) {
      why = "empty qid";
    } else if (auto [earlier, first] = qid_lines.emplace(qid, line_number); !first) {
      why = "qid '" + qid + "' is given already on line " + std::to_string(earlier->second);
    }
    if (!why.empty()) {
      std::cerr << "rasd search: " << path << ":" << line_number << ": " << why << ", skipped\n";
      continue;
    }
    queries.push_back({std::move(qid), literal ? LiteralQuery(text) : std::move(text)});
  }
  for (const auto& q : queries) {
    options.query = q.text;
    auto result = eng.Search(options);
    if (!result.ok()) {
      std::cerr << "rasd search: " << path << ": query " << q.qid << ": "
                << result.status().ToString() << "\n";
      return kExitFailure;
    }
    if (format == "trec") {
      size_t rank = 0;
      for (const auto& hit : result->hits) {
        char score[32];
        std::snprintf(score, sizeof(score), "%.6f", hit.score);
        out += TrecEscape(q.qid) + " Q0 " + TrecEscape(hit.id) + " " + std::to_string(++rank) +
               " " + score + " rasd\n";
      }
    } else {
      for (const auto& hit : result->hits) {
        base::JsonWriter w(&out);
        w.BeginObject().Key("qid").String(q.qid).Key("id").String(hit.id).Key("score").Double(
            hit.score).EndObject();
        out += '\n';
      }
    }
    if (out.size() > (1 << 20)) {
      std::cout << out;
      out.clear();
    }
  }
  std::cout << out << std::flush;
  if (timing != nullptr && !queries.empty()) return TimePasses(eng, options, queries, *timing);
  return kExitOk;
}

}  // namespace

int RunSearch(const std::vector<std::string>& args) {
  Flags flags;
  flags.Value("index", "DIR", "the index directory")
      .Value("limit", "N", "results to print (default 10, at most 1000)")
      .Value("offset", "N", "skip the first N results (pagination)")
      .Switch("json", "one JSON object per result line")
      .Value("sort", "ORDER", "relevance (default), newest or oldest")
      .Value("source", "NAME", "only this outlet (repeatable)")
      .Value("from", "DATE", "only articles dated on or after DATE (ISO 8601)")
      .Value("to", "DATE", "only articles dated on or before DATE")
      .Value("entity", "NAME", "only articles mentioning this entity (repeatable)")
      .Value("speaker", "NAME", "only articles quoting this speaker (repeatable)")
      .Switch("strict", "report query syntax errors instead of answering leniently")
      .Value("batch", "FILE", "answer every qid<TAB>query line of FILE (- reads standard input)")
      .Value("format", "FMT", "batch output: trec (default) or json")
      .Switch("literal", "batch: read queries as plain words, not the query language")
      .Value("timing", "FILE", "batch: time repeated passes in-process, latencies to FILE")
      .Value("warmup", "N", "timing: untimed passes, the first prints results (default 1)")
      .Value("repeats", "N", "timing: timed passes (default 5)")
      .Value("threads", "N", "timing: threads sharing the timed passes (default 1)")
      .Switch("help", "show this help");
  if (auto exit = ParseCommandLine(&flags, args, "rasd search", kUsage)) return *exit;
  const auto dir = flags.Get("index");
  const auto batch = flags.Get("batch");
  if (!dir || (!batch && flags.positional().empty())) {
    std::cerr << "rasd search: " << (dir ? "no query given" : "--index DIR is required") << "\n"
              << kUsage;
    return kExitUsage;
  }
  engine::SearchOptions options;
  auto usage_error = [&](const Status& s) {
    std::cerr << "rasd search: " << s.message() << "\n";
    return kExitUsage;
  };
  auto limit = flags.GetInt("limit", 10, 1, 1000);
  if (!limit.ok()) return usage_error(limit.status());
  auto offset = flags.GetInt("offset", 0, 0,
                             static_cast<int64_t>(engine::kMaxResultWindow) - *limit);
  if (!offset.ok()) return usage_error(offset.status());
  options.limit = static_cast<size_t>(*limit);
  options.offset = static_cast<size_t>(*offset);
  auto sort = ParseSort(flags.GetOr("sort", "relevance"));
  if (!sort.ok()) return usage_error(sort.status());
  options.sort = *sort;
  if (auto from = flags.Get("from")) {
    auto t = ParseDateFlag("from", *from, false);
    if (!t.ok()) return usage_error(t.status());
    options.from = *t;
  }
  if (auto to = flags.Get("to")) {
    auto t = ParseDateFlag("to", *to, true);
    if (!t.ok()) return usage_error(t.status());
    options.to = *t;
  }
  // As the API answers: a window that ends before it starts matched nothing, without a word.
  if (options.from && options.to && *options.to < *options.from) {
    return usage_error(Status::InvalidArgument("flag --to is earlier than --from"));
  }
  options.sources = flags.GetAll("source");
  options.entities = flags.GetAll("entity");
  options.speakers = flags.GetAll("speaker");
  options.strict = flags.Has("strict");
  const std::string format = flags.GetOr("format", "trec");
  if (format != "trec" && format != "json") {
    return usage_error(Status::InvalidArgument("flag --format: expected trec or json"));
  }

  engine::OpenOptions open_options;
  open_options.read_only = true;
  open_options.create_if_missing = false;
  auto eng = engine::Engine::Open(*dir, open_options);
  if (!eng.ok()) {
    std::cerr << "rasd search: " << eng.status().ToString() << "\n";
    return kExitFailure;
  }
  if (batch) {
    TimingOptions timing;
    if (auto t = flags.Get("timing")) {
      timing.path = *t;
      auto warmup = flags.GetInt("warmup", 1, 1, 1000);
      auto repeats = flags.GetInt("repeats", 5, 1, 100000);
      auto threads = flags.GetInt("threads", 1, 1, 256);
      for (auto* v : {&warmup, &repeats, &threads}) {
        if (!v->ok()) return usage_error(v->status());
      }
      timing.warmup = static_cast<int>(*warmup);
      timing.repeats = static_cast<int>(*repeats);
      timing.threads = static_cast<int>(*threads);
    }
    return RunBatch(**eng, options, *batch, format, flags.Has("literal"),
                    flags.Has("timing") ? &timing : nullptr);
  }

  std::string query;
  for (const auto& word : flags.positional()) query += (query.empty() ? "" : " ") + word;
  options.query = query;
  // The text output prints an exact total (which facets give) but no facet: the entity
  // facets, which would load the catalog for their names, are left out.
  options.facets = !flags.Has("json");
  options.entity_facets = false;
  auto result = (*eng)->Search(options);
  if (!result.ok()) {
    std::cerr << "rasd search: " << result.status().ToString() << "\n";
    return result.status().IsInvalidArgument() ? kExitUsage : kExitFailure;
  }
  if (flags.Has("json")) {
    PrintJson(*result);
  } else {
    PrintText(*result, options.offset, ::isatty(STDOUT_FILENO));
  }
  return kExitOk;
}

}  // namespace rasd::cli
