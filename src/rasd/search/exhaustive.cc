// ExecuteExhaustive (internal/executor.h): the obvious evaluation the fast path is tested
// against. Every postings list of every leaf is read in full into per-document arrays, phrase
// occurrences are counted from complete position lists, filters are evaluated from keyword
// postings (not ordinals), and every document's score is summed in leaf order. It shares with
// the fast path only the plan and the BM25F formula (bm25f.h).
#include <algorithm>
#include <map>
#include <unordered_map>

#include "rasd/search/internal/collector.h"
#include "rasd/search/internal/executor.h"
#include "rasd/search/schema.h"

namespace rasd::search::internal {
namespace {

using index::kNoMoreDocs;

struct DocScores {
  std::vector<double> x;      // pseudo-frequency
  std::vector<uint8_t> hit;   // matched
};

// Positions of one term per document.
std::unordered_map<uint32_t, std::vector<uint32_t>> AllPositions(const index::FieldReader* f,
                                                                 const index::TermInfo& info,
                                                                 std::vector<uint32_t>* freqs,
                                                                 uint32_t max_doc) {
  std::unordered_map<uint32_t, std::vector<uint32_t>> out;
  freqs->assign(max_doc, 0);
  index::PostingsIterator it;
  f->Postings(info, &it, /*positions=*/true);
  for (uint32_t d = it.Next(); d != kNoMoreDocs; d = it.Next()) {
    (*freqs)[d] = it.freq();
    std::vector<uint32_t>& p = out[d];
    for (uint32_t k = 0; k < it.freq(); ++k) p.push_back(it.NextPosition());
  }
  return out;
}

// Occurrences of words[i..] starting right after `prev` (naive: tries every position).
bool Follows(const std::vector<const std::vector<uint32_t>*>& pos, size_t i, uint32_t prev,
             uint32_t slop) {
  if (i == pos.size()) return true;
  for (uint32_t q : *pos[i]) {
    if (q > prev && static_cast<uint64_t>(q) <= static_cast<uint64_t>(prev) + 1 + slop &&
        Follows(pos, i + 1, q, slop)) {
      return true;
    }
  }
  return false;
}

void ScoreLeaf(const LeafSpec& spec, const Plan& plan, const index::Segment& segment,
               DocScores* out) {
  const uint32_t max_doc = segment.max_doc();
  out->x.assign(max_doc, 0.0);
  out->hit.assign(max_doc, 0);
  if (spec.kind == LeafSpec::Kind::kTerms) {
    for (const StreamSpec& s : spec.streams) {
      const index::FieldReader* f = segment.field(TextFieldName(s.field));
      index::TermInfo info;
      if (f == nullptr || !f->FindTerm(s.term, &info)) continue;
      const index::FieldReader* lengths = segment.field(TextFieldName(s.length_field()));
      index::PostingsIterator it;
      f->Postings(info, &it, false);
      for (uint32_t d = it.Next(); d != kNoMoreDocs; d = it.Next()) {
        const uint8_t norm = lengths == nullptr ? 0 : lengths->norm(d);
        out->x[d] += StreamTf(s.weight, it.freq(), plan.norms[s.length_field()], norm);
        out->hit[d] = 1;
      }
    }
    return;
  }
  for (int title = 1; title >= 0; --title) {
    if (title ? !spec.in_title : !spec.in_body) continue;
    const int stem_field = title ? kTitleStem : kBodyStem;
    const index::FieldReader* stem = segment.field(TextFieldName(stem_field));
    const index::FieldReader* stop = StopwordField(segment, title == 1);
    std::vector<std::unordered_map<uint32_t, std::vector<uint32_t>>> positions;
    std::vector<std::vector<uint32_t>> freqs(spec.words.size());
    bool all_found = true;
    bool has_positions = true;
    for (size_t i = 0; i < spec.words.size(); ++i) {
      const PhraseWordSpec& w = spec.words[i];
      const index::FieldReader* f = w.stop ? stop : stem;
      index::TermInfo info;
      if (f == nullptr || !f->FindTerm(w.stop ? w.norm : w.stem, &info)) {
        all_found = false;
        break;
      }
      has_positions = has_positions && f->has_positions();
      positions.push_back(AllPositions(f, info, &freqs[i], max_doc));
    }
    if (!all_found) continue;
    const double weight = title ? spec.title_weight : spec.body_weight;
    for (uint32_t d = 0; d < max_doc; ++d) {
      bool everywhere = true;
      for (const auto& f : freqs) everywhere = everywhere && f[d] > 0;
      if (!everywhere) continue;
      uint32_t count = 0;
      if (!has_positions) {
        count = freqs[0][d];
        for (const auto& f : freqs) count = std::min(count, f[d]);
      } else {
        std::vector<const std::vector<uint32_t>*> pos;
        for (auto& p : positions) pos.push_back(&p[d]);
        for (uint32_t start : *pos[0]) count += Follows(pos, 1, start, spec.slop) ? 1 : 0;
      }
      if (count == 0) continue;
      const uint8_t norm = stem == nullptr ? 0 : stem->norm(d);
      out->x[d] += StreamTf(weight, count, plan.norms[stem_field], norm);
      out->hit[d] = 1;
    }
  }
}

// Documents of `segment` having any of `values` in keyword field `field`.
std::vector<uint8_t> KeywordDocs(const index::Segment& segment, std::string_view field,
                                 const std::vector<std::string>& values) {
  std::vector<uint8_t> out(segment.max_doc(), 0);
  const index::FieldReader* f = segment.field(field);
  if (f == nullptr) return out;
  for (const std::string& v : values) {
    index::TermInfo info;
    if (!f->FindTerm(v, &info)) continue;
    index::PostingsIterator it;
    f->Postings(info, &it, false);
    for (uint32_t d = it.Next(); d != kNoMoreDocs; d = it.Next()) out[d] = 1;
  }
  return out;
}

struct Match {
  uint32_t doc;
  double score;
  bool has_date;
  int64_t date;
};

}  // namespace

Status ExecuteExhaustive(const Plan& plan, const index::IndexReader& reader,
                         const ExecuteOptions& options, ExecuteResult* result) {
  *result = ExecuteResult();
  std::vector<Match> matches;
  std::map<std::string, std::map<std::string, uint64_t>> keyword_counts;
  std::map<int64_t, uint64_t> day_counts;
  std::vector<std::string> facet_fields = {std::string(kSourceField)};
  for (const std::string& f : options.keyword_facets) {
    if (f != kSourceField) facet_fields.push_back(f);
  }
  for (const index::Segment& segment : reader.segments()) {
    if (plan.match_none) break;
    const uint32_t max_doc = segment.max_doc();
    std::vector<DocScores> leaves(plan.leaves.size());
    for (size_t i = 0; i < plan.leaves.size(); ++i) {
      ScoreLeaf(plan.leaves[i], plan, segment, &leaves[i]);
    }
    std::vector<DocScores> excluded(plan.excluded.size());
    for (size_t i = 0; i < plan.excluded.size(); ++i) {
      ScoreLeaf(plan.excluded[i], plan, segment, &excluded[i]);
    }
    const PlanFilters& f = plan.filters;
    std::vector<std::vector<uint8_t>> source_any;
    for (const auto& any : f.sources_any) source_any.push_back(KeywordDocs(segment, kSourceField, any));
    const std::vector<uint8_t> source_none = KeywordDocs(segment, kSourceField, f.sources_none);
    std::vector<std::vector<uint8_t>> entity_all;
    for (const std::string& e : f.entities_all) {
      entity_all.push_back(KeywordDocs(segment, kEntityField, {e}));
    }
    const std::vector<uint8_t> speakers = KeywordDocs(segment, kSpeakerField, f.speakers_any);
    const index::NumericColumn* dates = segment.numeric(kDateField);
    for (uint32_t d = 0; d < max_doc; ++d) {
      if (!segment.IsLive(d)) continue;
      int64_t date = 0;
      const bool has_date = dates != nullptr && dates->Get(d, &date);
      if (f.date && (!has_date || date < f.date_from || date > f.date_to)) continue;
      bool ok = true;
      for (const auto& any : source_any) ok = ok && any[d];
      ok = ok && !source_none[d];
      for (const auto& e : entity_all) ok = ok && e[d];
      if (f.has_speakers) ok = ok && speakers[d];
      for (const DocScores& x : excluded) ok = ok && !x.hit[d];
      if (!ok) continue;
      if (!plan.match_all) {
        for (const std::vector<uint32_t>& group : plan.required) {
          bool any = false;
          for (uint32_t id : group) any = any || leaves[id].hit[d];
          ok = ok && any;
        }
        if (plan.required.empty()) {
          bool any = false;
          for (uint32_t id : plan.optional) any = any || leaves[id].hit[d];
          ok = ok && any;
        }
        if (!ok) continue;
      }
      double score = 0;
      for (size_t i = 0; i < plan.leaves.size(); ++i) {
        if (leaves[i].hit[d]) {
          score += Saturate(plan.k1, plan.leaves[i].boost_idf, leaves[i].x[d]);
        }
      }
      matches.push_back(Match{segment.doc_base() + d, score, has_date, date});
      if (options.facets) {
        std::string value;
        for (const std::string& name : facet_fields) {
          const index::FieldReader* kf = segment.field(name);
          if (kf == nullptr || kf->kind() != index::FieldKind::kKeyword) continue;
          const index::KeywordOrdinals ords = kf->ordinals(d);
          for (uint32_t i = 0; i < ords.size(); ++i) {
            if (kf->TermForOrd(ords[i], &value)) ++keyword_counts[name][value];
          }
        }
        if (has_date) ++day_counts[date >= 0 ? date / 86400 : -((-date + 86399) / 86400)];
      }
    }
  }
  const bool by_date = options.sort != SortOrder::kRelevance || plan.match_all;
  const bool newest = options.sort != SortOrder::kOldest;
  std::sort(matches.begin(), matches.end(), [&](const Match& a, const Match& b) {
    if (by_date) {
      if (a.has_date != b.has_date) return a.has_date;
      if (a.date != b.date) return newest ? a.date > b.date : a.date < b.date;
      return a.doc < b.doc;
    }
    return a.score != b.score ? a.score > b.score : a.doc < b.doc;
  });
  result->total = matches.size();
  result->total_is_exact = true;
  const size_t depth = FirstStageDepth(plan, options);
  for (size_t i = 0; i < matches.size() && i < depth; ++i) {
    result->hits.push_back(Hit{matches[i].doc, matches[i].score});
  }
  if (!by_date && !plan.rerank.empty()) {
    // Second stage, from complete arrays: each rerank leaf's score added in leaf order.
    for (const index::Segment& segment : reader.segments()) {
      const uint32_t base = segment.doc_base();
      std::vector<DocScores> rerank(plan.rerank.size());
      bool any = false;
      for (const Hit& h : result->hits) any = any || (h.doc >= base && h.doc - base < segment.max_doc());
      if (!any) continue;
      for (size_t i = 0; i < plan.rerank.size(); ++i) {
        ScoreLeaf(plan.rerank[i], plan, segment, &rerank[i]);
      }
      for (Hit& h : result->hits) {
        if (h.doc < base || h.doc - base >= segment.max_doc()) continue;
        for (size_t i = 0; i < plan.rerank.size(); ++i) {
          if (rerank[i].hit[h.doc - base]) {
            h.score += Saturate(plan.k1, plan.rerank[i].boost_idf, rerank[i].x[h.doc - base]);
          }
        }
      }
    }
    std::sort(result->hits.begin(), result->hits.end(), [](const Hit& a, const Hit& b) {
      return a.score != b.score ? a.score > b.score : a.doc < b.doc;
    });
    if (result->hits.size() > options.k) result->hits.resize(options.k);
  }
  if (options.facets) {
    for (const std::string& name : facet_fields) {
      std::vector<FacetCount> v;
      for (const auto& [value, count] : keyword_counts[name]) v.push_back(FacetCount{value, count});
      std::sort(v.begin(), v.end(), [](const FacetCount& a, const FacetCount& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
      });
      if (v.size() > options.facet_limit) v.resize(options.facet_limit);
      result->facets[name] = std::move(v);
    }
    std::vector<FacetCount> days;
    for (const auto& [day, count] : day_counts) days.push_back(FacetCount{FormatDayNumber(day), count});
    result->facets["day"] = std::move(days);
  }
  return Status::OK();
}

}  // namespace rasd::search::internal
