// The POSIX Env: buffered appends, fdatasync for Sync, memory-mapped random access, fcntl
// locks. Error messages carry the operation, the path and strerror(errno).
#include <dirent.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <set>

#include "rasd/base/env.h"
#include "rasd/base/macros.h"

namespace rasd::base {
namespace {

Status PosixError(std::string_view op, const std::string& path, int err) {
  std::string msg(op);
  msg += " ";
  msg += path;
  msg += ": ";
  msg += std::strerror(err);
  if (err == ENOENT) return Status::NotFound(std::move(msg));
  return Status::IOError(std::move(msg));
}

class PosixSequentialFile final : public SequentialFile {
 public:
  PosixSequentialFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~PosixSequentialFile() override { ::close(fd_); }

  Result<std::string_view> Read(size_t n, char* scratch) override {
    while (true) {
      const ssize_t r = ::read(fd_, scratch, n);
      if (r >= 0) return std::string_view(scratch, static_cast<size_t>(r));
      if (errno != EINTR) return PosixError("read", path_, errno);
    }
  }

  Status Skip(uint64_t n) override {
    if (::lseek(fd_, static_cast<off_t>(n), SEEK_CUR) < 0) return PosixError("seek", path_, errno);
    return Status::OK();
  }

 private:
  std::string path_;
  int fd_;
};

// Maps the whole file: index readers then decode straight from the page cache, without a copy
// or a system call per block (what Lucene's MMapDirectory does).
class PosixMmapFile final : public RandomAccessFile {
 public:
  PosixMmapFile(std::string path, const char* base, uint64_t size)
      : path_(std::move(path)), base_(base), size_(size) {}
  ~PosixMmapFile() override {
    if (size_ > 0) ::munmap(const_cast<char*>(base_), size_);
  }

  uint64_t Size() const override { return size_; }

  Result<std::string_view> Read(uint64_t offset, size_t n, char* /*scratch*/) const override {
    if (offset > size_ || n > size_ - offset) {
      return Status::IOError("read " + path_ + ": range [" + std::to_string(offset) + ", +" +
                             std::to_string(n) + ") is past the end of the file (size " +
                             std::to_string(size_) + ")");
    }
    return std::string_view(base_ + offset, n);
  }

  std::optional<std::string_view> MappedData() const override {
    return std::string_view(base_, size_);
  }

  // MADV_DONTNEED on a shared file mapping only unmaps the pages: they stay in the page
  // cache and fault in again, unchanged, on the next read (madvise(2)). A hint: a failure
  // changes nothing a reader sees, so it is not reported.
  void ReleaseMemory(uint64_t offset, uint64_t n) const override {
    static const uint64_t kPage = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
    if (offset >= size_) return;
    const uint64_t end = n < size_ - offset ? offset + n : size_;
    // The mapping starts on a page; its last page counts as whole, as the kernel maps it.
    const uint64_t first = (offset + kPage - 1) / kPage * kPage;
    const uint64_t last = end == size_ ? (end + kPage - 1) / kPage * kPage : end / kPage * kPage;
    if (first >= last) return;
    ::madvise(const_cast<char*>(base_) + first, last - first, MADV_DONTNEED);
  }

 private:
  std::string path_;
  const char* base_;
  uint64_t size_;
};

class PosixWritableFile final : public WritableFile {
 public:
  PosixWritableFile(std::string path, int fd, uint64_t initial_size)
      : path_(std::move(path)), fd_(fd), size_(initial_size) {}
  ~PosixWritableFile() override {
    if (fd_ >= 0) Close().IgnoreError();
  }

  Status Append(std::string_view data) override {
    size_ += data.size();
    if (buffer_.size() + data.size() <= kBufferSize) {
      buffer_.append(data);
      return Status::OK();
    }
    RASD_RETURN_IF_ERROR(FlushBuffer());
    if (data.size() <= kBufferSize) {
      buffer_.append(data);
      return Status::OK();
    }
    return WriteRaw(data);
  }

  Status Flush() override { return FlushBuffer(); }

  Status Sync() override {
    RASD_RETURN_IF_ERROR(FlushBuffer());
    if (::fdatasync(fd_) != 0) return PosixError("fdatasync", path_, errno);
    return Status::OK();
  }

  Status Close() override {
    if (fd_ < 0) return Status::OK();
    Status s = FlushBuffer();
    if (::close(fd_) != 0 && s.ok()) s = PosixError("close", path_, errno);
    fd_ = -1;
    return s;
  }

  uint64_t Size() const override { return size_; }

 private:
  static constexpr size_t kBufferSize = 1 << 16;

  Status FlushBuffer() {
    Status s = WriteRaw(buffer_);
    buffer_.clear();
    return s;
  }

  Status WriteRaw(std::string_view data) {
    while (!data.empty()) {
      const ssize_t w = ::write(fd_, data.data(), data.size());
      if (w < 0) {
        if (errno == EINTR) continue;
        return PosixError("write", path_, errno);
      }
      data.remove_prefix(static_cast<size_t>(w));
    }
    return Status::OK();
  }

