// The in-memory Env. Files are shared, mutex-guarded byte strings, so a reader opened before
// an append sees the file as it grows (like a POSIX file, unlike a snapshot).
#include "rasd/base/mem_env.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <mutex>
#include <set>

namespace rasd::base {
namespace {

struct MemFileData {
  mutable std::mutex mu;
  std::string contents;
};

class MemSequentialFile final : public SequentialFile {
 public:
  explicit MemSequentialFile(std::shared_ptr<MemFileData> data) : data_(std::move(data)) {}

  Result<std::string_view> Read(size_t n, char* scratch) override {
    std::lock_guard<std::mutex> lock(data_->mu);
    const size_t avail = pos_ < data_->contents.size() ? data_->contents.size() - pos_ : 0;
    n = std::min(n, avail);
    std::memcpy(scratch, data_->contents.data() + pos_, n);
    pos_ += n;
    return std::string_view(scratch, n);
  }

  Status Skip(uint64_t n) override {
    pos_ += n;
    return Status::OK();
  }

 private:
  std::shared_ptr<MemFileData> data_;
  size_t pos_ = 0;
};

class MemRandomAccessFile final : public RandomAccessFile {
 public:
  MemRandomAccessFile(std::string path, std::shared_ptr<MemFileData> data)
      : path_(std::move(path)), data_(std::move(data)) {}

  uint64_t Size() const override {
    std::lock_guard<std::mutex> lock(data_->mu);
    return data_->contents.size();
  }

  Result<std::string_view> Read(uint64_t offset, size_t n, char* scratch) const override {
    std::lock_guard<std::mutex> lock(data_->mu);
    const uint64_t size = data_->contents.size();
    if (offset > size || n > size - offset) {
      return Status::IOError("read " + path_ + ": range [" + std::to_string(offset) + ", +" +
                             std::to_string(n) + ") is past the end of the file (size " +
                             std::to_string(size) + ")");
    }
    std::memcpy(scratch, data_->contents.data() + offset, n);
    return std::string_view(scratch, n);
  }

 private:
  std::string path_;
  std::shared_ptr<MemFileData> data_;
};

class MemWritableFile final : public WritableFile {
 public:
  explicit MemWritableFile(std::shared_ptr<MemFileData> data) : data_(std::move(data)) {}

  Status Append(std::string_view data) override {
    std::lock_guard<std::mutex> lock(data_->mu);
    data_->contents.append(data);
    return Status::OK();
  }
  Status Flush() override { return Status::OK(); }
  Status Sync() override { return Status::OK(); }
  Status Close() override { return Status::OK(); }
  uint64_t Size() const override {
    std::lock_guard<std::mutex> lock(data_->mu);
    return data_->contents.size();
  }

 private:
  std::shared_ptr<MemFileData> data_;
};

class MemFileLock final : public FileLock {
 public:
  MemFileLock(std::mutex* mu, std::set<std::string>* locks, std::string path)
      : mu_(mu), locks_(locks), path_(std::move(path)) {}
  ~MemFileLock() override {
    std::lock_guard<std::mutex> lock(*mu_);
    locks_->erase(path_);
  }

 private:
  std::mutex* mu_;
  std::set<std::string>* locks_;
  std::string path_;
};

class MemEnv final : public Env {
 public:
  Result<std::unique_ptr<SequentialFile>> NewSequentialFile(const std::string& path) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = files_.find(path);
    if (it == files_.end()) return NotFound("open", path);
    return std::unique_ptr<SequentialFile>(new MemSequentialFile(it->second));
  }

  Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(const std::string& path) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = files_.find(path);
    if (it == files_.end()) return NotFound("open", path);
    return std::unique_ptr<RandomAccessFile>(new MemRandomAccessFile(path, it->second));
  }

  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (!ParentExists(path)) return NotFound("create", path);
    auto data = std::make_shared<MemFileData>();
    files_[path] = data;
    return std::unique_ptr<WritableFile>(new MemWritableFile(std::move(data)));
  }

  Result<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& path) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (!ParentExists(path)) return NotFound("open for append", path);
    auto& slot = files_[path];
    if (!slot) slot = std::make_shared<MemFileData>();
    return std::unique_ptr<WritableFile>(new MemWritableFile(slot));
  }

  bool FileExists(const std::string& path) override {
    std::lock_guard<std::mutex> lock(mu_);
    return files_.count(path) > 0 || dirs_.count(path) > 0;
  }

  Result<std::vector<std::string>> GetChildren(const std::string& dir) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (dirs_.count(dir) == 0) return NotFound("list", dir);
    std::set<std::string> names;
    const std::string prefix = dir.empty() || dir.back() == '/' ? dir : dir + "/";
    auto collect = [&](const std::string& path) {
      if (path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0) {
        const std::string rest = path.substr(prefix.size());
        names.insert(rest.substr(0, rest.find('/')));
      }
    };
    for (const auto& [path, data] : files_) collect(path);
    for (const auto& path : dirs_) collect(path);
    return std::vector<std::string>(names.begin(), names.end());
  }

  Result<uint64_t> GetFileSize(const std::string& path) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = files_.find(path);
    if (it == files_.end()) return NotFound("stat", path);
    std::lock_guard<std::mutex> file_lock(it->second->mu);
    return static_cast<uint64_t>(it->second->contents.size());
  }

  Status RemoveFile(const std::string& path) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (files_.erase(path) == 0) return NotFound("remove", path);
    return Status::OK();
  }

  Status CreateDirs(const std::string& dir) override {
    std::lock_guard<std::mutex> lock(mu_);
    std::string path = dir;
    while (!path.empty() && path != "." && path != "/") {
      if (files_.count(path)) {
        return Status::IOError("create directory " + path + ": a file of that name exists");
      }
      dirs_.insert(path);
      path = DirName(path);
    }
    return Status::OK();
  }

  Status RemoveDir(const std::string& dir) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (dirs_.erase(dir) == 0) return NotFound("remove directory", dir);
    return Status::OK();
  }

  Status RenameFile(const std::string& from, const std::string& to) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = files_.find(from);
    if (it == files_.end()) return NotFound("rename to " + to, from);
    if (!ParentExists(to)) return NotFound("rename from " + from, to);
    auto data = it->second;
    files_.erase(it);
    files_[to] = std::move(data);
    return Status::OK();
  }

  Status SyncDir(const std::string& dir) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (dirs_.count(dir) == 0 && dir != ".") return NotFound("sync directory", dir);
    return Status::OK();
  }

  Result<std::unique_ptr<FileLock>> LockFile(const std::string& path) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (!locks_.insert(path).second) {
      return Status::ResourceExhausted("lock " + path + ": already held");
    }
    if (!files_.count(path)) files_[path] = std::make_shared<MemFileData>();
    return std::unique_ptr<FileLock>(new MemFileLock(&mu_, &locks_, path));
  }

 private:
  static Status NotFound(std::string_view op, const std::string& path) {
    return Status::NotFound(std::string(op) + " " + path + ": no such file");
  }
  // Requires mu_.
  bool ParentExists(const std::string& path) const {
    const std::string parent = DirName(path);
    return parent == "." || parent == "/" || dirs_.count(parent) > 0;
  }

  std::mutex mu_;
  std::map<std::string, std::shared_ptr<MemFileData>> files_;
  std::set<std::string> dirs_;
  std::set<std::string> locks_;
};

}  // namespace

std::unique_ptr<Env> NewMemEnv() { return std::make_unique<MemEnv>(); }

}  // namespace rasd::base
