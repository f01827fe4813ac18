// LshTable (lsh_table.h).
#include "rasd/extract/lsh_table.h"

#include <algorithm>

#include "rasd/base/check.h"

namespace rasd::extract {

void LshTable::Reserve(size_t entries) {
  blocks_.reserve(entries * (kHeader + 1));
  size_t slots = 16;
  while (slots < 2 * entries) slots *= 2;
  if (slots > heads_.size()) Rehash(slots);
}

void LshTable::Rehash(size_t slots) {
  std::vector<uint64_t> keys(slots, 0);
  std::vector<uint32_t> heads(slots, kNone);
  int bits = 0;
  while ((size_t{1} << bits) < slots) ++bits;
  const size_t mask = slots - 1;
  const int shift = 64 - bits;
  for (size_t s = 0; s < heads_.size(); ++s) {
    if (heads_[s] == kNone) continue;
    size_t t = static_cast<size_t>((keys_[s] * 0x9E3779B97F4A7C15ull) >> shift);
    while (heads[t] != kNone) t = (t + 1) & mask;
    keys[t] = keys_[s];
    heads[t] = heads_[s];
  }
  keys_.swap(keys);
  heads_.swap(heads);
  mask_ = mask;
  shift_ = shift;
}

uint32_t LshTable::NewBlock(uint32_t previous, uint32_t capacity) {
  RASD_CHECK_MSG(blocks_.size() + kHeader + capacity < kNone, "LSH table full");
  const uint32_t b = static_cast<uint32_t>(blocks_.size());
  blocks_.resize(blocks_.size() + kHeader + capacity);
  blocks_[b] = previous;
  blocks_[b + 1] = 0;
  blocks_[b + 2] = capacity;
  return b;
}

void LshTable::Add(uint64_t key, uint32_t item) {
  if (2 * (keys_used_ + 1) > heads_.size()) Rehash(heads_.empty() ? 16 : 2 * heads_.size());
  size_t s = Slot(key);
  while (heads_[s] != kNone && keys_[s] != key) s = (s + 1) & mask_;
  uint32_t b = heads_[s];
  if (b == kNone) {
    keys_[s] = key;
    ++keys_used_;
    b = NewBlock(kNone, 1);
  } else if (blocks_[b + 1] == blocks_[b + 2]) {
    b = NewBlock(b, std::min(2 * blocks_[b + 2], kMaxBlockItems));
  }
  heads_[s] = b;
  blocks_[b + kHeader + blocks_[b + 1]++] = item;
  ++entries_;
}

}  // namespace rasd::extract
