// File, stdin, in-memory and zstd byte sources.
#include "rasd/ingest/byte_source.h"

#include <zstd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace rasd::ingest {
namespace {

class FileSource final : public ByteSource {
 public:
  FileSource(std::string name, std::FILE* f, bool owned)
      : name_(std::move(name)), f_(f), owned_(owned) {}
  ~FileSource() override {
    if (owned_) std::fclose(f_);
  }

  Result<size_t> Read(size_t max, std::string* out) override {
    const size_t old = out->size();
    out->resize(old + max);
    const size_t n = std::fread(out->data() + old, 1, max, f_);
    out->resize(old + n);
    if (n == 0 && std::ferror(f_)) {
      return Status::IOError("read " + name_ + ": " + std::strerror(errno));
    }
    raw_ += n;
    return n;
  }

  uint64_t raw_bytes_read() const override { return raw_; }

 private:
  std::string name_;
  std::FILE* f_;
  bool owned_;
  uint64_t raw_ = 0;
};

class StringSource final : public ByteSource {
 public:
  explicit StringSource(std::string data) : data_(std::move(data)) {}
  Result<size_t> Read(size_t max, std::string* out) override {
    const size_t n = std::min(max, data_.size() - pos_);
    out->append(data_, pos_, n);
    pos_ += n;
    return n;
  }
  uint64_t raw_bytes_read() const override { return pos_; }

 private:
  std::string data_;
  size_t pos_ = 0;
};

// Streaming zstd decompression (ZSTD_decompressStream); frames may be concatenated.
class ZstdSource final : public ByteSource {
 public:
  ZstdSource(std::string name, std::unique_ptr<ByteSource> inner)
      : name_(std::move(name)), inner_(std::move(inner)), dctx_(ZSTD_createDCtx()) {}
  ~ZstdSource() override { ZSTD_freeDCtx(dctx_); }

  Result<size_t> Read(size_t max, std::string* out) override {
    const size_t old = out->size();
    out->resize(old + max);
    ZSTD_outBuffer output{out->data() + old, max, 0};
    while (output.pos == 0) {
      if (in_pos_ == in_.size()) {
        if (eof_) break;
        in_.clear();
        in_pos_ = 0;
        auto n = inner_->Read(ZSTD_DStreamInSize(), &in_);
        if (!n.ok()) {
          out->resize(old);
          return n.status();
        }
        if (*n == 0) {
          eof_ = true;
          break;
        }
      }
      ZSTD_inBuffer input{in_.data(), in_.size(), in_pos_};
      const size_t ret = ZSTD_decompressStream(dctx_, &output, &input);
      in_pos_ = input.pos;
      if (ZSTD_isError(ret)) {
        out->resize(old);
        return Status::Corruption("zstd " + name_ + " at compressed byte " +
                                  std::to_string(inner_->raw_bytes_read() - in_.size() + in_pos_) +
                                  ": " + ZSTD_getErrorName(ret));
      }
      frame_open_ = ret != 0;
    }
    out->resize(old + output.pos);
    if (output.pos == 0 && frame_open_) {
      return Status::Corruption("zstd " + name_ + ": truncated (the input ends inside a frame)");
    }
    return output.pos;
  }

  uint64_t raw_bytes_read() const override { return inner_->raw_bytes_read(); }

 private:
  std::string name_;
  std::unique_ptr<ByteSource> inner_;
  ZSTD_DCtx* dctx_;
  std::string in_;
  size_t in_pos_ = 0;
  bool eof_ = false;
  bool frame_open_ = false;
};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

Result<std::unique_ptr<ByteSource>> OpenByteSource(const std::string& path) {
  std::unique_ptr<ByteSource> source;
  if (path == "-") {
    source = std::make_unique<FileSource>("standard input", stdin, false);
  } else {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
      const int err = errno;
      std::string msg = "open " + path + ": " + std::strerror(err);
      return err == ENOENT ? Status::NotFound(msg) : Status::IOError(msg);
    }
    source = std::make_unique<FileSource>(path, f, true);
  }
  if (EndsWith(path, ".zst"))
    return std::unique_ptr<ByteSource>(new ZstdSource(path, std::move(source)));
  return source;
}

std::unique_ptr<ByteSource> StringByteSource(std::string data) {
  return std::make_unique<StringSource>(std::move(data));
}

}  // namespace rasd::ingest
