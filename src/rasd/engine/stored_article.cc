// Stored-article blobs: see internal/stored_article.h.
#include "rasd/engine/internal/stored_article.h"

#include "rasd/base/coding.h"

namespace rasd::engine::internal {
namespace {
constexpr char kVersion = 1;
}  // namespace

void EncodeStoredArticle(const Article& a, std::string_view extraction_json, std::string* out) {
  out->clear();
  out->push_back(kVersion);
  for (const std::string* field :
       {&a.title, &a.body, &a.source, &a.date, &a.url, &a.category, &a.author}) {
    base::PutLengthPrefixed(out, *field);
  }
  std::string extra;
  if (!a.extra.empty()) {
    base::JsonWriter w(&extra);
    w.BeginObject();
    for (const auto& [name, json] : a.extra) w.Key(name).Raw(json);
    w.EndObject();
  }
  base::PutLengthPrefixed(out, extra);
  base::PutLengthPrefixed(out, extraction_json);
}

Status DecodeStoredArticle(std::string_view id, std::string_view blob, Article* a,
                           std::string* extraction_json) {
  auto corrupt = [&](const char* what) {
    return Status::Corruption("stored article " + QuoteId(id) + ": " + what);
  };
  *a = Article();
  a->id = std::string(id);
  if (blob.empty()) {  // stored without text (OpenOptions::store_text = false)
    if (extraction_json) extraction_json->clear();
    return Status::OK();
  }
  if (blob[0] != kVersion) return corrupt("unknown format version");
  blob.remove_prefix(1);
  std::string_view value;
  for (std::string* field :
       {&a->title, &a->body, &a->source, &a->date, &a->url, &a->category, &a->author}) {
    if (!base::GetLengthPrefixed(&blob, &value)) return corrupt("truncated field");
    field->assign(value);
  }
  if (!base::GetLengthPrefixed(&blob, &value)) return corrupt("truncated extra fields");
  if (!value.empty()) {
    auto extra = base::ParseJson(value);
    if (!extra.ok() || !extra->is_object()) return corrupt("extra fields are not a JSON object");
    for (const auto& [name, member] : extra->object_members()) {
      a->extra.emplace_back(name, member.Serialize());
    }
  }
  std::string_view extraction;
  if (!base::GetLengthPrefixed(&blob, &extraction)) return corrupt("truncated extraction");
  if (extraction_json) extraction_json->assign(extraction);
  return Status::OK();
}

}  // namespace rasd::engine::internal
