// Collectors: what the traversal (top_k.h) hands each matching document to.
//
//   TopScoreCollector  the k best by (score desc, global doc asc); its threshold() is the
//                      score a new document must beat, which drives MaxScore pruning.
//   TopDateCollector   the k newest or oldest by the "date" column (documents without a date
//                      come last), ties by global doc asc; needs every match.
//   FacetCollector     exact counts by source, day and keyword fields, forwarding to another
//                      collector; needs every match.
//
// Documents arrive segment by segment in increasing global doc id, which the tie-breaks rely
// on: a later document with a score equal to the threshold can never enter the top k.
//
// Thread-safety: one per query.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "rasd/index/index_reader.h"
#include "rasd/search/searcher.h"

namespace rasd::search::internal {

class Collector {
 public:
  virtual ~Collector() = default;
  // Every match must be collected (no pruning on scores).
  virtual bool needs_all() const = 0;
  // The score a document must exceed to be collected (-infinity while anything can enter).
  virtual double threshold() const { return -std::numeric_limits<double>::infinity(); }
  virtual void BeginSegment(const index::Segment& segment) { segment_ = &segment; }
  virtual void EndSegment() {}
  // `doc` is local to the current segment.
  virtual void Collect(uint32_t doc, double score) = 0;

 protected:
  const index::Segment* segment_ = nullptr;
};

class TopScoreCollector final : public Collector {
 public:
  explicit TopScoreCollector(size_t k) : k_(k) { heap_.reserve(k); }
  size_t k() const { return k_; }
  bool needs_all() const override { return false; }
  double threshold() const override {
    if (k_ == 0) return std::numeric_limits<double>::infinity();
    return heap_.size() < k_ ? floor_ : std::max(floor_, heap_.front().score);
  }
  // Declares that k documents yet to be collected (or collected already) score MORE than
  // `floor`: threshold() is then never below it, so the traversal prunes from the start what
  // it would otherwise prune only once k good documents were found. Hits at or below the
  // floor may still be collected while the heap fills; those k documents displace them.
  void RaiseFloor(double floor) { floor_ = std::max(floor_, floor); }
  void Collect(uint32_t doc, double score) override;
  // The collected hits, best first.
  std::vector<Hit> Take();
  // The collected hits in no particular order (for a second stage that sorts them anyway).
  std::vector<Hit> TakeUnordered();

 private:
  size_t k_;
  double floor_ = -std::numeric_limits<double>::infinity();  // RaiseFloor
  std::vector<Hit> heap_;  // min-heap on (score asc, doc desc): the worst hit at front()
};

class TopDateCollector final : public Collector {
 public:
  TopDateCollector(size_t k, bool newest) : k_(k), newest_(newest) {}
  bool needs_all() const override { return true; }
  void BeginSegment(const index::Segment& segment) override;
  void Collect(uint32_t doc, double score) override;
  std::vector<Hit> Take();

 private:
  struct Entry {
    bool has_date;
    int64_t date;
    uint32_t doc;
    double score;
  };
  // Ranking order: dated documents first, by date (newest or oldest first), then doc asc.
  bool Better(const Entry& a, const Entry& b) const {
    if (a.has_date != b.has_date) return a.has_date;
    if (a.date != b.date) return newest_ ? a.date > b.date : a.date < b.date;
    return a.doc < b.doc;
  }
  size_t k_;
  bool newest_;
  const index::NumericColumn* dates_ = nullptr;
  std::vector<Entry> heap_;
};

class FacetCollector final : public Collector {
 public:
  FacetCollector(Collector* next, size_t limit, const std::vector<std::string>& keyword_fields);
  bool needs_all() const override { return true; }
  void BeginSegment(const index::Segment& segment) override;
  void EndSegment() override;
  void Collect(uint32_t doc, double score) override;
  // "source", "day" and the keyword fields, as searcher.h describes.
  std::map<std::string, std::vector<FacetCount>> Take();

 private:
  // One segment's non-zero counts of one field, by ordinal (ascending). Values are turned into
  // strings only in Take(), and then only those that can reach the top: decoding the term
  // of every value seen was most of the cost of a facet request on a large result set.
  struct SegmentCounts {
    const index::FieldReader* reader = nullptr;
    std::vector<std::pair<uint32_t, uint32_t>> counts;  // (ordinal, count)
  };
  struct Field {
    std::string name;
    const index::FieldReader* reader = nullptr;
    std::vector<uint32_t> counts;  // by ordinal, this segment
    std::vector<SegmentCounts> segments;
  };
  std::vector<FacetCount> TopValues(const Field& f) const;
  Collector* next_;
  size_t limit_;
  std::vector<Field> fields_;  // [0] is the source
  const index::NumericColumn* dates_ = nullptr;
  std::map<int64_t, uint64_t> days_;
};

// "YYYY-MM-DD" of a day number (days since 1970-01-01).
std::string FormatDayNumber(int64_t day);

}  // namespace rasd::search::internal
