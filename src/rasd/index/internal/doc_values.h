// Doc values (.dv): per-document columns, read by random access.
//   - norms: one byte per document per text field (EncodeFieldLength of its token count);
//   - numeric: one optional int64 per document, stored as min + gcd * packed(bits), with a
//     presence bitmap when some documents have no value (Lucene's numeric doc values use the
//     same min/gcd trick: dates at day granularity need few bits);
//   - keyword ordinals (sorted-set doc values): for each document, its values' ordinals in
//     the field's term dictionary, increasing, as one packed array with packed per-document
//     start addresses.
// A directory at the end names each column and locates its parts. docs/FORMAT.md,
// "Doc values".
//
// Thread-safety: the writer is single-threaded; parsed columns are read concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/base/status.h"
#include "rasd/index/internal/format.h"

namespace rasd::index::internal {

enum class DocValuesType : uint8_t { kNorms = 1, kNumeric = 2, kKeywordOrdinals = 3 };

class DocValuesWriter {
 public:
  DocValuesWriter(FileWriter* file, uint32_t max_doc) : file_(file), max_doc_(max_doc) {}

  // A column given document by document, for a writer that does not hold it whole (a
  // merge reads it from its sources): each(emit) calls emit once for every document, in
  // order from 0 to max_doc - 1, and returns what went wrong, if anything (then the column
  // is abandoned with that status). The writer calls it more than once.
  using NumericEmit = std::function<void(bool has_value, int64_t value)>;
  using NumericEach = std::function<Status(const NumericEmit& emit)>;
  using KeywordEmit = std::function<void(const uint32_t* ords, uint32_t count)>;
  using KeywordEach = std::function<Status(const KeywordEmit& emit)>;

  // max_doc bytes.
  Status AddNorms(std::string_view field, const uint8_t* norms);
  // values[d] is used where bit d of `present` is set (LSB first), or everywhere when
  // `present` is null. Nothing is written when no document has a value.
  Status AddNumeric(std::string_view field, const int64_t* values, const uint8_t* present);
  Status AddNumeric(std::string_view field, const NumericEach& each);
  // Document d's ordinals are ords[starts[d] .. starts[d+1]), each < num_terms.
  Status AddKeywordOrdinals(std::string_view field, const uint32_t* starts, const uint32_t* ords,
                            uint32_t num_terms);
  // Each document's ordinals, increasing, each < num_terms.
  Status AddKeywordOrdinals(std::string_view field, const KeywordEach& each, uint32_t num_terms);
  // Writes the directory; returns its offset (for the footer).
  Status Finish(uint64_t* directory_offset);

 private:
  FileWriter* file_;
  uint32_t max_doc_;
  std::string directory_;
  uint32_t entries_ = 0;
};

// Parsed columns, pointing into the mapped file.
struct DocValuesColumn {
  DocValuesType type = DocValuesType::kNorms;
  std::string name;
  // kNorms
  const uint8_t* norms = nullptr;
  // kNumeric
  const uint8_t* presence = nullptr;
  const uint8_t* values = nullptr;
  uint32_t count = 0;
  uint8_t bits = 0;
  int64_t min = 0;
  int64_t max = 0;
  uint64_t gcd = 1;
  // kKeywordOrdinals
  const uint8_t* ords = nullptr;
  const uint8_t* addrs = nullptr;
  uint8_t ord_bits = 0;
  uint8_t addr_bits = 0;
  uint64_t total_ords = 0;
  uint32_t num_terms = 0;
};

// Parses and bounds-checks the directory of a .dv file for a segment of max_doc documents.
Status ParseDocValues(const FileData& file, uint32_t max_doc, std::vector<DocValuesColumn>* out);

}  // namespace rasd::index::internal
