// Test support: reads every byte-derived value an index exposes (every field, term,
// posting, position, impact, norm, ordinal, numeric value and stored document) and returns
// the first error status met. Used to show that corrupt files never crash a reader (under
// ASan, never read out of bounds either): the corruption tests and the fuzz target.
#pragma once

#include "rasd/base/status.h"
#include "rasd/index/index_reader.h"

namespace rasd::index::testing {

// Returns OK or the first Corruption met. Never crashes on corrupt input.
Status WalkEverything(const IndexReader& reader);
Status WalkSegment(const Segment& segment);

}  // namespace rasd::index::testing
