// Tests of snippets and highlighting (snippet.h), on text with diacritics, tatweel and clitics.
#include "rasd/search/snippet.h"

#include <gtest/gtest.h>

#include "rasd/search/query_parser.h"

namespace rasd::search {
namespace {

class SnippetTest : public ::testing::Test {
 protected:
  // Highlight terms for a query, one term id per word.
  HighlightTerms For(std::string_view query) {
    HighlightTerms terms;
    Query q = ParseQuery(query, analyzer_).value();
    uint32_t id = 0;
    for (const QueryNode& n : q.clauses) {
      for (const QueryWord& w : n.words) terms.AddWord(w, id);
      ++id;
    }
    terms.Finish();
    return terms;
  }
  std::vector<SnippetPart> Snip(std::string_view text, std::string_view query, size_t bytes) {
    SnippetOptions options;
    options.max_bytes = bytes;
    return MakeSnippet(text, For(query), analyzer_, options, &scratch_);
  }
  static std::vector<std::string> Highlighted(const std::vector<SnippetPart>& parts) {
    std::vector<std::string> out;
    for (const SnippetPart& p : parts) {
      if (p.highlighted) out.push_back(p.text);
    }
    return out;
  }
  static std::string Joined(const std::vector<SnippetPart>& parts) {
    std::string s;
    for (const SnippetPart& p : parts) s += p.text;
    return s;
  }
  text::Analyzer analyzer_;
  text::AnalyzedText scratch_;
};

TEST_F(SnippetTest, HighlightsWholeTokensAtOriginalBytes) {
  const std::string text = "قال المتحدث إن رسالةً وصلت لِلخامنئيِّ أمس.";
  std::vector<SnippetPart> parts = Snip(text, "الخامنئي", 280);
  EXPECT_EQ(Highlighted(parts), std::vector<std::string>{"لِلخامنئيِّ"});
  EXPECT_EQ(Joined(parts), text);  // short text: all of it, bytes unchanged
}

TEST_F(SnippetTest, DiacriticsTatweelAndClitics) {
  const std::string text = "وَالكتــابُ الجديد، وكتابه القديم، وبالكتب";
  std::vector<SnippetPart> parts = Snip(text, "كتاب", 280);
  EXPECT_EQ(Highlighted(parts), (std::vector<std::string>{"وَالكتــابُ", "وكتابه"}));
  EXPECT_EQ(Joined(parts), text);
  // Each highlighted part is an exact byte range of the input.
  size_t from = 0;
  for (const SnippetPart& p : parts) {
    const size_t at = text.find(p.text, from);
    ASSERT_NE(at, std::string::npos);
    from = at + p.text.size();
  }
  EXPECT_EQ(from, text.size());
}

TEST_F(SnippetTest, PicksTheDensestPassageAndMarksCuts) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "جملة عادية لا شيء فيها. ";
  const size_t middle = text.size();
  text += "أعلنت إيران أن الاتفاق النووي قائم. ";
  for (int i = 0; i < 40; ++i) text += "جملة عادية لا شيء فيها. ";
  text += "ذكرت إيران كذلك. ";
  std::vector<SnippetPart> parts = Snip(text, "إيران الاتفاق النووي", 120);
  EXPECT_EQ(Highlighted(parts), (std::vector<std::string>{"إيران", "الاتفاق", "النووي"}));
  const std::string joined = Joined(parts);
  // Starts at the sentence with the matches, after a "…".
  EXPECT_EQ(joined.rfind("…أعلنت إيران", 0), 0u) << joined;
  EXPECT_EQ(joined.substr(joined.size() - 3), "…");
  EXPECT_LE(joined.size(), 120u + 6);
  EXPECT_GT(middle, 0u);
}

TEST_F(SnippetTest, DistinctWordsBeatRepeats) {
  std::string text = "كرة كرة كرة كرة كرة. ";
  for (int i = 0; i < 30; ++i) text += "نص لا علاقة له. ";
  text += "كرة القدم في الملعب. ";
  for (int i = 0; i < 30; ++i) text += "نص لا علاقة له. ";
  std::vector<SnippetPart> parts = Snip(text, "كرة القدم", 60);
  EXPECT_EQ(Highlighted(parts), (std::vector<std::string>{"كرة", "القدم"}));
}

TEST_F(SnippetTest, WithoutMatchesTheStartOfTheText) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "نص عادي. ";
  std::vector<SnippetPart> parts = Snip(text, "غائب", 40);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_FALSE(parts[0].highlighted);
  EXPECT_EQ(parts[0].text.rfind("نص عادي", 0), 0u);
  EXPECT_LE(parts[0].text.size(), 40u + 3);
  EXPECT_TRUE(Snip("", "غائب", 40).empty());
}

TEST_F(SnippetTest, NeverCutsInsideACharacter) {
  const std::string text(3000, 'a');  // one token far longer than the budget
  std::vector<SnippetPart> parts = Snip(text, "b", 100);
  EXPECT_LE(Joined(parts).size(), 103u);
  std::string arabic;
  for (int i = 0; i < 500; ++i) arabic += "ب";  // one long Arabic token
  const std::vector<SnippetPart> cut = Snip(arabic, "ج", 101);
  ASSERT_FALSE(cut.empty());
  EXPECT_EQ(cut[0].text.rfind("ب", 0), 0u);
  // An odd budget: the cut falls back to the last whole 2-byte letter, then the "…".
  EXPECT_EQ(cut[0].text, arabic.substr(0, 100) + "…");
}

TEST_F(SnippetTest, ToleratesInvalidUtf8) {
  const std::string text = "إيران \xff\xfe قالت";
  std::vector<SnippetPart> parts = Snip(text, "إيران", 100);
  EXPECT_EQ(Highlighted(parts), std::vector<std::string>{"إيران"});
  EXPECT_EQ(Joined(parts), text);
}

TEST_F(SnippetTest, HighlightTextKeepsEverything) {
  const std::string title = "إيران: انسحاب أميركا من \"النووي\" لن يؤثر";
  std::vector<SnippetPart> parts = HighlightText(title, For("النووي إيران"), analyzer_, &scratch_);
  EXPECT_EQ(Joined(parts), title);
  EXPECT_EQ(Highlighted(parts), (std::vector<std::string>{"إيران", "النووي"}));
}

TEST_F(SnippetTest, MatchUsesStemOrNorm) {
  HighlightTerms terms;
  terms.AddStem("ترامب", 0);
  terms.AddNorm(text::NormalizeWord("الاقتصادية"), 1);
  terms.Finish();
  text::AnalyzedText t;
  ASSERT_TRUE(analyzer_.Analyze("وترامب الاقتصادية الاقتصاد", &t).ok());
  EXPECT_EQ(terms.Match(t[0]), 0);
  EXPECT_EQ(terms.Match(t[1]), 1);
  EXPECT_EQ(terms.Match(t[2]), -1);
  EXPECT_EQ(terms.num_terms(), 2u);
}

}  // namespace
}  // namespace rasd::search
