// Micro-benchmarks for the byte-coding and checksum kernels.
#include <benchmark/benchmark.h>

#include <random>

#include "rasd/base/coding.h"
#include "rasd/base/crc32c.h"
#include "rasd/base/hash.h"

namespace rasd::base {
namespace {

void BM_VarintDecode(benchmark::State& state) {
  std::mt19937 rng(1);
  std::string buf;
  for (int i = 0; i < 4096; ++i) PutVarint32(&buf, rng() >> (rng() % 32));
  for (auto _ : state) {
    std::string_view in = buf;
    uint32_t v, sum = 0;
    while (GetVarint32(&in, &v)) sum += v;
    benchmark::DoNotOptimize(sum);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * buf.size()));
}
BENCHMARK(BM_VarintDecode);

void BM_Crc32c(benchmark::State& state) {
  std::string buf(static_cast<size_t>(state.range(0)), 'x');
  for (auto _ : state) benchmark::DoNotOptimize(crc32c::Value(buf));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * buf.size()));
}
BENCHMARK(BM_Crc32c)->Arg(64)->Arg(4096)->Arg(1 << 20);

void BM_Hash64(benchmark::State& state) {
  std::string buf(static_cast<size_t>(state.range(0)), 'x');
  for (auto _ : state) benchmark::DoNotOptimize(Hash64(buf));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * buf.size()));
}
BENCHMARK(BM_Hash64)->Arg(8)->Arg(16)->Arg(64)->Arg(4096);

}  // namespace
}  // namespace rasd::base
