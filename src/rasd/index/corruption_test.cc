// Corrupt and truncated files: every flipped byte, every truncation and a wrong magic or
// version in any index file is reported by Check as Corruption naming that file (log files:
// a damaged or cut last record is a torn tail, anything else is Corruption); opening never
// crashes, and a reader opened on damaged bytes (only structure is checked at open) never
// crashes or reads out of bounds while every value is read (see testing/walk.h).
#include <gtest/gtest.h>

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "rasd/base/env.h"
#include "rasd/base/mem_env.h"
#include "rasd/index/check.h"
#include "rasd/index/index_writer.h"
#include "rasd/index/internal/format.h"
#include "rasd/index/testing/model.h"
#include "rasd/index/testing/walk.h"

namespace rasd::index {
namespace {

class CorruptionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937_64 rng(7);
    IndexWriterOptions o;
    o.stored_block_bytes = 512;
    o.merge.enabled = false;
    auto w = IndexWriter::Open(env_.get(), "/idx", o);
    ASSERT_TRUE(w.ok());
    for (int i = 0; i < 400; ++i) {
      auto d = testing::RandomDoc(rng, "id" + std::to_string(i % 300), 20);
      if (i < 5) {
        for (int k = 0; k < 300; ++k) d.text["body"].emplace_back("common", 1000 + k);  // long lists
      }
      ASSERT_TRUE((*w)->AddDocument(d.ToDocument()).ok());
      if (i == 200) {
        ASSERT_TRUE((*w)->Commit().ok());
      }
    }
    for (int i = 0; i < 20; ++i) ASSERT_TRUE((*w)->DeleteDocument("id" + std::to_string(i * 7)).ok());
    ASSERT_TRUE((*w)->Commit().ok());
    for (int i = 0; i < 5; ++i) {
      ASSERT_TRUE((*w)->AddDocument(testing::RandomDoc(rng, "late" + std::to_string(i), 10).ToDocument()).ok());
    }
    w->reset();  // the last adds stay in the log
    Status s = Check(env_.get(), "/idx");
    ASSERT_TRUE(s.ok()) << s.ToString();
    auto names = env_->GetChildren("/idx");
    ASSERT_TRUE(names.ok());
    for (const std::string& n : *names) {
      if (n == "LOCK") continue;
      files_.push_back(n);
      originals_[n] = *base::ReadFileToString(env_.get(), "/idx/" + n);
    }
  }

  void Put(const std::string& name, const std::string& data) {
    ASSERT_TRUE(base::WriteStringToFile(env_.get(), data, "/idx/" + name, false).ok());
  }
  void Restore(const std::string& name) { Put(name, originals_[name]); }
  static bool IsLog(const std::string& name) {
    uint64_t n;
    return internal::ParseLogFileName(name, &n);
  }

  // The damage must be reported as Corruption naming the file (or, in a log, may be a torn
  // tail), and opening readers and writers must not crash; what they open must be walkable.
  void ExpectReported(const std::string& name, const std::string& what) {
    Status s = Check(env_.get(), "/idx");
    if (IsLog(name)) {
      if (!s.ok()) {
        EXPECT_TRUE(s.IsCorruption()) << what << ": " << s.ToString();
        EXPECT_NE(s.message().find(name), std::string::npos) << what << ": " << s.ToString();
      }
    } else {
      ASSERT_FALSE(s.ok()) << what << " in " << name << " went unnoticed";
      EXPECT_TRUE(s.IsCorruption()) << what << ": " << s.ToString();
      EXPECT_NE(s.message().find(name), std::string::npos) << what << ": " << s.ToString();
    }
    auto r = IndexReader::Open(env_.get(), "/idx");
    if (r.ok()) {
      Status walk = testing::WalkEverything(**r);
      if (!walk.ok()) {
        EXPECT_TRUE(walk.IsCorruption()) << walk.ToString();
      }
    } else {
      EXPECT_TRUE(r.status().IsCorruption()) << what << ": " << r.status().ToString();
    }
  }

