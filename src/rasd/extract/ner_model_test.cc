#include "rasd/extract/ner_model.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "rasd/base/coding.h"
#include "rasd/base/crc32c.h"
#include "rasd/extract/conll_eval.h"
#include "rasd/extract/conll_tagging.h"
#include "rasd/extract/corpus_tags.h"
#include "rasd/extract/encoder_inputs.h"
#include "rasd/extract/name_forms.h"
#include "rasd/extract/name_propagation.h"
#include "rasd/extract/name_spans.h"
#include "rasd/extract/ner_tagger.h"
#include "rasd/extract/ner_tags.h"
#include "rasd/extract/ner_trainer.h"
#include "rasd/extract/perceptron.h"

namespace rasd::extract {
namespace {

// A path in the test temp directory, with the process id in its name: two test runs on one
// machine at once must not write each other's files.
std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + std::to_string(getpid()) + "_" + name;
}

// Writes `contents` to TempPath(name) and returns that path.
std::string WriteTempFile(const std::string& name, const std::string& contents) {
  const std::string path = TempPath(name);
  std::ofstream f(path, std::ios::binary);
  f << contents;
  EXPECT_TRUE(f.good()) << path;
  return path;
}

// A model file's framing (ner_model.cc): 8-byte magic, version (fixed32), payload size
// (fixed64), the zstd-compressed payload, a masked CRC-32C of all before it, "RASDNEND".
// The payload of `file`: what an older version's file is made from.
std::string ModelPayload(const std::string& file) {
  const uint64_t size = base::DecodeFixed64(file.data() + 12);
  std::string payload(size, '\0');
  EXPECT_EQ(ZSTD_decompress(payload.data(), size, file.data() + 20, file.size() - 32), size);
  return payload;
}
// `payload` framed as a file of `version`, with the magic of `like`.
std::string FrameModel(const std::string& like, uint32_t version, const std::string& payload) {
  std::string file(like.data(), 8);
  base::PutFixed32(&file, version);
  base::PutFixed64(&file, payload.size());
  std::string z(ZSTD_compressBound(payload.size()), '\0');
  z.resize(ZSTD_compress(z.data(), z.size(), payload.data(), payload.size(), 3));
  file += z;
  base::PutFixed32(&file, base::crc32c::Mask(base::crc32c::Value(file)));
  file.append("RASDNEND", 8);
  return file;
}

NerModel TinyModel() {
  NerModel m;
  m.hash_bits = 6;
  m.weights.assign((1u << 6) * kNumTags, 0.f);
  m.weights[5 * kNumTags + 1] = 1.5f;
  m.weights[40 * kNumTags + 8] = -0.25f;
  m.transitions.assign(kNumTransitions, 0.f);
  m.transitions[3] = 2.f;
  m.clusters.SetLevels(1, 1, 2);
  m.clusters.Add("paris", {10, 0, 0, 1});
  m.lexicon.AddPhrase({"a", "b"}, EntityType::kLoc);
  m.description = "tiny";
  m.analyzer_fingerprint = AnalyzerFingerprint();
  return m;
}

TEST(NerModelTest, RoundTrip) {
  NerModel m = TinyModel();
  std::string bytes = SerializeNerModel(m);
  auto back = ParseNerModel(bytes, "tiny.model");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->hash_bits, 6u);
  EXPECT_NEAR(back->weights[5 * kNumTags + 1], 1.5f, 1e-3);
  EXPECT_NEAR(back->weights[40 * kNumTags + 8], -0.25f, 1e-3);
  EXPECT_EQ(back->transitions[3], 2.f);
  EXPECT_EQ(back->clusters.Find("paris")->fine, 1);
  EXPECT_EQ(back->description, "tiny");
  EXPECT_TRUE(back->AnalyzerMatches());
  EXPECT_EQ(SerializeNerModel(*back), bytes);
}

TEST(NerModelTest, RoundTripWithCorpusProfiles) {
  NerModel m = TinyModel();
  m.doc_weights.assign((1u << 6) * kNumTags, 0.f);
  m.doc_transitions.assign(kNumTransitions, 0.f);
  m.use_corpus_profiles = true;
  m.corpus_profiles.Set("paris", 0x65);
  std::string bytes = SerializeNerModel(m);
  auto back = ParseNerModel(bytes, "corpus.model");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_NE(back->corpus(), nullptr);
  EXPECT_EQ(back->corpus()->Profile("paris"), 0x65u);
  EXPECT_EQ(SerializeNerModel(*back), bytes);
  // Without the flag no profiles are written or used.
  m.use_corpus_profiles = false;
  auto plain = ParseNerModel(SerializeNerModel(m), "plain.model");
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_EQ(plain->corpus(), nullptr);
  EXPECT_TRUE(plain->corpus_profiles.empty());
}

