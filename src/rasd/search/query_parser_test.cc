// Tests of the query language (query_parser.h): every construct, the lenient repairs and the
// strict-mode errors with their columns.
#include "rasd/search/query_parser.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <string>

namespace rasd::search {
namespace {

class QueryParserTest : public ::testing::Test {
 protected:
  // The canonical form of a lenient parse.
  std::string Parse(std::string_view text) {
    Result<Query> q = ParseQuery(text, analyzer_);
    EXPECT_TRUE(q.ok()) << q.status().ToString();
    return q.ok() ? q->DebugString() : "";
  }
  Query ParseFull(std::string_view text) {
    Result<Query> q = ParseQuery(text, analyzer_);
    EXPECT_TRUE(q.ok());
    return q.ok() ? *q : Query{};
  }
  // The strict-mode error message ("" when it parses).
  std::string StrictError(std::string_view text) {
    ParseOptions options;
    options.strict = true;
    Result<Query> q = ParseQuery(text, analyzer_, options);
    if (q.ok()) return "";
    EXPECT_TRUE(q.status().IsInvalidArgument());
    return q.status().message();
  }
  // The stem the analyzer gives a word (the tests do not hard-code stemmer decisions).
  std::string S(std::string_view word) { return text::StemWord(text::NormalizeWord(word)); }
  text::Analyzer analyzer_;
};

TEST_F(QueryParserTest, WordsAreAnalysed) {
  EXPECT_EQ(Parse("إيران"), S("إيران"));
  // Clitics and diacritics go: the stem is what is searched; the typed text is kept.
  Query q = ParseFull("والكِتَابُ");
  ASSERT_EQ(q.clauses.size(), 1u);
  EXPECT_EQ(q.clauses[0].kind, QueryNode::Kind::kTerm);
  EXPECT_EQ(q.clauses[0].occur, Occur::kShould);
  EXPECT_EQ(q.clauses[0].words[0].text, "والكِتَابُ");
  EXPECT_EQ(q.clauses[0].words[0].norm, "والكتاب");
  EXPECT_EQ(q.clauses[0].words[0].stem, "كتاب");
  EXPECT_EQ(q.clauses[0].column, 1u);
  EXPECT_EQ(Parse("  ترامب   كيم "), "ترامب كيم");
}

TEST_F(QueryParserTest, ChunkSplitByTheAnalyzerGivesSeveralTerms) {
  EXPECT_EQ(Parse("COVID-19"), "covid 19");
  Query q = ParseFull("x COVID-19");
  ASSERT_EQ(q.clauses.size(), 3u);
  EXPECT_EQ(q.clauses[1].column, 3u);
  EXPECT_EQ(q.clauses[2].column, 9u);
}

TEST_F(QueryParserTest, StopwordsDroppedUnlessAlone) {
  EXPECT_EQ(Parse("في القدس"), S("القدس"));
  EXPECT_EQ(Parse("في"), "في");
  EXPECT_EQ(Parse("من في"), "من في");
  // In phrases stopwords stay (positions matter).
  EXPECT_EQ(Parse("\"رئيس في القدس\""), "+\"" + S("رئيس") + " في " + S("القدس") + "\"");
  // A negated stopword is what the user asked for.
  EXPECT_EQ(Parse("القدس -في"), S("القدس") + " -في");
}

TEST_F(QueryParserTest, Phrases) {
  EXPECT_EQ(Parse("\"رئيس الوزراء\""), "+\"" + S("رئيس") + " " + S("الوزراء") + "\"");
  const std::string sky = "+\"" + S("سكاي") + " " + S("نيوز") + "\"";
  EXPECT_EQ(Parse("«سكاي نيوز»"), sky);
  EXPECT_EQ(Parse("“سكاي نيوز”"), sky);
  EXPECT_EQ(Parse("a \"b c\" d"), "a +\"b c\" d");
  Query q = ParseFull("ab «cd ef»");
  ASSERT_EQ(q.clauses.size(), 2u);
  EXPECT_EQ(q.clauses[1].column, 4u);
  EXPECT_EQ(q.clauses[1].words.size(), 2u);
  EXPECT_TRUE(q.warnings.empty());
  // A one-word phrase is an exact-form requirement.
  EXPECT_EQ(Parse("\"الكتاب\""), "+\"كتاب\"");
}

TEST_F(QueryParserTest, OrGroups) {
  EXPECT_EQ(Parse("a OR b"), "(a | b)");
  EXPECT_EQ(Parse("a OR b OR c d"), "(a | b | c) d");
  EXPECT_EQ(Parse("a or b"), "a or b");  // only upper-case OR is the operator
  const std::string corona = "(" + S("كورونا") + " | " + S("كوفيد") + ")";
  EXPECT_EQ(Parse("كورونا أو كوفيد"), corona);
  EXPECT_EQ(Parse("كورونا او كوفيد"), corona);
  // أو at an end is just a (stop)word.
  EXPECT_EQ(Parse("أو كورونا"), S("كورونا"));
  // Groups of phrases are required; mixed groups are optional.
  EXPECT_EQ(Parse("\"a b\" OR \"c d\""), "+(\"a b\" | \"c d\")");
  EXPECT_EQ(Parse("\"a b\" OR c"), "(\"a b\" | c)");
}

TEST_F(QueryParserTest, Parentheses) {
  EXPECT_EQ(Parse("(a b) c"), "(a | b) c");
  EXPECT_EQ(Parse("(a OR b) c"), "(a | b) c");
  EXPECT_EQ(Parse("(a (b c)) OR d"), "(a | b | c | d)");
  EXPECT_EQ(Parse("(a)"), "a");
  EXPECT_EQ(Parse("-(a b) c"), "-a -b c");
  EXPECT_EQ(Parse("title:(a b)"), "(title:a | title:b)");
}

TEST_F(QueryParserTest, Exclusions) {
  EXPECT_EQ(Parse("إيران -النووي"), S("إيران") + " -" + S("النووي"));
  EXPECT_EQ(Parse("a -\"b c\""), "a -\"b c\"");
  EXPECT_EQ(Parse("a -source:x"), "a -source:\"x\"");
  EXPECT_EQ(Parse("a --b"), "a -b");
  // A hyphen inside a word is not an exclusion.
  EXPECT_EQ(Parse("قاسم-جومارت"), "قاسم جومارت");
}

TEST_F(QueryParserTest, Fields) {
  EXPECT_EQ(Parse("title:ترامب"), "title:ترامب");
  EXPECT_EQ(Parse("TITLE:ترامب body:كيم"), "title:ترامب body:كيم");
  EXPECT_EQ(Parse("عنوان:ترامب"), "title:ترامب");
  EXPECT_EQ(Parse("title:\"a b\""), "+title:\"a b\"");
  EXPECT_EQ(Parse("source:\"سكاي نيوز\" a"), "source:\"سكاي نيوز\" a");
  EXPECT_EQ(Parse("source:«سكاي نيوز»"), "source:\"سكاي نيوز\"");
  EXPECT_EQ(Parse("source:الجزيرة"), "source:\"الجزيرة\"");
  EXPECT_EQ(Parse("مصدر:الجزيرة"), "source:\"الجزيرة\"");
  // Unknown field names are text.
  EXPECT_EQ(Parse("10:30"), "10 30");
  EXPECT_EQ(Parse("foo:bar"), "foo bar");
  Query q = ParseFull("title:ترامب");
  EXPECT_EQ(q.clauses[0].scope, Scope::kTitle);
  // A '-' after the field is the exclusion it looks like, not part of the word (which made
  // title:-w find what it meant to exclude).
  EXPECT_EQ(Parse("a title:-ترامب"), Parse("a -title:ترامب"));
  EXPECT_EQ(Parse("a source:-x"), "a -source:\"x\"");
  EXPECT_NE(StrictError("a date:-2018"), "");  // not an exclusion: dates cannot be excluded
  EXPECT_EQ(StrictError("a title:-ترامب"), "");
}

// A filter or an exclusion applies to every result, so it cannot be an alternative of OR:
// said in the warnings, an error under --strict (before, `a OR source:x` silently meant
// `a source:x`, fewer results than `a` alone).
TEST_F(QueryParserTest, OrCannotOfferAFilterOrAnExclusion) {
  for (const char* text :
       {"a OR source:x", "a OR date:2018", "a OR -b", "(a OR -b) c", "(a -b) c", "(a source:x) OR b"}) {
    Query q = ParseFull(text);
    ASSERT_EQ(q.warnings.size(), 1u) << text;
    EXPECT_NE(q.warnings[0].message.find("OR cannot offer a filter"), std::string::npos);
    EXPECT_NE(StrictError(text).find("OR cannot offer a filter"), std::string::npos) << text;
  }
  // Without OR, and OR between words with a filter beside them, are fine.
  for (const char* text : {"a source:x", "a -b", "(-b) c", "a OR b source:x", "(a OR b) -c"}) {
    EXPECT_TRUE(ParseFull(text).warnings.empty()) << text;
  }
}

TEST_F(QueryParserTest, Dates) {
  // 2018-05-01T00:00:00Z = 1525132800; 2018-05-31T23:59:59Z = 1527811199.
  EXPECT_EQ(Parse("date:2018-05-01..2018-05-31"), "date:[1525132800..1527811199]");
  EXPECT_EQ(Parse("date:2018-05-01"), "date:[1525132800..1525219199]");
  EXPECT_EQ(Parse("date:2018-05-01.."), "date:[1525132800..]");
  EXPECT_EQ(Parse("date:..2018-05-31"), "date:[..1527811199]");
  EXPECT_EQ(Parse("date:2018-05"), "date:[1525132800..1527811199]");
  EXPECT_EQ(Parse("date:2018"), "date:[1514764800..1546300799]");
  EXPECT_EQ(Parse("date:٢٠١٨-٠٥-٠١"), "date:[1525132800..1525219199]");
  EXPECT_EQ(Parse("date:2016-02-29"), "date:[1456704000..1456790399]");
  EXPECT_EQ(Parse("date:2018-02-29"), "");
  EXPECT_EQ(Parse("date:2018-13-01"), "");
  // A range written end first is read as meant (ignoring it matched every date).
  EXPECT_EQ(Parse("date:2018-05-31..2018-05-01"), "date:[1525132800..1527811199]");
  EXPECT_EQ(StrictError("date:2018-05-31..2018-05-01"),
            "column 6: date range '2018-05-31..2018-05-01' ends before it starts: read the other "
            "way round");
  EXPECT_EQ(Parse("date:yesterday a"), "a");
  EXPECT_EQ(StrictError("date:yesterday"),
            "column 6: not a date or date range (YYYY-MM-DD, YYYY-MM, YYYY, A..B, A.., ..B): "
            "'yesterday' ignored");
}

TEST_F(QueryParserTest, PrefixAndVariants) {
  EXPECT_EQ(Parse("ترام*"), "ترام*");
  EXPECT_EQ(Parse("title:ترام*"), "title:ترام*");
  EXPECT_EQ(Parse("توكاييف~"), "توكاييف~");
  Query q = ParseFull("ترام* توكاييف~");
  EXPECT_EQ(q.clauses[0].kind, QueryNode::Kind::kPrefix);
  EXPECT_EQ(q.clauses[1].kind, QueryNode::Kind::kVariant);
  // Too short a prefix is searched as a word.
  EXPECT_EQ(Parse("a*"), "a");
  EXPECT_EQ(StrictError("a*"), "column 1: prefix shorter than 2 letters searched as a word");
}

TEST_F(QueryParserTest, LenientRepairs) {
  struct Case {
    const char* input;
    const char* parsed;
    const char* strict_error;
  };
  const Case cases[] = {
      {"", "", "column 1: empty query"},
      {"   ", "", "column 1: empty query"},
      {"\"a b", "+\"a b\"", "column 1: unbalanced quote: the phrase runs to the end of the query"},
      {"x «a b", "x +\"a b\"",
       "column 3: unbalanced quote: the phrase runs to the end of the query"},
      {"a »", "a", "column 3: unmatched closing quote ignored"},
      {"OR a", "a", "column 1: OR without a left operand ignored"},
      {"a OR", "a", "column 3: OR without a right operand ignored"},
      {"a OR OR b", "a b", "column 3: OR without a right operand ignored"},
      {"a - b", "a b", "column 3: lone '-' ignored"},
      {"-", "", "column 1: lone '-' ignored"},
      {"*", "", "column 1: lone '*' ignored"},
      {"~", "", "column 1: lone '~' ignored"},
      {"a (b", "a b", "column 3: unbalanced '(': closed at the end of the query"},
      {"a) b", "a b", "column 2: unmatched ')' ignored"},
      {"title: a", "a", "column 1: field without a value ignored"},
      {"\"\"", "", "column 1: empty phrase ignored"},
      {"a\x01z", "a z", "column 2: control character U+0001"},
      {"a\xff" "b", "a b", "column 2: invalid UTF-8 byte"},
      {"ab\xc3", "ab", "column 3: invalid UTF-8 byte"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(Parse(c.input), c.parsed);
    EXPECT_EQ(StrictError(c.input), c.strict_error);
  }
  EXPECT_EQ(StrictError("إيران \"رئيس الوزراء\" -النووي source:«سكاي نيوز»"), "");
}

TEST_F(QueryParserTest, ColumnsCountCharactersNotBytes) {
  // Five Arabic letters (10 bytes) and a space: the quote is at column 7.
  EXPECT_EQ(StrictError("إيران \"رئيس"),
            "column 7: unbalanced quote: the phrase runs to the end of the query");
}

TEST_F(QueryParserTest, HugeQueriesAreCapped) {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "w" + std::to_string(i) + " ";
  Query q = ParseFull(text);
  EXPECT_EQ(q.clauses.size(), kMaxQueryWords);
  ASSERT_EQ(q.warnings.size(), 1u);
  EXPECT_NE(q.warnings[0].message.find("more than 1024 words"), std::string::npos);
  EXPECT_NE(StrictError(text), "");
}

// Groups nest at most 64 deep: deeper '(' are ignored with a warning (a strict error with
// its column), so a hostile query cannot overflow the parser's stack.
TEST_F(QueryParserTest, DeepGroupsAreCapped) {
  for (const std::string open : {"(", "-("}) {
    std::string text;
    for (int i = 0; i < 20000; ++i) text += open;
    text += "a";
    text += std::string(20000, ')');
    Query q = ParseFull(text);
    ASSERT_FALSE(q.warnings.empty());
    EXPECT_NE(q.warnings[0].message.find("nested deeper than 64"), std::string::npos);
  }
  EXPECT_EQ(Parse(std::string(64, '(') + "a" + std::string(64, ')')), "a");
  EXPECT_EQ(StrictError(std::string(64, '(') + "a" + std::string(64, ')')), "");
  EXPECT_NE(StrictError(std::string(65, '(') + "a" + std::string(65, ')')).find("column 65"),
            std::string::npos);
}

TEST_F(QueryParserTest, RandomBytesNeverFailLeniently) {
  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  const std::string alphabet[] = {"a", " ", "\"", "«", "»", "(", ")", "-", "*", "~", ":",
                                  "OR", "أو", "title:", "source:", "date:", "2018-05-01", "..",
                                  "ب", "\xff", "\x01", "ترامب", "في"};
  for (int iter = 0; iter < 2000; ++iter) {
    std::string s;
    const int n = static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) s += alphabet[rng() % std::size(alphabet)];
    Result<Query> q = ParseQuery(s, analyzer_);
    ASSERT_TRUE(q.ok()) << s;
    ParseOptions strict;
    strict.strict = true;
    Result<Query> sq = ParseQuery(s, analyzer_, strict);
    if (sq.ok()) {
      EXPECT_TRUE(q->warnings.empty()) << s;
      EXPECT_EQ(sq->DebugString(), q->DebugString()) << s;
    } else {
      EXPECT_EQ(sq.status().message().rfind("column ", 0), 0u) << s;
    }
  }
}

}  // namespace
}  // namespace rasd::search
