// The same behavioural tests run against the POSIX Env (in a temporary directory) and the
// in-memory Env, so tests that use the memory Env exercise the semantics production sees.
#include "rasd/base/env.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "rasd/base/mem_env.h"

namespace rasd::base {
namespace {

class EnvTest : public testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    if (GetParam()) {
      env_ = Env::Default();
      char tmpl[] = "/tmp/rasd_env_test.XXXXXX";
      ASSERT_NE(mkdtemp(tmpl), nullptr);
      dir_ = tmpl;
    } else {
      mem_ = NewMemEnv();
      env_ = mem_.get();
      dir_ = "/mem";
      ASSERT_TRUE(env_->CreateDirs(dir_).ok());
    }
  }
  void TearDown() override {
    if (GetParam()) std::filesystem::remove_all(dir_);
  }
  std::string Path(std::string_view name) { return JoinPath(dir_, name); }

  std::unique_ptr<Env> mem_;
  Env* env_ = nullptr;
  std::string dir_;
};

TEST_P(EnvTest, WriteReadRoundTrip) {
  const std::string path = Path("a.txt");
  std::string big(200000, 'x');  // larger than the POSIX write buffer
  ASSERT_TRUE(WriteStringToFile(env_, "hello " + big, path, true).ok());
  auto content = ReadFileToString(env_, path);
  ASSERT_TRUE(content.ok());
  EXPECT_EQ(*content, "hello " + big);
  auto size = env_->GetFileSize(path);
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(*size, big.size() + 6);

  auto file = env_->NewRandomAccessFile(path);
  ASSERT_TRUE(file.ok());
  char scratch[5];
  auto piece = (*file)->Read(0, 5, scratch);
  ASSERT_TRUE(piece.ok());
  EXPECT_EQ(*piece, "hello");
  auto past = (*file)->Read(big.size() + 2, 10, scratch);
  ASSERT_FALSE(past.ok());
  EXPECT_NE(past.status().message().find("past the end"), std::string::npos);
  EXPECT_NE(past.status().message().find("a.txt"), std::string::npos);
}

TEST_P(EnvTest, AppendableFileContinues) {
  const std::string path = Path("log");
  {
    auto f = env_->NewAppendableFile(path);
    ASSERT_TRUE(f.ok());
    ASSERT_TRUE((*f)->Append("one ").ok());
    ASSERT_TRUE((*f)->Close().ok());
  }
  auto f = env_->NewAppendableFile(path);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ((*f)->Size(), 4u);
  ASSERT_TRUE((*f)->Append("two").ok());
  ASSERT_TRUE((*f)->Sync().ok());
  EXPECT_EQ(*ReadFileToString(env_, path), "one two");
}

TEST_P(EnvTest, DirectoriesRenameRemove) {
  ASSERT_TRUE(env_->CreateDirs(Path("x/y")).ok());
  ASSERT_TRUE(env_->CreateDirs(Path("x/y")).ok());  // idempotent
  ASSERT_TRUE(WriteStringToFile(env_, "1", Path("x/y/f1"), false).ok());
  ASSERT_TRUE(WriteStringToFile(env_, "2", Path("x/y/f2"), false).ok());
  ASSERT_TRUE(env_->RenameFile(Path("x/y/f1"), Path("x/y/f2")).ok());
  auto children = env_->GetChildren(Path("x/y"));
  ASSERT_TRUE(children.ok());
  EXPECT_EQ(*children, std::vector<std::string>{"f2"});
  EXPECT_EQ(*ReadFileToString(env_, Path("x/y/f2")), "1");
  ASSERT_TRUE(env_->SyncDir(Path("x/y")).ok());
  ASSERT_TRUE(env_->RemoveFile(Path("x/y/f2")).ok());
  EXPECT_FALSE(env_->FileExists(Path("x/y/f2")));
  EXPECT_TRUE(env_->RemoveFile(Path("x/y/f2")).IsNotFound());
  auto missing = env_->NewSequentialFile(Path("nope"));
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(missing.status().IsNotFound());
  EXPECT_NE(missing.status().message().find("nope"), std::string::npos);
}