TEST(NerModelTest, RoundTripWithWordVectors) {
  NerModel m = TinyModel();
  m.vectors = WordVectors::FromFloats({"paris", "rome"}, {0.5f, -1.f, 0.25f, 0.f}, 2);
  m.vector_scale = 3.f;
  const std::string bytes = SerializeNerModel(m);
  auto back = ParseNerModel(bytes, "vectors.model");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_TRUE(back->has_vectors());
  EXPECT_EQ(back->vector_scale, 3.f);
  EXPECT_EQ(back->vectors.dims(), 2);
  ASSERT_NE(back->vectors.Find("rome"), nullptr);
  EXPECT_EQ(back->vectors.Find("rome")[0], m.vectors.Find("rome")[0]);
  EXPECT_EQ(back->vectors.Find("paris")[1], -127);
  EXPECT_EQ(SerializeNerModel(*back), bytes);
  // A model without vectors loads without them.
  auto plain = ParseNerModel(SerializeNerModel(TinyModel()), "plain.model");
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(plain->has_vectors());
  // Feature version 2 (before the vectors) computes the same features without vectors, so
  // such models still load; with vectors the file contradicts itself.
  NerModel old = TinyModel();
  old.feature_version = 2;
  EXPECT_TRUE(ParseNerModel(SerializeNerModel(old), "v2.model").ok());
  old.vectors = m.vectors;
  auto bad = ParseNerModel(SerializeNerModel(old), "v2vectors.model");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kCorruption);
  old.feature_version = 1;
  old.vectors = WordVectors();
  auto v1 = ParseNerModel(SerializeNerModel(old), "v1.model");
  ASSERT_FALSE(v1.ok());
  EXPECT_EQ(v1.status().code(), StatusCode::kNotSupported);
}

// Format version 5 stores the edge-feature kinds; a version 4 file (without the field) reads
// as a model without edge features, as it was trained.
TEST(NerModelTest, EdgeKindsRoundTripAndVersion4Reads) {
  NerModel m = TinyModel();
  m.edge_kinds = FeatureExtractor::kEdgeCluster | FeatureExtractor::kEdgeFlags;
  const std::string bytes = SerializeNerModel(m);
  auto back = ParseNerModel(bytes, "edges.model");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->edge_kinds, 12u);
  EXPECT_EQ(SerializeNerModel(*back), bytes);
  // The tagger computes the features the model was trained with.
  auto tagger = NerTagger::FromModel(std::move(back).value());
  EXPECT_EQ(tagger->features().edge_kinds(), 12u);
  // Unknown kinds are corruption.
  m.edge_kinds = 64;
  auto bad = ParseNerModel(SerializeNerModel(m), "kinds.model");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kCorruption);
  EXPECT_NE(bad.status().message().find("edge"), std::string::npos);
  // A version 4 file: the same payload without the trailing kinds varint (0 here).
  m.edge_kinds = 0;
  const std::string v5 = SerializeNerModel(m);
  std::string payload = ModelPayload(v5);
  ASSERT_EQ(payload.back(), '\0');  // version 6's encoder flag (none)
  payload.pop_back();
  ASSERT_EQ(payload.back(), '\0');
  payload.pop_back();
  std::string v4 = FrameModel(v5, 4, payload);
  auto old = ParseNerModel(v4, "v4.model");
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  EXPECT_EQ(old->edge_kinds, 0u);
  EXPECT_EQ(old->transitions, m.transitions);
  // Read as version 5, the same bytes lack the field: a clear error.
  base::EncodeFixed32(&v4[8], 5);
  std::string body = v4.substr(0, v4.size() - 12);
  base::EncodeFixed32(&v4[v4.size() - 12], base::crc32c::Mask(base::crc32c::Value(body)));
  auto cut = ParseNerModel(v4, "v5cut.model");
  ASSERT_FALSE(cut.ok());
  EXPECT_TRUE(cut.status().IsCorruption());
}

// Format version 6 stores the BiLSTM encoder; a version 5 file (without the flag) reads as a
// model without one.
TEST(NerModelTest, EncoderRoundTripAndVersion5Reads) {
  NerModel m = TinyModel();
  m.encoder = BiLstm({kEncoderInputs, 3, static_cast<uint32_t>(kNumTags)}, 5);
  const std::string bytes = SerializeNerModel(m);
  auto back = ParseNerModel(bytes, "encoder.model");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_TRUE(back->has_encoder());
  EXPECT_EQ(back->encoder.shape(), m.encoder.shape());
  EXPECT_EQ(back->encoder.params(), m.encoder.params());
  EXPECT_EQ(SerializeNerModel(*back), bytes);
  // The tagger runs it: its probabilities are features of every token.
  auto tagger = NerTagger::FromModel(std::move(back).value());
  ASSERT_NE(tagger->features().encoder(), nullptr);
  FeatureScratch scratch;
  SentenceFeatures f;
  tagger->features().Compute({"قال", "الرئيس", "علي"}, &scratch, &f);
  ASSERT_EQ(f.aux_dims, static_cast<uint32_t>(kNumTags));
  ASSERT_EQ(f.aux.size(), 3u * kNumTags);
  float sum = 0;
  for (int t = 0; t < kNumTags; ++t) sum += f.aux[t];
  EXPECT_NEAR(sum, 1.f, 1e-5);
  // An encoder over other inputs is corruption.
  m.encoder = BiLstm({5, 3, static_cast<uint32_t>(kNumTags)}, 5);
  auto bad = ParseNerModel(SerializeNerModel(m), "shape.model");
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(bad.status().IsCorruption());
  EXPECT_NE(bad.status().message().find("encoder"), std::string::npos);
  // A version 5 file: the payload without the trailing encoder flag (0 here).
  m.encoder = BiLstm();
  const std::string v6 = SerializeNerModel(m);
  std::string payload = ModelPayload(v6);
  ASSERT_EQ(payload.back(), '\0');
  payload.pop_back();
  const std::string v5 = FrameModel(v6, 5, payload);
  auto old = ParseNerModel(v5, "v5.model");
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  EXPECT_FALSE(old->has_encoder());
  EXPECT_EQ(old->transitions, m.transitions);
}

