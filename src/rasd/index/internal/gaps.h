// The last step of decoding a postings block: unpacked doc-id gaps become doc ids, stored
// frequencies become frequencies. Both run on every decoded block of every query and merge,
// so they are written with AVX2 where the processor has it (chosen once, at first use), else
// with SSE2 (the x86-64 baseline) where it is available, else with a plain loop; the results
// are the same bit for bit.
#pragma once

#include <cstdint>

namespace rasd::index::internal::gaps {

// Replaces the 128 gaps at v (each the distance from the previous value, minus one) by the
// values they lead to from `prev` (-1 before a list's first value). Returns false, with v
// unspecified, when the last value would be `limit` or more (limit <= 2^32): a corrupt block.
bool GapsToValues128(uint32_t* v, int64_t prev, uint64_t limit);

// Adds one to each of the 128 frequencies at v (stored minus one). Returns false when one
// wraps to 0 (a stored 2^32 - 1: a corrupt block).
bool FrequenciesFromStored128(uint32_t* v);

// The same without AVX2 whatever the processor: for tests and benchmarks that compare them.
bool GapsToValues128Portable(uint32_t* v, int64_t prev, uint64_t limit);
bool FrequenciesFromStored128Portable(uint32_t* v);

}  // namespace rasd::index::internal::gaps
