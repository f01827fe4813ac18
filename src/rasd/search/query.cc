// Query::DebugString (query.h): a canonical rendering used by tests and logs.
#include <limits>
#include <string>

#include "rasd/search/query.h"

namespace rasd::search {
namespace {

void AppendScope(Scope scope, std::string* out) {
  if (scope == Scope::kTitle) out->append("title:");
  if (scope == Scope::kBody) out->append("body:");
}

void AppendWord(const QueryWord& w, std::string* out) {
  out->append(w.stop ? w.norm : w.stem);
}

void AppendNode(const QueryNode& node, std::string* out) {
  if (node.occur == Occur::kMust) out->push_back('+');
  if (node.occur == Occur::kMustNot) out->push_back('-');
  switch (node.kind) {
    case QueryNode::Kind::kTerm:
      AppendScope(node.scope, out);
      if (!node.words.empty()) AppendWord(node.words[0], out);
      break;
    case QueryNode::Kind::kPhrase:
      AppendScope(node.scope, out);
      out->push_back('"');
      for (size_t i = 0; i < node.words.size(); ++i) {
        if (i > 0) out->push_back(' ');
        AppendWord(node.words[i], out);
      }
      out->push_back('"');
      break;
    case QueryNode::Kind::kPrefix:
      AppendScope(node.scope, out);
      if (!node.words.empty()) out->append(node.words[0].norm);
      out->push_back('*');
      break;
    case QueryNode::Kind::kVariant:
      AppendScope(node.scope, out);
      if (!node.words.empty()) AppendWord(node.words[0], out);
      out->push_back('~');
      break;
    case QueryNode::Kind::kSource:
      out->append("source:\"");
      out->append(node.value);
      out->push_back('"');
      break;
    case QueryNode::Kind::kDateRange:
      out->append("date:[");
      if (node.date_from != std::numeric_limits<int64_t>::min()) {
        out->append(std::to_string(node.date_from));
      }
      out->append("..");
      if (node.date_to != std::numeric_limits<int64_t>::max()) {
        out->append(std::to_string(node.date_to));
      }
      out->push_back(']');
      break;
    case QueryNode::Kind::kGroup:
      out->push_back('(');
      for (size_t i = 0; i < node.children.size(); ++i) {
        if (i > 0) out->append(" | ");
        AppendNode(node.children[i], out);
      }
      out->push_back(')');
      break;
  }
}

}  // namespace

std::string Query::DebugString() const {
  std::string out;
  for (size_t i = 0; i < clauses.size(); ++i) {
    if (i > 0) out.push_back(' ');
    AppendNode(clauses[i], &out);
  }
  return out;
}

}  // namespace rasd::search
