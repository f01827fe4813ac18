// Development tool for the entity tagger's features: trains on ANERcorp train minus its last
// 10% (the dev set), prints dev P/R/F1 per epoch and the best, and never reads the test set.
// With --audit it also counts distinct feature values and how many share a hashed row.
//   ner_dev [--audit] [--dump DEV_PRED.conll] [--save DEV.model DEV.conll] [--block K]
//           [--nocorpus] [--edge KINDS] [--pa COST,CAP] [--lstm H[,E[,crf]]] [TRAIN.conll]
//           [CLUSTERS.tsv]
//     --save        write the dev-phase model and the dev sentences (gold CoNLL), so that
//                   `ner_eval DEV.model DEV.conll` screens what happens after the model (the
//                   name-span repairs, one sense per discourse) on dev, without training again
//     --block K     hold out the K-th tenth of train (0..9) instead of the last: the 10-fold
//                   screen runs K = 0..9 for each arm, everything else the same
//     --nocorpus    no corpus tag profiles (about 30 s a block instead of 3 min)
//     --edge KINDS  edge feature kinds (features.h EdgeKind bits; 0 none; default: the
//                   trainer's)
//     --pa COST,CAP passive-aggressive updates (perceptron.h UpdateRule); --pa 0 the
//                   perceptron's step; default: the trainer's
//     --lstm H[,E[,crf]]  the BiLSTM encoder with H units per direction trained for E
//                   epochs, with a CRF output layer if ",crf" follows, else a softmax layer
//                   (bilstm.h; --lstm 0 none; default: the trainer's)
//   ner_dev --clusters OUT.tsv   (what `rasd train clusters --out OUT.tsv` computes)
//   ner_dev --model OUT.model    (what `rasd train ner --out OUT.model` computes)
//   ner_dev --vectors OUT.bin    (the word vectors `rasd train clusters` writes beside them)
//   ner_dev --speed MODEL [H]    (tagging throughput on the training file; H: with a random
//                                encoder of H units per direction instead of the model's)
//   ner_dev --vectors-from MODEL OUT.bin  (the model's own copy of the word vectors it was
//                                trained with, byte for byte the file it read, without
//                                training them again: 8 min of CPU)
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <unordered_set>

#include "bench_util.h"
#include "rasd/extract/bilstm.h"
#include "rasd/extract/conll.h"
#include "rasd/extract/encoder_inputs.h"
#include "rasd/extract/features.h"
#include "rasd/extract/ner_tagger.h"
#include "rasd/extract/ner_trainer.h"
#include "rasd/extract/word_vectors.h"

// The news corpora of `rasd train clusters` and `rasd train ner`.
static std::vector<std::string> NewsPaths() {
  const std::string news = rasd::bench::SharedDir() + "/data/news/";
  return {news + "ant_multisource_v2.1.jsonl.zst", news + "saudinewsnet.jsonl.zst",
          news + "ant_jawharafm_v1.1.jsonl.zst"};
}

