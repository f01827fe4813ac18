// Proclitic split selection; see clitics.h.
#include "rasd/extract/clitics.h"

namespace rasd::extract {

CliticSplit BestCliticSplit(std::string_view folded, const WordClusters* clusters,
                            const Gazetteer* gazetteer) {
  std::vector<CliticSplit> splits = ProcliticSplits(folded);
  if (splits.size() == 1) return std::move(splits[0]);
  auto evidence = [&](const std::string& w) -> double {
    double e = clusters ? static_cast<double>(clusters->Count(w)) : 0.0;
    if (gazetteer && gazetteer->Flags(w) != 0) e += 1e6;
    return e;
  };
  double whole = evidence(splits[0].base);
  size_t best = 0;
  double best_score = whole;
  for (size_t i = 1; i < splits.size(); ++i) {
    double e = evidence(splits[i].base);
    // A split must beat the whole word clearly (4x), and longer prefixes must beat shorter
    // ones clearly too: وزير is a word, not و + زير.
    if (e > 4 * best_score + 2) {
      best = i;
      best_score = e;
    }
  }
  return std::move(splits[best]);
}

}  // namespace rasd::extract
