// `rasd stories --index DIR [--min N] [--limit N] [--json]`: the story clusters of an index,
// newest first, each with its articles in date order and the first report marked.
#include <iostream>

#include "rasd/base/json.h"
#include "rasd/cli/command.h"
#include "rasd/cli/flags.h"
#include "rasd/engine/engine.h"

namespace rasd::cli {

int RunStories(const std::vector<std::string>& args) {
  constexpr char kUsage[] =
      "usage: rasd stories --index DIR [--min N] [--limit N] [--json]\n"
      "Lists stories (the same event or wire copy across outlets), newest first.\n";
  Flags flags;
  flags.Value("index", "DIR", "the index directory")
      .Value("min", "N", "only stories with at least N articles (default 2)")
      .Value("limit", "N", "at most N stories (default 20)")
      .Switch("json", "one JSON object per story line")
      .Switch("help", "show this help");
  if (auto exit = ParseCommandLine(&flags, args, "rasd stories", kUsage)) return *exit;
  const auto dir = flags.Get("index");
  auto min = flags.GetInt("min", 2, 2, 1 << 30);
  auto limit = flags.GetInt("limit", 20, 1, 100000);
  if (!dir || !min.ok() || !limit.ok()) {
    std::cerr << "rasd stories: "
              << (!dir ? "--index DIR is required"
                       : (!min.ok() ? min.status() : limit.status()).message())
              << "\n" << kUsage;
    return kExitUsage;
  }
  engine::OpenOptions options;
  options.read_only = true;
  options.create_if_missing = false;
  auto eng = engine::Engine::Open(*dir, options);
  if (!eng.ok()) {
    std::cerr << "rasd stories: " << eng.status().ToString() << "\n";
    return kExitFailure;
  }
  auto stories = (*eng)->Stories(static_cast<size_t>(*min), 0, static_cast<size_t>(*limit));
  if (!stories.ok()) {
    std::cerr << "rasd stories: " << stories.status().ToString() << "\n";
    return kExitFailure;
  }
  std::string out;
  for (const auto& story : *stories) {
    if (flags.Has("json")) {
      base::JsonWriter w(&out);
      w.BeginObject().Key("id").String(story.id).Key("title").String(story.title);
      w.Key("sources").BeginArray();
      for (const auto& s : story.sources) w.String(s);
      w.EndArray().Key("articles").BeginArray();
      for (const auto& m : story.members) {
        w.BeginObject()
            .Key("id").String(m.id)
            .Key("title").String(m.title)
            .Key("source").String(m.source)
            .Key("date").String(m.date)
            .Key("first_report").Bool(m.first_report)
            .Key("near_duplicate").Bool(m.near_duplicate)
            .EndObject();
      }
      w.EndArray().EndObject();
      out += '\n';
      continue;
    }
    out += story.title + "  (" + std::to_string(story.members.size()) + " articles, " +
           std::to_string(story.sources.size()) + " outlets)\n";
    for (const auto& m : story.members) {
      out += std::string(m.first_report ? "  * " : "    ") + m.date + "  " + m.source + "  " +
             m.title + (m.near_duplicate ? "  [copy]" : "") + "  (" + m.id + ")\n";
    }
    out += '\n';
  }
  std::cout << out;
  return kExitOk;
}

}  // namespace rasd::cli
