// Fuzz target for the query parser (search/query_parser.h): any bytes must parse in lenient
// mode without crashing, and strict mode must either succeed with the same clauses or fail with
// InvalidArgument naming a column.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rasd/base/check.h"
#include "rasd/search/query_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const rasd::text::Analyzer analyzer;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  rasd::Result<rasd::search::Query> lenient = rasd::search::ParseQuery(input, analyzer);
  RASD_CHECK(lenient.ok());
  (void)lenient->DebugString();
  rasd::search::ParseOptions strict;
  strict.strict = true;
  rasd::Result<rasd::search::Query> s = rasd::search::ParseQuery(input, analyzer, strict);
  if (s.ok()) {
    RASD_CHECK(s->warnings.empty());
    RASD_CHECK(s->DebugString() == lenient->DebugString());
  } else {
    RASD_CHECK(s.status().IsInvalidArgument());
    RASD_CHECK(s.status().message().rfind("column ", 0) == 0);
  }
  return 0;
}
