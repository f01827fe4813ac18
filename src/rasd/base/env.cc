// Env helpers shared by every implementation.
#include "rasd/base/env.h"

#include "rasd/base/macros.h"

namespace rasd::base {

std::string JoinPath(std::string_view dir, std::string_view name) {
  std::string out(dir);
  if (!out.empty() && out.back() != '/') out += '/';
  out += name;
  return out;
}

std::string DirName(std::string_view path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return ".";
  if (slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

Result<std::string> ReadFileToString(Env* env, const std::string& path) {
  RASD_ASSIGN_OR_RETURN(auto file, env->NewSequentialFile(path));
  std::string out;
  // Sized once when the size is known (the file may still change: the loop reads to its end
  // whatever it holds); appending chunks would double the capacity up to twice the file.
  if (auto size = env->GetFileSize(path); size.ok()) out.reserve(*size);
  std::string scratch(1 << 16, '\0');
  while (true) {
    RASD_ASSIGN_OR_RETURN(std::string_view chunk, file->Read(scratch.size(), scratch.data()));
    if (chunk.empty()) break;
    out.append(chunk);
  }
  return out;
}

Status WriteStringToFile(Env* env, std::string_view data, const std::string& path, bool sync) {
  RASD_ASSIGN_OR_RETURN(auto file, env->NewWritableFile(path));
  RASD_RETURN_IF_ERROR(file->Append(data));
  if (sync) RASD_RETURN_IF_ERROR(file->Sync());
  return file->Close();
}

Status WriteFileAtomically(Env* env, std::string_view data, const std::string& path) {
  const std::string tmp = path + ".tmp";
  RASD_RETURN_IF_ERROR(WriteStringToFile(env, data, tmp, /*sync=*/true));
  RASD_RETURN_IF_ERROR(env->RenameFile(tmp, path));
  return env->SyncDir(DirName(path));
}

}  // namespace rasd::base
