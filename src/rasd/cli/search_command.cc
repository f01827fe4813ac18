// `rasd search --index DIR [--limit N] [--json] QUERY` and
// `rasd search --index DIR --batch QUERIES.tsv [--limit N] --format trec` (contracts: scripts
// outside the project depend on both output shapes).
//   --json:  one object per line {"id":…,"score":…,"title":…,"source":…,"date":…,"snippet":…}
//   trec:    "qid Q0 docid rank score rasd", all queries answered in one process
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "rasd/base/json.h"
#include "rasd/cli/command.h"
#include "rasd/cli/flags.h"
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
      out += part.text;
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
        .EndObject();
    out += '\n';
  }
  std::cout << out;
}

int RunBatch(const engine::Engine& eng, engine::SearchOptions options, const std::string& path,
             const std::string& format) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "rasd search: cannot open " << path << "\n";
    return kExitFailure;
  }
  options.facets = false;
  std::string line, out;
  size_t line_number = 0;
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
    const std::string qid = line.substr(0, tab);
    options.query = line.substr(tab + 1);
    auto result = eng.Search(options);
    if (!result.ok()) {
      std::cerr << "rasd search: " << path << ":" << line_number << ": "
                << result.status().ToString() << "\n";
      return kExitFailure;
    }
    if (format == "trec") {
      size_t rank = 0;
      for (const auto& hit : result->hits) {
        char score[32];
        std::snprintf(score, sizeof(score), "%.6f", hit.score);
        out += qid + " Q0 " + hit.id + " " + std::to_string(++rank) + " " + score + " rasd\n";
      }
    } else {
      for (const auto& hit : result->hits) {
        base::JsonWriter w(&out);
        w.BeginObject().Key("qid").String(qid).Key("id").String(hit.id).Key("score").Double(
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
      .Value("batch", "FILE", "answer every qid<TAB>query line of FILE")
      .Value("format", "FMT", "batch output: trec (default) or json")
      .Switch("help", "show this help");
  if (Status s = flags.Parse(args); !s.ok()) {
    std::cerr << "rasd search: " << s.message() << "\n" << kUsage << flags.Help();
    return kExitUsage;
  }
  if (flags.Has("help")) {
    std::cout << kUsage << flags.Help();
    return kExitOk;
  }
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
  auto offset = flags.GetInt("offset", 0, 0, 1000000);
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
  if (batch) return RunBatch(**eng, options, *batch, format);

  std::string query;
  for (const auto& word : flags.positional()) query += (query.empty() ? "" : " ") + word;
  options.query = query;
  options.facets = !flags.Has("json");
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