  std::unique_ptr<base::Env> env_ = base::NewMemEnv();
  std::vector<std::string> files_;
  std::map<std::string, std::string> originals_;
};

TEST_F(CorruptionTest, FlippedBytes) {
  const uint64_t seed = std::random_device{}();
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  std::mt19937_64 rng(seed);
  for (const std::string& name : files_) {
    const std::string& orig = originals_[name];
    std::vector<size_t> offsets;
    for (size_t i = 0; i < orig.size() && i < 20; ++i) offsets.push_back(i);
    for (size_t i = orig.size() > 20 ? orig.size() - 20 : 0; i < orig.size(); ++i) offsets.push_back(i);
    for (int i = 0; i < 25; ++i) offsets.push_back(rng() % orig.size());
    for (size_t off : offsets) {
      std::string bad = orig;
      bad[off] = static_cast<char>(bad[off] ^ (1 + rng() % 255));
      Put(name, bad);
      ExpectReported(name, "flipped byte " + std::to_string(off));
      Restore(name);
      if (HasFailure()) return;
    }
  }
}

TEST_F(CorruptionTest, Truncations) {
  for (const std::string& name : files_) {
    const std::string& orig = originals_[name];
    std::vector<size_t> lengths = {0, 1, 8, 15, 16, 17, 31, 32, orig.size() / 2, orig.size() - 17,
                                   orig.size() - 16, orig.size() - 4, orig.size() - 1};
    for (size_t n : lengths) {
      if (n >= orig.size()) continue;
      Put(name, orig.substr(0, n));
      ExpectReported(name, "truncated to " + std::to_string(n));
      if (!IsLog(name)) {
        // Opening for reading or writing reports it too (sizes are in the manifest).
        auto r = IndexReader::Open(env_.get(), "/idx");
        EXPECT_TRUE(r.status().IsCorruption()) << name << " truncated to " << n << ": " << r.status().ToString();
        if (!r.ok()) {
          EXPECT_NE(r.status().message().find(name), std::string::npos) << r.status().ToString();
        }
      }
      Restore(name);
      if (HasFailure()) return;
    }
  }
}

TEST_F(CorruptionTest, WrongMagicOrVersion) {
  for (const std::string& name : files_) {
    std::string bad = originals_[name];
    bad[1] = static_cast<char>(bad[1] ^ 0x20);
    Put(name, bad);
    Status s = Check(env_.get(), "/idx");
    ASSERT_TRUE(s.IsCorruption()) << name;
    EXPECT_NE(s.message().find(name), std::string::npos) << s.ToString();
    EXPECT_NE(s.message().find("magic"), std::string::npos) << s.ToString();
    bad = originals_[name];
    bad[4] = static_cast<char>(internal::kFormatVersion + 1);  // a version no build wrote
    Put(name, bad);
    s = Check(env_.get(), "/idx");
    ASSERT_TRUE(s.IsCorruption()) << name;
    EXPECT_NE(s.message().find("version"), std::string::npos) << s.ToString();
    auto w = IndexWriter::Open(env_.get(), "/idx");
    EXPECT_TRUE(w.status().IsCorruption()) << name << ": " << w.status().ToString();
    w = Result<std::unique_ptr<IndexWriter>>(Status::Internal("released"));  // drop the lock
    Restore(name);
  }
}

TEST_F(CorruptionTest, MissingFile) {
  for (const std::string& name : files_) {
    if (IsLog(name)) continue;
    ASSERT_TRUE(env_->RemoveFile("/idx/" + name).ok());
    Status s = Check(env_.get(), "/idx");
    EXPECT_FALSE(s.ok()) << name;
    Restore(name);
  }
}

