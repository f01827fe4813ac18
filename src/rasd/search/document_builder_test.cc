// Tests of the schema and BuildIndexDocument (schema.h, document_builder.h).
#include "rasd/search/document_builder.h"

#include <gtest/gtest.h>

#include <map>

#include "rasd/search/schema.h"

namespace rasd::search {
namespace {

// field name -> "term@position ..." of a built document.
std::map<std::string, std::string> Fields(const index::IndexDocument& doc) {
  std::map<std::string, std::string> out;
  for (size_t i = 0; i < doc.num_tokens(); ++i) {
    const index::IndexDocument::TokenView t = doc.token(i);
    std::string& s = out[std::string(doc.text_field(t.field).name)];
    if (!s.empty()) s += ' ';
    s += std::string(t.term) + "@" + std::to_string(t.position);
  }
  return out;
}

TEST(DocumentBuilderTest, FillsEveryFieldOfTheSchema) {
  text::Analyzer analyzer;
  text::AnalyzedText scratch;
  index::IndexDocument doc;
  ArticleFields a;
  a.id = "x1";
  a.title = "الكتاب في المدرسة";
  a.body = "وَالكتــابُ الجديد";
  a.source = "سكاي نيوز عربية";
  a.date = 1525737600;
  ASSERT_TRUE(BuildIndexDocument(a, analyzer, &scratch, &doc).ok());
  EXPECT_EQ(doc.id(), "x1");
  ASSERT_TRUE(doc.Validate().ok());
  std::map<std::string, std::string> f = Fields(doc);
  const std::string k = text::StemWord("الكتاب");
  const std::string m = text::StemWord("المدرسه");
  // The stopword في (position 1) is only in the stop field; positions stay the analyzer's.
  EXPECT_EQ(f[std::string(kTitleField)], k + "@0 " + m + "@2");
  EXPECT_EQ(f[std::string(kTitleExactField)], "الكتاب@0 المدرسه@2");
  EXPECT_EQ(f[std::string(kTitleStopField)], "في@1");
  EXPECT_EQ(f.count(std::string(kBodyStopField)), 0u);  // no stopword in the body
  EXPECT_EQ(f[std::string(kBodyExactField)], "والكتاب@0 الجديد@1");
  EXPECT_EQ(f[std::string(kBodyField)],
            text::StemWord("والكتاب") + "@0 " + text::StemWord("الجديد") + "@1");
  // Positions are stored once per token: the exact fields keep documents and frequencies.
  for (size_t i = 0; i < doc.num_text_fields(); ++i) {
    const auto tf = doc.text_field(i);
    const bool exact = tf.name == kTitleExactField || tf.name == kBodyExactField;
    EXPECT_EQ(tf.options.positions, !exact) << tf.name;
  }
  ASSERT_EQ(doc.num_keywords(), 1u);
  EXPECT_EQ(doc.keyword(0).field, kSourceField);
  EXPECT_EQ(doc.keyword(0).value, "سكاي نيوز عربية");  // as given
  ASSERT_EQ(doc.num_numerics(), 1u);
  EXPECT_EQ(doc.numeric(0).field, kDateField);
  EXPECT_EQ(doc.numeric(0).value, 1525737600);
  // The engine may add more afterwards.
  doc.AddKeyword(kEntityField, "e:1");
  doc.set_stored("{}");
  EXPECT_TRUE(doc.Validate().ok());
}

TEST(DocumentBuilderTest, TitleCanBeLeftOut) {
  text::Analyzer analyzer;
  text::AnalyzedText scratch;
  index::IndexDocument doc;
  ArticleFields a;
  a.id = "x";
  a.title = "عنوان";
  a.body = "نص";
  BuildOptions options;
  options.index_title = false;
  ASSERT_TRUE(BuildIndexDocument(a, analyzer, &scratch, &doc, options).ok());
  std::map<std::string, std::string> f = Fields(doc);
  EXPECT_EQ(f.count(std::string(kTitleField)), 0u);
  EXPECT_EQ(f.count(std::string(kTitleExactField)), 0u);
  EXPECT_EQ(f.count(std::string(kBodyField)), 1u);
  EXPECT_EQ(doc.num_keywords(), 0u);
  EXPECT_EQ(doc.num_numerics(), 0u);
}

TEST(DocumentBuilderTest, ReusesBuffersAndReportsErrors) {
  text::Analyzer analyzer;
  text::AnalyzedText scratch;
  index::IndexDocument doc;
  ArticleFields a;
  a.id = "a";
  a.body = "نص أول طويل بعض الشيء";
  ASSERT_TRUE(BuildIndexDocument(a, analyzer, &scratch, &doc).ok());
  const size_t first = doc.num_tokens();
  a.id = "b";
  a.body = "نص";
  ASSERT_TRUE(BuildIndexDocument(a, analyzer, &scratch, &doc).ok());
  EXPECT_LT(doc.num_tokens(), first);  // cleared, not appended
  EXPECT_EQ(doc.id(), "b");
  a.id = "";
  EXPECT_TRUE(BuildIndexDocument(a, analyzer, &scratch, &doc).IsInvalidArgument());
  a.id = "c";
  a.body = "bad \xff utf8";
  Status s = BuildIndexDocument(a, analyzer, &scratch, &doc);
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_NE(s.message().find("body"), std::string::npos);
  text::AnalyzerOptions lenient;
  lenient.replace_invalid_utf8 = true;
  EXPECT_TRUE(BuildIndexDocument(a, text::Analyzer(lenient), &scratch, &doc).ok());
}

}  // namespace
}  // namespace rasd::search
