// The `rasd` program: dispatches to one subcommand per file (see command.h).
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/cli/command.h"

namespace {

struct Subcommand {
  std::string_view name;
  std::string_view summary;
  int (*run)(const std::vector<std::string>& args);
};

constexpr Subcommand kSubcommands[] = {
    {"index", "add or replace articles (JSONL, text, HTML, directories) and commit",
     rasd::cli::RunIndex},
    {"search", "ranked search with snippets; --batch for TREC runs", rasd::cli::RunSearch},
    {"get", "print a stored article as JSON", rasd::cli::RunGet},
    {"delete", "remove articles by id and commit", rasd::cli::RunDelete},
    {"serve", "serve the HTTP JSON API and the web page", rasd::cli::RunServe},
    {"stories", "story clusters across outlets, first report marked", rasd::cli::RunStories},
    {"stats", "counts and sizes of an index", rasd::cli::RunStats},
    {"check", "verify every file of an index", rasd::cli::RunCheck},
    {"optimize", "merge an index into one segment", rasd::cli::RunOptimize},
    {"eval", "MAP, nDCG@10, MRR@10, recall of judged queries (TREC qrels)", rasd::cli::RunEval},
    {"analyze", "show how text is tokenised, normalised and stemmed", rasd::cli::RunAnalyze},
    {"extract", "entities, quotes and dates of articles (JSON with --json)", rasd::cli::RunExtract},
    {"tag", "BIO entity tags for CoNLL token lines", rasd::cli::RunTag},
    {"train", "reproduce the extraction models (ner, clusters)", rasd::cli::RunTrain},
};

void PrintUsage(std::ostream& out) {
  out << "usage: rasd <command> [flags] [args]\n\nrasd is an Arabic news search and monitoring "
         "engine. Commands:\n";
  for (const auto& c : kSubcommands) {
    std::string name(c.name);
    name.resize(12, ' ');
    out << "  " << name << c.summary << "\n";
  }
  out << "\nRun `rasd <command> --help` for a command's flags.\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    PrintUsage(std::cerr);
    return rasd::cli::kExitUsage;
  }
  const std::string_view name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    PrintUsage(std::cout);
    return rasd::cli::kExitOk;
  }
  std::vector<std::string> args(argv + 2, argv + argc);
  for (const auto& c : kSubcommands) {
    if (c.name == name) return c.run(args);
  }
  std::cerr << "rasd: unknown command '" << name << "'\n\n";
  PrintUsage(std::cerr);
  return rasd::cli::kExitUsage;
}
