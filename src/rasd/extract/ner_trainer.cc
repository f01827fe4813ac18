// Training the entity tagger; see ner_trainer.h.
#include "rasd/extract/ner_trainer.h"

#include <cstdio>
#include <cstdlib>
#include <numeric>

#include "rasd/base/hash.h"
#include "rasd/base/macros.h"
#include "rasd/extract/clitics.h"
#include "rasd/extract/conll_eval.h"
#include "rasd/extract/ner_tagger.h"
#include "rasd/extract/perceptron.h"

namespace rasd::extract {
namespace {

std::vector<std::string_view> Views(const std::vector<std::string>& tokens) {
  return std::vector<std::string_view>(tokens.begin(), tokens.end());
}

// Fisher-Yates with SplitMix64: the same order on every platform.
void Shuffle(std::vector<uint32_t>* v, uint64_t seed) {
  uint64_t s = seed;
  for (size_t i = v->size(); i > 1; --i) {
    s += 0x9e3779b97f4a7c15ull;
    size_t j = base::Mix64(s) % i;
    std::swap((*v)[i - 1], (*v)[j]);
  }
}

// Features for `sentences`, with the lexicon features of fold f computed from the lexicon
// of the other folds.
std::vector<TrainingExample> Featurize(const std::vector<const ConllSentence*>& sentences,
                                       const FeatureExtractor& fx, const WordClusters* clusters,
                                       int folds, bool use_lexicon) {
  std::vector<TrainingExample> out(sentences.size());
  std::vector<Gazetteer> fold_lex(folds);
  for (int f = 0; f < folds; ++f) {
    std::vector<const ConllSentence*> others;
    for (size_t i = 0; i < sentences.size(); ++i) {
      if (static_cast<int>(i % folds) != f) others.push_back(sentences[i]);
    }
    fold_lex[f] = use_lexicon ? BuildLexicon(others, clusters) : Gazetteer();
  }
  FeatureScratch scratch;
  for (size_t i = 0; i < sentences.size(); ++i) {
    fx.Analyze(Views(sentences[i]->tokens), &scratch);
    fx.Extract(&scratch, &fold_lex[i % folds], &out[i].features);
    out[i].gold = sentences[i]->tags;
  }
  return out;
}

NerModel Train(const std::vector<TrainingExample>& examples, uint32_t hash_bits, int epochs,
               uint64_t seed, const std::function<bool(int, const NerModel&)>& after_epoch) {
  StructuredPerceptron p(1u << hash_bits);
  std::vector<uint32_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0);
  NerModel m;
  m.hash_bits = hash_bits;
  for (int e = 1; e <= epochs; ++e) {
    Shuffle(&order, seed + static_cast<uint64_t>(e));
    for (uint32_t i : order) p.Learn(examples[i]);
    if (after_epoch) {
      p.Averaged(&m.weights, &m.transitions);
      if (!after_epoch(e, m)) break;
    }
  }
  p.Averaged(&m.weights, &m.transitions);
  return m;
}

}  // namespace

Gazetteer BuildLexicon(const std::vector<const ConllSentence*>& sentences,
                       const WordClusters* clusters) {
  Gazetteer lex;
  for (const ConllSentence* s : sentences) {
    for (const Chunk& c : ExtractChunks(s->tags)) {
      std::vector<std::string> words;
      for (int i = c.start; i < c.end; ++i) words.push_back(Fold(s->tokens[i]));
      if (words.empty()) continue;
      words[0] = BestCliticSplit(words[0], clusters, &Gazetteer::Builtin()).base;
      lex.AddPhrase(words, c.type);
    }
  }
  return lex;
}

void EvaluateNer(const NerModel& model, const std::vector<ConllSentence>& sentences,
                 ConllScorer* scorer) {
  FeatureExtractor fx(&model.clusters, &Gazetteer::Builtin(), &model.lexicon, model.hash_bits);
  NerTagger::Scratch s;
  std::vector<Tag> tags;
  for (const ConllSentence& sent : sentences) {
    fx.Compute(Views(sent.tokens), &s.features, &s.ids);
    ComputeEmissions(model.weights.data(), s.ids, &s.emissions);
    ViterbiDecode(s.emissions.data(), static_cast<int>(sent.tokens.size()),
                  model.transitions.data(), &tags, &s.viterbi);
    scorer->Add(sent.tags, tags);
  }
}

