// ThreadPool: a fixed number of worker threads over a bounded queue of tasks.
//
// The HTTP server hands every accepted connection to this pool (cpp-httplib's own pool has an
// unbounded queue). Bounded in both directions: at most `threads` tasks run at once, and at
// most `max_queued` wait; when the queue is full Submit() blocks the submitter (the server's
// accept loop), so a flood of connections waits in the kernel's listen backlog instead of
// growing memory without limit. Shutdown() lets every queued task run to completion before it
// joins the workers: the server's graceful stop relies on that to finish in-flight requests.
//
// Thread-safety: Submit may be called from any thread; Shutdown once, from one thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace rasd::server {

class ThreadPool {
 public:
  ThreadPool(size_t threads, size_t max_queued);
  ~ThreadPool();  // calls Shutdown()
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Queues `task`, blocking while the queue is full. After Shutdown() began the task runs
  // on the calling thread (nothing is ever dropped).
  void Submit(std::function<void()> task);
  // Runs every queued task, then stops and joins the workers. Idempotent.
  void Shutdown();

  size_t threads() const { return num_threads_; }
  // Tasks running or waiting (a snapshot).
  size_t Pending() const;

 private:
  void Work();

  const size_t num_threads_;
  const size_t max_queued_;
  mutable std::mutex mu_;
  std::condition_variable has_task_;
  std::condition_variable has_room_;
  std::deque<std::function<void()>> queue_;
  size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace rasd::server
