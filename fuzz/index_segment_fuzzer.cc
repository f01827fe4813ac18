// Fuzz target: arbitrary bytes as the files of an index directory (segments, tombstones,
// manifest, write-ahead logs) in a memory Env. Opening, reading everything, Check, and a
// writer (which replays the logs, adds, deletes, merges and commits) must never crash or
// read out of bounds, whatever the bytes; errors must come back as Status values.
//
// Input: a sequence of files, each [u8 name length][name][u32 little-endian size][bytes];
// a truncated last entry is cut short. The seed corpus (fuzz/corpus/index_segment_fuzzer/,
// written by the write_index_fuzz_seeds tool: src/rasd/index/testing/fuzz_seeds.h)
// holds real small indexes in this form, so mutations explore damaged real files.
#include <cstdint>
#include <cstring>
#include <string>

#include "rasd/base/env.h"
#include "rasd/base/mem_env.h"
#include "rasd/index/check.h"
#include "rasd/index/index_reader.h"
#include "rasd/index/index_writer.h"
#include "rasd/index/testing/walk.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rasd;
  auto env = base::NewMemEnv();
  const std::string dir = "/f";
  if (!env->CreateDirs(dir).ok()) return 0;
  size_t p = 0;
  int files = 0;
  while (p < size && files < 64) {
    const size_t name_len = data[p++];
    if (name_len == 0 || p + name_len > size) break;
    std::string name(reinterpret_cast<const char*>(data + p), name_len);
    p += name_len;
    if (name.find('/') != std::string::npos || name == "." || name == "..") break;
    uint32_t len = 0;
    for (int i = 0; i < 4 && p < size; ++i) len |= static_cast<uint32_t>(data[p++]) << (8 * i);
    const size_t n = std::min<size_t>(len, size - p);
    base::WriteStringToFile(env.get(), std::string_view(reinterpret_cast<const char*>(data + p), n),
                            base::JoinPath(dir, name), false)
        .IgnoreError();
    p += n;
    ++files;
  }
  for (bool verify : {false, true}) {
    index::ReaderOptions options;
    options.verify_checksums = verify;
    auto r = index::IndexReader::Open(env.get(), dir, options);
    if (r.ok()) {
      index::testing::WalkEverything(**r).IgnoreError();
      (*r)->field_stats("body");
      (*r)->ForEachTerm("body", "", [](std::string_view, uint64_t) { return true; }).IgnoreError();
    }
  }
  index::Check(env.get(), dir).IgnoreError();
  index::IndexWriterOptions options;
  options.create_if_missing = false;
  options.ram_budget_bytes = 1 << 16;
  auto w = index::IndexWriter::Open(env.get(), dir, options);
  if (w.ok()) {
    index::IndexDocument doc;
    doc.set_id("fuzz");
    doc.AddToken(doc.AddTextField("body"), "term", 0);
    (*w)->AddDocument(doc).IgnoreError();
    (*w)->DeleteDocument("id1").status().IgnoreError();
    if ((*w)->Refresh().ok()) index::testing::WalkEverything(*(*w)->Snapshot()).IgnoreError();
    (*w)->ForceMerge(1).IgnoreError();
    (*w)->Commit().IgnoreError();
  }
  return 0;
}
