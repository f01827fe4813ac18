// Engine: ingest, commit, search and look-ups over one index directory. See engine.h.
#include "rasd/engine/engine.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <thread>
#include <unordered_map>

#include "rasd/base/heap.h"
#include "rasd/base/macros.h"
#include "rasd/engine/article.h"
#include "rasd/engine/internal/engine_impl.h"
#include "rasd/engine/internal/stored_article.h"
#include "rasd/index/check.h"
#include "rasd/search/document_builder.h"
#include "rasd/search/schema.h"

namespace rasd::engine {

static_assert(kMaxResultWindow == search::kMaxWindow);
namespace {

// Written with every commit, so a future version can tell how the index was built.
constexpr std::string_view kCommitUserData = "rasd-engine 1";

// An IngestScratch string's room kept across articles (base::ClearBounded): the scratch
// lives as long as the engine, and only an outsized article grows one past this.
constexpr size_t kKeptScratchBytes = size_t{1} << 20;

bool HasText(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") != std::string_view::npos;
}

// Entity facet values and filters are entity ids: 16 lower-case hex digits.
bool LooksLikeEntityId(std::string_view s) {
  return s.size() == 16 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::string_view TypeField(std::string_view type) {
  if (type == "PERS") return kPersonField;
  if (type == "ORG") return kOrganizationField;
  if (type == "LOC") return kPlaceField;
  return kMiscField;
}

Result<search::SearcherOptions> MakeSearcherOptions(const std::map<std::string, double>& ranking) {
  search::SearcherOptions options;
  search::Bm25fParams& p = options.params;
  const std::map<std::string_view, double*> names = {
      {"k1", &p.k1},
      {"title.weight", &p.title.weight},
      {"title.b", &p.title.b},
      {"body.weight", &p.body.weight},
      {"body.b", &p.body.b},
      {"exact_weight", &p.exact_weight},
      {"variant_weight", &p.variant_weight},
      {"prefix_weight", &p.prefix_weight},
      {"pair_weight", &p.pair_weight}};
  for (const auto& [name, value] : ranking) {
    auto it = names.find(name);
    if (it == names.end()) return Status::InvalidArgument("unknown ranking parameter '" + name + "'");
    // Weights, k1 and the length factors b are finite and not below 0; b is at most 1.
    const bool is_b = name.size() >= 2 && name.compare(name.size() - 2, 2, ".b") == 0;
    if (!std::isfinite(value) || value < 0 || (is_b && value > 1)) {
      return Status::InvalidArgument("ranking parameter '" + name + "' must be a finite number " +
                                     (is_b ? "from 0 to 1" : "of at least 0") + ", got " +
                                     std::to_string(value));
    }
    *it->second = value;
  }
  return options;
}

}  // namespace

std::string Hit::SnippetText() const {
  std::string out;
  for (const auto& part : snippet) out += part.text;
  return out;
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

Result<std::unique_ptr<Engine>> Engine::Open(const std::string& dir, const OpenOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->env = options.env != nullptr ? options.env : base::Env::Default();
  impl->dir = dir;
  std::shared_ptr<const index::IndexReader> snapshot;
  if (options.read_only) {
    auto reader = index::IndexReader::Open(impl->env, dir);
    if (!reader.ok()) {
      // The advice to create an index only where there is none: a file missing from an
      // existing index (its own NotFound names the file) is damage, and so are segment files
      // without a MANIFEST (the reader's Corruption, which the writer also gives rather than
      // start a new index over them).
      if (reader.status().IsNotFound() && !index::IndexReader::Exists(impl->env, dir)) {
        return Status::NotFound("no index in " + dir + " (create one with `rasd index --index " +
                                dir + " FILE`)");
      }
      return reader.status();
    }
    snapshot = std::move(reader).value();
  } else {
    if (options.create_if_missing) RASD_RETURN_IF_ERROR(impl->env->CreateDirs(dir));
    index::IndexWriterOptions writer_options;
    writer_options.create_if_missing = options.create_if_missing;
    writer_options.sync_log = options.sync_log;
    writer_options.use_log = options.write_log;
    writer_options.ram_budget_bytes = options.memory_budget_bytes;
    writer_options.merge.segments_per_tier = options.merge_segments_per_tier;
    RASD_ASSIGN_OR_RETURN(impl->writer, index::IndexWriter::Open(impl->env, dir, writer_options));
    snapshot = impl->writer->Snapshot();
    if (options.pipeline_ingest) {
      index::IndexWriter* writer = impl->writer.get();
      impl->pipeline = std::make_unique<internal::IndexPipeline>(
          [writer](index::IndexDocument* doc) { return writer->AddDocument(std::move(*doc)); },
          64);
    }
    if (options.extract) {
      auto extractor = Extractor::Open();
      if (!extractor.ok()) {
        return extractor.status().WithContext(
            "loading the extraction model (index with extraction off to skip it)");
      }
      impl->extractor = std::move(extractor).value();
    }
  }
  impl->catalog_file = impl->env->FileExists(impl->CatalogPath());
  impl->ingest_threads = options.ingest_threads != 0
                             ? options.ingest_threads
                             : std::max<size_t>(1, std::thread::hardware_concurrency());
  RASD_ASSIGN_OR_RETURN(impl->searcher_options, MakeSearcherOptions(options.ranking));
  impl->searcher = std::make_shared<search::Searcher>(std::move(snapshot), impl->analyzer,
                                                      impl->searcher_options);
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

// Validates, analyses and extracts one article into `doc` (with its stored blob): the part of
// adding an article that needs no lock, so AddBatch runs it on several threads.
Status Engine::Impl::Prepare(const Article& article, IngestScratch* scratch,
                             index::IndexDocument* doc) const {
  RASD_RETURN_IF_ERROR(ValidateArticleId(article.id));
  if (!HasText(article.title) && !HasText(article.body)) {
    return Status::InvalidArgument("article " + QuoteId(article.id) +
                                   ": neither title nor body has text");
  }
  search::ArticleFields fields;
  fields.id = article.id;
  fields.title = article.title;
  fields.body = article.body;
  fields.source = article.source;
  fields.date = ParseIsoDate(article.date);
  search::BuildOptions build_options;
  build_options.index_title = options.index_title;
  Status built = search::BuildIndexDocument(fields, analyzer, &scratch->analyzed, doc, build_options);
  if (!built.ok()) return built.WithContext("article " + QuoteId(article.id));

  base::ClearBounded(&scratch->extraction_json, kKeptScratchBytes);
  if (extractor) {
    // Extraction reads the first kMaxExtractedBodyBytes of the body (Extractor::Extract).
    ArticleExtraction extraction =
        extractor->Extract(ArticleInput{article.id, article.body, article.date});
    for (const auto& e : extraction.entities) {
      if (e.entity_id.empty()) continue;
      doc->AddKeyword(search::kEntityField, e.entity_id);
      doc->AddKeyword(TypeField(e.type), e.entity_id);
    }
    for (const auto& q : extraction.quotes) {
      if (!q.speaker_id.empty()) doc->AddKeyword(search::kSpeakerField, q.speaker_id);
    }
    AppendExtractionJson(extraction, &scratch->extraction_json);
  }
  // Every limit of the index (the length of an id or a keyword such as the source) checked
  // here, against this article, rather than when the writer takes the document: there a
  // failure surfaced at the commit, naming no record, and took the batch with it.
  if (Status valid = doc->Validate(); !valid.ok()) {
    // The id itself may be what is too long: QuoteId shows it in part.
    return valid.WithContext("article " + QuoteId(article.id));
  }
  if (options.store_text) {
    base::ClearBounded(&scratch->blob, kKeptScratchBytes);  // EncodeStoredArticle keeps room
    internal::EncodeStoredArticle(article, scratch->extraction_json, &scratch->blob);
    doc->set_stored(scratch->blob);
  } else {
    doc->set_stored("");
  }
  return Status::OK();
}

// Hands a prepared document to the writer (the caller holds write_mu).
Status Engine::Impl::Submit(const std::string& id, index::IndexDocument* doc) {
  if (pipeline) {
    RASD_RETURN_IF_ERROR(pipeline->Push(doc));
  } else {
    RASD_RETURN_IF_ERROR(writer->AddDocument(*doc));
  }
  JournalWrite(id);  // the catalog takes the article at the commit
  return Status::OK();
}

Status Engine::Add(Article article) {
  Impl& m = *impl_;
  if (!m.writer) return Status::NotSupported("the index was opened read-only");
  std::lock_guard<std::mutex> lock(m.write_mu);
  index::IndexDocument* doc = m.pipeline ? m.pipeline->Acquire() : &m.doc;
  if (m.scratch.empty()) m.scratch.resize(1);
  Status prepared = m.Prepare(article, &m.scratch[0], doc);
  if (!prepared.ok()) {
    if (m.pipeline) m.pipeline->Return(doc);
    return prepared;
  }
  return m.Submit(article.id, doc);
}

std::vector<Status> Engine::AddBatch(std::vector<Article> articles) {
  Impl& m = *impl_;
  std::vector<Status> out(articles.size());
  if (!m.writer) {
    for (Status& s : out) s = Status::NotSupported("the index was opened read-only");
    return out;
  }
  // Without extraction, preparing an article costs about what inverting it does, and the
  // indexing thread already overlaps the two: one thread is enough.
  if (!m.extractor || m.ingest_threads <= 1) {
    for (size_t i = 0; i < articles.size(); ++i) out[i] = Add(std::move(articles[i]));
    return out;
  }
  std::lock_guard<std::mutex> lock(m.write_mu);
  Status failed;
  // In chunks that the pipeline's ring of documents can always hold at once.
  constexpr size_t kChunk = 32;
  for (size_t begin = 0; begin < articles.size(); begin += kChunk) {
    const size_t n = std::min(kChunk, articles.size() - begin);
    std::vector<index::IndexDocument*> docs(n);
    for (size_t i = 0; i < n; ++i) {
      if (m.pipeline) {
        docs[i] = m.pipeline->Acquire();
      } else {
        if (m.batch_docs.size() <= i) m.batch_docs.push_back(std::make_unique<index::IndexDocument>());
        docs[i] = m.batch_docs[i].get();
      }
    }
    const size_t threads = std::min(m.ingest_threads, n);
    if (m.scratch.size() < threads) m.scratch.resize(threads);
    // Prepared in parallel (the extractor and the analyser are safe to share), in any order.
    std::atomic<size_t> next{0};
    auto work = [&](size_t t) {
      for (size_t i = next++; i < n; i = next++) {
        out[begin + i] = m.Prepare(articles[begin + i], &m.scratch[t], docs[i]);
      }
    };
    // On the same threads from one chunk to the next (their taggers' word caches stay warm).
    if (threads > 1 && m.ingest_workers == nullptr) {
      m.ingest_workers = std::make_unique<internal::WorkerGroup>(m.ingest_threads - 1);
    }
    if (threads > 1) {
      m.ingest_workers->Run(threads, work);
    } else {
      work(0);
    }
    // Submitted in the order given, so a later version of an id replaces an earlier one.
    for (size_t i = 0; i < n; ++i) {
      Status& s = out[begin + i];
      if (s.ok() && failed.ok()) {
        s = m.Submit(articles[begin + i].id, docs[i]);
        if (!s.ok()) failed = s;
        continue;
      }
      if (s.ok()) s = failed;  // not submitted: the index failed before it
      if (m.pipeline) m.pipeline->Return(docs[i]);
    }
  }
  return out;
}

Result<size_t> Engine::Delete(const std::vector<std::string>& ids) {
  Impl& m = *impl_;
  if (!m.writer) return Status::NotSupported("the index was opened read-only");
  std::lock_guard<std::mutex> lock(m.write_mu);
  if (m.pipeline) RASD_RETURN_IF_ERROR(m.pipeline->Drain());
  size_t removed = 0;
  for (const auto& id : ids) {
    RASD_ASSIGN_OR_RETURN(bool existed, m.writer->DeleteDocument(id));
    removed += existed ? 1 : 0;
    if (existed) m.JournalWrite(id);
  }
  return removed;
}

Status Engine::Commit() {
  Impl& m = *impl_;
  if (!m.writer) return Status::NotSupported("the index was opened read-only");
  std::lock_guard<std::mutex> lock(m.write_mu);
  if (m.pipeline) RASD_RETURN_IF_ERROR(m.pipeline->Drain());
  RASD_RETURN_IF_ERROR(m.writer->Commit(kCommitUserData));
  auto searcher =
      std::make_shared<search::Searcher>(m.writer->Snapshot(), m.analyzer, m.searcher_options);
  // The catalog follows the new snapshot before any view can see that snapshot, so that a
  // catalog built from it meanwhile is never updated twice.
  std::lock_guard<std::mutex> catalog_lock(m.catalog_mu);
  const std::shared_ptr<const search::Searcher> before = m.CurrentSearcher();
  {
    std::lock_guard<std::mutex> searcher_lock(m.searcher_mu);
    m.searcher = searcher;
  }
  m.UpdateCatalogLocked(*before->snapshot(), *searcher->snapshot());
  // Keep the saved catalog close to the index, without rewriting it on every small commit.
  constexpr size_t kCatalogSaveEvery = 1000;
  if (m.catalog && m.catalog->unsaved() >= kCatalogSaveEvery) {
    // The articles are committed whatever happens here: the file is only a cache, and a
    // failed save is retried at the next commit (its count of unsaved articles stays).
    m.SaveCatalogLocked().IgnoreError();
  }
  return Status::OK();
}

Status Engine::Optimize() {
  Impl& m = *impl_;
  if (!m.writer) return Status::NotSupported("the index was opened read-only");
  {
    std::lock_guard<std::mutex> lock(m.write_mu);
    if (m.pipeline) RASD_RETURN_IF_ERROR(m.pipeline->Drain());
    RASD_RETURN_IF_ERROR(m.writer->ForceMerge(1));
  }
  return Commit();
}

Result<SearchResult> Engine::Search(const SearchOptions& options) const {
  const Impl& m = *impl_;
  auto searcher = m.CurrentSearcher();
  search::SearchRequest request;
  request.query = options.query;
  request.strict = options.strict;
  request.offset = options.offset;
  request.limit = options.limit;
  request.sort = options.sort == SortOrder::kNewest   ? search::SortOrder::kNewest
                 : options.sort == SortOrder::kOldest ? search::SortOrder::kOldest
                                                      : search::SortOrder::kRelevance;
  request.sources = options.sources;
  request.from = options.from;
  request.to = options.to;
  for (const auto& e : options.entities) {
    request.entities.push_back(LooksLikeEntityId(e) ? e : EntityIdForName(e));
  }
  for (const auto& s : options.speakers) {
    request.speakers.push_back(LooksLikeEntityId(s) ? s : EntityIdForName(s));
  }
  request.facets = options.facets;
  request.keyword_facets.clear();
  if (options.entity_facets) {
    request.keyword_facets = {std::string(kPersonField), std::string(kOrganizationField),
                              std::string(kPlaceField)};
  }
  RASD_ASSIGN_OR_RETURN(search::SearchResponse response, searcher->Search(request));

  SearchResult result;
  result.total = response.total;
  result.total_is_exact = response.total_is_exact;
  const index::IndexReader& reader = *searcher->snapshot();
  index::StoredDocument stored;
  Article article;
  result.hits.reserve(response.hits.size());
  if (!options.fetch_text && !response.hits.empty()) {
    RASD_ASSIGN_OR_RETURN(std::shared_ptr<const Impl::IdColumn> ids, m.IdsFor(searcher));
    std::vector<uint32_t> docs;
    docs.reserve(response.hits.size());
    for (const search::Hit& h : response.hits) docs.push_back(h.doc);
    std::vector<std::string_view> id_of;
    ids->Ids(docs, &id_of);
    for (size_t i = 0; i < id_of.size(); ++i) {
      Hit& hit = result.hits.emplace_back();
      hit.id = id_of[i];
      hit.score = response.hits[i].score;
    }
  }
  if (options.fetch_text) {  // else the ids above are all it asked for
    for (const search::Hit& h : response.hits) {
      RASD_RETURN_IF_ERROR(reader.GetStored(h.doc, &stored));
      RASD_RETURN_IF_ERROR(
          internal::DecodeStoredArticle(stored.id, stored.blob, &article, nullptr));
      Hit hit;
      hit.id = stored.id;
      hit.score = h.score;
      hit.title = std::move(article.title);
      hit.source = std::move(article.source);
      hit.date = std::move(article.date);
      hit.url = std::move(article.url);
      const std::string& text = HasText(article.body) ? article.body : hit.title;
      for (auto& part : searcher->Snippet(response, text, options.snippet_bytes)) {
        hit.snippet.push_back(SnippetPart{std::move(part.text), part.highlighted});
      }
      result.hits.push_back(std::move(hit));
    }
  }
  if (options.stories && options.fetch_text && !result.hits.empty()) {
    std::lock_guard<std::mutex> catalog_lock(m.catalog_mu);
    RASD_ASSIGN_OR_RETURN(const Catalog* catalog, m.CatalogLocked());
    for (Hit& hit : result.hits) {
      if (auto story = catalog->StoryOf(hit.id)) {
        hit.story_id = story->id;
        hit.story_articles = story->articles;
      }
    }
  }
  for (const auto& e : response.expansions) result.expansions.emplace_back(e.original, e.variant);

  if (options.facets) {
    std::unique_lock<std::mutex> catalog_lock(m.catalog_mu, std::defer_lock);
    const Catalog* catalog = nullptr;
    for (const auto& [name, counts] : response.facets) {
      const bool entity_facet =
          name == kPersonField || name == kOrganizationField || name == kPlaceField;
      if (entity_facet && catalog == nullptr) {
        catalog_lock.lock();
        RASD_ASSIGN_OR_RETURN(catalog, m.CatalogLocked());
      }
      auto& out = result.facets[name];
      for (const auto& c : counts) {
        FacetValue v;
        v.count = c.count;
        if (entity_facet) {
          v.id = c.value;
          v.value = catalog->NameOf(c.value);
        } else {
          v.value = c.value;
        }
        out.push_back(std::move(v));
      }
    }
  }
  return result;
}

Result<std::shared_ptr<const Engine::Impl::SegmentIds>> Engine::Impl::BuildSegmentIds(
    const index::Segment& segment) {
  constexpr uint32_t kNone = 0xFFFFFFFFu;
  std::string by_id;
  std::vector<uint32_t> begin(segment.max_doc(), kNone), size(segment.max_doc(), 0);
  RASD_RETURN_IF_ERROR(segment.ForEachId([&](uint32_t doc, std::string_view id) {
    begin[doc] = static_cast<uint32_t>(by_id.size());
    size[doc] = static_cast<uint32_t>(id.size());
    by_id += id;
  }));
  auto ids = std::make_shared<SegmentIds>();
  ids->segment_id = segment.segment_id();
  ids->bytes.reserve(by_id.size());
  ids->ends.reserve(segment.max_doc());
  for (uint32_t doc = 0; doc < segment.max_doc(); ++doc) {
    if (begin[doc] == kNone) {
      return Status::Corruption("document " + std::to_string(doc) + " of segment " +
                                std::to_string(segment.segment_id()) + " has no id in the index");
    }
    ids->bytes.append(by_id, begin[doc], size[doc]);
    ids->ends.push_back(static_cast<uint32_t>(ids->bytes.size()));
  }
  return std::shared_ptr<const SegmentIds>(std::move(ids));
}

void Engine::Impl::IdColumn::Ids(const std::vector<uint32_t>& docs,
                                  std::vector<std::string_view>* out) const {
  out->clear();
  out->reserve(docs.size());
  for (uint32_t doc : docs) {
    const size_t i = SegmentOf(doc);
    const uint32_t local = doc - bases[i];
    const uint32_t* end = segments[i]->ends.data() + local;
    __builtin_prefetch(local == 0 ? end : end - 1);
    __builtin_prefetch(end);
  }
  for (uint32_t doc : docs) {
    const std::string_view id = this->id(doc);
    __builtin_prefetch(id.data());
    __builtin_prefetch(id.data() + id.size() - 1);  // an id may straddle two cache lines
    out->push_back(id);
  }
}

Result<std::shared_ptr<const Engine::Impl::IdColumn>> Engine::Impl::IdsFor(
    const std::shared_ptr<const search::Searcher>& searcher) const {
  std::lock_guard<std::mutex> lock(ids_mu);
  if (ids != nullptr && ids->searcher == searcher) return ids;
  // The last snapshot's pieces, by segment: a segment is immutable, so its ids are too.
  std::unordered_map<uint64_t, std::shared_ptr<const SegmentIds>> kept;
  if (ids != nullptr) {
    for (const auto& piece : ids->segments) kept.emplace(piece->segment_id, piece);
  }
  auto column = std::make_shared<IdColumn>();
  column->searcher = searcher;
  for (const index::Segment& segment : searcher->snapshot()->segments()) {
    std::shared_ptr<const SegmentIds> piece;
    if (auto it = kept.find(segment.segment_id()); it != kept.end()) {
      piece = it->second;
    } else {
      RASD_ASSIGN_OR_RETURN(piece, BuildSegmentIds(segment));
    }
    column->bases.push_back(segment.doc_base());
    column->segments.push_back(std::move(piece));
  }
  ids = std::move(column);
  return ids;
}

Result<index::StoredDocument> Engine::Impl::ReadStored(std::string_view id) const {
  auto searcher = CurrentSearcher();
  const index::IndexReader& reader = *searcher->snapshot();
  auto doc = reader.LookupId(id);
  if (!doc) return Status::NotFound("no article with id " + QuoteId(id));
  index::StoredDocument stored;
  RASD_RETURN_IF_ERROR(reader.GetStored(*doc, &stored));
  return stored;
}

Result<Article> Engine::Get(std::string_view id) const {
  RASD_ASSIGN_OR_RETURN(const index::StoredDocument stored, impl_->ReadStored(id));
  Article article;
  RASD_RETURN_IF_ERROR(internal::DecodeStoredArticle(stored.id, stored.blob, &article, nullptr));
  return article;
}

Result<IndexStats> Engine::Stats() const {
  auto searcher = impl_->CurrentSearcher();
  const index::IndexReader& reader = *searcher->snapshot();
  IndexStats stats;
  stats.articles = reader.num_docs();
  stats.deleted = reader.max_doc() - reader.num_docs();
  stats.segments = reader.segments().size();
  for (auto field : {search::kTitleField, search::kBodyField}) {
    stats.terms += reader.field_stats(field).num_terms;
  }
  stats.bytes_on_disk = reader.size_bytes();
  auto widen = [&stats](int64_t t) {
    stats.first_date = std::min(stats.first_date.value_or(t), t);
    stats.last_date = std::max(stats.last_date.value_or(t), t);
  };
  for (const auto& segment : reader.segments()) {
    const index::NumericColumn* dates = segment.numeric(search::kDateField);
    if (dates == nullptr || dates->count() == 0) continue;
    if (!segment.has_deletions()) {  // the column's bounds are exact
      widen(dates->min_value());
      widen(dates->max_value());
      continue;
    }
    // The bounds include deleted documents: read the live ones.
    for (uint32_t doc = 0; doc < segment.max_doc(); ++doc) {
      int64_t t;
      if (segment.IsLive(doc) && dates->Get(doc, &t)) widen(t);
    }
  }
  std::lock_guard<std::mutex> catalog_lock(impl_->catalog_mu);
  RASD_ASSIGN_OR_RETURN(const Catalog* catalog, impl_->CatalogLocked());
  stats.entities = catalog->num_entities();
  stats.stories = catalog->num_stories();
  return stats;
}

Status Engine::Check(const std::string& dir, base::Env* env) {
  if (env == nullptr) env = base::Env::Default();
  RASD_RETURN_IF_ERROR(index::Check(env, dir));
  // The catalog beside the index (entities and stories) is a cache, but a file of the
  // index's folder all the same: a damaged one is reported with what to do.
  const std::string path = base::JoinPath(dir, "catalog.rasd");
  if (!env->FileExists(path)) return Status::OK();
  RASD_ASSIGN_OR_RETURN(std::string data, base::ReadFileToString(env, path));
  if (auto catalog = Catalog::Parse(data); !catalog.ok()) {
    return Status::Corruption(path + ": " + catalog.status().message() +
                              " (a cache of the entities and stories: delete it, and the next "
                              "open rebuilds it from the index)");
  }
  return Status::OK();
}

}  // namespace rasd::engine
