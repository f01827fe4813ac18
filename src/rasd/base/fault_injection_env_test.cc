#include "rasd/base/fault_injection_env.h"

#include <gtest/gtest.h>

#include "rasd/base/mem_env.h"

namespace rasd::base {
namespace {

class FaultInjectionEnvTest : public testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(env_.CreateDirs("/db").ok()); }
  std::unique_ptr<Env> mem_ = NewMemEnv();
  FaultInjectionEnv env_{mem_.get()};
};

TEST_F(FaultInjectionEnvTest, CrashKeepsOnlySyncedBytes) {
  auto f = env_.NewWritableFile("/db/log");
  ASSERT_TRUE(f.ok());
  ASSERT_TRUE(env_.SyncDir("/db").ok());
  ASSERT_TRUE((*f)->Append("durable").ok());
  ASSERT_TRUE((*f)->Sync().ok());
  ASSERT_TRUE((*f)->Append(" lost").ok());
  f->reset();
  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_EQ(*ReadFileToString(&env_, "/db/log"), "durable");
}

TEST_F(FaultInjectionEnvTest, UnsyncedDirectoryEntryVanishes) {
  ASSERT_TRUE(WriteStringToFile(&env_, "data", "/db/new", /*sync=*/true).ok());
  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_FALSE(env_.FileExists("/db/new"));
}

TEST_F(FaultInjectionEnvTest, UnsyncedRenameIsUndone) {
  ASSERT_TRUE(WriteFileAtomically(&env_, "old", "/db/MANIFEST").ok());
  // A second replacement whose directory sync never happens.
  ASSERT_TRUE(WriteStringToFile(&env_, "new", "/db/MANIFEST.tmp", true).ok());
  ASSERT_TRUE(env_.RenameFile("/db/MANIFEST.tmp", "/db/MANIFEST").ok());
  EXPECT_EQ(*ReadFileToString(&env_, "/db/MANIFEST"), "new");
  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_EQ(*ReadFileToString(&env_, "/db/MANIFEST"), "old");
}

TEST_F(FaultInjectionEnvTest, AtomicWriteSurvivesCrash) {
  ASSERT_TRUE(WriteFileAtomically(&env_, "v1", "/db/MANIFEST").ok());
  ASSERT_TRUE(WriteFileAtomically(&env_, "v2", "/db/MANIFEST").ok());
  ASSERT_TRUE(env_.SimulateCrash().ok());
  EXPECT_EQ(*ReadFileToString(&env_, "/db/MANIFEST"), "v2");
}

TEST_F(FaultInjectionEnvTest, FailAfterInjectsErrorsAtEveryPoint) {
  // Count the operations of an atomic write, then fail at each one in turn: the old content
  // must survive every failure followed by a crash.
  ASSERT_TRUE(WriteFileAtomically(&env_, "v1", "/db/M").ok());
  const int64_t before = env_.mutating_ops();
  ASSERT_TRUE(WriteFileAtomically(&env_, "v2", "/db/M").ok());
  const int64_t ops = env_.mutating_ops() - before;
  ASSERT_GE(ops, 4);
  for (int64_t k = 0; k < ops; ++k) {
    ASSERT_TRUE(WriteFileAtomically(&env_, "v1", "/db/M").ok());
    env_.FailAfter(k);
    Status s = WriteFileAtomically(&env_, "v2", "/db/M");
    EXPECT_FALSE(s.ok()) << k;
    EXPECT_NE(s.message().find("injected fault"), std::string::npos);
    ASSERT_TRUE(env_.SimulateCrash().ok());
    auto content = ReadFileToString(&env_, "/db/M");
    ASSERT_TRUE(content.ok()) << k;
    EXPECT_EQ(*content, "v1") << "failure at operation " << k;
  }
}

}  // namespace
}  // namespace rasd::base
