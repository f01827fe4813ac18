// Catalog of entities across the index: see internal/catalog.h.
#include "rasd/engine/internal/catalog.h"

#include <algorithm>
#include <set>

#include "rasd/base/json.h"
#include "rasd/base/macros.h"
#include "rasd/engine/internal/stored_article.h"
#include "rasd/text/analyzer.h"

namespace rasd::engine {
namespace {

std::string StringMember(const base::JsonValue& v, std::string_view key) {
  const base::JsonValue* m = v.Find(key);
  return m != nullptr && m->is_string() ? m->string_value() : std::string();
}

uint32_t UintMember(const base::JsonValue& v, std::string_view key) {
  const base::JsonValue* m = v.Find(key);
  return m != nullptr && m->is_number() && m->number_value() >= 0
             ? static_cast<uint32_t>(m->number_value())
             : 0;
}

}  // namespace

std::string_view EntityTypeName(std::string_view tag) {
  if (tag == "PERS") return "person";
  if (tag == "ORG") return "organization";
  if (tag == "LOC") return "place";
  return "misc";
}

Result<ArticleExtraction> ParseExtractionJson(std::string_view json) {
  ArticleExtraction out;
  if (json.empty()) return out;
  auto parsed = base::ParseJson(json);
  if (!parsed.ok() || !parsed->is_object()) {
    return Status::Corruption("stored extraction is not a JSON object");
  }
  const base::JsonValue& v = *parsed;
  out.id = StringMember(v, "id");
  if (const auto* entities = v.Find("entities"); entities && entities->is_array()) {
    for (const auto& e : entities->array_items()) {
      ExtractedEntity x;
      x.text = StringMember(e, "text");
      x.type = StringMember(e, "type");
      x.start = UintMember(e, "start");
      x.end = UintMember(e, "end");
      x.canonical = StringMember(e, "canonical");
      x.entity_id = StringMember(e, "entity_id");
      out.entities.push_back(std::move(x));
    }
  }
  if (const auto* quotes = v.Find("quotes"); quotes && quotes->is_array()) {
    for (const auto& q : quotes->array_items()) {
      ExtractedQuote x;
      x.speaker = StringMember(q, "speaker");
      x.speaker_canonical = StringMember(q, "speaker_canonical");
      x.speaker_id = StringMember(q, "speaker_id");
      x.speaker_start = UintMember(q, "speaker_start");
      x.speaker_end = UintMember(q, "speaker_end");
      x.verb = StringMember(q, "verb");
      x.quote = StringMember(q, "quote");
      const base::JsonValue* direct = q.Find("direct");
      x.direct = direct != nullptr && direct->is_bool() && direct->bool_value();
      x.start = UintMember(q, "start");
      x.end = UintMember(q, "end");
      out.quotes.push_back(std::move(x));
    }
  }
  if (const auto* dates = v.Find("dates"); dates && dates->is_array()) {
    for (const auto& d : dates->array_items()) {
      ExtractedDate x;
      x.text = StringMember(d, "text");
      x.start = UintMember(d, "start");
      x.end = UintMember(d, "end");
      x.value = StringMember(d, "value");
      x.kind = StringMember(d, "kind");
      out.dates.push_back(std::move(x));
    }
  }
  return out;
}

Result<std::unique_ptr<Catalog>> Catalog::Build(const index::IndexReader& reader) {
  auto catalog = std::make_unique<Catalog>();
  index::StoredDocument stored;
  Article article;
  std::string extraction;
  for (uint32_t doc = 0; doc < reader.max_doc(); ++doc) {
    if (!reader.IsLive(doc)) continue;
    RASD_RETURN_IF_ERROR(reader.GetStored(doc, &stored));
    RASD_RETURN_IF_ERROR(
        internal::DecodeStoredArticle(stored.id, stored.blob, &article, &extraction));
    catalog->AddArticle(article, extraction);
  }
  return catalog;
}

void Catalog::AddArticle(const Article& article, std::string_view extraction_json) {
  if (!article.title.empty() || !article.body.empty()) {
    stories_.Add(article.id, article.date, article.title + "\n" + article.body);
  }
  auto extraction = ParseExtractionJson(extraction_json);
  if (!extraction.ok()) return;  // a damaged record only loses its entities
  std::set<std::string> seen;
  for (const auto& e : extraction->entities) {
    if (e.entity_id.empty()) continue;
    Entity& entity = entities_[e.entity_id];
    entity.variants[e.text]++;
    entity.types[std::string(EntityTypeName(e.type))]++;
    if (seen.insert(e.entity_id).second) {
      entity.articles++;
      entity.canonical[e.canonical]++;
    }
    names_[text::NormalizeWord(e.text)] = e.entity_id;
    names_[text::NormalizeWord(e.canonical)] = e.entity_id;
  }
}

std::string Catalog::MostFrequent(const std::map<std::string, uint64_t>& counts) {
  std::string best;
  uint64_t best_count = 0;
  for (const auto& [value, count] : counts) {
    if (count > best_count) {
      best = value;
      best_count = count;
    }
  }
  return best;
}

std::string Catalog::NameOf(std::string_view id) const {
  auto it = entities_.find(id);
  if (it == entities_.end()) return std::string(id);
  return MostFrequent(it->second.canonical);
}

std::optional<std::string> Catalog::Resolve(std::string_view id_or_name) const {
  if (entities_.count(id_or_name)) return std::string(id_or_name);
  const std::string id = EntityIdForName(id_or_name);
  if (entities_.count(id)) return id;
  auto it = names_.find(text::NormalizeWord(id_or_name));
  if (it != names_.end()) return it->second;
  return std::nullopt;
}

EntitySummary Catalog::MakeSummary(const std::string& id, const Entity& e) const {
  EntitySummary s;
  s.id = id;
  s.name = MostFrequent(e.canonical);
  s.type = MostFrequent(e.types);
  s.articles = e.articles;
  std::vector<std::pair<uint64_t, std::string>> variants;
  for (const auto& [text, count] : e.variants) variants.emplace_back(count, text);
  std::sort(variants.begin(), variants.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (auto& [count, text] : variants) s.variants.push_back(std::move(text));
  return s;
}

std::optional<EntitySummary> Catalog::Summary(std::string_view id) const {
  auto it = entities_.find(id);
  if (it == entities_.end()) return std::nullopt;
  return MakeSummary(it->first, it->second);
}

std::vector<EntitySummary> Catalog::Top(std::string_view type, std::string_view prefix,
                                        size_t limit) const {
  const std::string norm_prefix = text::NormalizeWord(prefix);
  std::vector<std::pair<uint64_t, const std::string*>> ranked;
  for (const auto& [id, e] : entities_) {
    if (!type.empty() && MostFrequent(e.types) != type) continue;
    if (!norm_prefix.empty()) {
      bool match = false;
      for (const auto& [name, count] : e.canonical) {
        match = match || text::NormalizeWord(name).rfind(norm_prefix, 0) == 0;
      }
      for (const auto& [name, count] : e.variants) {
        match = match || text::NormalizeWord(name).rfind(norm_prefix, 0) == 0;
      }
      if (!match) continue;
    }
    ranked.emplace_back(e.articles, &id);
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : *a.second < *b.second;
  });
  std::vector<EntitySummary> out;
  for (size_t i = 0; i < ranked.size() && i < limit; ++i) {
    out.push_back(MakeSummary(*ranked[i].second, entities_.find(*ranked[i].second)->second));
  }
  return out;
}

}  // namespace rasd::engine
