// IdFilter: see internal/id_filter.h.
#include "rasd/index/internal/id_filter.h"

#include <bit>

namespace rasd::index::internal {

Result<std::shared_ptr<const IdFilter>> IdFilter::Build(const FieldReader& ids) {
  auto filter = std::make_shared<IdFilter>();
  // ~12 bits per id, rounded up to a power of two of 64-bit words.
  const uint64_t words = std::bit_ceil(std::max<uint64_t>(1, ids.stats().num_terms * 12 / 64 + 1));
  filter->words_.assign(words, 0);
  filter->word_mask_ = words - 1;
  TermIterator it(&ids);
  for (it.SeekToFirst(); it.Valid(); it.Next()) filter->Add(it.term());
  if (!it.status().ok()) return it.status();
  return std::shared_ptr<const IdFilter>(std::move(filter));
}

}  // namespace rasd::index::internal