// Format version 7 stores whether the encoder's output layer is a CRF; a version 6 file
// (without the flag) reads as an encoder with a softmax layer, as it was trained.
TEST(NerModelTest, EncoderCrfRoundTripAndVersion6Reads) {
  NerModel m = TinyModel();
  m.encoder = BiLstm({kEncoderInputs, 3, static_cast<uint32_t>(kNumTags), true}, 5);
  // Tag-pair scores that are not all equal, so a lost or misplaced flag would show.
  std::vector<float>& w = m.encoder.mutable_params();
  for (size_t k = w.size() - 90; k < w.size(); ++k) w[k] = 0.01f * static_cast<float>(k % 13);
  const std::string bytes = SerializeNerModel(m);
  auto back = ParseNerModel(bytes, "crf.model");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_TRUE(back->has_encoder());
  EXPECT_TRUE(back->encoder.shape().crf);
  EXPECT_EQ(back->encoder.params(), m.encoder.params());
  EXPECT_EQ(SerializeNerModel(*back), bytes);
  // The tagger's features are the CRF layer's marginals: one distribution per token.
  auto tagger = NerTagger::FromModel(std::move(back).value());
  FeatureScratch scratch;
  SentenceFeatures f;
  tagger->features().Compute({"قال", "الرئيس", "علي"}, &scratch, &f);
  ASSERT_EQ(f.aux.size(), 3u * kNumTags);
  for (int i = 0; i < 3; ++i) {
    float sum = 0;
    for (int t = 0; t < kNumTags; ++t) sum += f.aux[i * kNumTags + t];
    EXPECT_NEAR(sum, 1.f, 1e-5);
  }
  // A version 6 file: a softmax encoder's bytes without the flag after its sizes.
  m.encoder = BiLstm({kEncoderInputs, 3, static_cast<uint32_t>(kNumTags)}, 5);
  const std::string v7 = SerializeNerModel(m);
  std::string payload = ModelPayload(v7);
  const size_t flag = payload.size() - m.encoder.params().size() * 4 - 1;
  ASSERT_EQ(payload[flag], '\0');
  payload.erase(flag, 1);
  const std::string v6 = FrameModel(v7, 6, payload);
  auto old = ParseNerModel(v6, "v6.model");
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  ASSERT_TRUE(old->has_encoder());
  EXPECT_FALSE(old->encoder.shape().crf);
  EXPECT_EQ(old->encoder.params(), m.encoder.params());
  // A flag other than 0 or 1 is corruption.
  payload.insert(flag, 1, '\x02');
  const std::string bad = FrameModel(v7, 7, payload);
  auto corrupt = ParseNerModel(bad, "flag.model");
  ASSERT_FALSE(corrupt.ok());
  EXPECT_TRUE(corrupt.status().IsCorruption());
}

TEST(NerModelTest, RoundTripWithDocumentStage) {
  NerModel m = TinyModel();
  m.doc_weights.assign((1u << 6) * kNumTags, 0.f);
  m.doc_weights[7 * kNumTags + 2] = -3.f;
  m.doc_transitions.assign(kNumTransitions, 0.f);
  m.doc_transitions[4] = 0.5f;
  std::string bytes = SerializeNerModel(m);
  auto back = ParseNerModel(bytes, "doc.model");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_TRUE(back->has_document_stage());
  EXPECT_NEAR(back->doc_weights[7 * kNumTags + 2], -3.f, 1e-3);
  EXPECT_EQ(back->doc_transitions[4], 0.5f);
  EXPECT_EQ(SerializeNerModel(*back), bytes);
  // Without a document stage TagDocument is Tag, sentence by sentence.
  auto tagger = NerTagger::FromModel(TinyModel());
  std::vector<std::vector<std::string_view>> doc = {{"a", "b", "paris"}, {"x"}, {}};
  std::vector<std::vector<Tag>> tags;
  NerTagger::DocumentScratch ds;
  tagger->TagDocument(doc, &tags, &ds);
  ASSERT_EQ(tags.size(), 3u);
  NerTagger::Scratch s;
  for (size_t k = 0; k < doc.size(); ++k) {
    std::vector<Tag> one;
    tagger->Tag(doc[k], &one, &s);
    EXPECT_EQ(tags[k], one) << k;
  }
  // With one, every sentence still gets one valid tag per token.
  auto tagger2 = NerTagger::FromModel(std::move(back).value());
  tagger2->TagDocument(doc, &tags, &ds);
  ASSERT_EQ(tags.size(), 3u);
  for (size_t k = 0; k < doc.size(); ++k) {
    ASSERT_EQ(tags[k].size(), doc[k].size());
    for (size_t i = 0; i < tags[k].size(); ++i) {
      EXPECT_TRUE(AllowedTransition(i == 0 ? kNumTags : tags[k][i - 1], tags[k][i]));
    }
  }
}

