// Development tool for the entity tagger's features: trains on ANERcorp train minus its last
// 10% (the dev set), prints dev P/R/F1 per epoch and the best, and never reads the test set.
// With --audit it also counts distinct feature values and how many share a hashed row.
//   ner_dev [--audit] [--dump DEV_PRED.conll] [TRAIN.conll] [CLUSTERS.tsv]
//   ner_dev --clusters OUT.tsv   (what `rasd train clusters --out OUT.tsv` computes)
//   ner_dev --model OUT.model    (what `rasd train ner --out OUT.model` computes)
//   ner_dev --vectors OUT.bin    (the word vectors `rasd train clusters` writes beside them)
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <unordered_set>

#include "bench_util.h"
#include "rasd/extract/conll.h"
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
  bool audit = false;
  std::string dump;
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
  if (!dump.empty()) {
    // The dev sentences (the trainer's split) as TOKEN<TAB>GOLD<TAB>PREDICTED.
    auto all = ReadConllFile(o.train_path);
    if (!all.ok()) return 1;
    const size_t n_train = all->size() - report.dev_sentences;
    auto tagger = NerTagger::FromModel(std::move(*m));
    NerTagger::Scratch scratch;
    std::vector<Tag> tags;
    std::FILE* f = std::fopen(dump.c_str(), "w");
    if (!f) return 1;
    for (size_t k = n_train; k < all->size(); ++k) {
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
