// IndexWriter: the buffer, the log, flushes, merges, commits and snapshots. The crash-safety
// protocol it follows is specified in docs/FORMAT.md ("Crash safety") and summarised in
// index_writer.h.
#include "rasd/index/index_writer.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <random>

#include "rasd/base/hash.h"
#include "rasd/base/macros.h"
#include "rasd/index/internal/format.h"
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
  std::unique_ptr<internal::SegmentBuffer> buffer;
  std::unique_ptr<internal::SegmentWriter> pending;  // receives the buffer's stored fields
  std::unique_ptr<internal::LogWriter> log;
  std::map<std::string, FieldKind, std::less<>> catalog;
  std::shared_ptr<FileRegistry> registry;
  IndexWriterStats counters;
  std::string scratch;
  bool replaying = false;

  mutable std::mutex snap_mu;
  std::shared_ptr<const IndexReader> snapshot;

  Status Fail(Status s) {
    if (!s.ok() && failed.ok()) failed = s;
    return s;
  }

  Status CheckKinds(const IndexDocument& doc);
  Status Apply(const IndexDocument& doc);
  bool DeleteId(std::string_view id);
  void MarkDeleted(SegmentState* s, uint32_t doc);
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
  std::lock_guard<std::mutex> lock(impl_->mu);
  if (impl_->log != nullptr) impl_->log->Close().IgnoreError();
  if (impl_->pending != nullptr) impl_->pending->Abandon();
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
    if (!options.create_if_missing) return Status::NotFound("no index in " + dir + " (no MANIFEST)");
    RASD_RETURN_IF_ERROR(internal::WriteManifest(env, dir, impl->committed));
  } else {
    RASD_ASSIGN_OR_RETURN(impl->committed, internal::ReadManifest(env, dir));
  }
  RASD_RETURN_IF_ERROR(impl->Recover());
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
  replaying = true;
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
        RASD_RETURN_IF_ERROR(Apply(doc));
      } else {
        DeleteId(payload);
      }
      ++counters.replayed_ops;
    }
    RASD_RETURN_IF_ERROR(reader->status());
    next_log_number = std::max(next_log_number, number + 1);
  }
  replaying = false;
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
  bool found = buffer != nullptr && buffer->DeleteId(id);
  for (SegmentState& s : segments) {
    const uint8_t* bits =
        s.deleted != nullptr ? reinterpret_cast<const uint8_t*>(s.deleted->data()) : nullptr;
    if (auto d = s.core->LookupId(id, bits)) {
      MarkDeleted(&s, *d);
      found = true;
    }
  }
  return found;
}

Status IndexWriter::Impl::Apply(const IndexDocument& doc) {
  DeleteId(doc.id());
  if (pending == nullptr) {
    internal::SegmentWriteOptions wo;
    wo.zstd_level = options.zstd_level;
    wo.stored_block_bytes = options.stored_block_bytes;
    RASD_ASSIGN_OR_RETURN(pending, internal::SegmentWriter::Create(env, dir, next_segment_id++,
                                                                   RandomNonce(), wo));
    buffer = std::make_unique<internal::SegmentBuffer>();
  }
  RASD_RETURN_IF_ERROR(pending->AddStored(doc.id(), doc.stored()));
  buffer->Add(doc);
  if (buffer->num_docs() >= kMaxSegmentDocs - 1 ||
      buffer->memory_bytes() >= options.ram_budget_bytes) {
    RASD_RETURN_IF_ERROR(Flush());
    if (options.merge.enabled) RASD_RETURN_IF_ERROR(MaybeMerge());
  }
  return Status::OK();
}

Status IndexWriter::Impl::Flush() {
  if (buffer == nullptr || buffer->num_docs() == 0) return Status::OK();
  const uint32_t max_doc = buffer->num_docs();
  Status s = buffer->WriteTo(pending.get());
  Result<SegmentMeta> meta = s.ok() ? pending->Finish(max_doc) : Result<SegmentMeta>(s);
  if (!meta.ok()) {
    pending->Abandon();
    return meta.status();
  }
  auto core = SegmentCore::Open(env, dir, *meta, false);
  if (!core.ok()) return core.status();
  SegmentState state;
  state.core = *core;
  state.del_count = buffer->del_count();
  if (state.del_count > 0) {
    state.deleted = std::make_shared<std::string>(buffer->deleted(), 0, (max_doc + 7) / 8);
    state.dirty = true;
  }
  registry->IncRef(internal::DataFileNames(*state.core));
  buffer.reset();
  pending.reset();
  ++counters.flushes;
  if (state.del_count == max_doc) {
    registry->DecRef(internal::DataFileNames(*state.core));  // nothing live: drop it
    return Status::OK();
  }
  segments.push_back(std::move(state));
  return Status::OK();
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

Status IndexWriter::AddDocument(const IndexDocument& doc) {
  Impl& m = *impl_;
  std::lock_guard<std::mutex> lock(m.mu);
  if (!m.failed.ok()) return m.failed;
  RASD_RETURN_IF_ERROR(doc.Validate());
  RASD_RETURN_IF_ERROR(m.CheckKinds(doc));
  if (m.log != nullptr) {
    m.scratch.clear();
    internal::EncodeDocument(doc, &m.scratch);
    RASD_RETURN_IF_ERROR(m.Fail(m.log->AddRecord(LogRecordType::kAdd, m.scratch, m.options.sync_log)));
  }
  return m.Fail(m.Apply(doc));
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
  s.buffered_docs = impl_->buffer != nullptr ? impl_->buffer->num_docs() : 0;
  s.buffer_bytes = impl_->buffer != nullptr ? impl_->buffer->memory_bytes() : 0;
  s.segments = impl_->segments.size();
  return s;
}

std::string IndexWriter::committed_user_data() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->committed.user_data;
}

}  // namespace rasd::index
