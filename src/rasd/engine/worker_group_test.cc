// WorkerGroup: each Run runs job(t) once for every t below n, on the same thread per t from
// one Run to the next (what a thread keeps for itself survives), and returns after all.
#include "rasd/engine/internal/worker_group.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace rasd::engine::internal {
namespace {

TEST(WorkerGroupTest, RunsEachShareOnceOnTheSameThreadEveryTime) {
  WorkerGroup group(3);
  ASSERT_EQ(group.size(), 3u);
  std::vector<std::thread::id> first(4);
  std::mutex mu;
  for (int round = 0; round < 200; ++round) {
    const size_t n = 1 + round % 4;  // 1 to 4 shares, the caller's included
    std::vector<int> calls(4, 0);    // written by job(t) only; read after Run
    thread_local int runs_here = 0;  // per thread: counts the jobs this thread ran
    std::vector<int> runs_seen(4, 0);
    group.Run(n, [&](size_t t) {
      ++calls[t];
      runs_seen[t] = ++runs_here;
      std::lock_guard<std::mutex> lock(mu);
      if (first[t] == std::thread::id()) first[t] = std::this_thread::get_id();
      EXPECT_EQ(first[t], std::this_thread::get_id()) << "share " << t << " moved threads";
    });
    for (size_t t = 0; t < 4; ++t) EXPECT_EQ(calls[t], t < n ? 1 : 0) << round << " " << t;
    EXPECT_GT(runs_seen[0], round);  // the caller ran a share in every round so far
  }
  EXPECT_EQ(first[0], std::this_thread::get_id());
  for (size_t t = 1; t < 4; ++t) EXPECT_NE(first[t], first[0]);
}

TEST(WorkerGroupTest, NeverMoreSharesThanThreads) {
  WorkerGroup group(1);
  std::atomic<int> calls{0};
  group.Run(5, [&](size_t t) {
    EXPECT_LT(t, 2u);
    ++calls;
  });
  EXPECT_EQ(calls.load(), 2);
}

}  // namespace
}  // namespace rasd::engine::internal
