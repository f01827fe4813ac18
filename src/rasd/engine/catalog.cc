// Catalog of entities across the index: see internal/catalog.h.
#include "rasd/engine/internal/catalog.h"

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>
#include <unordered_set>

#include "rasd/base/coding.h"
#include "rasd/base/crc32c.h"
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

Result<std::unique_ptr<Catalog>> Catalog::Build(const index::IndexReader& reader,
                                                std::string_view saved) {
  std::unique_ptr<Catalog> catalog;
  if (!saved.empty()) {
    auto parsed = Parse(saved);
    if (parsed.ok()) catalog = std::move(parsed).value();  // else: a stale cache, rebuild
  }
  if (catalog == nullptr) catalog = std::make_unique<Catalog>();
  // The unseen articles go in chunks: read in order, their story signatures (most of the
  // cost) computed on every core, then added in index order, as one by one.
  constexpr size_t kChunk = 256;
  const size_t threads = std::max<size_t>(1, std::thread::hardware_concurrency());
  std::vector<Article> articles;
  std::vector<std::string> extractions;
  std::vector<extract::StoryClusterer::Signatures> signatures;
  auto add_chunk = [&] {
    signatures.assign(articles.size(), {});
    std::atomic<size_t> next{0};
    auto sign = [&] {
      for (size_t i = next++; i < articles.size(); i = next++) {
        if (HasStoryText(articles[i])) signatures[i] = catalog->stories_.Sign(StoryText(articles[i]));
      }
    };
    std::vector<std::thread> helpers;
    for (size_t t = 1; t < std::min(threads, articles.size()); ++t) helpers.emplace_back(sign);
    sign();
    for (std::thread& h : helpers) h.join();
    for (size_t i = 0; i < articles.size(); ++i) {
      catalog->AddArticle(articles[i], extractions[i], std::move(signatures[i]));
    }
    articles.clear();
    extractions.clear();
  };
  // Which articles are new is read from the index's ids, not from the stored articles: with
  // a saved catalog that knows them all, nothing is decompressed (every article's text was,
  // on every open, to find its id).
  std::vector<uint32_t> unseen;
  size_t known = 0;  // live articles the catalog has counted
  auto scan = [&] {
    unseen.clear();
    known = 0;
    return reader.ForEachId([&](uint32_t doc, std::string_view id) {
      if (!reader.IsLive(doc)) return;
      if (catalog->articles_.count(id) == 0) {
        unseen.push_back(doc);
      } else {
        ++known;
      }
    });
  };
  RASD_RETURN_IF_ERROR(scan());
  // The saved catalog counts articles the index no longer holds: deleted by a process that
  // did not load the catalog (`rasd delete`), so it could not take their entities off, and
  // neither can this one without their stored extraction. Rebuilt from the index instead.
  if (known < catalog->articles_.size()) {
    catalog = std::make_unique<Catalog>();
    RASD_RETURN_IF_ERROR(scan());
  }
  std::sort(unseen.begin(), unseen.end());  // added in index order, as they were written
  index::StoredDocument stored;
  for (uint32_t doc : unseen) {
    RASD_RETURN_IF_ERROR(reader.GetStored(doc, &stored));
    RASD_RETURN_IF_ERROR(internal::DecodeStoredArticle(stored.id, stored.blob,
                                                       &articles.emplace_back(),
                                                       &extractions.emplace_back()));
    if (articles.size() == kChunk) add_chunk();
  }
  add_chunk();
  return catalog;
}

namespace {

constexpr char kCatalogMagic[8] = {'R', 'S', 'D', 'C', 'A', 'T', 'L', 'G'};
constexpr uint32_t kCatalogVersion = 1;

void PutCounts(std::string* out, const std::map<std::string, uint64_t>& counts) {
  base::PutVarint64(out, counts.size());
  for (const auto& [key, count] : counts) {
    base::PutLengthPrefixed(out, key);
    base::PutVarint64(out, count);
  }
}

bool GetCounts(std::string_view* in, std::map<std::string, uint64_t>* counts) {
  uint64_t n = 0;
  if (!base::GetVarint64(in, &n) || n > in->size()) return false;
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view key;
    uint64_t count = 0;
    if (!base::GetLengthPrefixed(in, &key) || !base::GetVarint64(in, &count)) return false;
    // Serialize wrote them in order: appended at the end, not searched for.
    counts->emplace_hint(counts->end(), std::string(key), count);
  }
  return true;
}

}  // namespace

