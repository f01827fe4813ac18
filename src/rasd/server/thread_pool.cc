// Bounded thread pool: see thread_pool.h.
#include "rasd/server/thread_pool.h"

#include <utility>

namespace rasd::server {

ThreadPool::ThreadPool(size_t threads, size_t max_queued)
    : num_threads_(threads == 0 ? 1 : threads), max_queued_(max_queued == 0 ? 1 : max_queued) {
  workers_.reserve(num_threads_);
  for (size_t i = 0; i < num_threads_; ++i) workers_.emplace_back([this] { Work(); });
}

ThreadPool::~ThreadPool() { Shutdown(); }

void ThreadPool::Submit(std::function<void()> task) {
  {
    std::unique_lock<std::mutex> lock(mu_);
    has_room_.wait(lock, [&] { return stopping_ || queue_.size() < max_queued_; });
    if (!stopping_) {
      queue_.push_back(std::move(task));
      lock.unlock();
      has_task_.notify_one();
      return;
    }
  }
  task();  // shutting down: run it here rather than drop it
}

void ThreadPool::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ && workers_.empty()) return;
    stopping_ = true;
  }
  has_task_.notify_all();
  has_room_.notify_all();
  for (std::thread& t : workers_) {
    if (t.joinable()) t.join();
  }
  std::lock_guard<std::mutex> lock(mu_);
  workers_.clear();
}

size_t ThreadPool::Pending() const {
  std::lock_guard<std::mutex> lock(mu_);
  return queue_.size() + running_;
}

void ThreadPool::Work() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mu_);
      has_task_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      task = std::move(queue_.front());
      queue_.pop_front();
      ++running_;
    }
    has_room_.notify_one();
    task();
    std::lock_guard<std::mutex> lock(mu_);
    --running_;
  }
}

}  // namespace rasd::server
