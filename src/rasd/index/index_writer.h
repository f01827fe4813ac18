// IndexWriter: adds, replaces and deletes documents, and commits them durably and atomically.
//
// One writer per index directory (an exclusive lock on "<dir>/LOCK"; a second writer, in
// this process or another, gets ResourceExhausted). Any number of readers may use the
// directory meanwhile (IndexReader::Open in other processes, Snapshot() in this one).
//
// Life of a document:
//   1. AddDocument / DeleteDocument append the operation to the write-ahead log and apply it
//      to an in-memory buffer. With options.sync_log (or after SyncLog()) the operation is
//      durable when the call returns: a crash before the next Commit loses nothing, because
//      Open replays the log.
//   2. When the buffer reaches options.ram_budget_bytes it is written out as a new immutable
//      segment (bounded memory whatever the corpus size). Segments are merged by a tiered
//      merge policy after flushes and commits, or on request (ForceMerge); merges drop
//      deleted documents.
//   3. Commit() writes the buffer as a segment, syncs every new file, writes deletions as
//      new tombstone files, then replaces the manifest (temp file, fsync, rename, directory
//      fsync). The manifest rename is the commit point: a crash at any moment leaves either
//      the previous or the new commit, never a mix, and the log covers what came after.
//   4. Refresh() or Commit() publishes a new snapshot for Snapshot(); files of replaced
//      segments are deleted once no snapshot uses them.
//
// Errors: AddDocument returns InvalidArgument for a document that fails
// IndexDocument::Validate() or uses a field name as both text and keyword (nothing is
// changed). An I/O error (IOError, or Corruption met while reading) leaves the directory at
// its last commit (plus whatever the log holds) and puts the writer in a failed state: every
// later mutating call returns that error. Close it and open a new writer, which recovers
// from the log. With background_indexing, an error of the indexing thread (writing a
// segment) is returned by the next call (at the latest by Commit or Refresh).
//
// Snapshot() right after Open shows the last commit; operations replayed from the log
// become visible with the next Refresh() or Commit().
//
// Thread-safety: every method may be called from any thread; mutating calls are serialised
// internally. Snapshot() is cheap and never blocks on a running merge or flush for long.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "rasd/base/env.h"
#include "rasd/base/result.h"
#include "rasd/index/document.h"
#include "rasd/index/index_reader.h"

namespace rasd::index {

// The tiered merge policy (Lucene's TieredMergePolicy, simplified): segments are grouped in
// tiers of similar size; when a tier holds segments_per_tier segments, they are merged into
// one of the next tier. Segments with a large share of deleted documents are rewritten.
struct MergePolicyOptions {
  // Merge automatically after a flush or commit. ForceMerge works either way.
  bool enabled = true;
  // Segments of similar size allowed before they are merged (also how many merge at once).
  int segments_per_tier = 10;
  // Segments smaller than this are all in the lowest tier.
  uint64_t floor_segment_bytes = 4ull << 20;
  // Automatic merges do not produce segments larger than this (ForceMerge may).
  uint64_t max_merged_segment_bytes = 4ull << 30;
  // A segment with more than this fraction of deleted documents is rewritten alone.
  double max_deleted_fraction = 0.3;
};

struct IndexWriterOptions {
  bool create_if_missing = true;
  bool error_if_exists = false;
  // Memory for buffered documents before a segment is written. Besides it, the writer keeps
  // about 1.5 bytes per indexed document (id filters) and a merge holds a few per-document
  // arrays of the segment it writes; nothing else grows with the corpus.
  uint64_t ram_budget_bytes = 64ull << 20;
  // Write-ahead log. Without it, only Commit() makes documents durable (faster bulk loads).
  bool use_log = true;
  // fsync the log after every AddDocument/DeleteDocument (else call SyncLog per batch).
  bool sync_log = false;
  // Invert documents on an indexing thread, so that AddDocument returns once the document is
  // validated, logged and queued, and the caller's next document (its analysis) overlaps
  // with this one's indexing. Deletions and replacements stay exactly ordered either way.
  bool background_indexing = true;
  // Stored blobs are compressed with zstd (this level) in blocks of about this many bytes.
  int zstd_level = 3;
  uint32_t stored_block_bytes = 48 << 10;
  MergePolicyOptions merge;
};

// Counters for tests, logs and `rasd stats`.
struct IndexWriterStats {
  uint64_t buffered_docs = 0;   // documents in the in-memory buffer
  uint64_t buffer_bytes = 0;    // its memory use
  uint64_t segments = 0;        // segments in the current (possibly uncommitted) state
  uint64_t flushes = 0;         // segments written from the buffer since Open
  uint64_t merges = 0;          // merges done since Open
  uint64_t replayed_ops = 0;    // log records applied by Open
  uint64_t commit_generation = 0;
};

class IndexWriter {
 public:
  // Opens (creating when allowed) the index in `dir`, takes its lock, removes files left by
  // an interrupted session, and replays the write-ahead log. Errors: NotFound (no index
  // and !create_if_missing), InvalidArgument (exists and error_if_exists),
  // ResourceExhausted (locked), Corruption naming file and offset, IOError.
  static Result<std::unique_ptr<IndexWriter>> Open(base::Env* env, const std::string& dir,
                                                   const IndexWriterOptions& options = {});
  // Releases the lock. Does not commit: uncommitted operations are replayed from the log by
  // the next Open (or lost, without the log).
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Adds `doc`, replacing any live document with the same id. Copies what it needs; `doc`
  // may be reused right after.
  Status AddDocument(const IndexDocument& doc);
  // The same, taking the contents of `doc` instead of copying them: `doc` is left holding
  // some other document (whose buffers it keeps, to be Cleared and refilled without heap
  // allocations). For a caller that fills a document only to add it (a bulk load).
  Status AddDocument(IndexDocument&& doc);
  // Deletes the live document with this id; returns whether there was one.
  Result<bool> DeleteDocument(std::string_view id);
  // Makes every logged operation so far durable (one fsync for a batch).
  Status SyncLog();

  // Makes every operation so far durable and atomically visible to IndexReader::Open, and
  // publishes a new Snapshot(). `user_data` (any bytes, e.g. the engine's own metadata) is
  // stored with the commit; without it the previous commit's user data is kept.
  Status Commit();
  Status Commit(std::string_view user_data);

  // Publishes a snapshot with every operation so far, committed or not (near-real-time
  // search): writes the buffer as a segment, without syncing or committing it.
  Status Refresh();
  // The last published snapshot (from Open, Refresh or Commit). Cheap; never null.
  std::shared_ptr<const IndexReader> Snapshot() const;

  // Merges until at most max_segments (>= 1) segments remain, dropping deleted documents
  // (a single segment with deletions is rewritten). The result is committed by the next
  // Commit(). For `rasd optimize`: ForceMerge(1) then Commit().
  Status ForceMerge(int max_segments);
  // Runs the merge policy once (what flushes and commits do when merging is enabled).
  Status MaybeMerge();

  IndexWriterStats stats() const;
  // The user data of the last commit.
  std::string committed_user_data() const;

 private:
  struct Impl;
  explicit IndexWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace rasd::index