TEST_P(EnvTest, AtomicWriteReplaces) {
  const std::string path = Path("MANIFEST");
  ASSERT_TRUE(WriteFileAtomically(env_, "v1", path).ok());
  ASSERT_TRUE(WriteFileAtomically(env_, "v2", path).ok());
  EXPECT_EQ(*ReadFileToString(env_, path), "v2");
  EXPECT_FALSE(env_->FileExists(path + ".tmp"));
}

TEST_P(EnvTest, LockIsExclusive) {
  const std::string path = Path("LOCK");
  auto first = env_->LockFile(path);
  ASSERT_TRUE(first.ok());
  auto second = env_->LockFile(path);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kResourceExhausted);
  first->reset();
  EXPECT_TRUE(env_->LockFile(path).ok());
}

// The resident size, in pages, of the mapping that holds `addr` (the "Rss:" of its entry in
// /proc/self/smaps), or -1 when none is found.
long ResidentPages(const void* addr) {
  std::ifstream smaps("/proc/self/smaps");
  const auto a = reinterpret_cast<uintptr_t>(addr);
  std::string line;
  bool in = false;
  while (std::getline(smaps, line)) {
    unsigned long lo = 0, hi = 0;
    if (std::sscanf(line.c_str(), "%lx-%lx ", &lo, &hi) == 2 && line.find(':') > line.find(' ')) {
      in = a >= lo && a < hi;
    } else if (in && line.rfind("Rss:", 0) == 0) {
      return std::stol(line.substr(4)) * 1024 / sysconf(_SC_PAGESIZE);
    }
  }
  return -1;
}

TEST_P(EnvTest, ReleaseMemoryKeepsTheBytes) {
  const std::string path = Path("big");
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  std::string bytes(64 * page + 123, '\0');  // a last page only partly in the file
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 131 + i / 7);
  ASSERT_TRUE(WriteStringToFile(env_, bytes, path, false).ok());
  auto file = env_->NewRandomAccessFile(path);
  ASSERT_TRUE(file.ok());
  std::string scratch(bytes.size(), '\0');
  auto read_all = [&] {
    auto v = (*file)->Read(0, bytes.size(), scratch.data());
    return v.ok() ? std::string(*v) : std::string("read failed");
  };
  ASSERT_EQ(read_all(), bytes);
  const std::optional<std::string_view> mapped = (*file)->MappedData();
  ASSERT_EQ(mapped.has_value(), GetParam());  // POSIX maps; the memory Env does not
  const long all = mapped ? ResidentPages(mapped->data()) : 0;
  if (mapped) {
    ASSERT_EQ(all, 65);  // every page was just read
  }

  // Only pages wholly inside the range go: [10 pages + 1, 20 pages) holds pages 11-19.
  (*file)->ReleaseMemory(10 * page + 1, 10 * page - 1);
  if (mapped) {
    EXPECT_EQ(ResidentPages(mapped->data()), all - 9);
  }
  EXPECT_EQ(read_all(), bytes);
  // The whole file, its partial last page included; then past the end (nothing to do).
  (*file)->ReleaseMemory(0, bytes.size());
  if (mapped) {
    EXPECT_EQ(ResidentPages(mapped->data()), 0);
  }
  (*file)->ReleaseMemory(bytes.size(), 100);
  (*file)->ReleaseMemory(bytes.size() + page * 3, 100);
  (*file)->ReleaseMemory(bytes.size() - 10, ~uint64_t{0});
  EXPECT_EQ(read_all(), bytes);
  if (mapped) {
    EXPECT_EQ(ResidentPages(mapped->data()), 65);
  }
}

INSTANTIATE_TEST_SUITE_P(PosixAndMemory, EnvTest, testing::Values(true, false),
                         [](const auto& info) { return info.param ? "Posix" : "Memory"; });

TEST(PathTest, JoinAndDirName) {
  EXPECT_EQ(JoinPath("a/b", "c"), "a/b/c");
  EXPECT_EQ(JoinPath("a/b/", "c"), "a/b/c");
  EXPECT_EQ(DirName("a/b/c"), "a/b");
  EXPECT_EQ(DirName("c"), ".");
  EXPECT_EQ(DirName("/c"), "/");
}

}  // namespace
}  // namespace rasd::base
