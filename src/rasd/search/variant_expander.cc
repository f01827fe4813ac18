// Spelling-variant index (variant_expander.h). Skeleton implementation: filled in next.
#include "rasd/search/variant_expander.h"

namespace rasd::search {

int MaxWordDistance(size_t letters) { return letters <= 4 ? 1 : letters <= 8 ? 2 : 3; }

Result<std::unique_ptr<VariantIndex>> VariantIndex::Build(const index::IndexReader&) {
  return std::unique_ptr<VariantIndex>(new VariantIndex());
}
std::unique_ptr<VariantIndex> VariantIndex::FromTerms(
    const std::vector<std::pair<std::string, uint64_t>>&) {
  return std::unique_ptr<VariantIndex>(new VariantIndex());
}
std::vector<VariantCandidate> VariantIndex::Candidates(std::string_view) const { return {}; }
uint64_t VariantIndex::DocFreq(std::string_view) const { return 0; }
size_t VariantIndex::memory_bytes() const { return 0; }
std::vector<WordVariant> ExpandWord(const VariantIndex&, std::string_view, bool) { return {}; }

}  // namespace rasd::search
