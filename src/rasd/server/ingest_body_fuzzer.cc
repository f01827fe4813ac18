// Fuzz target: arbitrary bytes as a POST /api/articles body (the first byte picks JSON or JSON
// Lines) and as a query string for the search parameters. Parsing must never crash, must
// account for every record as an article or an error, and every article it delivers must
// have an id and some text.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "rasd/base/check.h"
#include "rasd/server/ingest_body.h"
#include "rasd/server/params.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto format = (data[0] & 1) ? rasd::server::BodyFormat::kJsonLines
                                    : rasd::server::BodyFormat::kJson;
  rasd::server::ParsedIngest parsed = rasd::server::ParseIngestBody(input, format);
  RASD_CHECK(parsed.records == parsed.articles.size() + parsed.errors.size());
  for (const auto& [number, article] : parsed.articles) {
    RASD_CHECK(number >= 1);
    RASD_CHECK(!article.id.empty());
    RASD_CHECK(!article.title.empty() || !article.body.empty());
  }

  // The same bytes as name=value pairs separated by '&'.
  std::multimap<std::string, std::string> params;
  size_t pos = 0;
  while (pos <= input.size()) {
    size_t amp = input.find('&', pos);
    if (amp == std::string::npos) amp = input.size();
    const std::string pair = input.substr(pos, amp - pos);
    const size_t eq = pair.find('=');
    params.emplace(pair.substr(0, eq), eq == std::string::npos ? "" : pair.substr(eq + 1));
    pos = amp + 1;
  }
  rasd::server::QueryParams q(params);
  (void)q.CheckKnown({"q", "limit", "from"});
  (void)q.CheckSingle({"source"});
  auto limit = q.GetInt("limit", 10, 1, 100);
  RASD_CHECK(!limit.ok() || (*limit.value >= 1 && *limit.value <= 100));
  (void)q.GetDate("from", true);
  (void)q.GetSort("sort");
  (void)q.GetBool("facets", true);
  (void)q.GetAll("source", true);
  return 0;
}
