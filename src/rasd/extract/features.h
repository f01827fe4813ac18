// Feature extraction for the entity tagger: each token of a sentence becomes a list of
// hashed feature ids, each id a row of kNumTags weights in the model (the "hashing trick",
// Weinberger et al. 2009), so the model is one fixed-size array and extraction allocates
// nothing beyond reusable buffers once they have grown.
//
// Per token i (templates in features.cc; every value is hashed with its template id):
//   - the folded word (name_forms.h Fold) at i-2..i+2, bigrams (i-1,i), (i,i+1), (i-1,i+1)
//   - rasd's light stem (text::StemWord) at i-1..i+1, and the proclitic prefix the stemmer
//     removed at i
//   - the clitic-stripped base (clitics.h) at i-1..i+1 and its proclitic prefix
//   - character prefixes and suffixes of length 1-4 of the word and suffix 1-2 of the base,
//     and the word's character trigrams (foreign names have telling letter patterns)
//   - word shape (Arabic / Latin / digits / punctuation / mixed, length bucket, has ال),
//     shape bigrams, sentence start
//   - word clusters (word_clusters.h) at three granularities at i and i±1, fine at i±2
//   - gazetteer word flags (titles, triggers, first names, nationalities, ...) at i-2..i+1
//   - longest-match labels of the built-in gazetteer and of the training-data lexicon at
//     i-1..i+1
//   - corpus statistics of the word (TokenInfo: frequency bucket, ال ratio, cue ratios) at
//     i and the person cue at i-1; first and last two letters of the words at i-1 and i+1
//     (Abdul-Hamid & Darwish 2010)
//   - a bias feature
//   - with word vectors (SetVectors; word_vectors.h): the vectors of the words at i-1, i, i+1
//     as real-valued features (SentenceFeatures::dense), and a no-vector flag with the shape
//     for a word without one
//   - with an encoder (SetEncoder; bilstm.h): the 9 tag probabilities of a BiLSTM over the
//     whole sentence as real-valued features (SentenceFeatures::aux)
//   - with edge kinds (SetEdgeKinds): a few of the above conjoined with the previous tag
//     (SentenceFeatures::edge_ids), the edge-observation features of CRF taggers (Lafferty
//     et al. 2001). A first-order model with one transition table for all words cannot say
//     "after B-ORG, the word الخارجية continues the name; after O it does not"; these can.
//
// Thread-safety: a FeatureExtractor is immutable after construction and may be shared;
// each thread passes its own FeatureScratch.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/extract/bilstm.h"
#include "rasd/extract/gazetteer.h"
#include "rasd/extract/string_map.h"
#include "rasd/extract/word_clusters.h"
#include "rasd/extract/word_vectors.h"

