// ANERcorp test: entity-level P/R/F1 (conll_eval.h) of the shipped model, and tagging
// throughput on one core (CPU time of the tagging thread, features + Viterbi, tokens given).
//   ner_eval [MODEL] [TEST.conll]
#include <algorithm>
#include <cstdio>

#include "bench_util.h"
#include "rasd/extract/conll.h"
#include "rasd/extract/conll_eval.h"
#include "rasd/extract/conll_tagging.h"
#include "rasd/extract/name_forms.h"
#include "rasd/extract/name_propagation.h"
#include "rasd/extract/name_spans.h"
#include "rasd/extract/ner_tagger.h"
#include "rasd/extract/ner_trainer.h"

int main(int argc, char** argv) {
  using namespace rasd::extract;
  const std::string model_path = argc > 1 ? argv[1] : rasd::bench::ModelPath();
  const std::string test_path =
      argc > 2 ? argv[2] : rasd::bench::SharedDir() + "/data/ner/anercorp/test.conll";
  auto tagger = NerTagger::Open(model_path);
  if (!tagger.ok()) {
    std::fprintf(stderr, "%s\n", tagger.status().ToString().c_str());
    return 1;
  }
  auto test = ReadConllFile(test_path);
  if (!test.ok()) {
    std::fprintf(stderr, "%s\n", test.status().ToString().c_str());
    return 1;
  }
  ConllScorer scorer;
  EvaluateNer((*tagger)->model(), *test, &scorer);
  std::printf("%s", scorer.Report().c_str());
  std::printf("model: %s\nanalyser matches the model: %s\n", (*tagger)->model().description.c_str(),
              (*tagger)->model().AnalyzerMatches() ? "yes" : "NO (retrain)");
  // The document stage: windows of +-8 sentences stand in for articles (what the trainer
  // selected it on; `rasd extract` gives it the whole article).
  if ((*tagger)->model().has_document_stage()) {
    ConllScorer doc_stage;
    EvaluateNerDocuments((*tagger)->model(), *test, 8, &doc_stage);
    std::printf("== document stage (+-8 sentences as the document)\n%s", doc_stage.Report().c_str());
  }
  // What `rasd tag --conll` does (conll_tagging.h): both stages, each sentence's document
  // the sentences within kDocumentWindow of it, the name-span repairs, then one sense per
  // discourse over the sentences within kConllPropagationWindow of it.
  {
    std::vector<std::vector<std::string_view>> run;
    for (const auto& s : *test) run.emplace_back(s.tokens.begin(), s.tokens.end());
    std::vector<std::vector<Tag>> tags;
    NerTagger::DocumentScratch ds;
    ConllRunScratch conll_scratch;
    TagConllRun(**tagger, run, 0, run.size(), &tags, &ds, &conll_scratch);
    ConllScorer tag_scorer;
    for (size_t k = 0; k < run.size(); ++k) tag_scorer.Add((*test)[k].tags, tags[k]);
    std::printf("== rasd tag --conll (both stages, +-%d sentences as the document, name-span "
                "repairs, one sense per discourse over +-%d)\n%s",
                kDocumentWindow, kConllPropagationWindow, tag_scorer.Report().c_str());
  }
  // What `rasd extract` does per article: both stages over the article (TagDocument), then
  // one-sense-per-discourse propagation. ANERcorp marks no article boundaries, so windows of
  // 30 consecutive sentences stand in for articles.
  {
    ConllScorer doc_scorer;
    const size_t kWindow = 30;
    for (size_t w = 0; w < test->size(); w += kWindow) {
      size_t end = std::min(test->size(), w + kWindow);
      std::vector<Tag> all;
      std::vector<std::string_view> bases;
      std::vector<bool> eligible, starts;
      std::vector<size_t> lengths;
      std::vector<std::vector<std::string_view>> doc;
      for (size_t k = w; k < end; ++k) {
        const auto& s = (*test)[k];
        doc.emplace_back(s.tokens.begin(), s.tokens.end());
      }
      std::vector<std::vector<Tag>> doc_tags;
      NerTagger::DocumentScratch ds;
      (*tagger)->TagDocument(doc, &doc_tags, &ds);
      for (size_t k = 0; k < doc.size(); ++k) {
        const auto& info = ds.infos[k];
        RepairNameSpans(doc[k], info, &doc_tags[k]);
        for (size_t i = 0; i < doc[k].size(); ++i) {
          starts.push_back(i == 0);
          all.push_back(doc_tags[k][i]);
          bases.push_back(info[i].base);
          eligible.push_back(StartsWithLetter(info[i].folded) && MayPropagate(info[i]));
        }
        lengths.push_back(doc[k].size());
      }
      PropagateNames(bases, eligible, starts, &all);
      size_t pos = 0;
      for (size_t k = w; k < end; ++k) {
        std::vector<Tag> pred(all.begin() + pos, all.begin() + pos + lengths[k - w]);
        pos += lengths[k - w];
        doc_scorer.Add((*test)[k].tags, pred);
      }
    }
    std::printf("== rasd extract's pipeline (both stages + name-span repairs + one sense per "
                "discourse; 30-sentence windows as articles)\n%s", doc_scorer.Report().c_str());
    std::printf("summary: P %.2f R %.2f F1 %.2f\n",
                doc_scorer.overall().Precision(), doc_scorer.overall().Recall(),
                doc_scorer.overall().F1());
  }
  // Throughput.
  std::vector<std::vector<std::string_view>> sents;
  long tokens = 0;
  for (const auto& s : *test) {
    sents.emplace_back(s.tokens.begin(), s.tokens.end());
    tokens += static_cast<long>(s.tokens.size());
  }
  NerTagger::Scratch scratch;
  std::vector<Tag> tags;
  for (const auto& s : sents) (*tagger)->Tag(s, &tags, &scratch);  // warm-up
  const int reps = 5;
  double t0 = rasd::bench::ThreadSeconds();
  for (int r = 0; r < reps; ++r)
    for (const auto& s : sents) (*tagger)->Tag(s, &tags, &scratch);
  double secs = rasd::bench::ThreadSeconds() - t0;
  std::printf("throughput: %.0f tokens/s (one core, %ld tokens x %d, %.2f s CPU)\n",
              static_cast<double>(tokens) * reps / secs, tokens, reps, secs);
  // What `rasd tag --conll` runs (TagConllRun, pieces of kConllPiece sentences with their
  // context, as the command reads them).
  {
    NerTagger::DocumentScratch ds;
    ConllRunScratch conll_scratch;
    std::vector<std::vector<Tag>> run_tags;
    auto tag_all = [&] {
      for (size_t b = 0; b < sents.size(); b += kConllPiece) {
        const size_t lo = b > kConllContext ? b - kConllContext : 0;
        const size_t e = std::min(sents.size(), b + kConllPiece);
        const size_t hi = std::min(sents.size(), e + kConllContext);
        std::vector<std::vector<std::string_view>> piece(sents.begin() + static_cast<long>(lo),
                                                         sents.begin() + static_cast<long>(hi));
        TagConllRun(**tagger, piece, b - lo, e - lo, &run_tags, &ds, &conll_scratch);
      }
    };
    tag_all();
    double r0 = rasd::bench::ThreadSeconds();
    for (int r = 0; r < reps; ++r) tag_all();
    double rsecs = rasd::bench::ThreadSeconds() - r0;
    std::printf("rasd tag --conll tagging (both stages, windows, repairs, propagation): %.0f tokens/s (one "
                "core, %.2f s CPU)\n", static_cast<double>(tokens) * reps / rsecs, rsecs);
  }
  // Both stages over documents of 17 sentences (about an ANERcorp article).
  {
    NerTagger::DocumentScratch ds;
    std::vector<std::vector<Tag>> doc_tags;
    std::vector<std::vector<std::vector<std::string_view>>> docs;
    for (size_t k = 0; k < sents.size(); k += 17) {
      docs.emplace_back(sents.begin() + static_cast<long>(k),
                        sents.begin() + static_cast<long>(std::min(sents.size(), k + 17)));
    }
    for (const auto& d : docs) (*tagger)->TagDocument(d, &doc_tags, &ds);
    double d0 = rasd::bench::ThreadSeconds();
    for (int r = 0; r < reps; ++r)
      for (const auto& d : docs) (*tagger)->TagDocument(d, &doc_tags, &ds);
    double dsecs = rasd::bench::ThreadSeconds() - d0;
    std::printf("document tagging (both stages): %.0f tokens/s (one core, %.2f s CPU)\n",
                static_cast<double>(tokens) * reps / dsecs, dsecs);
  }
  return 0;
}
