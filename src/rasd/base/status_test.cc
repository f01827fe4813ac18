#include "rasd/base/status.h"

#include <gtest/gtest.h>

#include <memory>

#include "rasd/base/macros.h"
#include "rasd/base/result.h"

namespace rasd {
namespace {

TEST(StatusTest, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, CarriesCodeAndMessage) {
  Status s = Status::Corruption("seg_1.post: bad checksum at offset 40");
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_EQ(s.ToString(), "Corruption: seg_1.post: bad checksum at offset 40");
}

TEST(StatusTest, WithContextPrefixesFailuresOnly) {
  EXPECT_TRUE(Status::OK().WithContext("x").ok());
  Status s = Status::InvalidArgument("unterminated string").WithContext("articles.jsonl:12");
  EXPECT_EQ(s.message(), "articles.jsonl:12: unterminated string");
  EXPECT_TRUE(s.IsInvalidArgument());
}

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::InvalidArgument(std::to_string(x) + " is odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  RASD_ASSIGN_OR_RETURN(int half, Half(x));
  RASD_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

Status CheckQuarter(int x) {
  RASD_RETURN_IF_ERROR(Quarter(x).status());
  return Status::OK();
}

TEST(ResultTest, ValueAndError) {
  Result<int> r = Quarter(12);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 3);
  Result<int> bad = Quarter(6);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "3 is odd");
  EXPECT_EQ(bad.value_or(-1), -1);
  EXPECT_TRUE(CheckQuarter(8).ok());
  EXPECT_TRUE(CheckQuarter(10).IsInvalidArgument());
}

TEST(ResultTest, MoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  ASSERT_TRUE(r.ok());
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 7);
}

TEST(ResultDeathTest, ValueOfFailureAborts) {
  Result<int> r = Status::NotFound("x");
  EXPECT_DEATH({ (void)r.value(); }, "value\\(\\) of a failed Result");
}

}  // namespace
}  // namespace rasd
