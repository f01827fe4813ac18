// HTML to article text: see html_text.h.
#include "rasd/ingest/html_text.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace rasd::ingest {
namespace {

void AppendUtf8(std::string* out, uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Elements whose content is never article text.
bool IsSkippedElement(std::string_view name) {
  static constexpr std::string_view kSkip[] = {
      "script", "style", "noscript", "nav",    "header", "footer", "aside",
      "form",   "svg",   "template", "iframe", "select", "button", "figcaption"};
  return std::find(std::begin(kSkip), std::end(kSkip), name) != std::end(kSkip);
}

// Elements that end a paragraph.
bool IsBlockElement(std::string_view name) {
  static constexpr std::string_view kBlock[] = {
      "p",          "div",     "br",      "li", "h1", "h2",    "h3",  "h4", "h5", "h6", "tr",
      "blockquote", "section", "article", "ul", "ol", "table", "pre", "hr", "dd", "dt"};
  return std::find(std::begin(kBlock), std::end(kBlock), name) != std::end(kBlock);
}

struct Tag {
  std::string name;  // lower case, without '/'
  bool closing = false;
  std::string attrs;  // raw attribute text
};

// Parses the tag starting at html[pos] == '<'; returns the position after '>' (or npos).
// A '<' followed by no tag name starts no tag: tag->name stays empty and the position after
// the '<' is returned at once (scanning on for a '>' made a page of many such '<' quadratic:
// 320,000 of them took 16 s).
size_t ParseTag(std::string_view html, size_t pos, Tag* tag) {
  size_t i = pos + 1;
  if (i < html.size() && html[i] == '/') {
    tag->closing = true;
    ++i;
  }
  const size_t name_start = i;
  while (i < html.size() && (std::isalnum(static_cast<unsigned char>(html[i])) || html[i] == '-'))
    ++i;
  tag->name = Lower(html.substr(name_start, i - name_start));
  if (tag->name.empty()) return pos + 1;
  // Find the closing '>' outside quoted attribute values.
  char quote = 0;
  const size_t attrs_start = i;
  for (; i < html.size(); ++i) {
    const char c = html[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      tag->attrs = std::string(html.substr(attrs_start, i - attrs_start));
      return i + 1;
    }
  }
  return std::string_view::npos;
}

std::string AttrValue(std::string_view attrs, std::string_view name) {
  const std::string lower = Lower(attrs);
  size_t at = 0;
  while ((at = lower.find(name, at)) != std::string::npos) {
    size_t i = at + name.size();
    while (i < attrs.size() && attrs[i] == ' ') ++i;
    if (i < attrs.size() && attrs[i] == '=' &&
        (at == 0 || !std::isalnum(static_cast<unsigned char>(lower[at - 1])))) {
      ++i;
      while (i < attrs.size() && attrs[i] == ' ') ++i;
      if (i < attrs.size() && (attrs[i] == '"' || attrs[i] == '\'')) {
        const char q = attrs[i];
        const size_t end = attrs.find(q, i + 1);
        if (end == std::string_view::npos) return "";
        return std::string(attrs.substr(i + 1, end - i - 1));
      }
      size_t end = i;
      while (end < attrs.size() && attrs[end] != ' ') ++end;
      return std::string(attrs.substr(i, end - i));
    }
    at += name.size();
  }
  return "";
}

// Collapses whitespace runs to one space, keeps "\n" paragraph breaks, trims each paragraph
// and drops empty ones.
std::string TidyParagraphs(std::string_view raw) {
  std::string out;
  std::string para;
  auto flush = [&] {
    while (!para.empty() && para.back() == ' ') para.pop_back();
    if (!para.empty()) {
      if (!out.empty()) out += '\n';
      out += para;
    }
    para.clear();
  };
  for (size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '\n') {
      flush();
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
      if (!para.empty() && para.back() != ' ') para += ' ';
    } else if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < raw.size() &&
               static_cast<unsigned char>(raw[i + 1]) == 0xA0) {
      if (!para.empty() && para.back() != ' ') para += ' ';  // NBSP between words
      ++i;
    } else {
      para += c;
    }
  }
  flush();
  return out;
}

}  // namespace

