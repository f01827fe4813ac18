#include "rasd/ingest/html_text.h"

#include <gtest/gtest.h>

namespace rasd::ingest {
namespace {

TEST(HtmlTextTest, KeepsArticleTextDropsFurniture) {
  const std::string html = R"(<!DOCTYPE html><html><head><title>عنوان &amp; خبر</title>
<style>p{color:red}</style><script src="/a/b.js"></script><script>var x = "<p>لا</p>";</script></head>
<body><nav><a href="/">الرئيسية</a></nav>
<article><h1>العنوان</h1><p>الفقرة   الأولى&nbsp;هنا.</p><!-- تعليق -->
<p>قال &laquo;نعم&raquo; &#1575;&#x644;آن<br>سطر</p><footer>حقوق</footer></article>
<footer>تذييل</footer></body></html>)";
  HtmlText t = ExtractHtmlText(html);
  EXPECT_EQ(t.title, "عنوان & خبر");
  EXPECT_EQ(t.body, "العنوان\nالفقرة الأولى هنا.\nقال «نعم» الآن\nسطر");
}

TEST(HtmlTextTest, TitleFallbacksAndMalformedInput) {
  EXPECT_EQ(ExtractHtmlText(R"(<meta property="og:title" content="خبر"><p>نص</p>)").title, "خبر");
  EXPECT_EQ(ExtractHtmlText("<h1>رأس <b>الخبر</b></h1><p>x</p>").title, "رأس الخبر");
  // Unclosed tags and stray '<' never crash and keep the text.
  HtmlText t = ExtractHtmlText("<p>أ < ب <div");
  EXPECT_EQ(t.body, "أ < ب");
  EXPECT_EQ(ExtractHtmlText("<script>never closed").body, "");
}

// A '<' that starts no tag is text, however many there are (each one once scanned the rest
// of the page for a '>': a page of them was quadratic).
TEST(HtmlTextTest, LessThanSignsThatStartNoTagAreText) {
  EXPECT_EQ(ExtractHtmlText("<p>1 < 2 and 3 > 2</p>").body, "1 < 2 and 3 > 2");
  const std::string many(200000, '<');
  HtmlText text = ExtractHtmlText("<html><body><p>" + many + " نص</p><script>" + many +
                                  "</script></body></html>");
  EXPECT_EQ(text.body, many + " نص");
}

TEST(HtmlTextTest, Entities) {
  EXPECT_EQ(DecodeHtmlEntities("a&lt;b&gt;&quot;&#39;&#x1F600;&bogus;&#xZZ;&"),
            "a<b>\"'\xF0\x9F\x98\x80&bogus;&#xZZ;&");
  EXPECT_EQ(DecodeHtmlEntities("&#0;&#xD800;"), "\xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace
}  // namespace rasd::ingest
