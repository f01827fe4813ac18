// Training the entity tagger: `rasd train ner` calls TrainNer to reproduce models/ner.model.
//
// Procedure (deterministic: same inputs and options give a byte-identical model):
//   1. Read the CoNLL training file (ANERcorp train only), the word-cluster file and the
//      word vectors (word_vectors.h; real-valued features of both stages, shipped in the
//      model).
//   2. Hold out the last `dev_fraction` of the sentences as a development set.
//   3. Build the training-data lexicon (gazetteer.h) with a k-fold jackknife: the lexicon
//      features of a sentence in fold f come from the entities of the other folds, so the
//      tagger learns how far to trust a lexicon match on names it has NOT seen (at run time
//      the lexicon of the whole training set is used).
//   3b. With encoder_hidden > 0: the BiLSTM encoder (bilstm.h) over the tokens'
//      encoder_inputs.h values, trained on the gold tags, gives each token 9 tag
//      probabilities, real-valued features of both stages; a training sentence gets those
//      of an encoder trained without its block (`stack_folds` contiguous blocks), the dev
//      set and the model those of the encoder trained on all the training sentences.
//   4. Sentence stage: train the averaged perceptron for up to `max_epochs` passes on the
//      remaining sentences (shuffled each epoch with a fixed seed; `bag` perceptrons over
//      different orders, their weights averaged), scoring the dev set after
//      each epoch (conll_eval.h); the best epoch count is kept (stop after 4 without gain).
//   5. Document stage (document_features.h, Krishnan & Manning 2006): tag every training
//      sentence with a sentence-stage model trained without its block (`stack_folds`
//      contiguous blocks, best epoch count of step 4), so the second stage learns from
//      first-stage tags as error-prone as on new text; the dev set gets the tags of step 4's
//      model. Windows of +-document_window sentences stand in for articles. Epochs are
//      chosen on dev as in step 4. After each stage's epochs, a recall bias (NerModel::
//      recall_bias) is chosen on dev among 0 and 0.5 k^2 for k = 1..10. With corpus_paths,
//      each jackknifed first-stage model also tags a fixed sample of the unlabelled news and
//      its sentences' document features include those corpus tag profiles (corpus_tags.h);
//      the dev set gets the profiles of step 4's model.
//   6. Retrain both stages from scratch on ALL training sentences for those epoch counts
//      (jackknives of steps 3 and 5 again over all of them; the model carries the corpus tag
//      profiles of its own first stage), and return that model.
// The test set is never read.
//
// For ablations, the environment variables RASD_NER_FOLDS=N (lexicon jackknife folds),
// RASD_NER_NOLEX=1 (no training-data lexicon), RASD_NER_NODOC=1 (no document stage),
// RASD_NER_WINDOW=N (document window), RASD_NER_NOCORPUS=1 (no corpus tag profiles),
// RASD_NER_CORPUS_EVERY=N and RASD_NER_CORPUS_TOKENS=N (the news sample), RASD_NER_BAG=N
// (perceptrons per model), RASD_NER_VECTORS=FILE|none and RASD_NER_VEC_SCALE=X (word
// vectors), RASD_NER_VEC_MINCOUNT=C (only the vectors of words seen C times in the news),
// RASD_NER_LSTM=H, RASD_NER_LSTM_EPOCHS=E and RASD_NER_LSTM_CRF=0|1 (the BiLSTM encoder)
// override the options,
// and RASD_NER_DEV_BLOCK=K holds out the K-th block of dev_fraction of the sentences
// (0-based) instead of the last, for cross-validated comparisons; the shipped model uses
// none.
//
// Errors: those of reading the inputs (NotFound, IOError, InvalidArgument with the line).
//
// Thread-safety: a function; uses one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "rasd/base/result.h"
#include "rasd/extract/conll.h"
#include "rasd/extract/document_features.h"
#include "rasd/extract/features.h"
#include "rasd/extract/ner_model.h"

