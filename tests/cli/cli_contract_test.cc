// The `rasd analyze` contract (issue 2): JSON shape, byte offsets into the input, --lines,
// exit statuses and error messages.
#include <gtest/gtest.h>

#include "rasd/base/json.h"
#include "run_command.h"

namespace rasd {
namespace {

using testing::RunCommand;
using testing::Lines;
using testing::ShellQuote;

const std::string kRasd = RASD_BIN;

base::JsonValue ParseLine(const std::string& line) {
  auto v = base::ParseJson(line);
  EXPECT_TRUE(v.ok()) << v.status().ToString() << " in: " << line;
  return v.ok() ? *v : base::JsonValue();
}

TEST(AnalyzeCommandTest, JsonShapeAndOffsets) {
  const std::string text = "قال الرئيسُ: «والخامنئي» جداً";
  auto r = RunCommand(kRasd + " analyze --json " + ShellQuote(text));
  ASSERT_EQ(r.exit_status, 0) << r.err;
  auto doc = ParseLine(r.out);
  const auto* tokens = doc.Find("tokens");
  ASSERT_NE(tokens, nullptr);
  ASSERT_GE(tokens->array_items().size(), 4u);
  for (const auto& t : tokens->array_items()) {
    const auto start = static_cast<size_t>(t.Find("start")->number_value());
    const auto end = static_cast<size_t>(t.Find("end")->number_value());
    ASSERT_LT(start, end);
    ASSERT_LE(end, text.size());
    // "text" is exactly the input bytes of the range (diacritics and clitics intact).
    EXPECT_EQ(t.Find("text")->string_value(), text.substr(start, end - start));
    EXPECT_FALSE(t.Find("norm")->string_value().empty());
    EXPECT_FALSE(t.Find("stem")->string_value().empty());
    EXPECT_TRUE(t.Find("stop")->is_bool());
  }
  // The diacritic on الرئيسُ is in the original text but not in the normalised form.
  EXPECT_EQ(tokens->array_items()[1].Find("text")->string_value(), "الرئيسُ");
  EXPECT_EQ(tokens->array_items()[1].Find("norm")->string_value(), "الرييس");
}

TEST(AnalyzeCommandTest, SeedNamesShareAStem) {
  auto r = RunCommand(kRasd + " analyze --json", "الخامنئي للخامنئي والخامنئي جداً جدا");
  ASSERT_EQ(r.exit_status, 0) << r.err;
  auto tokens = ParseLine(r.out).Find("tokens")->array_items();
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[0].Find("stem")->string_value(), tokens[1].Find("stem")->string_value());
  EXPECT_EQ(tokens[0].Find("stem")->string_value(), tokens[2].Find("stem")->string_value());
  EXPECT_EQ(tokens[3].Find("norm")->string_value(), tokens[4].Find("norm")->string_value());
}

TEST(AnalyzeCommandTest, LinesModeAlignsOutputWithInput) {
  auto r = RunCommand(kRasd + " analyze --json --lines", "أحمد\n\nكتاب الطالب\n");
  ASSERT_EQ(r.exit_status, 0) << r.err;
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < r.out.size()) {
    size_t nl = r.out.find('\n', pos);
    lines.push_back(r.out.substr(pos, nl - pos));
    pos = nl + 1;
  }
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(ParseLine(lines[0]).Find("tokens")->array_items().size(), 1u);
  EXPECT_EQ(ParseLine(lines[1]).Find("tokens")->array_items().size(), 0u);
  auto third = ParseLine(lines[2]).Find("tokens")->array_items();
  ASSERT_EQ(third.size(), 2u);
  // Offsets count from the start of the line.
  EXPECT_EQ(third[0].Find("start")->number_value(), 0);
}

TEST(AnalyzeCommandTest, InvalidUtf8NamesTheByteAndFails) {
  auto r = RunCommand(kRasd + " analyze --json", std::string("abc \xff def"));
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_NE(r.err.find("byte 4"), std::string::npos) << r.err;
  auto lines = RunCommand(kRasd + " analyze --lines", std::string("ok\nbad \xc3\n"));
  EXPECT_EQ(lines.exit_status, 1);
  EXPECT_NE(lines.err.find("line 2"), std::string::npos) << lines.err;
  EXPECT_NE(lines.err.find("byte 4"), std::string::npos) << lines.err;
  // A bad line does not end --lines: it gets an error object and the next lines their
  // analyses, so the output still lines up with the input.
  auto json = RunCommand(kRasd + " analyze --json --lines", std::string("كتب\n\xff\nقرأ\n"));
  EXPECT_EQ(json.exit_status, 1);
  const std::vector<std::string> out = Lines(json.out);
  ASSERT_EQ(out.size(), 3u) << json.out;
  EXPECT_NE(out[0].find("\"tokens\""), std::string::npos);
  EXPECT_EQ(out[1], R"({"error":"line 2: invalid UTF-8 at byte 0"})");
  EXPECT_NE(out[2].find("\"stem\""), std::string::npos);
}

TEST(AnalyzeCommandTest, UsageErrors) {
  auto r = RunCommand(kRasd + " analyze --bogus x");
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("unknown flag --bogus"), std::string::npos);
  auto unknown = RunCommand(kRasd + " frobnicate");
  EXPECT_EQ(unknown.exit_status, 2);
  EXPECT_NE(unknown.err.find("unknown command"), std::string::npos);
}

}  // namespace
}  // namespace rasd
