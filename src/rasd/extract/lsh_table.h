// LshTable: the buckets of a MinHash LSH index (Leskovec, Rajaraman & Ullman, "Mining of
// Massive Datasets", section 3.4): a band key maps to every item added with it.
//
// Most band keys are distinct, so a hash map of small vectors (one allocation per key) spends
// most of its memory and time on the allocator: loading the story clusters of 62,500 articles
// (48 bands each) took 3.5 s and 500 MB that way. Here the keys sit in one open-addressing
// table (linear probing, Fibonacci hashing, Knuth TAOCP 6.4) whose slot holds the key's
// newest block of items, all blocks in one flat array. A key's blocks double in size (1, 2, 4,
// ... up to 256 items) and link to the previous one: a common key's items are read mostly
// contiguously (an unrolled linked list), which matters because a topic band shared by
// thousands of articles is read for every new article that has it.
//
// Thread-safety: none (the story clusterer owns it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace rasd::extract {

class LshTable {
 public:
  // Sizes the table for `entries` additions under mostly distinct keys.
  void Reserve(size_t entries);
  // Adds `item` under `key`.
  void Add(uint64_t key, uint32_t item);
  // Calls fn(item) for each item added under `key`, in no particular order.
  template <typename Fn>
  void ForEach(uint64_t key, Fn&& fn) const {
    if (heads_.empty()) return;
    for (size_t s = Slot(key); heads_[s] != kNone; s = (s + 1) & mask_) {
      if (keys_[s] != key) continue;
      for (uint32_t b = heads_[s]; b != kNone; b = blocks_[b]) {
        const uint32_t* items = &blocks_[b + kHeader];
        for (uint32_t i = 0, n = blocks_[b + 1]; i < n; ++i) fn(items[i]);
      }
      return;
    }
  }
  size_t size() const { return entries_; }
  size_t memory_bytes() const {
    return keys_.capacity() * 8 + heads_.capacity() * 4 + blocks_.capacity() * 4;
  }

 private:
  static constexpr uint32_t kNone = 0xFFFFFFFFu;
  // A block: [previous block or kNone, items used, capacity, items...].
  static constexpr uint32_t kHeader = 3;
  static constexpr uint32_t kMaxBlockItems = 256;
  size_t Slot(uint64_t key) const {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  void Rehash(size_t slots);
  uint32_t NewBlock(uint32_t previous, uint32_t capacity);

  std::vector<uint64_t> keys_;   // per slot
  std::vector<uint32_t> heads_;  // per slot: offset of the key's newest block, kNone if empty
  std::vector<uint32_t> blocks_;
  size_t keys_used_ = 0;
  size_t entries_ = 0;
  size_t mask_ = 0;
  int shift_ = 64;
};

}  // namespace rasd::extract
