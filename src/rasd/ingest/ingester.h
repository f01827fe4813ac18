// Ingester: reads articles from files, directories and standard input and hands each one to
// a sink (normally Engine::Add), reporting every bad record without stopping.
//
// Inputs:
//   - JSONL (*.jsonl, *.ndjson, *.json; *.jsonl.zst etc. decompressed on the fly; "-" is
//     standard input): one article object per line (engine/article.h), blank lines skipped;
//     raw U+2028/U+2029 inside strings are fine.
//   - plain text (*.txt): the file name without extension is the id, the first non-empty
//     line the title, the rest the body.
//   - HTML (*.html, *.htm): the page's article text (html_text.h); id from the file name.
//     A second text or HTML file of the run with an id taken already (a/x.txt, b/x.txt) is
//     a bad record, not a replacement of the first.
//   - directories: walked recursively in name order; hidden entries and other file types
//     are skipped (counted in IngestCounts::skipped_files).
// Memory stays bounded: files are streamed in chunks, one record at a time, and a record
// longer than IngestOptions::max_record_bytes is reported and skipped, not buffered.
//
// A bad record (does not parse, no id, neither title nor body) is reported through the error
// sink as "file:line: reason" and the rest is ingested; with `strict`, Run stops at the first.
//
// Thread-safety: one Ingester per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "rasd/base/result.h"
#include "rasd/engine/article.h"
#include "rasd/ingest/byte_source.h"
#include "rasd/ingest/progress.h"

namespace rasd::ingest {

struct IngestOptions {
  bool strict = false;                      // stop at the first bad record
  bool force_jsonl = false;                 // treat every file as JSONL, whatever its name
  uint64_t max_record_bytes = 64ull << 20;  // longer records are rejected
  Progress* progress = nullptr;             // optional live progress
};

struct RecordError {
  std::string where;  // "path:line" (or "path" for whole-file formats)
  std::string reason;
  // A warning: the record was kept (e.g. a date that cannot be read: indexed without one).
  bool warning = false;
};

struct IngestCounts {
  uint64_t files = 0;
  uint64_t skipped_files = 0;
  uint64_t articles = 0;  // handed to the sink successfully
  uint64_t failed = 0;    // bad records
  uint64_t warnings = 0;  // records kept with a warning (RecordError::warning)
  uint64_t bytes = 0;     // input bytes read (uncompressed)
};

class Ingester {
 public:
  using ArticleSink = std::function<Status(engine::Article article)>;
  // Takes several articles at once (Engine::AddBatch), one status per article, in order.
  using BatchSink = std::function<std::vector<Status>(std::vector<engine::Article> articles)>;
  using ErrorSink = std::function<void(const RecordError& error)>;

  Ingester(IngestOptions options, ArticleSink sink, ErrorSink on_error);
  // Hands the articles over `batch` at a time (the last batch of an input at its end), so
  // the sink can prepare them in parallel. Record errors are still reported in input order.
  Ingester(IngestOptions options, BatchSink sink, size_t batch, ErrorSink on_error);

  // Reads every input in order. OK even if some records were bad or some inputs could not
  // be opened or read (each is reported through on_error and counted in counts().failed;
  // the records read before a read error are kept). An error when the sink fails (e.g. the
  // index cannot be written) or, with strict, for the first bad record or input. Directories
  // are walked in name order without following symbolic links to directories inside them
  // (a link back to a parent would walk forever); links to files are read.
  Status Run(const std::vector<std::string>& inputs);

  // Reads JSONL from any byte source (also used for HTTP request bodies); `name` is used in
  // error locations.
  Status ReadJsonl(ByteSource* source, const std::string& name);

  const IngestCounts& counts() const { return counts_; }

  // Sum of the sizes of the files the inputs name (directories walked), for progress.
  static uint64_t TotalInputBytes(const std::vector<std::string>& inputs);

 private:
  Status ReadPath(const std::string& path);
  Status ReadFile(const std::string& path);
  Status ReadTextFile(const std::string& path, bool html);
  Status ReadJsonlRecords(ByteSource* source, const std::string& name);  // without Flush
  Status Deliver(engine::Article article, const std::string& where);
  // Hands the pending batch to the batch sink.
  Status Flush();
  Status Bad(const std::string& where, const std::string& reason);

  IngestOptions options_;
  ArticleSink sink_;
  BatchSink batch_sink_;
  size_t batch_ = 1;
  std::vector<engine::Article> pending_;
  std::vector<std::string> pending_where_;
  bool flushing_ = false;
  // The sink failed (the index cannot be written): the run stops, where an input that
  // cannot be read is reported and skipped.
  bool sink_failed_ = false;
  // Reads one input (a file or "-"); an input that cannot be opened or read is a bad input.
  Status ReadInput(const std::string& path);
  ErrorSink on_error_;
  IngestCounts counts_;
  // Ids taken from file names in this run, and the file each came from.
  std::unordered_map<std::string, std::string> file_ids_;
  uint64_t progress_bytes_ = 0;
};

}  // namespace rasd::ingest
