// Line streaming over plain or zstd files; see corpus_reader.h.
#include "rasd/extract/corpus_reader.h"

#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include "rasd/base/json.h"
#include "rasd/base/macros.h"

namespace rasd::extract {
namespace {

class LineSplitter {
 public:
  explicit LineSplitter(const std::function<Status(std::string_view, size_t)>& fn) : fn_(fn) {}
  Status Feed(const char* data, size_t n) {
    size_t pos = 0;
    while (pos < n) {
      const void* nl = std::memchr(data + pos, '\n', n - pos);
      if (nl == nullptr) {
        pending_.append(data + pos, n - pos);
        return Status::OK();
      }
      size_t end = static_cast<const char*>(nl) - data;
      std::string_view line;
      if (pending_.empty()) {
        line = std::string_view(data + pos, end - pos);
      } else {
        pending_.append(data + pos, end - pos);
        line = pending_;
      }
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      Status s = fn_(line, ++line_number_);
      pending_.clear();
      if (!s.ok()) return s;
      pos = end + 1;
    }
    return Status::OK();
  }
  Status Finish() {
    if (pending_.empty()) return Status::OK();
    std::string_view line = pending_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    Status s = fn_(line, ++line_number_);
    pending_.clear();
    return s;
  }

 private:
  const std::function<Status(std::string_view, size_t)>& fn_;
  std::string pending_;
  size_t line_number_ = 0;
};

}  // namespace

Status ForEachLineInStream(std::FILE* f, bool zstd, const std::string& name,
                           const std::function<Status(std::string_view, size_t)>& fn) {
  LineSplitter splitter(fn);
  std::vector<char> in(1 << 17);
  if (!zstd) {
    size_t n;
    while ((n = std::fread(in.data(), 1, in.size(), f)) > 0) {
      if (Status s = splitter.Feed(in.data(), n); !s.ok()) return s;
    }
    if (std::ferror(f)) return Status::IOError(name + ": read failed");
    return splitter.Finish();
  }
  std::unique_ptr<ZSTD_DStream, size_t (*)(ZSTD_DStream*)> ds(ZSTD_createDStream(),
                                                               ZSTD_freeDStream);
  if (!ds) return Status::ResourceExhausted(name + ": cannot create a zstd stream");
  ZSTD_initDStream(ds.get());
  std::vector<char> out(ZSTD_DStreamOutSize());
  uint64_t consumed = 0;
  size_t last_ret = 0;
  size_t n;
  while ((n = std::fread(in.data(), 1, in.size(), f)) > 0) {
    ZSTD_inBuffer ib{in.data(), n, 0};
    while (ib.pos < ib.size) {
      ZSTD_outBuffer ob{out.data(), out.size(), 0};
      size_t ret = ZSTD_decompressStream(ds.get(), &ob, &ib);
      if (ZSTD_isError(ret)) {
        return Status::Corruption(name + ": zstd error near compressed byte " +
                                  std::to_string(consumed + ib.pos) + ": " +
                                  ZSTD_getErrorName(ret));
      }
      last_ret = ret;
      if (Status s = splitter.Feed(out.data(), ob.pos); !s.ok()) return s;
    }
    consumed += n;
  }
  if (std::ferror(f)) return Status::IOError(name + ": read failed");
  // Flush whatever the decoder still holds.
  for (;;) {
    ZSTD_inBuffer ib{nullptr, 0, 0};
    ZSTD_outBuffer ob{out.data(), out.size(), 0};
    size_t ret = ZSTD_decompressStream(ds.get(), &ob, &ib);
    if (ZSTD_isError(ret)) break;
    if (Status s = splitter.Feed(out.data(), ob.pos); !s.ok()) return s;
    if (ob.pos == 0) break;
    last_ret = ret;
  }
  if (last_ret != 0) {
    return Status::Corruption(name + ": truncated zstd frame at compressed byte " +
                              std::to_string(consumed));
  }
  return splitter.Finish();
}

Status ForEachLine(const std::string& path,
                   const std::function<Status(std::string_view, size_t)>& fn) {
  const bool zstd = path.size() > 4 && path.compare(path.size() - 4, 4, ".zst") == 0;
  if (path == "-") return ForEachLineInStream(stdin, false, "<stdin>", fn);
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    int err = errno;
    if (err == ENOENT) return Status::NotFound(path + ": no such file");
    return Status::IOError(path + ": " + std::strerror(err));
  }
  Status s = ForEachLineInStream(f, zstd, path, fn);
  std::fclose(f);
  return s;
}

Status ForEachArticleText(const std::vector<std::string>& paths,
                          const std::function<bool(std::string_view text)>& fn) {
  bool more = true;
  for (const std::string& path : paths) {
    if (!more) break;
    Status s = ForEachLine(path, [&](std::string_view line, size_t) -> Status {
      if (!more) return Status::OK();
      auto doc = base::ParseJson(line);
      if (!doc.ok() || !doc->is_object()) return Status::OK();
      for (const char* field : {"title", "body"}) {
        const base::JsonValue* v = doc->Find(field);
        if (more && v && v->is_string()) more = fn(v->string_value());
      }
      return Status::OK();
    });
    RASD_RETURN_IF_ERROR(s);
  }
  return Status::OK();
}

}  // namespace rasd::extract
