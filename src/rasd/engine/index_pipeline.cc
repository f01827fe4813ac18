// IndexPipeline (internal/index_pipeline.h).
#include "rasd/engine/internal/index_pipeline.h"

#include <utility>

namespace rasd::engine::internal {

IndexPipeline::IndexPipeline(Sink sink, size_t depth) : sink_(std::move(sink)) {
  if (depth < 2) depth = 2;
  refill_ = depth / 2;
  for (size_t i = 0; i < depth; ++i) {
    docs_.push_back(std::make_unique<index::IndexDocument>());
    free_.push_back(docs_.back().get());
  }
  worker_ = std::thread([this] { Run(); });
}

IndexPipeline::~IndexPipeline() {
  Drain().IgnoreError();
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  worker_.join();
}

index::IndexDocument* IndexPipeline::Acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  if (free_.empty()) {
    // Wait until half the ring is free (or the worker has nothing left), not for the next
    // document: when the worker is the slower side, waking for each document it frees made
    // the two threads trade the core for every article (two context switches each).
    ++room_waiters_;
    cv_.wait(lock, [this] { return free_.size() >= refill_ || (queue_.empty() && !busy_); });
    --room_waiters_;
  }
  index::IndexDocument* doc = free_.back();
  free_.pop_back();
  lock.unlock();
  doc->Clear();
  return doc;
}

void IndexPipeline::Return(index::IndexDocument* doc) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(doc);
  }
  cv_.notify_all();
}

Status IndexPipeline::Push(index::IndexDocument* doc) {
  Status error;
  bool wake = true;
  {
    std::lock_guard<std::mutex> lock(mu_);
    error = error_;
    if (error.ok()) {
      // Only an idle worker waits for documents (Run).
      wake = queue_.empty() && !busy_;
      queue_.push_back(doc);
    } else {
      free_.push_back(doc);
    }
  }
  if (wake) cv_.notify_all();
  return error;
}

Status IndexPipeline::Drain() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return queue_.empty() && !busy_; });
  return error_;
}

void IndexPipeline::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stop_ and nothing left
    index::IndexDocument* doc = queue_.front();
    queue_.pop_front();
    busy_ = true;
    const bool skip = !error_.ok();
    lock.unlock();
    Status s = skip ? Status::OK() : sink_(doc);
    lock.lock();
    if (!s.ok() && error_.ok()) error_ = std::move(s);
    busy_ = false;
    free_.push_back(doc);
    // Wake Acquire at the moment its wait can end (see there), and Drain when all is done.
    const bool room = room_waiters_ > 0 && (free_.size() == refill_ || queue_.empty());
    if (room || queue_.empty()) cv_.notify_all();
  }
}

}  // namespace rasd::engine::internal
