// IndexWriter: the buffer, the log, flushes, merges, commits and snapshots. The crash-safety
// protocol it follows is specified in docs/FORMAT.md ("Crash safety") and summarised in
// index_writer.h.
#include "rasd/index/index_writer.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>

#include "rasd/base/hash.h"
#include "rasd/base/heap.h"
#include "rasd/base/macros.h"
#include "rasd/index/internal/format.h"
#include "rasd/index/internal/id_filter.h"
#include "rasd/index/internal/inverter.h"
#include "rasd/index/internal/manifest.h"
#include "rasd/index/internal/merge_policy.h"
#include "rasd/index/internal/merger.h"
#include "rasd/index/internal/segment_buffer.h"
#include "rasd/index/internal/segment_reader.h"
#include "rasd/index/internal/segment_writer.h"
#include "rasd/index/internal/snapshot.h"
#include "rasd/index/internal/wal.h"

namespace rasd::index {

using internal::FileRegistry;
using internal::LogRecordType;
using internal::Manifest;
using internal::SegmentCore;
using internal::SegmentMeta;
using internal::SnapshotFactory;

namespace {

// A segment in the writer's current state.
struct SegmentState {
  std::shared_ptr<const SegmentCore> core;
  std::shared_ptr<std::string> deleted;  // bitmap or nullptr; copied before changing if shared
  uint32_t del_count = 0;
  uint64_t del_gen = 0;   // tombstone file generation on disk (0: none)
  uint64_t del_size = 0;
  bool dirty = false;     // deletions changed since del_gen was written
  std::shared_ptr<const internal::IdFilter> ids;  // may-contain filter over its ids

  SegmentMeta Meta() const {
    SegmentMeta m = core->meta;
    m.del_count = del_count;
    m.del_gen = del_gen;
    m.del_size = del_size;
    return m;
  }
};

uint64_t RandomNonce() {
  static std::mutex mu;
  static std::mt19937_64 rng([] {
    std::random_device rd;
    return (uint64_t{rd()} << 32) ^ rd() ^
           static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }());
  std::lock_guard<std::mutex> lock(mu);
  return rng();
}

std::vector<std::string> ManifestFiles(const Manifest& m) {
  std::vector<std::string> names;
  for (const SegmentMeta& s : m.segments) {
    for (std::string& n : s.FileNames()) names.push_back(std::move(n));
  }
  return names;
}

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

// Documents added since the last flush form a generation: they become one segment. The
// writer assigns their doc ids and tracks deletions among them here (synchronously), while
// the inverter (inline or on the indexing thread) builds the segment.
struct Generation {
  uint64_t seq = 0;
  uint64_t segment_id = 0;
  uint64_t nonce = 0;
  uint32_t docs = 0;  // doc ids assigned so far
  // External id -> its latest doc here.
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> ids;
  std::string deleted;                            // bitmap
  uint32_t del_count = 0;
  bool sealed = false;  // no more documents; its flush is queued
};

// Work for the inverter, in order.
struct WorkItem {
  enum Kind { kDoc, kFlush } kind = kDoc;
  std::unique_ptr<IndexDocument> doc;
  uint64_t segment_id = 0;
  uint64_t nonce = 0;
  uint64_t gen_seq = 0;
};

struct FlushResult {
  uint64_t gen_seq = 0;
  Status status;
  std::shared_ptr<const SegmentCore> core;  // nullptr when the generation had no documents
};

// The queue between the writer and the inverter, and the inverter's results. The inverter
// side never takes the writer's mutex, so the writer may wait here while holding it.
struct IndexingQueue {
  std::mutex mu;
  std::condition_variable changed;
  std::deque<WorkItem> items;
  uint64_t queued_bytes = 0;
  std::deque<FlushResult> results;
  std::vector<std::unique_ptr<IndexDocument>> free_docs;  // recycled copies
  Status error;          // the inverter failed; reported by the next writer call
  bool stop = false;
  uint64_t inverter_bytes = 0;  // the inverter's buffer memory, published after each doc
  uint64_t inverter_gen = 0;    // the generation that memory belongs to
  // Bounded: a few MiB of queued documents are enough to keep the indexing thread busy.
  uint64_t limit = 0;
  int waiting = 0;             // Submit calls waiting for room
  uint64_t waiting_bytes = 0;  // the size of the document the last of them holds
  int flushes = 0;             // flush items among `items`

