// Training the entity tagger; see ner_trainer.h.
#include "rasd/extract/ner_trainer.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <tuple>
#include <utility>

#include "rasd/base/hash.h"
#include "rasd/base/macros.h"
#include "rasd/extract/clitics.h"
#include "rasd/extract/conll_eval.h"
#include "rasd/extract/corpus_tags.h"
#include "rasd/extract/document_features.h"
#include "rasd/extract/encoder_inputs.h"
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
// of the other folds. `bases` (optional) receives each token's clitic-stripped base.
std::vector<TrainingExample> Featurize(const std::vector<const ConllSentence*>& sentences,
                                       const FeatureExtractor& fx, const WordClusters* clusters,
                                       int folds, bool use_lexicon,
                                       std::vector<std::vector<std::string>>* bases) {
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
  if (bases) bases->assign(sentences.size(), {});
  for (size_t i = 0; i < sentences.size(); ++i) {
    fx.Analyze(Views(sentences[i]->tokens), &scratch);
    fx.Extract(&scratch, &fold_lex[i % folds], &out[i].features);
    out[i].gold = sentences[i]->tags;
    if (bases) {
      for (size_t t = 0; t < sentences[i]->tokens.size(); ++t) (*bases)[i].push_back(scratch.info[t].base);
    }
  }
  return out;
}

// Features of `sentences` as the tagger computes them at run time (lexicon `fx`'s own).
std::vector<TrainingExample> FeaturizePlain(const std::vector<const ConllSentence*>& sentences,
                                            const FeatureExtractor& fx,
                                            std::vector<std::vector<std::string>>* bases) {
  std::vector<TrainingExample> out(sentences.size());
  FeatureScratch scratch;
  bases->assign(sentences.size(), {});
  for (size_t i = 0; i < sentences.size(); ++i) {
    fx.Compute(Views(sentences[i]->tokens), &scratch, &out[i].features);
    out[i].gold = sentences[i]->tags;
    for (size_t t = 0; t < sentences[i]->tokens.size(); ++t) (*bases)[i].push_back(scratch.info[t].base);
  }
  return out;
}

// `bag` perceptrons, each over its own sentence order (the first one's is that of a single
// perceptron, so bag = 1 trains the model of earlier versions), and the mean of their
// averaged weights (perceptron.h MeanAveraged).
NerModel Train(const std::vector<const TrainingExample*>& examples, uint32_t hash_bits, int epochs,
               uint64_t seed, int bag, UpdateRule rule,
               const std::function<bool(int, const NerModel&)>& after_epoch) {
  bag = std::max(1, bag);
  std::vector<StructuredPerceptron> ps;
  ps.reserve(static_cast<size_t>(bag));
  for (int b = 0; b < bag; ++b) ps.emplace_back(1u << hash_bits, rule);
  std::vector<std::vector<uint32_t>> orders(static_cast<size_t>(bag), std::vector<uint32_t>(examples.size()));
  for (auto& order : orders) std::iota(order.begin(), order.end(), 0);
  NerModel m;
  m.hash_bits = hash_bits;
  for (int e = 1; e <= epochs; ++e) {
    for (int b = 0; b < bag; ++b) {
      Shuffle(&orders[b], seed + static_cast<uint64_t>(e) + 1000003ull * static_cast<uint64_t>(b));
      for (uint32_t i : orders[b]) ps[b].Learn(*examples[i]);
    }
    if (after_epoch) {
      MeanAveraged(ps, &m.weights, &m.transitions);
      if (!after_epoch(e, m)) break;
    }
  }
  MeanAveraged(ps, &m.weights, &m.transitions);
  return m;
}

std::vector<const TrainingExample*> Pointers(const std::vector<TrainingExample>& ex) {
  std::vector<const TrainingExample*> out;
  for (const auto& e : ex) out.push_back(&e);
  return out;
}

