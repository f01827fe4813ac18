// Micro-benchmarks of query evaluation on a synthetic index (Google Benchmark): one word,
// several words (OR), a phrase, filters, facets, date sorting, and the kernels around them
// (parsing, variant lookup, snippets). The index is built once in memory: 50,000 documents
// whose words follow a Zipf law over a 20,000-word vocabulary (so common and rare words mix
// as in news), with sources, dates and a few name spellings.
//
//   build/search/src/rasd/search/search_benchmark --benchmark_filter=Query
#include <benchmark/benchmark.h>

#include <cmath>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "rasd/base/mem_env.h"
#include "rasd/index/index_writer.h"
#include "rasd/search/document_builder.h"
#include "rasd/search/query_parser.h"
#include "rasd/search/searcher.h"
#include "rasd/search/snippet.h"
#include "rasd/search/variant_expander.h"

namespace rasd::search {
namespace {

constexpr size_t kDocs = 50000;
constexpr size_t kVocabulary = 20000;

// Pseudo-Arabic words: letters drawn from the Arabic block, 3-8 letters; a few affixed forms.
std::string MakeWord(std::mt19937& rng) {
  static const char32_t kLetters[] = {0x0628, 0x062A, 0x062B, 0x062C, 0x062D, 0x062E, 0x062F,
                                      0x0631, 0x0632, 0x0633, 0x0634, 0x0635, 0x0639, 0x0641,
                                      0x0642, 0x0643, 0x0644, 0x0645, 0x0646, 0x0647, 0x0648,
                                      0x064A, 0x0627};
  std::string w;
  const int n = 3 + static_cast<int>(rng() % 6);
  for (int i = 0; i < n; ++i) {
    const char32_t c = kLetters[rng() % std::size(kLetters)];
    w.push_back(static_cast<char>(0xC0 | (c >> 6)));
    w.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
  return w;
}

struct Fixture {
  std::unique_ptr<base::Env> env;
  std::unique_ptr<index::IndexWriter> writer;
  std::unique_ptr<Searcher> searcher;
  std::vector<std::string> vocabulary;
  std::string sample_body;
  text::Analyzer analyzer;

  Fixture() {
    std::mt19937 rng(42);
    for (size_t i = 0; i < kVocabulary; ++i) vocabulary.push_back(MakeWord(rng));
    vocabulary[100] = "ترامب";
    vocabulary[2000] = "ترمب";
    env = base::NewMemEnv();
    index::IndexWriterOptions options;
    options.use_log = false;
    writer = index::IndexWriter::Open(env.get(), "/bench", options).value();
    // Zipf(1) sampling by inverse CDF over ranks.
    std::vector<double> cdf(kVocabulary);
    double sum = 0;
    for (size_t i = 0; i < kVocabulary; ++i) cdf[i] = (sum += 1.0 / (i + 1));
    auto word = [&]() -> const std::string& {
      const double u = std::uniform_real_distribution<double>(0, sum)(rng);
      return vocabulary[std::lower_bound(cdf.begin(), cdf.end(), u) - cdf.begin()];
    };
    const char* sources[] = {"الجزيرة", "سكاي نيوز عربية", "العربية", "BBC", "CNN"};
    text::AnalyzedText scratch;
    index::IndexDocument doc;
    for (size_t d = 0; d < kDocs; ++d) {
      std::string title, body;
      for (int i = 0; i < 8; ++i) title += word() + " ";
      const int len = 50 + static_cast<int>(rng() % 350);
      for (int i = 0; i < len; ++i) body += word() + (i % 15 == 14 ? ". " : " ");
      if (d == 0) sample_body = body;
      const std::string id = "doc" + std::to_string(d);
      ArticleFields a{id, title, body, sources[rng() % 5],
                      1525132800 + static_cast<int64_t>(rng() % (60 * 86400))};
      BuildIndexDocument(a, analyzer, &scratch, &doc).IgnoreError();
      writer->AddDocument(doc).IgnoreError();
    }
    writer->Commit().IgnoreError();
    writer->ForceMerge(1).IgnoreError();
    writer->Commit().IgnoreError();
    searcher = std::make_unique<Searcher>(writer->Snapshot(), analyzer);
  }
};

Fixture& F() {
  static Fixture* f = new Fixture();
  return *f;
}

void RunQueries(benchmark::State& state, const std::vector<std::string>& queries,
                SearchRequest base) {
  Fixture& f = F();
  size_t i = 0;
  for (auto _ : state) {
    base.query = queries[i++ % queries.size()];
    Result<SearchResponse> r = f.searcher->Search(base);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

std::vector<std::string> WordQueries(size_t words, size_t count, uint32_t seed) {
  Fixture& f = F();
  std::mt19937 rng(seed);
  std::vector<std::string> out;
  for (size_t q = 0; q < count; ++q) {
    std::string s;
    for (size_t w = 0; w < words; ++w) {
      // Mix frequent (rank < 200) and mid-frequency words, as title queries do.
      const size_t rank = rng() % 3 == 0 ? rng() % 200 : 200 + rng() % 5000;
      s += (w ? " " : "") + f.vocabulary[rank];
    }
    out.push_back(s);
  }
  return out;
}

void BM_QueryOneWord(benchmark::State& state) {
  RunQueries(state, WordQueries(1, 64, 1), SearchRequest{});
}
void BM_QueryThreeWords(benchmark::State& state) {
  SearchRequest r;
  r.limit = static_cast<size_t>(state.range(0));
  RunQueries(state, WordQueries(3, 64, 2), r);
}
void BM_QueryFiveWords(benchmark::State& state) {
  SearchRequest r;
  r.limit = 100;
  RunQueries(state, WordQueries(5, 64, 3), r);
}
void BM_QueryThreeWordsAnd(benchmark::State& state) {
  SearchRequest r;
  r.default_operator = Operator::kAnd;
  RunQueries(state, WordQueries(3, 64, 4), r);
}
void BM_QueryPhrase(benchmark::State& state) {
  std::vector<std::string> q;
  for (const std::string& s : WordQueries(2, 64, 5)) q.push_back("\"" + s + "\"");
  RunQueries(state, q, SearchRequest{});
}
void BM_QueryFiltered(benchmark::State& state) {
  SearchRequest r;
  r.sources = {"BBC"};
  r.from = 1525132800 + 10 * 86400;
  r.to = 1525132800 + 30 * 86400;
  RunQueries(state, WordQueries(2, 64, 6), r);
}
void BM_QueryWithFacets(benchmark::State& state) {
  SearchRequest r;
  r.facets = true;
  RunQueries(state, WordQueries(2, 64, 7), r);
}
void BM_QueryNewestFirst(benchmark::State& state) {
  SearchRequest r;
  r.sort = SortOrder::kNewest;
  RunQueries(state, WordQueries(2, 64, 8), r);
}
void BM_QueryExhaustiveTotals(benchmark::State& state) {
  // The cost of exact totals: facets force a visit of every match.
  SearchRequest r;
  r.facets = true;
  r.keyword_facets.clear();
  RunQueries(state, WordQueries(3, 64, 2), r);
}

void BM_ParseQuery(benchmark::State& state) {
  const text::Analyzer analyzer;
  const std::string q = "إيران \"الاتفاق النووي\" -ترامب source:\"سكاي نيوز\" date:2018-05-01..2018-05-31 ترام*";
  for (auto _ : state) benchmark::DoNotOptimize(ParseQuery(q, analyzer));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * q.size()));
}

void BM_VariantCandidates(benchmark::State& state) {
  const VariantIndex& v = F().searcher->variants();
  const std::vector<std::string> words = {"ترمب", "توكاييف", "بوكيتينو", "جورمات"};
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(v.Candidates(words[i++ % words.size()]));
}

void BM_VariantIndexBuild(benchmark::State& state) {
  for (auto _ : state) {
    auto v = VariantIndex::Build(*F().searcher->snapshot());
    benchmark::DoNotOptimize(v);
  }
}

void BM_Snippet(benchmark::State& state) {
  Fixture& f = F();
  SearchRequest r;
  r.query = f.vocabulary[5] + " " + f.vocabulary[300];
  SearchResponse response = f.searcher->Search(r).value();
  for (auto _ : state) benchmark::DoNotOptimize(f.searcher->Snippet(response, f.sample_body));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.sample_body.size()));
}

BENCHMARK(BM_QueryOneWord);
BENCHMARK(BM_QueryThreeWords)->Arg(10)->Arg(100);
BENCHMARK(BM_QueryFiveWords);
BENCHMARK(BM_QueryThreeWordsAnd);
BENCHMARK(BM_QueryPhrase);
BENCHMARK(BM_QueryFiltered);
BENCHMARK(BM_QueryWithFacets);
BENCHMARK(BM_QueryNewestFirst);
BENCHMARK(BM_QueryExhaustiveTotals);
BENCHMARK(BM_ParseQuery);
BENCHMARK(BM_VariantCandidates);
BENCHMARK(BM_VariantIndexBuild)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_Snippet);

}  // namespace
}  // namespace rasd::search
