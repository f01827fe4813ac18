// write_index_fuzz_seeds: rewrites the seed corpus of fuzz/index_segment_fuzzer.cc (run by
// hand when the index format changes).
//
//   write_index_fuzz_seeds fuzz/corpus/index_segment_fuzzer
//
// Rename the previous seeds to *_v<old version> first, so that both versions stay fuzzed;
// fuzz_seed_test fails until the seeds are in the format this build writes.
#include <cstdio>
#include <fstream>
#include <string>

#include "rasd/index/testing/fuzz_seeds.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: write_index_fuzz_seeds DIR\n");
    return 2;
  }
  for (const auto& spec : rasd::index::testing::kIndexSeeds) {
    auto seed = rasd::index::testing::MakeIndexSeed(spec);
    if (!seed.ok()) {
      std::fprintf(stderr, "%s: %s\n", spec.name, seed.status().ToString().c_str());
      return 1;
    }
    const std::string path = std::string(argv[1]) + "/" + spec.name;
    std::ofstream out(path, std::ios::binary);
    out << *seed;
    if (!out.flush()) {
      std::fprintf(stderr, "%s: cannot write\n", path.c_str());
      return 1;
    }
    std::printf("%s: %zu bytes\n", path.c_str(), seed->size());
  }
  return 0;
}
