// CompetitiveImpacts (postings.h): the Pareto frontier of a block's (frequency, norm) pairs.
#include <algorithm>
#include <utility>

#include "rasd/index/postings.h"

namespace rasd::index {

ImpactList CompetitiveImpacts(const uint32_t* freqs, const uint8_t* norms, uint32_t n) {
  // Sorted by norm, the largest frequency first among equal norms: a pair is competitive when
  // its frequency exceeds every frequency seen at a smaller norm.
  std::pair<uint8_t, uint32_t> by_norm[kBlockSize];
  const uint32_t count = std::min(n, kBlockSize);
  for (uint32_t i = 0; i < count; ++i) by_norm[i] = {norms[i], freqs[i]};
  std::sort(by_norm, by_norm + count, [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second > b.second;
  });
  Impact frontier[kBlockSize];
  uint32_t size = 0;
  for (uint32_t i = 0; i < count; ++i) {
    if (size > 0 && by_norm[i].second <= frontier[size - 1].max_freq) continue;
    frontier[size++] = Impact{by_norm[i].second, by_norm[i].first};
  }
  // Over the cap: replace two neighbours {f1, n1}, {f2, n2} by {f2, n1}, which bounds both;
  // the pair with the closest norms goes first (the least length given away), the first
  // such pair on ties, so the result is a function of the input alone.
  while (size > kMaxImpactPairs) {
    uint32_t best = 0;
    for (uint32_t i = 1; i + 1 < size; ++i) {
      if (frontier[i + 1].min_norm - frontier[i].min_norm <
          frontier[best + 1].min_norm - frontier[best].min_norm) {
        best = i;
      }
    }
    frontier[best].max_freq = frontier[best + 1].max_freq;
    std::copy(frontier + best + 2, frontier + size, frontier + best + 1);
    --size;
  }
  ImpactList list;
  list.size = size;
  std::copy(frontier, frontier + size, list.pairs);
  return list;
}

}  // namespace rasd::index