std::string DecodeHtmlEntities(std::string_view text) {
  static constexpr std::pair<std::string_view, uint32_t> kNamed[] = {
      {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
      {"apos", '\''},     {"nbsp", 0xA0},    {"laquo", 0xAB},   {"raquo", 0xBB},
      {"hellip", 0x2026}, {"mdash", 0x2014}, {"ndash", 0x2013}, {"rlm", 0x200F},
      {"lrm", 0x200E},    {"zwnj", 0x200C},  {"zwj", 0x200D},   {"ldquo", 0x201C},
      {"rdquo", 0x201D},  {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"copy", 0xA9}};
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '&') {
      out += text[i++];
      continue;
    }
    const size_t semi = text.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 12) {
      out += text[i++];
      continue;
    }
    std::string_view ref = text.substr(i + 1, semi - i - 1);
    bool done = false;
    if (!ref.empty() && ref[0] == '#') {
      uint32_t cp = 0;
      bool hex = ref.size() > 1 && (ref[1] == 'x' || ref[1] == 'X');
      std::string_view digits = ref.substr(hex ? 2 : 1);
      bool ok = !digits.empty();
      for (char c : digits) {
        int d = -1;
        if (c >= '0' && c <= '9')
          d = c - '0';
        else if (hex && c >= 'a' && c <= 'f')
          d = c - 'a' + 10;
        else if (hex && c >= 'A' && c <= 'F')
          d = c - 'A' + 10;
        if (d < 0 || cp > 0x10FFFF) {
          ok = false;
          break;
        }
        cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);
      }
      if (ok) {
        AppendUtf8(&out, cp);
        done = true;
      }
    } else {
      for (const auto& [name, cp] : kNamed) {
        if (ref == name) {
          AppendUtf8(&out, cp);
          done = true;
          break;
        }
      }
    }
    if (done) {
      i = semi + 1;
    } else {
      out += text[i++];
    }
  }
  return out;
}

HtmlText ExtractHtmlText(std::string_view html) {
  // If the page has an <article>, read only its content.
  const std::string lower = Lower(html);
  std::string_view scope = html;
  if (size_t a = lower.find("<article"); a != std::string::npos) {
    const size_t e = lower.find("</article>", a);
    scope = html.substr(a, (e == std::string::npos ? html.size() : e) - a);
  }

  HtmlText out;
  std::string og_title, h1, title;
  // Title sources come from the whole page.
  {
    size_t pos = 0;
    while ((pos = html.find('<', pos)) != std::string_view::npos) {
      Tag tag;
      const size_t next = ParseTag(html, pos, &tag);
      if (next == std::string_view::npos) break;
      if (!tag.closing && tag.name == "title" && title.empty()) {
        const size_t end = lower.find("</title", next);
        title = html.substr(next, (end == std::string::npos ? html.size() : end) - next);
      } else if (!tag.closing && tag.name == "meta" && og_title.empty() &&
                 Lower(AttrValue(tag.attrs, "property")) == "og:title") {
        og_title = AttrValue(tag.attrs, "content");
      } else if (!tag.closing && tag.name == "h1" && h1.empty()) {
        const size_t end = lower.find("</h1", next);
        std::string_view inner =
            html.substr(next, (end == std::string::npos ? html.size() : end) - next);
        h1 = ExtractHtmlText(std::string("<p>") + std::string(inner)).body;
      }
      pos = next;
    }
  }
  out.title = TidyParagraphs(DecodeHtmlEntities(!title.empty()      ? title
                                                : !og_title.empty() ? og_title
                                                                    : h1));
  for (auto& c : out.title)
    if (c == '\n') c = ' ';

  std::string raw;
  int skip_depth = 0;
  std::string skipping;  // the element being skipped
  size_t pos = 0;
  while (pos < scope.size()) {
    const size_t lt = scope.find('<', pos);
    const size_t text_end = lt == std::string_view::npos ? scope.size() : lt;
    if (skip_depth == 0 && text_end > pos)
      raw += DecodeHtmlEntities(scope.substr(pos, text_end - pos));
    if (lt == std::string_view::npos) break;
    if (scope.compare(lt, 4, "<!--") == 0) {
      const size_t end = scope.find("-->", lt + 4);
      pos = end == std::string_view::npos ? scope.size() : end + 3;
      continue;
    }
    Tag tag;
    const size_t next = ParseTag(scope, lt, &tag);
    if (tag.name.empty()) {  // a '<' that starts no tag is text
      if (skip_depth == 0) raw += '<';
      pos = lt + 1;
      continue;
    }
    if (next == std::string_view::npos) break;  // an unterminated tag ends the page
    pos = next;
    if (tag.name == "title" && !tag.closing) {  // the title is not body text
      const size_t end = Lower(scope.substr(next)).find("</title");
      pos = end == std::string::npos ? scope.size() : next + end;
      continue;
    }
    if (skip_depth > 0) {
      if (tag.name == skipping) skip_depth += tag.closing ? -1 : 1;
      continue;
    }
    std::string_view attrs = tag.attrs;
    while (!attrs.empty() && attrs.back() == ' ') attrs.remove_suffix(1);
    const bool self_closing = !attrs.empty() && attrs.back() == '/';
    if (!tag.closing && IsSkippedElement(tag.name) && !self_closing) {
      skipping = tag.name;
      skip_depth = 1;
      continue;
    }
    if (IsBlockElement(tag.name)) raw += '\n';
  }
  out.body = TidyParagraphs(raw);
  return out;
}

}  // namespace rasd::ingest
