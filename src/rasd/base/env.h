// Env: every file-system operation rasd performs goes through this interface.
//
// Three implementations:
//   - Env::Default(): POSIX files; random-access files are memory-mapped.
//   - NewMemEnv() (mem_env.h): an in-memory file system for fast, hermetic tests.
//   - FaultInjectionEnv (fault_injection_env.h): wraps another Env, can fail any write and can
//     simulate a power loss that drops everything not yet synced, for crash-safety tests.
// The shape follows LevelDB's Env: small virtual interfaces, errors as Status values that
// name the path and the operation.
//
// Durability contract (what callers rely on and FaultInjectionEnv enforces): data appended to
// a WritableFile survives a crash only after Sync() returned OK; a file created, renamed or
// removed is durable only after SyncDir() on its directory returned OK.
//
// Thread-safety: Env methods may be called concurrently. A file object must be used by one
// thread at a time, except RandomAccessFile::Read and ReleaseMemory, which are safe to call
// concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/base/result.h"
#include "rasd/base/status.h"

namespace rasd::base {

class SequentialFile {
 public:
  virtual ~SequentialFile() = default;
  // Reads up to n bytes. The returned view points into `scratch` (which must hold n bytes) or
  // into storage owned by the file; it is empty at end of file.
  virtual Result<std::string_view> Read(size_t n, char* scratch) = 0;
  virtual Status Skip(uint64_t n) = 0;
};

class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  virtual uint64_t Size() const = 0;
  // Reads exactly [offset, offset + n). The view points into `scratch` (room for n bytes) or
  // into memory the file owns for its lifetime. A range past the end of the file is an
  // IOError naming the file, offset and size: the caller turns it into Corruption when a
  // stored offset led there.
  virtual Result<std::string_view> Read(uint64_t offset, size_t n, char* scratch) const = 0;
  // The whole file as one view when it is addressable in memory (a mapping, or a memory
  // Env); std::nullopt otherwise. Valid for the lifetime of this object.
  virtual std::optional<std::string_view> MappedData() const { return std::nullopt; }
  // A hint that [offset, offset + n) will not be read again soon: a mapping hands the pages
  // that lie wholly inside it back to the operating system, which keeps them in its page
  // cache, so that the process's resident memory no longer counts them; a later read maps
  // them again, with the same bytes. Views returned earlier stay valid. Files that are not
  // mapped do nothing. Safe to call concurrently with Read.
  virtual void ReleaseMemory(uint64_t /*offset*/, uint64_t /*n*/) const {}
};

class WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual Status Append(std::string_view data) = 0;
  // Hands buffered bytes to the operating system (they survive a process crash, not a
  // power loss).
  virtual Status Flush() = 0;
  // Makes every appended byte durable (fdatasync).
  virtual Status Sync() = 0;
  virtual Status Close() = 0;
  // Bytes appended so far, including any still buffered.
  virtual uint64_t Size() const = 0;
};

// Held while a process owns a lock file (one writer per index); released on destruction.
class FileLock {
 public:
  virtual ~FileLock() = default;
};

class Env {
 public:
  virtual ~Env() = default;

  // The process-wide POSIX Env. Never destroyed.
  static Env* Default();

  virtual Result<std::unique_ptr<SequentialFile>> NewSequentialFile(const std::string& path) = 0;
  virtual Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(
      const std::string& path) = 0;
  // Creates or truncates.
  virtual Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) = 0;
  // Creates, or opens for appending at the end.
  virtual Result<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& path) = 0;

  virtual bool FileExists(const std::string& path) = 0;
  // Names (not paths) of the entries of `dir`, without "." and "..", sorted.
  virtual Result<std::vector<std::string>> GetChildren(const std::string& dir) = 0;
  virtual Result<uint64_t> GetFileSize(const std::string& path) = 0;
  virtual Status RemoveFile(const std::string& path) = 0;
  // Creates `dir` and missing parents; OK when it already exists.
  virtual Status CreateDirs(const std::string& dir) = 0;
  virtual Status RemoveDir(const std::string& dir) = 0;
  // Atomically replaces `to` with `from` (POSIX rename semantics).
  virtual Status RenameFile(const std::string& from, const std::string& to) = 0;
  // Makes the directory's entries (creations, renames, removals) durable.
  virtual Status SyncDir(const std::string& dir) = 0;
  // Takes an exclusive lock; ResourceExhausted naming the path when another holder has it.
  virtual Result<std::unique_ptr<FileLock>> LockFile(const std::string& path) = 0;
};

// "a/b" joined with "c" -> "a/b/c".
std::string JoinPath(std::string_view dir, std::string_view name);
// The directory part of a path ("." when there is none).
std::string DirName(std::string_view path);

Result<std::string> ReadFileToString(Env* env, const std::string& path);
// Writes `data` to `path`; with sync, also fsyncs the file (not the directory).
Status WriteStringToFile(Env* env, std::string_view data, const std::string& path, bool sync);
// Replaces `path` with `data` so that a crash leaves either the old or the new content: writes
// "<path>.tmp", syncs it, renames it over `path`, and syncs the directory.
Status WriteFileAtomically(Env* env, std::string_view data, const std::string& path);

}  // namespace rasd::base
