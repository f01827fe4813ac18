// Crash recovery with FaultInjectionEnv: run a workload once to count its mutating file
// operations, then for many points k let the first k succeed, fail everything after, drop
// every unsynced byte and unsynced directory entry (SimulateCrash), reopen, and check that
// the index passes Check and holds exactly the acknowledged documents (or, for the one
// operation in flight when the fault hit, either outcome).
#include <gtest/gtest.h>

#include <random>

#include "rasd/base/fault_injection_env.h"
#include "rasd/base/mem_env.h"
#include "rasd/index/check.h"
#include "rasd/index/index_writer.h"
#include "rasd/index/testing/model.h"

namespace rasd::index {
namespace {

using testing::DiffAgainstModel;
using testing::Model;
using testing::RandomDoc;

struct Outcome {
  Model acked;                  // state every acknowledged operation implies
  std::optional<Model> maybe;   // the same plus the operation that failed, if any
  bool opened = false;
};

IndexWriterOptions CrashOptions(bool use_log) {
  IndexWriterOptions o;
  o.ram_budget_bytes = 160 << 10;  // flushes every few dozen documents
  o.stored_block_bytes = 1024;
  o.use_log = use_log;
  o.sync_log = true;
  o.merge.segments_per_tier = 3;
  o.merge.floor_segment_bytes = 8 << 10;
  return o;
}

// Runs the workload until the first error. With the log every acknowledged operation is
// durable; without it only what a successful Commit covered.
Outcome RunWorkload(base::Env* env, uint64_t seed, bool use_log) {
  Outcome out;
  std::mt19937_64 rng(seed);
  auto w = IndexWriter::Open(env, "/idx", CrashOptions(use_log));
  if (!w.ok()) return out;
  out.opened = true;
  Model live;  // state after every successful operation
  for (int step = 0; step < 120; ++step) {
    const int op = static_cast<int>(rng() % 100);
    Model next = live;
    Status s;
    bool is_commit = false;
    if (op < 65) {
      const std::string id = "id" + std::to_string(rng() % 60);
      auto d = RandomDoc(rng, id, 30);
      next[id] = d;
      s = (*w)->AddDocument(d.ToDocument());
    } else if (op < 80) {
      const std::string id = "id" + std::to_string(rng() % 60);
      next.erase(id);
      s = (*w)->DeleteDocument(id).status();
    } else if (op < 96) {
      is_commit = true;
      s = (*w)->Commit();
    } else {
      is_commit = true;  // changes no content
      s = (*w)->ForceMerge(1);
    }
    if (!s.ok()) {
      if (use_log) {
        out.maybe = next;  // the failed op may have reached the log
      } else if (is_commit && op < 96) {
        out.maybe = live;  // the failed commit may have reached its commit point
      }
      return out;
    }
    live = std::move(next);
    if (use_log || (is_commit && op < 96)) out.acked = live;
  }
  return out;
}

void CrashAt(int64_t k, uint64_t seed, bool use_log) {
  SCOPED_TRACE("crash after " + std::to_string(k) + " operations, seed " + std::to_string(seed) +
               (use_log ? ", with log" : ", without log"));
  auto mem = base::NewMemEnv();
  base::FaultInjectionEnv env(mem.get());
  env.FailAfter(k);
  const Outcome out = RunWorkload(&env, seed, use_log);
  ASSERT_TRUE(env.SimulateCrash().ok());
  if (mem->FileExists("/idx/MANIFEST")) {
    Status s = Check(mem.get(), "/idx");
    ASSERT_TRUE(s.ok()) << "Check after the crash: " << s.ToString();
  }
  auto w = IndexWriter::Open(mem.get(), "/idx", CrashOptions(use_log));
  ASSERT_TRUE(w.ok()) << "reopen: " << w.status().ToString();
  ASSERT_TRUE((*w)->Refresh().ok());
  auto snap = (*w)->Snapshot();
  const auto diff = DiffAgainstModel(*snap, out.acked);
  if (!diff.empty()) {
    ASSERT_TRUE(out.maybe.has_value()) << diff[0];
    const auto diff2 = DiffAgainstModel(*snap, *out.maybe);
    ASSERT_TRUE(diff2.empty()) << "neither outcome: " << diff[0] << " / " << diff2[0];
  }
  // The recovered index commits and checks cleanly.
  ASSERT_TRUE((*w)->Commit().ok());
  Status s = Check(mem.get(), "/idx");
  ASSERT_TRUE(s.ok()) << s.ToString();
}

void RunCrashTest(bool use_log) {
  const uint64_t seed = std::random_device()();
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  int64_t total = 0;
  {
    auto mem = base::NewMemEnv();
    base::FaultInjectionEnv env(mem.get());
    const Outcome out = RunWorkload(&env, seed, use_log);
    ASSERT_TRUE(out.opened);
    total = env.mutating_ops();
  }
  std::printf("%lld mutating operations\n", static_cast<long long>(total));
  ASSERT_GT(total, 50);
  // Every point early on (opening, first log records and flushes), then a spread.
  std::mt19937_64 rng(seed);
  std::vector<int64_t> points;
  for (int64_t k = 0; k < 40 && k <= total; ++k) points.push_back(k);
  for (int i = 0; i < 120; ++i) points.push_back(static_cast<int64_t>(rng() % (total + 1)));
  for (int64_t k : points) {
    CrashAt(k, seed, use_log);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST(CrashTest, WithLog) { RunCrashTest(true); }
TEST(CrashTest, WithoutLog) { RunCrashTest(false); }

}  // namespace
}  // namespace rasd::index
