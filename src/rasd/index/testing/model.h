// Test support: a naive in-memory model of an index (documents as plain maps), random
// document generation, and a verifier that compares a snapshot with the model term by term,
// posting by posting. Used by the whole-index round-trip, snapshot and crash tests.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "rasd/index/document.h"
#include "rasd/index/index_reader.h"

namespace rasd::index::testing {

struct ModelDoc {
  std::string id;
  // field -> (term, position) in position order.
  std::map<std::string, std::vector<std::pair<std::string, uint32_t>>> text;
  std::map<std::string, std::set<std::string>> keywords;
  std::map<std::string, int64_t> numerics;
  std::string blob;

  IndexDocument ToDocument() const;
};

// Documents by id (the live set).
using Model = std::map<std::string, ModelDoc>;

// A random document drawn from a small Zipf-like vocabulary, so that terms recur (long
// postings lists with full blocks) and rare terms exist (singletons).
ModelDoc RandomDoc(std::mt19937_64& rng, const std::string& id, int max_tokens = 60);

// Compares everything the snapshot exposes with the model; returns the differences found
// (empty when they agree).
std::vector<std::string> DiffAgainstModel(const IndexReader& reader, const Model& model);

// Compares everything the snapshot exposes with the model; reports mismatches through
// GoogleTest assertions (ADD_FAILURE), stopping after the first few.
void ExpectMatchesModel(const IndexReader& reader, const Model& model);

}  // namespace rasd::index::testing
