// The seed corpus of fuzz/index_segment_fuzzer.cc must hold indexes in the format this build
// writes: mutations of older files only explore the older reading paths (a format change
// without new seeds left rank-coded postings lists unfuzzed once). The seeds are rewritten
// with the write_index_fuzz_seeds tool (testing/fuzz_seeds.h).
#include <gtest/gtest.h>

#include "rasd/base/coding.h"
#include "rasd/base/mem_env.h"
#include "rasd/index/check.h"
#include "rasd/index/index_reader.h"
#include "rasd/index/internal/format.h"
#include "rasd/index/testing/fuzz_seeds.h"

namespace rasd::index {
namespace {

// Writes the seed's files into a memory directory; returns the number of segment files, after
// checking that each one's header names the current format version.
size_t Restore(const std::string& name, base::Env* env, const std::string& dir) {
  const std::string path = std::string(RASD_SOURCE_DIR) + "/fuzz/corpus/index_segment_fuzzer/" + name;
  auto packed = base::ReadFileToString(base::Env::Default(), path);
  EXPECT_TRUE(packed.ok()) << packed.status().ToString();
  if (!packed.ok()) return 0;
  auto files = testing::UnpackSeed(*packed);
  EXPECT_TRUE(files.ok()) << files.status().ToString();
  if (!files.ok()) return 0;
  EXPECT_TRUE(env->CreateDirs(dir).ok());
  size_t segment_files = 0;
  for (const auto& [file, data] : *files) {
    EXPECT_TRUE(base::WriteStringToFile(env, data, dir + "/" + file, false).ok());
    if (file.rfind("seg_", 0) != 0) continue;
    ++segment_files;
    EXPECT_GE(data.size(), 8u) << file;
    if (data.size() < 8) continue;
    EXPECT_EQ(base::DecodeFixed32(data.data() + 4), internal::kFormatVersion)
        << name << ": " << file << " is in an older format; rename the seeds to *_v<version> and "
        << "rewrite them with write_index_fuzz_seeds";
  }
  return segment_files;
}

TEST(FuzzSeeds, SeedsAreCurrentIndexesThatPassCheck) {
  for (const auto& spec : testing::kIndexSeeds) {
    SCOPED_TRACE(spec.name);
    auto env = base::NewMemEnv();
    EXPECT_GT(Restore(spec.name, env.get(), "/f"), 0u);
    CheckReport report;
    Status checked = Check(env.get(), "/f", &report);
    EXPECT_TRUE(checked.ok()) << checked.ToString();
    auto reader = IndexReader::Open(env.get(), "/f");
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    EXPECT_GT((*reader)->num_docs(), 0u);
  }
}

TEST(FuzzSeeds, AFreshSeedUnpacksIntoTheFilesOfItsIndex) {
  auto packed = testing::MakeIndexSeed(testing::kIndexSeeds[0]);
  ASSERT_TRUE(packed.ok()) << packed.status().ToString();
  auto files = testing::UnpackSeed(*packed);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  bool manifest = false, log = false;
  for (const auto& [name, data] : *files) {
    manifest = manifest || name == "MANIFEST";
    log = log || name.rfind("wal_", 0) == 0;
    EXPECT_FALSE(data.empty()) << name;
  }
  EXPECT_TRUE(manifest);
  EXPECT_TRUE(log);  // tiny_index leaves a document in the log
  // A cut seed is refused, not read past its end.
  EXPECT_FALSE(testing::UnpackSeed(std::string_view(*packed).substr(0, packed->size() - 1)).ok());
}

}  // namespace
}  // namespace rasd::index
