// Ingest progress: a live bar on a terminal (articles/s, MB/s, ETA), and a one-line summary
// otherwise, so logs stay readable.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace rasd::ingest {

class Progress {
 public:
  // `total_bytes` is the sum of input file sizes (0 when unknown, e.g. stdin); `interactive`
  // chooses the live bar. Output goes to `out` (stderr in the CLI).
  Progress(uint64_t total_bytes, bool interactive, std::FILE* out);

  // Reports the current totals; redraws at most ten times a second.
  void Update(uint64_t articles, uint64_t bytes);
  // Prints the final line: "<articles> articles, <failed> failed, <MB> in <s> (<rate>)".
  void Finish(uint64_t articles, uint64_t failed, uint64_t bytes);
  // Clears the live bar and prints no summary: for a run that committed nothing.
  void Abandon();

  // Seconds since construction.
  double Elapsed() const;

 private:
  uint64_t total_bytes_;
  bool interactive_;
  std::FILE* out_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drew_ = false;
};

// "1.2 MB", "340 KB": human sizes for progress and stats.
std::string HumanBytes(uint64_t bytes);

}  // namespace rasd::ingest
