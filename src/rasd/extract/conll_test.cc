#include "rasd/extract/conll.h"

#include <gtest/gtest.h>

namespace rasd::extract {
namespace {

TEST(ConllTest, ParsesSentencesAndTags) {
  auto r = ParseConll("فرانكفورت\tB-LOC\n(\tO\n\nعلي\tB-PERS\r\nالخامنئي\tI-PERS\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].tokens.size(), 2u);
  EXPECT_EQ((*r)[0].tags[0], BeginTag(EntityType::kLoc));
  EXPECT_EQ((*r)[1].tokens[1], "الخامنئي");
  EXPECT_EQ((*r)[1].tags[1], InsideTag(EntityType::kPers));
}

TEST(ConllTest, ErrorsNameTheLine) {
  auto r = ParseConll("a\tO\nb\tB-FOO\n", "x.conll");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsInvalidArgument());
  EXPECT_NE(r.status().message().find("x.conll: line 2"), std::string::npos);
  auto r2 = ParseConll("a\tO\nnotab\n");
  ASSERT_FALSE(r2.ok());
  EXPECT_NE(r2.status().message().find("line 2"), std::string::npos);
}

TEST(ConllTest, TokenLinesKeepSentences) {
  auto s = ParseTokenLines("a\nb\tX\n\n\nc\n");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0][1], "b");
  EXPECT_EQ(s[1][0], "c");
}

TEST(ConllTest, MissingFileIsAnError) {
  auto r = ReadConllFile("/nonexistent/file.conll");
  EXPECT_FALSE(r.ok());
}

}  // namespace
}  // namespace rasd::extract
