// The monitoring views of Engine: an article with its entities and quotes, entities with
// their variants, timelines and quotes, and quotes by speaker or topic. See engine.h.
#include <algorithm>

#include "rasd/base/macros.h"
#include "rasd/engine/engine.h"
#include "rasd/engine/internal/engine_impl.h"
#include "rasd/engine/internal/stored_article.h"

namespace rasd::engine {
namespace {

// How many matching articles a quote listing reads at most (newest first).
constexpr size_t kQuoteArticleWindow = 200;

bool LooksLikeEntityId(std::string_view s) {
  return s.size() == 16 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

Quote MakeQuote(const Article& article, const ExtractedQuote& q) {
  Quote out;
  out.article_id = article.id;
  out.speaker = q.speaker;
  out.speaker_id = q.speaker_id;
  out.canonical_speaker = q.speaker_canonical;
  out.verb = q.verb;
  out.text = q.quote;
  out.direct = q.direct;
  out.start = q.start;
  out.end = q.end;
  out.title = article.title;
  out.source = article.source;
  out.date = article.date;
  return out;
}

}  // namespace

Result<Catalog*> Engine::Impl::CatalogLocked() const {
  if (!catalog) {
    auto snapshot = CurrentSearcher()->snapshot();
    RASD_ASSIGN_OR_RETURN(catalog, Catalog::Build(*snapshot));
  }
  return catalog.get();
}

Result<ArticleView> Engine::GetView(std::string_view id) const {
  auto searcher = impl_->CurrentSearcher();
  const index::IndexReader& reader = *searcher->snapshot();
  auto doc = reader.LookupId(id);
  if (!doc) return Status::NotFound("no article with id '" + std::string(id) + "'");
  index::StoredDocument stored;
  RASD_RETURN_IF_ERROR(reader.GetStored(*doc, &stored));
  ArticleView view;
  std::string extraction_json;
  RASD_RETURN_IF_ERROR(
      internal::DecodeStoredArticle(stored.id, stored.blob, &view.article, &extraction_json));
  RASD_ASSIGN_OR_RETURN(ArticleExtraction extraction, ParseExtractionJson(extraction_json));
  for (const auto& e : extraction.entities) {
    EntityMention m;
    m.text = e.text;
    m.entity_id = e.entity_id;
    m.canonical = e.canonical;
    m.type = std::string(EntityTypeName(e.type));
    m.field = "body";
    m.start = e.start;
    m.end = e.end;
    view.entities.push_back(std::move(m));
  }
  for (const auto& q : extraction.quotes) view.quotes.push_back(MakeQuote(view.article, q));
  return view;
}

Result<std::vector<EntitySummary>> Engine::TopEntities(std::string_view type,
                                                       std::string_view prefix,
                                                       size_t limit) const {
  std::lock_guard<std::mutex> lock(impl_->catalog_mu);
  RASD_ASSIGN_OR_RETURN(Catalog * catalog, impl_->CatalogLocked());
  return catalog->Top(type, prefix, limit);
}

Result<EntityDetail> Engine::GetEntity(std::string_view id_or_name) const {
  EntityDetail detail;
  {
    std::lock_guard<std::mutex> lock(impl_->catalog_mu);
    RASD_ASSIGN_OR_RETURN(Catalog * catalog, impl_->CatalogLocked());
    auto id = catalog->Resolve(id_or_name);
    auto summary = id ? catalog->Summary(*id) : std::nullopt;
    if (!summary) return Status::NotFound("no entity '" + std::string(id_or_name) + "'");
    detail.summary = std::move(*summary);
  }
  SearchOptions timeline;
  timeline.entities = {detail.summary.id};
  timeline.limit = 1;
  timeline.facets = true;
  RASD_ASSIGN_OR_RETURN(SearchResult result, Search(timeline));
  if (auto it = result.facets.find("day"); it != result.facets.end()) {
    for (const auto& day : it->second) detail.timeline.emplace_back(day.value, day.count);
  }
  RASD_ASSIGN_OR_RETURN(detail.quotes, Quotes(detail.summary.id, "", 50));
  return detail;
}

Result<std::vector<Quote>> Engine::Quotes(std::string_view speaker, std::string_view query,
                                          size_t limit) const {
  std::string speaker_id;
  if (!speaker.empty()) {
    std::lock_guard<std::mutex> lock(impl_->catalog_mu);
    RASD_ASSIGN_OR_RETURN(Catalog * catalog, impl_->CatalogLocked());
    auto id = catalog->Resolve(speaker);
    speaker_id =
        id ? *id : (LooksLikeEntityId(speaker) ? std::string(speaker) : EntityIdForName(speaker));
  }
  // Quote text must contain a query word (compared by stem) when a query is given.
  std::vector<std::string> stems;
  text::AnalyzedText analyzed;
  if (!query.empty() && impl_->analyzer.Analyze(query, &analyzed).ok()) {
    for (const auto& t : analyzed.tokens()) {
      if (!t.stop) stems.emplace_back(t.stem);
    }
  }
  auto searcher = impl_->CurrentSearcher();
  search::SearchRequest request;
  request.query = std::string(query);
  if (!speaker_id.empty()) request.speakers = {speaker_id};
  request.sort = search::SortOrder::kNewest;
  request.limit = kQuoteArticleWindow;
  RASD_ASSIGN_OR_RETURN(search::SearchResponse response, searcher->Search(request));

  std::vector<Quote> quotes;
  const index::IndexReader& reader = *searcher->snapshot();
  index::StoredDocument stored;
  Article article;
  std::string extraction_json;
  for (const search::Hit& hit : response.hits) {
    RASD_RETURN_IF_ERROR(reader.GetStored(hit.doc, &stored));
    RASD_RETURN_IF_ERROR(
        internal::DecodeStoredArticle(stored.id, stored.blob, &article, &extraction_json));
    auto extraction = ParseExtractionJson(extraction_json);
    if (!extraction.ok()) continue;
    for (const auto& q : extraction->quotes) {
      if (!speaker_id.empty() && q.speaker_id != speaker_id) continue;
      if (!stems.empty()) {
        bool match = false;
        if (impl_->analyzer.Analyze(q.quote, &analyzed).ok()) {
          for (const auto& t : analyzed.tokens()) {
            match = match || std::find(stems.begin(), stems.end(), t.stem) != stems.end();
          }
        }
        if (!match) continue;
      }
      quotes.push_back(MakeQuote(article, q));
      if (quotes.size() >= limit) return quotes;
    }
  }
  return quotes;
}

Result<std::vector<Story>> Engine::Stories(size_t min_articles, size_t offset, size_t limit) const {
  (void)min_articles;
  (void)offset;
  (void)limit;
  return std::vector<Story>();
}

Result<Story> Engine::GetStory(std::string_view story_or_article_id) const {
  return Status::NotFound("no story '" + std::string(story_or_article_id) + "'");
}

}  // namespace rasd::engine
