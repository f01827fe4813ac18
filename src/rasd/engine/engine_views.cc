// The monitoring views of Engine: an article with its entities and quotes, entities with
// their variants, timelines and quotes, and quotes by speaker or topic. See engine.h.
#include <algorithm>
#include <climits>
#include <optional>

#include "rasd/base/macros.h"
#include "rasd/engine/article.h"
#include "rasd/engine/engine.h"
#include "rasd/engine/internal/engine_impl.h"
#include "rasd/engine/internal/stored_article.h"
#include "rasd/search/schema.h"

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

// The saved catalog's bytes, or none when it could not be read (a view, not a copy: the
// file can be tens of megabytes).
std::string_view SavedBytes(const Result<std::string>& saved) {
  return saved.ok() ? std::string_view(*saved) : std::string_view();
}

}  // namespace

Result<Catalog*> Engine::Impl::CatalogLocked() const {
  if (!catalog) {
    auto snapshot = CurrentSearcher()->snapshot();
    // The saved catalog is a cache: when it cannot be read, Build starts from nothing.
    auto saved = base::ReadFileToString(env, CatalogPath());
    RASD_ASSIGN_OR_RETURN(catalog, Catalog::Build(*snapshot, SavedBytes(saved)));
  }
  return catalog.get();
}

Status Engine::Impl::SaveCatalogLocked() {
  catalog_file = true;  // a failed atomic write may still leave the previous file
  RASD_RETURN_IF_ERROR(base::WriteFileAtomically(env, catalog->Serialize(), CatalogPath()));
  catalog->MarkSaved();
  return Status::OK();
}

void Engine::Impl::JournalWrite(std::string_view id) {
  std::lock_guard<std::mutex> lock(catalog_mu);
  if (!catalog && !catalog_file) {
    journal.incomplete = true;  // nothing to keep current (yet)
    return;
  }
  if (journal.incomplete || journal.bytes + id.size() > kMaxJournalBytes) {
    journal.incomplete = true;
    journal.ids.clear();
    journal.ids.shrink_to_fit();
    return;
  }
  journal.ids.emplace_back(id);
  journal.bytes += id.size() + sizeof(std::string);
}

void Engine::Impl::UpdateCatalogLocked(const index::IndexReader& before,
                                       const index::IndexReader& after) {
  CatalogJournal written = std::move(journal);
  journal = CatalogJournal{};
  if (!catalog && !catalog_file) return;
  // Not recorded in full: a catalog built or saved meanwhile cannot be brought up to date.
  bool ok = !written.incomplete;
  if (ok && !catalog) {
    // Only a saved catalog. Additions it can take later (Build adds the articles it has not
    // seen); a replaced or deleted article's old entities must come off it now, while the
    // old version can still be read.
    bool removes = false;
    for (const std::string& id : written.ids) removes = removes || before.LookupId(id).has_value();
    if (!removes) return;
    auto saved = base::ReadFileToString(env, CatalogPath());
    auto built = Catalog::Build(before, SavedBytes(saved));
    ok = built.ok();
    if (ok) catalog = std::move(built).value();
  }
  if (ok && catalog->Update(before, after, written.ids).ok()) return;
  catalog.reset();
  if (catalog_file && env->FileExists(CatalogPath())) env->RemoveFile(CatalogPath()).IgnoreError();
  catalog_file = false;
}

Status Engine::SaveCatalog() {
  if (!impl_->writer) return Status::NotSupported("the index was opened read-only");
  std::lock_guard<std::mutex> lock(impl_->catalog_mu);
  RASD_RETURN_IF_ERROR(impl_->CatalogLocked().status());
  return impl_->SaveCatalogLocked();
}

Result<ArticleView> Engine::GetView(std::string_view id) const {
  RASD_ASSIGN_OR_RETURN(const index::StoredDocument stored, impl_->ReadStored(id));
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
  std::lock_guard<std::mutex> lock(impl_->catalog_mu);
  RASD_ASSIGN_OR_RETURN(Catalog * catalog, impl_->CatalogLocked());
  if (auto story = catalog->StoryOf(view.article.id)) view.story_id = story->id;
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
    if (!summary) return Status::NotFound("no entity " + QuoteId(id_or_name));
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

// Fills a Story from a cluster of the catalog; members that are no longer in the snapshot
// (deleted or replaced since the catalog was built) are left out.
static Status MakeStory(const index::IndexReader& reader, const extract::StoryClusterer& clusterer,
                        const extract::StoryClusterer::Story& cluster, Story* story) {
  story->id = cluster.earliest;
  index::StoredDocument stored;
  Article article;
  std::vector<std::pair<int64_t, StoryMember>> members;
  for (const auto& id : cluster.members) {
    auto doc = reader.LookupId(id);
    if (!doc) continue;
    RASD_RETURN_IF_ERROR(reader.GetStored(*doc, &stored));
    RASD_RETURN_IF_ERROR(internal::DecodeStoredArticle(stored.id, stored.blob, &article, nullptr));
    StoryMember m;
    m.id = id;
    m.title = article.title;
    m.source = article.source;
    m.date = article.date;
    const auto assignment = clusterer.Assignment(id);
    m.near_duplicate = !assignment.duplicate_of.empty() && assignment.duplicate_of != id;
    members.emplace_back(ParseIsoDate(article.date).value_or(INT64_MAX), std::move(m));
  }
  std::stable_sort(members.begin(), members.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second.id < b.second.id;
  });
  std::vector<std::string> sources;
  for (auto& [date, m] : members) {
    if (std::find(sources.begin(), sources.end(), m.source) == sources.end() && !m.source.empty()) {
      sources.push_back(m.source);
    }
    story->members.push_back(std::move(m));
  }
  if (!story->members.empty()) {
    story->members.front().first_report = true;
    story->id = story->members.front().id;
    story->title = story->members.front().title;
  }
  story->sources = std::move(sources);
  return Status::OK();
}

