// Whole-article extraction; see article_extractor.h.
#include "rasd/extract/article_extractor.h"

#include "rasd/extract/ner_tokenizer.h"

namespace rasd::extract {

ArticleExtractor::ArticleExtractor(std::unique_ptr<NerTagger> tagger)
    : tagger_(std::move(tagger)), linker_(&tagger_->clusters()) {}

void ArticleExtractor::Extract(std::string_view text, std::string_view date,
                               ArticleResult* out) const {
  TokenizedText tok;
  TokenizeForNer(text, &tok);
  std::vector<Tag> tags(tok.tokens.size(), kTagO);
  NerTagger::Scratch scratch;
  std::vector<std::string_view> words;
  std::vector<Tag> sentence_tags;
  for (size_t s = 0; s < tok.sentence_starts.size(); ++s) {
    size_t b = tok.sentence_starts[s];
    size_t e = s + 1 < tok.sentence_starts.size() ? tok.sentence_starts[s + 1] : tok.tokens.size();
    words.clear();
    for (size_t i = b; i < e; ++i) {
      words.push_back(text.substr(tok.tokens[i].start, tok.tokens[i].end - tok.tokens[i].start));
    }
    tagger_->Tag(words, &sentence_tags, &scratch);
    for (size_t i = b; i < e; ++i) tags[i] = sentence_tags[i - b];
  }
  std::vector<LinkedEntity> entities;
  linker_.Link(text, tok.tokens, tags, &out->entities, &entities);
  FindQuotes(text, tok, out->entities, entities, &out->quotes);
  FindDates(text, tok, date, &out->dates);
}

}  // namespace rasd::extract
