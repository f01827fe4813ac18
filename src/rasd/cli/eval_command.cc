// `rasd eval --index DIR --queries Q --qrels R [--limit 100] [--per-query] [--run FILE]`:
// effectiveness of the index's ranking on a judged query set (metrics: ir_metrics.h).
//
// Queries: JSONL, one {"qid":…,"text":…} object per line (other members ignored; a "split"
// member can be selected with --split), or TSV qid<TAB>query. The format is told by the first
// non-blank character of the file ('{' = JSONL). Qrels: TREC "qid iter docid rel".
//
// Queries are natural-language text, so they are searched as plain words (literal_query.h),
// as the peers do; --syntax parses them with the query language instead.
//
// Output (stdout): one summary line per run, or with --json one JSON object
//   {"queries":…,"map":…,"ndcg@10":…,"mrr@10":…,"recall@10":…,"recall@100":…,…}
// With --per-query, first one TSV line per evaluated query (qid, rank of the first relevant
// document or 0, AP, nDCG@10, RR@10, R@10, R@100, number relevant, the query text), for error
// analysis; a "#" header line names the columns. --run FILE writes the TREC run too.
//
// --baseline RUN compares the ranking with another system's TREC run on the same queries:
// for each metric, the mean per-query difference and the two-sided p-value of a paired
// randomization test (significance.h), as a second summary line or the JSON's "baseline".
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>

#include "rasd/base/env.h"
#include "rasd/base/json.h"
#include "rasd/cli/command.h"
#include "rasd/cli/flags.h"
#include "rasd/cli/input.h"
#include "rasd/cli/ir_metrics.h"
#include "rasd/cli/literal_query.h"
#include "rasd/cli/significance.h"
#include "rasd/engine/engine.h"

namespace rasd::cli {
namespace {

constexpr char kUsage[] =
    "usage: rasd eval --index DIR --queries QUERIES --qrels QRELS [flags]\n"
    "QUERIES: JSONL {\"qid\":…,\"text\":…} or TSV qid<TAB>query; QRELS: TREC 'qid 0 docid rel'.\n"
    "Prints MAP, nDCG@10, MRR@10, Recall@10 and Recall@100 over the judged queries.\n";

struct EvalQuery {
  std::string qid;
  std::string text;
};

std::string JsonScalar(const base::JsonValue* v) {
  if (v == nullptr || v->is_null()) return "";
  if (v->is_string()) return v->string_value();
  return v->Serialize();  // numeric qids
}

Result<std::vector<EvalQuery>> ParseQueries(const std::string& path, const std::string& text,
                                            const std::string& split) {
  std::vector<EvalQuery> out;
  std::map<std::string, size_t> line_of;  // qid -> the line that gave it
  const size_t first = text.find_first_not_of(" \t\r\n");
  const bool jsonl = first != std::string::npos && text[first] == '{';
  size_t pos = 0, line_number = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    const std::string where = path + ":" + std::to_string(line_number) + ": ";
    if (jsonl) {
      auto value = base::ParseJson(line);
      if (!value.ok()) return Status::InvalidArgument(where + value.status().message());
      const std::string qid = JsonScalar(value->Find("qid"));
      const base::JsonValue* t = value->Find("text");
      if (qid.empty() || t == nullptr || !t->is_string()) {
        return Status::InvalidArgument(where + "expected {\"qid\":…,\"text\":\"…\"}");
      }
      if (!split.empty() && JsonScalar(value->Find("split")) != split) continue;
      if (auto [it, fresh] = line_of.emplace(qid, line_number); !fresh) {
        return Status::InvalidArgument(where + "qid " + qid + " was given already on line " +
                                       std::to_string(it->second));
      }
      out.push_back({qid, t->string_value()});
    } else {
      if (line[0] == '#') continue;
      const size_t tab = line.find('\t');
      if (tab == std::string::npos || tab == 0) {
        return Status::InvalidArgument(where + "expected qid<TAB>query");
      }
      if (!split.empty()) {
        return Status::InvalidArgument("--split needs JSONL queries with a \"split\" member");
      }
      // Each qid once: the metrics are kept per qid, so a second query of the same qid was
      // scored as the first and printed with the second's text.
      if (auto [it, fresh] = line_of.emplace(line.substr(0, tab), line_number); !fresh) {
        return Status::InvalidArgument(where + "qid " + line.substr(0, tab) +
                                       " was given already on line " + std::to_string(it->second));
      }
      out.push_back({line.substr(0, tab), line.substr(tab + 1)});
    }
  }
  return out;
}

std::string Fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.4f", v);
  return buf;
}

Result<Run> ReadRun(const std::string& path, size_t depth) {
  auto text = ReadInput(path);
  if (!text.ok()) return text.status();
  auto run = ParseRun(*text, depth);
  if (!run.ok()) return Status::InvalidArgument(path + ": " + run.status().message());
  return run;
}

// One metric of every evaluated query, in qid order.
std::vector<double> Column(const std::map<std::string, QueryMetrics>& per_query,
                           double QueryMetrics::*metric) {
  std::vector<double> out;
  out.reserve(per_query.size());
  for (const auto& [qid, m] : per_query) out.push_back(m.*metric);
  return out;
}