namespace rasd::extract {

struct NerTrainOptions {
  std::string train_path;
  std::string clusters_path;   // empty: no cluster features
  std::string vectors_path;    // word_vectors.h file; empty or "none": no vector features
  float vector_scale = 1.f;    // FeatureExtractor::SetVectors
  uint32_t hash_bits = 20;
  int max_epochs = 20;
  double dev_fraction = 0.1;
  int jackknife_folds = 5;
  bool use_lexicon = true;       // training-data lexicon features (step 3)
  uint64_t seed = 7;
  // Every model (both stages, every jackknife fold) is the mean of `bag` averaged perceptrons
  // trained on different sentence orders (perceptron.h MeanAveraged); 1 = one perceptron.
  int bag = 3;
  // The document stage (document_features.h): trained on first-stage tags jackknifed over
  // `stack_folds` contiguous blocks, with windows of +-document_window sentences standing in
  // for articles (ANERcorp marks none; its articles average about 17 sentences).
  bool document_stage = true;
  int document_window = kDocumentWindow;
  int stack_folds = 5;
  // Corpus-level stacking (corpus_tags.h): with `corpus_paths` (JSONL news), every
  // `corpus_every`-th sentence of them, up to `corpus_max_tokens` tokens, is tagged by each
  // jackknifed first-stage model and the words' tag profiles become document-stage features.
  std::vector<std::string> corpus_paths;
  uint32_t corpus_every = 4;
  size_t corpus_max_tokens = 4000000;
  // Edge features of both stages (features.h FeatureExtractor::EdgeKind bits; 0: none),
  // stored in the model: the 256-way cluster and the gazetteer flags of the word, each
  // conjoined with the previous tag (issue 5, ninth round; docs/QUALITY.md).
  uint32_t edge_kinds = FeatureExtractor::kEdgeCluster | FeatureExtractor::kEdgeFlags;
  // The update of every perceptron (perceptron.h UpdateRule): pa_cost 0 is the perceptron's
  // step of 1; else passive-aggressive steps (PA-I, Crammer et al. 2006) with loss pa_cost
  // per wrong tag, capped at pa_cap. A loss of 100 per tag against about 2 x 80 features per
  // wrong token keeps the steps of the perceptron's order (at most its 1), so the
  // recall-bias grid still fits the weights' scale.
  float pa_cost = 100.f;
  float pa_cap = 1.f;
  // A BiLSTM encoder (bilstm.h) with `encoder_hidden` units per direction (0: none) over the
  // tokens' encoder_inputs.h values, whose tag probabilities are real-valued features of both
  // stages (issue 5, tenth round). The training sentences get the probabilities of encoders
  // trained without their block (`stack_folds` contiguous blocks, as the document stage's
  // first-stage tags); the model carries the encoder trained on all of them. 16 units: 32
  // scored no better on the dev screen (issue 5, eleventh round), for 20% of the tagger's
  // speed.
  uint32_t encoder_hidden = 16;
  int encoder_epochs = 5;
  float encoder_dropout = 0.2f;
  // The encoder's output layer a linear-chain CRF trained on whole sentences, its marginals
  // the features (bilstm.h BiLstmShape::crf), instead of a per-token softmax. Off: on the
  // 10-fold dev screen with the corpus tag profiles (the shipped setting) the document stage
  // gained 0.04 F1 (4 of 10 blocks; +0.23 without the profiles), and the model it trained
  // lost quote speakers (test strict 66.1 -> 63.6, dev strict 87.3 -> 77.3; issue 5,
  // eleventh round, docs/QUALITY.md).
  bool encoder_crf = false;
  // The dev set is the dev_block-th block of dev_fraction of the sentences (0-based) instead
  // of the last (-1), for cross-validated comparisons (ner_dev --block).
  int dev_block = -1;
  bool final_on_all = true;    // step 5; false returns the dev-tuned model itself
  bool dev_only = false;       // stop after step 4 and return the best dev-phase model
                               // (experiments; trained without the dev sentences)
  std::function<void(const std::string&)> log;
};

struct NerTrainReport {
  int best_epochs = 0;
  double dev_f1 = 0;           // of the dev-tuned model at best_epochs
  int doc_epochs = 0;          // the document stage's (0: none)
  double doc_dev_f1 = 0;
  float recall_bias = 0, doc_recall_bias = 0;  // chosen on dev (NerModel::recall_bias)
  double dev_f1_biased = 0, doc_dev_f1_biased = 0;
  size_t train_sentences = 0;
  size_t dev_sentences = 0;
};

Result<NerModel> TrainNer(const NerTrainOptions& options, NerTrainReport* report);

// Tags `sentences` with `tagger`-equivalent weights of `model` and scores them.
class ConllScorer;
void EvaluateNer(const NerModel& model, const std::vector<ConllSentence>& sentences,
                 ConllScorer* scorer);

// Scores the document stage (sentence stage alone when the model has none): each sentence
// is tagged with the first-stage tags of sentences k-window .. k+window as its document.
void EvaluateNerDocuments(const NerModel& model, const std::vector<ConllSentence>& sentences,
                          int window, ConllScorer* scorer);

// Gold entity phrases of sentences as a lexicon (first word clitic-stripped).
Gazetteer BuildLexicon(const std::vector<const ConllSentence*>& sentences,
                       const WordClusters* clusters);

}  // namespace rasd::extract