Result<NerModel> TrainNer(const NerTrainOptions& options, NerTrainReport* report) {
  NerTrainOptions o = options;
  if (const char* f = std::getenv("RASD_NER_FOLDS")) o.jackknife_folds = std::atoi(f);
  if (std::getenv("RASD_NER_NOLEX")) o.use_lexicon = false;
  auto log = [&](const std::string& m) {
    if (o.log) o.log(m);
  };
  RASD_ASSIGN_OR_RETURN(std::vector<ConllSentence> all, ReadConllFile(o.train_path));
  if (all.size() < 10) return Status::InvalidArgument(o.train_path + ": too few sentences to train on");
  WordClusters clusters;
  if (!o.clusters_path.empty()) {
    RASD_ASSIGN_OR_RETURN(clusters, WordClusters::Load(o.clusters_path));
  }
  const size_t n_dev = static_cast<size_t>(static_cast<double>(all.size()) * o.dev_fraction);
  const size_t n_train = all.size() - n_dev;
  std::vector<const ConllSentence*> train, everything;
  for (size_t i = 0; i < all.size(); ++i) {
    everything.push_back(&all[i]);
    if (i < n_train) train.push_back(&all[i]);
  }
  std::vector<ConllSentence> dev(all.begin() + static_cast<long>(n_train), all.end());
  log("read " + std::to_string(all.size()) + " sentences: " + std::to_string(n_train) +
      " train, " + std::to_string(n_dev) + " dev; " + std::to_string(clusters.size()) +
      " clustered words");

  int best_epochs = o.max_epochs;
  double best_f1 = -1;
  if (n_dev > 0) {
    Gazetteer train_lex = o.use_lexicon ? BuildLexicon(train, &clusters) : Gazetteer();
    FeatureExtractor fx(&clusters, &Gazetteer::Builtin(), &train_lex, o.hash_bits);
    std::vector<TrainingExample> ex = Featurize(train, fx, &clusters, o.jackknife_folds, o.use_lexicon);
    int since_best = 0;
    NerModel dev_model = Train(ex, o.hash_bits, o.max_epochs, o.seed, [&](int e, const NerModel& m) {
      NerModel probe;
      probe.hash_bits = o.hash_bits;
      probe.weights = m.weights;
      probe.transitions = m.transitions;
      probe.clusters = clusters;
      probe.lexicon = train_lex;
      ConllScorer scorer;
      EvaluateNer(probe, dev, &scorer);
      double f1 = scorer.overall().F1();
      char line[160];
      std::snprintf(line, sizeof line, "epoch %2d: dev P %.2f R %.2f F1 %.2f", e,
                    scorer.overall().Precision(), scorer.overall().Recall(), f1);
      log(line);
      if (f1 > best_f1) {
        best_f1 = f1;
        best_epochs = e;
        since_best = 0;
      } else if (++since_best >= 4) {
        return false;  // no gain for 4 epochs
      }
      return true;
    });
    (void)dev_model;
  }
  if (report) {
    report->best_epochs = best_epochs;
    report->dev_f1 = best_f1;
    report->train_sentences = n_train;
    report->dev_sentences = n_dev;
  }
  const auto& final_set = o.final_on_all ? everything : train;
  log("training the final model on " + std::to_string(final_set.size()) + " sentences for " +
      std::to_string(best_epochs) + " epochs");
  Gazetteer lex = o.use_lexicon ? BuildLexicon(final_set, &clusters) : Gazetteer();
  FeatureExtractor fx(&clusters, &Gazetteer::Builtin(), &lex, o.hash_bits);
  std::vector<TrainingExample> ex = Featurize(final_set, fx, &clusters, o.jackknife_folds, o.use_lexicon);
  NerModel m = Train(ex, o.hash_bits, best_epochs, o.seed, nullptr);
  m.clusters = std::move(clusters);
  m.lexicon = std::move(lex);
  m.analyzer_fingerprint = AnalyzerFingerprint();
  char desc[256];
  std::snprintf(desc, sizeof desc,
                "averaged perceptron, %d epochs (best on dev: F1 %.2f on %zu held-out sentences), "
                "%zu training sentences, 2^%u feature rows",
                best_epochs, best_f1, n_dev, final_set.size(), o.hash_bits);
  m.description = desc;
  return m;
}

}  // namespace rasd::extract
