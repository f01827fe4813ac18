// ArticleExtractor: the whole extraction of one article in one pass: tokenise
// (ner_tokenizer.h), tag entities (ner_tagger.h), link mentions to entities
// (entity_linker.h), find quotes and their speakers (quotes.h) and dates (dates.h).
//
// Thread-safety: immutable after construction; Extract may run concurrently (each call
// keeps its own scratch).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/extract/dates.h"
#include "rasd/extract/entity_linker.h"
#include "rasd/extract/ner_tagger.h"
#include "rasd/extract/quotes.h"

namespace rasd::extract {

struct ArticleResult {
  std::vector<EntityMention> entities;
  std::vector<Quote> quotes;
  std::vector<DateMention> dates;
};

class ArticleExtractor {
 public:
  explicit ArticleExtractor(std::unique_ptr<NerTagger> tagger);

  // `date` is the article's ISO 8601 date or "" (used to resolve relative days).
  void Extract(std::string_view text, std::string_view date, ArticleResult* out) const;

  const NerTagger& tagger() const { return *tagger_; }

 private:
  uint64_t serial_ = 0;  // tells this extractor's per-thread scratch from another's (Extract)
  std::unique_ptr<NerTagger> tagger_;
  EntityLinker linker_;
};

}  // namespace rasd::extract
