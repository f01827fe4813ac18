// Ingest body parsing: see ingest_body.h.
#include "rasd/server/ingest_body.h"

#include "rasd/base/json.h"
#include "rasd/engine/analysis.h"

namespace rasd::server {
namespace {

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string IdOf(const base::JsonValue& v) {
  const base::JsonValue* id = v.Find("id");
  if (id == nullptr) return {};
  if (id->is_string()) return id->string_value();
  if (id->is_number()) return id->Serialize();
  return {};
}

void AddRecord(const base::JsonValue& value, size_t number, bool is_item, ParsedIngest* out) {
  ++out->records;
  if (!value.is_object()) {
    out->errors.push_back({number, is_item, {}, "an article must be a JSON object"});
    return;
  }
  Result<engine::Article> article = engine::ArticleFromJson(value);
  if (!article.ok()) {
    out->errors.push_back({number, is_item, IdOf(value), article.status().message()});
    return;
  }
  if (auto problem = engine::DateProblem(*article)) {
    out->warnings.push_back({number, is_item, article->id, *problem});
  }
  out->articles.emplace_back(number, std::move(article).value());
}

}  // namespace

std::optional<BodyFormat> BodyFormatFor(std::string_view content_type) {
  std::string_view media = content_type.substr(0, content_type.find(';'));
  media = TrimSpace(media);
  std::string lower(media);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (lower == "application/json") return BodyFormat::kJson;
  if (lower == "application/x-ndjson" || lower == "application/jsonl" ||
      lower == "application/json-lines" || lower == "application/jsonlines" ||
      lower == "application/x-jsonlines") {
    return BodyFormat::kJsonLines;
  }
  return std::nullopt;
}

ParsedIngest ParseIngestBody(std::string_view body, BodyFormat format) {
  ParsedIngest out;
  body = engine::SkipByteOrderMark(body);
  if (format == BodyFormat::kJson) {
    // Nothing but white space holds no record (the caller's empty_body), as in JSON Lines.
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return out;
    Result<base::JsonValue> doc = base::ParseJson(body);
    if (!doc.ok()) {
      ++out.records;
      out.errors.push_back({1, false, {}, doc.status().message()});
      return out;
    }
    if (doc->is_array()) {
      size_t item = 0;
      for (const base::JsonValue& v : doc->array_items()) AddRecord(v, ++item, true, &out);
    } else {
      AddRecord(*doc, 1, false, &out);
    }
    return out;
  }
  size_t line_number = 0;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) nl = body.size();
    std::string_view line = body.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_number;
    if (TrimSpace(line).empty()) continue;
    Result<base::JsonValue> doc = base::ParseJson(line);
    if (!doc.ok()) {
      ++out.records;
      out.errors.push_back({line_number, false, {}, doc.status().message()});
      continue;
    }
    AddRecord(*doc, line_number, false, &out);
  }
  return out;
}

}  // namespace rasd::server
