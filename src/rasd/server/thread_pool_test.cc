#include "rasd/server/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace rasd::server {
namespace {

TEST(ThreadPoolTest, RunsEveryTaskBeforeShutdownReturns) {
  std::atomic<int> done{0};
  ThreadPool pool(4, 8);
  for (int i = 0; i < 200; ++i) {
    pool.Submit([&] {
      std::this_thread::sleep_for(std::chrono::microseconds(50));
      ++done;
    });
  }
  pool.Shutdown();
  EXPECT_EQ(done.load(), 200);
  pool.Shutdown();  // idempotent
}

TEST(ThreadPoolTest, AtMostThreadsRunAtOnce) {
  std::atomic<int> running{0}, peak{0};
  {
    ThreadPool pool(3, 100);
    for (int i = 0; i < 30; ++i) {
      pool.Submit([&] {
        int now = ++running;
        int p = peak.load();
        while (now > p && !peak.compare_exchange_weak(p, now)) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        --running;
      });
    }
  }
  EXPECT_LE(peak.load(), 3);
  EXPECT_GE(peak.load(), 1);
}

TEST(ThreadPoolTest, SubmitBlocksWhenTheQueueIsFull) {
  ThreadPool pool(1, 1);
  std::atomic<bool> release{false};
  pool.Submit([&] {
    while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  });
  // Wait until the worker took the first task, so the queue is empty.
  while (pool.Pending() != 1) std::this_thread::yield();
  pool.Submit([] {});  // fills the queue
  std::atomic<bool> third_submitted{false};
  std::thread submitter([&] {
    pool.Submit([] {});
    third_submitted = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(third_submitted.load());
  release = true;
  submitter.join();
  EXPECT_TRUE(third_submitted.load());
  pool.Shutdown();
  EXPECT_EQ(pool.Pending(), 0u);
}

TEST(ThreadPoolTest, SubmitAfterShutdownRunsOnTheCaller) {
  ThreadPool pool(2, 2);
  pool.Shutdown();
  bool ran = false;
  pool.Submit([&] { ran = true; });
  EXPECT_TRUE(ran);
}

}  // namespace
}  // namespace rasd::server