// A model whose both stages have weights everywhere (a fixed pseudo-random pattern), so that
// what a sentence's document holds changes its tags.
NerModel DenseTwoStageModel() {
  NerModel m = TinyModel();
  uint32_t x = 12345;
  auto next = [&x] {
    x = x * 1103515245u + 12345u;
    return static_cast<float>((x >> 16) % 401) / 100.f - 2.f;
  };
  for (float& w : m.weights) w = next();
  m.doc_weights.resize(m.weights.size());
  for (float& w : m.doc_weights) w = next();
  m.doc_transitions.assign(kNumTransitions, 0.f);
  return m;
}

// TagWindows: each sentence's document is its neighbours within the window, so a run tagged
// in pieces with that many sentences of context on either side gets the tags of the whole
// run, and a window as long as the run is TagDocument's one document.
TEST(NerModelTest, TagWindowsInPiecesTagsAsTheWholeRun) {
  auto tagger = NerTagger::FromModel(DenseTwoStageModel());
  ASSERT_TRUE(tagger->model().has_document_stage());
  const char* words[] = {"paris", "a", "b", "قال", "الرئيس", "توكايف", "طهران", "x", "في"};
  std::vector<std::vector<std::string_view>> run;
  for (int k = 0; k < 41; ++k) {
    std::vector<std::string_view> sentence;
    for (int i = 0; i < 3 + k % 5; ++i) sentence.push_back(words[(k * 7 + i * (k % 3 + 1)) % 9]);
    run.push_back(sentence);
  }
  run[17].clear();  // an empty sentence takes no tag and counts nothing
  const size_t n = run.size();
  constexpr int kWindow = 3;
  NerTagger::DocumentScratch ds;
  std::vector<std::vector<Tag>> whole;
  tagger->TagWindows(run, 0, n, kWindow, &whole, &ds);
  ASSERT_EQ(whole.size(), n);
  for (size_t k = 0; k < n; ++k) {
    ASSERT_EQ(whole[k].size(), run[k].size());
    for (size_t i = 0; i < whole[k].size(); ++i) {
      EXPECT_TRUE(AllowedTransition(i == 0 ? kNumTags : whole[k][i - 1], whole[k][i]));
    }
  }
  for (size_t piece : {1u, 4u, 7u, 40u}) {
    for (size_t b = 0; b < n; b += piece) {
      const size_t e = std::min(n, b + piece);
      const size_t lo = b > kWindow ? b - kWindow : 0;
      const size_t hi = std::min(n, e + kWindow);
      std::vector<std::vector<std::string_view>> part(run.begin() + static_cast<long>(lo),
                                                      run.begin() + static_cast<long>(hi));
      std::vector<std::vector<Tag>> tags;
      tagger->TagWindows(part, b - lo, e - lo, kWindow, &tags, &ds);
      ASSERT_EQ(tags.size(), e - b);
      for (size_t k = b; k < e; ++k) EXPECT_EQ(tags[k - b], whole[k]) << piece << " " << k;
    }
  }
  // Each sentence is tagged as TagDocument tags it within the document of its neighbours
  // (the sentences within the window, cut at the run's ends): the window is the one meant.
  for (size_t k = 0; k < n; ++k) {
    const size_t lo = k > kWindow ? k - kWindow : 0;
    const size_t hi = std::min(n, k + kWindow + 1);
    std::vector<std::vector<std::string_view>> slice(run.begin() + static_cast<long>(lo),
                                                     run.begin() + static_cast<long>(hi));
    std::vector<std::vector<Tag>> doc_tags;
    tagger->TagDocument(slice, &doc_tags, &ds);
    EXPECT_EQ(doc_tags[k - lo], whole[k]) << k;
  }
  // The window matters: without neighbours some sentence is tagged otherwise (else the
  // checks above could not fail).
  std::vector<std::vector<Tag>> alone;
  tagger->TagWindows(run, 0, n, 0, &alone, &ds);
  EXPECT_NE(alone, whole);
  std::vector<std::vector<Tag>> doc, wide;
  tagger->TagDocument(run, &doc, &ds);
  tagger->TagWindows(run, 0, n, static_cast<int>(n), &wide, &ds);
  EXPECT_EQ(wide, doc);
  EXPECT_NE(wide, whole);
}

