// Micro-benchmarks of the postings codec: bit-packing kernels (per bit width), PFOR block
// encoding, block impacts,
// and decoding postings through PostingsIterator (Next over a whole list, NextGEQ with
// strides, positions).
// Items are integers (kernels) or postings (iterators); bytes are the decoded uint32 values.
#include <benchmark/benchmark.h>

#include <random>

#include "rasd/base/mem_env.h"
#include "rasd/index/internal/bitpack.h"
#include "rasd/index/internal/gaps.h"
#include "rasd/index/internal/pfor.h"
#include "rasd/index/postings.h"
#include "rasd/index/testing/segment_builder.h"

namespace rasd::index {
namespace {

void BM_Pack128(benchmark::State& state) {
  const int bits = static_cast<int>(state.range(0));
  std::mt19937_64 rng(1);
  uint32_t in[128];
  for (uint32_t& v : in) v = static_cast<uint32_t>(rng()) & (bits == 32 ? ~0u : (1u << bits) - 1);
  std::vector<uint8_t> out(16 * 32 + 8);
  for (auto _ : state) {
    internal::bitpack::Pack128(in, bits, out.data());
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * 128);
  state.SetBytesProcessed(state.iterations() * 128 * 4);
}
BENCHMARK(BM_Pack128)->Arg(1)->Arg(4)->Arg(8)->Arg(12)->Arg(20)->Arg(32);

// Unpack128 as dispatched (AVX2 where the processor has it) and the portable kernels.
template <void (*Unpack)(const uint8_t*, int, uint32_t*)>
void BM_Unpack(benchmark::State& state) {
  const int bits = static_cast<int>(state.range(0));
  std::mt19937_64 rng(1);
  uint32_t in[128], out[128];
  for (uint32_t& v : in) v = static_cast<uint32_t>(rng()) & (bits == 32 ? ~0u : (1u << bits) - 1);
  std::vector<uint8_t> packed(16 * 32 + 8);
  internal::bitpack::Pack128(in, bits, packed.data());
  for (auto _ : state) {
    Unpack(packed.data(), bits, out);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations() * 128);
  state.SetBytesProcessed(state.iterations() * 128 * 4);
}
void BM_Unpack128(benchmark::State& state) { BM_Unpack<internal::bitpack::Unpack128>(state); }
void BM_Unpack128Portable(benchmark::State& state) {
  BM_Unpack<internal::bitpack::Unpack128Portable>(state);
}
BENCHMARK(BM_Unpack128)->Arg(1)->Arg(2)->Arg(4)->Arg(8)->Arg(12)->Arg(20)->Arg(32);
BENCHMARK(BM_Unpack128Portable)->Arg(1)->Arg(2)->Arg(4)->Arg(8)->Arg(12)->Arg(20)->Arg(32);

// PFOR encoding of one block (what a flush or merge does for every 128 gaps, frequencies or
// positions). Arg: the typical bit width; every 16th value is wider by 6 bits, the outliers
// that make a block take exceptions (a long gap, a document's first position).
void BM_PforAppendBlock(benchmark::State& state) {
  const int bits = static_cast<int>(state.range(0));
  std::mt19937_64 rng(1);
  uint32_t in[128];
  for (int i = 0; i < 128; ++i) {
    const int b = i % 16 == 5 ? bits + 6 : bits;
    in[i] = static_cast<uint32_t>(rng()) & ((1u << b) - 1);
  }
  std::string out;
  for (auto _ : state) {
    out.clear();
    internal::pfor::AppendBlock(in, &out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * 128);
}
BENCHMARK(BM_PforAppendBlock)->Arg(0)->Arg(3)->Arg(8)->Arg(14);

// GapsToValues128 as dispatched (AVX2 where the processor has it) and the portable kernel.
template <bool (*Gaps)(uint32_t*, int64_t, uint64_t)>
void BM_Gaps(benchmark::State& state) {
  std::mt19937_64 rng(1);
  uint32_t gaps[128], out[128];
  for (uint32_t& v : gaps) v = static_cast<uint32_t>(rng() % 16);
  for (auto _ : state) {
    std::copy(gaps, gaps + 128, out);
    benchmark::DoNotOptimize(Gaps(out, 1000, uint64_t{1} << 32));
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations() * 128);
}
void BM_GapsToValues128(benchmark::State& state) {
  BM_Gaps<internal::gaps::GapsToValues128>(state);
}
void BM_GapsToValues128Portable(benchmark::State& state) {
  BM_Gaps<internal::gaps::GapsToValues128Portable>(state);
}
BENCHMARK(BM_GapsToValues128);
BENCHMARK(BM_GapsToValues128Portable);

// The competitive (frequency, norm) pairs of one block of `n` postings, as a flush or a merge
// computes them for every block it writes: frequencies mostly 1-3 and norms spread over the
// lengths of news articles.
void BM_CompetitiveImpacts(benchmark::State& state) {
  const uint32_t n = static_cast<uint32_t>(state.range(0));
  std::mt19937_64 rng(5);
  uint32_t freqs[kBlockSize];
  uint8_t norms[kBlockSize];
  for (uint32_t i = 0; i < kBlockSize; ++i) {
    freqs[i] = 1 + static_cast<uint32_t>(rng() % 4 == 0 ? rng() % 12 : 0);
    norms[i] = static_cast<uint8_t>(60 + rng() % 120);
  }
  for (auto _ : state) {
    ImpactList l = CompetitiveImpacts(freqs, norms, n);
    benchmark::DoNotOptimize(l);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_CompetitiveImpacts)->Arg(4)->Arg(15)->Arg(16)->Arg(128);

// One segment with a few lists of different densities, built once.
struct Fixture {
  std::unique_ptr<base::Env> env = base::NewMemEnv();
  std::shared_ptr<const internal::SegmentCore> core;
  static constexpr uint32_t kMaxDoc = 1 << 20;

  Fixture() {
    std::mt19937_64 rng(7);
    testing::FieldSpec f{"f", FieldKind::kText, true, {}, {}};
    f.norms.resize(kMaxDoc);
    for (auto& n : f.norms) n = static_cast<uint8_t>(1 + rng() % 200);
    for (uint32_t every : {2u, 16u, 256u}) {  // dense, medium, sparse
      testing::TermPostings t;
      t.term = "every" + std::to_string(every);
      for (uint32_t d = static_cast<uint32_t>(rng() % every); d < kMaxDoc;
           d += 1 + static_cast<uint32_t>(rng() % (2 * every - 1))) {
        t.docs.push_back(d);
        const uint32_t freq = 1 + static_cast<uint32_t>(rng() % 4 == 0 ? rng() % 6 : 0);
        t.freqs.push_back(freq);
        std::vector<uint32_t> pos;
        uint32_t p = static_cast<uint32_t>(rng() % 50);
        for (uint32_t k = 0; k < freq; ++k) pos.push_back(p += static_cast<uint32_t>(rng() % 100));
        t.positions.push_back(pos);
      }
      f.terms.push_back(std::move(t));
    }
    std::sort(f.terms.begin(), f.terms.end(),
              [](const auto& a, const auto& b) { return a.term < b.term; });
    core = *testing::BuildSegment(env.get(), "/bench", 1, kMaxDoc, {f});
  }
  static Fixture& Get() {
    static Fixture* f = new Fixture();
    return *f;
  }
};

void BM_PostingsNext(benchmark::State& state) {
  const FieldReader* f = Fixture::Get().core->Field("f");
  TermInfo info;
  f->FindTerm("every" + std::to_string(state.range(0)), &info);
  PostingsIterator it;
  uint64_t n = 0;
  for (auto _ : state) {
    f->Postings(info, &it);
    for (uint32_t d = it.Next(); d != kNoMoreDocs; d = it.Next())
      benchmark::DoNotOptimize(d + it.freq());
    n += info.doc_freq;
  }
  state.SetItemsProcessed(static_cast<int64_t>(n));
  state.SetBytesProcessed(static_cast<int64_t>(n) * 8);  // doc + freq
}
BENCHMARK(BM_PostingsNext)->Arg(2)->Arg(16)->Arg(256);

// NextGEQ to targets `stride` docs apart (the access pattern of a conjunction with a rarer
// term); items are NextGEQ calls.
void BM_PostingsNextGEQ(benchmark::State& state) {
  const FieldReader* f = Fixture::Get().core->Field("f");
  TermInfo info;
  f->FindTerm("every16", &info);
  const uint32_t stride = static_cast<uint32_t>(state.range(0));
  PostingsIterator it;
  uint64_t calls = 0;
  for (auto _ : state) {
    f->Postings(info, &it);
    for (uint32_t t = 0; t < Fixture::kMaxDoc; t += stride) {
      benchmark::DoNotOptimize(it.NextGEQ(t));
      ++calls;
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(calls));
}
BENCHMARK(BM_PostingsNextGEQ)->Arg(64)->Arg(1024)->Arg(16384);

void BM_PostingsPositions(benchmark::State& state) {
  const FieldReader* f = Fixture::Get().core->Field("f");
  TermInfo info;
  f->FindTerm("every16", &info);
  PostingsIterator it;
  uint64_t n = 0;
  for (auto _ : state) {
    f->Postings(info, &it, true);
    for (uint32_t d = it.Next(); d != kNoMoreDocs; d = it.Next()) {
      for (uint32_t k = 0; k < it.freq(); ++k) benchmark::DoNotOptimize(it.NextPosition());
      n += it.freq();
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(n));
}
BENCHMARK(BM_PostingsPositions);

void BM_ShallowAdvance(benchmark::State& state) {
  const FieldReader* f = Fixture::Get().core->Field("f");
  TermInfo info;
  f->FindTerm("every2", &info);
  PostingsIterator it;
  uint64_t n = 0;
  for (auto _ : state) {
    f->Postings(info, &it);
    for (uint32_t t = 0; t < Fixture::kMaxDoc;) {
      const uint32_t last = it.ShallowAdvance(t);
      if (last == kNoMoreDocs) break;
      benchmark::DoNotOptimize(it.shallow_impact());
      t = last + 1;
      ++n;
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(n));
}
BENCHMARK(BM_ShallowAdvance);

}  // namespace
}  // namespace rasd::index
