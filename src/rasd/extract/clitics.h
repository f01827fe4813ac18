// Choosing where a word's attached proclitics end: وإيران -> و + إيران, للخامنئي -> ل +
// الخامنئي, but وزير and فرنسا stay whole.
//
// name_forms.h proposes the possible splits; this picks one with frequency evidence, the
// way a reader would: a split is taken only when its base is a known name (a gazetteer
// entry) or a word much more frequent in the unlabelled news corpus (word_clusters.h) than
// the whole form. Without evidence the word stays whole, which is the safe error for names.
//
// Thread-safety: pure function over immutable inputs.
#pragma once

#include <string_view>

#include "rasd/extract/gazetteer.h"
#include "rasd/extract/name_forms.h"
#include "rasd/extract/word_clusters.h"

namespace rasd::extract {

// `folded` must be a Fold()ed word. Either pointer may be null (no evidence of that kind).
CliticSplit BestCliticSplit(std::string_view folded, const WordClusters* clusters,
                            const Gazetteer* gazetteer);

}  // namespace rasd::extract
