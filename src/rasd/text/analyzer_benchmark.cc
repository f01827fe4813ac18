// Micro-benchmarks of the text kernels (Google Benchmark, bytes/s of UTF-8 input). Whole-corpus
// throughput next to Lucene and Snowball is bench/analysis/run.sh (docs/BENCHMARKS.md).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "rasd/text/analyzer.h"
#include "rasd/text/stemmer.h"
#include "rasd/text/tokenizer.h"
#include "rasd/text/utf8.h"

namespace {

// The seed news article (or a synthetic paragraph when ../shared is absent), repeated to ~64 KB.
const std::string& Text() {
  static const std::string text = [] {
    std::string dir = RASD_SHARED_DIR;
    if (const char* env = std::getenv("RASD_SHARED_DIR")) dir = env;
    std::ifstream in(dir + "/seed/000_0f4f5a14bc883487.txt", std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string unit = ss.str();
    if (unit.empty()) {
      unit = "أشار قائد الثورة الإسلامية خلال استقباله الرئيس الكازاخستاني، قاسم جومارت توكايف، "
             "إلى أن المشكلة الرئيسية في الأزمة الأوكرانية هي أن الغربيين يسعون لتوسيع الناتو. ";
    }
    std::string t;
    while (t.size() < 64 * 1024) t += unit;
    return t;
  }();
  return text;
}

void BM_ValidateUtf8(benchmark::State& state) {
  const std::string& text = Text();
  for (auto _ : state) benchmark::DoNotOptimize(rasd::text::FindInvalidUtf8(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * text.size());
}
BENCHMARK(BM_ValidateUtf8);

void BM_Tokenize(benchmark::State& state) {
  const std::string& text = Text();
  rasd::text::Tokenizer tokenizer;
  rasd::text::ByteArena arena;
  std::vector<rasd::text::TokenSpan> spans;
  for (auto _ : state) {
    arena.clear();
    spans.clear();
    if (!tokenizer.Tokenize(text, &arena, &spans).ok()) state.SkipWithError("tokenize failed");
    benchmark::DoNotOptimize(spans.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * text.size());
}
BENCHMARK(BM_Tokenize);

void BM_Analyze(benchmark::State& state) {
  const std::string& text = Text();
  rasd::text::Analyzer analyzer;
  rasd::text::AnalyzedText out;
  for (auto _ : state) {
    if (!analyzer.Analyze(text, &out).ok()) state.SkipWithError("analyze failed");
    benchmark::DoNotOptimize(out.tokens().data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * text.size());
  state.counters["tokens"] = static_cast<double>(out.size());
}
BENCHMARK(BM_Analyze);

void BM_Stem(benchmark::State& state) {
  const std::string& text = Text();
  rasd::text::Analyzer analyzer;
  rasd::text::AnalyzedText out;
  if (!analyzer.Analyze(text, &out).ok()) return;
  const rasd::text::Stemmer& stemmer = rasd::text::Stemmer::Default();
  size_t bytes = 0;
  for (const auto& t : out.tokens()) bytes += t.norm.size();
  for (auto _ : state) {
    for (const auto& t : out.tokens()) benchmark::DoNotOptimize(stemmer.Stem(t.norm));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * bytes);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * out.size());
}
BENCHMARK(BM_Stem);

}  // namespace
