// Helpers shared by the server tests: a temporary index folder and JSON probing.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>

#include "rasd/base/json.h"

namespace rasd::server::testing {

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/rasd_server_test.XXXXXX";
    path_ = ::mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline base::JsonValue Json(const std::string& text) {
  auto v = base::ParseJson(text);
  return v.ok() ? *v : base::JsonValue();
}

// The error code of an error body, or "".
inline std::string ErrorCode(const std::string& body) {
  base::JsonValue v = Json(body);
  const base::JsonValue* e = v.Find("error");
  if (e == nullptr || e->Find("code") == nullptr) return "";
  return e->Find("code")->string_value();
}

}  // namespace rasd::server::testing
