// FaultInjectionEnv: see the header for the failure and crash model.
#include "rasd/base/fault_injection_env.h"

#include <vector>

#include "rasd/base/macros.h"

namespace rasd::base {
namespace {

class FaultyWritableFile final : public WritableFile {
 public:
  FaultyWritableFile(FaultInjectionEnv* env, std::string path, std::unique_ptr<WritableFile> file)
      : env_(env), path_(std::move(path)), file_(std::move(file)) {}

  Status Append(std::string_view data) override {
    RASD_RETURN_IF_ERROR(env_->MaybeFail("append", path_));
    return file_->Append(data);
  }
  Status Flush() override {
    RASD_RETURN_IF_ERROR(env_->MaybeFail("flush", path_));
    return file_->Flush();
  }
  Status Sync() override {
    RASD_RETURN_IF_ERROR(env_->MaybeFail("sync", path_));
    RASD_RETURN_IF_ERROR(file_->Sync());
    env_->RecordSync(path_, file_->Size());
    return Status::OK();
  }
  Status Close() override { return file_->Close(); }
  uint64_t Size() const override { return file_->Size(); }

 private:
  FaultInjectionEnv* env_;
  std::string path_;
  std::unique_ptr<WritableFile> file_;
};

bool IsDirectChild(const std::string& path, const std::string& dir) {
  return DirName(path) == dir;
}

}  // namespace

Status FaultInjectionEnv::MaybeFail(std::string_view op, const std::string& path) {
  ops_.fetch_add(1);
  int64_t remaining = remaining_ok_.load();
  while (remaining >= 0) {
    if (remaining == 0) {
      return Status::IOError("injected fault: " + std::string(op) + " " + path);
    }
    if (remaining_ok_.compare_exchange_weak(remaining, remaining - 1)) break;
  }
  return Status::OK();
}

void FaultInjectionEnv::RecordSync(const std::string& path, uint64_t size) {
  std::lock_guard<std::mutex> lock(mu_);
  files_[path].synced_size = size;
}

Result<std::unique_ptr<WritableFile>> FaultInjectionEnv::NewWritableFile(
    const std::string& path) {
  RASD_RETURN_IF_ERROR(MaybeFail("create", path));
  const bool existed = target_->FileExists(path);
  RASD_ASSIGN_OR_RETURN(auto file, target_->NewWritableFile(path));
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = files_.find(path);
    // Truncating a file whose entry is already durable keeps the entry durable.
    const bool durable = existed && (it == files_.end() || it->second.entry_durable);
    FileState& state = files_[path];
    state = FileState{};
    state.entry_durable = durable;
  }
  return std::unique_ptr<WritableFile>(new FaultyWritableFile(this, path, std::move(file)));
}

Result<std::unique_ptr<WritableFile>> FaultInjectionEnv::NewAppendableFile(
    const std::string& path) {
  RASD_RETURN_IF_ERROR(MaybeFail("open for append", path));
  const bool existed = target_->FileExists(path);
  RASD_ASSIGN_OR_RETURN(auto file, target_->NewAppendableFile(path));
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (files_.find(path) == files_.end()) {
      FileState& state = files_[path];
      state.entry_durable = existed;
      state.synced_size = existed ? file->Size() : 0;  // what was there before counts as synced
    }
  }
  return std::unique_ptr<WritableFile>(new FaultyWritableFile(this, path, std::move(file)));
}

Status FaultInjectionEnv::RemoveFile(const std::string& path) {
  RASD_RETURN_IF_ERROR(MaybeFail("remove", path));
  RASD_RETURN_IF_ERROR(target_->RemoveFile(path));
  std::lock_guard<std::mutex> lock(mu_);
  files_.erase(path);
  return Status::OK();
}

Status FaultInjectionEnv::CreateDirs(const std::string& dir) {
  RASD_RETURN_IF_ERROR(MaybeFail("create directory", dir));
  return target_->CreateDirs(dir);
}

Status FaultInjectionEnv::RemoveDir(const std::string& dir) {
  RASD_RETURN_IF_ERROR(MaybeFail("remove directory", dir));
  return target_->RemoveDir(dir);
}

Status FaultInjectionEnv::RenameFile(const std::string& from, const std::string& to) {
  RASD_RETURN_IF_ERROR(MaybeFail("rename to " + to, from));
  // Capture the durable content the rename replaces, so a crash can bring it back.
  std::optional<std::string> shadowed;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = files_.find(to);
    const bool to_durable = target_->FileExists(to) && (it == files_.end() ||
                                                        it->second.entry_durable);
    if (to_durable) {
      auto content = ReadFileToString(target_, to);
      if (content.ok()) {
        std::string durable = std::move(content).value();
        if (it != files_.end()) durable.resize(std::min<size_t>(durable.size(), it->second.synced_size));
        shadowed = std::move(durable);
      }
    } else if (it != files_.end() && it->second.shadowed) {
      shadowed = it->second.shadowed;  // an earlier pending rename already replaced it
    }
  }
  RASD_RETURN_IF_ERROR(target_->RenameFile(from, to));
  std::lock_guard<std::mutex> lock(mu_);
  FileState moved;
  if (auto it = files_.find(from); it != files_.end()) {
    moved = it->second;
    files_.erase(it);
  } else {
    auto size = target_->GetFileSize(to);
    moved.synced_size = size.ok() ? *size : 0;
    moved.entry_durable = true;
  }
  FileState state;
  state.synced_size = moved.synced_size;
  state.entry_durable = false;
  // Undoing the rename only makes the source reappear if the source entry itself was durable.
  if (moved.entry_durable) state.renamed_from = from;
  state.shadowed = std::move(shadowed);
  files_[to] = std::move(state);
  return Status::OK();
}

Status FaultInjectionEnv::SyncDir(const std::string& dir) {
  RASD_RETURN_IF_ERROR(MaybeFail("sync directory", dir));
  RASD_RETURN_IF_ERROR(target_->SyncDir(dir));
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [path, state] : files_) {
    if (IsDirectChild(path, dir)) {
      state.entry_durable = true;
      state.renamed_from.reset();
      state.shadowed.reset();
    }
  }
  return Status::OK();
}

Status FaultInjectionEnv::SimulateCrash() {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [path, state] : files_) {
    std::string content;
    if (target_->FileExists(path)) {
      RASD_ASSIGN_OR_RETURN(content, ReadFileToString(target_, path));
    }
    content.resize(std::min<size_t>(content.size(), state.synced_size));
    if (state.entry_durable) {
      RASD_RETURN_IF_ERROR(WriteStringToFile(target_, content, path, false));
      continue;
    }
    // The entry never became durable: the file vanishes, or the rename is undone.
    if (target_->FileExists(path)) RASD_RETURN_IF_ERROR(target_->RemoveFile(path));
    if (state.renamed_from) {
      RASD_RETURN_IF_ERROR(WriteStringToFile(target_, content, *state.renamed_from, false));
    }
    if (state.shadowed) {
      RASD_RETURN_IF_ERROR(WriteStringToFile(target_, *state.shadowed, path, false));
    }
  }
  files_.clear();
  remaining_ok_.store(-1);
  return Status::OK();
}

}  // namespace rasd::base
