// FieldData: everything a segment knows about one text, keyword or id field, parsed once
// when the segment is opened and then read by FieldReader, TermIterator and
// PostingsIterator without further checks of the directory (the data they point into is
// still bounds-checked as it is decoded).
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "rasd/index/index_reader.h"
#include "rasd/index/internal/format.h"
#include "rasd/index/postings.h"

namespace rasd::index::internal {

// Terms per front-coded block of the term dictionary.
inline constexpr uint32_t kTermsPerBlock = 32;

struct FieldData {
  std::string name;
  FieldKind kind = FieldKind::kText;
  bool has_freqs = false;
  bool has_positions = false;
  bool has_norms = false;
  bool impact_lists = false;  // skip entries hold ImpactLists (flag bit 3)
  // Flag bit 4 (format version 3): the field has a parent field (parent_name) and each term
  // entry records its stem there; parent is resolved when the segment is opened.
  bool with_stems = false;
  std::string parent_name;
  const FieldData* parent = nullptr;
  FieldStats stats;
  uint32_t max_doc = 0;

  // Term dictionary (.tdx): num_blocks fixed64 block offsets at index_offset; block i spans
  // [offset(i), offset(i+1)) and the last one ends at index_offset.
  const FileData* tdx = nullptr;
  uint32_t dict_version = 0;  // tdx->version: the layout of its entries (FORMAT.md section 5)
  uint64_t index_offset = 0;
  uint32_t num_blocks = 0;
  uint32_t num_terms = 0;
  // The first 8 bytes of each block's first term, big-endian and zero-padded, so that a
  // lookup's binary search over the blocks reads one small array instead of a fixed64
  // offset and a term at scattered places of the mapped dictionary (two cache misses a step).
  // Built by the first lookup of the field (term_dict.cc); left empty when a block is corrupt.
  mutable std::once_flag block_keys_once;
  mutable std::vector<uint64_t> block_keys;

  // Postings (.doc/.pos) and norms (.dv).
  PostingsSetup postings;
  const uint8_t* norms = nullptr;  // max_doc bytes, or nullptr

  // Keyword ordinals (.dv): doc d's ordinals are entries [addr(d), addr(d+1)) of the packed
  // ordinal array.
  const uint8_t* ords = nullptr;
  const uint8_t* addrs = nullptr;
  uint8_t ord_bits = 0;
  uint8_t addr_bits = 0;
  uint64_t total_ords = 0;
};

// The TermInfo of term `ord` of field `d` (for a rank-coded term's stem); false when out of
// range or corrupt.
bool TermInfoForOrd(const FieldData* d, uint32_t ord, TermInfo* info);

}  // namespace rasd::index::internal
