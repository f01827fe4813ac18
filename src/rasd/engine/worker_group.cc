// WorkerGroup (internal/worker_group.h).
#include "rasd/engine/internal/worker_group.h"

#include <algorithm>
#include <system_error>

namespace rasd::engine::internal {

WorkerGroup::WorkerGroup(size_t threads) {
  for (size_t t = 1; t <= threads; ++t) {
    try {
      threads_.emplace_back([this, t] { Loop(t); });
    } catch (const std::system_error&) {
      break;  // fewer workers: Run gives the caller their share
    }
  }
}

WorkerGroup::~WorkerGroup() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void WorkerGroup::Run(size_t n, const std::function<void(size_t)>& job) {
  n = std::max<size_t>(1, std::min(n, threads_.size() + 1));
  {
    std::lock_guard<std::mutex> lock(mu_);
    job_ = &job;
    active_ = n;
    pending_ = n - 1;
    ++generation_;
  }
  if (n > 1) cv_.notify_all();
  job(0);
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return pending_ == 0; });
  job_ = nullptr;
}

void WorkerGroup::Loop(size_t t) {
  uint64_t seen = 0;
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    cv_.wait(lock, [&] { return stop_ || generation_ != seen; });
    if (stop_) return;
    seen = generation_;
    if (t >= active_) continue;  // not asked this time
    const std::function<void(size_t)>* job = job_;
    lock.unlock();
    (*job)(t);
    lock.lock();
    if (--pending_ == 0) cv_.notify_all();
  }
}

}  // namespace rasd::engine::internal
