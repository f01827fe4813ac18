// WorkerGroup: threads kept for the engine's life that each run the caller's job when asked,
// so that what a thread keeps for itself survives from one job to the next. Engine::AddBatch
// prepares its articles on them: the entity tagger caches each word's analysis per thread
// (ArticleExtractor::Extract), and threads made afresh for every 32 articles started cold.
//
// Thread-safety: Run is called by one thread at a time (the engine's writer, under its
// mutex). A job must not throw.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace rasd::engine::internal {

class WorkerGroup {
 public:
  // Up to `threads` workers beside the caller (fewer when the system refuses more threads).
  explicit WorkerGroup(size_t threads);
  ~WorkerGroup();  // stops and joins the workers
  WorkerGroup(const WorkerGroup&) = delete;
  WorkerGroup& operator=(const WorkerGroup&) = delete;

  // Runs job(0) on the calling thread and job(t) on worker t for t in [1, n), n at most
  // size() + 1, and returns when every one has returned. Worker t is the same thread from
  // one Run to the next.
  void Run(size_t n, const std::function<void(size_t)>& job);
  size_t size() const { return threads_.size(); }

 private:
  void Loop(size_t t);

  std::mutex mu_;
  std::condition_variable cv_;
  const std::function<void(size_t)>* job_ = nullptr;
  uint64_t generation_ = 0;  // one per Run: a worker runs each generation at most once
  size_t active_ = 0;        // workers [1, active_) take part in this generation
  size_t pending_ = 0;       // of those, how many have not finished
  bool stop_ = false;
  std::vector<std::thread> threads_;  // threads_[t - 1] is worker t
};

}  // namespace rasd::engine::internal