struct MetricColumn {
  const char* key;   // in the JSON
  const char* name;  // in the summary line
  double QueryMetrics::*member;
};
constexpr MetricColumn kMetrics[] = {
    {"map", "MAP", &QueryMetrics::ap},
    {"ndcg@10", "nDCG@10", &QueryMetrics::ndcg10},
    {"mrr@10", "MRR@10", &QueryMetrics::rr10},
    {"recall@10", "R@10", &QueryMetrics::recall10},
    {"recall@100", "R@100", &QueryMetrics::recall100},
};

}  // namespace

int RunEval(const std::vector<std::string>& args) {
  Flags flags;
  flags.Value("index", "DIR", "the index directory")
      .Value("queries", "FILE", "queries: JSONL {qid,text} or TSV qid<TAB>query")
      .Value("qrels", "FILE", "TREC qrels: qid 0 docid rel")
      .Value("limit", "N", "results retrieved per query (default 100, at most 1000)")
      .Value("split", "NAME", "only JSONL queries whose \"split\" is NAME")
      .Switch("per-query", "print each query's metrics (TSV) before the summary")
      .Switch("json", "print the summary as one JSON object")
      .Value("run", "FILE", "also write the TREC run file")
      .Value("from-run", "FILE", "evaluate this TREC run file instead of searching (no --index)")
      .Value("name", "NAME", "the set's name in the summary (default: the queries file)")
      .Switch("syntax", "parse queries with the query language (default: plain words)")
      .Value("param", "NAME=VALUE", "override a ranking parameter (repeatable; engine.h)")
      .Value("baseline", "RUN", "compare with this TREC run: differences and paired p-values")
      .Value("trials", "N", "random permutations of the --baseline test (default 100000)")
      .Switch("help", "show this help");
  if (auto exit = ParseCommandLine(&flags, args, "rasd eval", kUsage)) return *exit;
  const auto dir = flags.Get("index");
  const auto queries_path = flags.Get("queries");
  const auto qrels_path = flags.Get("qrels");
  const auto from_run = flags.Get("from-run");
  if ((!dir && !from_run) || !queries_path || !qrels_path) {
    std::cerr << "rasd eval: --index (or --from-run), --queries and --qrels are required\n"
              << kUsage;
    return kExitUsage;
  }
  auto limit = flags.GetInt("limit", 100, 1, 1000);
  auto trials = flags.GetInt("trials", kDefaultTrials, 1, 100000000);
  if (!limit.ok() || !trials.ok()) {
    std::cerr << "rasd eval: " << (!limit.ok() ? limit.status() : trials.status()).message()
              << "\n";
    return kExitUsage;
  }

  auto queries_text = ReadInput(*queries_path);
  auto qrels_text = ReadInput(*qrels_path);
  if (!queries_text.ok() || !qrels_text.ok()) {
    std::cerr << "rasd eval: "
              << (!queries_text.ok() ? queries_text.status() : qrels_text.status()).message()
              << "\n";
    return kExitFailure;
  }
  auto queries = ParseQueries(*queries_path, *queries_text, flags.GetOr("split", ""));
  if (!queries.ok()) {
    std::cerr << "rasd eval: " << queries.status().message() << "\n";
    return kExitFailure;
  }
  auto qrels = ParseQrels(*qrels_text);
  if (!qrels.ok()) {
    std::cerr << "rasd eval: " << *qrels_path << ": " << qrels.status().message() << "\n";
    return kExitFailure;
  }


  // Only the queries being evaluated: restrict the qrels to the selected queries.
  Qrels selected;
  std::map<std::string, std::string> text_of;
  for (const auto& q : *queries) {
    text_of[q.qid] = q.text;
    auto it = qrels->find(q.qid);
    if (it != qrels->end()) selected[q.qid] = it->second;
  }

  Run run;
  if (from_run) {
    auto parsed = ReadRun(*from_run, static_cast<size_t>(*limit));
    if (!parsed.ok()) {
      std::cerr << "rasd eval: " << parsed.status().message() << "\n";
      return kExitFailure;
    }
    run = std::move(parsed).value();
  }
  const auto baseline_path = flags.Get("baseline");
  Run baseline;
  if (baseline_path) {
    auto parsed = ReadRun(*baseline_path, static_cast<size_t>(*limit));
    if (!parsed.ok()) {
      std::cerr << "rasd eval: " << parsed.status().message() << "\n";
      return kExitFailure;
    }
    baseline = std::move(parsed).value();
  }

  engine::SearchOptions options;
  options.limit = static_cast<size_t>(*limit);
  options.facets = false;
  options.fetch_text = false;
  const bool syntax = flags.Has("syntax");
  std::unique_ptr<engine::Engine> eng;
  if (!from_run) {
    engine::OpenOptions open_options;
    open_options.read_only = true;
    open_options.create_if_missing = false;
    for (const std::string& kv : flags.GetAll("param")) {
      const size_t eq = kv.find('=');
      char* end = nullptr;
      const double v = eq == std::string::npos ? 0 : std::strtod(kv.c_str() + eq + 1, &end);
      if (eq == std::string::npos || end == kv.c_str() + eq + 1 || *end != '\0') {
        std::cerr << "rasd eval: --param expects NAME=NUMBER, got '" << kv << "'\n";
        return kExitUsage;
      }
      open_options.ranking[kv.substr(0, eq)] = v;
    }
    auto opened = engine::Engine::Open(*dir, open_options);
    if (!opened.ok()) {
      std::cerr << "rasd eval: " << opened.status().ToString() << "\n";
      return kExitFailure;
    }
    eng = std::move(opened).value();
  }
  std::string run_text;
  for (const auto& q : *queries) {
    if (from_run) break;
    options.query = syntax ? q.text : LiteralQuery(q.text);
    auto result = eng->Search(options);
    if (!result.ok()) {
      std::cerr << "rasd eval: query " << q.qid << ": " << result.status().ToString() << "\n";
      return kExitFailure;
    }
    auto& ranking = run[q.qid];
    size_t rank = 0;
    for (const auto& hit : result->hits) {
      ranking.push_back(hit.id);
      char score[32];
      std::snprintf(score, sizeof(score), "%.6f", hit.score);
      run_text += TrecEscape(q.qid) + " Q0 " + TrecEscape(hit.id) + " " + std::to_string(++rank) +
                  " " + score + " rasd\n";
    }
  }
  if (auto run_path = flags.Get("run")) {
    const Status written =
        base::WriteStringToFile(base::Env::Default(), run_text, *run_path, /*sync=*/false);
    if (!written.ok()) {
      std::cerr << "rasd eval: " << written.message() << "\n";
      return kExitFailure;
    }
  }

  std::map<std::string, QueryMetrics> per_query;
  const SetMetrics m = EvaluateRun(run, selected, &per_query);
  std::string out;
  if (flags.Has("per-query")) {
    out += "#qid\tfirst_rank\tap\tndcg@10\trr@10\tr@10\tr@100\trelevant\tquery\n";
    for (const auto& [qid, qm] : per_query) {
      out += qid + "\t" + std::to_string(qm.first_rank) + "\t" + Fixed(qm.ap) + "\t" +
             Fixed(qm.ndcg10) + "\t" + Fixed(qm.rr10) + "\t" + Fixed(qm.recall10) + "\t" +
             Fixed(qm.recall100) + "\t" + (qm.no_answer ? "no-answer" : std::to_string(qm.relevant)) +
             "\t" + text_of[qid] + "\n";
    }
  }
  // Both runs are scored on every evaluated query (a query missing from a run scores 0), so
  // their per-query columns pair up in qid order.
  std::vector<PairedTest> tests;
  if (baseline_path) {
    std::map<std::string, QueryMetrics> base_per_query;
    EvaluateRun(baseline, selected, &base_per_query);
    for (const MetricColumn& c : kMetrics) {
      tests.push_back(RandomizationTest(Column(per_query, c.member),
                                        Column(base_per_query, c.member),
                                        static_cast<size_t>(*trials)));
    }
  }
  const std::string name = flags.GetOr("name", *queries_path);
  if (flags.Has("json")) {
    base::JsonWriter w(&out);
    w.BeginObject()
        .Key("set").String(name)
        .Key("queries").Uint(m.queries)
        .Key("no_answer").Uint(m.no_answer)
        .Key("unanswered").Uint(m.unanswered)
        .Key("map").Double(m.map)
        .Key("ndcg@10").Double(m.ndcg10)
        .Key("mrr@10").Double(m.mrr10)
        .Key("recall@10").Double(m.recall10)
        .Key("recall@100").Double(m.recall100);
    if (baseline_path) {
      w.Key("baseline").BeginObject().Key("run").String(*baseline_path);
      w.Key("trials").Uint(static_cast<uint64_t>(*trials));
      for (size_t i = 0; i < tests.size(); ++i) {
        w.Key(kMetrics[i].key).BeginObject()
            .Key("difference").Double(tests[i].mean_difference)
            .Key("p").Double(tests[i].p_value)
            .EndObject();
      }
      w.EndObject();
    }
    w.EndObject();
    out += "\n";
  } else {
    out += name + ": " + std::to_string(m.queries) + " queries";
    if (m.no_answer > 0) out += " (" + std::to_string(m.no_answer) + " no-answer)";
    out += "  MAP " + Fixed(m.map) + "  nDCG@10 " + Fixed(m.ndcg10) + "  MRR@10 " +
           Fixed(m.mrr10) + "  R@10 " + Fixed(m.recall10) + "  R@100 " + Fixed(m.recall100) +
           "\n";
    if (baseline_path) {
      out += "  minus " + *baseline_path + " (paired randomization test, " +
             std::to_string(*trials) + " trials):";
      for (size_t i = 0; i < tests.size(); ++i) {
        char buf[96];
        std::snprintf(buf, sizeof(buf), "  %s %+.4f (p %.4g)", kMetrics[i].name,
                      tests[i].mean_difference, tests[i].p_value);
        out += buf;
      }
      out += "\n";
    }
  }
  std::cout << out << std::flush;
  return kExitOk;
}

}  // namespace rasd::cli
