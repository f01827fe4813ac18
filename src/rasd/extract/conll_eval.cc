// Entity-level scoring; see conll_eval.h.
#include "rasd/extract/conll_eval.h"

#include <cstdio>

#include "rasd/base/check.h"

namespace rasd::extract {

std::vector<Chunk> ExtractChunks(const std::vector<Tag>& tags) {
  std::vector<Chunk> out;
  const int n = static_cast<int>(tags.size());
  int i = 0;
  while (i < n) {
    Tag t = tags[i];
    if (t == kTagO || t >= kNumTags) {
      ++i;
      continue;
    }
    // B-X, or an I-X that opens a chunk (no chunk of type X is open: we are at a boundary).
    Chunk c;
    c.start = i;
    c.type = TagType(t);
    ++i;
    while (i < n && IsInside(tags[i]) && tags[i] < kNumTags && TagType(tags[i]) == c.type) ++i;
    c.end = i;
    out.push_back(c);
  }
  return out;
}

void ConllScorer::Add(const std::vector<Tag>& gold, const std::vector<Tag>& predicted) {
  RASD_CHECK(gold.size() == predicted.size());
  tokens_ += static_cast<long>(gold.size());
  for (size_t i = 0; i < gold.size(); ++i) correct_tags_ += gold[i] == predicted[i];
  std::vector<Chunk> g = ExtractChunks(gold), p = ExtractChunks(predicted);
  for (const Chunk& c : g) {
    ++overall_.gold;
    ++by_type_[static_cast<int>(c.type)].gold;
  }
  for (const Chunk& c : p) {
    ++overall_.predicted;
    ++by_type_[static_cast<int>(c.type)].predicted;
  }
  // Both lists are sorted by start and chunks do not overlap: merge.
  size_t a = 0, b = 0;
  while (a < g.size() && b < p.size()) {
    if (g[a].start < p[b].start) {
      ++a;
    } else if (p[b].start < g[a].start) {
      ++b;
    } else {
      if (g[a] == p[b]) {
        ++overall_.correct;
        ++by_type_[static_cast<int>(g[a].type)].correct;
      }
      ++a, ++b;
    }
  }
}

std::string ConllScorer::Report() const {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line,
                "processed %ld tokens with %ld phrases; found: %ld phrases; correct: %ld.\n"
                "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
                tokens_, overall_.gold, overall_.predicted, overall_.correct, Accuracy(),
                overall_.Precision(), overall_.Recall(), overall_.F1());
  out += line;
  for (int t = 0; t < kNumEntityTypes; ++t) {
    const PrfCounts& c = by_type_[t];
    std::snprintf(line, sizeof line,
                  "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %ld\n",
                  std::string(EntityTypeName(static_cast<EntityType>(t))).c_str(),
                  c.Precision(), c.Recall(), c.F1(), c.predicted);
    out += line;
  }
  return out;
}

}  // namespace rasd::extract
