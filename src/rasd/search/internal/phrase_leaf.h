// The phrase leaf: consecutive words of a plan leaf (LeafSpec::Kind::kPhrase), matched on
// their stems (a stopword on its form in the .stop field) within the slop, in the title and
// in the body, each part's phrase frequency a stream of one BM25F term. Its bounds come from
// the words' block impacts (the phrase occurs at most as often as its words), and under
// Leaf::Prune it judges a document by its words' frequencies before reading their positions.
//
// Thread-safety: as Leaf (leaf.h).
#pragma once

#include <cstdint>
#include <memory>

#include "rasd/index/index_reader.h"
#include "rasd/search/internal/leaf.h"
#include "rasd/search/internal/plan.h"

namespace rasd::search::internal {

// Opens the phrase `spec` on `segment` (OpenLeaf's kPhrase case); nullptr when a word is
// missing from both the title and the body there.
std::unique_ptr<Leaf> OpenPhraseLeaf(const LeafSpec& spec, uint32_t id, const Plan& plan,
                                     const index::Segment& segment, IteratorPool* pool,
                                     LeafUse use);

}  // namespace rasd::search::internal