// The count ArticleExtractor checks to drop a scratch grown for an outsized article: every
// per-token buffer the scratch keeps across documents.
TEST(NerModelTest, DocumentScratchCountsTheTokensItHolds) {
  auto tagger = NerTagger::FromModel(TinyModel());
  NerTagger::DocumentScratch ds;
  std::vector<std::vector<Tag>> tags;
  EXPECT_EQ(ds.TokenCapacity(), 0u);
  std::vector<std::string_view> long_sentence(5000, "paris");
  std::vector<std::vector<std::string_view>> doc = {{"a", "b"}, long_sentence, {"x"}};
  tagger->TagDocument(doc, &tags, &ds);
  ASSERT_EQ(tags[1].size(), 5000u);
  // The sentence's own analysis, and the copy kept for each sentence of the document.
  EXPECT_GE(ds.TokenCapacity(), 2u * 5000u + 3u);
  // A later short document keeps the sentence buffers' room (what the extractor's bound is
  // for; the per-sentence copies past its one sentence go).
  tagger->TagDocument({{"a"}}, &tags, &ds);
  EXPECT_GE(ds.TokenCapacity(), 5000u);
  ds = NerTagger::DocumentScratch();
  EXPECT_EQ(ds.TokenCapacity(), 0u);
}

TEST(NerModelTest, CorruptFilesAreClearErrors) {
  std::string bytes = SerializeNerModel(TinyModel());
  // Every single-byte flip is detected (magic, header, payload, checksum, end marker).
  for (size_t i = 0; i < bytes.size(); i += 7) {
    std::string bad = bytes;
    bad[i] ^= 0x20;
    auto r = ParseNerModel(bad, "bad.model");
    ASSERT_FALSE(r.ok()) << "flip at " << i;
    EXPECT_NE(r.status().message().find("bad.model"), std::string::npos);
  }
  for (size_t cut : {size_t{0}, size_t{5}, size_t{30}, bytes.size() - 1}) {
    auto r = ParseNerModel(bytes.substr(0, cut), "cut.model");
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.status().IsCorruption()) << r.status().ToString();
  }
  auto r = ParseNerModel("hello world, this is not a model at all.....", "text.model");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("bad magic"), std::string::npos);
  EXPECT_TRUE(LoadNerModel("/nonexistent/ner.model").status().IsNotFound() ||
              !LoadNerModel("/nonexistent/ner.model").ok());
}

TEST(NerModelTest, NewerVersionIsNotSupported) {
  std::string bytes = SerializeNerModel(TinyModel());
  base::EncodeFixed32(&bytes[8], kNerModelVersion + 1);
  // Recompute the checksum so only the version differs.
  std::string body = bytes.substr(0, bytes.size() - 12);
  base::EncodeFixed32(&bytes[bytes.size() - 12], base::crc32c::Mask(base::crc32c::Value(body)));
  auto r = ParseNerModel(bytes, "new.model");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotSupported);
}

// The whole training procedure on a small synthetic corpus: both stages, the jackknives, the
// recall bias; deterministic (two runs give the same bytes); the model scores its own kind of
// text well at sentence and document level.
TEST(NerTrainerTest, TrainsBothStagesDeterministically) {
  const char* people[] = {"زيدان", "كارلوس", "توكايف", "رامسفيلد", "ميركل", "غوتي"};
  const char* places[] = {"طهران", "بغداد", "لندن", "باريس", "عمان", "الدوحة"};
  std::string conll;
  for (int i = 0; i < 60; ++i) {
    const char* p = people[i % 6];
    const char* l = places[(i / 6) % 6];
    conll += std::string("قال\tO\nالرئيس\tO\n") + p + "\tB-PERS\nفي\tO\n" + l +
             "\tB-LOC\nإن\tO\nالمحادثات\tO\nمستمرة\tO\n.\tO\n\n";
    if (i % 3 == 0) conll += std::string("وأضاف\tO\n") + p + "\tB-PERS\nأمس\tO\n.\tO\n\n";
  }
  const std::string path = WriteTempFile("ner_trainer_test.conll", conll);
  NerTrainOptions o;
  o.train_path = path;
  o.max_epochs = 3;
  o.dev_fraction = 0.2;
  o.jackknife_folds = 3;
  o.stack_folds = 3;
  o.document_window = 2;
  o.hash_bits = 12;
  NerTrainReport report;
  auto m1 = TrainNer(o, &report);
  ASSERT_TRUE(m1.ok()) << m1.status().ToString();
  EXPECT_TRUE(m1->has_document_stage());
  EXPECT_TRUE(m1->has_encoder());  // the default: the BiLSTM encoder's features
  // A softmax output layer: the CRF layer is an option, off (eleventh round, ner_trainer.h).
  EXPECT_FALSE(m1->encoder.shape().crf);
  EXPECT_GT(report.best_epochs, 0);
  EXPECT_GT(report.doc_epochs, 0);
  auto m2 = TrainNer(o, nullptr);
  ASSERT_TRUE(m2.ok());
  EXPECT_EQ(SerializeNerModel(*m1), SerializeNerModel(*m2));
  auto sentences = ReadConllFile(path);
  ASSERT_TRUE(sentences.ok());
  ConllScorer sentence_scorer, doc_scorer;
  EvaluateNer(*m1, *sentences, &sentence_scorer);
  EvaluateNerDocuments(*m1, *sentences, 2, &doc_scorer);
  EXPECT_GT(sentence_scorer.overall().F1(), 80.0) << sentence_scorer.Report();
  EXPECT_GT(doc_scorer.overall().F1(), 80.0) << doc_scorer.Report();
  // One perceptron order instead of the default bag of them: another model, as good here.
  ASSERT_GT(o.bag, 1);
  o.bag = 1;
  auto m3 = TrainNer(o, nullptr);
  ASSERT_TRUE(m3.ok());
  EXPECT_NE(SerializeNerModel(*m3), SerializeNerModel(*m1));
  ConllScorer single_scorer;
  EvaluateNer(*m3, *sentences, &single_scorer);
  EXPECT_GT(single_scorer.overall().F1(), 80.0) << single_scorer.Report();
  std::remove(path.c_str());
  o.train_path = "/nonexistent/train.conll";
  EXPECT_FALSE(TrainNer(o, nullptr).ok());
}

