// The metrics of ir_metrics.h against cases computed by hand (the arithmetic is in the
// comments), including graded judgments, cut-offs, no-answer queries and missing queries.
#include "rasd/cli/ir_metrics.h"

#include <gtest/gtest.h>

#include <cmath>

namespace rasd::cli {
namespace {

constexpr double kEps = 1e-6;

TEST(IrMetricsTest, BinaryRankingByHand) {
  // Relevant: a b c d (R = 4). Retrieved: a x b y c -> relevant at ranks 1, 3, 5.
  const std::map<std::string, int> judgments = {{"a", 1}, {"b", 1}, {"c", 1}, {"d", 1}, {"x", 0}};
  QueryMetrics m = EvaluateQuery({"a", "x", "b", "y", "c"}, judgments);
  // AP = (1/1 + 2/3 + 3/5) / 4 = 2.266667 / 4
  EXPECT_NEAR(m.ap, (1.0 + 2.0 / 3 + 3.0 / 5) / 4, kEps);
  EXPECT_NEAR(m.ap, 0.566667, 1e-6);
  // DCG = 1/log2(2) + 1/log2(4) + 1/log2(6) = 1 + 0.5 + 0.386853 = 1.886853
  // IDCG = 1 + 1/log2(3) + 1/log2(4) + 1/log2(5) = 1 + 0.630930 + 0.5 + 0.430677 = 2.561606
  EXPECT_NEAR(m.ndcg10, 1.886853 / 2.561606, 1e-6);
  EXPECT_NEAR(m.rr10, 1.0, kEps);
  EXPECT_NEAR(m.recall10, 0.75, kEps);
  EXPECT_NEAR(m.recall100, 0.75, kEps);
  EXPECT_EQ(m.relevant, 4u);
  EXPECT_EQ(m.first_rank, 1u);
  EXPECT_FALSE(m.no_answer);
}

TEST(IrMetricsTest, GradedJudgmentsUseLinearGain) {
  // a: 2, b: 1. Retrieved x b a.
  QueryMetrics m = EvaluateQuery({"x", "b", "a"}, {{"a", 2}, {"b", 1}});
  // AP = (1/2 + 2/3) / 2 = 0.583333
  EXPECT_NEAR(m.ap, 0.583333, 1e-6);
  // DCG = 1/log2(3) + 2/log2(4) = 0.630930 + 1 = 1.630930; IDCG = 2/1 + 1/log2(3) = 2.630930
  EXPECT_NEAR(m.ndcg10, 1.630930 / 2.630930, 1e-6);
  EXPECT_NEAR(m.rr10, 0.5, kEps);
  EXPECT_EQ(m.first_rank, 2u);
}

TEST(IrMetricsTest, CutOffsAtTenAndHundred) {
  // The only relevant document at rank 11: outside every @10 metric, inside @100.
  std::vector<std::string> ranking;
  for (int i = 0; i < 10; ++i) ranking.push_back("n" + std::to_string(i));
  ranking.push_back("rel");
  QueryMetrics m = EvaluateQuery(ranking, {{"rel", 1}});
  EXPECT_NEAR(m.ap, 1.0 / 11, kEps);
  EXPECT_EQ(m.ndcg10, 0.0);
  EXPECT_EQ(m.rr10, 0.0);
  EXPECT_EQ(m.recall10, 0.0);
  EXPECT_NEAR(m.recall100, 1.0, kEps);
  EXPECT_EQ(m.first_rank, 11u);

  // At rank 101: only AP sees it.
  std::vector<std::string> long_ranking;
  for (int i = 0; i < 100; ++i) long_ranking.push_back("n" + std::to_string(i));
  long_ranking.push_back("rel");
  m = EvaluateQuery(long_ranking, {{"rel", 1}});
  EXPECT_NEAR(m.ap, 1.0 / 101, kEps);
  EXPECT_EQ(m.recall100, 0.0);
}

TEST(IrMetricsTest, NothingRelevantRetrieved) {
  QueryMetrics m = EvaluateQuery({"x", "y"}, {{"a", 1}, {"b", 1}});
  EXPECT_EQ(m.ap, 0.0);
  EXPECT_EQ(m.ndcg10, 0.0);
  EXPECT_EQ(m.rr10, 0.0);
  EXPECT_EQ(m.first_rank, 0u);
  EXPECT_EQ(m.relevant, 2u);
}

TEST(IrMetricsTest, RepeatedDocumentCountsOnce) {
  // "a a b": the second "a" is dropped, so b is at rank 2.
  QueryMetrics m = EvaluateQuery({"a", "a", "b"}, {{"a", 1}, {"b", 1}});
  EXPECT_NEAR(m.ap, 1.0, kEps);
  EXPECT_NEAR(m.ndcg10, 1.0, kEps);
}

TEST(IrMetricsTest, NoAnswerQueries) {
  const std::map<std::string, int> none = {{"-1", 1}};
  EXPECT_TRUE(IsEvaluated(none));
  QueryMetrics abstain = EvaluateQuery({}, none);
  EXPECT_TRUE(abstain.no_answer);
  EXPECT_EQ(abstain.ap, 1.0);
  EXPECT_EQ(abstain.ndcg10, 1.0);
  EXPECT_EQ(abstain.rr10, 1.0);
  QueryMetrics explicit_abstain = EvaluateQuery({"-1", "p"}, none);
  EXPECT_EQ(explicit_abstain.ap, 1.0);
  QueryMetrics answered = EvaluateQuery({"p", "-1"}, none);
  EXPECT_TRUE(answered.no_answer);
  EXPECT_EQ(answered.ap, 0.0);
  EXPECT_EQ(answered.ndcg10, 0.0);
  EXPECT_EQ(answered.recall100, 0.0);
}

TEST(IrMetricsTest, RunAveragesOverJudgedQueriesAndCountsMissingOnesAsZero) {
  Qrels qrels;
  qrels["q1"] = {{"a", 1}};             // answered at rank 1: all metrics 1
  qrels["q2"] = {{"b", 1}};             // answered at rank 2: AP 0.5, nDCG 1/log2(3)
  qrels["q3"] = {{"c", 1}};             // not in the run: 0
  qrels["q4"] = {{"d", 0}};             // nothing relevant: not evaluated
  qrels["q5"] = {{"-1", 1}};            // no answer, and the run answers: 0
  cli::Run run;
  run["q1"] = {"a", "z"};
  run["q2"] = {"z", "b"};
  run["q4"] = {"d"};
  run["q5"] = {"e"};
  run["q9"] = {"a"};  // not judged: ignored
  std::map<std::string, QueryMetrics> per_query;
  SetMetrics s = EvaluateRun(run, qrels, &per_query);
  EXPECT_EQ(s.queries, 4u);
  EXPECT_EQ(s.no_answer, 1u);
  EXPECT_EQ(s.unanswered, 1u);
  EXPECT_NEAR(s.map, (1.0 + 0.5 + 0 + 0) / 4, kEps);
  EXPECT_NEAR(s.ndcg10, (1.0 + 1.0 / std::log2(3.0)) / 4, kEps);
  EXPECT_NEAR(s.mrr10, (1.0 + 0.5) / 4, kEps);
  EXPECT_NEAR(s.recall10, 0.5, kEps);
  EXPECT_NEAR(s.recall100, 0.5, kEps);
  EXPECT_EQ(per_query.size(), 4u);
  EXPECT_EQ(per_query.count("q4"), 0u);
  EXPECT_EQ(per_query["q2"].first_rank, 2u);

  // A missing no-answer query is a failure of the run, not an abstention.
  cli::Run empty;
  SetMetrics missing = EvaluateRun(empty, Qrels{{"q5", {{"-1", 1}}}});
  EXPECT_EQ(missing.queries, 1u);
  EXPECT_EQ(missing.map, 0.0);
}

TEST(IrMetricsTest, ParseQrels) {
  auto q = ParseQrels("q1 0 d1 1\nq1\t0\td2\t0\n\n# comment\nq2 0 d3 2\r\n");
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  ASSERT_EQ(q->size(), 2u);
  EXPECT_EQ(q->at("q1").at("d1"), 1);
  EXPECT_EQ(q->at("q1").at("d2"), 0);
  EXPECT_EQ(q->at("q2").at("d3"), 2);

  auto bad = ParseQrels("q1 0 d1 1\nq2 0 d2\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("line 2"), std::string::npos);
  auto bad_rel = ParseQrels("q1 0 d1 yes\n");
  ASSERT_FALSE(bad_rel.ok());
  EXPECT_NE(bad_rel.status().message().find("yes"), std::string::npos);
  // A grade out of range is an error, not another value (it was cut to int in silence).
  auto huge = ParseQrels("q1 0 d1 99999999999999999999\n");
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.status().message().find("out of range"), std::string::npos);
}

TEST(IrMetricsTest, ParseRunOrdersByRankAndCuts) {
  auto run = ParseRun("q1 Q0 b 2 1.5 x\nq1 Q0 a 1 2.0 x\nq1 Q0 c 3 1.0 x\nq2 Q0 d 1 1 x\n", 2);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->at("q1"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(run->at("q2"), (std::vector<std::string>{"d"}));
  auto bad = ParseRun("q1 Q0 a one 1.0 x\n", 10);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("line 1"), std::string::npos);
}

// Ids and qids with white space or '%' survive a run line: escaped on the way out, read back.
TEST(IrMetricsTest, TrecFieldsEscapeWhiteSpace) {
  EXPECT_EQ(TrecEscape("plain-id_1"), "plain-id_1");
  EXPECT_EQ(TrecEscape("a b\tc\r%"), "a%20b%09c%0D%25");
  for (std::string id : {"a b", "100%", "%20", "x\ty", "نص عربي", "%", "%2"}) {
    EXPECT_EQ(TrecUnescape(TrecEscape(id)), id);
  }
  EXPECT_EQ(TrecUnescape("50%zz%2"), "50%zz%2");  // not an escape: kept as written
  auto run = ParseRun("q%201 Q0 a%20b 1 2.0 x\n", 10);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->at("q 1"), (std::vector<std::string>{"a b"}));
  auto qrels = ParseQrels("q%201 0 a%20b 1\n");
  ASSERT_TRUE(qrels.ok()) << qrels.status().ToString();
  EXPECT_EQ(qrels->at("q 1").at("a b"), 1);
}

}  // namespace
}  // namespace rasd::cli
