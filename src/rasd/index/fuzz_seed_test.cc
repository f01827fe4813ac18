// Writes the seed corpus of fuzz/index_segment_fuzzer.cc (disabled: run by hand with
// --gtest_also_run_disabled_tests --gtest_filter=*WriteFuzzSeeds* when the format changes,
// after renaming the previous seeds to *_v<old version> so that both versions stay fuzzed).
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "rasd/base/mem_env.h"
#include "rasd/index/index_writer.h"
#include "rasd/index/testing/model.h"

namespace rasd::index {
namespace {

std::string Serialise(base::Env* env, const std::string& dir) {
  std::string out;
  auto names = env->GetChildren(dir);
  if (!names.ok()) return out;
  for (const std::string& name : *names) {
    if (name == "LOCK") continue;
    const std::string data = *base::ReadFileToString(env, dir + "/" + name);
    out.push_back(static_cast<char>(name.size()));
    out += name;
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(data.size() >> (8 * i)));
    out += data;
  }
  return out;
}

void WriteSeed(int docs, int tokens, bool leave_log, const std::string& path) {
  auto env = base::NewMemEnv();
  std::mt19937_64 rng(docs);
  IndexWriterOptions o;
  o.stored_block_bytes = 256;
  o.merge.enabled = false;
  auto w = IndexWriter::Open(env.get(), "/f", o);
  ASSERT_TRUE(w.ok());
  for (int i = 0; i < docs; ++i) {
    auto d = testing::RandomDoc(rng, "id" + std::to_string(i % (docs - docs / 4)), tokens);
    d.text["body"].emplace_back("common", 10000);
    ASSERT_TRUE((*w)->AddDocument(d.ToDocument()).ok());
    if (i == docs / 2) {
      ASSERT_TRUE((*w)->Commit().ok());
    }
  }
  ASSERT_TRUE((*w)->DeleteDocument("id1").ok());
  ASSERT_TRUE((*w)->Commit().ok());
  if (leave_log) {
    ASSERT_TRUE((*w)->AddDocument(testing::RandomDoc(rng, "late", 3).ToDocument()).ok());
  }
  w->reset();
  std::ofstream(path, std::ios::binary) << Serialise(env.get(), "/f");
}

TEST(FuzzSeeds, DISABLED_WriteFuzzSeeds) {
  const std::string dir = std::string(RASD_SOURCE_DIR) + "/fuzz/corpus/index_segment_fuzzer/";
  WriteSeed(6, 4, true, dir + "tiny_index");
  WriteSeed(160, 3, false, dir + "blocks_index");
}

}  // namespace
}  // namespace rasd::index
