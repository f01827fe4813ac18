// IndexPipeline: every pushed document reaches the sink once, in order; Drain waits for them;
// the sink's first error is sticky; Return gives a document back unindexed.
#include "rasd/engine/internal/index_pipeline.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <future>
#include <string>
#include <thread>
#include <vector>

namespace rasd::engine::internal {
namespace {

TEST(IndexPipelineTest, DeliversInOrderAndDrains) {
  std::vector<std::string> seen;  // written by the worker only; read after Drain
  IndexPipeline pipeline(
      [&seen](index::IndexDocument* doc) {
        seen.emplace_back(doc->id());
        return Status::OK();
      },
      3);
  for (int i = 0; i < 1000; ++i) {
    index::IndexDocument* doc = pipeline.Acquire();
    doc->set_id("d" + std::to_string(i));
    if (i % 7 == 3) {
      pipeline.Return(doc);  // rejected: never reaches the sink
      continue;
    }
    ASSERT_TRUE(pipeline.Push(doc).ok());
  }
  ASSERT_TRUE(pipeline.Drain().ok());
  std::vector<std::string> expected;
  for (int i = 0; i < 1000; ++i) {
    if (i % 7 != 3) expected.push_back("d" + std::to_string(i));
  }
  EXPECT_EQ(seen, expected);
}

TEST(IndexPipelineTest, FirstErrorIsSticky) {
  int calls = 0;
  IndexPipeline pipeline(
      [&calls](index::IndexDocument* doc) {
        ++calls;
        return doc->id() == "bad" ? Status::IOError("disk full") : Status::OK();
      },
      2);
  for (const char* id : {"a", "bad", "c"}) {
    index::IndexDocument* doc = pipeline.Acquire();
    doc->set_id(id);
    pipeline.Push(doc).IgnoreError();
  }
  Status s = pipeline.Drain();
  EXPECT_TRUE(s.IsIOError()) << s.ToString();
  EXPECT_EQ(calls, 2);  // "c" came after the error and was dropped
  index::IndexDocument* doc = pipeline.Acquire();
  doc->set_id("d");
  EXPECT_TRUE(pipeline.Push(doc).IsIOError());
}

TEST(IndexPipelineTest, DestructorDrains) {
  int calls = 0;
  {
    IndexPipeline pipeline(
        [&calls](index::IndexDocument*) {
          ++calls;
          return Status::OK();
        },
        4);
    for (int i = 0; i < 50; ++i) {
      index::IndexDocument* doc = pipeline.Acquire();
      doc->set_id("x");
      ASSERT_TRUE(pipeline.Push(doc).ok());
    }
  }
  EXPECT_EQ(calls, 50);
}

// A waiting Acquire wakes at half the ring, or when the worker has nothing left: a caller
// that holds most of the ring (AddBatch fills up to 32 of its 64 at once) must not wait for
// a half that can never come free.
TEST(IndexPipelineTest, AcquireWithMostOfTheRingHeldDoesNotHang) {
  std::vector<std::string> seen;
  auto run = std::async(std::launch::async, [&seen] {
    IndexPipeline pipeline(
        [&seen](index::IndexDocument* doc) {
          seen.emplace_back(doc->id());
          return Status::OK();
        },
        8);
    for (int round = 0; round < 50; ++round) {
      std::vector<index::IndexDocument*> held;
      for (int i = 0; i < 7; ++i) held.push_back(pipeline.Acquire());
      for (size_t i = 0; i < held.size(); ++i) {
        held[i]->set_id(std::to_string(round) + "." + std::to_string(i));
        if (i == 0) {
          // One is pushed; the other six stay held while the eighth is acquired, and then a
          // ninth, which can only come from the one the worker finishes.
          EXPECT_TRUE(pipeline.Push(held[0]).ok());
          index::IndexDocument* eighth = pipeline.Acquire();
          index::IndexDocument* ninth = pipeline.Acquire();
          pipeline.Return(eighth);
          pipeline.Return(ninth);
        }
      }
      for (size_t i = 1; i < held.size(); ++i) EXPECT_TRUE(pipeline.Push(held[i]).ok());
    }
    EXPECT_TRUE(pipeline.Drain().ok());
  });
  if (run.wait_for(std::chrono::seconds(60)) != std::future_status::ready) {
    ADD_FAILURE() << "Acquire never returned";
    std::abort();  // the pipeline's threads are stuck: end the test binary now
  }
  run.get();
  ASSERT_EQ(seen.size(), 50u * 7);
  EXPECT_EQ(seen.front(), "0.0");
  EXPECT_EQ(seen.back(), "49.6");
}

// An idle worker waits for a batch of documents instead of waking for each one (it is the
// faster side of a bulk load, and per-document wake-ups cost two context switches each);
// Drain still hands over a partial batch, and a full batch goes without one.
TEST(IndexPipelineTest, IdleWorkerTakesDocumentsInBatches) {
  std::atomic<int> calls{0};
  IndexPipeline pipeline(
      [&calls](index::IndexDocument*) {
        ++calls;
        return Status::OK();
      },
      64);
  auto push = [&pipeline](int n) {
    for (int i = 0; i < n; ++i) {
      index::IndexDocument* doc = pipeline.Acquire();
      doc->set_id("x");
      ASSERT_TRUE(pipeline.Push(doc).ok());
    }
  };
  push(3);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(calls.load(), 0);  // three documents do not wake it
  ASSERT_TRUE(pipeline.Drain().ok());
  EXPECT_EQ(calls.load(), 3);
  push(16);  // a batch wakes it without a Drain
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (calls.load() < 19 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_EQ(calls.load(), 19);
}

}  // namespace
}  // namespace rasd::engine::internal
