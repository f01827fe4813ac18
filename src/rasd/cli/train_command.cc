// `rasd train ner|clusters`: reproduces the shipped extraction models (models/).
//
//   rasd train clusters [--out FILE] [--vectors FILE|none] [CORPUS.jsonl[.zst] ...]
//       word clusters and word vectors from the news corpora (default: the three corpora in
//       shared/data/news)
//   rasd train ner [--train FILE] [--clusters FILE|none] [--vectors FILE|none] [--out FILE]
//                  [--epochs N]
//       the entity tagger from ANERcorp train (default shared/data/ner/anercorp/train.conll)
//   rasd train ner --evaluate FILE [--model FILE]
//       scores a model on a CoNLL file (conlleval-style report), without training
// Both trainings are deterministic: the same inputs give byte-identical files.
#include <iostream>
#include <string>

#include "rasd/cli/command.h"
#include "rasd/cli/flags.h"
#include "rasd/engine/extraction.h"

namespace rasd::cli {
namespace {

constexpr char kUsage[] =
    "usage: rasd train ner [--train FILE] [--clusters FILE|none] [--vectors FILE|none]\n"
    "                      [--out FILE] [--epochs N]\n"
    "       rasd train ner --evaluate FILE [--model FILE]\n"
    "       rasd train clusters [--out FILE] [--vectors FILE|none] [CORPUS.jsonl[.zst] ...]\n"
    "Trains the models that `rasd extract` uses (models/ner.model, models/word_clusters.tsv,\n"
    "models/word_vectors.bin).\n"
    "`train ner` reads ANERcorp train only, holds out its last 10% of sentences to choose the\n"
    "number of epochs, then trains on all of it; it never reads the test set.\n";

void Log(const std::string& line) { std::cerr << "rasd train: " << line << "\n"; }

}  // namespace

int RunTrain(const std::vector<std::string>& args) {
  Flags flags;
  flags.Value("train", "FILE", "CoNLL training file (default: ANERcorp train in the shared data)")
      .Value("clusters", "FILE", "word-cluster file, or `none` (default: models/word_clusters.tsv)")
      .Value("vectors", "FILE",
             "word-vector file, or `none` (default: models/word_vectors.bin; written by "
             "`train clusters`, read by `train ner`)")
      .Value("out", "FILE", "output file (default: the shipped model path under models/)")
      .Value("epochs", "N", "maximum perceptron epochs (default 20)")
      .Value("evaluate", "FILE", "score --model on this CoNLL file instead of training")
      .Value("model", "FILE", "model for --evaluate (default: models/ner.model)")
      .Switch("help", "show this help");
  if (Status s = flags.Parse(args); !s.ok()) {
    std::cerr << "rasd train: " << s.message() << "\n" << kUsage << flags.Help();
    return kExitUsage;
  }
  if (flags.Has("help") || flags.positional().empty()) {
    (flags.Has("help") ? std::cout : std::cerr) << kUsage << flags.Help();
    return flags.Has("help") ? kExitOk : kExitUsage;
  }
  const std::string what = flags.positional().front();
  if (what == "ner") {
    if (auto eval = flags.Get("evaluate")) {
      auto report = engine::EvaluateNerModel(flags.GetOr("model", ""), *eval);
      if (!report.ok()) {
        std::cerr << "rasd train: " << report.status().ToString() << "\n";
        return kExitFailure;
      }
      std::cout << *report;
      return kExitOk;
    }
    engine::NerTrainingOptions o;
    o.train_path = flags.GetOr("train", "");
    o.clusters_path = flags.GetOr("clusters", "");
    o.vectors_path = flags.GetOr("vectors", "");
    o.out_path = flags.GetOr("out", "");
    auto epochs = flags.GetInt("epochs", 20, 1, 200);
    if (!epochs.ok()) {
      std::cerr << "rasd train: " << epochs.status().message() << "\n";
      return kExitUsage;
    }
    o.max_epochs = static_cast<int>(*epochs);
    o.log = Log;
    auto r = engine::TrainNerModel(o);
    if (!r.ok()) {
      std::cerr << "rasd train: " << r.status().ToString() << "\n";
      return kExitFailure;
    }
    std::cout << *r << "\n";
    return kExitOk;
  }
  if (what == "clusters") {
    engine::ClusterTrainingOptions o;
    o.corpus_paths.assign(flags.positional().begin() + 1, flags.positional().end());
    o.out_path = flags.GetOr("out", "");
    o.vectors_out_path = flags.GetOr("vectors", "");
    o.log = Log;
    if (Status s = engine::TrainWordClusters(o); !s.ok()) {
      std::cerr << "rasd train: " << s.ToString() << "\n";
      return kExitFailure;
    }
    std::cout << "wrote " << (o.out_path.empty() ? engine::DefaultClustersPath() : o.out_path)
              << "\n";
    return kExitOk;
  }
  std::cerr << "rasd train: unknown model '" << what << "' (ner, clusters)\n" << kUsage;
  return kExitUsage;
}

}  // namespace rasd::cli
