// Entity-level precision, recall and F1 in the manner of the CoNLL-2000/2003 `conlleval`
// script (Tjong Kim Sang & Buchholz 2000; Tjong Kim Sang & De Meulder 2003), written here.
//
// An entity (a "chunk") is a maximal run of tokens that starts with B-X, or with an I-X that
// does not continue a chunk of type X (conlleval's lenient reading of ill-formed IOB), and
// continues with I-X tokens. A predicted chunk counts as correct only when a gold chunk has
// exactly the same start, end and type. Precision = correct / predicted chunks, recall =
// correct / gold chunks, F1 = their harmonic mean (0 when both are 0). Scores are micro-
// averaged over all chunks ("overall" in conlleval), and also reported per type.
//
// Thread-safety: ConllScorer is a plain accumulator; use one per thread.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "rasd/extract/ner_tags.h"

namespace rasd::extract {

struct Chunk {
  int start = 0;  // first token
  int end = 0;    // one past the last token
  EntityType type = EntityType::kPers;
  friend bool operator==(const Chunk&, const Chunk&) = default;
};

// The chunks of one tag sequence, in order (conlleval's chunk boundaries, as above).
std::vector<Chunk> ExtractChunks(const std::vector<Tag>& tags);

struct PrfCounts {
  long correct = 0;
  long predicted = 0;
  long gold = 0;
  double Precision() const { return predicted ? 100.0 * correct / predicted : 0.0; }
  double Recall() const { return gold ? 100.0 * correct / gold : 0.0; }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

class ConllScorer {
 public:
  // Adds one sentence. `gold` and `predicted` must have the same length (checked).
  void Add(const std::vector<Tag>& gold, const std::vector<Tag>& predicted);

  const PrfCounts& overall() const { return overall_; }
  const PrfCounts& by_type(EntityType t) const { return by_type_[static_cast<int>(t)]; }
  long tokens() const { return tokens_; }
  long correct_tags() const { return correct_tags_; }
  // Token accuracy in percent (conlleval's "accuracy").
  double Accuracy() const { return tokens_ ? 100.0 * correct_tags_ / tokens_ : 0.0; }

  // A conlleval-like report: one line overall, one per type.
  std::string Report() const;

 private:
  PrfCounts overall_;
  std::array<PrfCounts, kNumEntityTypes> by_type_{};
  long tokens_ = 0;
  long correct_tags_ = 0;
};

}  // namespace rasd::extract
