// IndexReader: snapshots over segments, collection statistics, and opening the last commit
// for read-only processes. See index_reader.h.
#include "rasd/index/index_reader.h"

#include <algorithm>
#include <queue>

#include "rasd/base/macros.h"
#include "rasd/index/internal/manifest.h"
#include "rasd/index/internal/snapshot.h"

namespace rasd::index {
namespace internal {

void FileRegistry::IncRef(const std::vector<std::string>& names) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const std::string& n : names) ++refs_[n];
}

void FileRegistry::DecRef(const std::vector<std::string>& names) {
  std::vector<std::string> remove;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const std::string& n : names) {
      auto it = refs_.find(n);
      if (it == refs_.end()) continue;
      if (--it->second <= 0) {
        refs_.erase(it);
        if (!closed_) remove.push_back(n);
      }
    }
  }
  for (const std::string& n : remove) {
    // Best effort: a file that cannot be removed now is removed by the next Open.
    env_->RemoveFile(base::JoinPath(dir_, n)).IgnoreError();
  }
}

void FileRegistry::Close() {
  std::lock_guard<std::mutex> lock(mu_);
  closed_ = true;
}

int FileRegistry::RefCount(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = refs_.find(name);
  return it == refs_.end() ? 0 : it->second;
}

std::vector<std::string> DataFileNames(const SegmentCore& core) {
  std::vector<std::string> names;
  for (std::string_view ext : kSegmentExtensions) names.push_back(SegmentFileName(core.meta.id, ext));
  return names;
}

std::shared_ptr<const IndexReader> SnapshotFactory::Make(
    base::Env* env, const std::string& dir, const ReaderOptions& options, uint64_t generation,
    bool committed, const std::string& user_data, const std::vector<Part>& parts,
    std::shared_ptr<void> file_refs) {
  std::shared_ptr<IndexReader> r(new IndexReader());
  r->env_ = env;
  r->dir_ = dir;
  r->options_ = options;
  r->generation_ = generation;
  r->committed_ = committed;
  r->user_data_ = user_data;
  r->file_refs_ = std::move(file_refs);
  uint64_t base = 0;
  for (const Part& p : parts) {
    Segment s;
    s.core_ = p.core;
    s.deleted_holder_ = p.deleted;
    s.deleted_ = p.deleted != nullptr && p.del_count > 0
                     ? reinterpret_cast<const uint8_t*>(p.deleted->data())
                     : nullptr;
    s.deleted_bits_ = p.core->meta.max_doc;
    s.doc_base_ = static_cast<uint32_t>(base);
    s.num_live_ = p.core->meta.max_doc - p.del_count;
    base += p.core->meta.max_doc;
    r->num_docs_ += s.num_live_;
    r->segments_.push_back(std::move(s));
  }
  RASD_CHECK_MSG(base <= 0xFFFFFFF0ull, "too many documents in one index");
  r->max_doc_ = static_cast<uint32_t>(base);
  return r;
}

std::vector<SnapshotFactory::Part> SnapshotFactory::Parts(const IndexReader& reader) {
  std::vector<Part> parts;
  for (const Segment& s : reader.segments_) {
    Part p;
    p.core = s.core_;
    p.deleted = s.deleted_holder_;
    p.del_count = s.core_->meta.max_doc - s.num_live_;
    parts.push_back(std::move(p));
  }
  return parts;
}

Result<std::vector<SnapshotFactory::Part>> OpenParts(
    base::Env* env, const std::string& dir, const Manifest& manifest, bool verify_checksums,
    const std::vector<SnapshotFactory::Part>& reuse) {
  std::vector<SnapshotFactory::Part> parts;
  for (const SegmentMeta& meta : manifest.segments) {
    SnapshotFactory::Part part;
    for (const auto& old : reuse) {
      if (old.core->meta.id == meta.id && old.core->meta.nonce == meta.nonce) part.core = old.core;
    }
    if (part.core == nullptr) {
      RASD_ASSIGN_OR_RETURN(part.core, SegmentCore::Open(env, dir, meta, verify_checksums));
    }
    if (meta.del_gen != 0) {
      RASD_ASSIGN_OR_RETURN(std::string bits, ReadDeletes(env, dir, meta));
      part.deleted = std::make_shared<const std::string>(std::move(bits));
    }
    part.del_count = meta.del_count;
    part.del_gen = meta.del_gen;
    parts.push_back(std::move(part));
  }
  return parts;
}

