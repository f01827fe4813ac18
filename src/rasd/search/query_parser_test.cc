// Tests of the query language (query_parser.h).
#include "rasd/search/query_parser.h"

#include <gtest/gtest.h>

namespace rasd::search {
namespace {

TEST(QueryParserTest, Words) {
  text::Analyzer analyzer;
  Result<Query> q = ParseQuery("إيران", analyzer);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->clauses.size(), 1u);
}

}  // namespace
}  // namespace rasd::search