  // An idle indexing thread waits for a batch of documents, not for each one: in a bulk load
  // it is about as fast as the writer, and sleeping and waking once per article cost two
  // context switches each (about 5% of the load's CPU, in the kernel). A flush, a writer
  // waiting for room, or a quarter of the byte limit wakes it for whatever is queued.
  static constexpr size_t kWakeBatch = 16;
  bool WorkerShouldWake() const {
    return !items.empty() && (items.size() >= kWakeBatch || flushes > 0 || waiting > 0 ||
                              queued_bytes >= limit / 4);
  }
};

// Approximate bytes a queued document holds: per token its record (32 bytes with the term's
// hash) and its term's bytes (about 8).
uint64_t DocBytes(const IndexDocument& d) {
  return d.num_tokens() * 40 + d.stored().size() + 256;
}

}  // namespace

struct IndexWriter::Impl {
  base::Env* env = nullptr;
  std::string dir;
  IndexWriterOptions options;
  std::unique_ptr<base::FileLock> lock;

  mutable std::mutex mu;  // serialises everything below
  Status failed;
  Manifest committed;
  uint64_t next_segment_id = 1;
  uint64_t next_log_number = 1;  // for the next log file
  std::vector<SegmentState> segments;
  std::deque<Generation> gens;  // oldest first; only the last may be unsealed
  uint64_t next_gen_seq = 1;
  std::unique_ptr<internal::Inverter> inverter;
  internal::SegmentWriteOptions write_options;
  IndexingQueue queue;
  std::thread worker;  // runs the inverter when options.background_indexing
  // With the worker: the sealed generation's segment is written on `flusher`, by the inverter
  // it was built in (`flushing`), while `inverter`, swapped in empty, takes the next one. A
  // bulk load's indexing thread is its bound, and it spent a fifth of its time flushing while
  // the analysis waited. One flush at a time: results stay in order, and at most two
  // generations' buffers are held (the one being written and the one filling).
  std::unique_ptr<internal::Inverter> flushing;
  std::thread flusher;
  bool background = false;  // the worker runs (not during Open's replay)
  std::unique_ptr<internal::LogWriter> log;
  std::map<std::string, FieldKind, std::less<>> catalog;
  std::shared_ptr<FileRegistry> registry;
  IndexWriterStats counters;
  std::string scratch;

  mutable std::mutex snap_mu;
  std::shared_ptr<const IndexReader> snapshot;

  Status Fail(Status s) {
    if (!s.ok() && failed.ok()) failed = s;
    return s;
  }

