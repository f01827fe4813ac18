// IndexPipeline (internal/index_pipeline.h).
#include "rasd/engine/internal/index_pipeline.h"

#include <algorithm>
#include <utility>

namespace rasd::engine::internal {

IndexPipeline::IndexPipeline(Sink sink, size_t depth) : sink_(std::move(sink)) {
  if (depth < 2) depth = 2;
  refill_ = depth / 2;
  wake_batch_ = std::min<size_t>(kWakeBatch, refill_);
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
    cv_.notify_all();  // an idle worker takes what is queued (Run)
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
      // Only an idle worker waits for documents (Run), and it waits for a batch of them.
      queue_.push_back(doc);
      wake = !busy_ && queue_.size() >= wake_batch_;
    } else {
      free_.push_back(doc);
    }
  }
  if (wake) cv_.notify_all();
  return error;
}

Status IndexPipeline::Drain() {
  std::unique_lock<std::mutex> lock(mu_);
  ++drainers_;
  cv_.notify_all();  // the worker may be waiting for a batch that will not come
  cv_.wait(lock, [this] { return queue_.empty() && !busy_; });
  --drainers_;
  return error_;
}

void IndexPipeline::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    // Idle, the worker wakes for a batch of documents, not for each: when it is the faster
    // side it would otherwise sleep and wake once per article (two context switches each,
    // about 5% of a bulk load's CPU in the kernel). A caller waiting for room or for the
    // end, or the destructor, wakes it for whatever is queued.
    cv_.wait(lock, [this] {
      return stop_ || queue_.size() >= wake_batch_ ||
             (!queue_.empty() && (drainers_ > 0 || room_waiters_ > 0));
    });
    if (queue_.empty()) return;  // stop_ and nothing left
    while (!queue_.empty()) {
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
}

}  // namespace rasd::engine::internal
