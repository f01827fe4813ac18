// The extraction façade; see extraction.h.
#include "rasd/engine/extraction.h"

#include <cstdio>

#include "rasd/base/env.h"
#include "rasd/base/json.h"
#include "rasd/base/macros.h"
#include "rasd/engine/engine.h"
#include "rasd/extract/article_extractor.h"
#include "rasd/extract/conll.h"
#include "rasd/extract/conll_eval.h"
#include "rasd/extract/conll_tagging.h"
#include "rasd/extract/corpus_reader.h"
#include "rasd/extract/entity_linker.h"
#include "rasd/extract/ner_trainer.h"
#include "rasd/extract/paths.h"
#include "rasd/extract/word_clusters.h"
#include "rasd/extract/word_vectors.h"
#include "rasd/text/utf8.h"

namespace rasd::engine {

Extractor::Extractor() = default;
Extractor::~Extractor() = default;

Result<std::unique_ptr<Extractor>> Extractor::Open(const ExtractorOptions& options) {
  const std::string path =
      options.model_path.empty() ? extract::DefaultNerModelPath() : options.model_path;
  RASD_ASSIGN_OR_RETURN(auto tagger, extract::NerTagger::Open(path));
  std::unique_ptr<Extractor> e(new Extractor());
  e->impl_ = std::make_unique<extract::ArticleExtractor>(std::move(tagger));
  return e;
}

std::string Extractor::ModelDescription() const { return impl_->tagger().model().description; }
bool Extractor::ModelMatchesAnalyzer() const { return impl_->tagger().model().AnalyzerMatches(); }

ArticleExtraction Extractor::Extract(const ArticleInput& article) const {
  extract::ArticleResult r;
  // The first kMaxExtractedBodyBytes, cut at a character: extraction's working memory grows
  // with the text (some 400 bytes per byte of a 35 MB body), and no news article comes near
  // the limit.
  impl_->Extract(text::Utf8Prefix(article.text, kMaxExtractedBodyBytes), article.date, &r);
  ArticleExtraction out;
  out.id = std::string(article.id);
  for (const extract::EntityMention& m : r.entities) {
    ExtractedEntity e;
    e.text = m.text;
    e.type = std::string(extract::EntityTypeName(m.type));
    e.start = m.start;
    e.end = m.end;
    e.canonical = m.canonical;
    e.entity_id = m.entity_id;
    out.entities.push_back(std::move(e));
  }
  for (const extract::Quote& q : r.quotes) {
    ExtractedQuote o;
    o.speaker = q.speaker;
    o.speaker_canonical = q.speaker_canonical;
    o.speaker_id = q.speaker_id;
    o.speaker_start = q.speaker_start;
    o.speaker_end = q.speaker_end;
    o.verb = q.verb;
    o.quote = q.text;
    o.direct = q.direct;
    o.start = q.start;
    o.end = q.end;
    out.quotes.push_back(std::move(o));
  }
  for (const extract::DateMention& d : r.dates) {
    ExtractedDate o;
    o.start = d.start;
    o.end = d.end;
    o.text = std::string(article.text.substr(d.start, d.end - d.start));
    o.value = d.value;
    o.kind = std::string(extract::DateKindName(d.kind));
    out.dates.push_back(std::move(o));
  }
  return out;
}

void AppendExtractionJson(const ArticleExtraction& x, std::string* out) {
  base::JsonWriter w(out);
  w.BeginObject().Key("id").String(x.id).Key("entities").BeginArray();
  for (const ExtractedEntity& e : x.entities) {
    w.BeginObject()
        .Key("text")
        .String(e.text)
        .Key("type")
        .String(e.type)
        .Key("start")
        .Uint(e.start)
        .Key("end")
        .Uint(e.end)
        .Key("canonical")
        .String(e.canonical)
        .Key("entity_id")
        .String(e.entity_id)
        .EndObject();
  }
  w.EndArray().Key("quotes").BeginArray();
  for (const ExtractedQuote& q : x.quotes) {
    w.BeginObject()
        .Key("speaker")
        .String(q.speaker)
        .Key("speaker_canonical")
        .String(q.speaker_canonical)
        .Key("speaker_id")
        .String(q.speaker_id)
        .Key("speaker_start")
        .Uint(q.speaker_start)
        .Key("speaker_end")
        .Uint(q.speaker_end)
        .Key("verb")
        .String(q.verb)
        .Key("quote")
        .String(q.quote)
        .Key("direct")
        .Bool(q.direct)
        .Key("kind")
        .String(q.direct ? "direct" : "reported")
        .Key("start")
        .Uint(q.start)
        .Key("end")
        .Uint(q.end)
        .EndObject();
  }
  w.EndArray().Key("dates").BeginArray();
  for (const ExtractedDate& d : x.dates) {
    w.BeginObject()
        .Key("text")
        .String(d.text)
        .Key("start")
        .Uint(d.start)
        .Key("end")
        .Uint(d.end)
        .Key("value")
        .String(d.value)
        .Key("kind")
        .String(d.kind)
        .EndObject();
  }
  w.EndArray().EndObject();
}

std::string EntityIdForName(std::string_view name) {
  extract::EntityLinker linker(nullptr);
  std::string joined;
  for (const std::string& w : linker.NameWords(name)) {
    if (!joined.empty()) joined += ' ';
    joined += w;
  }
  return extract::EntityId(joined);
}

std::string DefaultNerModelPath() { return extract::DefaultNerModelPath(); }
std::string DefaultClustersPath() { return extract::DefaultClustersPath(); }
std::string DefaultSharedDir() { return extract::DefaultSharedDir(); }

namespace {

// The unlabelled news of `rasd train clusters` and of the tagger's corpus tag profiles.
std::vector<std::string> DefaultNewsPaths() {
  const std::string news = extract::DefaultSharedDir() + "/data/news/";
  return {news + "ant_multisource_v2.1.jsonl.zst", news + "saudinewsnet.jsonl.zst",
          news + "ant_jawharafm_v1.1.jsonl.zst"};
}

}  // namespace

Result<std::string> TrainNerModel(const NerTrainingOptions& options) {
  extract::NerTrainOptions o;
  o.train_path = options.train_path.empty()
                     ? extract::DefaultSharedDir() + "/data/ner/anercorp/train.conll"
                     : options.train_path;
  o.clusters_path = options.clusters_path.empty()     ? extract::DefaultClustersPath()
                    : options.clusters_path == "none" ? std::string()
                                                      : options.clusters_path;
  o.vectors_path = options.vectors_path.empty()     ? extract::DefaultVectorsPath()
                   : options.vectors_path == "none" ? std::string()
                                                    : options.vectors_path;
  o.corpus_paths = DefaultNewsPaths();
  o.max_epochs = options.max_epochs;
  o.hash_bits = options.hash_bits;
  o.log = options.log;
  extract::NerTrainReport report;
  RASD_ASSIGN_OR_RETURN(extract::NerModel model, extract::TrainNer(o, &report));
  const std::string out =
      options.out_path.empty() ? extract::DefaultNerModelPath() : options.out_path;
  RASD_RETURN_IF_ERROR(extract::SaveNerModel(model, out));
  return "wrote " + out + ": " + model.description;
}

Status TrainWordClusters(const ClusterTrainingOptions& options) {
  std::vector<std::string> paths = options.corpus_paths;
  if (paths.empty()) paths = DefaultNewsPaths();
  // Both models read the corpora through this, once each; the last read's error is kept.
  Status read_status;
  auto each_sentence = [&](const std::function<void(const std::vector<std::string>&)>& fn) {
    read_status = extract::ForEachCorpusSentence(paths, fn);
  };
  extract::ClusterOptions co;
  co.log = options.log;
  extract::WordClusters wc = extract::BuildWordClusters(each_sentence, co);
  RASD_RETURN_IF_ERROR(read_status);
  const std::string out =
      options.out_path.empty() ? extract::DefaultClustersPath() : options.out_path;
  RASD_RETURN_IF_ERROR(base::WriteFileAtomically(base::Env::Default(), wc.Serialize(), out));
  if (options.vectors_out_path == "none") return Status::OK();
  // A second pass over the corpora: interning them again costs about a minute, holding
  // the first pass's sentences for both would cost gigabytes.
  extract::VectorOptions vo;
  vo.log = options.log;
  extract::WordVectors wv = extract::BuildWordVectors(each_sentence, vo);
  RASD_RETURN_IF_ERROR(read_status);
  const std::string vectors_out = options.vectors_out_path.empty() ? extract::DefaultVectorsPath()
                                                                   : options.vectors_out_path;
  return base::WriteFileAtomically(base::Env::Default(), wv.Serialize(), vectors_out);
}

Result<std::string> EvaluateNerModel(const std::string& model_path, const std::string& conll_path) {
  RASD_ASSIGN_OR_RETURN(
      extract::NerModel model,
      extract::LoadNerModel(model_path.empty() ? extract::DefaultNerModelPath() : model_path));
  RASD_ASSIGN_OR_RETURN(auto sentences, extract::ReadConllFile(conll_path));
  extract::ConllScorer scorer;
  extract::EvaluateNer(model, sentences, &scorer);
  std::string report = scorer.Report();
  if (!model.AnalyzerMatches()) {
    report +=
        "note: the model was trained with another version of the text analyser; "
        "rerun `rasd train ner`\n";
  }
  return report;
}

Status ForEachInputLine(const std::string& path,
                        const std::function<Status(std::string_view, size_t)>& fn) {
  return extract::ForEachLine(path, fn);
}

struct ConllTagger::Impl {
  std::unique_ptr<extract::NerTagger> tagger;
};
ConllTagger::ConllTagger() = default;
ConllTagger::~ConllTagger() = default;

Result<std::unique_ptr<ConllTagger>> ConllTagger::Open(const std::string& model_path) {
  RASD_ASSIGN_OR_RETURN(
      auto tagger,
      extract::NerTagger::Open(model_path.empty() ? extract::DefaultNerModelPath() : model_path));
  std::unique_ptr<ConllTagger> t(new ConllTagger());
  t->impl_ = std::make_unique<Impl>();
  t->impl_->tagger = std::move(tagger);
  return t;
}

size_t ConllTagger::Context() { return extract::kConllContext; }

size_t ConllTagger::Piece() { return extract::kConllPiece; }

std::vector<std::vector<std::string>> ConllTagger::Tag(
    const std::vector<std::vector<std::string>>& sentences, size_t begin, size_t end) const {
  std::vector<std::vector<std::string_view>> views;
  views.reserve(sentences.size());
  for (const std::vector<std::string>& s : sentences) views.emplace_back(s.begin(), s.end());
  end = std::min(end, sentences.size());  // a range past the input is cut to it
  begin = std::min(begin, end);
  std::vector<std::vector<extract::Tag>> tags;
  extract::NerTagger::DocumentScratch scratch;
  extract::ConllRunScratch run;
  extract::TagConllRun(*impl_->tagger, views, begin, end, &tags, &scratch, &run);
  std::vector<std::vector<std::string>> out(tags.size());
  for (size_t j = 0; j < tags.size(); ++j) {
    for (extract::Tag t : tags[j]) out[j].emplace_back(extract::TagName(t));
  }
  return out;
}

}  // namespace rasd::engine
