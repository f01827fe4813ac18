// Retrieval-effectiveness metrics for `rasd eval`: TREC-style definitions, written out here so
// that every number in docs/QUALITY.md can be traced to a formula and a unit test.
//
// Conventions (those of trec_eval 9.x, Buckley & Voorhees):
//   * A document is relevant when its judgment is > 0; unjudged documents are not relevant.
//   * R = the number of relevant documents the qrels list for the query.
//   * AP      = (1/R) * sum over ranks i holding a relevant document of precision@i, over the
//               whole (already truncated) ranking; MAP is its mean.
//   * nDCG@10 = DCG@10 / IDCG@10 with DCG@k = sum_{i<=k} gain_i / log2(i + 1) and gain = the
//               judgment (trec_eval's linear gain; identical to 2^rel - 1 for binary qrels);
//               IDCG sorts every judged relevant document by gain.
//   * MRR@10  = 1 / rank of the first relevant document within the top 10, else 0.
//   * Recall@k = relevant documents in the top k / R.
//   * Queries with no relevant document in the qrels are not evaluated (trec_eval skips them),
//     EXCEPT "no-answer" queries (below). Judged queries missing from the run score 0 on every
//     metric (trec_eval -c), so a system cannot gain by answering nothing.
//   * No-answer queries. Some test collections (Qur'an QA 2023) mark a question whose answer
//     is not in the collection with the document id "-1". Such a query is evaluated as the
//     Qur'an QA 2023 official scorer does: a ranking that is empty or whose first entry is
//     "-1" (an explicit abstention) earns 1 on every metric, any other ranking earns 0.
//     A ranked-retrieval engine never abstains, so these queries cost it what they cost the
//     published baselines, which keeps the numbers comparable with them.
//
// Thread-safety: plain functions over values.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/base/result.h"

namespace rasd::cli {

// The qrels' document id that marks a question without an answer in the collection.
inline constexpr std::string_view kNoAnswerDocId = "-1";

// TREC qrels and run lines are split at white space, so an id or qid that holds some cannot
// stand in them as it is. TrecEscape writes each space, tab, carriage return and '%' of
// `field` as %XX (a space as %20); the parsers below read every %XX back (TrecUnescape), so an
// id survives a run file and a qrels file may name it. Fields without those bytes are
// unchanged.
std::string TrecEscape(std::string_view field);
std::string TrecUnescape(std::string_view field);

// qid -> (docid -> judgment).
using Qrels = std::map<std::string, std::map<std::string, int>, std::less<>>;
// qid -> document ids, best first.
using Run = std::map<std::string, std::vector<std::string>, std::less<>>;

struct QueryMetrics {
  double ap = 0;
  double ndcg10 = 0;
  double rr10 = 0;
  double recall10 = 0;
  double recall100 = 0;
  size_t relevant = 0;       // R (0 for a no-answer query)
  size_t first_rank = 0;     // rank of the first relevant document, 0 when none retrieved
  bool no_answer = false;    // the query is judged "no answer in the collection"
};

struct SetMetrics {
  double map = 0;
  double ndcg10 = 0;
  double mrr10 = 0;
  double recall10 = 0;
  double recall100 = 0;
  size_t queries = 0;     // evaluated queries (the denominators of the means)
  size_t no_answer = 0;   // of which no-answer queries
  size_t unanswered = 0;  // evaluated queries the run has no ranking for
};

// The metrics of one ranking against one query's judgments. `judgments` must hold at least
// one relevant document or the no-answer marker (else every metric is 0).
QueryMetrics EvaluateQuery(const std::vector<std::string>& ranking,
                           const std::map<std::string, int>& judgments);

// True when the query is evaluated: it has a relevant document or is a no-answer query.
bool IsEvaluated(const std::map<std::string, int>& judgments);

// Means over every evaluated query of `qrels` (see the conventions above). `per_query`, when
// not null, receives each evaluated query's metrics.
SetMetrics EvaluateRun(const Run& run, const Qrels& qrels,
                       std::map<std::string, QueryMetrics>* per_query = nullptr);

// Parses TREC qrels text: "qid iter docid rel" per line, whitespace-separated; blank lines and
// lines starting with '#' are skipped. InvalidArgument naming the line for anything else.
Result<Qrels> ParseQrels(std::string_view text);

// Parses a TREC run: "qid Q0 docid rank score tag" per line. Each query's documents are
// ordered by rank (ties: by score descending, then file order) and cut to the first `depth`.
// InvalidArgument naming the line for a malformed one.
Result<Run> ParseRun(std::string_view text, size_t depth);

}  // namespace rasd::cli
