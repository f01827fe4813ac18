// Ingester: see ingester.h.
#include "rasd/ingest/ingester.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include "rasd/base/macros.h"
#include "rasd/engine/analysis.h"
#include "rasd/engine/article.h"
#include "rasd/ingest/html_text.h"

namespace rasd::ingest {
namespace {

constexpr size_t kChunk = 1 << 20;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

enum class Kind { kJsonl, kText, kHtml, kOther };

Kind KindOf(std::string_view path) {
  if (EndsWith(path, ".zst")) path.remove_suffix(4);
  if (EndsWith(path, ".jsonl") || EndsWith(path, ".ndjson") || EndsWith(path, ".json")) {
    return Kind::kJsonl;
  }
  if (EndsWith(path, ".txt")) return Kind::kText;
  if (EndsWith(path, ".html") || EndsWith(path, ".htm")) return Kind::kHtml;
  return Kind::kOther;
}

std::string BaseNameWithoutExtension(const std::string& path) {
  std::string name = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
  if (const size_t dot = name.find('.'); dot != std::string::npos && dot > 0) name.resize(dot);
  return name;
}

bool IsDirectory(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// A symbolic link to a directory: not followed inside a walked directory.
bool IsLinkToDirectory(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode) && IsDirectory(path);
}

std::vector<std::string> ListDirectory(const std::string& dir) {
  std::vector<std::string> names;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (const dirent* e = ::readdir(d)) {
      if (e->d_name[0] != '.') names.emplace_back(e->d_name);
    }
    ::closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The name of the compression whose magic number starts `data`, or nullptr.
const char* CompressedFormat(std::string_view data) {
  if (data.size() >= 2 && data[0] == '\x1F' && data[1] == '\x8B') return "gzip";
  if (data.size() >= 4 && data.substr(0, 4) == std::string_view("\x28\xB5\x2F\xFD", 4)) {
    return "zstd";
  }
  if (data.size() >= 3 && data.substr(0, 3) == "BZh") return "bzip2";
  if (data.size() >= 6 && data.substr(0, 6) == std::string_view("\xFD" "7zXZ\x00", 6)) return "xz";
  return nullptr;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

Ingester::Ingester(IngestOptions options, ArticleSink sink, ErrorSink on_error)
    : options_(options), sink_(std::move(sink)), on_error_(std::move(on_error)) {}

Ingester::Ingester(IngestOptions options, BatchSink sink, size_t batch, ErrorSink on_error)
    : options_(options),
      batch_sink_(std::move(sink)),
      batch_(std::max<size_t>(batch, 1)),
      on_error_(std::move(on_error)) {}

uint64_t Ingester::TotalInputBytes(const std::vector<std::string>& inputs) {
  uint64_t total = 0;
  for (const auto& path : inputs) {
    if (path == "-") continue;
    if (IsDirectory(path)) {
      std::vector<std::string> children;
      for (const auto& name : ListDirectory(path)) {
        if (!IsLinkToDirectory(path + "/" + name)) children.push_back(path + "/" + name);
      }
      total += TotalInputBytes(children);
    } else {
      struct stat st;
      if (::stat(path.c_str(), &st) == 0) total += static_cast<uint64_t>(st.st_size);
    }
  }
  return total;
}

Status Ingester::Run(const std::vector<std::string>& inputs) {
  for (const auto& path : inputs) RASD_RETURN_IF_ERROR(ReadPath(path));
  return Flush();
}

Status Ingester::ReadPath(const std::string& path) {
  if (path != "-" && IsDirectory(path)) {
    for (const auto& name : ListDirectory(path)) {
      const std::string child = path + "/" + name;
      if (IsLinkToDirectory(child) ||
          (!IsDirectory(child) && !options_.force_jsonl && KindOf(child) == Kind::kOther)) {
        ++counts_.skipped_files;
        continue;
      }
      RASD_RETURN_IF_ERROR(ReadPath(child));
    }
    return Status::OK();
  }
  return ReadInput(path);
}

Status Ingester::ReadInput(const std::string& path) {
  Status s = ReadFile(path);
  if (s.ok() || sink_failed_ || (options_.strict && s.IsInvalidArgument())) return s;
  // Missing, unreadable, or a broken compressed stream: one bad input, the others still read.
  std::string reason = s.ToString();
  return Bad(path == "-" ? "stdin" : path, reason);
}

Status Ingester::ReadFile(const std::string& path) {
  ++counts_.files;
  const Kind kind = path == "-" || options_.force_jsonl ? Kind::kJsonl : KindOf(path);
  if (kind == Kind::kText || kind == Kind::kHtml) return ReadTextFile(path, kind == Kind::kHtml);
  RASD_ASSIGN_OR_RETURN(auto source, OpenByteSource(path));
  return ReadJsonlRecords(source.get(), path == "-" ? "stdin" : path);
}

Status Ingester::ReadJsonl(ByteSource* source, const std::string& name) {
  RASD_RETURN_IF_ERROR(ReadJsonlRecords(source, name));
  return Flush();
}

Status Ingester::ReadJsonlRecords(ByteSource* source, const std::string& name) {
  bool first_read = true;
  std::string buffer;
  size_t start = 0;  // start of the current line in buffer
  uint64_t line = 1;
  bool skipping = false;  // inside an over-long record: drop bytes until the next newline
  bool eof = false;
  while (true) {
    const size_t nl = buffer.find('\n', start);
    if (nl == std::string::npos && !eof) {
      // Need more bytes: keep the partial line, read the next chunk.
      if (skipping) {
        buffer.clear();
      } else {
        buffer.erase(0, start);
      }
      start = 0;
      if (!skipping && buffer.size() > options_.max_record_bytes) {
        RASD_RETURN_IF_ERROR(
            Bad(name + ":" + std::to_string(line),
                "record longer than " + std::to_string(options_.max_record_bytes) + " bytes"));
        skipping = true;
        buffer.clear();
      }
      RASD_ASSIGN_OR_RETURN(size_t n, source->Read(kChunk, &buffer));
      counts_.bytes += n;
      if (first_read) {
        first_read = false;
        // Compressed data under another name would be read line by line as hundreds of
        // "unexpected character" records: one clear error for the input instead.
        if (const char* what = CompressedFormat(buffer)) {
          return Bad(name, std::string(what) + "-compressed data, not JSON Lines: rasd reads " +
                               "plain JSONL and zstd files named *.zst; decompress it first");
        }
      }
      if (options_.progress) {
        progress_bytes_ += n;
        options_.progress->Update(counts_.articles, progress_bytes_);
      }
      if (n == 0) eof = true;
      continue;
    }
    const size_t end = nl == std::string::npos ? buffer.size() : nl;
    if (!skipping) {
      std::string_view record = Trim(std::string_view(buffer).substr(start, end - start));
      if (line == 1) record = Trim(engine::SkipByteOrderMark(record));
      if (!record.empty()) {
        const std::string where = name + ":" + std::to_string(line);
        auto article = engine::ParseArticleJson(record);
        if (article.ok()) {
          RASD_RETURN_IF_ERROR(Deliver(std::move(article).value(), where));
        } else {
          RASD_RETURN_IF_ERROR(Bad(where, article.status().message()));
        }
      }
    }
    skipping = false;
    if (nl == std::string::npos) break;  // end of input
    start = nl + 1;
    ++line;
  }
  return Status::OK();
}

Status Ingester::ReadTextFile(const std::string& path, bool html) {
  RASD_ASSIGN_OR_RETURN(auto source, OpenByteSource(path));
  std::string data;
  while (true) {
    RASD_ASSIGN_OR_RETURN(size_t n, source->Read(kChunk, &data));
    if (n == 0) break;
    if (data.size() > options_.max_record_bytes) {
      return Bad(path, "file longer than " + std::to_string(options_.max_record_bytes) + " bytes");
    }
  }
  counts_.bytes += data.size();
  // A NUL byte is no part of a text or a page: a binary file under a text name.
  if (const size_t nul = data.find('\0'); nul != std::string::npos) {
    return Bad(path, "byte " + std::to_string(nul) + " is NUL: not a text file");
  }
  engine::Article article;
  article.id = BaseNameWithoutExtension(path);
  // Two files of one run with the same name (a/x.txt, b/x.txt, a/x.html) would be one
  // article, the later replacing the earlier while both were counted as indexed.
  const std::string file = std::filesystem::path(path).lexically_normal().string();
  if (auto earlier = file_ids_.find(article.id);
      earlier != file_ids_.end() && earlier->second != file) {
    return Bad(path, "its id " + engine::QuoteId(article.id) +
                         " (the file name without extension) is also " +
                         "the id of " + earlier->second + ", read earlier: rename one of them");
  }
  if (html) {
    HtmlText text = ExtractHtmlText(data);
    article.title = std::move(text.title);
    article.body = std::move(text.body);
  } else {
    data.erase(0, data.size() - engine::SkipByteOrderMark(data).size());
    size_t pos = 0;
    while (pos < data.size()) {
      size_t nl = data.find('\n', pos);
      if (nl == std::string::npos) nl = data.size();
      std::string_view line = Trim(std::string_view(data).substr(pos, nl - pos));
      pos = nl + 1;
      if (!line.empty()) {
        article.title = std::string(line);
        break;
      }
    }
    if (pos < data.size()) article.body = std::string(Trim(std::string_view(data).substr(pos)));
  }
  if (article.title.empty() && article.body.empty()) return Bad(path, "no text");
  file_ids_.emplace(article.id, file);
  return Deliver(std::move(article), path);
}

Status Ingester::Deliver(engine::Article article, const std::string& where) {
  if (auto problem = engine::DateProblem(article)) {
    ++counts_.warnings;
    if (on_error_) on_error_(RecordError{where, *problem, /*warning=*/true});
  }
  if (batch_sink_) {
    pending_.push_back(std::move(article));
    pending_where_.push_back(where);
    return pending_.size() >= batch_ ? Flush() : Status::OK();
  }
  Status s = sink_(std::move(article));
  if (s.IsInvalidArgument()) return Bad(where, s.message());  // the article, not the index
  if (!s.ok()) {
    sink_failed_ = true;
    return s.WithContext(where);
  }
  ++counts_.articles;
  return Status::OK();
}

Status Ingester::Flush() {
  if (pending_.empty()) return Status::OK();
  std::vector<engine::Article> articles = std::move(pending_);
  std::vector<std::string> where = std::move(pending_where_);
  pending_.clear();
  pending_where_.clear();
  const std::vector<Status> statuses = batch_sink_(std::move(articles));
  flushing_ = true;
  Status result;
  for (size_t i = 0; i < where.size() && result.ok(); ++i) {
    const Status& s = i < statuses.size() ? statuses[i] : Status::Internal("no status for the article");
    if (s.IsInvalidArgument()) {
      result = Bad(where[i], s.message());  // the article, not the index
    } else if (!s.ok()) {
      sink_failed_ = true;
      result = s.WithContext(where[i]);
    } else {
      ++counts_.articles;
    }
  }
  flushing_ = false;
  return result;
}

Status Ingester::Bad(const std::string& where, const std::string& reason) {
  // A bad record found while reading comes after the pending ones: their errors first.
  if (!flushing_) RASD_RETURN_IF_ERROR(Flush());
  ++counts_.failed;
  if (on_error_) on_error_(RecordError{where, reason});
  if (options_.strict) return Status::InvalidArgument(where + ": " + reason);
  return Status::OK();
}

}  // namespace rasd::ingest
