// A whole-corpus indexing benchmark for the index module alone: reads JSONL articles
// (id, title, body), splits them into words with a trivial byte tokenizer (no Arabic
// analysis: that is the text module's job), indexes them and reports documents per second,
// time inside the index, and index size. Not a test; run by hand:
//
//   index_corpus_benchmark [--no-log] [--no-stored] [--one-field] [--inline] [--budget-mb N]
//                          DIR FILE.jsonl...
//
// With --one-field it indexes one positional field per article (like the peers' Lucene
// setup); otherwise two, as search/schema.h does: a crude "stem" with positions and the word
// with documents and frequencies only, plus a keyword and a date.
#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "rasd/base/env.h"
#include "rasd/base/json.h"
#include "rasd/index/index_writer.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// CPU time of this thread (the machine may be shared: wall time alone misleads).
double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

bool IsSeparator(unsigned char c) { return c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')); }

// Crude stand-in for a stemmer: drops a leading "ال" (U+0627 U+0644).
std::string_view Stem(std::string_view w) {
  if (w.size() > 6 && w.substr(0, 4) == "\xd8\xa7\xd9\x84") return w.substr(4);
  return w;
}

uint64_t DirSize(rasd::base::Env* env, const std::string& dir) {
  uint64_t n = 0;
  auto names = env->GetChildren(dir);
  if (!names.ok()) return 0;
  for (const auto& name : *names) {
    auto s = env->GetFileSize(rasd::base::JoinPath(dir, name));
    if (s.ok()) n += *s;
  }
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  rasd::index::IndexWriterOptions options;
  bool stored = true, one_field = false;
  int i = 1;
  for (; i < argc && argv[i][0] == '-'; ++i) {
    if (!std::strcmp(argv[i], "--no-log")) options.use_log = false;
    else if (!std::strcmp(argv[i], "--no-stored")) stored = false;
    else if (!std::strcmp(argv[i], "--one-field")) one_field = true;
    else if (!std::strcmp(argv[i], "--budget-mb") && i + 1 < argc) options.ram_budget_bytes = std::stoull(argv[++i]) << 20;
    else if (!std::strcmp(argv[i], "--inline")) options.background_indexing = false;
  }
  if (argc - i < 2) {
    std::fprintf(stderr, "usage: %s [--no-log] [--no-stored] [--one-field] [--budget-mb N] DIR FILE.jsonl...\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[i++];
  rasd::base::Env* env = rasd::base::Env::Default();
  auto w = rasd::index::IndexWriter::Open(env, dir, options);
  if (!w.ok()) {
    std::fprintf(stderr, "%s\n", w.status().ToString().c_str());
    return 1;
  }
  Clock::duration in_index{}, total{};
  double cpu_in_index = 0;
  const auto start = Clock::now();
  uint64_t docs = 0, tokens = 0, bytes = 0;
  rasd::index::IndexDocument doc;
  std::string line;
  for (; i < argc; ++i) {
    std::ifstream in(argv[i]);
    while (std::getline(in, line)) {
      bytes += line.size() + 1;
      auto json = rasd::base::ParseJson(line);
      if (!json.ok() || !json->is_object()) continue;
      const auto* id = json->Find("id");
      const auto* title = json->Find("title");
      const auto* body = json->Find("body");
      if (id == nullptr || !id->is_string()) continue;
      doc.Clear();
      doc.set_id(id->string_value());
      const size_t f1 = doc.AddTextField("body");
      const rasd::index::TextFieldOptions exact_options{.positions = false};
      const size_t f2 = one_field ? 0 : doc.AddTextField("body.exact", exact_options);
      uint32_t pos = 0;
      for (const auto* v : {title, body}) {
        if (v == nullptr || !v->is_string()) continue;
        const std::string& s = v->string_value();
        size_t a = 0;
        while (a < s.size()) {
          while (a < s.size() && IsSeparator(static_cast<unsigned char>(s[a]))) ++a;
          size_t b = a;
          while (b < s.size() && !IsSeparator(static_cast<unsigned char>(s[b]))) ++b;
          if (b > a) {
            const std::string_view word(s.data() + a, b - a);
            doc.AddToken(f1, one_field ? word : Stem(word), pos);
            if (!one_field) doc.AddToken(f2, word, pos);
            ++pos;
            ++tokens;
          }
          a = b;
        }
      }
      if (!one_field) {
        doc.AddKeyword("source", std::string(argv[i]).substr(std::string(argv[i]).rfind('/') + 1));
        doc.AddNumeric("date", 1500000000 + static_cast<int64_t>(docs % 1000) * 86400);
      }
      if (stored) {
        std::string* blob = doc.mutable_stored();
        if (title != nullptr && title->is_string()) *blob += title->string_value();
        *blob += '\n';
        if (body != nullptr && body->is_string()) *blob += body->string_value();
      }
      const auto t0 = Clock::now();
      const double c0 = ThreadCpuSeconds();
      rasd::Status s = (*w)->AddDocument(doc);
      cpu_in_index += ThreadCpuSeconds() - c0;
      in_index += Clock::now() - t0;
      if (!s.ok()) {
        std::fprintf(stderr, "%s\n", s.ToString().c_str());
        return 1;
      }
      ++docs;
    }
  }
  const auto t0 = Clock::now();
  const double c0 = ThreadCpuSeconds();
  rasd::Status s = (*w)->Commit();
  cpu_in_index += ThreadCpuSeconds() - c0;
  in_index += Clock::now() - t0;
  total = Clock::now() - start;
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  const auto st = (*w)->stats();
  std::printf("docs %llu  tokens %llu  input %.1f MiB\n", (unsigned long long)docs,
              (unsigned long long)tokens, bytes / 1048576.0);
  std::printf("total %.2f s  inside the index %.2f s (%.0f docs/s, %.1f M tokens/s)\n", Seconds(total),
              Seconds(in_index), docs / Seconds(in_index), tokens / Seconds(in_index) / 1e6);
  rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  const double process_cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 +
                             ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
  std::printf("cpu: calling thread inside the index %.2f s, whole process %.2f s "
              "(indexing thread included)\n", cpu_in_index, process_cpu);
  std::printf("segments %llu  flushes %llu  merges %llu  index size %.1f MiB\n",
              (unsigned long long)st.segments, (unsigned long long)st.flushes,
              (unsigned long long)st.merges, DirSize(env, dir) / 1048576.0);
  return 0;
}
