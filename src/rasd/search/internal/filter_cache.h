// FilterCache: the bitmaps of keyword filters (source:, entity:, speaker:) kept across the
// queries of one snapshot, least recently used first out.
//
// A monitoring user filters by the same few outlets, entities and speakers again and again,
// and a segment's bitmap of them costs a pass over the wanted values' postings (a sixth of a
// filtered query's instructions on the news corpora). Segments are immutable and a Searcher
// serves one snapshot, whose deletions are fixed: a bitmap built once for (segment, filter)
// stays right for the Searcher's life. Lucene's LRUQueryCache keeps per-segment filter
// bitsets for the same reason (only for filters that recur; here a bitmap is only ever built
// for a filter that has answered many calls, SegmentFilter).
//
// Thread-safety: every method may be called from any number of threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace rasd::search::internal {

using FilterBits = std::vector<uint64_t>;

class FilterCache {
 public:
  // Keeps bitmaps up to `max_bytes` in all (an entry larger than that is not kept).
  explicit FilterCache(size_t max_bytes) : max_bytes_(max_bytes) {}
  FilterCache(const FilterCache&) = delete;
  FilterCache& operator=(const FilterCache&) = delete;

  // The bitmap stored under `key`, or null. A hit makes it the most recently used.
  std::shared_ptr<const FilterBits> Find(const std::string& key);
  // Stores `bits` under `key` (replacing any), dropping the least recently used entries
  // while the total is over the budget.
  void Insert(const std::string& key, std::shared_ptr<const FilterBits> bits);

  size_t bytes() const;
  size_t size() const;

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const FilterBits> bits;
  };
  static size_t BytesOf(const Entry& e) { return e.key.size() + e.bits->size() * 8 + 64; }

  const size_t max_bytes_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
  size_t bytes_ = 0;
};

}  // namespace rasd::search::internal