// Without its MANIFEST the index's segments are listed nowhere: a writer asked to create an
// index there refuses (it would have deleted them as garbage and started empty), naming a
// file, and changes nothing; so does a writer not asked to create one, and the reader (its
// NotFound means a folder with no index at all); IndexReader::Exists tells that case from a
// missing segment file.
TEST_F(CorruptionTest, MissingManifestIsRefusedNotReplaced) {
  ASSERT_TRUE(IndexReader::Exists(env_.get(), "/idx"));
  ASSERT_TRUE(env_->RemoveFile("/idx/MANIFEST").ok());
  EXPECT_FALSE(IndexReader::Exists(env_.get(), "/idx"));
  IndexWriterOptions o;
  o.create_if_missing = true;
  auto w = IndexWriter::Open(env_.get(), "/idx", o);
  ASSERT_FALSE(w.ok());
  EXPECT_TRUE(w.status().IsCorruption()) << w.status().ToString();
  EXPECT_NE(w.status().message().find("no MANIFEST"), std::string::npos) << w.status().ToString();
  o.create_if_missing = false;
  auto existing = IndexWriter::Open(env_.get(), "/idx", o);
  ASSERT_FALSE(existing.ok());
  EXPECT_TRUE(existing.status().IsCorruption()) << existing.status().ToString();
  o.create_if_missing = true;
  auto r = IndexReader::Open(env_.get(), "/idx");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsCorruption()) << r.status().ToString();
  EXPECT_NE(r.status().message().find("no MANIFEST"), std::string::npos) << r.status().ToString();
  auto names = env_->GetChildren("/idx");
  ASSERT_TRUE(names.ok());
  for (const std::string& name : files_) {
    if (name == "MANIFEST") continue;
    EXPECT_NE(std::find(names->begin(), names->end(), name), names->end()) << name << " removed";
    EXPECT_EQ(*base::ReadFileToString(env_.get(), "/idx/" + name), originals_[name]) << name;
  }
  EXPECT_EQ(std::find(names->begin(), names->end(), "MANIFEST"), names->end());
  Restore("MANIFEST");
  EXPECT_TRUE(Check(env_.get(), "/idx").ok());
  // A new index in an empty folder is still made.
  auto fresh = IndexWriter::Open(env_.get(), "/fresh", o);
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
}

// VerifyChecksum sums a large file in pieces (releasing each one's pages as it goes): a
// flipped byte in any piece, the first, a middle one, the last, is still found. On POSIX
// files, which are mapped, so that the released pages are read again.
TEST(ChecksumTest, LargeFilesAreSummedWhole) {
  char tmpl[] = "/tmp/rasd_checksum_test.XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string dir = tmpl;
  base::Env* env = base::Env::Default();
  std::string body(40 << 20, '\0');  // three pieces of 16 MiB
  std::mt19937_64 rng(11);
  for (char& c : body) c = static_cast<char>(rng());
  auto f = internal::FileWriter::Create(env, dir + "/f.doc", internal::kDocMagic, 5);
  ASSERT_TRUE(f.ok());
  ASSERT_TRUE((*f)->Append(body).ok());
  ASSERT_TRUE((*f)->Finish((*f)->offset()).ok());
  auto open = [&] {
    return internal::OpenIndexFile(env, dir, "f.doc", internal::kDocMagic, 5, true).status();
  };
  ASSERT_TRUE(open().ok()) << open().ToString();
  const std::string good = *base::ReadFileToString(env, dir + "/f.doc");
  for (const size_t at : {size_t{100}, (size_t{16} << 20) + 5, (size_t{32} << 20) - 1,
                          good.size() - internal::kFooterSize - 1}) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x20);
    ASSERT_TRUE(base::WriteStringToFile(env, bad, dir + "/f.doc", false).ok());
    const Status s = open();
    EXPECT_TRUE(s.IsCorruption()) << "flipped at " << at;
    EXPECT_NE(s.message().find("checksum mismatch"), std::string::npos) << s.ToString();
  }
  ASSERT_TRUE(base::WriteStringToFile(env, good, dir + "/f.doc", false).ok());
  EXPECT_TRUE(open().ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rasd::index
