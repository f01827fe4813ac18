// TREC-style effectiveness metrics; definitions in ir_metrics.h.
#include "rasd/cli/ir_metrics.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <set>

#include "rasd/base/macros.h"

namespace rasd::cli {
namespace {

bool IsNoAnswer(const std::map<std::string, int>& judgments) {
  auto it = judgments.find(std::string(kNoAnswerDocId));
  return it != judgments.end() && it->second > 0;
}

size_t CountRelevant(const std::map<std::string, int>& judgments) {
  size_t r = 0;
  for (const auto& [doc, rel] : judgments) {
    if (rel > 0 && doc != kNoAnswerDocId) ++r;
  }
  return r;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::vector<std::string_view> SplitFields(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

// Calls fn(line_number, fields) for every line of `text` that is neither blank nor a '#'
// comment, stopping at the first error fn returns.
template <typename Fn>
Status ForEachRecord(std::string_view text, Fn&& fn) {
  size_t line_number = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    auto fields = SplitFields(line);
    if (fields.empty() || fields[0].front() == '#') continue;
    RASD_RETURN_IF_ERROR(fn(line_number, fields));
  }
  return Status::OK();
}

}  // namespace

bool IsEvaluated(const std::map<std::string, int>& judgments) {
  return IsNoAnswer(judgments) || CountRelevant(judgments) > 0;
}

QueryMetrics EvaluateQuery(const std::vector<std::string>& ranking,
                           const std::map<std::string, int>& judgments) {
  QueryMetrics m;
  const size_t r = CountRelevant(judgments);
  if (r == 0 && IsNoAnswer(judgments)) {
    // Abstaining (nothing, or "-1" first) is the right answer; anything else is wrong.
    m.no_answer = true;
    const bool abstained = ranking.empty() || ranking.front() == kNoAnswerDocId;
    const double v = abstained ? 1.0 : 0.0;
    m.ap = m.ndcg10 = m.rr10 = m.recall10 = m.recall100 = v;
    m.first_rank = abstained ? 1 : 0;
    return m;
  }
  m.relevant = r;
  if (r == 0) return m;

  std::set<std::string_view> seen;
  size_t hits = 0, hits10 = 0, hits100 = 0, rank = 0;
  double sum_precision = 0, dcg = 0;
  for (const std::string& doc : ranking) {
    if (!seen.insert(doc).second) continue;  // a repeated id counts once, at its first rank
    ++rank;
    auto it = judgments.find(doc);
    const int rel = (it == judgments.end() || doc == kNoAnswerDocId) ? 0 : it->second;
    if (rel <= 0) continue;
    ++hits;
    sum_precision += static_cast<double>(hits) / static_cast<double>(rank);
    if (rank <= 10) {
      ++hits10;
      dcg += static_cast<double>(rel) / std::log2(static_cast<double>(rank) + 1.0);
      if (m.first_rank == 0) m.rr10 = 1.0 / static_cast<double>(rank);
    }
    if (rank <= 100) ++hits100;
    if (m.first_rank == 0) m.first_rank = rank;
  }
  std::vector<int> gains;
  for (const auto& [doc, rel] : judgments) {
    if (rel > 0 && doc != kNoAnswerDocId) gains.push_back(rel);
  }
  std::sort(gains.begin(), gains.end(), std::greater<int>());
  double idcg = 0;
  for (size_t i = 0; i < gains.size() && i < 10; ++i) {
    idcg += static_cast<double>(gains[i]) / std::log2(static_cast<double>(i) + 2.0);
  }
  m.ap = sum_precision / static_cast<double>(r);
  m.ndcg10 = idcg > 0 ? dcg / idcg : 0.0;
  m.recall10 = static_cast<double>(hits10) / static_cast<double>(r);
  m.recall100 = static_cast<double>(hits100) / static_cast<double>(r);
  return m;
}

SetMetrics EvaluateRun(const Run& run, const Qrels& qrels,
                       std::map<std::string, QueryMetrics>* per_query) {
  SetMetrics s;
  static const std::vector<std::string> kEmpty;
  for (const auto& [qid, judgments] : qrels) {
    if (!IsEvaluated(judgments)) continue;
    auto it = run.find(qid);
    const bool answered = it != run.end();
    QueryMetrics m;
    if (answered) {
      m = EvaluateQuery(it->second, judgments);
    } else {
      // No ranking at all: 0 on every metric (trec_eval -c), also for a no-answer query, since
      // a missing query is a failure of the run, not an abstention.
      m.relevant = CountRelevant(judgments);
      m.no_answer = m.relevant == 0;
      ++s.unanswered;
    }
    ++s.queries;
    if (m.no_answer) ++s.no_answer;
    s.map += m.ap;
    s.ndcg10 += m.ndcg10;
    s.mrr10 += m.rr10;
    s.recall10 += m.recall10;
    s.recall100 += m.recall100;
    if (per_query != nullptr) (*per_query)[qid] = m;
  }
  if (s.queries > 0) {
    const double n = static_cast<double>(s.queries);
    s.map /= n;
    s.ndcg10 /= n;
    s.mrr10 /= n;
    s.recall10 /= n;
    s.recall100 /= n;
  }
  return s;
}

std::string TrecEscape(std::string_view field) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(field.size());
  for (char c : field) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '%') {
      const auto b = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 15];
    } else {
      out += c;
    }
  }
  return out;
}