// Best-scoring tag sequences of `examples` under weights/transitions.
std::vector<std::vector<Tag>> Decode(const std::vector<float>& weights,
                                     const std::vector<float>& transitions,
                                     const std::vector<TrainingExample>& examples, size_t from,
                                     size_t to, float bias = 0.f) {
  std::vector<std::vector<Tag>> out;
  std::vector<float> emissions, edges;
  ViterbiScratch vs;
  for (size_t i = from; i < to; ++i) {
    const TrainingExample& ex = examples[i];
    ComputeEmissions(weights.data(), ex.features, &emissions);
    AddRecallBias(bias, &emissions);
    const float* ed = ComputeEdgeScores(weights.data(), ex.features, &edges);
    out.emplace_back();
    ViterbiDecode(emissions.data(), static_cast<int>(ex.gold.size()), transitions.data(),
                  &out.back(), &vs, ed);
  }
  return out;
}

ConllScorer Score(const NerModel& m, const std::vector<TrainingExample>& examples, float bias = 0.f) {
  ConllScorer scorer;
  std::vector<std::vector<Tag>> tags = Decode(m.weights, m.transitions, examples, 0, examples.size(), bias);
  for (size_t i = 0; i < examples.size(); ++i) scorer.Add(examples[i].gold, tags[i]);
  return scorer;
}

// First-stage tags of every example from a model that did not see it: `folds` contiguous
// blocks (neighbouring sentences are often one article), each tagged by a model trained on
// the others for `epochs` epochs.
// `fold_model` (optional) sees each fold's model and its block [lo, hi).
using FoldModelFn = std::function<void(size_t lo, size_t hi, const NerModel& m)>;
std::vector<std::vector<Tag>> JackknifeTags(const std::vector<TrainingExample>& ex,
                                            uint32_t hash_bits, int epochs, uint64_t seed, int bag,
                                            UpdateRule rule, int folds,
                                            const std::function<void(const std::string&)>& log,
                                            const FoldModelFn& fold_model = nullptr) {
  std::vector<std::vector<Tag>> out;
  const size_t n = ex.size();
  for (int f = 0; f < folds; ++f) {
    const size_t lo = n * static_cast<size_t>(f) / static_cast<size_t>(folds);
    const size_t hi = n * static_cast<size_t>(f + 1) / static_cast<size_t>(folds);
    std::vector<const TrainingExample*> others;
    for (size_t i = 0; i < n; ++i) {
      if (i < lo || i >= hi) others.push_back(&ex[i]);
    }
    NerModel m = Train(others, hash_bits, epochs, seed, bag, rule, nullptr);
    std::vector<std::vector<Tag>> part = Decode(m.weights, m.transitions, ex, lo, hi);
    for (auto& t : part) out.push_back(std::move(t));
    if (fold_model) fold_model(lo, hi, m);
    if (log) log("first-stage jackknife fold " + std::to_string(f + 1) + "/" + std::to_string(folds));
  }
  return out;
}

