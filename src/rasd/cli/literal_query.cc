// LiteralQuery (literal_query.h).
#include "rasd/cli/literal_query.h"

namespace rasd::cli {
namespace {

// The UTF-8 quotation marks the query language reads as phrase delimiters.
constexpr std::string_view kQuotes[] = {"\xC2\xAB" /* « */, "\xC2\xBB" /* » */,
                                        "\xE2\x80\x9C" /* “ */, "\xE2\x80\x9D" /* ” */};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string LiteralQuery(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    bool quote = false;
    for (std::string_view q : kQuotes) {
      if (text.substr(i, q.size()) == q) {
        out += ' ';
        i += q.size();
        quote = true;
        break;
      }
    }
    if (quote) continue;
    const char c = text[i];
    switch (c) {
      case '"': case '(': case ')': case ':': case '*': case '~':
        out += ' ';
        break;
      case '-': case '+':
        // An operator only at the start of a word; inside one ("COVID-19") it is text.
        out += (out.empty() || IsSpace(out.back())) ? ' ' : c;
        break;
      default:
        out += c;
    }
    ++i;
  }
  // Lower-case the ASCII operator words when they stand alone.
  for (size_t i = 0; i < out.size();) {
    while (i < out.size() && IsSpace(out[i])) ++i;
    size_t j = i;
    while (j < out.size() && !IsSpace(out[j])) ++j;
    const std::string_view word(out.data() + i, j - i);
    if (word == "OR" || word == "AND" || word == "NOT") {
      for (size_t k = i; k < j; ++k) out[k] = static_cast<char>(out[k] - 'A' + 'a');
    }
    i = j;
  }
  return out;
}

}  // namespace rasd::cli
