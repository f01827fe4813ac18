// IdFilter: an in-memory Bloom filter over the external ids of one segment, so that adding a
// document whose id is new (the common case in bulk ingest) skips the id lookup in that
// segment's term dictionary; a "maybe" answer falls back to the exact lookup.
//
// Bloom, "Space/time trade-offs in hash coding with allowable errors", CACM 13(7), 1970, in
// the blocked form of Putze, Sanders & Singler, "Cache-, hash- and space-efficient Bloom
// filters", WEA 2007: each key sets 6 bits inside one 64-bit word, so a query costs one cache
// miss. About 12 bits per id (a few percent false positives). Not stored on disk: the writer
// builds it when a segment joins its state.
//
// Thread-safety: immutable after Build.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "rasd/base/hash.h"
#include "rasd/base/result.h"
#include "rasd/index/index_reader.h"

namespace rasd::index::internal {

class IdFilter {
 public:
  // Reads every term of the id field. Corruption when the dictionary fails its checks.
  static Result<std::shared_ptr<const IdFilter>> Build(const FieldReader& ids);

  bool MayContain(std::string_view id) const {
    const uint64_t h = base::Hash64(id.data(), id.size(), kSeed);
    const uint64_t mask = Mask(h);
    return (words_[(h >> 40) & word_mask_] & mask) == mask;
  }
  uint64_t memory_bytes() const { return words_.size() * 8; }

 private:
  static constexpr uint64_t kSeed = 0x1d5c0ffeeull;
  // Six bit positions from six 6-bit slices of the hash.
  static uint64_t Mask(uint64_t h) {
    uint64_t m = 0;
    for (int i = 0; i < 6; ++i) m |= uint64_t{1} << ((h >> (6 * i)) & 63);
    return m;
  }
  void Add(std::string_view id) {
    const uint64_t h = base::Hash64(id.data(), id.size(), kSeed);
    words_[(h >> 40) & word_mask_] |= Mask(h);
  }

  std::vector<uint64_t> words_;
  uint64_t word_mask_ = 0;
};

}  // namespace rasd::index::internal
