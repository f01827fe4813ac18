// Segment merging: see internal/merger.h.
#include "rasd/index/internal/merger.h"

#include <algorithm>
#include <queue>

#include "rasd/base/coding.h"
#include "rasd/base/macros.h"
#include "rasd/index/internal/field_data.h"
#include "rasd/index/internal/stem_docs.h"
#include "rasd/index/internal/stored_fields.h"

namespace rasd::index::internal {

namespace {

bool IsDeleted(const uint8_t* deleted, uint32_t d) {
  return deleted != nullptr && ((deleted[d >> 3] >> (d & 7)) & 1) != 0;
}

constexpr uint32_t kGone = 0xFFFFFFFFu;
// A form with fewer than 1/kRareForm of its stem's documents finds its ranks in the sources
// (MergeSegments).
constexpr uint64_t kRareForm = 16;

const FieldData* FindFieldData(const SegmentCore& core, std::string_view name) {
  auto it = std::lower_bound(core.field_data.begin(), core.field_data.end(), name,
                             [](const std::unique_ptr<FieldData>& d, std::string_view n) {
                               return d->name < n;
                             });
  return it != core.field_data.end() && (*it)->name == name ? it->get() : nullptr;
}

// The parent field of `name` in the merged segment: the one every source that has a parent
// for it names; empty when none does or two disagree (then the field is coded absolutely).
std::string MergedParent(const std::vector<MergeSource>& sources, std::string_view name) {
  std::string parent;
  for (const MergeSource& src : sources) {
    const FieldData* d = FindFieldData(*src.core, name);
    if (d == nullptr || !d->with_stems) continue;
    if (!parent.empty() && parent != d->parent_name) return std::string();
    parent = d->parent_name;
  }
  return parent;
}

}  // namespace

uint64_t LiveDocs(const std::vector<MergeSource>& sources) {
  uint64_t n = 0;
  for (const MergeSource& s : sources) {
    for (uint32_t d = 0; d < s.core->meta.max_doc; ++d) n += IsDeleted(s.deleted, d) ? 0 : 1;
  }
  return n;
}

Result<SegmentMeta> MergeSegments(const std::vector<MergeSource>& sources, SegmentWriter* w) {
  // Doc maps.
  std::vector<std::vector<uint32_t>> maps(sources.size());
  uint32_t max_doc = 0;
  for (size_t s = 0; s < sources.size(); ++s) {
    const uint32_t n = sources[s].core->meta.max_doc;
    maps[s].resize(n);
    for (uint32_t d = 0; d < n; ++d) maps[s][d] = IsDeleted(sources[s].deleted, d) ? kGone : max_doc++;
  }
  // Where each source's documents start in the merged segment, and whether its map is that
  // offset plus the old id (no deletions): then a posting's new id is computed rather than
  // read from the map, whose random reads were most of the merge loop's own time.
  std::vector<uint32_t> doc_base(sources.size(), 0);
  std::vector<uint8_t> dense(sources.size(), 0);
  {
    uint32_t live = 0;
    for (size_t s = 0; s < sources.size(); ++s) {
      doc_base[s] = live;
      const uint32_t n = sources[s].core->meta.max_doc;
      uint32_t kept = 0;
      for (uint32_t d = 0; d < n; ++d) kept += maps[s][d] != kGone ? 1 : 0;
      dense[s] = kept == n ? 1 : 0;
      live += kept;
    }
  }
  auto new_doc = [&](size_t s, uint32_t d) { return dense[s] ? doc_base[s] + d : maps[s][d]; };
  // Then a merged list is its sources' lists one after the other (find_ranks_in_sources).
  const bool no_deletions = std::all_of(dense.begin(), dense.end(), [](uint8_t x) { return x != 0; });
  // Stored fields, block by block.
  std::string raw;
  for (size_t s = 0; s < sources.size(); ++s) {
    const SegmentCore& core = *sources[s].core;
    for (uint32_t b = 0; b < core.stored.first_docs.size(); ++b) {
      RASD_RETURN_IF_ERROR(ReadStoredBlock(core.sto(), core.stored, b, &raw));
      const uint32_t first = core.stored.first_docs[b];
      const uint32_t end = b + 1 < core.stored.first_docs.size() ? core.stored.first_docs[b + 1]
                                                                 : core.stored.num_docs;
      std::string_view in(raw);
      for (uint32_t d = first; d < end; ++d) {
        std::string_view id, blob;
        if (!base::GetLengthPrefixed(&in, &id) || !base::GetLengthPrefixed(&in, &blob)) {
          return CorruptionAt(core.sto().name, core.stored.offsets[b], "short stored block");
        }
        if (maps[s][d] != kGone) RASD_RETURN_IF_ERROR(w->AddStored(id, blob));
      }
    }
  }
  // Fields: the sorted union of names.
  std::vector<std::string> names;
  for (const MergeSource& src : sources) {
    for (const auto& d : src.core->field_data) names.push_back(d->name);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());

  // Stems (FORMAT.md sections 5 and 6): a parent field is merged before its children (its
  // name sorts first); its old -> new term ordinals, per source, turn a child term's stem
  // ordinals into the merged segment's, and its merged document lists (decoded again from
  // the sources, minus deleted documents) are what the child's ranks count in.
  std::vector<std::string> parents;
  for (const std::string& name : names) {
    std::string p = MergedParent(sources, name);
    if (!p.empty()) parents.push_back(std::move(p));
  }
  std::sort(parents.begin(), parents.end());
  std::vector<std::pair<std::string, std::vector<std::vector<uint32_t>>>> parent_ord_maps;

  std::vector<uint8_t> norms;
  for (const std::string& name : names) {
    std::vector<const FieldReader*> readers(sources.size(), nullptr);
    FieldKind kind = FieldKind::kText;
    bool positions = true;
    bool first = true;
    for (size_t s = 0; s < sources.size(); ++s) {
      readers[s] = sources[s].core->Field(name);
      if (readers[s] == nullptr) continue;
      if (!first && readers[s]->kind() != kind) {
        return Status::Corruption("field \"" + name + "\" has different kinds in merged segments");
      }
      kind = readers[s]->kind();
      positions = positions && readers[s]->has_positions();
      first = false;
    }
    const bool text = kind == FieldKind::kText;
    positions = positions && text;
    uint64_t doc_count = 0;
    if (text) {
      norms.assign(max_doc, 0);
      for (size_t s = 0; s < sources.size(); ++s) {
        if (readers[s] == nullptr) continue;
        for (uint32_t d = 0; d < maps[s].size(); ++d) {
          if (maps[s][d] != kGone) norms[maps[s][d]] = readers[s]->norm(d);
        }
      }
      for (uint8_t n : norms) doc_count += n != 0 ? 1 : 0;
    } else if (kind == FieldKind::kId) {
      doc_count = max_doc;
    } else {
      for (size_t s = 0; s < sources.size(); ++s) {
        if (readers[s] == nullptr) continue;
        for (uint32_t d = 0; d < maps[s].size(); ++d) {
          if (maps[s][d] != kGone && !readers[s]->ordinals(d).empty()) ++doc_count;
        }
      }
    }
    // This field's parent, when its ordinal maps were kept (it was merged with terms).
    std::string parent = text ? MergedParent(sources, name) : std::string();
    const std::vector<std::vector<uint32_t>>* parent_maps = nullptr;
    for (const auto& [pname, pmaps] : parent_ord_maps) {
      if (pname == parent) parent_maps = &pmaps;
    }
    // (A parent with a parent of its own is refused by readers: no chains.)
    if (parent_maps == nullptr || !w->HasTextField(parent) ||
        !MergedParent(sources, parent).empty()) {
      parent.clear();
    }
    std::vector<const FieldData*> parent_data(sources.size(), nullptr);
    std::vector<const FieldReader*> parent_readers(sources.size(), nullptr);
    if (!parent.empty()) {
      for (size_t s = 0; s < sources.size(); ++s) {
        parent_data[s] = FindFieldData(*sources[s].core, parent);
        parent_readers[s] = sources[s].core->Field(parent);
      }
    }
    const bool keep_ords =
        kind == FieldKind::kKeyword || std::binary_search(parents.begin(), parents.end(), name);
    RASD_RETURN_IF_ERROR(w->StartField(name, kind, positions, text ? norms.data() : nullptr,
                                       max_doc, doc_count, parent));
    // Old ordinal -> new ordinal, for keyword and parent fields.
    std::vector<std::vector<uint32_t>> ord_maps(sources.size());
    StemDocsCache stem_docs;
    std::string stem_term;
    PostingsIterator stem_postings;
    std::vector<TermInfo> stem_infos(sources.size());
    std::vector<uint32_t> stem_base(sources.size(), 0);
    std::vector<std::unique_ptr<TermIterator>> iters(sources.size());
    using Entry = std::pair<std::string_view, size_t>;  // (term, source)
    auto greater = [](const Entry& a, const Entry& b) {
      return a.first != b.first ? a.first > b.first : a.second > b.second;
    };
    std::priority_queue<Entry, std::vector<Entry>, decltype(greater)> heap(greater);
    for (size_t s = 0; s < sources.size(); ++s) {
      if (readers[s] == nullptr) continue;
      if (keep_ords) ord_maps[s].assign(readers[s]->stats().num_terms, kGone);
      iters[s] = std::make_unique<TermIterator>(readers[s]);
      iters[s]->SeekToFirst();
      RASD_RETURN_IF_ERROR(iters[s]->status());
      if (iters[s]->Valid()) heap.emplace(iters[s]->term(), s);
    }
    PostingsWriter* pw = w->postings();
    PostingsIterator postings;
    std::vector<uint32_t> position_buf;
    std::string term;
    std::vector<size_t> holders;
    while (!heap.empty()) {
      term.assign(heap.top().first);
      holders.clear();
      while (!heap.empty() && heap.top().first == term) {
        holders.push_back(heap.top().second);
        heap.pop();
      }
      std::sort(holders.begin(), holders.end());
      // The stem, when every source holding the term names the same live one.
      uint32_t stem = kGone;
      size_t stem_source = 0;
      if (!parent.empty()) {
        for (size_t s : holders) {
          const uint32_t old = iters[s]->info().stem_ord;
          const auto& map = (*parent_maps)[s];
          const uint32_t mapped = old != 0 && old - 1 < map.size() ? map[old - 1] : kGone;
          if (mapped == kGone || (stem != kGone && mapped != stem)) {
            stem = kGone;
            break;
          }
          stem = mapped;
          stem_source = s;
        }
      }
      StemList stem_list;
      // A form much rarer than its stem finds its ranks in the sources' stem lists, one
      // lookup per document (NextGEQ decodes only the stem blocks it lands in): the merged
      // list of the stem is then never built, which decoded all of it for every such form
      // the cache could not keep (17% of a merge's samples). With no deletions, the merged
      // list is the sources' lists one after the other, so rank r in source s becomes
      // stem_base[s] + r. Common forms build the merged list, which the cache keeps.
      bool find_ranks_in_sources = false;
      if (stem != kGone) {
        if (!parent_readers[stem_source]->TermForOrd(iters[stem_source]->info().stem_ord - 1,
                                                     &stem_term)) {
          return CorruptionAt(sources[stem_source].core->tdx().name, 0,
                              "unreadable stem of a term of \"" + name + "\"");
        }
        if (no_deletions && !positions) {
          uint64_t stem_docs_total = 0;
          for (size_t s = 0; s < sources.size(); ++s) {
            stem_base[s] = static_cast<uint32_t>(stem_docs_total);
            stem_infos[s] = TermInfo();
            if (parent_readers[s] != nullptr && parent_readers[s]->FindTerm(stem_term, &stem_infos[s])) {
              stem_docs_total += stem_infos[s].doc_freq;
            }
          }
          uint64_t term_docs = 0;
          for (size_t s : holders) term_docs += iters[s]->info().doc_freq;
          find_ranks_in_sources = term_docs * kRareForm < stem_docs_total;
          if (find_ranks_in_sources) {
            stem_list = StemList{stem, nullptr, static_cast<uint32_t>(stem_docs_total)};
          }
        }
      }
      if (stem != kGone && !find_ranks_in_sources) {
        Status fill_status;
        const std::vector<uint32_t>& docs = stem_docs.Get(stem, [&](std::vector<uint32_t>* out) {
          for (size_t s = 0; s < sources.size(); ++s) {
            TermInfo info;
            if (parent_readers[s] == nullptr || !parent_readers[s]->FindTerm(stem_term, &info)) {
              continue;
            }
            parent_readers[s]->Postings(info, &stem_postings);
            for (uint32_t d = stem_postings.Next(); d != kNoMoreDocs; d = stem_postings.Next()) {
              const uint32_t nd = new_doc(s, d);
              if (nd != kGone) out->push_back(nd);
            }
            if (!stem_postings.status().ok()) fill_status = stem_postings.status();
          }
        });
        RASD_RETURN_IF_ERROR(fill_status);
        stem_list = StemList{stem, docs.data(), static_cast<uint32_t>(docs.size())};
      }
      pw->StartTerm(text, positions, text ? norms.data() : nullptr,
                    stem != kGone ? &stem_list : nullptr);
      for (size_t s : holders) {
        const TermInfo info = iters[s]->info();
        readers[s]->Postings(info, &postings, positions);
        if (find_ranks_in_sources) {
          parent_readers[s]->Postings(stem_infos[s], &stem_postings);
          for (uint32_t d = postings.Next(); d != kNoMoreDocs; d = postings.Next()) {
            if (stem_postings.NextGEQ(d) != d) {
              RASD_RETURN_IF_ERROR(stem_postings.status());
              return CorruptionAt(sources[s].core->tdx().name, 0,
                                  "a document of a term of \"" + name + "\" is not in its stem's list");
            }
            pw->AddDoc(doc_base[s] + d, postings.freq(), stem_base[s] + stem_postings.rank());
          }
          RASD_RETURN_IF_ERROR(postings.status());
          continue;
        }
        for (uint32_t d = postings.Next(); d != kNoMoreDocs; d = postings.Next()) {
          const uint32_t nd = new_doc(s, d);
          if (nd == kGone) continue;
          pw->AddDoc(nd, postings.freq());
          if (positions) {
            position_buf.resize(postings.freq());
            const uint32_t read = postings.ReadPositions(position_buf.data());
            if (read < postings.freq()) {  // corrupt positions: status() says where
              RASD_RETURN_IF_ERROR(postings.status());
              return CorruptionAt(sources[s].core->tdx().name, 0,
                                  "positions missing in a term of \"" + name + "\"");
            }
            for (uint32_t k = 0; k < read; ++k) pw->AddPosition(position_buf[k]);
          }
        }
        RASD_RETURN_IF_ERROR(postings.status());
      }
      if (pw->doc_freq() > 0) {
        if (keep_ords) {
          for (size_t s : holders) {
            const uint32_t old = iters[s]->info().ord;
            if (old < ord_maps[s].size()) ord_maps[s][old] = w->field_terms();
          }
        }
        RASD_RETURN_IF_ERROR(w->FinishTerm(term));
      }
      for (size_t s : holders) {
        iters[s]->Next();
        RASD_RETURN_IF_ERROR(iters[s]->status());
        if (iters[s]->Valid()) heap.emplace(iters[s]->term(), s);
      }
    }
    const uint32_t num_terms = w->field_terms();
    RASD_RETURN_IF_ERROR(w->FinishField());
    if (text && std::binary_search(parents.begin(), parents.end(), name)) {
      parent_ord_maps.emplace_back(name, std::move(ord_maps));
      continue;
    }
    if (kind == FieldKind::kKeyword && num_terms > 0) {
      std::vector<uint32_t> starts(max_doc + 1, 0);
      std::vector<uint32_t> ords;
      uint32_t out = 0;
      for (size_t s = 0; s < sources.size(); ++s) {
        for (uint32_t d = 0; d < maps[s].size(); ++d) {
          if (maps[s][d] == kGone) continue;
          if (readers[s] != nullptr) {
            const KeywordOrdinals o = readers[s]->ordinals(d);
            for (uint32_t i = 0; i < o.size(); ++i) {
              const uint32_t mapped = o[i] < ord_maps[s].size() ? ord_maps[s][o[i]] : kGone;
              if (mapped == kGone) {
                return CorruptionAt(sources[s].core->files[4]->name, 0,
                                    "ordinal of \"" + name + "\" without a live posting");
              }
              ords.push_back(mapped);
            }
          }
          starts[++out] = static_cast<uint32_t>(ords.size());
        }
      }
      RASD_RETURN_IF_ERROR(
          w->doc_values(max_doc)->AddKeywordOrdinals(name, starts.data(), ords.data(), num_terms));
    }
  }
  // Numeric columns.
  std::vector<std::string> numeric_names;
  for (const MergeSource& src : sources) {
    for (const auto& [name, col] : src.core->numerics) numeric_names.push_back(name);
  }
  std::sort(numeric_names.begin(), numeric_names.end());
  numeric_names.erase(std::unique(numeric_names.begin(), numeric_names.end()), numeric_names.end());
  std::vector<int64_t> values;
  std::vector<uint8_t> present;
  for (const std::string& name : numeric_names) {
    values.assign(max_doc, 0);
    present.assign((max_doc + 7) / 8, 0);
    for (size_t s = 0; s < sources.size(); ++s) {
      const NumericColumn* col = sources[s].core->Numeric(name);
      if (col == nullptr) continue;
      for (uint32_t d = 0; d < maps[s].size(); ++d) {
        int64_t v;
        if (maps[s][d] != kGone && col->Get(d, &v)) {
          values[maps[s][d]] = v;
          present[maps[s][d] >> 3] |= static_cast<uint8_t>(1u << (maps[s][d] & 7));
        }
      }
    }
    RASD_RETURN_IF_ERROR(w->doc_values(max_doc)->AddNumeric(name, values.data(), present.data()));
  }
  return w->Finish(max_doc);
}

}  // namespace rasd::index::internal
