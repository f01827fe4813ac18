// Whole-article extraction cost (tokenise, tag, link, quotes, dates) on the ANT two-day
// sample (485 articles), one core, and the tagger's share.
//   extract_speed [CORPUS.jsonl]
#include <cstdio>

#include "bench_util.h"
#include "rasd/base/json.h"
#include "rasd/extract/article_extractor.h"
#include "rasd/extract/corpus_reader.h"

using namespace rasd;
using namespace rasd::extract;

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1]
      : bench::SharedDir() + "/data/news/ant_multisource_sample_2018-05-08_09.jsonl";
  std::vector<std::pair<std::string, std::string>> docs;
  Status s = ForEachLine(path, [&](std::string_view line, size_t) -> Status {
    auto v = base::ParseJson(line);
    if (!v.ok()) return Status::OK();
    const auto* d = v->Find("date");
    docs.emplace_back(v->Find("body")->string_value(), d && d->is_string() ? d->string_value() : "");
    return Status::OK();
  });
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  double load0 = bench::ThreadSeconds();
  auto tagger = NerTagger::Open(bench::ModelPath());
  if (!tagger.ok()) {
    std::fprintf(stderr, "%s\n", tagger.status().ToString().c_str());
    return 1;
  }
  double load = bench::ThreadSeconds() - load0;
  ArticleExtractor x(std::move(tagger).value());
  ArticleResult r;
  size_t bytes = 0, entities = 0, quotes = 0, tokens = 0;
  for (auto& [body, date] : docs) x.Extract(body, date, &r);  // warm-up
  double t0 = bench::ThreadSeconds();
  for (auto& [body, date] : docs) {
    x.Extract(body, date, &r);
    bytes += body.size();
    entities += r.entities.size();
    quotes += r.quotes.size();
    TokenizedText tok;
    TokenizeForNer(body, &tok);
    tokens += tok.tokens.size();
  }
  double secs = bench::ThreadSeconds() - t0;
  std::printf("%zu articles, %.1f MB, %zu tokens: %.0f us/article, %.0f tokens/s, %.2f MB/s (one core)\n",
              docs.size(), bytes / 1e6, tokens, 1e6 * secs / docs.size(), tokens / secs, bytes / secs / 1e6);
  std::printf("found %zu entity mentions and %zu quotes; model load %.2f s\n", entities, quotes, load);
  return 0;
}
