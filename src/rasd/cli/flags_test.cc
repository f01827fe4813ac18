#include "rasd/cli/flags.h"

#include <gtest/gtest.h>

namespace rasd::cli {
namespace {

Flags MakeFlags() {
  Flags f;
  f.Switch("json", "json output").Value("index", "DIR", "index dir").Value("limit", "N", "max");
  return f;
}

TEST(FlagsTest, ParsesAllForms) {
  Flags f = MakeFlags();
  ASSERT_TRUE(f.Parse({"--index", "/tmp/x", "query words", "--json", "--limit=5", "--", "--json"})
                  .ok());
  EXPECT_TRUE(f.Has("json"));
  EXPECT_EQ(f.GetOr("index", ""), "/tmp/x");
  EXPECT_EQ(*f.GetInt("limit", 10, 1, 1000), 5);
  EXPECT_EQ(f.positional(), (std::vector<std::string>{"query words", "--json"}));
}

TEST(FlagsTest, ErrorsNameTheFlag) {
  Flags f = MakeFlags();
  Status s = f.Parse({"--nope"});
  EXPECT_EQ(s.message(), "unknown flag --nope");
  Flags g = MakeFlags();
  EXPECT_EQ(g.Parse({"--index"}).message(), "flag --index needs a value (DIR)");
  Flags h = MakeFlags();
  EXPECT_EQ(h.Parse({"--json=1"}).message(), "flag --json takes no value");
  Flags k = MakeFlags();
  ASSERT_TRUE(k.Parse({"--limit", "abc"}).ok());
  auto limit = k.GetInt("limit", 10, 1, 100);
  ASSERT_FALSE(limit.ok());
  EXPECT_NE(limit.status().message().find("--limit"), std::string::npos);
  EXPECT_EQ(*MakeFlags().GetInt("limit", 10, 1, 100), 10);
}

TEST(FlagsTest, ShortDashArgumentsArePositional) {
  Flags f = MakeFlags();
  ASSERT_TRUE(f.Parse({"-", "-x"}).ok());
  EXPECT_EQ(f.positional(), (std::vector<std::string>{"-", "-x"}));
}

}  // namespace
}  // namespace rasd::cli
