// Tagger features; see features.h.
#include "rasd/extract/features.h"

#include <algorithm>

#include "rasd/base/hash.h"
#include "rasd/extract/clitics.h"
#include "rasd/extract/encoder_inputs.h"
#include "rasd/extract/name_forms.h"
#include "rasd/extract/ner_tags.h"
#include "rasd/text/analyzer.h"

namespace rasd::extract {
namespace {

// Template ids. Never renumber: a model's weights are indexed by them (bump the model's
// feature version instead).
enum Template : uint64_t {
  kBias = 1,
  kWord,
  kWordM1,
  kWordP1,
  kWordM2,
  kWordP2,
  kStem,
  kStemM1,
  kStemP1,
  kStemPrefix,
  kBase,
  kBaseM1,
  kBaseP1,
  kPrefix,
  kSuffix1,
  kSuffix2,
  kSuffix3,
  kFirst1,
  kFirst2,
  kFirst3,
  kBaseSuffix1,
  kBaseSuffix2,
  kShape,
  kShapeM1Shape,
  kShapeShapeP1,
  kSentenceStart,
  kBigramM1,
  kBigramP1,
  kSkipBigram,
  kCoarse,
  kMid,
  kFine,
  kMidM1,
  kFineM1,
  kMidP1,
  kFineP1,
  kFineM2,
  kFineP2,
  kCoarseM1,
  kCoarseP1,
  kFlag,
  kFlagM1,
  kFlagM2,
  kFlagP1,
  kGaz,
  kGazM1,
  kGazP1,
  kLex,
  kLexM1,
  kLexP1,
  kBaseFineM1,
  kTitleCluster,
  kNoCluster,
  kSuffix4,
  kFirst4,
  kTrigram,
  // Feature version 2.
  kCountBucket,
  kAlClass,
  kAlCount,
  kCue,
  kCueM1,
  kTitleAl,
  kFirst2M1,
  kSuffix2M1,
  kFirst2P1,
  kSuffix2P1,
  // Feature version 3 (with word vectors).
  kNoVector,
  // Edge features (FeatureExtractor::SetEdgeKinds; the model records which are on).
  kEdgeWordT,
  kEdgeBaseT,
  kEdgeClusterT,
  kEdgeFlagT,
  kEdgeShapeT,
};

constexpr uint64_t kNone = 0x5bd1e9955bd1e995ull;  // the hash of "no token here"

inline uint64_t H(std::string_view s) { return s.empty() ? kNone : base::Hash64(s, 0x7261736400ull); }

// Shape: kind (0 Arabic, 1 Latin, 2 digits, 3 punctuation, 4 mixed) * 16 + length bucket *
// 2 + has-article.
uint32_t ShapeOf(std::string_view folded, std::string_view base) {
  int letters = 0, latin = 0, digits = 0, other = 0, n = 0;
  size_t i = 0;
  while (i < folded.size()) {
    char32_t cp = NextCodePoint(folded, &i);
    ++n;
    if (IsArabicLetter(cp)) {
      ++letters;
    } else if ((cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp < 0x250)) {
      ++latin;
    } else if (cp >= '0' && cp <= '9') {
      ++digits;
    } else {
      ++other;
    }
  }
  int kind = letters == n ? 0 : latin == n ? 1 : digits == n ? 2 : (letters + latin + digits) == 0 ? 3 : 4;
  int len = n <= 2 ? n : n <= 3 ? 3 : n <= 5 ? 4 : n <= 7 ? 5 : 6;
  bool al = base.size() > 4 && base.substr(0, 4) == "\xD8\xA7\xD9\x84";
  return static_cast<uint32_t>(kind * 16 + len * 2 + (al ? 1 : 0));
}

// Hash of the first or last k code points.
uint64_t Affix(std::string_view w, int k, bool suffix) {
  if (w.empty()) return kNone;
  size_t pos = 0;
  if (suffix) {
    pos = w.size();
    for (int j = 0; j < k && pos > 0; ++j) {
      --pos;
      while (pos > 0 && (static_cast<unsigned char>(w[pos]) & 0xC0) == 0x80) --pos;
    }
    return H(w.substr(pos));
  }
  for (int j = 0; j < k && pos < w.size(); ++j) NextCodePoint(w, &pos);
  return H(w.substr(0, pos));
}

}  // namespace

FeatureExtractor::FeatureExtractor(const WordClusters* clusters, const Gazetteer* builtin,
                                   const Gazetteer* lexicon, uint32_t hash_bits)
    : clusters_(clusters), builtin_(builtin), lexicon_(lexicon), hash_bits_(hash_bits) {}

void FeatureExtractor::AnalyzeWord(std::string_view word, TokenInfo* out) const {
  TokenInfo& t = *out;
  std::string norm = text::NormalizeWord(word);
  t.folded = FoldOnly(norm.empty() ? word : std::string_view(norm));
  if (t.folded.empty()) t.folded = std::string(word);
  std::string stem = norm.empty() ? std::string() : text::StemWord(norm);
  t.stem = stem.empty() ? t.folded : FoldOnly(stem);
  size_t at = t.folded.find(t.stem);
  t.h_stem_prefix = (at != std::string::npos && at > 0) ? H(std::string_view(t.folded).substr(0, at)) : kNone;
  CliticSplit split = BestCliticSplit(t.folded, clusters_, builtin_);
  t.base = std::move(split.base);
  t.prefix = std::move(split.prefix);
  t.h_folded = H(t.folded);
  t.h_stem = H(t.stem);
  t.h_base = H(t.base);
  t.h_prefix = H(t.prefix);
  for (int k = 0; k < 3; ++k) {
    t.h_suffix[k] = Affix(t.folded, k + 1, true);
    t.h_first[k] = Affix(t.folded, k + 1, false);
  }
  for (int k = 0; k < 2; ++k) t.h_base_suffix[k] = Affix(t.base, k + 1, true);
  t.h_suffix4 = Affix(t.folded, 4, true);
  t.h_first4 = Affix(t.folded, 4, false);
  {
    // Character trigrams over "^word$" (at most 10).
    size_t cps[40];
    size_t m = 0, pos = 0;
    const std::string_view w = t.base;
    while (pos < w.size() && m < 38) {
      cps[m++] = pos;
      NextCodePoint(w, &pos);
    }
    cps[m] = w.size();
    t.num_trigrams = 0;
    if (m >= 2 && m < 38) {
      // Windows over code points -1..m (boundaries), hashed as substrings with markers.
      for (long b = -1; b + 2 <= static_cast<long>(m) && t.num_trigrams < 10; ++b) {
        size_t from = b < 0 ? 0 : cps[b];
        size_t to = cps[std::min<long>(b + 3, static_cast<long>(m))];
        uint64_t h = base::Hash64(w.substr(from, to - from), 0x747269ull + (b < 0 ? 1 : 0) +
                                  (b + 3 > static_cast<long>(m) ? 2 : 0));
        t.h_trigrams[t.num_trigrams++] = h;
      }
    }
  }
  t.shape = ShapeOf(t.folded, t.base);
  t.flags = 0;
  if (builtin_) t.flags = builtin_->Flags(t.folded) | builtin_->Flags(t.base);
  t.cluster = nullptr;
  if (clusters_) {
    t.cluster = clusters_->Find(t.folded);
    if (t.cluster == nullptr && t.base != t.folded) t.cluster = clusters_->Find(t.base);
  }
  t.vector = nullptr;
  if (vectors_) {
    t.vector = vectors_->Find(t.folded);
    if (t.vector == nullptr && t.base != t.folded) t.vector = vectors_->Find(t.base);
  }
  t.gaz_label = t.lex_label = 0;
  t.count_bucket = t.al_class = 0;
  t.cue_class[0] = t.cue_class[1] = t.cue_class[2] = 0;
  if (clusters_) {
    if (t.cluster != nullptr && t.cluster->count > 0) {
      const uint32_t count = t.cluster->count;
      t.count_bucket = static_cast<uint8_t>(std::min(15, 1 + (31 - __builtin_clz(count))));
      for (int k = 0; k < 3; ++k) {
        const double r = static_cast<double>(t.cluster->cue[k]) / count;
        t.cue_class[k] = t.cluster->cue[k] == 0 ? 0 : r < 0.01 ? 1 : r < 0.05 ? 2 : r < 0.2 ? 3 : 4;
      }
    }
    // The ال ratio of the base: count(ال + bare) / (count(ال + bare) + count(bare)).
    constexpr std::string_view kAl = "\xD8\xA7\xD9\x84";
    std::string_view b = t.base;
    std::string al;
    std::string_view bare;
    if (b.size() > kAl.size() + 2 && b.substr(0, kAl.size()) == kAl) {
      bare = b.substr(kAl.size());
      al = std::string(b);
    } else {
      bare = b;
      al = std::string(kAl) + std::string(b);
    }
    const double c_al = clusters_->Count(al), c_bare = clusters_->Count(bare);
    if (c_al + c_bare >= 3) {
      const double r = c_al / (c_al + c_bare);
      t.al_class = r < 0.02 ? 1 : r < 0.1 ? 2 : r < 0.5 ? 3 : r < 0.9 ? 4 : 5;
    }
  }
}

void FeatureExtractor::Analyze(const std::vector<std::string_view>& tokens,
                               FeatureScratch* scratch) const {
  const size_t n = tokens.size();
  if (scratch->info.size() < n) scratch->info.resize(n);
  scratch->candidates.resize(n);
  // The cached analyses (and the encoder projections they point to) are dropped between
  // sentences, never within one: the sentence's tokens keep their slots in the pool.
  const size_t psize = encoder_ != nullptr ? encoder_->projection_size() : 0;
  if (scratch->cache_owner != this || scratch->cache_encoder != encoder_ ||
      scratch->cache.size() + n > kMaxCachedWords ||
      (psize > 0 && scratch->encoder_pool.size() / psize + n > kMaxEncodedWords)) {
    scratch->cache.clear();
    scratch->encoder_pool.clear();
    scratch->cache_owner = this;
    scratch->cache_encoder = encoder_;
  }
  for (size_t i = 0; i < n; ++i) {
    TokenInfo& t = scratch->info[i];
    if (auto hit = scratch->cache.find(tokens[i]); hit != scratch->cache.end()) {
      t = hit->second;
    } else {
      AnalyzeWord(tokens[i], &t);
      if (psize > 0) {
        // The word's input projection, computed once (bilstm.h Project).
        scratch->encoder_inputs.resize(kEncoderInputs);
        EncoderInput(t, vectors_ != nullptr ? vectors_->scale() : 0.f,
                     vectors_ != nullptr ? vectors_->dims() : 0, scratch->encoder_inputs.data());
        t.encoder_slot = static_cast<uint32_t>(scratch->encoder_pool.size() / psize);
        scratch->encoder_pool.resize(scratch->encoder_pool.size() + psize);
        encoder_->Project(scratch->encoder_inputs.data(),
                          &scratch->encoder_pool[static_cast<size_t>(t.encoder_slot) * psize]);
      }
      scratch->cache.emplace(std::string(tokens[i]), t);
    }
    auto& cand = scratch->candidates[i];
    cand.clear();
    cand.push_back(t.folded);
    if (t.base != t.folded) cand.push_back(t.base);
  }
  scratch->candidates.resize(n);
  if (builtin_) {
    builtin_->Match(scratch->candidates, &scratch->labels);
    for (size_t i = 0; i < n; ++i) scratch->info[i].gaz_label = scratch->labels[i];
  } else {
    for (size_t i = 0; i < n; ++i) scratch->info[i].gaz_label = 0;
  }
}

void FeatureExtractor::Extract(FeatureScratch* scratch, const Gazetteer* lexicon_override,
                               SentenceFeatures* out) const {
  const size_t n = scratch->candidates.size();
  const Gazetteer* lex = lexicon_override ? lexicon_override : lexicon_;
  if (lex) {
    lex->Match(scratch->candidates, &scratch->labels);
    for (size_t i = 0; i < n; ++i) scratch->info[i].lex_label = scratch->labels[i];
  } else {
    for (size_t i = 0; i < n; ++i) scratch->info[i].lex_label = 0;
  }
  out->Clear();
  out->offsets.push_back(0);
  const uint32_t mask = (1u << hash_bits_) - 1;
  const std::vector<TokenInfo>& info = scratch->info;
  auto add = [&](uint64_t tmpl, uint64_t value) {
    out->ids.push_back(static_cast<uint32_t>(base::Mix64(value * 0x9E3779B97F4A7C15ull + tmpl)) & mask);
  };
  // An edge feature owns kNumTags + 1 consecutive rows (SentenceFeatures::edge_ids), so its
  // first row is drawn from the rows that leave room for them.
  const uint32_t edge_span = (1u << hash_bits_) - (kNumTags + 1);
  auto add_edge = [&](uint64_t tmpl, uint64_t value) {
    out->edge_ids.push_back(
        static_cast<uint32_t>(base::Mix64(value * 0x9E3779B97F4A7C15ull + tmpl) % edge_span));
  };
  static const TokenInfo kEmpty = [] {
    TokenInfo t;
    t.h_folded = t.h_stem = t.h_base = t.h_prefix = kNone;
    t.shape = 0xFFFF;
    return t;
  }();
  auto at = [&](long j) -> const TokenInfo& {
    return (j < 0 || j >= static_cast<long>(n)) ? kEmpty : info[j];
  };
  auto cl = [](const TokenInfo& t, int level) -> uint64_t {
    if (t.cluster == nullptr) return t.shape == 0xFFFF ? 0xFFFFF : 0xFFFFE;
    return level == 0 ? t.cluster->coarse : level == 1 ? t.cluster->mid : t.cluster->fine;
  };
  for (long i = 0; i < static_cast<long>(n); ++i) {
    const TokenInfo& t = info[i];
    const TokenInfo& m1 = at(i - 1);
    const TokenInfo& m2 = at(i - 2);
    const TokenInfo& p1 = at(i + 1);
    const TokenInfo& p2 = at(i + 2);
    add(kBias, 0);
    add(kWord, t.h_folded);
    add(kWordM1, m1.h_folded);
    add(kWordP1, p1.h_folded);
    add(kWordM2, m2.h_folded);
    add(kWordP2, p2.h_folded);
    add(kStem, t.h_stem);
    add(kStemM1, m1.h_stem);
    add(kStemP1, p1.h_stem);
    add(kStemPrefix, t.h_stem_prefix);
    add(kBase, t.h_base);
    add(kBaseM1, m1.h_base);
    add(kBaseP1, p1.h_base);
    add(kPrefix, t.h_prefix);
    add(kSuffix1, t.h_suffix[0]);
    add(kSuffix2, t.h_suffix[1]);
    add(kSuffix3, t.h_suffix[2]);
    add(kFirst1, t.h_first[0]);
    add(kFirst2, t.h_first[1]);
    add(kFirst3, t.h_first[2]);
    add(kBaseSuffix1, t.h_base_suffix[0]);
    add(kBaseSuffix2, t.h_base_suffix[1]);
    add(kSuffix4, t.h_suffix4);
    add(kFirst4, t.h_first4);
    for (int k = 0; k < t.num_trigrams; ++k) add(kTrigram, t.h_trigrams[k]);
    add(kShape, t.shape);
    add(kShapeM1Shape, m1.shape * 1024 + t.shape);
    add(kShapeShapeP1, t.shape * 1024 + p1.shape);
    if (i == 0) add(kSentenceStart, 1);
    add(kBigramM1, m1.h_folded * 31 + t.h_folded);
    add(kBigramP1, t.h_folded * 31 + p1.h_folded);
    add(kSkipBigram, m1.h_folded * 37 + p1.h_folded);
    add(kCoarse, cl(t, 0));
    add(kMid, cl(t, 1));
    add(kFine, cl(t, 2));
    add(kCoarseM1, cl(m1, 0));
    add(kMidM1, cl(m1, 1));
    add(kFineM1, cl(m1, 2));
    add(kCoarseP1, cl(p1, 0));
    add(kMidP1, cl(p1, 1));
    add(kFineP1, cl(p1, 2));
    add(kFineM2, cl(m2, 2));
    add(kFineP2, cl(p2, 2));
    add(kBaseFineM1, m1.h_base * 4099 + cl(t, 2));
    if (t.cluster == nullptr) add(kNoCluster, t.shape);
    if (vectors_ != nullptr && t.vector == nullptr) add(kNoVector, t.shape);
    for (uint32_t f = t.flags; f; f &= f - 1) add(kFlag, __builtin_ctz(f));
    for (uint32_t f = m1.flags; f; f &= f - 1) add(kFlagM1, __builtin_ctz(f));
    for (uint32_t f = m2.flags; f; f &= f - 1) add(kFlagM2, __builtin_ctz(f));
    for (uint32_t f = p1.flags; f; f &= f - 1) add(kFlagP1, __builtin_ctz(f));
    if (m1.flags & kFlagPersonTitle) add(kTitleCluster, cl(t, 1));
    add(kGaz, t.gaz_label);
    add(kGazM1, m1.gaz_label);
    add(kGazP1, p1.gaz_label);
    add(kLex, t.lex_label);
    add(kLexM1, m1.lex_label);
    add(kLexP1, p1.lex_label);
    add(kCountBucket, t.count_bucket);
    add(kAlClass, t.al_class);
    add(kAlCount, t.al_class * 16u + t.count_bucket);
    for (int k = 0; k < 3; ++k) {
      if (t.cue_class[k]) add(kCue, k * 8u + t.cue_class[k]);
    }
    add(kCueM1, m1.cue_class[0]);
    if (m1.flags & kFlagPersonTitle) add(kTitleAl, t.al_class);
    add(kFirst2M1, m1.h_first[1]);
    add(kSuffix2M1, m1.h_suffix[1]);
    add(kFirst2P1, p1.h_first[1]);
    add(kSuffix2P1, p1.h_suffix[1]);
    out->offsets.push_back(static_cast<uint32_t>(out->ids.size()));
    if (edge_kinds_ != 0) {
      if (i == 0) out->edge_offsets.push_back(0);
      if (edge_kinds_ & kEdgeWord) add_edge(kEdgeWordT, t.h_folded);
      if (edge_kinds_ & kEdgeBase) add_edge(kEdgeBaseT, t.h_base);
      if (edge_kinds_ & kEdgeCluster) add_edge(kEdgeClusterT, cl(t, 1));
      if (edge_kinds_ & kEdgeFlags) {
        for (uint32_t f = t.flags; f; f &= f - 1) add_edge(kEdgeFlagT, __builtin_ctz(f));
      }
      if (edge_kinds_ & kEdgeShape) add_edge(kEdgeShapeT, t.shape);
      out->edge_offsets.push_back(static_cast<uint32_t>(out->edge_ids.size()));
    }
  }
  if (vectors_ != nullptr && !vectors_->empty()) {
    // The vectors of the words at i-1, i, i+1, in that order (zeros where absent).
    const uint32_t d = static_cast<uint32_t>(vectors_->dims());
    const uint32_t slots = vector_slots();
    out->dense_dims = slots * d;
    out->dense_slot = d;
    out->dense_row = dense_row();
    out->vector_rows.assign(n * slots, kNoVectorRow);
    for (size_t i = 0; i < n; ++i) {
      uint32_t* rows = &out->vector_rows[i * slots];
      for (long k = -1; k <= 1; ++k) {
        const int8_t* v = at(static_cast<long>(i) + k).vector;
        if (v != nullptr) rows[k + 1] = vectors_->Row(v);
      }
    }
    if (dense_values_) {
      out->dense.assign(n * out->dense_dims, 0.f);
      const float s = vectors_->scale() * vector_scale_;
      for (size_t i = 0; i < n * slots; ++i) {
        if (out->vector_rows[i] == kNoVectorRow) continue;
        const int8_t* v = vectors_->RowValues(out->vector_rows[i]);
        float* x = &out->dense[i * d];
        for (uint32_t j = 0; j < d; ++j) x[j] = s * static_cast<float>(v[j]);
      }
    }
  }
  if (encoder_ != nullptr && n > 0) {
    // Analyze left each word's input projection in the pool.
    const size_t psize = encoder_->projection_size();
    scratch->encoder_proj.resize(n);
    for (size_t i = 0; i < n; ++i) {
      const size_t slot = scratch->info[i].encoder_slot;
      scratch->encoder_proj[i] = &scratch->encoder_pool[slot * psize];
    }
    const float* p = encoder_->PredictProjected(scratch->encoder_proj.data(), static_cast<int>(n),
                                                &scratch->encoder);
    out->aux_dims = encoder_->shape().outputs;
    out->aux_row = aux_row(out->aux_dims);
    out->aux.assign(p, p + n * out->aux_dims);
  }
}

void FeatureExtractor::EncoderInputs(const FeatureScratch& scratch, size_t n,
                                     std::vector<float>* out) const {
  out->resize(n * kEncoderInputs);
  const float scale = vectors_ != nullptr ? vectors_->scale() : 0.f;
  const int dims = vectors_ != nullptr ? vectors_->dims() : 0;
  for (size_t i = 0; i < n; ++i) {
    EncoderInput(scratch.info[i], scale, dims, &(*out)[i * kEncoderInputs]);
  }
}

uint32_t FeatureExtractor::vector_slots() const {
  if (vectors_ == nullptr || vectors_->empty()) return 0;
  return 3;
}

}  // namespace rasd::extract
