// Tagging text that comes as sentences of tokens with no article boundaries (a CoNLL file,
// `rasd tag --conll`), as close as such text allows to what `rasd extract` does for an
// article: both stages of the tagger, each sentence's document being the sentences within
// kDocumentWindow of it (NerTagger::TagWindows, the stand-in for an article that the
// document stage was trained with), then the name-span repairs (name_spans.h). Measured by
// bench/extract/ner_eval.cc's "rasd tag --conll" row. One sense per discourse
// (article_extractor.h) is left out: it needs the article, which such text does not mark.
//
// Thread-safety: as NerTagger::TagWindows (one scratch per thread).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "rasd/extract/ner_tagger.h"
#include "rasd/extract/ner_tags.h"

namespace rasd::extract {

// Sentences on either side of a piece that TagConllRun needs as context: a long run tagged
// in pieces [begin, end) with this many sentences around each tags as the whole run would.
inline constexpr size_t kConllContext = static_cast<size_t>(kDocumentWindow);

// Tags sentences [begin, end) of `sentences` (those outside are context only). `tags` gets
// end - begin vectors, one tag per token, each a valid BIO sequence.
void TagConllRun(const NerTagger& tagger,
                 const std::vector<std::vector<std::string_view>>& sentences, size_t begin,
                 size_t end, std::vector<std::vector<Tag>>* tags,
                 NerTagger::DocumentScratch* scratch);

}  // namespace rasd::extract
