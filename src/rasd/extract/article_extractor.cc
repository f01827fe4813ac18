// Whole-article extraction; see article_extractor.h.
#include "rasd/extract/article_extractor.h"

#include <atomic>

#include "rasd/extract/name_forms.h"
#include "rasd/extract/name_propagation.h"
#include "rasd/extract/name_spans.h"
#include "rasd/extract/ner_tokenizer.h"
#include "rasd/text/analyzer.h"

namespace rasd::extract {
namespace {

// Multi-word names of the built-in gazetteer are trusted over the statistical tagger where
// the tagger found nothing there or only part of the name (الناتو inside حلف الناتو): such
// lists are short and written by hand, so an exact match of two or more words is precise.
// So are the one-word entries of the list of people where the tagger found nothing: a
// mononym goes on that list only when it names one person (الفارابي, which the tagger of
// issue 5's tenth round leaves untagged in the seed article).
void ApplyGazetteer(const std::vector<TokenInfo>& info, std::vector<Tag>* tags) {
  const size_t n = tags->size();
  size_t i = 0;
  while (i < n) {
    const uint8_t g = info[i].gaz_label;
    if (g == 0 || g % 2 == 0) {
      ++i;
      continue;
    }
    size_t e = i + 1;
    while (e < n && info[e].gaz_label == g + 1) ++e;
    const EntityType type = TagType(g);
    bool all_o = true, inside_same = true;
    for (size_t k = i; k < e; ++k) {
      const Tag t = (*tags)[k];
      all_o &= t == kTagO;
      inside_same &= t == kTagO || TagType(t) == type;
    }
    // The tagger's entities must not run past the phrase.
    bool contained = (e >= n || !IsInside((*tags)[e])) && !IsInside((*tags)[i]) ? true
                     : !IsInside((*tags)[i]);
    const bool one_word_person = e - i == 1 && type == EntityType::kPers && all_o;
    if ((e - i >= 2 || one_word_person) && (all_o || (inside_same && contained))) {
      (*tags)[i] = BeginTag(type);
      for (size_t k = i + 1; k < e; ++k) (*tags)[k] = InsideTag(type);
      if (e < n && IsInside((*tags)[e])) (*tags)[e] = BeginTag(TagType((*tags)[e]));
    }
    i = e;
  }
}

}  // namespace

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
    ApplyGazetteer(infos, &sentence_tags[s]);
    // A person title before an untagged word of a listed person's name (السيد رئيسي): the
    // name, even where the word is also a common one (رئيسي "main").
    for (size_t i = 1; i < infos.size() && i < sentence_tags[s].size(); ++i) {
      if (sentence_tags[s][i] == kTagO && (infos[i - 1].flags & kFlagPersonTitle) &&
          (infos[i].flags & kFlagPersonWord) && !(infos[i].flags & kFlagPersonTitle) &&
          (i + 1 >= sentence_tags[s].size() || !IsInside(sentence_tags[s][i + 1]))) {
        sentence_tags[s][i] = BeginTag(EntityType::kPers);
      }
    }
    RepairNameSpans(sentences[s], infos, &sentence_tags[s]);
    for (size_t i = b; i < e; ++i) {
      tags[i] = sentence_tags[s][i - b];
      const TokenInfo& info = infos[i - b];
      bases[i] = info.base;
      propagatable[i] = tok.tokens[i].word && MayPropagate(info);
    }
  }
  PropagateNames(bases, propagatable, &tags);
  std::vector<LinkedEntity> entities;
  linker_.Link(text, tok.tokens, tags, &out->entities, &entities);
  FindQuotes(text, tok, out->entities, entities, &out->quotes);
  FindDates(text, tok, date, &out->dates);
}

}  // namespace rasd::extract
