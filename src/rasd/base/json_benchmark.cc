// Micro-benchmark of the JSON parser on an article line as `rasd index --jsonl` reads it: a
// few short fields and an Arabic body of a few thousand bytes, with escaped newlines and
// quotes. Bytes are the line's.
//
// With RASD_JSON_CORPUS=FILE.jsonl (uncompressed; bench/scale/make_corpus.sh 62555 FILE writes
// the news corpora), BM_ParseJsonCorpus also parses every line of a real corpus, whose mix of
// ASCII, Arabic, escapes and punctuation the synthetic line does not have.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "rasd/base/json.h"

namespace rasd::base {
namespace {

std::string ArticleLine() {
  // Words of the seed article's kind (a leader receives a president, statements are quoted).
  const std::string words[] = {"\xd8\xa7\xd9\x84\xd8\xb1\xd8\xa6\xd9\x8a\xd8\xb3",        // الرئيس
                               "\xd9\x8a\xd8\xb3\xd8\xaa\xd9\x82\xd8\xa8\xd9\x84",        // يستقبل
                               "\xd9\x88\xd8\xb2\xd9\x8a\xd8\xb1",                        // وزير
                               "\xd9\x82\xd8\xa7\xd9\x84",                                // قال
                               "\xd8\xa7\xd9\x84\xd8\xaa\xd8\xb9\xd8\xa7\xd9\x88\xd9\x86"};  // التعاون
  std::string body;
  for (int i = 0; i < 600; ++i) {
    body += words[i % 5];
    body += i % 40 == 39 ? "\\n" : i % 97 == 0 ? " \\\"" : " ";
  }
  return "{\"id\":\"ant-0001\",\"title\":\"" + words[0] + " " + words[1] +
         "\",\"source\":\"alriyadh\",\"date\":\"2018-05-08\",\"body\":\"" + body + "\"}";
}

void BM_ParseJsonArticle(benchmark::State& state) {
  const std::string line = ArticleLine();
  for (auto _ : state) {
    auto v = ParseJson(line);
    benchmark::DoNotOptimize(v);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(line.size()));
}
BENCHMARK(BM_ParseJsonArticle);

void BM_ParseJsonCorpus(benchmark::State& state) {
  const char* path = std::getenv("RASD_JSON_CORPUS");
  if (path == nullptr) {
    state.SkipWithError("set RASD_JSON_CORPUS to a .jsonl file");
    return;
  }
  std::ifstream in(path);
  std::vector<std::string> lines;
  int64_t bytes = 0;
  for (std::string line; std::getline(in, line);) {
    bytes += static_cast<int64_t>(line.size());
    lines.push_back(std::move(line));
  }
  if (lines.empty()) {
    const std::string why = std::string("RASD_JSON_CORPUS=") + path +
                            (in.is_open() ? ": the file has no lines" : ": cannot open the file");
    state.SkipWithError(why.c_str());
    return;
  }
  for (auto _ : state) {
    for (const std::string& line : lines) {
      auto v = ParseJson(line);
      benchmark::DoNotOptimize(v);
    }
  }
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_ParseJsonCorpus)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rasd::base
