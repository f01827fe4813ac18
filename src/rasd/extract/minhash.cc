// MinHash and LSH banding; see minhash.h.
#include "rasd/extract/minhash.h"

#include <algorithm>
#include <limits>

#include "rasd/base/hash.h"

namespace rasd::extract {

std::vector<uint64_t> WordShingles(const std::vector<std::string>& words, int n) {
  std::vector<uint64_t> h;
  h.reserve(words.size());
  for (const std::string& w : words) h.push_back(base::Hash64(w, 0x73686e67ull));
  std::vector<uint64_t> out;
  if (h.empty()) return out;
  const size_t k = static_cast<size_t>(std::max(1, n));
  if (h.size() < k) {
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (uint64_t v : h) x = base::Mix64(x ^ v) + 0x632be59bd9b4e019ull;
    out.push_back(x);
    return out;
  }
  out.reserve(h.size() - k + 1);
  for (size_t i = 0; i + k <= h.size(); ++i) {
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (size_t j = 0; j < k; ++j) x = base::Mix64(x ^ h[i + j]) + 0x632be59bd9b4e019ull * (j + 1);
    out.push_back(x);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() && b.empty()) return 0.0;
  size_t i = 0, j = 0, inter = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++inter, ++i, ++j;
    }
  }
  return static_cast<double>(inter) / static_cast<double>(a.size() + b.size() - inter);
}

MinHasher::MinHasher(int num_hashes, uint64_t seed) {
  uint64_t s = seed;
  for (int i = 0; i < num_hashes; ++i) {
    s += 0x9e3779b97f4a7c15ull;
    seeds_.push_back(base::Mix64(s));
  }
}

void MinHasher::Sign(const std::vector<uint64_t>& shingles, std::vector<uint32_t>* sig) const {
  sig->assign(seeds_.size(), std::numeric_limits<uint32_t>::max());
  uint32_t* out = sig->data();
  const size_t k = seeds_.size();
  for (uint64_t x : shingles) {
    for (size_t i = 0; i < k; ++i) {
      uint32_t v = static_cast<uint32_t>(base::Mix64(x + seeds_[i]));
      if (v < out[i]) out[i] = v;
    }
  }
}

double EstimateJaccard(const uint32_t* a, const uint32_t* b, int n) {
  if (n <= 0) return 0.0;
  int eq = 0;
  for (int i = 0; i < n; ++i) eq += a[i] == b[i];
  return static_cast<double>(eq) / n;
}

uint64_t BandKey(const uint32_t* sig, int band, int rows) {
  uint64_t x = 0x42616e64ull + static_cast<uint64_t>(band) * 0x9e3779b97f4a7c15ull;
  for (int r = 0; r < rows; ++r) x = base::Mix64(x ^ sig[band * rows + r]);
  return x;
}

}  // namespace rasd::extract