std::string TrecUnescape(std::string_view field) {
  if (field.find('%') == std::string_view::npos) return std::string(field);
  std::string out;
  out.reserve(field.size());
  for (size_t i = 0; i < field.size(); ++i) {
    const int hi = field[i] == '%' && i + 2 < field.size() ? HexValue(field[i + 1]) : -1;
    const int lo = hi >= 0 ? HexValue(field[i + 2]) : -1;
    if (lo >= 0) {
      out += static_cast<char>(hi << 4 | lo);
      i += 2;
    } else {
      out += field[i];
    }
  }
  return out;
}

Result<Qrels> ParseQrels(std::string_view text) {
  Qrels qrels;
  Status s = ForEachRecord(text, [&](size_t line_number, const auto& fields) -> Status {
    if (fields.size() != 4) {
      return Status::InvalidArgument("qrels line " + std::to_string(line_number) +
                                     ": expected 'qid iter docid rel', got " +
                                     std::to_string(fields.size()) + " fields");
    }
    const std::string rel_text(fields[3]);
    char* rest = nullptr;
    errno = 0;
    const long rel = std::strtol(rel_text.c_str(), &rest, 10);
    if (rest == rel_text.c_str() || *rest != '\0') {
      return Status::InvalidArgument("qrels line " + std::to_string(line_number) +
                                     ": relevance '" + rel_text + "' is not an integer");
    }
    // TREC grades are small; one out of int's range was cut to another value in silence.
    if (errno == ERANGE || rel < -1000000 || rel > 1000000) {
      return Status::InvalidArgument("qrels line " + std::to_string(line_number) +
                                     ": relevance '" + rel_text + "' is out of range");
    }
    qrels[TrecUnescape(fields[0])][TrecUnescape(fields[2])] = static_cast<int>(rel);
    return Status::OK();
  });
  if (!s.ok()) return s;
  return qrels;
}

Result<Run> ParseRun(std::string_view text, size_t depth) {
  struct Entry {
    long rank;
    double score;
    size_t order;
    std::string doc;
  };
  std::map<std::string, std::vector<Entry>, std::less<>> entries;
  Status s = ForEachRecord(text, [&](size_t line_number, const auto& fields) -> Status {
    if (fields.size() < 5) {
      return Status::InvalidArgument("run line " + std::to_string(line_number) +
                                     ": expected 'qid Q0 docid rank score tag'");
    }
    const std::string rank_text(fields[3]), score_text(fields[4]);
    char* rest = nullptr;
    const long rank = std::strtol(rank_text.c_str(), &rest, 10);
    if (rest == rank_text.c_str() || *rest != '\0') {
      return Status::InvalidArgument("run line " + std::to_string(line_number) + ": rank '" +
                                     rank_text + "' is not an integer");
    }
    const double score = std::strtod(score_text.c_str(), &rest);
    if (rest == score_text.c_str()) {
      return Status::InvalidArgument("run line " + std::to_string(line_number) + ": score '" +
                                     score_text + "' is not a number");
    }
    auto& list = entries[TrecUnescape(fields[0])];
    list.push_back(Entry{rank, score, list.size(), TrecUnescape(fields[2])});
    return Status::OK();
  });
  if (!s.ok()) return s;
  Run run;
  for (auto& [qid, list] : entries) {
    std::sort(list.begin(), list.end(), [](const Entry& a, const Entry& b) {
      if (a.rank != b.rank) return a.rank < b.rank;
      if (a.score != b.score) return a.score > b.score;
      return a.order < b.order;
    });
    auto& ranking = run[qid];
    for (size_t i = 0; i < list.size() && i < depth; ++i) ranking.push_back(std::move(list[i].doc));
  }
  return run;
}

}  // namespace rasd::cli