std::string Catalog::Serialize() const {
  std::string out(kCatalogMagic, sizeof kCatalogMagic);
  base::PutFixed32(&out, kCatalogVersion);
  std::vector<std::string_view> ids(articles_.begin(), articles_.end());
  std::sort(ids.begin(), ids.end());  // the same catalog always gives the same bytes
  base::PutVarint64(&out, ids.size());
  for (std::string_view id : ids) base::PutLengthPrefixed(&out, id);
  base::PutVarint64(&out, entities_.size());
  for (const auto& [id, e] : entities_) {
    base::PutLengthPrefixed(&out, id);
    base::PutVarint64(&out, e.articles);
    PutCounts(&out, e.canonical);
    PutCounts(&out, e.variants);
    PutCounts(&out, e.types);
  }
  base::PutVarint64(&out, names_.size());
  for (const auto& [name, id] : names_) {
    base::PutLengthPrefixed(&out, name);
    base::PutLengthPrefixed(&out, id);
  }
  base::PutLengthPrefixed(&out, stories_.Serialize());
  base::PutFixed32(&out, base::crc32c::Mask(base::crc32c::Value(out)));
  return out;
}

Result<std::unique_ptr<Catalog>> Catalog::Parse(std::string_view data) {
  auto corrupt = [](const std::string& what) {
    return Status::Corruption("catalog: " + what);
  };
  if (data.size() < sizeof kCatalogMagic + 8 ||
      data.substr(0, sizeof kCatalogMagic) != std::string_view(kCatalogMagic, sizeof kCatalogMagic)) {
    return corrupt("bad magic");
  }
  const uint32_t crc = base::DecodeFixed32(data.data() + data.size() - 4);
  if (base::crc32c::Unmask(crc) != base::crc32c::Value(data.substr(0, data.size() - 4))) {
    return corrupt("checksum mismatch");
  }
  std::string_view in = data.substr(sizeof kCatalogMagic, data.size() - sizeof kCatalogMagic - 4);
  uint32_t version = 0;
  if (!base::GetFixed32(&in, &version)) return corrupt("truncated header");
  if (version != kCatalogVersion) {
    return Status::NotSupported("catalog: version " + std::to_string(version));
  }
  auto catalog = std::make_unique<Catalog>();
  uint64_t n = 0;
  if (!base::GetVarint64(&in, &n) || n > in.size()) return corrupt("bad article count");
  catalog->articles_.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view id;
    if (!base::GetLengthPrefixed(&in, &id)) return corrupt("truncated article ids");
    catalog->articles_.emplace(id);
  }
  if (!base::GetVarint64(&in, &n) || n > in.size()) return corrupt("bad entity count");
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view id;
    Entity e;
    if (!base::GetLengthPrefixed(&in, &id) || !base::GetVarint64(&in, &e.articles) ||
        !GetCounts(&in, &e.canonical) || !GetCounts(&in, &e.variants) ||
        !GetCounts(&in, &e.types)) {
      return corrupt("truncated entity");
    }
    catalog->entities_.emplace_hint(catalog->entities_.end(), std::string(id), std::move(e));
  }
  if (!base::GetVarint64(&in, &n) || n > in.size()) return corrupt("bad name count");
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view name, id;
    if (!base::GetLengthPrefixed(&in, &name) || !base::GetLengthPrefixed(&in, &id)) {
      return corrupt("truncated names");
    }
    catalog->names_.emplace_hint(catalog->names_.end(), std::string(name), std::string(id));
  }
  std::string_view stories;
  if (!base::GetLengthPrefixed(&in, &stories)) return corrupt("truncated story clusters");
  RASD_ASSIGN_OR_RETURN(catalog->stories_, extract::StoryClusterer::Parse(stories));
  if (!in.empty()) return corrupt("trailing bytes");
  return catalog;
}

bool Catalog::HasStoryText(const Article& article) {
  return !article.title.empty() || !article.body.empty();
}

std::string Catalog::StoryText(const Article& article) {
  return article.title + "\n" + article.body;
}

