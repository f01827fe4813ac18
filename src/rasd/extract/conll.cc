// CoNLL reading; see conll.h.
#include "rasd/extract/conll.h"

#include "rasd/base/env.h"
#include "rasd/base/macros.h"

namespace rasd::extract {
namespace {

// Calls fn(line, line_number) for each line, without its "\n" or "\r\n".
template <typename Fn>
void ForEachLine(std::string_view text, Fn fn) {
  size_t pos = 0, line_number = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    fn(line, ++line_number);
    pos = nl + 1;
  }
}

}  // namespace

Result<std::vector<ConllSentence>> ParseConll(std::string_view text,
                                              std::string_view source_name) {
  std::vector<ConllSentence> out;
  ConllSentence cur;
  Status error;
  ForEachLine(text, [&](std::string_view line, size_t line_number) {
    if (!error.ok()) return;
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      if (!cur.tokens.empty()) out.push_back(std::move(cur));
      cur = ConllSentence();
      return;
    }
    size_t tab = line.rfind('\t');
    if (tab == std::string_view::npos || tab == 0) {
      error = Status::InvalidArgument(std::string(source_name) + ": line " +
                                      std::to_string(line_number) +
                                      ": expected TOKEN<TAB>TAG");
      return;
    }
    std::string_view tag_text = line.substr(tab + 1);
    auto tag = ParseTag(tag_text);
    if (!tag) {
      error = Status::InvalidArgument(std::string(source_name) + ": line " +
                                      std::to_string(line_number) + ": unknown tag '" +
                                      std::string(tag_text) + "'");
      return;
    }
    std::string_view token = line.substr(0, line.find('\t'));
    cur.tokens.emplace_back(token);
    cur.tags.push_back(*tag);
  });
  if (!error.ok()) return error;
  if (!cur.tokens.empty()) out.push_back(std::move(cur));
  return out;
}

Result<std::vector<ConllSentence>> ReadConllFile(const std::string& path) {
  RASD_ASSIGN_OR_RETURN(std::string data, base::ReadFileToString(base::Env::Default(), path));
  return ParseConll(data, path);
}

std::vector<std::vector<std::string>> ParseTokenLines(std::string_view text) {
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> cur;
  ForEachLine(text, [&](std::string_view line, size_t) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
      return;
    }
    cur.emplace_back(line.substr(0, line.find('\t')));
  });
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

}  // namespace rasd::extract