  Status WithIdFilter(SegmentState* s);
  Status CheckKinds(const IndexDocument& doc);
  Status Add(const IndexDocument& doc, IndexDocument* take);
  Status Apply(const IndexDocument& doc, IndexDocument* take);
  bool DeleteId(std::string_view id);
  void MarkDeleted(SegmentState* s, uint32_t doc);
  void Submit(WorkItem item);
  void Process(WorkItem& item);
  FlushResult FlushGeneration(internal::Inverter* inv, uint64_t gen_seq, const Status& error);
  void StartFlush(uint64_t gen_seq, const Status& error);
  void WorkerLoop();
  void Seal();
  Status InstallResults();
  uint64_t BufferedBytes();
  Status Flush();
  Status MaybeMerge();
  Status Merge(std::vector<size_t> indexes);
  Status CommitLocked(const std::string* user_data);
  void Publish(bool committed_state);
  Status Recover();
  Status RemoveGarbage();
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

IndexWriter::~IndexWriter() {
  if (impl_ == nullptr) return;
  {
    std::lock_guard<std::mutex> lock(impl_->queue.mu);
    impl_->queue.stop = true;
  }
  impl_->queue.changed.notify_all();
  if (impl_->worker.joinable()) impl_->worker.join();
  if (impl_->flusher.joinable()) impl_->flusher.join();
  std::lock_guard<std::mutex> lock(impl_->mu);
  if (impl_->log != nullptr) impl_->log->Close().IgnoreError();
  impl_->inverter.reset();  // removes the files of an unfinished segment
  impl_->flushing.reset();
  // Segments flushed but never committed: drop the writer's references (their files go
  // unless a snapshot still uses them); the log replays their documents.
  for (const SegmentState& s : impl_->segments) {
    impl_->registry->DecRef(internal::DataFileNames(*s.core));
  }
  impl_->registry->Close();
}

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(base::Env* env, const std::string& dir,
                                                       const IndexWriterOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->env = env;
  impl->dir = dir;
  impl->options = options;
  if (options.create_if_missing) RASD_RETURN_IF_ERROR(env->CreateDirs(dir));
  if (!env->FileExists(dir)) return Status::NotFound("index directory " + dir + " does not exist");
  RASD_ASSIGN_OR_RETURN(impl->lock, env->LockFile(base::JoinPath(dir, internal::kLockName)));
  impl->registry = std::make_shared<FileRegistry>(env, dir);
  const bool exists = env->FileExists(base::JoinPath(dir, internal::kManifestName));
  if (exists && options.error_if_exists) {
    return Status::InvalidArgument("an index already exists in " + dir);
  }
  if (!exists) {
    // Segment files without a MANIFEST: a new index here would delete them as garbage.
    RASD_RETURN_IF_ERROR(internal::CheckNoOrphanedFiles(env, dir));
    if (!options.create_if_missing) return Status::NotFound("no index in " + dir + " (no MANIFEST)");
    RASD_RETURN_IF_ERROR(internal::WriteManifest(env, dir, impl->committed));
  } else {
    RASD_ASSIGN_OR_RETURN(impl->committed, internal::ReadManifest(env, dir));
  }
  impl->write_options.zstd_level = options.zstd_level;
  impl->write_options.stored_block_bytes = options.stored_block_bytes;
  impl->inverter = std::make_unique<internal::Inverter>(env, dir, impl->write_options);
  RASD_RETURN_IF_ERROR(impl->Recover());
  impl->queue.limit =
      std::max<uint64_t>(64 << 10, std::min<uint64_t>(options.ram_budget_bytes / 8, 8 << 20));
  if (options.background_indexing) {
    Impl* raw = impl.get();
    impl->background = true;
    impl->worker = std::thread([raw] { raw->WorkerLoop(); });
  }
  return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
}

// Opens the committed segments, removes leftovers of interrupted sessions, replays the log
// and starts a new log file.
Status IndexWriter::Impl::Recover() {
  RASD_ASSIGN_OR_RETURN(auto parts, internal::OpenParts(env, dir, committed, false, {}));
  for (size_t i = 0; i < parts.size(); ++i) {
    SegmentState s;
    s.core = parts[i].core;
    if (parts[i].deleted != nullptr) s.deleted = std::make_shared<std::string>(*parts[i].deleted);
    s.del_count = parts[i].del_count;
    s.del_gen = committed.segments[i].del_gen;
    s.del_size = committed.segments[i].del_size;
    for (const auto& f : s.core->field_data) catalog.emplace(f->name, f->kind);
    RASD_RETURN_IF_ERROR(WithIdFilter(&s));
    segments.push_back(std::move(s));
  }
  registry->IncRef(ManifestFiles(committed));
  for (const SegmentState& s : segments) registry->IncRef(internal::DataFileNames(*s.core));
  next_segment_id = committed.next_segment_id;
  next_log_number = committed.log_number;
  RASD_RETURN_IF_ERROR(RemoveGarbage());
  Publish(true);

  // Replay logs numbered >= committed.log_number, oldest first.
  RASD_ASSIGN_OR_RETURN(auto names, env->GetChildren(dir));
  std::vector<std::pair<uint64_t, std::string>> logs;
  for (const std::string& name : names) {
    uint64_t number = 0;
    if (internal::ParseLogFileName(name, &number) && number >= committed.log_number) {
      logs.emplace_back(number, name);
    }
  }
  std::sort(logs.begin(), logs.end());
  IndexDocument doc;
  std::string payload;
  for (const auto& [number, name] : logs) {
    RASD_ASSIGN_OR_RETURN(auto reader, internal::LogReader::Open(env, dir, name, number));
    LogRecordType type;
    while (reader->ReadRecord(&type, &payload)) {
      const uint64_t at = reader->offset();
      if (type == LogRecordType::kAdd) {
        if (!internal::DecodeDocument(payload, &doc) || !doc.Validate().ok() ||
            !CheckKinds(doc).ok()) {
          return internal::CorruptionAt(name, at, "log record holds an invalid document");
        }
        RASD_RETURN_IF_ERROR(Apply(doc, nullptr));
      } else {
        DeleteId(payload);
      }
      ++counters.replayed_ops;
    }
    RASD_RETURN_IF_ERROR(reader->status());
    next_log_number = std::max(next_log_number, number + 1);
  }
  if (options.use_log) {
    RASD_ASSIGN_OR_RETURN(log, internal::LogWriter::Create(env, dir, next_log_number));
    ++next_log_number;
  }
  counters.commit_generation = committed.generation;
  return Status::OK();
}

// Removes files that no commit references: segments of interrupted flushes and merges,
// superseded tombstones, replayed-and-committed logs, a stray temporary manifest. Only
// names this module creates are touched.
Status IndexWriter::Impl::RemoveGarbage() {
  RASD_ASSIGN_OR_RETURN(auto names, env->GetChildren(dir));
  std::map<uint64_t, const SegmentMeta*> live;
  for (const SegmentMeta& m : committed.segments) live[m.id] = &m;
  for (const std::string& name : names) {
    uint64_t id = 0, gen = 0, number = 0;
    bool garbage = false;
    if (internal::ParseSegmentFileName(name, &id)) {
      garbage = live.count(id) == 0;
      next_segment_id = std::max(next_segment_id, id + 1);
    } else if (internal::ParseDeletesFileName(name, &id, &gen)) {
      auto it = live.find(id);
      garbage = it == live.end() || it->second->del_gen != gen;
      next_segment_id = std::max(next_segment_id, id + 1);
    } else if (internal::ParseLogFileName(name, &number)) {
      garbage = number < committed.log_number;
    } else if (name == internal::kManifestTempName) {
      garbage = true;
    }
    if (garbage) RASD_RETURN_IF_ERROR(env->RemoveFile(base::JoinPath(dir, name)));
  }
  return Status::OK();
}

Status IndexWriter::Impl::WithIdFilter(SegmentState* s) {
  RASD_ASSIGN_OR_RETURN(s->ids, internal::IdFilter::Build(*s->core->id_field));
  return Status::OK();
}

Status IndexWriter::Impl::CheckKinds(const IndexDocument& doc) {
  auto check = [&](std::string_view name, FieldKind kind) -> Status {
    auto it = catalog.find(name);
    if (it == catalog.end()) {
      catalog.emplace(std::string(name), kind);
    } else if (it->second != kind) {
      return Status::InvalidArgument("field \"" + std::string(name) + "\" is a " +
                                     (it->second == FieldKind::kText ? "text" : "keyword") +
                                     " field in this index");
    }
    return Status::OK();
  };
  for (size_t i = 0; i < doc.num_text_fields(); ++i) {
    RASD_RETURN_IF_ERROR(check(doc.text_field(i).name, FieldKind::kText));
  }
  for (size_t i = 0; i < doc.num_keywords(); ++i) {
    RASD_RETURN_IF_ERROR(check(doc.keyword(i).field, FieldKind::kKeyword));
  }
  return Status::OK();
}

void IndexWriter::Impl::MarkDeleted(SegmentState* s, uint32_t doc) {
  if (s->deleted == nullptr) {
    s->deleted = std::make_shared<std::string>((s->core->meta.max_doc + 7) / 8, '\0');
  } else if (s->deleted.use_count() > 1) {
    s->deleted = std::make_shared<std::string>(*s->deleted);  // a snapshot holds the old one
  }
  (*s->deleted)[doc >> 3] |= static_cast<char>(1u << (doc & 7));
  ++s->del_count;
  s->dirty = true;
}

bool IndexWriter::Impl::DeleteId(std::string_view id) {
  bool found = false;
  for (Generation& g : gens) {
    auto it = g.ids.find(id);
    if (it == g.ids.end()) continue;
    const uint32_t d = it->second;
    if ((static_cast<uint8_t>(g.deleted[d >> 3]) >> (d & 7)) & 1) continue;
    g.deleted[d >> 3] |= static_cast<char>(1u << (d & 7));
    ++g.del_count;
    found = true;
  }
  for (SegmentState& s : segments) {
    if (s.ids != nullptr && !s.ids->MayContain(id)) continue;
    const uint8_t* bits =
        s.deleted != nullptr ? reinterpret_cast<const uint8_t*>(s.deleted->data()) : nullptr;
    if (auto d = s.core->LookupId(id, bits)) {
      MarkDeleted(&s, *d);
      found = true;
    }
  }
  return found;
}

// `take`: &doc when the caller gives the document away (AddDocument(IndexDocument&&)).
Status IndexWriter::Impl::Apply(const IndexDocument& doc, IndexDocument* take) {
  RASD_RETURN_IF_ERROR(InstallResults());
  DeleteId(doc.id());
  if (gens.empty() || gens.back().sealed) {
    Generation g;
    g.seq = next_gen_seq++;
    g.segment_id = next_segment_id++;
    g.nonce = RandomNonce();
    gens.push_back(std::move(g));
  }
  Generation& g = gens.back();
  const uint32_t local = g.docs++;
  g.ids[std::string(doc.id())] = local;
  if ((local >> 3) >= g.deleted.size()) g.deleted.resize(g.deleted.size() + 1024, '\0');
  WorkItem item;
  item.kind = WorkItem::kDoc;
  {
    std::lock_guard<std::mutex> lock(queue.mu);
    if (!queue.free_docs.empty()) {
      item.doc = std::move(queue.free_docs.back());
      queue.free_docs.pop_back();
    }
  }
  if (item.doc == nullptr) item.doc = std::make_unique<IndexDocument>();
  if (take != nullptr) {
    // Last use of doc: it now holds the recycled document (cleared by its next filler).
    std::swap(*item.doc, *take);
  } else {
    *item.doc = doc;
  }
  item.segment_id = g.segment_id;
  item.nonce = g.nonce;
  item.gen_seq = g.seq;
  Submit(std::move(item));
  if (g.docs >= kMaxSegmentDocs - 1 || BufferedBytes() >= options.ram_budget_bytes) {
    Seal();
    RASD_RETURN_IF_ERROR(InstallResults());
  }
  return Status::OK();
}

// Hands an item to the inverter: queued for the indexing thread (waiting while the queue is
// full: bounded memory), or processed right here.
void IndexWriter::Impl::Submit(WorkItem item) {
  if (!background) {
    Process(item);
    return;
  }
  const uint64_t bytes = item.doc != nullptr ? DocBytes(*item.doc) : 0;
  std::unique_lock<std::mutex> lock(queue.mu);
  auto fits = [&](uint64_t limit) {
    return queue.items.size() < 4 || queue.queued_bytes + bytes <= limit || queue.stop;
  };
  if (!fits(queue.limit)) {
    // Full: wait until it is half empty, not for the next free slot. The indexing thread is
    // the slower side of a bulk load, and waking the writer for every document it took made
    // the two threads trade the core for every article (WorkerLoop notifies at half).
    queue.waiting_bytes = bytes;
    ++queue.waiting;
    queue.changed.notify_all();  // the indexing thread takes what is queued (WorkerShouldWake)
    queue.changed.wait(lock, [&] { return fits(queue.limit / 2); });
    --queue.waiting;
  }
  queue.queued_bytes += bytes;
  if (item.kind != WorkItem::kDoc) ++queue.flushes;
  queue.items.push_back(std::move(item));
  if (queue.WorkerShouldWake()) queue.changed.notify_all();
}

// The inverter's side of an item (indexing thread, or inline).
void IndexWriter::Impl::Process(WorkItem& item) {
  Status error;
  {
    std::lock_guard<std::mutex> lock(queue.mu);
    error = queue.error;
  }
  if (item.kind == WorkItem::kDoc) {
    if (error.ok()) error = inverter->Add(*item.doc, item.segment_id, item.nonce);
    const uint64_t bytes = inverter->memory_bytes();
    std::lock_guard<std::mutex> lock(queue.mu);
    if (!error.ok() && queue.error.ok()) queue.error = error;
    queue.inverter_bytes = bytes;
    queue.inverter_gen = item.gen_seq;
    if (queue.free_docs.size() < 64) queue.free_docs.push_back(std::move(item.doc));
    return;
  }
  if (background) {
    StartFlush(item.gen_seq, error);
    return;
  }
  FlushResult result = FlushGeneration(inverter.get(), item.gen_seq, error);
  std::lock_guard<std::mutex> lock(queue.mu);
  queue.inverter_bytes = 0;
  queue.results.push_back(std::move(result));
  queue.changed.notify_all();
}

// Writes the segment of the generation `inv` holds (or drops it after an earlier error).
FlushResult IndexWriter::Impl::FlushGeneration(internal::Inverter* inv, uint64_t gen_seq,
                                               const Status& error) {
  FlushResult result;
  result.gen_seq = gen_seq;
  if (error.ok()) {
    auto core = inv->Flush();
    if (core.ok()) {
      result.core = *core;
    } else {
      result.status = core.status();
    }
  } else {
    inv->Abandon();
    result.status = error;
  }
  return result;
}

// The indexing thread's side of a flush item: hands the generation's inverter to the flusher
// thread (after the previous flush ends) and goes on with an empty one.
void IndexWriter::Impl::StartFlush(uint64_t gen_seq, const Status& error) {
  if (flusher.joinable()) flusher.join();
  if (flushing == nullptr) flushing = std::make_unique<internal::Inverter>(env, dir, write_options);
  std::swap(inverter, flushing);
  {
    std::lock_guard<std::mutex> lock(queue.mu);
    queue.inverter_bytes = 0;  // the new generation's inverter is empty
  }
  flusher = std::thread([this, gen_seq, error] {
    FlushResult result = FlushGeneration(flushing.get(), gen_seq, error);
    std::lock_guard<std::mutex> lock(queue.mu);
    queue.results.push_back(std::move(result));
    queue.changed.notify_all();
  });
}

void IndexWriter::Impl::WorkerLoop() {
  std::unique_lock<std::mutex> lock(queue.mu);
  while (true) {
    queue.changed.wait(lock, [&] { return queue.stop || queue.WorkerShouldWake(); });
    if (queue.stop) return;
    // Awake, it takes everything queued, then waits for the next batch.
    while (!queue.items.empty() && !queue.stop) {
      WorkItem item = std::move(queue.items.front());
      queue.items.pop_front();
      if (item.doc != nullptr) queue.queued_bytes -= DocBytes(*item.doc);
      if (item.kind != WorkItem::kDoc) --queue.flushes;
      if (queue.waiting > 0 && (queue.items.size() < 4 ||
                                queue.queued_bytes + queue.waiting_bytes <= queue.limit / 2)) {
        queue.changed.notify_all();  // Submit's wait can end
      }
      lock.unlock();
      Process(item);
      lock.lock();
    }
  }
}

// Memory held for the open generation: its part of the inverter's buffer, queued copies
// (mostly its own), its id map and deletion bitmap. A generation already sealed and being
// flushed does not count: it is about to be freed (and one flush runs at a time, so at most
// one such buffer is held beside the open one).
uint64_t IndexWriter::Impl::BufferedBytes() {
  if (gens.empty() || gens.back().sealed) return 0;
  const Generation& g = gens.back();
  uint64_t n = g.ids.size() * 64 + g.deleted.size();
  if (!background) return n + inverter->memory_bytes();
  std::lock_guard<std::mutex> lock(queue.mu);
  // While the inverter still works on an older generation, the queued documents are mostly
  // this one's: they count too (the queue holds at most an eighth of the budget).
  if (queue.inverter_gen != g.seq) return n + queue.queued_bytes;
  return n + queue.inverter_bytes + queue.queued_bytes;
}

// Ends the open generation: its documents will form one segment.
void IndexWriter::Impl::Seal() {
  if (gens.empty() || gens.back().sealed) return;
  Generation& g = gens.back();
  g.sealed = true;
  WorkItem item;
  item.kind = WorkItem::kFlush;
  item.gen_seq = g.seq;
  Submit(std::move(item));
}

// Installs the segments the inverter finished, with the deletions their generation got
// meanwhile, and runs the merge policy when something was installed.
Status IndexWriter::Impl::InstallResults() {
  std::deque<FlushResult> results;
  {
    std::lock_guard<std::mutex> lock(queue.mu);
    results.swap(queue.results);
    if (!queue.error.ok() && results.empty()) return queue.error;
  }
  bool installed = false;
  for (FlushResult& r : results) {
    RASD_CHECK_MSG(!gens.empty() && gens.front().seq == r.gen_seq, "flush results out of order");
    Generation g = std::move(gens.front());
    gens.pop_front();
    RASD_RETURN_IF_ERROR(r.status);
    if (r.core == nullptr) continue;
    const uint32_t max_doc = r.core->meta.max_doc;
    if (max_doc != g.docs) return Status::Internal("flushed segment has the wrong document count");
    ++counters.flushes;
    SegmentState state;
    state.core = std::move(r.core);
    state.del_count = g.del_count;
    if (g.del_count > 0) {
      g.deleted.resize((max_doc + 7) / 8);
      state.deleted = std::make_shared<std::string>(std::move(g.deleted));
      state.dirty = true;
    }
    if (state.del_count == max_doc) {
      // Nothing live: drop it (its files go once nothing references them).
      registry->IncRef(internal::DataFileNames(*state.core));
      registry->DecRef(internal::DataFileNames(*state.core));
      continue;
    }
    registry->IncRef(internal::DataFileNames(*state.core));
    RASD_RETURN_IF_ERROR(WithIdFilter(&state));
    segments.push_back(std::move(state));
    installed = true;
  }
  if (installed && options.merge.enabled) RASD_RETURN_IF_ERROR(MaybeMerge());
  return Status::OK();
}

// Writes every buffered document into segments and installs them.
Status IndexWriter::Impl::Flush() {
  Seal();
  while (true) {
    RASD_RETURN_IF_ERROR(InstallResults());
    if (gens.empty()) return Status::OK();
    std::unique_lock<std::mutex> lock(queue.mu);
    queue.changed.wait(lock, [&] { return !queue.results.empty() || !queue.error.ok(); });
    if (queue.results.empty()) return queue.error;
  }
}

Status IndexWriter::Impl::Merge(std::vector<size_t> indexes) {
  std::sort(indexes.begin(), indexes.end());
  std::vector<internal::MergeSource> sources;
  for (size_t i : indexes) {
    const SegmentState& s = segments[i];
    sources.push_back({s.core, s.deleted != nullptr
                                   ? reinterpret_cast<const uint8_t*>(s.deleted->data())
                                   : nullptr});
  }
  std::vector<SegmentState> replaced;
  std::optional<SegmentState> merged;
  if (internal::LiveDocs(sources) > 0) {
    internal::SegmentWriteOptions wo;
    wo.zstd_level = options.zstd_level;
    wo.stored_block_bytes = options.stored_block_bytes;
    RASD_ASSIGN_OR_RETURN(auto w, internal::SegmentWriter::Create(env, dir, next_segment_id++,
                                                                  RandomNonce(), wo));
    auto meta = internal::MergeSegments(sources, w.get());
    if (!meta.ok()) {
      w->Abandon();
      return meta.status();
    }
    RASD_ASSIGN_OR_RETURN(auto core, SegmentCore::Open(env, dir, *meta, false));
    merged.emplace();
    merged->core = std::move(core);
    registry->IncRef(internal::DataFileNames(*merged->core));
    RASD_RETURN_IF_ERROR(WithIdFilter(&*merged));
  }
  // Replace the sources by the merged segment, at the first source's place.
  std::vector<SegmentState> next;
  for (size_t i = 0; i < segments.size(); ++i) {
    if (std::binary_search(indexes.begin(), indexes.end(), i)) {
      if (i == indexes.front() && merged.has_value()) next.push_back(std::move(*merged));
      registry->DecRef(internal::DataFileNames(*segments[i].core));
    } else {
      next.push_back(std::move(segments[i]));
    }
  }
  segments = std::move(next);
  ++counters.merges;
  return Status::OK();
}

Status IndexWriter::Impl::MaybeMerge() {
  for (int round = 0; round < 64; ++round) {
    std::vector<internal::SegmentSize> sizes;
    for (const SegmentState& s : segments) {
      sizes.push_back({s.core->size_bytes(), s.core->meta.max_doc, s.del_count});
    }
    auto merges = internal::FindMerges(sizes, options.merge);
    if (merges.empty()) return Status::OK();
    // Run the first; indexes shift afterwards, so recompute.
    RASD_RETURN_IF_ERROR(Merge(merges.front()));
  }
  return Status::OK();
}

void IndexWriter::Impl::Publish(bool committed_state) {
  std::vector<SnapshotFactory::Part> parts;
  std::vector<std::string> files;
  for (const SegmentState& s : segments) {
    SnapshotFactory::Part p;
    p.core = s.core;
    p.deleted = s.deleted;
    p.del_count = s.del_count;
    parts.push_back(std::move(p));
    for (std::string& n : internal::DataFileNames(*s.core)) files.push_back(std::move(n));
  }
  auto refs = std::make_shared<internal::FileRefs>(registry, std::move(files));
  auto snap = SnapshotFactory::Make(env, dir, ReaderOptions(), committed.generation,
                                    committed_state, committed.user_data, parts, std::move(refs));
  std::lock_guard<std::mutex> lock(snap_mu);
  snapshot = std::move(snap);
}

Status IndexWriter::Impl::CommitLocked(const std::string* user_data) {
  RASD_RETURN_IF_ERROR(Flush());
  if (options.merge.enabled) RASD_RETURN_IF_ERROR(MaybeMerge());
  // New tombstone generations.
  for (SegmentState& s : segments) {
    if (!s.dirty) continue;
    const uint64_t gen = s.del_gen + 1;
    const std::string data =
        internal::EncodeDeletes(s.core->meta.nonce, s.core->meta.max_doc, s.del_count, *s.deleted);
    RASD_RETURN_IF_ERROR(base::WriteStringToFile(
        env, data, base::JoinPath(dir, internal::DeletesFileName(s.core->meta.id, gen)), true));
    s.del_gen = gen;
    s.del_size = data.size();
    s.dirty = false;
  }
  // A new log for what comes after this commit.
  if (options.use_log) {
    RASD_ASSIGN_OR_RETURN(auto next, internal::LogWriter::Create(env, dir, next_log_number));
    ++next_log_number;
    log->Close().IgnoreError();
    log = std::move(next);
  }
  RASD_RETURN_IF_ERROR(env->SyncDir(dir));  // new segment and tombstone files are durable
  Manifest m;
  m.generation = committed.generation + 1;
  m.next_segment_id = next_segment_id;
  m.log_number = options.use_log ? log->number() : next_log_number;
  m.user_data = user_data != nullptr ? *user_data : committed.user_data;
  for (const SegmentState& s : segments) m.segments.push_back(s.Meta());
  RASD_RETURN_IF_ERROR(internal::WriteManifest(env, dir, m));
  // The commit point has passed.
  registry->IncRef(ManifestFiles(m));
  registry->DecRef(ManifestFiles(committed));
  const uint64_t old_log_number = committed.log_number;
  committed = std::move(m);
  counters.commit_generation = committed.generation;
  for (uint64_t n = old_log_number; n < committed.log_number; ++n) {
    const std::string path = base::JoinPath(dir, internal::LogFileName(n));
    if (env->FileExists(path)) env->RemoveFile(path).IgnoreError();
  }
  Publish(true);
  return Status::OK();
}

Status IndexWriter::AddDocument(const IndexDocument& doc) { return impl_->Add(doc, nullptr); }

Status IndexWriter::AddDocument(IndexDocument&& doc) { return impl_->Add(doc, &doc); }

Status IndexWriter::Impl::Add(const IndexDocument& doc, IndexDocument* take) {
  Impl& m = *this;
  std::lock_guard<std::mutex> lock(m.mu);
  if (!m.failed.ok()) return m.failed;
  RASD_RETURN_IF_ERROR(doc.Validate());
  RASD_RETURN_IF_ERROR(m.CheckKinds(doc));
  if (m.log != nullptr) {
    m.scratch.clear();
    internal::EncodeDocument(doc, &m.scratch);
    RASD_RETURN_IF_ERROR(m.Fail(m.log->AddRecord(LogRecordType::kAdd, m.scratch, m.options.sync_log)));
  }
  return m.Fail(m.Apply(doc, take));
}

Result<bool> IndexWriter::DeleteDocument(std::string_view id) {
  Impl& m = *impl_;
  std::lock_guard<std::mutex> lock(m.mu);
  if (!m.failed.ok()) return m.failed;
  if (m.log != nullptr) {
    RASD_RETURN_IF_ERROR(m.Fail(m.log->AddRecord(LogRecordType::kDelete, id, m.options.sync_log)));
  }
  return m.DeleteId(id);
}

Status IndexWriter::SyncLog() {
  Impl& m = *impl_;
  std::lock_guard<std::mutex> lock(m.mu);
  if (!m.failed.ok()) return m.failed;
  if (m.log == nullptr) return Status::OK();
  return m.Fail(m.log->Sync());
}

Status IndexWriter::Commit() {
  Impl& m = *impl_;
  std::lock_guard<std::mutex> lock(m.mu);
  if (!m.failed.ok()) return m.failed;
  return m.Fail(m.CommitLocked(nullptr));
}

Status IndexWriter::Commit(std::string_view user_data) {
  Impl& m = *impl_;
  std::lock_guard<std::mutex> lock(m.mu);
  if (!m.failed.ok()) return m.failed;
  const std::string data(user_data);
  return m.Fail(m.CommitLocked(&data));
}

Status IndexWriter::Refresh() {
  Impl& m = *impl_;
  std::lock_guard<std::mutex> lock(m.mu);
  if (!m.failed.ok()) return m.failed;
  RASD_RETURN_IF_ERROR(m.Fail(m.Flush()));
  if (m.options.merge.enabled) RASD_RETURN_IF_ERROR(m.Fail(m.MaybeMerge()));
  m.Publish(false);
  return Status::OK();
}

std::shared_ptr<const IndexReader> IndexWriter::Snapshot() const {
  std::lock_guard<std::mutex> lock(impl_->snap_mu);
  return impl_->snapshot;
}

Status IndexWriter::ForceMerge(int max_segments) {
  Impl& m = *impl_;
  std::lock_guard<std::mutex> lock(m.mu);
  if (!m.failed.ok()) return m.failed;
  RASD_RETURN_IF_ERROR(m.Fail(m.Flush()));
  // The flushes freed the inverters' buffers (up to two of OpenOptions' indexing memory each),
  // but the allocator keeps their pages for reuse by the threads that held them, and the
  // merge allocates on others: at 1M articles the merge started with 390 MB resident, some
  // 290 MB of it freed buffers, and its own arrays on top made the load's peak
  // (bench/scale/memory.sh; docs/BENCHMARKS.md).
  base::ReleaseFreeHeap();
  std::vector<internal::SegmentSize> sizes;
  for (const SegmentState& s : m.segments) {
    sizes.push_back({s.core->size_bytes(), s.core->meta.max_doc, s.del_count});
  }
  auto merges = internal::FindForcedMerges(sizes, max_segments);
  // Run from the highest indexes down so earlier indexes stay valid... merges are disjoint,
  // so map them to cores first.
  std::vector<std::vector<const SegmentCore*>> groups;
  for (const auto& g : merges) {
    std::vector<const SegmentCore*> cores;
    for (size_t i : g) cores.push_back(m.segments[i].core.get());
    groups.push_back(std::move(cores));
  }
  for (const auto& cores : groups) {
    std::vector<size_t> indexes;
    for (size_t i = 0; i < m.segments.size(); ++i) {
      if (std::find(cores.begin(), cores.end(), m.segments[i].core.get()) != cores.end()) {
        indexes.push_back(i);
      }
    }
    RASD_RETURN_IF_ERROR(m.Fail(m.Merge(indexes)));
  }
  return Status::OK();
}

Status IndexWriter::MaybeMerge() {
  Impl& m = *impl_;
  std::lock_guard<std::mutex> lock(m.mu);
  if (!m.failed.ok()) return m.failed;
  return m.Fail(m.MaybeMerge());
}

IndexWriterStats IndexWriter::stats() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  IndexWriterStats s = impl_->counters;
  for (const Generation& g : impl_->gens) s.buffered_docs += g.docs;
  s.buffer_bytes = impl_->BufferedBytes();
  s.segments = impl_->segments.size();
  return s;
}

std::string IndexWriter::committed_user_data() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->committed.user_data;
}

}  // namespace rasd::index
