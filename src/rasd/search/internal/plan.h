// Plan: a parsed query resolved against one snapshot, ready to run on each segment.
//
// The planner (planner.h) turns query clauses into scoring LEAVES, each a BM25F unit with one
// idf (bm25f.h), and says how leaves combine: optional leaves score when present, each
// required group needs at least one of its leaves, excluded leaves reject a document, and
// filters (source, entity, speaker, date) are checked per document. The executor and the
// exhaustive reference both run the same Plan, which is what makes their results comparable
// bit for bit.
//
// Thread-safety: a plain value.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/search/bm25f.h"

namespace rasd::search::internal {

// The text fields of the schema, as indexes into per-query tables.
enum TextField : uint8_t {
  kTitleStem = 0,
  kBodyStem = 1,
  kTitleExact = 2,
  kBodyExact = 3,
  kTitleStop = 4,
  kBodyStop = 5,
};
inline constexpr int kNumTextFields = 6;
std::string_view TextFieldName(int field);

// One postings list feeding a leaf's pseudo-frequency.
struct StreamSpec {
  uint8_t field = kBodyStem;
  std::string term;
  double weight = 1.0;
  // Its documents are a subset of the leaf's other (primary) streams' documents, as an exact
  // form's are of its stem's: it never decides where the leaf is and is only read for the
  // documents the leaf is scored on (saves iterating it).
  bool secondary = false;
  // The field whose length normalises this stream (plan.norms, FieldReader::norm): its own,
  // or for an exact form, its stem field (kNumTextFields means "its own field").
  uint8_t norm_field = kNumTextFields;
  uint8_t length_field() const { return norm_field == kNumTextFields ? field : norm_field; }
};

struct PhraseWordSpec {
  std::string stem;
  std::string norm;
  bool stop = false;  // matched through the .stop field (stopwords are not in stem fields)
};

struct LeafSpec {
  enum class Kind : uint8_t { kTerms, kPhrase };
  Kind kind = Kind::kTerms;
  // kTerms: a disjunction of streams scored as one term.
  std::vector<StreamSpec> streams;
  // kPhrase: consecutive words, matched in the title and/or the body on stems (stopwords on
  // their exact form). `slop` allows that many extra positions between consecutive words.
  std::vector<PhraseWordSpec> words;
  bool in_title = true;
  bool in_body = true;
  uint32_t slop = 0;
  double title_weight = 1.0;  // phrase frequency weights per field
  double body_weight = 1.0;
  // boost * idf, the factor in front of the saturation.
  double boost_idf = 0;
  std::string label;  // for debugging and de-duplication
};

// Filters resolved to index values.
struct PlanFilters {
  // Each inner list is "any of these source values"; every list must be satisfied.
  std::vector<std::vector<std::string>> sources_any;
  std::vector<std::string> sources_none;
  std::vector<std::string> entities_all;
  std::vector<std::string> speakers_any;
  bool has_speakers = false;  // speakers_any given (possibly resolved to nothing)
  bool date = false;          // a date range applies
  int64_t date_from = std::numeric_limits<int64_t>::min();
  int64_t date_to = std::numeric_limits<int64_t>::max();
};

// How many first-stage documents the second stage (Plan::rerank) rescores: max(k, this).
inline constexpr size_t kRerankDepth = 100;

struct Plan {
  std::vector<LeafSpec> leaves;
  std::vector<uint32_t> optional;               // leaf indexes
  std::vector<std::vector<uint32_t>> required;  // groups of leaf indexes
  std::vector<LeafSpec> excluded;
  // Second stage: leaves whose scores are added to the best rerank_depth documents of the
  // first stage (proximity pairs), which are then sorted again. The ranking function is this
  // two-stage function; the exhaustive reference computes the same.
  std::vector<LeafSpec> rerank;
  PlanFilters filters;
  bool match_none = false;  // nothing can match (a required part resolved to nothing)
  // The query has nothing to score (empty, or only filters and exclusions): every document
  // passing the filters and exclusions matches, with score 0.
  bool match_all = false;
  double k1 = 1.2;
  NormTable norms[kNumTextFields];
};

}  // namespace rasd::search::internal