// The BiLSTM encoder's outputs as features of `ex` (the examples of `sentences`, featurised
// by `fx`): each of `folds` contiguous blocks gets the tag probabilities of an encoder
// trained on the other blocks, so the perceptron learns how far to trust them on sentences
// the encoder has not seen (stacking, Wolpert 1992, as the document stage's first-stage
// tags). Returns the encoder trained on all the sentences (for new text).
BiLstm StackEncoder(const std::vector<const ConllSentence*>& sentences, const FeatureExtractor& fx,
                    const NerTrainOptions& o, std::vector<TrainingExample>* ex,
                    const std::function<void(const std::string&)>& log) {
  const size_t n = sentences.size();
  std::vector<std::vector<float>> xs(n);
  std::vector<std::vector<uint8_t>> golds(n);
  FeatureScratch scratch;
  for (size_t i = 0; i < n; ++i) {
    fx.Analyze(Views(sentences[i]->tokens), &scratch);
    fx.EncoderInputs(scratch, sentences[i]->tokens.size(), &xs[i]);
    golds[i].assign(sentences[i]->tags.begin(), sentences[i]->tags.end());
  }
  const BiLstmShape shape{kEncoderInputs, o.encoder_hidden, static_cast<uint32_t>(kNumTags),
                          o.encoder_crf};
  BiLstmTrainOptions to;
  to.epochs = o.encoder_epochs;
  to.input_dropout = o.encoder_dropout;
  to.seed = o.seed + 17;
  auto examples = [&](size_t lo, size_t hi) {
    std::vector<BiLstmExample> out;
    for (size_t i = 0; i < n; ++i) {
      if (i >= lo && i < hi) continue;
      out.push_back({xs[i].data(), golds[i].data(), static_cast<int>(golds[i].size())});
    }
    return out;
  };
  const uint32_t row = fx.aux_row(shape.outputs);
  BiLstmScratch s;
  const int folds = std::max(2, o.stack_folds);
  for (int f = 0; f < folds; ++f) {
    const size_t lo = n * static_cast<size_t>(f) / static_cast<size_t>(folds);
    const size_t hi = n * static_cast<size_t>(f + 1) / static_cast<size_t>(folds);
    BiLstm net = TrainBiLstm(examples(lo, hi), shape, to, log);
    for (size_t i = lo; i < hi; ++i) {
      SentenceFeatures& sf = (*ex)[i].features;
      const int len = static_cast<int>(golds[i].size());
      const float* p = len > 0 ? net.Predict(xs[i].data(), len, &s) : nullptr;
      sf.aux.assign(p, p + static_cast<size_t>(len) * shape.outputs);
      sf.aux_dims = shape.outputs;
      sf.aux_row = row;
    }
    if (log) log("encoder jackknife fold " + std::to_string(f + 1) + "/" + std::to_string(folds));
  }
  BiLstm full = TrainBiLstm(examples(n, n), shape, to, log);
  if (log) log("encoder trained on all " + std::to_string(n) + " sentences");
  return full;
}

// Second-stage examples: each sentence's features plus document features over the window of
// sentences k-window .. k+window.
std::vector<TrainingExample> DocumentExamples(const std::vector<TrainingExample>& ex,
                                              const std::vector<std::vector<std::string>>& bases,
                                              const std::vector<std::vector<Tag>>& first,
                                              int window, uint32_t hash_bits,
                                              const std::vector<const CorpusTagProfiles*>& corpus = {}) {
  std::vector<TrainingExample> out(ex.size());
  DocumentCounts counts;
  std::vector<std::string_view> views;
  const long n = static_cast<long>(ex.size());
  for (long k = 0; k < n; ++k) {
    counts.Clear();
    for (long j = std::max(0L, k - window); j < std::min(n, k + window + 1); ++j) {
      for (size_t i = 0; i < bases[j].size(); ++i) counts.Add(bases[j][i], first[j][i]);
    }
    views.assign(bases[k].begin(), bases[k].end());
    const CorpusTagProfiles* prof = corpus.empty() ? nullptr : corpus[static_cast<size_t>(k)];
    AppendDocumentFeatures(ex[k].features, views, first[k], counts, prof, hash_bits, &out[k].features);
    out[k].gold = ex[k].gold;
  }
  return out;
}

// Out of line: with the Result<WordClusters> temporary inlined into TrainNer, g++ 12 reports a
// spurious -Wfree-nonheap-object.
[[gnu::noinline]] Status LoadClusters(const std::string& path, WordClusters* out) {
  RASD_ASSIGN_OR_RETURN(*out, WordClusters::Load(path));
  return Status::OK();
}

