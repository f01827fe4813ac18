// CompetitiveImpacts (postings.h): the Pareto frontier of a block's (frequency, norm) pairs.
#include <algorithm>
#include <cstring>

#include "rasd/index/postings.h"

namespace rasd::index {

namespace {
// Blocks of at least this many postings use the table (CompetitiveImpacts).
constexpr uint32_t kTableFrom = 16;
}  // namespace

ImpactList CompetitiveImpacts(const uint32_t* freqs, const uint8_t* norms, uint32_t n) {
  // In norm order, the largest frequency of each norm is competitive when it exceeds every
  // frequency seen at a smaller norm. A full block finds those largest frequencies in a table
  // indexed by the norm byte, in one pass and a sweep of the norms it holds: sorting its 128
  // pairs was a tenth of the indexing thread's time. A short block (most terms have one
  // short tail block) sorts its few pairs, cheaper than clearing the table.
  const uint32_t count = std::min(n, kBlockSize);
  // Left uninitialised (Impact's members have initialisers): filled up to `size` only, and
  // zeroing 128 pairs cost more than a short block's whole computation.
  union Pairs {
    Pairs() {}
    Impact at[kBlockSize];
  } pairs;
  Impact* frontier = pairs.at;
  uint32_t size = 0;
  if (count >= kTableFrom) {
    uint32_t top[256];  // per norm, its largest frequency
    std::memset(top, 0, sizeof(top));
    uint32_t lo = 255, hi = 0;
    for (uint32_t i = 0; i < count; ++i) {
      const uint8_t v = norms[i];
      // Without a branch: whether the norm's largest frequency grows is a coin toss (it was
      // a fifth of this function's time in a flush, mispredicted).
      const uint32_t t = top[v], f = freqs[i];
      top[v] = t ^ ((t ^ f) & (0u - static_cast<uint32_t>(t < f)));
      lo = std::min<uint32_t>(lo, v);
      hi = std::max<uint32_t>(hi, v);
    }
    // Frequencies are >= 1, so 0 marks a norm no posting has.
    for (uint32_t v = lo; v <= hi; ++v) {
      if (top[v] > (size == 0 ? 0 : frontier[size - 1].max_freq)) {
        frontier[size++] = Impact{top[v], static_cast<uint8_t>(v)};
      }
    }
  } else {
    // Sorted by norm, the largest frequency first among equal norms: one integer key per
    // pair, norm above the complemented frequency, ordered by insertion (a few pairs; a
    // comparison sort of pairs cost more than the rest of the function).
    uint64_t keys[kTableFrom];
    for (uint32_t i = 0; i < count; ++i) {
      const uint64_t key = uint64_t{norms[i]} << 32 | (0xFFFFFFFFu - freqs[i]);
      uint32_t j = i;
      for (; j > 0 && keys[j - 1] > key; --j) keys[j] = keys[j - 1];
      keys[j] = key;
    }
    for (uint32_t i = 0; i < count; ++i) {
      const uint32_t freq = 0xFFFFFFFFu - static_cast<uint32_t>(keys[i]);
      if (size > 0 && freq <= frontier[size - 1].max_freq) continue;
      frontier[size++] = Impact{freq, static_cast<uint8_t>(keys[i] >> 32)};
    }
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
