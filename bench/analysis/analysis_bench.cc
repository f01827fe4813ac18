// analysis_bench: whole-corpus analysis throughput (MB/s of UTF-8 in, one thread) for rasd and
// for Snowball's Arabic stemmer behind the same tokenizer; bench/analysis/run.sh drives it next
// to the Lucene harness (LuceneAnalysisBench.java) and writes docs/BENCHMARKS.md.
//
//   analysis_bench prepare OUT MAX_BYTES < news.jsonl
//       appends the documents (title + "\n" + body) of JSONL on stdin to OUT until MAX_BYTES of
//       text have been taken. OUT holds one document per record: a line with its byte length N,
//       then N bytes, then "\n" (the Java harness reads the same file).
//   analysis_bench rasd|snowball CORPUS REPEATS
//       one untimed warm-up pass, then REPEATS timed passes over all documents; prints
//       "system docs bytes tokens wall_median_s wall_MB/s cpu_median_s cpu_MB/s all_wall_s"
//       (tab-separated; cpu = CPU time of the analysing thread, robust to a busy machine).
//
// rasd: Analyzer::Analyze per document into one reused AnalyzedText (the full pipeline: norms,
// stems, stopword flags). snowball: rasd's tokenizer (the same tokens) and, for every Arabic
// word, sb_stemmer_stem from libstemmer on the word's original bytes, copied into a reused
// buffer, as an indexer would.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "rasd/base/json.h"
#include "rasd/text/analyzer.h"
#include "rasd/text/tokenizer.h"

#ifdef RASD_HAVE_LIBSTEMMER
#include <libstemmer.h>
#endif

namespace {

int Prepare(const std::string& out_path, size_t max_bytes) {
  std::ofstream out(out_path, std::ios::binary | std::ios::app);
  if (!out) {
    std::fprintf(stderr, "analysis_bench: cannot write %s\n", out_path.c_str());
    return 1;
  }
  std::string line;
  size_t taken = 0, docs = 0, line_number = 0;
  while (taken < max_bytes && std::getline(std::cin, line)) {
    ++line_number;
    if (line.empty()) continue;
    auto doc = rasd::base::ParseJson(line);
    if (!doc.ok()) {
      std::fprintf(stderr, "analysis_bench: line %zu: %s\n", line_number,
                   doc.status().ToString().c_str());
      return 1;
    }
    std::string text;
    if (const auto* title = doc->Find("title"); title && title->is_string()) {
      text = title->string_value();
    }
    if (const auto* body = doc->Find("body"); body && body->is_string()) {
      text += "\n";
      text += body->string_value();
    }
    out << text.size() << "\n" << text << "\n";
    taken += text.size();
    ++docs;
  }
  std::fprintf(stderr, "analysis_bench: took %zu documents, %zu bytes\n", docs, taken);
  return 0;
}

bool LoadCorpus(const std::string& path, std::vector<std::string>* docs) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string header;
  while (std::getline(in, header)) {
    const size_t n = std::stoul(header);
    std::string doc(n, '\0');
    in.read(doc.data(), static_cast<std::streamsize>(n));
    in.get();  // '\n'
    docs->push_back(std::move(doc));
  }
  return true;
}

// CPU time of the calling thread: robust to other processes on a shared machine.
double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec / 1e9;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

template <typename PassFn>
int Measure(const char* name, const std::vector<std::string>& docs, int repeats, PassFn pass) {
  size_t bytes = 0;
  for (const auto& d : docs) bytes += d.size();
  size_t tokens = pass();  // warm-up: page in the corpus, grow the buffers, build the tables
  std::vector<double> wall, cpu;
  for (int r = 0; r < repeats; ++r) {
    const double c0 = ThreadCpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    tokens = pass();
    const auto t1 = std::chrono::steady_clock::now();
    cpu.push_back(ThreadCpuSeconds() - c0);
    wall.push_back(std::chrono::duration<double>(t1 - t0).count());
  }
  const double wall_median = Median(wall), cpu_median = Median(cpu);
  std::printf("%s\t%zu\t%zu\t%zu\t%.4f\t%.2f\t%.4f\t%.2f\t", name, docs.size(), bytes, tokens,
              wall_median, bytes / wall_median / 1e6, cpu_median, bytes / cpu_median / 1e6);
  for (size_t i = 0; i < wall.size(); ++i) std::printf("%s%.4f", i ? "," : "", wall[i]);
  std::printf("\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr,
                 "usage: analysis_bench prepare OUT MAX_BYTES < news.jsonl\n"
                 "       analysis_bench rasd|snowball CORPUS REPEATS\n");
    return 2;
  }
  const std::string command = argv[1];
  if (command == "prepare") return Prepare(argv[2], std::stoull(argv[3]));

  std::vector<std::string> docs;
  if (!LoadCorpus(argv[2], &docs) || docs.empty()) {
    std::fprintf(stderr, "analysis_bench: cannot read corpus %s\n", argv[2]);
    return 1;
  }
  const int repeats = std::max(1, std::atoi(argv[3]));

  if (command == "rasd") {
    const rasd::text::Analyzer analyzer(rasd::text::AnalyzerOptions{true});
    rasd::text::AnalyzedText out;
    return Measure("rasd", docs, repeats, [&] {
      size_t tokens = 0;
      for (const std::string& d : docs) {
        if (!analyzer.Analyze(d, &out).ok()) std::abort();
        tokens += out.size();
      }
      return tokens;
    });
  }
#ifdef RASD_HAVE_LIBSTEMMER
  if (command == "snowball") {
    sb_stemmer* stemmer = sb_stemmer_new("arabic", "UTF_8");
    if (stemmer == nullptr) {
      std::fprintf(stderr, "analysis_bench: libstemmer has no arabic stemmer\n");
      return 1;
    }
    const rasd::text::Tokenizer tokenizer(rasd::text::TokenizerOptions{true});
    rasd::text::ByteArena arena;
    std::vector<rasd::text::TokenSpan> spans;
    std::string stems;
    const int rc = Measure("snowball", docs, repeats, [&] {
      size_t tokens = 0;
      for (const std::string& d : docs) {
        arena.clear();
        spans.clear();
        stems.clear();
        if (!tokenizer.Tokenize(d, &arena, &spans).ok()) std::abort();
        for (const auto& span : spans) {
          if (span.kind == rasd::text::TokenKind::kArabic) {
            const sb_symbol* s = sb_stemmer_stem(
                stemmer, reinterpret_cast<const sb_symbol*>(d.data() + span.start),
                static_cast<int>(span.end - span.start));
            stems.append(reinterpret_cast<const char*>(s), sb_stemmer_length(stemmer));
          }
        }
        tokens += spans.size();
      }
      return tokens;
    });
    sb_stemmer_delete(stemmer);
    return rc;
  }
#endif
  std::fprintf(stderr, "analysis_bench: unknown or unavailable system %s\n", command.c_str());
  return 2;
}
