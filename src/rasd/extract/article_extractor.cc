// Whole-article extraction; see article_extractor.h.
#include "rasd/extract/article_extractor.h"

#include <atomic>

#include "rasd/extract/listed_names.h"
#include "rasd/extract/name_propagation.h"
#include "rasd/extract/name_spans.h"
#include "rasd/extract/ner_tokenizer.h"

namespace rasd::extract {

ArticleExtractor::ArticleExtractor(std::unique_ptr<NerTagger> tagger)
    : tagger_(std::move(tagger)), linker_(&tagger_->clusters()) {
  static std::atomic<uint64_t> next_serial{1};
  serial_ = next_serial++;
}

void ArticleExtractor::Extract(std::string_view text, std::string_view date,
                               ArticleResult* out) const {
  TokenizedText tok;
  // Hashtag words (#لورا_سميت) are words for the tagger (see Underscore).
  TokenizeForNer(text, &tok, Underscore::kSeparator);
  std::vector<Tag> tags(tok.tokens.size(), kTagO);
  std::vector<std::string_view> bases(tok.tokens.size());
  std::vector<bool> propagatable(tok.tokens.size(), false);
  // The whole article is the tagger's document (its second stage sees every sentence). The
  // scratch is kept per thread across articles: it caches each word's analysis and encoder
  // projection (FeatureScratch), and words repeat from one article to the next as within one;
  // a scratch made afresh for every article recomputed them all (2.2 ms an article, against
  // 1.3 ms before the encoder). It drops its cache when another tagger uses it, and holds at
  // most FeatureExtractor's cache limit of words. Keyed by the extractor's serial number,
  // not its address, which a later extractor with another model may reuse.
  // A scratch grown for an outsized article (a body of megabytes, with no sentence breaks:
  // one 10 MB body left some 50 MB of per-token buffers in it) is made afresh, not kept for
  // the thread's lifetime; the next articles refill its word cache.
  constexpr size_t kKeptScratchTokens = 1 << 16;
  thread_local uint64_t scratch_owner = 0;
  thread_local NerTagger::DocumentScratch scratch;
  if (scratch_owner != serial_ || scratch.TokenCapacity() > kKeptScratchTokens) {
    scratch = NerTagger::DocumentScratch();
    scratch_owner = serial_;
  }
  const size_t num_sentences = tok.sentence_starts.size();
  std::vector<std::vector<std::string_view>> sentences(num_sentences);
  auto sentence_end = [&](size_t s) {
    return s + 1 < num_sentences ? tok.sentence_starts[s + 1] : tok.tokens.size();
  };
  for (size_t s = 0; s < num_sentences; ++s) {
    for (size_t i = tok.sentence_starts[s]; i < sentence_end(s); ++i) {
      sentences[s].push_back(text.substr(tok.tokens[i].start, tok.tokens[i].end - tok.tokens[i].start));
    }
  }
  std::vector<std::vector<Tag>> sentence_tags;
  tagger_->TagDocument(sentences, &sentence_tags, &scratch);
  for (size_t s = 0; s < num_sentences; ++s) {
    const size_t b = tok.sentence_starts[s], e = sentence_end(s);
    const std::vector<TokenInfo>& infos = scratch.infos[s];
    ApplyListedNames(infos, &sentence_tags[s]);
    RepairNameSpans(sentences[s], infos, &sentence_tags[s]);
    for (size_t i = b; i < e; ++i) {
      tags[i] = sentence_tags[s][i - b];
      const TokenInfo& info = infos[i - b];
      bases[i] = info.base;
      propagatable[i] = tok.tokens[i].word && MayPropagate(info);
    }
  }
  std::vector<bool> sentence_start(tok.tokens.size(), false);
  for (size_t start : tok.sentence_starts) {
    if (start < sentence_start.size()) sentence_start[start] = true;
  }
  PropagateNames(bases, propagatable, sentence_start, &tags);
  std::vector<LinkedEntity> entities;
  linker_.Link(text, tok.tokens, tags, &out->entities, &entities);
  FindQuotes(text, tok, out->entities, entities, &out->quotes);
  FindDates(text, tok, date, &out->dates);
}

}  // namespace rasd::extract
