// MinHash signatures of word shingles and LSH banding, for near-duplicate and same-story
// detection.
//
// MinHash (Broder 1997, "On the resemblance and containment of documents"): for a set S of
// shingle hashes and k hash functions h_1..h_k, the signature is (min_{x in S} h_i(x))_i,
// and the fraction of positions where two signatures agree is an unbiased estimate of the
// Jaccard similarity |A ∩ B| / |A ∪ B| of the sets. Here h_i(x) = Mix64(x + seed_i) keeps
// the low 32 bits (base/hash.h), so a signature is k 32-bit values.
//
// LSH banding (Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3.4): the
// signature is cut into b bands of r rows; documents whose signatures agree on all rows of
// at least one band become candidates. The probability of that is 1 - (1 - J^r)^b, an
// S-curve around J ≈ (1/b)^(1/r), so only pairs near or above that similarity are ever
// compared.
//
// Thread-safety: MinHasher is immutable; functions are pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rasd::extract {

// Sorted, de-duplicated 64-bit hashes of the n-word shingles of `words` (a single shingle of
// all words when there are fewer than n).
std::vector<uint64_t> WordShingles(const std::vector<std::string>& words, int n);

// Exact Jaccard similarity of two sorted, de-duplicated sets (0 when both are empty).
double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

class MinHasher {
 public:
  MinHasher(int num_hashes, uint64_t seed);
  int num_hashes() const { return static_cast<int>(seeds_.size()); }
  // Appends num_hashes() values to `signature` (which is cleared first). An empty set gives
  // all-0xFFFFFFFF, which agrees only with other empty sets.
  void Sign(const std::vector<uint64_t>& shingles, std::vector<uint32_t>* signature) const;

 private:
  std::vector<uint64_t> seeds_;
};

// Fraction of equal positions (the Jaccard estimate). Signatures must have equal length.
double EstimateJaccard(const uint32_t* a, const uint32_t* b, int n);

// The bucket key of band `band` (rows [band*rows, band*rows + rows)) of a signature.
uint64_t BandKey(const uint32_t* signature, int band, int rows);

}  // namespace rasd::extract
