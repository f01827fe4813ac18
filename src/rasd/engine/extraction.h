// Extraction as the front ends see it: who is named in an article, who said what, which
// dates it mentions (rasd::extract does the work; this is the stable façade), plus the
// training entry points of `rasd train`.
//
// JSON shape of one article (a contract: scripts outside the project depend on it; `rasd
// extract --json` prints one such object per article, one per line):
//   {"id": "...",                      // the input id ("" for plain text without one)
//    "entities": [                      // every mention, in text order
//      {"text": "الخامنئي",             // the name as written, without attached proclitics
//                                       // or leading titles (للخامنئي -> الخامنئي)
//       "type": "PERS|LOC|ORG|MISC",
//       "start": 123, "end": 139,       // byte range of "text" in the article text
//       "canonical": "علي الخامنئي",    // the entity's canonical name (variants merged)
//       "entity_id": "9f0c2a41d3b7e655"}],  // stable id: hash of the normalised canonical
//    "quotes": [
//      {"speaker": "سماحته",            // the mention that names the speaker, as written
//                                       // ("" when the sentence names nobody)
//       "speaker_canonical": "علي الخامنئي",  // the resolved entity's canonical name ("" if
//                                       // unresolved; never a pronoun or a bare title)
//       "speaker_id": "9f0c...",        // entity id of the speaker ("" if unresolved)
//       "speaker_start": 10, "speaker_end": 16,   // byte range of "speaker" (0,0 if none)
//       "verb": "وأضاف",                // the speech verb as written ("" if none)
//       "quote": "علينا أن نرصد ...",   // the quoted or reported content
//       "direct": true,                 // direct quotation vs reported speech
//       "kind": "direct|reported",
//       "start": 200, "end": 420}],     // byte range of "quote"
//    "dates": [
//      {"text": "الثلاثاء", "start": 5, "end": 21,
//       "value": "2018-05-08",          // ISO 8601 date, or "YYYY-MM" / "YYYY" when partial,
//                                       // "" when a relative day has no article date
//       "kind": "absolute|relative|hijri"}]}
// Byte offsets index the text that was given: for a JSONL article, the "body" field (the
// title is not analysed), for a plain-text file the whole file.
//
// Thread-safety: an Extractor is immutable after Open; Extract may be called from many
// threads at once (each call uses its own scratch). Errors are values: Open fails with the
// model loader's Status (NotFound, Corruption naming the file, NotSupported).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/base/result.h"

namespace rasd::extract {
class ArticleExtractor;
}

namespace rasd::engine {

struct ExtractedEntity {
  std::string text;
  std::string type;  // "PERS", "LOC", "ORG", "MISC"
  uint32_t start = 0, end = 0;
  std::string canonical;
  std::string entity_id;
};

struct ExtractedQuote {
  std::string speaker;
  std::string speaker_canonical;
  std::string speaker_id;
  uint32_t speaker_start = 0, speaker_end = 0;
  std::string verb;
  std::string quote;
  bool direct = false;
  uint32_t start = 0, end = 0;
};

struct ExtractedDate {
  std::string text;
  uint32_t start = 0, end = 0;
  std::string value;
  std::string kind;  // "absolute", "relative", "hijri"
};

struct ArticleExtraction {
  std::string id;
  std::vector<ExtractedEntity> entities;
  std::vector<ExtractedQuote> quotes;
  std::vector<ExtractedDate> dates;
};

struct ArticleInput {
  std::string_view id;
  std::string_view text;  // the body (or the whole plain text)
  std::string_view date;  // ISO 8601 date of the article ("" if unknown): resolves أمس etc.
};

struct ExtractorOptions {
  std::string model_path;  // "" = the shipped models/ner.model (see DefaultNerModelPath)
};

class Extractor {
 public:
  ~Extractor();
  static Result<std::unique_ptr<Extractor>> Open(const ExtractorOptions& options = {});

  // Extracts one article, from the first kMaxExtractedBodyBytes of its text (engine.h). Any
  // bytes are accepted (invalid UTF-8 is skipped over).
  ArticleExtraction Extract(const ArticleInput& article) const;

  // A one-line description of the loaded model (for --help and logs), and whether it was
  // trained with the text analyser this build links (false means: retrain).
  std::string ModelDescription() const;
  bool ModelMatchesAnalyzer() const;

 private:
  Extractor();
  std::unique_ptr<extract::ArticleExtractor> impl_;
};

// Appends the JSON object described above (no trailing newline).
void AppendExtractionJson(const ArticleExtraction& extraction, std::string* out);

// The stable entity id of a name as a user types it (titles dropped, letters folded), so
// that `entity:"علي الخامنئي"` finds what extraction stored.
std::string EntityIdForName(std::string_view name);

std::string DefaultNerModelPath();
std::string DefaultClustersPath();
std::string DefaultSharedDir();

// `rasd train ner`: trains from a CoNLL file (default: ANERcorp train in the shared data)
// with the word clusters (default: models/word_clusters.tsv) and a sample of the shared
// news corpora (the document stage's corpus tag profiles, extract/corpus_tags.h) and writes
// the model. Returns a summary (best epoch count, dev F1). Deterministic.
struct NerTrainingOptions {
  std::string train_path;     // "" = <shared>/data/ner/anercorp/train.conll
  std::string clusters_path;  // "" = DefaultClustersPath(); "none" = no clusters
  std::string vectors_path;   // "" = DefaultVectorsPath(); "none" = no word vectors
  std::string out_path;       // "" = DefaultNerModelPath()
  int max_epochs = 20;
  uint32_t hash_bits = 20;
  std::function<void(const std::string&)> log;
};
Result<std::string> TrainNerModel(const NerTrainingOptions& options);

// `rasd train clusters`: builds the word-cluster file from JSONL news corpora (default: the
// three corpora in <shared>/data/news/). Deterministic.
struct ClusterTrainingOptions {
  std::vector<std::string> corpus_paths;
  std::string out_path;  // "" = DefaultClustersPath()
  // The word vectors (word_vectors.h) trained on the same corpora; "" =
  // DefaultVectorsPath(), "none" = not trained.
  std::string vectors_out_path;
  std::function<void(const std::string&)> log;
};
Status TrainWordClusters(const ClusterTrainingOptions& options);

// Scores a model on a CoNLL file; returns a conlleval-style report.
Result<std::string> EvaluateNerModel(const std::string& model_path, const std::string& conll_path);

// Calls fn(line, line_number) for each line of a plain or .zst file ("-" = standard
// input), for the front ends' JSONL and CoNLL readers. Stops at the first error.
Status ForEachInputLine(const std::string& path,
                        const std::function<Status(std::string_view, size_t)>& fn);

// `rasd tag --conll`: tags sentences of tokens that mark no articles, each with the
// sentences around it as its document (extract/conll_tagging.h); one tag name per token.
class ConllTagger {
 public:
  ~ConllTagger();
  static Result<std::unique_ptr<ConllTagger>> Open(const std::string& model_path = "");
  // Sentences that a piece given to Tag needs on either side.
  static size_t Context();
  // Sentences a caller reading a long input should tag at a time (besides the context, which
  // each piece tags again): extract/conll_tagging.h kConllPiece.
  static size_t Piece();
  // Tags sentences [begin, end) of `sentences`; the others are context only. A long input
  // tagged in pieces, each with Context() sentences on either side where the input has them,
  // gets the tags the whole input would. One vector per sentence of [begin, end), a range
  // cut to the input.
  std::vector<std::vector<std::string>> Tag(const std::vector<std::vector<std::string>>& sentences,
                                            size_t begin, size_t end) const;

 private:
  ConllTagger();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rasd::engine