  std::string path_;
  int fd_;
  uint64_t size_;
  std::string buffer_;
};

// fcntl locks are per process, so a second LockFile from the same process would succeed
// silently; the set makes that an error too.
std::mutex g_locks_mu;
std::set<std::string> g_locked_paths;

class PosixFileLock final : public FileLock {
 public:
  PosixFileLock(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~PosixFileLock() override {
    ::close(fd_);  // releases the fcntl lock
    std::lock_guard<std::mutex> lock(g_locks_mu);
    g_locked_paths.erase(path_);
  }

 private:
  std::string path_;
  int fd_;
};

class PosixEnv final : public Env {
 public:
  Result<std::unique_ptr<SequentialFile>> NewSequentialFile(const std::string& path) override {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return PosixError("open", path, errno);
    return std::unique_ptr<SequentialFile>(new PosixSequentialFile(path, fd));
  }

  Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(const std::string& path) override {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return PosixError("open", path, errno);
    struct stat st;
    if (::fstat(fd, &st) != 0) {
      const int err = errno;
      ::close(fd);
      return PosixError("stat", path, err);
    }
    const auto size = static_cast<uint64_t>(st.st_size);
    const char* base = nullptr;
    if (size > 0) {
      void* p = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
      if (p == MAP_FAILED) {
        const int err = errno;
        ::close(fd);
        return PosixError("mmap", path, err);
      }
      base = static_cast<const char*>(p);
    }
    ::close(fd);  // the mapping keeps the file alive
    return std::unique_ptr<RandomAccessFile>(new PosixMmapFile(path, base, size));
  }

  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return PosixError("create", path, errno);
    return std::unique_ptr<WritableFile>(new PosixWritableFile(path, fd, 0));
  }

  Result<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& path) override {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) return PosixError("open for append", path, errno);
    struct stat st;
    if (::fstat(fd, &st) != 0) {
      const int err = errno;
      ::close(fd);
      return PosixError("stat", path, err);
    }
    return std::unique_ptr<WritableFile>(
        new PosixWritableFile(path, fd, static_cast<uint64_t>(st.st_size)));
  }

  bool FileExists(const std::string& path) override { return ::access(path.c_str(), F_OK) == 0; }

  Result<std::vector<std::string>> GetChildren(const std::string& dir) override {
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) return PosixError("list", dir, errno);
    std::vector<std::string> names;
    while (const dirent* entry = ::readdir(d)) {
      const std::string_view name = entry->d_name;
      if (name != "." && name != "..") names.emplace_back(name);
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());
    return names;
  }

  Result<uint64_t> GetFileSize(const std::string& path) override {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return PosixError("stat", path, errno);
    return static_cast<uint64_t>(st.st_size);
  }

  Status RemoveFile(const std::string& path) override {
    if (::unlink(path.c_str()) != 0) return PosixError("remove", path, errno);
    return Status::OK();
  }

  Status CreateDirs(const std::string& dir) override {
    if (dir.empty() || dir == "." || dir == "/") return Status::OK();
    struct stat st;
    if (::stat(dir.c_str(), &st) == 0) {
      if (S_ISDIR(st.st_mode)) return Status::OK();
      return Status::IOError("create directory " + dir + ": a file of that name exists");
    }
    RASD_RETURN_IF_ERROR(CreateDirs(DirName(dir)));
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
      return PosixError("create directory", dir, errno);
    }
    return Status::OK();
  }

  Status RemoveDir(const std::string& dir) override {
    if (::rmdir(dir.c_str()) != 0) return PosixError("remove directory", dir, errno);
    return Status::OK();
  }

  Status RenameFile(const std::string& from, const std::string& to) override {
    if (::rename(from.c_str(), to.c_str()) != 0) return PosixError("rename to " + to, from, errno);
    return Status::OK();
  }

  Status SyncDir(const std::string& dir) override {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return PosixError("open directory", dir, errno);
    Status s;
    if (::fsync(fd) != 0) s = PosixError("fsync directory", dir, errno);
    ::close(fd);
    return s;
  }

  Result<std::unique_ptr<FileLock>> LockFile(const std::string& path) override {
    {
      std::lock_guard<std::mutex> lock(g_locks_mu);
      if (!g_locked_paths.insert(path).second) {
        return Status::ResourceExhausted("lock " + path + ": already held by this process");
      }
    }
    auto release = [&] {
      std::lock_guard<std::mutex> lock(g_locks_mu);
      g_locked_paths.erase(path);
    };
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
      const int err = errno;
      release();
      return PosixError("open lock file", path, err);
    }
    struct flock fl {};
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    if (::fcntl(fd, F_SETLK, &fl) != 0) {
      const int err = errno;
      ::close(fd);
      release();
      return Status::ResourceExhausted("lock " + path + ": held by another process (" +
                                       std::strerror(err) + ")");
    }
    return std::unique_ptr<FileLock>(new PosixFileLock(path, fd));
  }
};

}  // namespace

Env* Env::Default() {
  static PosixEnv* env = new PosixEnv();  // never destroyed: used until exit
  return env;
}

}  // namespace rasd::base