[[gnu::noinline]] Status LoadWordVectors(const std::string& path, WordVectors* out) {
  RASD_ASSIGN_OR_RETURN(*out, WordVectors::Load(path));
  return Status::OK();
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
  if (model.has_vectors()) fx.SetVectors(&model.vectors, model.vector_scale);
  fx.SetEdgeKinds(model.edge_kinds);
  if (model.has_encoder()) fx.SetEncoder(&model.encoder);
  NerTagger::Scratch s;
  std::vector<Tag> tags;
  for (const ConllSentence& sent : sentences) {
    fx.Compute(Views(sent.tokens), &s.features, &s.ids);
    ComputeEmissions(model.weights.data(), s.ids, &s.emissions);
    AddRecallBias(model.recall_bias, &s.emissions);
    const float* edges = ComputeEdgeScores(model.weights.data(), s.ids, &s.edges);
    ViterbiDecode(s.emissions.data(), static_cast<int>(sent.tokens.size()),
                  model.transitions.data(), &tags, &s.viterbi, edges);
    scorer->Add(sent.tags, tags);
  }
}

void EvaluateNerDocuments(const NerModel& model, const std::vector<ConllSentence>& sentences,
                          int window, ConllScorer* scorer) {
  if (!model.has_document_stage()) {
    EvaluateNer(model, sentences, scorer);
    return;
  }
  FeatureExtractor fx(&model.clusters, &Gazetteer::Builtin(), &model.lexicon, model.hash_bits);
  if (model.has_vectors()) fx.SetVectors(&model.vectors, model.vector_scale);
  fx.SetEdgeKinds(model.edge_kinds);
  if (model.has_encoder()) fx.SetEncoder(&model.encoder);
  std::vector<const ConllSentence*> ptrs;
  for (const auto& s : sentences) ptrs.push_back(&s);
  std::vector<std::vector<std::string>> bases;
  std::vector<TrainingExample> ex = FeaturizePlain(ptrs, fx, &bases);
  std::vector<std::vector<Tag>> first = Decode(model.weights, model.transitions, ex, 0, ex.size());
  std::vector<TrainingExample> ex2 = DocumentExamples(
      ex, bases, first, window, model.hash_bits,
      std::vector<const CorpusTagProfiles*>(model.use_corpus_profiles ? ex.size() : 0, model.corpus()));
  std::vector<std::vector<Tag>> tags =
      Decode(model.doc_weights, model.doc_transitions, ex2, 0, ex2.size(), model.doc_recall_bias);
  for (size_t i = 0; i < sentences.size(); ++i) scorer->Add(sentences[i].tags, tags[i]);
}

