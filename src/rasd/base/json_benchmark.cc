// Micro-benchmark of the JSON parser on an article line as `rasd index --jsonl` reads it: a
// few short fields and an Arabic body of a few thousand bytes, with escaped newlines and
// quotes. Bytes are the line's.
#include <benchmark/benchmark.h>

#include <string>

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

}  // namespace
}  // namespace rasd::base
