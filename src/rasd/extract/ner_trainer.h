// Training the entity tagger: `rasd train ner` calls TrainNer to reproduce models/ner.model.
//
// Procedure (deterministic: same inputs and options give a byte-identical model):
//   1. Read the CoNLL training file (ANERcorp train only) and the word-cluster file.
//   2. Hold out the last `dev_fraction` of the sentences as a development set.
//   3. Build the training-data lexicon (gazetteer.h) with a k-fold jackknife: the lexicon
//      features of a sentence in fold f come from the entities of the other folds, so the
//      tagger learns how far to trust a lexicon match on names it has NOT seen (at run time
//      the lexicon of the whole training set is used).
//   4. Train the averaged perceptron for up to `max_epochs` passes on the remaining
//      sentences (shuffled each epoch with a fixed seed), scoring the dev set after each
//      epoch (conll_eval.h); the best epoch count is kept.
//   5. Retrain from scratch on ALL training sentences for that many epochs (step 3's
//      jackknife again over all of them), and return that model.
// The test set is never read.
//
// For ablations, the environment variables RASD_NER_FOLDS=N (jackknife folds) and
// RASD_NER_NOLEX=1 (no training-data lexicon) override the options; the shipped model uses
// neither.
//
// Errors: those of reading the inputs (NotFound, IOError, InvalidArgument with the line).
//
// Thread-safety: a function; uses one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "rasd/base/result.h"
#include "rasd/extract/conll.h"
#include "rasd/extract/ner_model.h"

namespace rasd::extract {

struct NerTrainOptions {
  std::string train_path;
  std::string clusters_path;   // empty: no cluster features
  uint32_t hash_bits = 20;
  int max_epochs = 20;
  double dev_fraction = 0.1;
  int jackknife_folds = 5;
  bool use_lexicon = true;       // training-data lexicon features (step 3)
  uint64_t seed = 7;
  bool final_on_all = true;    // step 5; false returns the dev-tuned model itself
  std::function<void(const std::string&)> log;
};

struct NerTrainReport {
  int best_epochs = 0;
  double dev_f1 = 0;           // of the dev-tuned model at best_epochs
  size_t train_sentences = 0;
  size_t dev_sentences = 0;
};

Result<NerModel> TrainNer(const NerTrainOptions& options, NerTrainReport* report);

// Tags `sentences` with `tagger`-equivalent weights of `model` and scores them.
class ConllScorer;
void EvaluateNer(const NerModel& model, const std::vector<ConllSentence>& sentences,
                 ConllScorer* scorer);

// Gold entity phrases of sentences as a lexicon (first word clitic-stripped).
Gazetteer BuildLexicon(const std::vector<const ConllSentence*>& sentences,
                       const WordClusters* clusters);

}  // namespace rasd::extract
