// Article text from an HTML page: the title and the readable body, with markup, scripts,
// styles and page furniture (navigation, headers, footers, forms) dropped and character
// references decoded.
//
// This is a tolerant tag scanner, not a full HTML5 parser: news pages are often malformed, and
// all ingest needs is text in reading order with paragraph breaks. When the page has an
// <article> element only its content is kept (the usual place of the story).
#pragma once

#include <string>
#include <string_view>

namespace rasd::ingest {

struct HtmlText {
  std::string title;  // <title>, else og:title, else the first <h1>
  std::string body;   // paragraphs separated by "\n"
};

HtmlText ExtractHtmlText(std::string_view html);

// Decodes character references (&amp; &#1575; &#x627; &nbsp; …) in `text`. Unknown or malformed
// references are kept as written.
std::string DecodeHtmlEntities(std::string_view text);

}  // namespace rasd::ingest
