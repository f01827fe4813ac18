// FilterCache (internal/filter_cache.h).
#include "rasd/search/internal/filter_cache.h"

namespace rasd::search::internal {

std::shared_ptr<const FilterBits> FilterCache::Find(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->bits;
}

void FilterCache::Insert(const std::string& key, std::shared_ptr<const FilterBits> bits) {
  if (bits == nullptr) return;
  Entry entry{key, std::move(bits)};
  const size_t size = BytesOf(entry);
  if (size > max_bytes_) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = by_key_.find(key); it != by_key_.end()) {
    bytes_ -= BytesOf(*it->second);
    lru_.erase(it->second);
    by_key_.erase(it);
  }
  lru_.push_front(std::move(entry));
  by_key_.emplace(key, lru_.begin());
  bytes_ += size;
  while (bytes_ > max_bytes_) {
    const Entry& last = lru_.back();
    bytes_ -= BytesOf(last);
    by_key_.erase(last.key);
    lru_.pop_back();
  }
}

size_t FilterCache::bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return bytes_;
}

size_t FilterCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return lru_.size();
}

}  // namespace rasd::search::internal
