// Seed inputs of the index fuzzer (testing/fuzz_seeds.h).
#include "rasd/index/testing/fuzz_seeds.h"

#include <random>

#include "rasd/base/macros.h"
#include "rasd/base/mem_env.h"
#include "rasd/index/index_writer.h"
#include "rasd/index/testing/model.h"

namespace rasd::index::testing {
namespace {

Result<std::string> Pack(base::Env* env, const std::string& dir) {
  std::string out;
  RASD_ASSIGN_OR_RETURN(std::vector<std::string> names, env->GetChildren(dir));
  for (const std::string& name : names) {
    if (name == "LOCK") continue;
    RASD_ASSIGN_OR_RETURN(std::string data, base::ReadFileToString(env, dir + "/" + name));
    out.push_back(static_cast<char>(name.size()));
    out += name;
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(data.size() >> (8 * i)));
    out += data;
  }
  return out;
}

}  // namespace

Result<std::string> MakeIndexSeed(const SeedSpec& spec) {
  auto env = base::NewMemEnv();
  std::mt19937_64 rng(spec.docs);
  IndexWriterOptions o;
  o.stored_block_bytes = 256;  // several stored blocks even in a tiny index
  o.merge.enabled = false;     // keep both commits' segments
  RASD_ASSIGN_OR_RETURN(std::unique_ptr<IndexWriter> w, IndexWriter::Open(env.get(), "/f", o));
  const int distinct_ids = spec.docs - spec.docs / 4;
  for (int i = 0; i < spec.docs; ++i) {
    ModelDoc d = RandomDoc(rng, "id" + std::to_string(i % distinct_ids), spec.tokens);
    d.text["body"].emplace_back("common", 10000);  // one long list with full blocks
    RASD_RETURN_IF_ERROR(w->AddDocument(d.ToDocument()));
    if (i == spec.docs / 2) RASD_RETURN_IF_ERROR(w->Commit());
  }
  RASD_RETURN_IF_ERROR(w->DeleteDocument("id1").status());
  RASD_RETURN_IF_ERROR(w->Commit());
  if (spec.leave_log) {
    RASD_RETURN_IF_ERROR(w->AddDocument(RandomDoc(rng, "late", 3).ToDocument()));
  }
  w.reset();
  return Pack(env.get(), "/f");
}

Result<std::vector<std::pair<std::string, std::string>>> UnpackSeed(std::string_view packed) {
  std::vector<std::pair<std::string, std::string>> files;
  size_t p = 0;
  while (p < packed.size()) {
    const size_t name_len = static_cast<uint8_t>(packed[p++]);
    if (name_len == 0 || p + name_len + 4 > packed.size()) {
      return Status::InvalidArgument("seed entry at byte " + std::to_string(p - 1) +
                                     " is cut short");
    }
    std::string name(packed.substr(p, name_len));
    p += name_len;
    uint32_t len = 0;
    for (int i = 0; i < 4; ++i) len |= uint32_t{static_cast<uint8_t>(packed[p++])} << (8 * i);
    if (len > packed.size() - p) {
      return Status::InvalidArgument("file '" + name + "' of the seed is cut short");
    }
    files.emplace_back(std::move(name), std::string(packed.substr(p, len)));
    p += len;
  }
  return files;
}

}  // namespace rasd::index::testing
