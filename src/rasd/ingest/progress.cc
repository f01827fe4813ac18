// Progress display: see progress.h.
#include "rasd/ingest/progress.h"

#include <algorithm>

namespace rasd::ingest {

std::string HumanBytes(uint64_t bytes) {
  char buf[32];
  if (bytes >= (1ull << 30)) {
    std::snprintf(buf, sizeof(buf), "%.2f GB", static_cast<double>(bytes) / (1ull << 30));
  } else if (bytes >= (1ull << 20)) {
    std::snprintf(buf, sizeof(buf), "%.1f MB", static_cast<double>(bytes) / (1ull << 20));
  } else if (bytes >= 1024) {
    std::snprintf(buf, sizeof(buf), "%.1f KB", static_cast<double>(bytes) / 1024);
  } else {
    std::snprintf(buf, sizeof(buf), "%llu B", static_cast<unsigned long long>(bytes));
  }
  return buf;
}

Progress::Progress(uint64_t total_bytes, bool interactive, std::FILE* out)
    : total_bytes_(total_bytes),
      interactive_(interactive),
      out_(out),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

double Progress::Elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::Update(uint64_t articles, uint64_t bytes) {
  if (!interactive_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drew_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drew_ = true;
  const double secs = std::max(1e-3, Elapsed());
  const double mbps = static_cast<double>(bytes) / (1 << 20) / secs;
  char line[200];
  if (total_bytes_ > 0) {
    const double frac = std::min(1.0, static_cast<double>(bytes) / total_bytes_);
    const int filled = static_cast<int>(frac * 24);
    std::string bar(filled, '=');
    if (filled < 24) bar += '>';
    bar.resize(24, ' ');
    const double eta = frac > 0 ? secs * (1 - frac) / frac : 0;
    std::snprintf(line, sizeof(line),
                  "\r[%s] %3.0f%%  %llu articles  %.0f art/s  %.1f MB/s  ETA %d:%02d ", bar.c_str(),
                  frac * 100, static_cast<unsigned long long>(articles), articles / secs, mbps,
                  static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
  } else {
    std::snprintf(line, sizeof(line), "\r%llu articles  %.0f art/s  %.1f MB/s ",
                  static_cast<unsigned long long>(articles), articles / secs, mbps);
  }
  std::fputs(line, out_);
  std::fflush(out_);
}

void Progress::Finish(uint64_t articles, uint64_t failed, uint64_t bytes) {
  const double secs = std::max(1e-3, Elapsed());
  if (interactive_ && drew_) std::fputs("\r\033[K", out_);
  std::fprintf(out_,
               "%llu articles indexed, %llu failed, %s in %.1f s (%.0f articles/s, %.1f MB/s)\n",
               static_cast<unsigned long long>(articles), static_cast<unsigned long long>(failed),
               HumanBytes(bytes).c_str(), secs, articles / secs,
               static_cast<double>(bytes) / (1 << 20) / secs);
  std::fflush(out_);
}

void Progress::Abandon() {
  if (interactive_ && drew_) std::fputs("\r\033[K", out_);
  std::fflush(out_);
}

}  // namespace rasd::ingest
