// The entity tagger's model file (models/ner.model): everything the tagger needs at run time
// in one checksummed, versioned binary file.
//
// Layout (all integers little-endian; varints are LEB128, coding.h):
//   magic     8 bytes  "RASDNER\x01"
//   version   fixed32  kNerModelVersion
//   size      fixed64  byte length of the uncompressed payload
//   payload   zstd frame holding:
//     hash_bits varint, feature_version varint, analyzer_fingerprint fixed64,
//     description (length-prefixed UTF-8: how the model was trained and its dev score),
//     transitions: (kNumTags+1)*kNumTags floats as fixed32 IEEE-754 bits,
//     scale fixed32 float; weights as rows: count varint, then per non-zero row the row
//       delta varint and kNumTags zig-zag varints q (weight = q * scale),
//     word clusters (length-prefixed, the text format of word_clusters.h),
//     training lexicon (gazetteer.h AppendTo),
//     (version 2) document stage: varint 0 (none) or 1, then its transitions and weight
//       rows as above (document_features.h: the second stage of TagDocument),
//     (version 2) recall_bias, doc_recall_bias as fixed32 floats,
//     (version 3) varint 0 or 1: whether the document stage uses corpus tag profiles, then
//       (if 1) the profiles (corpus_tags.h AppendTo)
//     (version 4) varint 0 or 1: whether the model has word vectors (real-valued features,
//       features.h), then (if 1) vector_scale as a fixed32 float and the length-prefixed
//       word-vector file (word_vectors.h)
//     (version 5) varint edge_kinds: the edge features of both stages (features.h
//       FeatureExtractor::EdgeKind; 0: none, what a version 4 file is read as)
//     (version 6) varint 0 or 1: whether the model has a BiLSTM encoder (bilstm.h; its tag
//       probabilities are features of both stages), then (if 1) its input, hidden and output
//       sizes as varints and its BiLstm::NumParams parameters as fixed32 floats (a version
//       5 file reads as a model without one); (version 7) after the sizes, varint 0 or
//       1: whether its output layer is a CRF (BiLstmShape::crf, whose (outputs + 1) *
//       outputs tag-pair scores end the parameters; a version 6 encoder has a softmax layer)
//   crc       fixed32  masked CRC-32C (crc32c.h Mask) of every byte before it
//   end magic 8 bytes  "RASDNEND"
// Any mismatch (magic, version, sizes, checksum, a truncated or overlong section) is a
// Corruption error that names the file and what was wrong; a newer version is NotSupported.
//
// The analyzer fingerprint hashes what rasd's NormalizeWord/StemWord return on a fixed set of
// probe words. Features use those functions, so a model trained under another analyser
// version still loads but tags worse: NerModel::AnalyzerMatches() tells, and the tests and
// `rasd train ner` make it visible.
//
// Thread-safety: plain data.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/base/result.h"
#include "rasd/extract/bilstm.h"
#include "rasd/extract/corpus_tags.h"
#include "rasd/extract/gazetteer.h"
#include "rasd/extract/word_clusters.h"
#include "rasd/extract/word_vectors.h"

namespace rasd::extract {

inline constexpr uint32_t kNerModelVersion = 7;
// Bumped whenever features.cc changes what a feature id means.
inline constexpr uint32_t kFeatureVersion = 3;

struct NerModel {
  uint32_t hash_bits = 20;
  uint32_t feature_version = kFeatureVersion;
  uint64_t analyzer_fingerprint = 0;
  std::string description;
  std::vector<float> transitions;  // (kNumTags + 1) * kNumTags
  std::vector<float> weights;      // (1 << hash_bits) * kNumTags
  WordClusters clusters;
  // Word vectors as real-valued features (features.h SentenceFeatures::dense); empty: none.
  WordVectors vectors;
  float vector_scale = 1.f;
  bool has_vectors() const { return !vectors.empty(); }
  // Edge features of both stages (FeatureExtractor::SetEdgeKinds; their weights are rows of
  // `weights` and `doc_weights`); 0: none.
  uint32_t edge_kinds = 0;
  // The BiLSTM encoder whose tag probabilities are real-valued features of both stages
  // (features.h SentenceFeatures::aux; inputs encoder_inputs.h); empty: none.
  BiLstm encoder;
  bool has_encoder() const { return !encoder.empty(); }
  Gazetteer lexicon;
  // The second, document-level stage (document_features.h); empty when the model has none.
  std::vector<float> doc_transitions;  // (kNumTags + 1) * kNumTags
  std::vector<float> doc_weights;      // (1 << hash_bits) * kNumTags

  bool has_document_stage() const { return !doc_weights.empty(); }
  // Added to every non-O emission score before decoding (sentence stage, document stage):
  // the perceptron favours O on words it has little evidence for; one scalar per stage,
  // chosen on dev by the trainer, trades a little precision for recall (the recall-oriented
  // bias of Mohit et al. 2012, EACL, in its simplest form).
  float recall_bias = 0, doc_recall_bias = 0;
  // The first stage's tag profiles of words in a sample of unlabelled news (corpus_tags.h),
  // features of the document stage when `use_corpus_profiles`.
  bool use_corpus_profiles = false;
  CorpusTagProfiles corpus_profiles;
  const CorpusTagProfiles* corpus() const { return use_corpus_profiles ? &corpus_profiles : nullptr; }

  bool AnalyzerMatches() const;
};

// The fingerprint of the linked text module's NormalizeWord/StemWord.
uint64_t AnalyzerFingerprint();

// Serialises (quantising weights to 16 bits per value, zero rows omitted).
std::string SerializeNerModel(const NerModel& model);
Result<NerModel> ParseNerModel(std::string_view data, std::string_view name);
Result<NerModel> LoadNerModel(const std::string& path);
// Writes atomically (temp file + rename).
Status SaveNerModel(const NerModel& model, const std::string& path);

}  // namespace rasd::extract
