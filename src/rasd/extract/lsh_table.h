// LshTable: the buckets of a MinHash LSH index (Leskovec, Rajaraman & Ullman, "Mining of
// Massive Datasets", section 3.4): a band key maps to every item added with it.
//
// Most band keys are distinct, so a hash map of small vectors (one allocation per key) spends
// most of its memory and time on the allocator: loading the story clusters of 62,500 articles
// (48 bands each) took 6 s and 500 MB that way. Here the keys sit in one open-addressing table
// (linear probing, Fibonacci hashing, Knuth TAOCP 6.4) whose slot holds the key's newest
// entry, and the entries of a key form a chain through one flat array: 8 bytes per entry plus
// 12 per slot at a load factor of at most one half.
//
// Thread-safety: none (the story clusterer owns it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace rasd::extract {

class LshTable {
 public:
  // Sizes the table for `entries` additions without growing.
  void Reserve(size_t entries);
  // Adds `item` under `key`.
  void Add(uint64_t key, uint32_t item);
  // Calls fn(item) for each item added under `key`, newest first.
  template <typename Fn>
  void ForEach(uint64_t key, Fn&& fn) const {
    if (heads_.empty()) return;
    for (size_t s = Slot(key); heads_[s] != kNone; s = (s + 1) & mask_) {
      if (keys_[s] != key) continue;
      for (uint32_t e = heads_[s]; e != kNone; e = entries_[e].next) fn(entries_[e].item);
      return;
    }
  }
  size_t size() const { return entries_.size(); }
  size_t memory_bytes() const {
    return keys_.capacity() * 8 + heads_.capacity() * 4 + entries_.capacity() * sizeof(Entry);
  }

 private:
  static constexpr uint32_t kNone = 0xFFFFFFFFu;
  size_t Slot(uint64_t key) const {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  void Rehash(size_t slots);

  std::vector<uint64_t> keys_;   // per slot
  std::vector<uint32_t> heads_;  // per slot: the key's newest entry, kNone when empty
  // An entry: the item and the key's previous entry (kNone for its first), side by side so
  // that walking a long chain (a common topic band) costs one cache miss per item.
  struct Entry {
    uint32_t item;
    uint32_t next;
  };
  std::vector<Entry> entries_;
  size_t keys_used_ = 0;
  size_t mask_ = 0;
  int shift_ = 64;
};

}  // namespace rasd::extract
