// `rasd analyze [--json] [--lines] [TEXT]`: shows how rasd analyses text (a contract: scripts
// outside the project depend on the JSON shape, see engine/analysis.h).
#include <cstdio>
#include <iostream>
#include <string>

#include "rasd/base/json.h"
#include "rasd/cli/command.h"
#include "rasd/cli/flags.h"
#include "rasd/cli/input.h"
#include "rasd/engine/analysis.h"

namespace rasd::cli {
namespace {

constexpr char kUsage[] =
    "usage: rasd analyze [--json] [--lines] [TEXT]\n"
    "Analyses TEXT, or standard input when TEXT is absent, into tokens with their byte range,\n"
    "normalised form, stem and stopword flag.\n";

void PrintHuman(std::string_view text, const engine::AnalyzedText& analyzed, std::string* out) {
  for (const engine::Token& t : analyzed.tokens()) {
    *out += std::to_string(t.start) + "-" + std::to_string(t.end) + "\t";
    out->append(text.substr(t.start, t.end - t.start));
    *out += "\tnorm=";
    out->append(t.norm);
    *out += "\tstem=";
    out->append(t.stem);
    if (t.stop) *out += "\tstop";
    *out += "\n";
  }
}

}  // namespace

int RunAnalyze(const std::vector<std::string>& args) {
  Flags flags;
  flags.Switch("json", "one JSON object per document: {\"tokens\":[…]}")
      .Switch("lines", "every input line is one document with one output line")
      .Switch("help", "show this help");
  if (auto exit = ParseCommandLine(&flags, args, "rasd analyze", kUsage)) return *exit;
  if (flags.positional().size() > 1) {
    std::cerr << "rasd analyze: give the text as one argument (quote it), or on standard input\n";
    return kExitUsage;
  }
  const bool json = flags.Has("json");
  const bool lines = flags.Has("lines");
  std::string input;
  if (flags.positional().empty()) {
    Result<std::string> read = ReadInput("-");
    if (!read.ok()) {
      std::cerr << "rasd analyze: " << read.status().message() << "\n";
      return kExitFailure;
    }
    input = std::move(*read);
  } else {
    input = flags.positional().front();
  }

  const engine::Analyzer analyzer;
  engine::AnalyzedText analyzed;
  std::string out;
  auto emit = [&](std::string_view doc, size_t line_number) -> bool {
    if (Status s = analyzer.Analyze(doc, &analyzed); !s.ok()) {
      std::cout << out << std::flush;
      out.clear();
      std::cerr << "rasd analyze: ";
      if (line_number > 0) std::cerr << "line " << line_number << ": ";
      std::cerr << s.message() << "\n";
      if (line_number > 0) {
        // With --lines the output keeps one line per input line: the bad one gets an
        // error object (--json) or an empty line, and the next lines are analysed.
        if (json) {
          base::JsonWriter w(&out);
          w.BeginObject().Key("error").String("line " + std::to_string(line_number) + ": " +
                                              s.message()).EndObject();
        }
        out += '\n';
      }
      return false;
    }
    if (json) {
      engine::AppendTokensJson(doc, analyzed, &out);
      out += '\n';
    } else {
      PrintHuman(doc, analyzed, &out);
      if (lines) out += '\n';
    }
    if (out.size() > (1 << 20)) {
      std::cout << out;
      out.clear();
    }
    return true;
  };

  if (!lines) {
    if (!emit(input, 0)) return kExitFailure;
  } else {
    size_t line_number = 0;
    size_t pos = 0;
    bool failed = false;
    while (pos < input.size()) {
      size_t nl = input.find('\n', pos);
      if (nl == std::string::npos) nl = input.size();
      std::string_view line(input.data() + pos, nl - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!emit(line, ++line_number)) failed = true;
      pos = nl + 1;
    }
    std::cout << out << std::flush;
    return failed ? kExitFailure : kExitOk;
  }
  std::cout << out << std::flush;
  return kExitOk;
}

}  // namespace rasd::cli