int main(int argc, char** argv) {
  using namespace rasd::extract;
  bool audit = false, nocorpus = false;
  int block = -1, edge = -1;
  std::string dump, pa, lstm, save_model, save_dev;
  std::vector<std::string> pos;
  if (argc == 3 && std::strcmp(argv[1], "--clusters") == 0) {
    const std::string news = rasd::bench::SharedDir() + "/data/news/";
    std::vector<std::string> paths = {news + "ant_multisource_v2.1.jsonl.zst",
                                      news + "saudinewsnet.jsonl.zst",
                                      news + "ant_jawharafm_v1.1.jsonl.zst"};
    ClusterOptions co;
    co.log = [](const std::string& m) { std::fprintf(stderr, "%s\n", m.c_str()); };
    rasd::Status read_status;
    WordClusters wc = BuildWordClusters(
        [&](const std::function<void(const std::vector<std::string>&)>& fn) {
          read_status = ForEachCorpusSentence(paths, fn);
        },
        co);
    if (!read_status.ok()) return 1;
    std::FILE* f = std::fopen(argv[2], "wb");
    if (!f) return 1;
    std::string data = wc.Serialize();
    std::fwrite(data.data(), 1, data.size(), f);
    std::fclose(f);
    return 0;
  }
  if (argc == 3 && std::strcmp(argv[1], "--vectors") == 0) {
    VectorOptions vo;
    if (const char* d = std::getenv("RASD_VEC_DIMS")) vo.dims = std::atoi(d);
    if (const char* w = std::getenv("RASD_VEC_WORDS")) vo.max_words = static_cast<size_t>(std::atoll(w));
    if (const char* k = std::getenv("RASD_VEC_KEEP")) vo.keep_min_count = static_cast<uint64_t>(std::atoll(k));
    vo.log = [](const std::string& m) { std::fprintf(stderr, "%s\n", m.c_str()); };
    rasd::Status read_status;
    WordVectors wv = BuildWordVectors(
        [&](const std::function<void(const std::vector<std::string>&)>& fn) {
          read_status = ForEachCorpusSentence(NewsPaths(), fn);
        },
        vo);
    if (!read_status.ok()) return 1;
    std::FILE* f = std::fopen(argv[2], "wb");
    if (!f) return 1;
    std::string data = wv.Serialize();
    std::fwrite(data.data(), 1, data.size(), f);
    std::fclose(f);
    return 0;
  }
  if (argc == 4 && std::strcmp(argv[1], "--vectors-from") == 0) {
    auto m = LoadNerModel(argv[2]);
    if (!m.ok() || !m->has_vectors()) {
      std::fprintf(stderr, "%s: %s\n", argv[2],
                   m.ok() ? "no word vectors" : m.status().ToString().c_str());
      return 1;
    }
    std::FILE* f = std::fopen(argv[3], "wb");
    if (!f) return 1;
    std::string data = m->vectors.Serialize();
    std::fwrite(data.data(), 1, data.size(), f);
    std::fclose(f);
    std::printf("%zu words of %d dimensions\n", m->vectors.size(), m->vectors.dims());
    return 0;
  }
  if (argc == 5 && std::strcmp(argv[1], "--keep-vectors") == 0) {
    // --keep-vectors MIN_COUNT IN.bin OUT.bin: the vectors of the words seen MIN_COUNT times
    // in the news (the shipped cluster file's counts), i.e. what --vectors writes with
    // RASD_VEC_KEEP=MIN_COUNT, without training again.
    auto in = WordVectors::Load(argv[3]);
    auto wc = WordClusters::Load(RASD_SOURCE_DIR "/models/word_clusters.tsv");
    if (!in.ok() || !wc.ok()) return 1;
    const uint32_t min = static_cast<uint32_t>(std::atoi(argv[2]));
    WordVectors out = in->Filtered([&](std::string_view w) { return wc->Count(w) >= min; });
    std::FILE* f = std::fopen(argv[4], "wb");
    if (!f) return 1;
    std::string data = out.Serialize();
    std::fwrite(data.data(), 1, data.size(), f);
    std::fclose(f);
    std::printf("%zu of %zu words\n", out.size(), in->size());
    return 0;
  }
  if ((argc == 3 || argc == 4) && std::strcmp(argv[1], "--speed") == 0) {
    // Tagging throughput on the training file (never the test set), one core, as ner_eval
    // measures it; with H, a random encoder of H units per direction replaces the model's
    // (its cost does not depend on its weights).
    auto m = LoadNerModel(argv[2]);
    auto sents = ReadConllFile(rasd::bench::SharedDir() + "/data/ner/anercorp/train.conll");
    if (!m.ok() || !sents.ok()) return 1;
    if (argc == 4) {
      const uint32_t h = static_cast<uint32_t>(std::atoi(argv[3]));
      const BiLstmShape shape{kEncoderInputs, h, static_cast<uint32_t>(kNumTags)};
      m->encoder = h == 0 ? BiLstm() : BiLstm(shape, 1);
    }
    auto tagger = NerTagger::FromModel(std::move(m).value());
    std::vector<std::vector<std::string_view>> views;
    long tokens = 0;
    for (const auto& s : *sents) {
      views.emplace_back(s.tokens.begin(), s.tokens.end());
      tokens += static_cast<long>(s.tokens.size());
    }
    NerTagger::Scratch scratch;
    std::vector<Tag> tags;
    for (const auto& v : views) tagger->Tag(v, &tags, &scratch);  // warm-up
    double t0 = rasd::bench::ThreadSeconds();
    for (const auto& v : views) tagger->Tag(v, &tags, &scratch);
    const double secs = rasd::bench::ThreadSeconds() - t0;
    NerTagger::DocumentScratch ds;
    std::vector<std::vector<Tag>> doc_tags;
    std::vector<std::vector<std::vector<std::string_view>>> docs;
    for (size_t k = 0; k < views.size(); k += 17) {
      docs.emplace_back(views.begin() + static_cast<long>(k),
                        views.begin() + static_cast<long>(std::min(views.size(), k + 17)));
    }
    for (const auto& d : docs) tagger->TagDocument(d, &doc_tags, &ds);
    t0 = rasd::bench::ThreadSeconds();
    for (const auto& d : docs) tagger->TagDocument(d, &doc_tags, &ds);
    const double dsecs = rasd::bench::ThreadSeconds() - t0;
    std::printf("%ld tokens; sentence stage %.0f tokens/s, both stages %.0f tokens/s (one core)\n",
                tokens, static_cast<double>(tokens) / secs, static_cast<double>(tokens) / dsecs);
    return 0;
  }
  if (argc == 3 && std::strcmp(argv[1], "--model") == 0) {
    NerTrainOptions t;
    t.train_path = rasd::bench::SharedDir() + "/data/ner/anercorp/train.conll";
    t.clusters_path = RASD_SOURCE_DIR "/models/word_clusters.tsv";
    t.vectors_path = RASD_SOURCE_DIR "/models/word_vectors.bin";
    t.corpus_paths = NewsPaths();
    t.log = [](const std::string& m) { std::fprintf(stderr, "%s\n", m.c_str()); };
    NerTrainReport report;
    auto m = TrainNer(t, &report);
    if (!m.ok()) return 1;
    rasd::Status st = SaveNerModel(*m, argv[2]);
    std::printf("%s: %s\n", st.ToString().c_str(), m->description.c_str());
    return st.ok() ? 0 : 1;
  }
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--audit") == 0) {
      audit = true;
    } else if (std::strcmp(argv[i], "--dump") == 0 && i + 1 < argc) {
      dump = argv[++i];
    } else if (std::strcmp(argv[i], "--save") == 0 && i + 2 < argc) {
      save_model = argv[++i];
      save_dev = argv[++i];
    } else if (std::strcmp(argv[i], "--block") == 0 && i + 1 < argc) {
      block = std::atoi(argv[++i]);
    } else if (std::strcmp(argv[i], "--nocorpus") == 0) {
      nocorpus = true;
    } else if (std::strcmp(argv[i], "--edge") == 0 && i + 1 < argc) {
      edge = std::atoi(argv[++i]);
    } else if (std::strcmp(argv[i], "--pa") == 0 && i + 1 < argc) {
      pa = argv[++i];
    } else if (std::strcmp(argv[i], "--lstm") == 0 && i + 1 < argc) {
      lstm = argv[++i];
    } else if (std::strcmp(argv[i], "--help") == 0) {
      std::printf(
          "ner_dev [--audit] [--dump DEV_PRED.conll] [--save DEV.model DEV.conll] [--block K] "
          "[--nocorpus] [--edge KINDS] [--pa COST,CAP] [--lstm H[,E[,crf]]] [TRAIN.conll] "
          "[CLUSTERS.tsv]\n");
      return 0;
    } else {
      pos.push_back(argv[i]);
    }
  }
  NerTrainOptions o;
  o.train_path = pos.size() > 0 ? pos[0] : rasd::bench::SharedDir() + "/data/ner/anercorp/train.conll";
  o.clusters_path = pos.size() > 1 ? pos[1] : std::string(RASD_SOURCE_DIR "/models/word_clusters.tsv");
  o.vectors_path = RASD_SOURCE_DIR "/models/word_vectors.bin";  // RASD_NER_VECTORS=none: without
  if (const char* b = std::getenv("RASD_NER_BITS")) o.hash_bits = static_cast<uint32_t>(std::atoi(b));
  o.dev_only = true;
  o.corpus_paths = NewsPaths();
  if (nocorpus) o.corpus_paths.clear();
  if (block >= 0) o.dev_block = block;
  if (edge >= 0) o.edge_kinds = static_cast<uint32_t>(edge);
  if (!pa.empty()) {
    o.pa_cost = static_cast<float>(std::atof(pa.c_str()));
    if (size_t comma = pa.find(','); comma != std::string::npos)
      o.pa_cap = static_cast<float>(std::atof(pa.c_str() + comma + 1));
  }
  if (!lstm.empty()) {
    o.encoder_hidden = static_cast<uint32_t>(std::atoi(lstm.c_str()));
    if (size_t comma = lstm.find(','); comma != std::string::npos)
      o.encoder_epochs = std::atoi(lstm.c_str() + comma + 1);
    o.encoder_crf = lstm.find(",crf") != std::string::npos;
  }
  std::fprintf(stderr,
               "block %d, corpus profiles %s, edge kinds %u, update %s %g,%g, encoder %u units, "
               "%d epochs\n",
               o.dev_block, o.corpus_paths.empty() ? "off" : "on", o.edge_kinds,
               o.pa_cost > 0 ? "PA" : "perceptron", o.pa_cost, o.pa_cap, o.encoder_hidden,
               o.encoder_epochs);
  o.log = [](const std::string& m) { std::fprintf(stderr, "%s\n", m.c_str()); };
  if (audit) {
    auto sents = ReadConllFile(o.train_path);
    auto wc = WordClusters::Load(o.clusters_path);
    if (!sents.ok() || !wc.ok()) return 1;
    std::vector<const ConllSentence*> ptrs;
    for (const auto& s : *sents) ptrs.push_back(&s);
    Gazetteer lex = BuildLexicon(ptrs, &*wc);
    for (uint32_t bits : {31u, 20u, 21u, 22u}) {
      FeatureExtractor fx(&*wc, &Gazetteer::Builtin(), &lex, bits);
      FeatureScratch scratch;
      SentenceFeatures f;
      std::unordered_set<uint32_t> ids;
      size_t occurrences = 0;
      for (const auto& s : *sents) {
        std::vector<std::string_view> v(s.tokens.begin(), s.tokens.end());
        fx.Compute(v, &scratch, &f);
        ids.insert(f.ids.begin(), f.ids.end());
        occurrences += f.ids.size();
      }
      std::printf("hash bits %u: %zu feature occurrences, %zu distinct rows\n", bits, occurrences,
                  ids.size());
    }
    return 0;
  }
  NerTrainReport report;
  auto m = TrainNer(o, &report);
  if (!m.ok()) {
    std::fprintf(stderr, "%s\n", m.status().ToString().c_str());
    return 1;
  }
  std::printf("best dev F1 %.2f at %d epochs; document stage %.2f at %d epochs\n", report.dev_f1,
              report.best_epochs, report.doc_dev_f1, report.doc_epochs);
  std::printf("with recall bias: sentence stage %.2f (bias %.1f), document stage %.2f (bias %.1f)\n",
              report.dev_f1_biased, report.recall_bias, report.doc_dev_f1_biased,
              report.doc_recall_bias);
  if (save_model.empty() && dump.empty()) return 0;
  // The dev sentences of the trainer's split: [dev_lo, dev_lo + report.dev_sentences) of train.
  auto all = ReadConllFile(o.train_path);
  if (!all.ok()) {
    std::fprintf(stderr, "%s\n", all.status().ToString().c_str());
    return 1;
  }
  const size_t n_train = all->size() - report.dev_sentences;
  const size_t dev_lo =
      o.dev_block >= 0
          ? std::min(n_train, report.dev_sentences * static_cast<size_t>(o.dev_block))
          : n_train;
  if (!save_model.empty()) {
    std::FILE* f = std::fopen(save_dev.c_str(), "w");
    if (!f) {
      std::perror(save_dev.c_str());
      return 1;
    }
    for (size_t k = dev_lo; k < dev_lo + report.dev_sentences; ++k) {
      const auto& s = (*all)[k];
      for (size_t i = 0; i < s.tokens.size(); ++i) {
        std::fprintf(f, "%s\t%s\n", s.tokens[i].c_str(), std::string(TagName(s.tags[i])).c_str());
      }
      std::fprintf(f, "\n");
    }
    std::fclose(f);
    if (rasd::Status st = SaveNerModel(*m, save_model); !st.ok()) {
      std::fprintf(stderr, "%s\n", st.ToString().c_str());
      return 1;
    }
  }
  if (!dump.empty()) {
    // The dev sentences (the trainer's split) as TOKEN<TAB>GOLD<TAB>PREDICTED.
    auto tagger = NerTagger::FromModel(std::move(*m));
    NerTagger::Scratch scratch;
    std::vector<Tag> tags;
    std::FILE* f = std::fopen(dump.c_str(), "w");
    if (!f) return 1;
    for (size_t k = dev_lo; k < dev_lo + report.dev_sentences; ++k) {
      const auto& s = (*all)[k];
      std::vector<std::string_view> v(s.tokens.begin(), s.tokens.end());
      tagger->Tag(v, &tags, &scratch);
      for (size_t i = 0; i < v.size(); ++i) {
        std::fprintf(f, "%s\t%s\t%s\n", s.tokens[i].c_str(), std::string(TagName(s.tags[i])).c_str(),
                     std::string(TagName(tags[i])).c_str());
      }
      std::fprintf(f, "\n");
    }
    std::fclose(f);
  }
  return 0;
}
