// LiteralQuery: operators become spaces, words stay.
#include "rasd/cli/literal_query.h"

#include <gtest/gtest.h>

namespace rasd::cli {
namespace {

TEST(LiteralQueryTest, OperatorsBecomeSpaces) {
  EXPECT_EQ(LiteralQuery("\"a b\" (c) d* e~ title:f"), " a b   c  d  e  title f");
  EXPECT_EQ(LiteralQuery("«ترامب» “إيران”"), " ترامب   إيران ");
  EXPECT_EQ(LiteralQuery("- من هو"), "  من هو");
  EXPECT_EQ(LiteralQuery("-a +b"), " a  b");
}

TEST(LiteralQueryTest, InnerHyphensAndOperatorWords) {
  EXPECT_EQ(LiteralQuery("COVID-19"), "COVID-19");
  EXPECT_EQ(LiteralQuery("a OR b AND c NOT d ORB"), "a or b and c not d ORB");
  EXPECT_EQ(LiteralQuery("كورونا أو كوفيد"), "كورونا أو كوفيد");
  EXPECT_EQ(LiteralQuery(""), "");
}

}  // namespace
}  // namespace rasd::cli