constexpr const char* kToyPeople[] = {"زيدان", "كارلوس", "توكايف", "رامسفيلد", "ميركل"};

// 40 CoNLL sentences "قال الرئيس NAME أمس ." with the five kToyPeople tagged B-PERS.
std::string SaidThePresidentConll() {
  std::string conll;
  for (int i = 0; i < 40; ++i) {
    conll += std::string("قال\tO\nالرئيس\tO\n") + kToyPeople[i % 5] + "\tB-PERS\nأمس\tO\n.\tO\n\n";
  }
  return conll;
}

// With unlabelled news, the document stage learns from corpus tag profiles (corpus_tags.h):
// the model carries its first stage's profiles of the news words, the training stays
// deterministic, and an unreadable corpus is an error.
TEST(NerTrainerTest, CorpusTagProfilesShipWithTheModel) {
  const std::string conll = SaidThePresidentConll();
  const std::string path = WriteTempFile("ner_corpus_profiles_test.conll", conll);
  std::string jsonl;
  for (int i = 0; i < 20; ++i) {
    jsonl += std::string("{\"title\": \"خبر\", \"body\": \"قال الرئيس ") + kToyPeople[i % 5] +
             " أمس إن المحادثات مستمرة. وأضاف الرئيس فلانوف أمس.\"}\n";
  }
  const std::string news = WriteTempFile("ner_corpus_profiles_test.jsonl", jsonl);
  NerTrainOptions o;
  o.train_path = path;
  o.max_epochs = 2;
  o.dev_fraction = 0.2;
  o.jackknife_folds = 2;
  o.stack_folds = 2;
  o.hash_bits = 12;
  o.corpus_paths = {news};
  o.corpus_every = 1;
  auto m1 = TrainNer(o, nullptr);
  ASSERT_TRUE(m1.ok()) << m1.status().ToString();
  ASSERT_NE(m1->corpus(), nullptr);
  // Every training name is tagged PERS in the news; the word after الرئيس it never saw is
  // profiled too, and common words are not.
  const uint32_t zidane = m1->corpus()->Profile("زيدان");
  EXPECT_GE(CorpusTagProfiles::ShareBucket(zidane, static_cast<int>(EntityType::kPers)), 5u);
  EXPECT_NE(m1->corpus()->Profile("فلانوف"), 0u);
  EXPECT_EQ(m1->corpus()->Profile("المحادثات"), 0u);
  auto m2 = TrainNer(o, nullptr);
  ASSERT_TRUE(m2.ok());
  EXPECT_EQ(SerializeNerModel(*m1), SerializeNerModel(*m2));
  auto back = ParseNerModel(SerializeNerModel(*m1), "corpus.model");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->corpus()->size(), m1->corpus()->size());
  o.corpus_paths = {news + ".absent"};
  EXPECT_FALSE(TrainNer(o, nullptr).ok());
  std::remove(path.c_str());
  std::remove(news.c_str());
}

