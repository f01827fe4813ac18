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

// One sense per discourse for names (Gale, Church & Yarowsky 1992, applied to names as in
// Krishnan & Manning 2006): a word the tagger marked as a one-word name, or as the last word
// of a person's name, somewhere in a document is marked with the same type where the tagger
// left it untagged; so is a whole name of 2-4 words found once. `bases` are the tokens' clitic-stripped folded forms; `eligible` marks
// the tokens that may take part (words of 3+ letters that are not titles, triggers or
// stopwords). Words tagged with two different types are left alone, and so is an ordinal
// ending a person's name (عبدالله الثاني: a regnal number, not a surname).
void PropagateNames(const std::vector<std::string>& bases, const std::vector<bool>& eligible,
                    std::vector<Tag>* tags);

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