namespace {

// Opens the newest commit, retrying when a writer removed files between reading the
// manifest and opening them.
Result<std::shared_ptr<const IndexReader>> OpenLatest(
    base::Env* env, const std::string& dir, const ReaderOptions& options,
    const std::shared_ptr<const IndexReader>& current) {
  Status last;
  for (int attempt = 0; attempt < 10; ++attempt) {
    RASD_ASSIGN_OR_RETURN(Manifest m, ReadManifest(env, dir));
    if (current != nullptr && current->generation() == m.generation) return current;
    std::vector<SnapshotFactory::Part> reuse;
    if (current != nullptr) reuse = SnapshotFactory::Parts(*current);
    auto parts = OpenParts(env, dir, m, options.verify_checksums, reuse);
    if (parts.ok()) {
      return SnapshotFactory::Make(env, dir, options, m.generation, true, m.user_data, *parts,
                                   nullptr);
    }
    last = parts.status();
    if (!last.IsNotFound()) return last;
    // A file is missing: fine if a newer commit replaced the manifest meanwhile.
    auto again = ReadManifest(env, dir);
    if (!again.ok() || again->generation == m.generation) return last;
  }
  return last;
}

}  // namespace
}  // namespace internal

bool IndexReader::Exists(base::Env* env, const std::string& dir) {
  return env->FileExists(base::JoinPath(dir, internal::kManifestName));
}

Result<std::shared_ptr<const IndexReader>> IndexReader::Open(base::Env* env, const std::string& dir,
                                                             const ReaderOptions& options) {
  return internal::OpenLatest(env, dir, options, nullptr);
}

Result<std::shared_ptr<const IndexReader>> IndexReader::Reopen(
    const std::shared_ptr<const IndexReader>& current) {
  return internal::OpenLatest(current->env_, current->dir_, current->options_, current);
}

IndexReader::~IndexReader() = default;

uint64_t IndexReader::size_bytes() const {
  uint64_t n = 0;
  for (const Segment& s : segments_) n += s.size_bytes();
  return n;
}

FieldStats IndexReader::field_stats(std::string_view field) const {
  FieldStats total;
  for (const Segment& s : segments_) {
    if (const FieldReader* f = s.field(field)) {
      total.doc_count += f->stats().doc_count;
      total.sum_total_term_freq += f->stats().sum_total_term_freq;
      total.sum_doc_freq += f->stats().sum_doc_freq;
      total.num_terms += f->stats().num_terms;
    }
  }
  return total;
}

TermStats IndexReader::term_stats(std::string_view field, std::string_view term) const {
  TermStats total;
  TermInfo info;
  for (const Segment& s : segments_) {
    const FieldReader* f = s.field(field);
    if (f != nullptr && f->FindTerm(term, &info)) {
      total.doc_freq += info.doc_freq;
      total.total_term_freq += info.total_term_freq;
    }
  }
  return total;
}