// With a word-vector file the trainer adds the vectors as real-valued features and ships them
// in the model; the tagger built from the model computes the same emissions as training did.
TEST(NerTrainerTest, WordVectorsShipWithTheModel) {
  const std::string conll = SaidThePresidentConll();
  const std::string path = WriteTempFile("ner_vectors_test.conll", conll);
  std::vector<std::string> words;
  std::vector<float> values;
  for (int i = 0; i < 5; ++i) {
    words.push_back(kToyPeople[i]);
    values.insert(values.end(), {1.f, 0.2f * static_cast<float>(i)});
  }
  words.push_back("أمس");
  values.insert(values.end(), {-1.f, 0.f});
  const std::string vec_path =
      WriteTempFile("ner_vectors_test.bin", WordVectors::FromFloats(words, values, 2).Serialize());
  NerTrainOptions o;
  o.train_path = path;
  o.max_epochs = 2;
  o.dev_fraction = 0.2;
  o.jackknife_folds = 2;
  o.stack_folds = 2;
  o.hash_bits = 12;
  o.vectors_path = vec_path;
  o.vector_scale = 2.f;
  auto m1 = TrainNer(o, nullptr);
  ASSERT_TRUE(m1.ok()) << m1.status().ToString();
  ASSERT_TRUE(m1->has_vectors());
  EXPECT_EQ(m1->vectors.size(), 6u);
  EXPECT_EQ(m1->vector_scale, 2.f);
  // The dense rows (the last 3 x 2 of the table) were trained.
  float dense_mass = 0;
  for (size_t r = (1u << 12) - 6; r < (1u << 12); ++r) {
    for (int t = 0; t < kNumTags; ++t) dense_mass += std::fabs(m1->weights[r * kNumTags + t]);
  }
  EXPECT_GT(dense_mass, 0.f);
  auto m2 = TrainNer(o, nullptr);
  ASSERT_TRUE(m2.ok());
  EXPECT_EQ(SerializeNerModel(*m1), SerializeNerModel(*m2));
  auto back = ParseNerModel(SerializeNerModel(*m1), "vectors.model");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  auto tagger = NerTagger::FromModel(std::move(back).value());
  NerTagger::Scratch scratch;
  std::vector<Tag> tags;
  const std::vector<std::string_view> sentence = {"قال", "الرئيس", "ميركل", "أمس"};
  tagger->Tag(sentence, &tags, &scratch);
  EXPECT_EQ(tags[2], BeginTag(EntityType::kPers));
  EXPECT_EQ(tags[3], kTagO);
  o.vectors_path = vec_path + ".absent";
  EXPECT_FALSE(TrainNer(o, nullptr).ok());
  std::remove(path.c_str());
  std::remove(vec_path.c_str());
}

// RASD_NER_DEV_BLOCK=K holds out another block of sentences for cross-validated feature
// comparisons: the dev-phase model then learns from other sentences (different bytes) on the
// same number of them; a block past the end means the last block, the default.
TEST(NerTrainerTest, DevBlockChoosesTheHeldOutSentences) {
  std::string conll;
  const char* people[] = {"زيدان", "كارلوس", "توكايف", "رامسفيلد", "ميركل"};
  for (int i = 0; i < 40; ++i) {
    conll += std::string("قال\tO\nالرئيس\tO\n") + people[i % 5] + "\tB-PERS\n" +
             (i < 8 ? "أمس" : "اليوم") + "\tO\n.\tO\n\n";
  }
  const std::string path = WriteTempFile("ner_dev_block_test.conll", conll);
  NerTrainOptions o;
  o.train_path = path;
  o.max_epochs = 2;
  o.dev_fraction = 0.2;
  o.document_stage = false;
  o.dev_only = true;
  o.hash_bits = 12;
  NerTrainReport last, first, past_end;
  auto m_last = TrainNer(o, &last);
  ::setenv("RASD_NER_DEV_BLOCK", "0", 1);
  auto m_first = TrainNer(o, &first);
  ::setenv("RASD_NER_DEV_BLOCK", "99", 1);
  auto m_past_end = TrainNer(o, &past_end);
  ::unsetenv("RASD_NER_DEV_BLOCK");
  std::remove(path.c_str());
  ASSERT_TRUE(m_last.ok() && m_first.ok() && m_past_end.ok());
  EXPECT_EQ(first.dev_sentences, 8u);
  EXPECT_EQ(first.train_sentences, last.train_sentences);
  // Block 0 holds the only sentences with أمس: trained without them, the model differs.
  EXPECT_NE(SerializeNerModel(*m_first), SerializeNerModel(*m_last));
  EXPECT_EQ(SerializeNerModel(*m_past_end), SerializeNerModel(*m_last));
}

std::string SharedDir() {
  const char* env = std::getenv("RASD_SHARED_DIR");
  return env ? env : RASD_SHARED_DIR;
}

// The shipped model keeps its quality on ANERcorp test (see docs/QUALITY.md for the figure
// when trained; this floor catches a broken model or feature code).
TEST(NerModelTest, ShippedModelF1StaysAboveFloor) {
  const std::string model_path = std::string(RASD_SOURCE_DIR) + "/models/ner.model";
  const std::string test_path = SharedDir() + "/data/ner/anercorp/test.conll";
  if (!std::ifstream(test_path).good()) GTEST_SKIP() << "ANERcorp not found at " << test_path;
  auto model = LoadNerModel(model_path);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  if (!model->AnalyzerMatches()) {
    std::fprintf(stderr,
                 "note: models/ner.model was trained with another version of the text "
                 "analyser; rerun `rasd train ner` to refresh it\n");
  }
  auto test = ReadConllFile(test_path);
  ASSERT_TRUE(test.ok());
  ConllScorer scorer;
  EvaluateNer(*model, *test, &scorer);
  EXPECT_GT(scorer.overall().F1(), 66.0) << scorer.Report();
  // `rasd tag --conll`'s tagging (conll_tagging.h) is the document stage as the trainer
  // evaluates it, with kDocumentWindow sentences as the document, then the name-span repairs.
  ConllScorer doc_scorer;
  EvaluateNerDocuments(*model, *test, kDocumentWindow, &doc_scorer);
  auto tagger = NerTagger::FromModel(*model);
  std::vector<std::vector<std::string_view>> run;
  for (const ConllSentence& sentence : *test) {
    run.emplace_back(sentence.tokens.begin(), sentence.tokens.end());
  }
  NerTagger::DocumentScratch ds;
  std::vector<std::vector<Tag>> tags;
  tagger->TagWindows(run, 0, run.size(), kDocumentWindow, &tags, &ds);
  ConllScorer windows_scorer;
  for (size_t k = 0; k < run.size(); ++k) windows_scorer.Add((*test)[k].tags, tags[k]);
  EXPECT_EQ(windows_scorer.Report(), doc_scorer.Report());
  ConllRunScratch conll_scratch;
  TagConllRun(*tagger, run, 0, run.size(), &tags, &ds, &conll_scratch);
  ConllScorer run_scorer;
  for (size_t k = 0; k < run.size(); ++k) run_scorer.Add((*test)[k].tags, tags[k]);
  EXPECT_GT(run_scorer.overall().F1(), scorer.overall().F1() + 1.0) << run_scorer.Report();
}

