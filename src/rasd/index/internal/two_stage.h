// RunTwoStage: one loop split over two threads through two batches, for the parts of writing
// a segment that decode postings (from the in-memory buffer at a flush, from the source
// segments at a merge) and encode them again. The decoding runs on a thread of its own and
// fills one batch while the calling thread encodes and writes the other, so each side costs
// about half of what the loop did on one core while the other core would be idle (the end of
// a bulk load: the last flush, the final merge).
//
//   produce(Batch* b) -> Result<bool>   fills b (cleared by it), true once nothing is left
//   consume(const Batch& b) -> Status   writes b
//
// The batches go out in the order produced. produce never touches the batch consume holds:
// it fills one only after consume has taken the other. The first error of either side ends
// both and is returned (a produce error first, as the cause). Without a second thread to be
// had, both run on the caller's thread, alternately. produce runs on the other thread: what
// it shares with consume must be read-only, or handed over inside the batch.
#pragma once

#include <condition_variable>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>

#include "rasd/base/status.h"

namespace rasd::index::internal {

template <typename Batch, typename Produce, typename Consume>
Status RunTwoStage(Batch (&batches)[2], Produce&& produce, Consume&& consume) {
  auto one_thread = [&]() -> Status {
    while (true) {
      Result<bool> done = produce(&batches[0]);
      if (!done.ok()) return done.status();
      RASD_RETURN_IF_ERROR(consume(batches[0]));
      if (*done) return Status::OK();
    }
  };
  std::mutex mu;
  std::condition_variable cv;
  int filled = -1;      // the batch ready for consume, or -1
  bool last = false;    // the filled batch is the last one
  bool stop = false;    // consume is done (or failed): produce stops
  Status produce_error;
  auto producer = [&] {
    for (int next = 0;; next ^= 1) {
      Result<bool> done = produce(&batches[next]);
      std::unique_lock<std::mutex> lock(mu);
      if (!done.ok()) {
        produce_error = done.status();
        stop = true;
        cv.notify_all();
        return;
      }
      filled = next;
      last = *done;
      cv.notify_all();
      if (last) return;
      cv.wait(lock, [&] { return stop || filled == -1; });
      if (stop) return;
    }
  };
  std::thread thread;
  try {
    thread = std::thread(producer);
  } catch (const std::system_error&) {
    return one_thread();  // no thread to be had: the same work on this one
  }
  Status status;
  while (true) {
    int mine;
    bool end;
    {
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return filled != -1 || stop; });
      if (filled == -1) break;  // produce failed
      mine = filled;
      end = last;
      filled = -1;
    }
    cv.notify_all();
    status = consume(batches[mine]);
    if (!status.ok() || end) break;
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    stop = true;
  }
  cv.notify_all();
  thread.join();
  if (!produce_error.ok()) return produce_error;
  return status;
}

}  // namespace rasd::index::internal
