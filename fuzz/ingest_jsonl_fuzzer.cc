// Fuzz target: arbitrary bytes as a JSONL ingest stream. The ingester must never crash, must
// account for every non-blank line as an article or a failure, and must keep its promises
// about the articles it delivers (non-empty id, some text).
#include <cstddef>
#include <cstdint>
#include <string>

#include "rasd/base/check.h"
#include "rasd/ingest/ingester.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using rasd::ingest::Ingester;
  std::string input(reinterpret_cast<const char*>(data), size);
  rasd::ingest::IngestOptions options;
  options.max_record_bytes = 4096;
  Ingester ingester(
      options,
      [](rasd::engine::Article a) {
        RASD_CHECK(!a.id.empty());
        RASD_CHECK(!a.title.empty() || !a.body.empty());
        return rasd::Status::OK();
      },
      nullptr);
  auto source = rasd::ingest::StringByteSource(input);
  RASD_CHECK(ingester.ReadJsonl(source.get(), "fuzz").ok());
  RASD_CHECK(ingester.counts().bytes == size);
  return 0;
}