Result<NerModel> TrainNer(const NerTrainOptions& options, NerTrainReport* report) {
  NerTrainOptions o = options;
  if (const char* f = std::getenv("RASD_NER_FOLDS")) o.jackknife_folds = std::atoi(f);
  if (std::getenv("RASD_NER_NOLEX")) o.use_lexicon = false;
  if (std::getenv("RASD_NER_NODOC")) o.document_stage = false;
  if (const char* w = std::getenv("RASD_NER_WINDOW")) o.document_window = std::atoi(w);
  if (std::getenv("RASD_NER_NOCORPUS")) o.corpus_paths.clear();
  if (const char* e = std::getenv("RASD_NER_CORPUS_EVERY")) o.corpus_every = static_cast<uint32_t>(std::atoi(e));
  if (const char* t = std::getenv("RASD_NER_CORPUS_TOKENS")) o.corpus_max_tokens = static_cast<size_t>(std::atoll(t));
  if (const char* b = std::getenv("RASD_NER_BAG")) o.bag = std::max(1, std::atoi(b));
  if (const char* v = std::getenv("RASD_NER_VECTORS")) o.vectors_path = v;
  if (const char* v = std::getenv("RASD_NER_VEC_SCALE")) o.vector_scale = static_cast<float>(std::atof(v));
  if (const char* b = std::getenv("RASD_NER_DEV_BLOCK")) o.dev_block = std::max(0, std::atoi(b));
  if (const char* h = std::getenv("RASD_NER_LSTM"))
    o.encoder_hidden = static_cast<uint32_t>(std::atoi(h));
  if (const char* e = std::getenv("RASD_NER_LSTM_EPOCHS")) o.encoder_epochs = std::atoi(e);
  if (const char* c = std::getenv("RASD_NER_LSTM_CRF")) o.encoder_crf = std::atoi(c) != 0;
  const UpdateRule rule{o.pa_cost, o.pa_cap};
  auto log = [&](const std::string& m) {
    if (o.log) o.log(m);
  };
  RASD_ASSIGN_OR_RETURN(std::vector<ConllSentence> all, ReadConllFile(o.train_path));
  if (all.size() < 10) return Status::InvalidArgument(o.train_path + ": too few sentences to train on");
  WordClusters clusters;
  if (!o.clusters_path.empty()) RASD_RETURN_IF_ERROR(LoadClusters(o.clusters_path, &clusters));
  WordVectors vectors;
  if (!o.vectors_path.empty() && o.vectors_path != "none") {
    if (Status s = LoadWordVectors(o.vectors_path, &vectors); !s.ok()) {
      return s.WithContext("word vectors (`rasd train clusters` writes them)");
    }
    // RASD_NER_VEC_MINCOUNT=c (experiments): only the words seen at least c times in the
    // news (the cluster file's counts) keep their vectors.
    if (const char* c = std::getenv("RASD_NER_VEC_MINCOUNT")) {
      const uint32_t min = static_cast<uint32_t>(std::atoi(c));
      vectors = vectors.Filtered([&](std::string_view w) { return clusters.Count(w) >= min; });
    }
    log("word vectors: " + std::to_string(vectors.size()) + " words of " +
        std::to_string(vectors.dims()) + " dimensions");
  }
  const size_t n_dev = static_cast<size_t>(static_cast<double>(all.size()) * o.dev_fraction);
  const size_t n_train = all.size() - n_dev;
  // RASD_NER_DEV_BLOCK=k (experiments): the dev set is the k-th of the blocks of n_dev
  // sentences instead of the last, for cross-validated comparisons of features.
  size_t dev_lo = n_train;
  if (o.dev_block >= 0) dev_lo = std::min(n_train, n_dev * static_cast<size_t>(o.dev_block));
  std::vector<const ConllSentence*> train, everything;
  std::vector<ConllSentence> dev;
  for (size_t i = 0; i < all.size(); ++i) {
    everything.push_back(&all[i]);
    if (i >= dev_lo && i < dev_lo + n_dev) {
      dev.push_back(all[i]);
    } else {
      train.push_back(&all[i]);
    }
  }
  TokenCorpus corpus;
  const bool use_corpus = o.document_stage && !o.corpus_paths.empty();
  if (use_corpus) {
    RASD_RETURN_IF_ERROR(LoadTokenCorpus(o.corpus_paths, o.corpus_every, o.corpus_max_tokens, &corpus));
    log("corpus sample for tag profiles: " + std::to_string(corpus.sentences()) + " sentences, " +
        std::to_string(corpus.tokens()) + " tokens, " + std::to_string(corpus.vocab.size()) + " types");
  }
  // Profiles of the corpus sample under the first-stage model `m` whose lexicon is that of
  // `lex_sentences`, for the training sentences [lo, hi) (see corpus_tags.h).
  std::vector<CorpusTagProfiles> fold_profiles;
  // The encoder of the current phase (dev, then final), for the first-stage models that tag
  // the corpus sample.
  const BiLstm* phase_encoder = nullptr;
  auto profile_with = [&](const NerModel& m, const std::vector<const ConllSentence*>& lex_sentences) {
    Gazetteer lex = o.use_lexicon ? BuildLexicon(lex_sentences, &clusters) : Gazetteer();
    FeatureExtractor pfx(&clusters, &Gazetteer::Builtin(), &lex, o.hash_bits);
    if (!vectors.empty()) pfx.SetVectors(&vectors, o.vector_scale);
    pfx.SetEdgeKinds(o.edge_kinds);
    if (phase_encoder != nullptr) pfx.SetEncoder(phase_encoder);
    return ProfileCorpus(corpus, pfx, m.weights, m.transitions);
  };
  // A FoldModelFn for JackknifeTags over `sentences` that fills `per_sentence`.
  auto profile_folds = [&](const std::vector<const ConllSentence*>& sentences,
                           std::vector<const CorpusTagProfiles*>* per_sentence) -> FoldModelFn {
    if (!use_corpus) return nullptr;
    fold_profiles.clear();
    fold_profiles.reserve(static_cast<size_t>(o.stack_folds) + 1);
    per_sentence->assign(sentences.size(), nullptr);
    const std::vector<const ConllSentence*>* sents = &sentences;
    return [&, sents, per_sentence](size_t lo, size_t hi, const NerModel& m) {
      std::vector<const ConllSentence*> others;
      for (size_t i = 0; i < sents->size(); ++i) {
        if (i < lo || i >= hi) others.push_back((*sents)[i]);
      }
      fold_profiles.push_back(profile_with(m, others));
      for (size_t i = lo; i < hi; ++i) (*per_sentence)[i] = &fold_profiles.back();
      log("corpus tag profiles of fold block " + std::to_string(lo) + ".." + std::to_string(hi) +
          ": " + std::to_string(fold_profiles.back().size()) + " words");
    };
  };
  log("read " + std::to_string(all.size()) + " sentences: " + std::to_string(n_train) +
      " train, " + std::to_string(n_dev) + " dev; " + std::to_string(clusters.size()) +
      " clustered words");

  int best_epochs = o.max_epochs, best_doc_epochs = o.max_epochs;
  double best_f1 = -1, best_doc_f1 = -1;
  NerModel best_dev_model;
  // Epoch selection on dev: train for up to max_epochs, stop after 4 epochs without gain.
  auto select = [&](const std::vector<TrainingExample>& ex, const std::vector<TrainingExample>& dev_ex,
                    const char* stage, int* best_e, double* best, NerModel* best_model) {
    int since_best = 0;
    Train(Pointers(ex), o.hash_bits, o.max_epochs, o.seed, o.bag, rule,
          [&](int e, const NerModel& m) {
            ConllScorer scorer = Score(m, dev_ex);
            double f1 = scorer.overall().F1();
            char line[160];
            std::snprintf(line, sizeof line, "%s epoch %2d: dev P %.2f R %.2f F1 %.2f", stage, e,
                          scorer.overall().Precision(), scorer.overall().Recall(), f1);
            log(line);
            if (f1 > *best) {
              *best = f1;
              *best_e = e;
              *best_model = m;
              since_best = 0;
            } else if (++since_best >= 4) {
              return false;
            }
            return true;
          });
  };
  // The recall bias (NerModel::recall_bias) that maximises dev F1 for a trained stage; ties
  // go to the smaller bias.
  float bias1 = 0.f, bias2 = 0.f;
  auto tune_bias = [&](const NerModel& m, const std::vector<TrainingExample>& dev_ex, const char* stage) {
    float best_b = 0.f;
    double best = Score(m, dev_ex).overall().F1();
    for (int k = 1; k <= 10; ++k) {
      const float b = 0.5f * static_cast<float>(k * k);  // 0.5, 2, 4.5 .. 50
      ConllScorer sc = Score(m, dev_ex, b);
      char line[160];
      std::snprintf(line, sizeof line, "%s recall bias %.2f: dev P %.2f R %.2f F1 %.2f", stage, b,
                    sc.overall().Precision(), sc.overall().Recall(), sc.overall().F1());
      log(line);
      if (sc.overall().F1() > best + 1e-9) best = sc.overall().F1(), best_b = b;
    }
    return std::make_pair(best_b, best);
  };
  double best_f1_biased = -1, best_doc_f1_biased = -1;
  if (n_dev > 0) {
    Gazetteer train_lex = o.use_lexicon ? BuildLexicon(train, &clusters) : Gazetteer();
    FeatureExtractor fx(&clusters, &Gazetteer::Builtin(), &train_lex, o.hash_bits);
    if (!vectors.empty()) fx.SetVectors(&vectors, o.vector_scale);
    fx.SetEdgeKinds(o.edge_kinds);
    std::vector<std::vector<std::string>> train_bases, dev_bases;
    std::vector<TrainingExample> ex =
        Featurize(train, fx, &clusters, o.jackknife_folds, o.use_lexicon, &train_bases);
    BiLstm dev_encoder;
    if (o.encoder_hidden > 0) {
      dev_encoder = StackEncoder(train, fx, o, &ex, log);
      fx.SetEncoder(&dev_encoder);
      phase_encoder = &dev_encoder;
    }
    std::vector<const ConllSentence*> dev_ptrs;
    for (const auto& s : dev) dev_ptrs.push_back(&s);
    std::vector<TrainingExample> dev_ex = FeaturizePlain(dev_ptrs, fx, &dev_bases);
    NerModel best1;
    select(ex, dev_ex, "sentence stage", &best_epochs, &best_f1, &best1);
    std::tie(bias1, best_f1_biased) = tune_bias(best1, dev_ex, "sentence stage");
    best1.recall_bias = bias1;
    best1.clusters = clusters;
    best1.vectors = vectors;
    best1.vector_scale = o.vector_scale;
    best1.edge_kinds = o.edge_kinds;
    best1.encoder = dev_encoder;
    best1.lexicon = train_lex;
    if (o.document_stage) {
      std::vector<const CorpusTagProfiles*> train_prof, dev_prof;
      std::vector<std::vector<Tag>> jk =
          JackknifeTags(ex, o.hash_bits, best_epochs, o.seed, o.bag, rule, o.stack_folds, log,
                        profile_folds(train, &train_prof));
      std::vector<TrainingExample> ex2 =
          DocumentExamples(ex, train_bases, jk, o.document_window, o.hash_bits, train_prof);
      std::vector<std::vector<Tag>> dev_first = Decode(best1.weights, best1.transitions, dev_ex, 0, dev_ex.size());
      if (use_corpus) {
        best1.corpus_profiles = profile_with(best1, train);
        best1.use_corpus_profiles = true;
        dev_prof.assign(dev_ex.size(), &best1.corpus_profiles);
      }
      std::vector<TrainingExample> dev2 =
          DocumentExamples(dev_ex, dev_bases, dev_first, o.document_window, o.hash_bits, dev_prof);
      NerModel best2;
      select(ex2, dev2, "document stage", &best_doc_epochs, &best_doc_f1, &best2);
      std::tie(bias2, best_doc_f1_biased) = tune_bias(best2, dev2, "document stage");
      best1.doc_recall_bias = bias2;
      best1.doc_weights = std::move(best2.weights);
      best1.doc_transitions = std::move(best2.transitions);
    }
    best_dev_model = std::move(best1);
  }
  if (report) {
    report->best_epochs = best_epochs;
    report->dev_f1 = best_f1;
    report->doc_epochs = o.document_stage ? best_doc_epochs : 0;
    report->doc_dev_f1 = o.document_stage ? best_doc_f1 : 0;
    report->recall_bias = bias1;
    report->dev_f1_biased = best_f1_biased;
    report->doc_recall_bias = bias2;
    report->doc_dev_f1_biased = best_doc_f1_biased;
    report->train_sentences = n_train;
    report->dev_sentences = n_dev;
  }
  if (o.dev_only) {
    best_dev_model.analyzer_fingerprint = AnalyzerFingerprint();
    return best_dev_model;
  }
  const auto& final_set = o.final_on_all ? everything : train;
  log("training the final model on " + std::to_string(final_set.size()) + " sentences for " +
      std::to_string(best_epochs) + " epochs");
  Gazetteer lex = o.use_lexicon ? BuildLexicon(final_set, &clusters) : Gazetteer();
  FeatureExtractor fx(&clusters, &Gazetteer::Builtin(), &lex, o.hash_bits);
  if (!vectors.empty()) fx.SetVectors(&vectors, o.vector_scale);
  fx.SetEdgeKinds(o.edge_kinds);
  std::vector<std::vector<std::string>> bases;
  std::vector<TrainingExample> ex =
      Featurize(final_set, fx, &clusters, o.jackknife_folds, o.use_lexicon, &bases);
  BiLstm encoder;
  if (o.encoder_hidden > 0) {
    encoder = StackEncoder(final_set, fx, o, &ex, log);
    phase_encoder = &encoder;
  }
  NerModel m = Train(Pointers(ex), o.hash_bits, best_epochs, o.seed, o.bag, rule, nullptr);
  if (o.document_stage) {
    std::vector<const CorpusTagProfiles*> prof;
    std::vector<std::vector<Tag>> jk =
        JackknifeTags(ex, o.hash_bits, best_epochs, o.seed, o.bag, rule, o.stack_folds, log,
                      profile_folds(final_set, &prof));
    std::vector<TrainingExample> ex2 =
        DocumentExamples(ex, bases, jk, o.document_window, o.hash_bits, prof);
    log("training the document stage for " + std::to_string(best_doc_epochs) + " epochs");
    NerModel m2 = Train(Pointers(ex2), o.hash_bits, best_doc_epochs, o.seed, o.bag, rule, nullptr);
    m.doc_weights = std::move(m2.weights);
    m.doc_transitions = std::move(m2.transitions);
    if (use_corpus) {
      m.corpus_profiles = profile_with(m, final_set);
      m.use_corpus_profiles = true;
      log("corpus tag profiles of the final first stage: " + std::to_string(m.corpus_profiles.size()) + " words");
    }
  }
  m.recall_bias = bias1;
  m.doc_recall_bias = o.document_stage ? bias2 : 0.f;
  m.clusters = std::move(clusters);
  m.vectors = std::move(vectors);
  m.vector_scale = o.vector_scale;
  m.edge_kinds = o.edge_kinds;
  m.encoder = std::move(encoder);
  m.lexicon = std::move(lex);
  m.analyzer_fingerprint = AnalyzerFingerprint();
  char desc[500];
  if (o.document_stage) {
    std::snprintf(desc, sizeof desc,
                  "averaged perceptron, %d epochs (best on dev: F1 %.2f on %zu held-out sentences; "
                  "%.2f with recall bias %.2f), document stage %d epochs (dev F1 %.2f; %.2f with "
                  "recall bias %.2f; windows of +-%d sentences), %zu training sentences, 2^%u "
                  "feature rows, %d perceptron orders per model",
                  best_epochs, best_f1, n_dev, best_f1_biased, bias1, best_doc_epochs, best_doc_f1,
                  best_doc_f1_biased, bias2, o.document_window, final_set.size(), o.hash_bits, o.bag);
  } else {
    std::snprintf(desc, sizeof desc,
                  "averaged perceptron, %d epochs (best on dev: F1 %.2f on %zu held-out sentences; "
                  "%.2f with recall bias %.2f), %zu training sentences, 2^%u feature rows",
                  best_epochs, best_f1, n_dev, best_f1_biased, bias1, final_set.size(), o.hash_bits);
  }
  m.description = desc;
  if (o.edge_kinds != 0 || o.pa_cost > 0) {
    std::snprintf(desc, sizeof desc, "; edge feature kinds %u; %s", o.edge_kinds,
                  o.pa_cost > 0 ? "passive-aggressive updates" : "perceptron updates");
    m.description += desc;
    if (o.pa_cost > 0) {
      std::snprintf(desc, sizeof desc, " (loss %g per wrong tag, step at most %g)", o.pa_cost,
                    o.pa_cap);
      m.description += desc;
    }
  }
  if (o.encoder_hidden > 0) {
    std::snprintf(desc, sizeof desc, "; BiLSTM encoder, %u units per direction, %d epochs%s",
                  o.encoder_hidden, o.encoder_epochs, o.encoder_crf ? ", CRF layer" : "");
    m.description += desc;
  }
  return m;
}

}  // namespace rasd::extract
