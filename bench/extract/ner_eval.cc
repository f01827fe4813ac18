// ANERcorp test: entity-level P/R/F1 (conll_eval.h) of the shipped model, and tagging
// throughput on one core (CPU time of the tagging thread, features + Viterbi, tokens given).
//   ner_eval [MODEL] [TEST.conll]
#include <cstdio>

#include "bench_util.h"
#include "rasd/extract/conll.h"
#include "rasd/extract/conll_eval.h"
#include "rasd/extract/ner_tagger.h"
#include "rasd/extract/ner_trainer.h"

int main(int argc, char** argv) {
  using namespace rasd::extract;
  const std::string model_path = argc > 1 ? argv[1] : rasd::bench::ModelPath();
  const std::string test_path =
      argc > 2 ? argv[2] : rasd::bench::SharedDir() + "/data/ner/anercorp/test.conll";
  auto tagger = NerTagger::Open(model_path);
  if (!tagger.ok()) {
    std::fprintf(stderr, "%s\n", tagger.status().ToString().c_str());
    return 1;
  }
  auto test = ReadConllFile(test_path);
  if (!test.ok()) {
    std::fprintf(stderr, "%s\n", test.status().ToString().c_str());
    return 1;
  }
  ConllScorer scorer;
  EvaluateNer((*tagger)->model(), *test, &scorer);
  std::printf("%s", scorer.Report().c_str());
  std::printf("model: %s\nanalyser matches the model: %s\n", (*tagger)->model().description.c_str(),
              (*tagger)->model().AnalyzerMatches() ? "yes" : "NO (retrain)");
  // Throughput.
  std::vector<std::vector<std::string_view>> sents;
  long tokens = 0;
  for (const auto& s : *test) {
    sents.emplace_back(s.tokens.begin(), s.tokens.end());
    tokens += static_cast<long>(s.tokens.size());
  }
  NerTagger::Scratch scratch;
  std::vector<Tag> tags;
  for (const auto& s : sents) (*tagger)->Tag(s, &tags, &scratch);  // warm-up
  const int reps = 5;
  double t0 = rasd::bench::ThreadSeconds();
  for (int r = 0; r < reps; ++r)
    for (const auto& s : sents) (*tagger)->Tag(s, &tags, &scratch);
  double secs = rasd::bench::ThreadSeconds() - t0;
  std::printf("throughput: %.0f tokens/s (one core, %ld tokens x %d, %.2f s CPU)\n",
              static_cast<double>(tokens) * reps / secs, tokens, reps, secs);
  return 0;
}
