// Corpus-level stacking; see corpus_tags.h.
#include "rasd/extract/corpus_tags.h"

#include <algorithm>
#include <map>

#include "rasd/base/coding.h"
#include "rasd/extract/corpus_reader.h"
#include "rasd/extract/ner_tokenizer.h"
#include "rasd/extract/perceptron.h"
#include "rasd/extract/viterbi.h"

namespace rasd::extract {

Status LoadTokenCorpus(const std::vector<std::string>& paths, uint32_t every, size_t max_tokens,
                       TokenCorpus* out) {
  *out = TokenCorpus();
  out->starts.push_back(0);
  if (every == 0) every = 1;
  StringMap<uint32_t> index;
  TokenizedText tok;
  uint64_t k = 0;
  bool full = false;
  auto emit_text = [&](std::string_view text) {
    TokenizeForNer(text, &tok);
    for (size_t s = 0; s < tok.sentence_starts.size() && !full; ++s) {
      const size_t b = tok.sentence_starts[s];
      const size_t e =
          s + 1 < tok.sentence_starts.size() ? tok.sentence_starts[s + 1] : tok.tokens.size();
      if (e - b < 3 || e - b > 120) continue;
      if (k++ % every != 0) continue;
      for (size_t i = b; i < e; ++i) {
        const RawToken& t = tok.tokens[i];
        std::string_view w = text.substr(t.start, t.end - t.start);
        auto it = index.find(w);
        if (it == index.end()) {
          it = index.emplace(std::string(w), static_cast<uint32_t>(out->vocab.size())).first;
          out->vocab.emplace_back(w);
        }
        out->ids.push_back(it->second);
      }
      out->starts.push_back(static_cast<uint32_t>(out->ids.size()));
      if (out->ids.size() >= max_tokens) full = true;
    }
  };
  return ForEachArticleText(paths, [&](std::string_view text) {
    emit_text(text);
    return !full;
  });
}

uint32_t CorpusTagProfiles::Encode(const std::array<uint32_t, kNumTags>& c) {
  uint64_t total = 0;
  for (uint32_t x : c) total += x;
  if (total == 0) return 0;
  uint32_t p = std::min<uint32_t>(15, 1 + static_cast<uint32_t>(63 - __builtin_clzll(total)));
  for (int k = 0; k < kNumEntityTypes; ++k) {
    const EntityType type = static_cast<EntityType>(k);
    const uint32_t b = c[BeginTag(type)], i = c[InsideTag(type)];
    if (b + i == 0) continue;
    const double r = static_cast<double>(b + i) / static_cast<double>(total);
    const uint32_t share = r < 0.02 ? 1 : r < 0.1 ? 2 : r < 0.3 ? 3 : r < 0.6 ? 4 : r < 0.9 ? 5 : 6;
    p |= (share | (b > i ? 8u : 0u)) << (4 + 4 * k);
  }
  return p;
}

void CorpusTagProfiles::AppendTo(std::string* out) const {
  std::map<std::string_view, uint32_t> sorted(profiles_.begin(), profiles_.end());
  base::PutVarint64(out, sorted.size());
  for (const auto& [w, p] : sorted) {
    base::PutLengthPrefixed(out, w);
    base::PutVarint32(out, p);
  }
}

Result<CorpusTagProfiles> CorpusTagProfiles::ParseFrom(std::string_view* in) {
  CorpusTagProfiles c;
  uint64_t n = 0;
  if (!base::GetVarint64(in, &n) || n > in->size())
    return Status::Corruption("corpus tag profiles: bad word count");
  c.profiles_.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view w;
    uint32_t p;
    if (!base::GetLengthPrefixed(in, &w) || !base::GetVarint32(in, &p))
      return Status::Corruption("corpus tag profiles: truncated at word " + std::to_string(i));
    c.profiles_[std::string(w)] = p;
  }
  return c;
}

CorpusTagProfiles ProfileCorpus(const TokenCorpus& corpus, const FeatureExtractor& fx,
                                const std::vector<float>& weights,
                                const std::vector<float>& transitions) {
  StringMap<std::array<uint32_t, kNumTags>> counts;
  FeatureScratch scratch;
  SentenceFeatures features;
  std::vector<float> emissions, edges;
  ViterbiScratch vs;
  std::vector<Tag> tags;
  std::vector<std::string_view> tokens;
  for (size_t k = 0; k < corpus.sentences(); ++k) {
    tokens.clear();
    for (uint32_t j = corpus.starts[k]; j < corpus.starts[k + 1]; ++j)
      tokens.push_back(corpus.vocab[corpus.ids[j]]);
    fx.Compute(tokens, &scratch, &features);
    ComputeEmissions(weights.data(), features, &emissions);
    const float* ed = ComputeEdgeScores(weights.data(), features, &edges);
    ViterbiDecode(emissions.data(), static_cast<int>(tokens.size()), transitions.data(), &tags, &vs,
                  ed);
    for (size_t i = 0; i < tokens.size(); ++i) {
      const std::string& base = scratch.info[i].base;
      auto it = counts.find(base);
      if (it == counts.end()) it = counts.emplace(base, std::array<uint32_t, kNumTags>{}).first;
      ++it->second[tags[i]];
    }
  }
  CorpusTagProfiles out;
  for (const auto& [w, c] : counts) {
    uint32_t total = 0, entity = 0;
    for (int t = 0; t < kNumTags; ++t) {
      total += c[t];
      if (t != kTagO) entity += c[t];
    }
    if (total >= CorpusTagProfiles::kMinTotal && entity > 0)
      out.Set(w, CorpusTagProfiles::Encode(c));
  }
  return out;
}

}  // namespace rasd::extract
