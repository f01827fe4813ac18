// IndexPipeline: overlaps analysing the next article with indexing the previous ones.
//
// `rasd index` spends its time in two halves of about the same size: reading and analysing an
// article (JSON parsing, tokenising, normalising, stemming: the caller's thread) and inverting
// it into the writer's buffer and flushing segments (IndexWriter::AddDocument). With a second
// core the two can run at once: the caller fills a document, hands it over, and fills the next
// one while a worker thread feeds the handed-over documents to the sink in order. A small ring
// of reusable documents bounds the memory (and keeps their capacity, so no allocation per
// document), and blocks the caller when the worker falls behind.
//
// Errors: the sink's first error is sticky. Push and Drain return it from then on; documents
// pushed after it are dropped. So an Add can return OK for an article whose indexing fails
// later: the failure is reported by the next Add or by the Commit, which drains first.
//
// Thread-safety: Acquire, Return, Push and Drain must come from one thread at a time (the
// engine's writer thread, under its write mutex); the sink runs on the worker thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "rasd/base/status.h"
#include "rasd/index/document.h"

namespace rasd::engine::internal {

class IndexPipeline {
 public:
  // The sink may take the document's contents (IndexWriter::AddDocument(IndexDocument&&)):
  // the document goes back to the ring, to be Cleared before it is filled again.
  using Sink = std::function<Status(index::IndexDocument* doc)>;
  // `depth` documents at most are filled or waiting at once (>= 2).
  IndexPipeline(Sink sink, size_t depth);
  ~IndexPipeline();  // drains, then stops the worker
  IndexPipeline(const IndexPipeline&) = delete;
  IndexPipeline& operator=(const IndexPipeline&) = delete;

  // A cleared document to fill; blocks while every document is in use.
  index::IndexDocument* Acquire();
  // Gives back an acquired document without indexing it (its article was rejected).
  void Return(index::IndexDocument* doc);
  // Queues an acquired, filled document. The sink's first error so far, if any.
  Status Push(index::IndexDocument* doc);
  // Waits until the sink has seen every pushed document. The sink's first error, if any.
  Status Drain();

 private:
  void Run();

  Sink sink_;
  std::vector<std::unique_ptr<index::IndexDocument>> docs_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<index::IndexDocument*> free_;
  std::deque<index::IndexDocument*> queue_;
  // An idle worker waits for this many queued documents (or a Drain, or a caller waiting
  // for room) before it takes them.
  static constexpr size_t kWakeBatch = 16;

  bool busy_ = false;  // the worker is inside the sink
  size_t refill_ = 1;     // a waiting Acquire waits for this many free documents (half the ring)
  size_t wake_batch_ = 1;  // min(kWakeBatch, refill_)
  int room_waiters_ = 0;  // threads waiting in Acquire
  int drainers_ = 0;      // threads waiting in Drain
  bool stop_ = false;
  Status error_;
  std::thread worker_;
};

}  // namespace rasd::engine::internal
