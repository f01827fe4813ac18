// The model file; see ner_model.h.
#include "rasd/extract/ner_model.h"

#include <zstd.h>

#include <bit>
#include <cmath>
#include <cstring>

#include "rasd/base/coding.h"
#include "rasd/base/crc32c.h"
#include "rasd/base/env.h"
#include "rasd/base/hash.h"
#include "rasd/base/macros.h"
#include "rasd/extract/encoder_inputs.h"
#include "rasd/extract/features.h"
#include "rasd/extract/ner_tags.h"
#include "rasd/extract/perceptron.h"
#include "rasd/text/analyzer.h"

namespace rasd::extract {
namespace {

constexpr char kMagic[8] = {'R', 'A', 'S', 'D', 'N', 'E', 'R', '\x01'};
constexpr char kEndMagic[8] = {'R', 'A', 'S', 'D', 'N', 'E', 'N', 'D'};
constexpr uint64_t kMaxPayload = 1ull << 31;

void PutFloat(std::string* out, float f) { base::PutFixed32(out, std::bit_cast<uint32_t>(f)); }
bool GetFloat(std::string_view* in, float* f) {
  uint32_t v;
  if (!base::GetFixed32(in, &v)) return false;
  *f = std::bit_cast<float>(v);
  return std::isfinite(*f);
}

}  // namespace

uint64_t AnalyzerFingerprint() {
  static const uint64_t fp = [] {
    static const char* const kProbes[] = {
        "والمدرسة", "بالسيارات", "للخامنئي", "وإيران", "الأمريكيين", "يستخدمونها", "مؤتمر",
        "قالت", "وسيقولون", "إسلامية", "أُعلِنَ", "ـــالعربيةـ", "COVID-19", "١٢٣", "كتب",
        "والمعلمات", "فاستقبلناهم", "الرئيس", "توكاييف", "ترمب"};
    uint64_t h = 0x6e6572;
    for (const char* p : kProbes) {
      std::string n = text::NormalizeWord(p);
      h = base::Hash64(n, h);
      h = base::Hash64(text::StemWord(n), h);
    }
    return h;
  }();
  return fp;
}

bool NerModel::AnalyzerMatches() const { return analyzer_fingerprint == AnalyzerFingerprint(); }

namespace {

// Weight rows: scale fixed32 float, count varint, then per non-zero row the row delta varint
// and kNumTags zig-zag varints q (weight = q * scale; 16-bit quantisation).
void PutWeightRows(const std::vector<float>& weights, std::string* payload) {
  float max_abs = 0;
  for (float w : weights) max_abs = std::max(max_abs, std::fabs(w));
  const float scale = max_abs > 0 ? max_abs / 32767.f : 1.f;
  PutFloat(payload, scale);
  const size_t rows = weights.size() / kNumTags;
  std::string rows_data;
  uint64_t count = 0, last = 0;
  for (size_t r = 0; r < rows; ++r) {
    int32_t q[kNumTags];
    bool any = false;
    for (int t = 0; t < kNumTags; ++t) {
      q[t] = static_cast<int32_t>(std::lround(weights[r * kNumTags + t] / scale));
      any |= q[t] != 0;
    }
    if (!any) continue;
    base::PutVarint64(&rows_data, r - last);
    last = r;
    for (int t = 0; t < kNumTags; ++t) base::PutVarint32(&rows_data, static_cast<uint32_t>(base::ZigZagEncode(q[t])));
    ++count;
  }
  base::PutVarint64(payload, count);
  *payload += rows_data;
}

// The inverse; returns an error description or nullptr.
const char* GetWeightRows(std::string_view* in, uint32_t hash_bits, std::vector<float>* weights) {
  float scale;
  uint64_t count;
  if (!GetFloat(in, &scale) || !base::GetVarint64(in, &count)) return "bad weight header";
  const size_t rows = size_t{1} << hash_bits;
  if (count > rows) return "more weight rows than the table holds";
  weights->assign(rows * kNumTags, 0.f);
  // Millions of varints, most of them one byte (small quantised weights): that case is
  // decoded here, the rest by DecodeVarint*, on a pointer rather than a string_view.
  const char* p = in->data();
  const char* const end = p + in->size();
  auto varint = [&](auto* v) {
    if (p < end && static_cast<uint8_t>(*p) < 0x80) {
      *v = static_cast<uint8_t>(*p++);
      return true;
    }
    if constexpr (sizeof(*v) == 4) {
      p = base::DecodeVarint32(p, end, v);
    } else {
      p = base::DecodeVarint64(p, end, v);
    }
    return p != nullptr;
  };
  uint64_t r = 0;
  for (uint64_t k = 0; k < count; ++k) {
    uint64_t delta;
    if (!varint(&delta)) return "truncated weights";
    r += delta;
    if (r >= rows || (k > 0 && delta == 0)) return "weight row out of range";
    for (int t = 0; t < kNumTags; ++t) {
      uint32_t z;
      if (!varint(&z)) return "truncated weights";
      (*weights)[r * kNumTags + t] = static_cast<float>(base::ZigZagDecode(z)) * scale;
    }
  }
  in->remove_prefix(static_cast<size_t>(p - in->data()));
  return nullptr;
}

}  // namespace

std::string SerializeNerModel(const NerModel& m) {
  std::string payload;
  base::PutVarint32(&payload, m.hash_bits);
  base::PutVarint32(&payload, m.feature_version);
  base::PutFixed64(&payload, m.analyzer_fingerprint);
  base::PutLengthPrefixed(&payload, m.description);
  for (int i = 0; i < kNumTransitions; ++i) {
    PutFloat(&payload, i < static_cast<int>(m.transitions.size()) ? m.transitions[i] : 0.f);
  }
  PutWeightRows(m.weights, &payload);
  base::PutLengthPrefixed(&payload, m.clusters.Serialize());
  m.lexicon.AppendTo(&payload);
  base::PutVarint32(&payload, m.has_document_stage() ? 1 : 0);
  if (m.has_document_stage()) {
    for (int i = 0; i < kNumTransitions; ++i) {
      PutFloat(&payload, i < static_cast<int>(m.doc_transitions.size()) ? m.doc_transitions[i] : 0.f);
    }
    PutWeightRows(m.doc_weights, &payload);
  }
  PutFloat(&payload, m.recall_bias);
  PutFloat(&payload, m.doc_recall_bias);
  base::PutVarint32(&payload, m.use_corpus_profiles ? 1 : 0);
  if (m.use_corpus_profiles) m.corpus_profiles.AppendTo(&payload);
  base::PutVarint32(&payload, m.has_vectors() ? 1 : 0);
  if (m.has_vectors()) {
    PutFloat(&payload, m.vector_scale);
    base::PutLengthPrefixed(&payload, m.vectors.Serialize());
  }
  base::PutVarint32(&payload, m.edge_kinds);
  base::PutVarint32(&payload, m.has_encoder() ? 1 : 0);
  if (m.has_encoder()) {
    const BiLstmShape& sh = m.encoder.shape();
    base::PutVarint32(&payload, sh.input);
    base::PutVarint32(&payload, sh.hidden);
    base::PutVarint32(&payload, sh.outputs);
    base::PutVarint32(&payload, sh.crf ? 1 : 0);
    for (float w : m.encoder.params()) PutFloat(&payload, w);
  }

  std::string out(kMagic, sizeof kMagic);
  base::PutFixed32(&out, kNerModelVersion);
  base::PutFixed64(&out, payload.size());
  std::string compressed(ZSTD_compressBound(payload.size()), '\0');
  size_t n = ZSTD_compress(compressed.data(), compressed.size(), payload.data(), payload.size(), 19);
  RASD_CHECK(!ZSTD_isError(n));
  compressed.resize(n);
  out += compressed;
  base::PutFixed32(&out, base::crc32c::Mask(base::crc32c::Value(out)));
  out.append(kEndMagic, sizeof kEndMagic);
  return out;
}

Result<NerModel> ParseNerModel(std::string_view data, std::string_view name) {
  const std::string where(name);
  auto corrupt = [&](const std::string& what) { return Status::Corruption(where + ": " + what); };
  if (data.size() < 8 + 4 + 8 + 4 + 8) return corrupt("file too short to be an entity model");
  if (std::memcmp(data.data(), kMagic, 8) != 0) return corrupt("not a rasd entity model (bad magic)");
  if (std::memcmp(data.data() + data.size() - 8, kEndMagic, 8) != 0)
    return corrupt("truncated (end marker missing at byte " + std::to_string(data.size() - 8) + ")");
  const uint32_t stored_crc = base::DecodeFixed32(data.data() + data.size() - 12);
  if (base::crc32c::Unmask(stored_crc) != base::crc32c::Value(data.substr(0, data.size() - 12)))
    return corrupt("checksum mismatch (the file is damaged)");
  const uint32_t version = base::DecodeFixed32(data.data() + 8);
  if (version > kNerModelVersion)
    return Status::NotSupported(where + ": model format version " + std::to_string(version) +
                                " is newer than this build (" + std::to_string(kNerModelVersion) + ")");
  if (version == 0) return corrupt("bad format version 0");
  const uint64_t size = base::DecodeFixed64(data.data() + 12);
  if (size > kMaxPayload) return corrupt("payload size " + std::to_string(size) + " out of range");
  std::string_view compressed = data.substr(20, data.size() - 20 - 12);
  std::string payload(size, '\0');
  size_t got = ZSTD_decompress(payload.data(), payload.size(), compressed.data(), compressed.size());
  if (ZSTD_isError(got) || got != size) return corrupt("payload does not decompress (byte 20)");
  std::string_view in = payload;
  NerModel m;
  if (!base::GetVarint32(&in, &m.hash_bits) || m.hash_bits < 4 || m.hash_bits > 26)
    return corrupt("bad hash_bits");
  if (!base::GetVarint32(&in, &m.feature_version)) return corrupt("bad feature version");
  // Feature version 3 added only features of word vectors: a version 2 model (which has none)
  // gets the same features from this build.
  if (m.feature_version != kFeatureVersion && m.feature_version != 2)
    return Status::NotSupported(where + ": model uses feature version " +
                                std::to_string(m.feature_version) + ", this build computes " +
                                std::to_string(kFeatureVersion) + ": retrain with `rasd train ner`");
  std::string_view desc;
  if (!base::GetFixed64(&in, &m.analyzer_fingerprint) || !base::GetLengthPrefixed(&in, &desc))
    return corrupt("truncated header");
  m.description = std::string(desc);
  m.transitions.resize(kNumTransitions);
  for (float& t : m.transitions)
    if (!GetFloat(&in, &t)) return corrupt("bad transition weights");
  if (const char* err = GetWeightRows(&in, m.hash_bits, &m.weights)) return corrupt(err);
  std::string_view clusters;
  if (!base::GetLengthPrefixed(&in, &clusters)) return corrupt("truncated word clusters");
  auto wc = WordClusters::Parse(clusters, where + " (word clusters)");
  if (!wc.ok()) return wc.status();
  m.clusters = std::move(wc).value();
  auto lex = Gazetteer::ParseFrom(&in);
  if (!lex.ok()) return lex.status().WithContext(where);
  m.lexicon = std::move(lex).value();
  if (version >= 2) {
    uint32_t has_doc = 0;
    if (!base::GetVarint32(&in, &has_doc) || has_doc > 1) return corrupt("bad document-stage flag");
    if (has_doc) {
      m.doc_transitions.resize(kNumTransitions);
      for (float& t : m.doc_transitions)
        if (!GetFloat(&in, &t)) return corrupt("bad document-stage transition weights");
      if (const char* err = GetWeightRows(&in, m.hash_bits, &m.doc_weights))
        return corrupt(std::string("document stage: ") + err);
    }
    if (!GetFloat(&in, &m.recall_bias) || !GetFloat(&in, &m.doc_recall_bias))
      return corrupt("bad recall bias");
  }
  if (version >= 3) {
    uint32_t has_corpus = 0;
    if (!base::GetVarint32(&in, &has_corpus) || has_corpus > 1) return corrupt("bad corpus-profile flag");
    if (has_corpus) {
      auto prof = CorpusTagProfiles::ParseFrom(&in);
      if (!prof.ok()) return prof.status().WithContext(where);
      m.corpus_profiles = std::move(prof).value();
      m.use_corpus_profiles = true;
    }
  }
  if (version >= 4) {
    uint32_t has_vectors = 0;
    if (!base::GetVarint32(&in, &has_vectors) || has_vectors > 1) return corrupt("bad word-vector flag");
    if (has_vectors) {
      std::string_view vectors;
      if (!GetFloat(&in, &m.vector_scale) || !base::GetLengthPrefixed(&in, &vectors))
        return corrupt("truncated word vectors");
      auto wv = WordVectors::Parse(vectors, where + " (word vectors)");
      if (!wv.ok()) return wv.status();
      m.vectors = std::move(wv).value();
    }
  }
  if (version >= 5) {
    if (!base::GetVarint32(&in, &m.edge_kinds) || m.edge_kinds > FeatureExtractor::kEdgeAll)
      return corrupt("bad edge-feature kinds");
  }
  if (version >= 6) {
    uint32_t has_encoder = 0;
    if (!base::GetVarint32(&in, &has_encoder) || has_encoder > 1)
      return corrupt("bad encoder flag");
    if (has_encoder) {
      BiLstmShape sh;
      if (!base::GetVarint32(&in, &sh.input) || !base::GetVarint32(&in, &sh.hidden) ||
          !base::GetVarint32(&in, &sh.outputs))
        return corrupt("truncated encoder shape");
      // Version 7 added the CRF layer's flag; a version 6 encoder has a softmax layer.
      uint32_t crf = 0;
      if (version >= 7 && (!base::GetVarint32(&in, &crf) || crf > 1))
        return corrupt("bad encoder output-layer flag");
      sh.crf = crf == 1;
      if (sh.input != kEncoderInputs || sh.outputs != static_cast<uint32_t>(kNumTags) ||
          sh.hidden == 0 || sh.hidden > 1024)
        return corrupt("bad encoder shape");
      std::vector<float> params(BiLstm::NumParams(sh));
      if (in.size() < params.size() * 4) return corrupt("truncated encoder parameters");
      for (float& w : params)
        if (!GetFloat(&in, &w)) return corrupt("bad encoder parameter");
      auto net = BiLstm::FromParams(sh, std::move(params));
      if (!net.ok()) return net.status().WithContext(where);
      m.encoder = std::move(net).value();
    }
  }
  if (!in.empty()) return corrupt("trailing bytes in payload");
  if (m.feature_version < 3 && m.has_vectors()) return corrupt("word vectors in a feature version 2 model");
  return m;
}

Result<NerModel> LoadNerModel(const std::string& path) {
  RASD_ASSIGN_OR_RETURN(std::string data, base::ReadFileToString(base::Env::Default(), path));
  return ParseNerModel(data, path);
}

Status SaveNerModel(const NerModel& model, const std::string& path) {
  return base::WriteFileAtomically(base::Env::Default(), SerializeNerModel(model), path);
}

}  // namespace rasd::extract
