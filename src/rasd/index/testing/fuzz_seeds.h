// Test support: the seed inputs of fuzz/index_segment_fuzzer.cc, small real indexes written
// by this build and packed into the fuzzer's input form (a sequence of files, each
// [u8 name length][name][u32 little-endian size][bytes]).
//
// The seeds in fuzz/corpus/index_segment_fuzzer/ are regenerated with the
// write_index_fuzz_seeds tool when the file format changes (the previous ones are kept,
// renamed *_v<old version>, so that both versions stay fuzzed); fuzz_seed_test checks that
// the current seeds are in the format this build writes.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rasd/base/env.h"
#include "rasd/base/result.h"

namespace rasd::index::testing {

// One seed: `docs` random documents of at most `tokens` tokens each (ids repeat, so some
// replace earlier ones), committed in two parts with one deletion; with `leave_log`, a last
// document is left uncommitted in the write-ahead log. Deterministic but for the nonces.
struct SeedSpec {
  const char* name;
  int docs;
  int tokens;
  bool leave_log;
};
inline constexpr SeedSpec kIndexSeeds[] = {
    {"tiny_index", 6, 4, true},
    {"blocks_index", 160, 3, false},
};

// The packed files of the seed index `spec`.
Result<std::string> MakeIndexSeed(const SeedSpec& spec);

// The files of a packed seed, in order: (name, bytes). InvalidArgument when the bytes are not
// a whole sequence of entries.
Result<std::vector<std::pair<std::string, std::string>>> UnpackSeed(std::string_view packed);

}  // namespace rasd::index::testing