// TagConllRun's one sense per discourse is PropagateNames over each sentence's window of
// kConllPropagationWindow sentences on either side (what its filter skips could not have
// changed), and a run tagged in pieces with kConllContext sentences of context gets the tags
// of the whole run.
TEST(NerModelTest, ConllRunPropagatesOverEachSentencesWindow) {
  const std::string test_path = SharedDir() + "/data/ner/anercorp/test.conll";
  if (!std::ifstream(test_path).good()) GTEST_SKIP() << "ANERcorp not found at " << test_path;
  auto tagger = NerTagger::Open(std::string(RASD_SOURCE_DIR) + "/models/ner.model");
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  auto test = ReadConllFile(test_path);
  ASSERT_TRUE(test.ok());
  std::vector<std::vector<std::string_view>> run;
  for (size_t k = 0; k < 700 && k < test->size(); ++k) {
    run.emplace_back((*test)[k].tokens.begin(), (*test)[k].tokens.end());
  }
  const size_t n = run.size();
  NerTagger::DocumentScratch ds;
  ConllRunScratch conll_scratch;
  std::vector<std::vector<Tag>> whole;
  TagConllRun(**tagger, run, 0, n, &whole, &ds, &conll_scratch);
  ASSERT_EQ(whole.size(), n);
  // The reference, written out: both stages, the repairs, then PropagateNames over the
  // concatenated window of every sentence.
  std::vector<std::vector<Tag>> repaired;
  (*tagger)->TagWindows(run, 0, n, kDocumentWindow, &repaired, &ds);
  std::vector<std::vector<bool>> eligible(n);
  for (size_t k = 0; k < n; ++k) {
    RepairNameSpans(run[k], ds.infos[k], &repaired[k]);
    for (const TokenInfo& info : ds.infos[k]) {
      eligible[k].push_back(StartsWithLetter(info.folded) && MayPropagate(info));
    }
  }
  const size_t w = static_cast<size_t>(kConllPropagationWindow);
  size_t changed = 0;
  for (size_t k = 0; k < n; ++k) {
    const size_t lo = k > w ? k - w : 0, hi = std::min(n, k + w + 1);
    std::vector<std::string_view> bases;
    std::vector<bool> window_eligible, starts;
    std::vector<Tag> tags;
    size_t offset = 0;
    for (size_t j = lo; j < hi; ++j) {
      if (j == k) offset = tags.size();
      for (size_t i = 0; i < run[j].size(); ++i) starts.push_back(i == 0);
      bases.insert(bases.end(), ds.bases[j].begin(), ds.bases[j].end());
      window_eligible.insert(window_eligible.end(), eligible[j].begin(), eligible[j].end());
      tags.insert(tags.end(), repaired[j].begin(), repaired[j].end());
    }
    PropagateNames(bases, window_eligible, starts, &tags);
    const std::vector<Tag> want(tags.begin() + static_cast<long>(offset),
                                tags.begin() + static_cast<long>(offset + run[k].size()));
    EXPECT_EQ(whole[k], want) << "sentence " << k;
    for (size_t i = 0; i < whole[k].size(); ++i) {
      EXPECT_TRUE(AllowedTransition(i == 0 ? kNumTags : whole[k][i - 1], whole[k][i])) << k;
    }
    if (want != repaired[k]) ++changed;
  }
  EXPECT_GT(changed, 0u) << "no sentence gained a name: the check above could not fail";
  for (size_t piece : {size_t{1}, size_t{97}, kConllPiece}) {
    for (size_t b = 0; b < n; b += piece) {
      const size_t e = std::min(n, b + piece);
      const size_t lo = b > kConllContext ? b - kConllContext : 0;
      const size_t hi = std::min(n, e + kConllContext);
      std::vector<std::vector<std::string_view>> part(run.begin() + static_cast<long>(lo),
                                                      run.begin() + static_cast<long>(hi));
      std::vector<std::vector<Tag>> tags;
      TagConllRun(**tagger, part, b - lo, e - lo, &tags, &ds, &conll_scratch);
      ASSERT_EQ(tags.size(), e - b);
      for (size_t k = b; k < e; ++k) EXPECT_EQ(tags[k - b], whole[k]) << piece << " " << k;
    }
  }
}

}  // namespace
}  // namespace rasd::extract