namespace rasd::extract {

inline constexpr uint32_t kNoVectorRow = 0xFFFFFFFFu;

// Feature ids of a sentence: token i owns ids[offsets[i] .. offsets[i+1]), each of value 1.
// Real-valued features (the word vectors of word_vectors.h): token i also owns
// dense[i * dense_dims .. (i+1) * dense_dims), value j weighting row dense_row + j (rows
// shared with the hashed ids, like any hash collision); dense_dims 0: none. The values come
// in slots of dense_slot (one word's vector each; 0 means one slot of dense_dims), and
// vector_rows[i * slots + k] names the WordVectors row in token i's slot k (kNoVectorRow:
// zeros), so a tagger with precomputed products (vector_products.h) needs no values: the
// extractor leaves `dense` empty when told to (FeatureExtractor::SetDenseValues).
//
// Edge features (FeatureExtractor::SetEdgeKinds): token i also owns
// edge_ids[edge_offsets[i] .. edge_offsets[i+1]), each the first of kNumTags + 1 consecutive
// weight rows, one per previous tag (row id + p for tag p, id + kNumTags for the sentence
// start), whose kNumTags weights score the tag pair (y[i-1], y[i]) (viterbi.h); both empty:
// none.
//
// Encoder outputs (the BiLSTM's tag probabilities, bilstm.h; FeatureExtractor::SetEncoder,
// or the trainer's jackknifed ones): token i also owns aux[i * aux_dims .. (i+1) * aux_dims),
// value j weighting row aux_row + j (rows shared like the vectors'); aux_dims 0: none. Unlike
// the vectors they are always stored as values.
struct SentenceFeatures {
  std::vector<uint32_t> ids;
  std::vector<uint32_t> offsets;
  std::vector<uint32_t> edge_ids;
  std::vector<uint32_t> edge_offsets;
  std::vector<float> dense;
  uint32_t dense_dims = 0;
  uint32_t dense_row = 0;
  uint32_t dense_slot = 0;
  std::vector<uint32_t> vector_rows;
  std::vector<float> aux;
  uint32_t aux_dims = 0;
  uint32_t aux_row = 0;
  size_t size() const { return offsets.empty() ? 0 : offsets.size() - 1; }
  uint32_t slot_dims() const { return dense_slot == 0 ? dense_dims : dense_slot; }
  uint32_t slots() const { return dense_dims == 0 ? 0 : dense_dims / slot_dims(); }
  bool has_edges() const { return !edge_offsets.empty(); }
  void Clear() {
    ids.clear();
    offsets.clear();
    edge_ids.clear();
    edge_offsets.clear();
    dense.clear();
    vector_rows.clear();
    aux.clear();
    aux_dims = 0;
    dense_dims = 0;
    dense_slot = 0;
  }
};

// What the extractor knows about one token, computed once per token.
struct TokenInfo {
  std::string folded;  // Fold(raw)
  std::string stem;    // folded stem from rasd's analyser
  std::string base;    // clitic-stripped base (clitics.h)
  std::string prefix;  // proclitics removed from base
  uint64_t h_folded = 0, h_stem = 0, h_base = 0, h_prefix = 0, h_stem_prefix = 0;
  uint64_t h_suffix[3] = {0, 0, 0}, h_first[3] = {0, 0, 0}, h_base_suffix[2] = {0, 0};
  uint64_t h_suffix4 = 0, h_first4 = 0;
  uint64_t h_trigrams[10] = {};  // character trigrams of the word (with boundary marks)
  uint8_t num_trigrams = 0;
  uint32_t shape = 0;
  uint32_t flags = 0;  // gazetteer word flags of folded | base
  const WordClusters::Entry* cluster = nullptr;
  const int8_t* vector = nullptr;  // word_vectors.h, of folded or else base
  uint8_t gaz_label = 0;
  uint8_t lex_label = 0;
  // Unlabelled-corpus statistics (word_clusters.h): 0 = unseen, else 1 + log2 of the count;
  // how often the base occurs with the article ال rather than without (0 unknown, 1 never ..
  // 5 almost always: names seldom take ال, nouns and adjectives often do: the Arabic stand-in
  // for Abdul-Hamid & Darwish's (2010) "capitalised in English" feature); and per cue kind
  // (person, place, organisation) how often the word follows such a cue word (0 never .. 4).
  uint8_t count_bucket = 0;
  uint8_t al_class = 0;
  uint8_t cue_class[3] = {0, 0, 0};
  uint32_t encoder_slot = 0;  // FeatureScratch::encoder_pool, with an encoder
};

// Per-thread buffers, plus a cache of the per-word analysis (words repeat: Zipf), which
// makes extraction several times faster. A scratch remembers the extractor it was filled by
// and drops its cache when used with another one.
struct FeatureScratch {
  std::vector<TokenInfo> info;
  StringMap<TokenInfo> cache;
  const void* cache_owner = nullptr;
  std::vector<std::vector<std::string>> candidates;
  std::vector<uint8_t> labels;
  // With an encoder (FeatureExtractor::SetEncoder): each cached word's input projection
  // (BiLstm::Project) at TokenInfo::encoder_slot, and the buffers of a sentence.
  const void* cache_encoder = nullptr;
  std::vector<float> encoder_pool;
  std::vector<float> encoder_inputs;
  std::vector<const float*> encoder_proj;
  BiLstmScratch encoder;
};

class FeatureExtractor {
 public:
  // `clusters` and `lexicon` may be null (features absent); `builtin` is usually
  // &Gazetteer::Builtin(). All must outlive the extractor. `hash_bits` sets 2^bits rows.
  FeatureExtractor(const WordClusters* clusters, const Gazetteer* builtin,
                   const Gazetteer* lexicon, uint32_t hash_bits);

