// `rasd stats`, `rasd check` and `rasd optimize`: looking after an index.
#include <iostream>

#include "rasd/base/json.h"
#include "rasd/cli/command.h"
#include "rasd/cli/flags.h"
#include "rasd/engine/engine.h"
#include "rasd/ingest/progress.h"

namespace rasd::cli {
namespace {

std::optional<int> ParseDirCommand(const char* name, const char* usage,
                                   const std::vector<std::string>& args, Flags* flags) {
  flags->Value("index", "DIR", "the index directory").Switch("help", "show this help");
  if (auto exit = ParseCommandLine(flags, args, std::string("rasd ") + name, usage)) return *exit;
  if (!flags->Get("index") || !flags->positional().empty()) {
    std::cerr << "rasd " << name << ": "
              << (flags->Get("index") ? "unexpected argument" : "--index DIR is required") << "\n"
              << usage;
    return kExitUsage;
  }
  return std::nullopt;
}

}  // namespace

int RunStats(const std::vector<std::string>& args) {
  constexpr char kUsage[] = "usage: rasd stats --index DIR [--json]\n";
  Flags flags;
  flags.Switch("json", "print one JSON object");
  if (auto exit = ParseDirCommand("stats", kUsage, args, &flags)) return *exit;
  engine::OpenOptions options;
  options.read_only = true;
  options.create_if_missing = false;
  auto eng = engine::Engine::Open(*flags.Get("index"), options);
  if (!eng.ok()) {
    std::cerr << "rasd stats: " << eng.status().ToString() << "\n";
    return kExitFailure;
  }
  auto stats = (*eng)->Stats();
  if (!stats.ok()) {
    std::cerr << "rasd stats: " << stats.status().ToString() << "\n";
    return kExitFailure;
  }
  const auto first = stats->first_date ? engine::FormatDay(*stats->first_date) : "";
  const auto last = stats->last_date ? engine::FormatDay(*stats->last_date) : "";
  if (flags.Has("json")) {
    std::string out;
    base::JsonWriter w(&out);
    w.BeginObject()
        .Key("articles").Uint(stats->articles)
        .Key("deleted").Uint(stats->deleted)
        .Key("segments").Uint(stats->segments)
        .Key("terms").Uint(stats->terms)
        .Key("bytes").Uint(stats->bytes_on_disk)
        .Key("entities").Uint(stats->entities)
        .Key("stories").Uint(stats->stories)
        .Key("first_date").String(first)
        .Key("last_date").String(last)
        .EndObject();
    std::cout << out << "\n";
    return kExitOk;
  }
  std::cout << "articles   " << stats->articles << "\n"
            << "deleted    " << stats->deleted << " (until the next merge)\n"
            << "segments   " << stats->segments << "\n"
            << "terms      " << stats->terms << "\n"
            << "size       " << ingest::HumanBytes(stats->bytes_on_disk) << "\n"
            << "entities   " << stats->entities << "\n"
            << "stories    " << stats->stories << "\n";
  if (!first.empty()) std::cout << "dates      " << first << " .. " << last << "\n";
  return kExitOk;
}

int RunCheck(const std::vector<std::string>& args) {
  constexpr char kUsage[] =
      "usage: rasd check --index DIR\nVerifies every file of the index; exits 1 naming the file "
      "and offset of the first problem.\n";
  Flags flags;
  if (auto exit = ParseDirCommand("check", kUsage, args, &flags)) return *exit;
  Status s = engine::Engine::Check(*flags.Get("index"));
  if (!s.ok()) {
    std::cerr << "rasd check: " << s.ToString() << "\n";
    return kExitFailure;
  }
  std::cout << "ok: " << *flags.Get("index") << " passed every check\n";
  return kExitOk;
}

int RunOptimize(const std::vector<std::string>& args) {
  constexpr char kUsage[] =
      "usage: rasd optimize --index DIR\nMerges the index into one segment, dropping deleted "
      "articles.\n";
  Flags flags;
  if (auto exit = ParseDirCommand("optimize", kUsage, args, &flags)) return *exit;
  engine::OpenOptions options;
  options.create_if_missing = false;
  // Nothing is ingested: the extraction model (about a second to load) is not needed.
  options.extract = false;
  auto eng = engine::Engine::Open(*flags.Get("index"), options);
  Status s = eng.ok() ? (*eng)->Optimize() : eng.status();
  if (!s.ok()) {
    std::cerr << "rasd optimize: " << s.ToString() << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace rasd::cli
