// Fuzz target for extraction: arbitrary bytes as an article through the whole pipeline
// (tokeniser, tagger, entity linking, quotes, dates) and through the story clusterer, checking
// invariants: every byte range lies inside the input and is ordered; entity ids are 16 hex
// digits; a quote's text is exactly its byte range; a serialised story state parses back.
// Also feeds the bytes to the model and cluster-file parsers, which must fail cleanly.
// Without libFuzzer the target replays fuzz/corpus/extract_fuzzer/ under CTest.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "rasd/extract/article_extractor.h"
#include "rasd/extract/ner_model.h"
#include "rasd/extract/paths.h"
#include "rasd/extract/story_clusterer.h"
#include "rasd/extract/word_clusters.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

const rasd::extract::ArticleExtractor* Extractor() {
  static const rasd::extract::ArticleExtractor* x = [] {
    auto tagger = rasd::extract::NerTagger::Open(rasd::extract::DefaultNerModelPath());
    if (!tagger.ok()) {
      // No shipped model: a tiny empty one still drives every code path.
      rasd::extract::NerModel m;
      m.hash_bits = 8;
      m.weights.assign((1u << 8) * rasd::extract::kNumTags, 0.f);
      m.transitions.assign((rasd::extract::kNumTags + 1) * rasd::extract::kNumTags, 0.f);
      return new rasd::extract::ArticleExtractor(rasd::extract::NerTagger::FromModel(std::move(m)));
    }
    return new rasd::extract::ArticleExtractor(std::move(tagger).value());
  }();
  return x;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  rasd::extract::ArticleResult r;
  Extractor()->Extract(text, "2018-05-08", &r);
  for (const auto& m : r.entities) {
    Check(m.start <= m.end && m.end <= size);
    Check(m.entity_id.size() == 16);
  }
  for (const auto& q : r.quotes) {
    Check(q.start <= q.end && q.end <= size);
    Check(q.speaker_start <= q.speaker_end && q.speaker_end <= size);
    Check(text.substr(q.start, q.end - q.start) == q.text);
  }
  for (const auto& d : r.dates) Check(d.start <= d.end && d.end <= size);

  rasd::extract::StoryClusterer sc;
  sc.Add("a", "2018-05-08", text);
  sc.Add("b", "2018-05-09", text);
  Check(sc.Assignment("b").story == "a" || size < 8);
  auto back = rasd::extract::StoryClusterer::Parse(sc.Serialize());
  Check(back.ok());

  (void)rasd::extract::ParseNerModel(text, "fuzz").ok();
  (void)rasd::extract::WordClusters::Parse(text, "fuzz").ok();
  (void)rasd::extract::StoryClusterer::Parse(text).ok();
  return 0;
}
