// `rasd get --index DIR ID` prints the stored article as one JSON object;
// `rasd delete --index DIR ID...` removes articles and commits. (Contracts.)
#include <iostream>
#include <string_view>
#include <unordered_set>

#include "rasd/cli/command.h"
#include "rasd/cli/flags.h"
#include "rasd/engine/article.h"
#include "rasd/engine/engine.h"

namespace rasd::cli {
namespace {

// Parses the common "--index DIR ID..." shape; returns the exit status on failure.
std::optional<int> ParseIdCommand(const char* name, const char* usage,
                                  const std::vector<std::string>& args, Flags* flags) {
  flags->Value("index", "DIR", "the index directory").Switch("help", "show this help");
  if (auto exit = ParseCommandLine(flags, args, std::string("rasd ") + name, usage)) return *exit;
  if (!flags->Get("index") || flags->positional().empty()) {
    std::cerr << "rasd " << name << ": "
              << (flags->Get("index") ? "no id given" : "--index DIR is required") << "\n"
              << usage;
    return kExitUsage;
  }
  return std::nullopt;
}

}  // namespace

int RunGet(const std::vector<std::string>& args) {
  constexpr char kUsage[] = "usage: rasd get --index DIR ID\nPrints the stored article as JSON.\n";
  Flags flags;
  if (auto exit = ParseIdCommand("get", kUsage, args, &flags)) return *exit;
  engine::OpenOptions options;
  options.read_only = true;
  options.create_if_missing = false;
  auto eng = engine::Engine::Open(*flags.Get("index"), options);
  if (!eng.ok()) {
    std::cerr << "rasd get: " << eng.status().ToString() << "\n";
    return kExitFailure;
  }
  int status = kExitOk;
  for (const auto& id : flags.positional()) {
    auto article = (*eng)->Get(id);
    if (!article.ok()) {
      std::cerr << "rasd get: " << article.status().ToString() << "\n";
      status = kExitFailure;
      continue;
    }
    std::cout << engine::ArticleToJson(*article) << "\n";
  }
  return status;
}

int RunDelete(const std::vector<std::string>& args) {
  constexpr char kUsage[] =
      "usage: rasd delete --index DIR ID...\n"
      "Removes articles and commits. Prints \"deleted N of M ids\" (M: the distinct ids given);\n"
      "an id the index does not hold is named on stderr and is not an error (exit status 0).\n";
  Flags flags;
  if (auto exit = ParseIdCommand("delete", kUsage, args, &flags)) return *exit;
  engine::OpenOptions options;
  options.create_if_missing = false;
  // Nothing is ingested: the extraction model (about a second to load) is not needed.
  options.extract = false;
  auto eng = engine::Engine::Open(*flags.Get("index"), options);
  if (!eng.ok()) {
    std::cerr << "rasd delete: " << eng.status().ToString() << "\n";
    return kExitFailure;
  }
  // One id at a time, to name the ones the index does not hold (a mistyped id is otherwise
  // only a count that falls short). An id given twice is deleted once.
  std::unordered_set<std::string_view> seen;
  size_t removed = 0;
  for (const std::string& id : flags.positional()) {
    if (!seen.insert(id).second) continue;
    auto n = (*eng)->Delete({id});
    if (!n.ok()) {
      std::cerr << "rasd delete: " << n.status().ToString() << "\n";
      return kExitFailure;
    }
    if (*n == 0) std::cerr << "rasd delete: no article with id " << engine::QuoteId(id) << "\n";
    removed += *n;
  }
  if (Status s = (*eng)->Commit(); !s.ok()) {
    std::cerr << "rasd delete: " << s.ToString() << "\n";
    return kExitFailure;
  }
  std::cout << "deleted " << removed << " of " << seen.size() << " ids\n";
  return kExitOk;
}

}  // namespace rasd::cli
