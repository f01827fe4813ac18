// Fuzz target for the text module: arbitrary bytes through the UTF-8 decoder, the normaliser and
// the tokenizer/analyzer, in strict and replacement modes, checking invariants:
//  * strict mode succeeds exactly when the input is valid UTF-8, and otherwise names the offset
//    FindInvalidUtf8 reports;
//  * token byte ranges lie inside the input, are non-empty, ordered and non-overlapping, and
//    positions count 0, 1, 2, ...;
//  * norms are non-empty valid UTF-8 of at most kMaxNormBytes bytes; stems are substrings of
//    their norms; a norm normalises to itself; NormalizeWord output is valid UTF-8.
// Without libFuzzer the target replays fuzz/corpus/text_fuzzer/ under CTest (fuzz/replay_main.cc).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "rasd/text/analyzer.h"
#include "rasd/text/utf8.h"

namespace {

// A norm this close to the cap may have been cut (the next replacement did not fit).
constexpr size_t kMayBeTruncated = 16;

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckTokens(std::string_view input, const rasd::text::AnalyzedText& out) {
  uint32_t prev_end = 0;
  uint32_t position = 0;
  for (const rasd::text::Token& t : out.tokens()) {
    Check(t.start >= prev_end);
    Check(t.start < t.end);
    Check(t.end <= input.size());
    Check(t.position == position++);
    Check(!t.norm.empty() && t.norm.size() <= rasd::text::kMaxNormBytes);
    Check(rasd::text::IsValidUtf8(t.norm));
    Check(t.stem.data() >= t.norm.data() &&
          t.stem.data() + t.stem.size() <= t.norm.data() + t.norm.size());
    prev_end = t.end;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  static const rasd::text::Analyzer strict;
  static const rasd::text::Analyzer lenient(rasd::text::AnalyzerOptions{true});
  rasd::text::AnalyzedText out;

  const size_t bad = rasd::text::FindInvalidUtf8(input);
  const rasd::Status s = strict.Analyze(input, &out);
  if (bad == std::string_view::npos) {
    Check(s.ok());
    CheckTokens(input, out);
  } else {
    Check(s.IsInvalidArgument());
    Check(s.message() == "invalid UTF-8 at byte " + std::to_string(bad));
    Check(out.empty());
  }

  Check(lenient.Analyze(input, &out).ok());
  CheckTokens(input, out);
  if (bad == std::string_view::npos) {
    for (const rasd::text::Token& t : out.tokens()) {
      const std::string surface(input.substr(t.start, t.end - t.start));
      if (t.norm.size() + kMayBeTruncated <= rasd::text::kMaxNormBytes) {
        Check(rasd::text::NormalizeWord(surface) == t.norm);
      }
    }
  }

  for (const rasd::text::Token& t : out.tokens()) {
    // A norm is a fixed point of normalisation (also for URLs, e-mails and numbers).
    if (t.norm.size() + kMayBeTruncated <= rasd::text::kMaxNormBytes) {
      Check(rasd::text::NormalizeWord(t.norm) == t.norm);
    }
  }
  Check(rasd::text::IsValidUtf8(rasd::text::NormalizeWord(input)));
  Check(rasd::text::IsValidUtf8(rasd::text::ReplaceInvalidUtf8(input)));
  return 0;
}