  uint32_t hash_bits() const { return hash_bits_; }
  uint32_t num_rows() const { return 1u << hash_bits_; }

  // Fills `info` for the tokens (raw bytes as in the text).
  void Analyze(const std::vector<std::string_view>& tokens, FeatureScratch* scratch) const;

  // Computes features for the tokens analysed into `scratch` by Analyze. With a non-null
  // `lexicon_override`, that lexicon replaces the extractor's for the lexicon-match
  // features (the trainer's jackknife).
  void Extract(FeatureScratch* scratch, const Gazetteer* lexicon_override,
               SentenceFeatures* out) const;

  // Analyze + Extract.
  void Compute(const std::vector<std::string_view>& tokens, FeatureScratch* scratch,
               SentenceFeatures* out) const {
    Analyze(tokens, scratch);
    Extract(scratch, nullptr, out);
  }

  // Word vectors as real-valued features at i-1, i, i+1 (each component times
  // `vectors->scale() * value_scale`); null: none. Must outlive the extractor.
  void SetVectors(const WordVectors* vectors, float value_scale) {
    vectors_ = vectors;
    vector_scale_ = value_scale;
  }
  const WordVectors* vectors() const { return vectors_; }
  float vector_scale() const { return vector_scale_; }
  // Vector slots per token (the words at i-1, i, i+1: 3), 0 without vectors.
  uint32_t vector_slots() const;
  // The first of the vector slots' weight rows (SentenceFeatures::dense_row).
  uint32_t dense_row() const {
    return vectors_ == nullptr ? num_rows() : num_rows() - vector_slots() * static_cast<uint32_t>(vectors_->dims());
  }
  // Edge features (SentenceFeatures::edge_ids): a bit set of EdgeKind; 0 (the default):
  // none. Stored in the model (NerModel::edge_kinds).
  enum EdgeKind : uint32_t {
    kEdgeWord = 1,     // the folded word
    kEdgeBase = 2,     // the clitic-stripped base
    kEdgeCluster = 4,  // the 256-way word cluster (or the no-cluster shape)
    kEdgeFlags = 8,    // each gazetteer word flag (titles, triggers, first names, ...)
    kEdgeShape = 16,   // the word shape
    kEdgeAll = 31,
  };
  void SetEdgeKinds(uint32_t kinds) { edge_kinds_ = kinds; }
  uint32_t edge_kinds() const { return edge_kinds_; }

  // The BiLSTM encoder (bilstm.h) over the tokens' encoder_inputs.h values, whose tag
  // probabilities Extract writes as SentenceFeatures::aux (rows aux_row() on); null (the
  // default): none. Its input size must be kEncoderInputs. Must outlive the extractor.
  void SetEncoder(const BiLstm* encoder) { encoder_ = encoder; }
  const BiLstm* encoder() const { return encoder_; }
  // The first of the `outputs` rows of the encoder features: just below the vector rows.
  uint32_t aux_row(uint32_t outputs) const { return dense_row() - outputs; }
  // Writes the encoder inputs of the n tokens analysed into `scratch` to `out`
  // (n * kEncoderInputs values).
  void EncoderInputs(const FeatureScratch& scratch, size_t n, std::vector<float>* out) const;

  // Whether Extract writes the vector values (SentenceFeatures::dense; the default) or only
  // their rows, for a tagger that adds precomputed products (vector_products.h).
  void SetDenseValues(bool on) { dense_values_ = on; }

  const WordClusters* clusters() const { return clusters_; }
  const Gazetteer* builtin() const { return builtin_; }

 private:
  static constexpr size_t kMaxCachedWords = 200000;
  // Words whose encoder projections stay cached (8H floats each: 64 MiB with H = 32).
  static constexpr size_t kMaxEncodedWords = 65536;
  void AnalyzeWord(std::string_view word, TokenInfo* out) const;

  const WordClusters* clusters_;
  const Gazetteer* builtin_;
  const Gazetteer* lexicon_;
  uint32_t hash_bits_;
  const WordVectors* vectors_ = nullptr;
  float vector_scale_ = 1.f;
  bool dense_values_ = true;
  uint32_t edge_kinds_ = 0;
  const BiLstm* encoder_ = nullptr;
};

}  // namespace rasd::extract
