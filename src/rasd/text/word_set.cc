// WordSet construction and hashing (see word_set.h).
#include "rasd/text/word_set.h"

#include <algorithm>


namespace rasd::text {



WordSet::WordSet(const std::vector<std::string>& words) {
  for (const std::string& w : words) {
    if (!w.empty() && w.size() < 64) words_.push_back(w);
  }
  std::sort(words_.begin(), words_.end());
  words_.erase(std::unique(words_.begin(), words_.end()), words_.end());
  size_t capacity = 16;
  while (capacity < words_.size() * 4) capacity *= 2;
  mask_ = capacity - 1;
  shift_ = 64;
  for (size_t c = capacity; c > 1; c >>= 1) --shift_;
  slots_.assign(capacity, Slot());
  for (const std::string& w : words_) {
    size_mask_ |= uint64_t{1} << w.size();
    const size_t n = w.size();
    pair_filter_[static_cast<uint8_t>(w[n >= 2 ? 1 : 0]) & 63] |=
        uint64_t{1} << (static_cast<uint8_t>(w[n - 1]) & 63);
    size_t i = Hash(w) >> shift_;
    while (slots_[i].size != 0) i = (i + 1) & mask_;
    slots_[i] = Slot{static_cast<uint32_t>(storage_.size()), static_cast<uint32_t>(w.size())};
    storage_ += w;
  }
}

}  // namespace rasd::text
