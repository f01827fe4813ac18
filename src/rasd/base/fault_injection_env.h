// FaultInjectionEnv: wraps another Env to test crash safety.
//
// It does two things:
//   1. Injected I/O errors: after FailAfter(n), the first n mutating operations (append,
//      flush, sync, create, rename, remove, directory sync) succeed and every later one returns
//      IOError("injected fault ...") until Heal().
//   2. Simulated power loss: SimulateCrash() puts the wrapped file system in the state a
//      pessimistic disk would leave after losing power now: every file keeps only the bytes
//      covered by its last successful Sync(); a file whose creation or rename-into was not
//      followed by SyncDir() of its directory disappears (a rename is undone: the old target
//      content comes back, and the source reappears). Removals are treated as immediately
//      durable, which only makes recovery harder for the code under test (a removed file
//      cannot be relied on to come back).
// The model is the one LevelDB's FaultInjectionTestEnv uses, extended with rename undo.
//
// Thread-safety: methods are safe to call concurrently; SimulateCrash() must be called when no
// file objects obtained from this Env are still in use.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>

#include "rasd/base/env.h"

namespace rasd::base {

class FaultInjectionEnv final : public Env {
 public:
  // `target` must outlive this object.
  explicit FaultInjectionEnv(Env* target) : target_(target) {}

  // Lets the next n mutating operations succeed, then fails all later ones (n >= 0).
  void FailAfter(int64_t n) { remaining_ok_.store(n); }
  // Stops injecting errors.
  void Heal() { remaining_ok_.store(-1); }
  // Mutating operations attempted so far (successful or failed): run a workload once, read
  // this, and you know how many crash points to test.
  int64_t mutating_ops() const { return ops_.load(); }

  // Drops everything that was not made durable; see the file comment. Afterwards every file
  // that remains counts as fully durable.
  Status SimulateCrash();

  Result<std::unique_ptr<SequentialFile>> NewSequentialFile(const std::string& path) override {
    return target_->NewSequentialFile(path);
  }
  Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(
      const std::string& path) override {
    return target_->NewRandomAccessFile(path);
  }
  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override;
  Result<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& path) override;
  bool FileExists(const std::string& path) override { return target_->FileExists(path); }
  Result<std::vector<std::string>> GetChildren(const std::string& dir) override {
    return target_->GetChildren(dir);
  }
  Result<uint64_t> GetFileSize(const std::string& path) override {
    return target_->GetFileSize(path);
  }
  Status RemoveFile(const std::string& path) override;
  Status CreateDirs(const std::string& dir) override;
  Status RemoveDir(const std::string& dir) override;
  Status RenameFile(const std::string& from, const std::string& to) override;
  Status SyncDir(const std::string& dir) override;
  Result<std::unique_ptr<FileLock>> LockFile(const std::string& path) override {
    return target_->LockFile(path);
  }

  // Used by the wrapped files.
  Status MaybeFail(std::string_view op, const std::string& path);
  void RecordSync(const std::string& path, uint64_t size);

 private:
  struct FileState {
    uint64_t synced_size = 0;
    bool entry_durable = false;              // its directory entry survives a crash
    std::optional<std::string> renamed_from;  // undo information for a pending rename
    std::optional<std::string> shadowed;      // durable content the pending rename replaced
  };

  Env* target_;
  std::atomic<int64_t> remaining_ok_{-1};
  std::atomic<int64_t> ops_{0};
  std::mutex mu_;
  std::map<std::string, FileState> files_;  // files created or changed through this Env
};

}  // namespace rasd::base