std::vector<std::string> IndexReader::field_names() const {
  std::vector<std::string> names;
  for (const Segment& s : segments_) {
    for (std::string_view n : s.field_names()) names.emplace_back(n);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

const Segment* IndexReader::SegmentOf(uint32_t doc, uint32_t* local) const {
  if (doc >= max_doc_) return nullptr;
  auto it = std::upper_bound(segments_.begin(), segments_.end(), doc,
                             [](uint32_t d, const Segment& s) { return d < s.doc_base(); });
  const Segment* s = &*(it - 1);
  *local = doc - s->doc_base();
  return s;
}

bool IndexReader::IsLive(uint32_t doc) const {
  uint32_t local = 0;
  const Segment* s = SegmentOf(doc, &local);
  return s != nullptr && s->IsLive(local);
}

std::optional<uint32_t> IndexReader::LookupId(std::string_view id) const {
  for (auto it = segments_.rbegin(); it != segments_.rend(); ++it) {
    if (auto d = it->LookupId(id)) return it->doc_base() + *d;
  }
  return std::nullopt;
}

Status IndexReader::GetStored(uint32_t doc, StoredDocument* out) const {
  uint32_t local = 0;
  const Segment* s = SegmentOf(doc, &local);
  if (s == nullptr) return Status::InvalidArgument("doc " + std::to_string(doc) + " out of range");
  return s->GetStored(local, out);
}

Status Segment::ForEachId(
    const std::function<void(uint32_t doc, std::string_view id)>& fn) const {
  const FieldReader* f = field(kIdFieldName);
  if (f == nullptr) return Status::OK();  // an empty segment
  auto bad_doc = [this](uint32_t d) {
    return Status::Corruption("id field of segment " + std::to_string(segment_id()) +
                              " names document " + std::to_string(d) + " of " +
                              std::to_string(max_doc()));
  };
  PostingsIterator docs;
  TermIterator it(f);
  for (it.SeekToFirst(); it.Valid(); it.Next()) {
    // Mostly one document per id, which the dictionary entry holds itself (opening an
    // iterator on it was most of the cost); two or more when a segment holds replaced
    // versions.
    const TermInfo& info = it.info();
    if (info.doc_freq == 1) {
      if (info.singleton_doc >= max_doc()) return bad_doc(info.singleton_doc);
      fn(info.singleton_doc, it.term());
      continue;
    }
    f->Postings(info, &docs);
    for (uint32_t d = docs.Next(); d != kNoMoreDocs; d = docs.Next()) {
      if (d >= max_doc()) return bad_doc(d);
      fn(d, it.term());
    }
    RASD_RETURN_IF_ERROR(docs.status());
  }
  return it.status();
}

Status IndexReader::ForEachId(
    const std::function<void(uint32_t doc, std::string_view id)>& fn) const {
  for (const Segment& s : segments_) {
    const uint32_t base = s.doc_base();
    RASD_RETURN_IF_ERROR(s.ForEachId([&](uint32_t doc, std::string_view id) { fn(base + doc, id); }));
  }
  return Status::OK();
}

Status IndexReader::ForEachTerm(
    std::string_view field, std::string_view prefix,
    const std::function<bool(std::string_view term, uint64_t doc_freq)>& fn) const {
  std::vector<std::unique_ptr<TermIterator>> iters;
  using Entry = std::pair<std::string_view, size_t>;
  auto greater = [](const Entry& a, const Entry& b) { return a.first > b.first; };
  std::priority_queue<Entry, std::vector<Entry>, decltype(greater)> heap(greater);
  for (const Segment& s : segments_) {
    const FieldReader* f = s.field(field);
    if (f == nullptr) continue;
    auto it = std::make_unique<TermIterator>(f);
    it->Seek(prefix);
    RASD_RETURN_IF_ERROR(it->status());
    if (it->Valid() && it->term().starts_with(prefix)) heap.emplace(it->term(), iters.size());
    iters.push_back(std::move(it));
  }
  std::string term;
  std::vector<size_t> holders;
  while (!heap.empty()) {
    term.assign(heap.top().first);
    uint64_t df = 0;
    holders.clear();
    while (!heap.empty() && heap.top().first == term) {
      holders.push_back(heap.top().second);
      heap.pop();
    }
    for (size_t i : holders) df += iters[i]->info().doc_freq;
    if (!fn(term, df)) return Status::OK();
    for (size_t i : holders) {
      iters[i]->Next();
      RASD_RETURN_IF_ERROR(iters[i]->status());
      if (iters[i]->Valid() && iters[i]->term().starts_with(prefix)) {
        heap.emplace(iters[i]->term(), i);
      }
    }
  }
  return Status::OK();
}

}  // namespace rasd::index