void Catalog::AddArticle(const Article& article, std::string_view extraction_json) {
  if (articles_.count(article.id) != 0) return;  // counted already
  extract::StoryClusterer::Signatures signatures;
  // A replaced article keeps its first story (AddSigned ignores a known id): no need to sign it.
  if (HasStoryText(article) && stories_.Assignment(article.id).story.empty()) {
    signatures = stories_.Sign(StoryText(article));
  }
  AddArticle(article, extraction_json, std::move(signatures));
}

void Catalog::AddArticle(const Article& article, std::string_view extraction_json,
                         extract::StoryClusterer::Signatures signatures) {
  if (!articles_.insert(article.id).second) return;  // counted already
  ++unsaved_;
  if (HasStoryText(article)) {
    stories_.AddSigned(article.id, article.date, std::move(signatures));
    story_index_stale_ = true;
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

namespace {

// Takes one off counts[key], dropping the key at zero.
void Decrement(std::map<std::string, uint64_t>* counts, const std::string& key) {
  auto it = counts->find(key);
  if (it == counts->end()) return;
  if (--it->second == 0) counts->erase(it);
}

}  // namespace

void Catalog::RemoveArticle(std::string_view id, std::string_view extraction_json) {
  auto known = articles_.find(std::string(id));
  if (known == articles_.end()) return;
  articles_.erase(known);
  ++unsaved_;
  story_index_stale_ = true;
  // The exact reverse of AddArticle's counting, for the extraction it was given then.
  auto extraction = ParseExtractionJson(extraction_json);
  if (!extraction.ok()) return;
  std::set<std::string> seen;
  for (const auto& e : extraction->entities) {
    if (e.entity_id.empty()) continue;
    auto it = entities_.find(e.entity_id);
    if (it == entities_.end()) continue;
    Entity& entity = it->second;
    Decrement(&entity.variants, e.text);
    Decrement(&entity.types, std::string(EntityTypeName(e.type)));
    if (seen.insert(e.entity_id).second) {
      if (entity.articles > 0) --entity.articles;
      Decrement(&entity.canonical, e.canonical);
    }
    // An entity no live article mentions is gone (its spellings may still resolve to its id,
    // which then has no summary).
    if (entity.articles == 0) entities_.erase(it);
  }
}

Status Catalog::Update(const index::IndexReader& before, const index::IndexReader& after,
                       const std::vector<std::string>& ids) {
  index::StoredDocument stored;
  Article article;
  std::string extraction;
  std::unordered_set<std::string_view> done;  // an id written twice is updated once
  for (const std::string& id : ids) {
    if (!done.insert(id).second) continue;
    if (auto doc = before.LookupId(id)) {
      RASD_RETURN_IF_ERROR(before.GetStored(*doc, &stored));
      RASD_RETURN_IF_ERROR(
          internal::DecodeStoredArticle(stored.id, stored.blob, &article, &extraction));
      RemoveArticle(id, extraction);
    }
    if (auto doc = after.LookupId(id)) {
      RASD_RETURN_IF_ERROR(after.GetStored(*doc, &stored));
      RASD_RETURN_IF_ERROR(
          internal::DecodeStoredArticle(stored.id, stored.blob, &article, &extraction));
      AddArticle(article, extraction);
    }
  }
  return Status::OK();
}

void Catalog::RefreshStoryIndex() const {
  if (!story_index_stale_) return;
  story_of_.clear();
  // Deleted articles stay in the clusterer (its union-find cannot take them out): count
  // and name each story by its live articles only, as Engine::Stories and GetStory do.
  const auto clusters =
      stories_.Stories(2, [this](std::string_view id) { return articles_.count(id) > 0; });
  for (const auto& cluster : clusters) {
    const StoryRef ref{cluster.earliest, cluster.members.size()};
    for (const auto& member : cluster.members) story_of_[member] = ref;
  }
  num_stories_ = clusters.size();
  story_index_stale_ = false;
}

size_t Catalog::num_stories() const {
  RefreshStoryIndex();
  return num_stories_;
}

std::optional<Catalog::StoryRef> Catalog::StoryOf(std::string_view article_id) const {
  RefreshStoryIndex();
  auto it = story_of_.find(article_id);
  if (it == story_of_.end()) return std::nullopt;
  return it->second;
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
  if (it != names_.end() && entities_.count(it->second)) return it->second;
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
