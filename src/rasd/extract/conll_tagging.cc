// Tagging runs of CoNLL sentences; see conll_tagging.h.
#include "rasd/extract/conll_tagging.h"

#include "rasd/extract/name_spans.h"

namespace rasd::extract {

void TagConllRun(const NerTagger& tagger,
                 const std::vector<std::vector<std::string_view>>& sentences, size_t begin,
                 size_t end, std::vector<std::vector<Tag>>* tags,
                 NerTagger::DocumentScratch* scratch) {
  tagger.TagWindows(sentences, begin, end, kDocumentWindow, tags, scratch);
  for (size_t j = 0; j < tags->size(); ++j) {
    RepairNameSpans(sentences[begin + j], scratch->infos[begin + j], &(*tags)[j]);
  }
}

}  // namespace rasd::extract