// The date of global document `doc` as indexed (ParseIsoDate of its article's date, as
// MakeStory reads it from the stored article), or nullopt.
static std::optional<int64_t> IndexedDate(const index::IndexReader& reader, uint32_t doc) {
  uint32_t local = 0;
  const index::Segment* segment = reader.SegmentOf(doc, &local);
  const index::NumericColumn* dates =
      segment == nullptr ? nullptr : segment->numeric(search::kDateField);
  return dates == nullptr ? std::nullopt : dates->Get(local);
}

Result<std::vector<Story>> Engine::Stories(size_t min_articles, size_t offset, size_t limit) const {
  auto searcher = impl_->CurrentSearcher();
  std::lock_guard<std::mutex> lock(impl_->catalog_mu);
  RASD_ASSIGN_OR_RETURN(Catalog * catalog, impl_->CatalogLocked());
  const index::IndexReader& reader = *searcher->snapshot();
  const size_t min = std::max<size_t>(min_articles, 2);
  auto& order = impl_->story_order;
  if (order == nullptr || order->searcher != searcher || order->min != min) {
    // Which stories make a page, and in what order, needs each member's date alone, which
    // the index's date column holds: only a page's stories read their articles' stored
    // titles and sources. Every member of every story was read before, its stored block
    // decompressed, to show one page (a second for `rasd stories` at 60,000 articles).
    struct Candidate {
      extract::StoryClusterer::Story* cluster;
      int64_t latest;  // the date of its latest member, INT64_MIN when none has one
    };
    auto fresh = std::make_shared<Impl::StoryOrder>();
    fresh->searcher = searcher;
    fresh->min = min;
    auto clusters = catalog->stories().Stories(min);
    std::vector<Candidate> candidates;
    for (auto& cluster : clusters) {
      size_t live = 0;
      int64_t latest = INT64_MIN;
      for (const auto& id : cluster.members) {
        const auto doc = reader.LookupId(id);
        if (!doc) continue;  // deleted since it was clustered
        ++live;
        latest = std::max(latest, IndexedDate(reader, *doc).value_or(INT64_MIN));
      }
      if (live >= min) candidates.push_back(Candidate{&cluster, latest});
    }
    // Newest first: by the date of each story's latest member.
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.latest > b.latest; });
    fresh->stories.reserve(candidates.size());
    for (const Candidate& c : candidates) fresh->stories.push_back(std::move(*c.cluster));
    order = std::move(fresh);
  }
  std::vector<Story> stories;
  for (size_t i = offset; i < order->stories.size() && stories.size() < limit; ++i) {
    Story story;
    RASD_RETURN_IF_ERROR(MakeStory(reader, catalog->stories(), order->stories[i], &story));
    stories.push_back(std::move(story));
  }
  return stories;
}

Result<Story> Engine::GetStory(std::string_view story_or_article_id) const {
  auto searcher = impl_->CurrentSearcher();
  std::lock_guard<std::mutex> lock(impl_->catalog_mu);
  RASD_ASSIGN_OR_RETURN(Catalog * catalog, impl_->CatalogLocked());
  const auto& clusterer = catalog->stories();
  const std::string root = clusterer.Assignment(story_or_article_id).story;
  if (!root.empty()) {
    for (const auto& cluster : clusterer.Stories(2)) {
      if (clusterer.Assignment(cluster.earliest).story != root) continue;
      Story story;
      RASD_RETURN_IF_ERROR(MakeStory(*searcher->snapshot(), clusterer, cluster, &story));
      if (story.members.size() >= 2) return story;
    }
  }
  return Status::NotFound("no story for " + QuoteId(story_or_article_id));
}

}  // namespace rasd::engine
