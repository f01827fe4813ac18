// The planner (internal/planner.h).
#include "rasd/search/internal/planner.h"

#include <algorithm>
#include <bit>
#include <map>
#include <string>
#include <utility>

#include "rasd/base/macros.h"
#include "rasd/search/schema.h"
#include "rasd/search/variant_expander.h"

namespace rasd::search::internal {
namespace {

bool IsArabicWord(std::string_view s) {
  // Normalised Arabic letters are all in U+0621..U+064A: lead byte D8 or D9.
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); i += 2) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if ((b != 0xD8 && b != 0xD9) || i + 1 >= s.size()) return false;
  }
  return true;
}

class Planner {
 public:
  Planner(const PlanInput& in, PlanOutput* out)
      : in_(in), out_(out), plan_(out->plan), params_(*in.params), reader_(*in.reader) {}

  Status Run() {
    plan_ = Plan();
    out_->expansions.clear();
    out_->highlight = std::make_shared<HighlightTerms>();
    plan_.k1 = params_.k1;
    num_docs_ = reader_.max_doc();
    if (in_.norms != nullptr) {
      for (int f = 0; f < kNumTextFields; ++f) plan_.norms[f] = in_.norms[f];
    } else {
      BuildNormTables(reader_, params_, plan_.norms);
    }
    RASD_RETURN_IF_ERROR(Filters());
    const bool and_mode = in_.request->default_operator == Operator::kAnd;
    bool scoring_clause = false;
    uint32_t term_id = 0;
    for (const QueryNode& node : in_.query->clauses) {
      if (node.kind == QueryNode::Kind::kSource || node.kind == QueryNode::Kind::kDateRange) {
        continue;
      }
      if (node.occur == Occur::kMustNot) {
        RASD_RETURN_IF_ERROR(Exclude(node));
        continue;
      }
      scoring_clause = true;
      std::vector<LeafSpec> leaves;
      if (node.kind == QueryNode::Kind::kGroup) {
        for (const QueryNode& child : node.children) {
          RASD_RETURN_IF_ERROR(Leaves(child, term_id++, &leaves));
        }
      } else {
        RASD_RETURN_IF_ERROR(Leaves(node, term_id++, &leaves));
      }
      const bool required = node.occur == Occur::kMust || and_mode;
      if (required) {
        std::vector<uint32_t> group;
        for (LeafSpec& l : leaves) group.push_back(AddLeaf(std::move(l), /*optional=*/false));
        plan_.required.push_back(std::move(group));
        if (plan_.required.back().empty()) plan_.match_none = true;
      } else {
        for (LeafSpec& l : leaves) AddLeaf(std::move(l), /*optional=*/true);
      }
    }
    if (!scoring_clause) {
      // A blank query browses; one of which nothing was left (Query::nothing_left) does not.
      if (in_.query->nothing_left) {
        plan_.match_none = true;
      } else {
        plan_.match_all = true;
      }
    } else if (plan_.leaves.empty()) {
      plan_.match_none = true;
    }
    if (params_.pair_weight > 0 && !plan_.match_none) Pairs();
    out_->highlight->Finish();
    return Status::OK();
  }

 private:
  // ---- Statistics ----

  // Remembered for the query: a word's doc freq is asked for its leaf, its variants and its
  // proximity pairs, and each ask is a dictionary lookup per segment (about 4k instructions).
  uint64_t DocFreq(int field, std::string_view term) const {
    for (const KnownDocFreq& k : doc_freqs_) {
      if (k.field == field && k.term == term) return k.doc_freq;
    }
    // IndexReader::term_stats, segment by segment through the query's lookups, so that the
    // leaves find the same entries again without searching the dictionaries.
    TermLookups& lookups = in_.lookups != nullptr ? *in_.lookups : own_lookups_;
    uint64_t df = 0;
    index::TermInfo info;
    for (const index::Segment& segment : reader_.segments()) {
      const index::FieldReader* f = segment.field(TextFieldName(field));
      if (f != nullptr && lookups.Find(*f, term, &info)) df += info.doc_freq;
    }
    doc_freqs_.push_back({field, std::string(term), df});
    return df;
  }
  // The largest doc freq of a word's stem over title and body; for a stopword, of its form
  // in the stop fields, or when they do not have it, in the .exact fields (an index written
  // before the stop fields; in a snapshot mixing both layouts the stop fields' count wins).
  // The .exact look-ups are skipped when the stop fields answer: a phrase with stopwords
  // costs no more dictionary look-ups than before.
  uint64_t WordDocFreq(const QueryWord& w, Scope scope) const {
    const bool stop = w.stop;
    const std::string& term = stop ? w.norm : w.stem;
    uint64_t df = 0;
    if (scope != Scope::kBody) df = std::max(df, DocFreq(stop ? kTitleStop : kTitleStem, term));
    if (scope != Scope::kTitle) df = std::max(df, DocFreq(stop ? kBodyStop : kBodyStem, term));
    if (stop && df == 0) {
      if (scope != Scope::kBody) df = std::max(df, DocFreq(kTitleExact, term));
      if (scope != Scope::kTitle) df = std::max(df, DocFreq(kBodyExact, term));
    }
    return df;
  }

  // The streams of a stopword searched on its own (`weight` times the field weight): its
  // stop fields, plus the .exact fields, which held stopwords in indexes written before the
  // stop fields existed (in a current segment the .exact fields have no stopword, and a
  // stream whose term is absent from a segment costs one dictionary lookup).
  std::vector<StreamSpec> StopwordStreams(const std::string& norm, Scope scope,
                                          double weight) const {
    std::vector<StreamSpec> out;
    if (scope != Scope::kBody) {
      out.push_back({kTitleStop, norm, params_.title.weight * weight});
      out.push_back({kTitleExact, norm, params_.title.weight * weight});
    }
    if (scope != Scope::kTitle) {
      out.push_back({kBodyStop, norm, params_.body.weight * weight});
      out.push_back({kBodyExact, norm, params_.body.weight * weight});
    }
    return out;
  }

  // ---- Leaves ----

  uint32_t AddLeaf(LeafSpec leaf, bool optional) {
    if (optional) {
      auto it = optional_by_label_.find(leaf.label);
      if (it != optional_by_label_.end()) {
        plan_.leaves[it->second].boost_idf += leaf.boost_idf;
        return it->second;
      }
    }
    const uint32_t id = static_cast<uint32_t>(plan_.leaves.size());
    if (optional) {
      optional_by_label_.emplace(leaf.label, id);
      plan_.optional.push_back(id);
    }
    plan_.leaves.push_back(std::move(leaf));
    return id;
  }

  LeafSpec WordLeaf(const QueryWord& w, Scope scope, bool stem_only, double boost) const {
    LeafSpec leaf;
    leaf.kind = LeafSpec::Kind::kTerms;
    const bool title = scope != Scope::kBody;
    const bool body = scope != Scope::kTitle;
    if (w.stop) {
      leaf.streams = StopwordStreams(w.norm, scope, 1.0);
    } else {
      if (title) leaf.streams.push_back({kTitleStem, w.stem, params_.title.weight});
      if (body) leaf.streams.push_back({kBodyStem, w.stem, params_.body.weight});
      // Every token whose norm is w.norm has the stem w.stem: the exact streams are subsets
      // of the stem streams, and are normalised by the stem field's length like the stem (an
      // exact match is a bonus on the same field, not a field of its own).
      if (!stem_only && params_.exact_weight > 0) {
        if (title) {
          leaf.streams.push_back({kTitleExact, w.norm,
                                  params_.title.weight * params_.exact_weight, true, kTitleStem});
        }
        if (body) {
          leaf.streams.push_back({kBodyExact, w.norm, params_.body.weight * params_.exact_weight,
                                  true, kBodyStem});
        }
      }
    }
    leaf.boost_idf = boost * Idf(WordDocFreq(w, scope), num_docs_);
    leaf.label = Label(leaf);
    return leaf;
  }

  // A leaf's identity, for de-duplication: every stream with its field, weight and term, and
  // a phrase's words and fields. Weights go in as their 64 bits in hex (exact, and cheaper
  // than printing decimals, which was a tenth of planning a several-word query).
  static std::string Label(const LeafSpec& leaf) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string s = leaf.kind == LeafSpec::Kind::kTerms ? "T" : "P";
    for (const StreamSpec& st : leaf.streams) {
      s += '|';
      s += static_cast<char>('0' + st.field);
      const uint64_t bits = std::bit_cast<uint64_t>(st.weight);
      for (int shift = 60; shift >= 0; shift -= 4) s += kHex[(bits >> shift) & 15];
      s += st.secondary ? "s:" : ":";
      s += st.term;
    }
    for (const PhraseWordSpec& w : leaf.words) {
      s += w.stop ? "|s:" : "|w:";
      s += w.stop ? w.norm : w.stem;
    }
    s += leaf.in_title ? "|t" : "";
    s += leaf.in_body ? "|b" : "";
    s += "|" + std::to_string(leaf.slop);
    return s;
  }

  // Leaves of one positive clause (not a group). `term_id` groups highlights.
  Status Leaves(const QueryNode& node, uint32_t term_id, std::vector<LeafSpec>* out) {
    switch (node.kind) {
      case QueryNode::Kind::kTerm:
      case QueryNode::Kind::kVariant: {
        const QueryWord& w = node.words[0];
        out_->highlight->AddWord(w, term_id);
        if (WordDocFreq(w, node.scope) > 0) out->push_back(WordLeaf(w, node.scope, false, 1.0));
        return Variants(node, term_id, /*record=*/true, out);
      }
      case QueryNode::Kind::kPhrase:
        for (const QueryWord& w : node.words) {
          if (!w.stop) out_->highlight->AddWord(w, term_id);
        }
        out->push_back(PhraseLeaf(node));
        return Status::OK();
      case QueryNode::Kind::kPrefix: {
        LeafSpec leaf;
        RASD_RETURN_IF_ERROR(PrefixLeaf(node, term_id, /*record=*/true, &leaf));
        if (!leaf.streams.empty()) out->push_back(std::move(leaf));
        return Status::OK();
      }
      default:
        return Status::OK();
    }
  }

  LeafSpec PhraseLeaf(const QueryNode& node) const {
    const bool title = node.scope != Scope::kBody;
    const bool body = node.scope != Scope::kTitle;
    LeafSpec leaf;
    if (node.words.size() == 1) {  // "w": the exact form
      const QueryWord& w = node.words[0];
      leaf.kind = LeafSpec::Kind::kTerms;
      if (w.stop) {
        leaf.streams = StopwordStreams(w.norm, node.scope, 1.0);
      } else {
        if (title) leaf.streams.push_back({kTitleExact, w.norm, params_.title.weight});
        if (body) leaf.streams.push_back({kBodyExact, w.norm, params_.body.weight});
      }
      uint64_t df = w.stop ? WordDocFreq(w, node.scope) : 0;
      if (!w.stop) {
        if (title) df = std::max(df, DocFreq(kTitleExact, w.norm));
        if (body) df = std::max(df, DocFreq(kBodyExact, w.norm));
      }
      leaf.boost_idf = Idf(df, num_docs_);
      leaf.label = Label(leaf);
      return leaf;
    }
    leaf.kind = LeafSpec::Kind::kPhrase;
    leaf.in_title = title;
    leaf.in_body = body;
    leaf.title_weight = params_.title.weight;
    leaf.body_weight = params_.body.weight;
    double idf = 0;
    for (const QueryWord& w : node.words) {
      leaf.words.push_back(PhraseWordSpec{w.stem, w.norm, w.stop});
      idf += Idf(WordDocFreq(w, node.scope), num_docs_);
    }
    leaf.boost_idf = idf;
    leaf.label = Label(leaf);
    return leaf;
  }

  // `record`: add the expansions to the highlights (not for exclusions).
  Status PrefixLeaf(const QueryNode& node, uint32_t term_id, bool record, LeafSpec* leaf) {
    const std::string& prefix = node.words[0].norm;
    std::map<std::string, uint64_t> terms;  // term -> largest doc freq
    size_t scanned = 0;
    for (int f : {kTitleExact, kBodyExact}) {
      if (f == kTitleExact && node.scope == Scope::kBody) continue;
      if (f == kBodyExact && node.scope == Scope::kTitle) continue;
      RASD_RETURN_IF_ERROR(reader_.ForEachTerm(
          TextFieldName(f), prefix, [&](std::string_view term, uint64_t df) {
            uint64_t& v = terms[std::string(term)];
            v = std::max(v, df);
            return ++scanned < kMaxPrefixScan;
          }));
    }
    std::vector<std::pair<std::string, uint64_t>> best(terms.begin(), terms.end());
    std::sort(best.begin(), best.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (best.size() > kMaxPrefixExpansions) best.resize(kMaxPrefixExpansions);
    std::sort(best.begin(), best.end());
    leaf->kind = LeafSpec::Kind::kTerms;
    uint64_t max_df = 0;
    for (const auto& [term, df] : best) {
      if (node.scope != Scope::kBody) {
        leaf->streams.push_back(
            {kTitleExact, term, params_.title.weight * params_.prefix_weight});
      }
      if (node.scope != Scope::kTitle) {
        leaf->streams.push_back({kBodyExact, term, params_.body.weight * params_.prefix_weight});
      }
      max_df = std::max(max_df, df);
      if (record) out_->highlight->AddNorm(term, term_id);
    }
    leaf->boost_idf = Idf(max_df, num_docs_);
    leaf->label = Label(*leaf);
    return Status::OK();
  }

  // `record`: report the variants as expansions and highlights (not for exclusions).
  Status Variants(const QueryNode& node, uint32_t term_id, bool record,
                  std::vector<LeafSpec>* out) {
    const QueryWord& w = node.words[0];
    const bool forced = node.kind == QueryNode::Kind::kVariant;
    if (!forced && !in_.request->expand_variants) return Status::OK();
    if (w.stop || !IsArabicWord(w.norm) || !in_.variants) return Status::OK();
    if (!forced && WordDocFreq(w, Scope::kAll) > kMaxAutoExpandDocFreq) return Status::OK();
    RASD_ASSIGN_OR_RETURN(const VariantIndex* index, in_.variants());
    if (index == nullptr) return Status::OK();
    for (const WordVariant& v : ExpandWord(*index, w.stem, w.norm, forced)) {
      LeafSpec leaf;
      leaf.kind = LeafSpec::Kind::kTerms;
      if (node.scope != Scope::kBody) {
        leaf.streams.push_back({kTitleStem, v.term, params_.title.weight});
      }
      if (node.scope != Scope::kTitle) {
        leaf.streams.push_back({kBodyStem, v.term, params_.body.weight});
      }
      QueryWord vw;
      vw.stem = v.term;
      leaf.boost_idf =
          params_.variant_weight * v.weight * Idf(WordDocFreq(vw, node.scope), num_docs_);
      leaf.label = Label(leaf);
      if (record) {
        out_->highlight->AddStem(v.term, term_id);
        out_->expansions.push_back(
            Expansion{w.text, v.term, v.doc_freq, params_.variant_weight * v.weight});
      }
      out->push_back(std::move(leaf));
    }
    return Status::OK();
  }

  Status Exclude(const QueryNode& node) {
    std::vector<const QueryNode*> nodes;
    if (node.kind == QueryNode::Kind::kGroup) {
      for (const QueryNode& c : node.children) nodes.push_back(&c);
    } else {
      nodes.push_back(&node);
    }
    for (const QueryNode* n : nodes) {
      switch (n->kind) {
        case QueryNode::Kind::kTerm:
        case QueryNode::Kind::kVariant:
          plan_.excluded.push_back(WordLeaf(n->words[0], n->scope, /*stem_only=*/true, 1.0));
          if (n->kind == QueryNode::Kind::kVariant) {
            std::vector<LeafSpec> variants;
            RASD_RETURN_IF_ERROR(Variants(*n, 0, /*record=*/false, &variants));
            for (LeafSpec& l : variants) plan_.excluded.push_back(std::move(l));
          }
          break;
        case QueryNode::Kind::kPhrase:
          plan_.excluded.push_back(PhraseLeaf(*n));
          break;
        case QueryNode::Kind::kPrefix: {
          LeafSpec leaf;
          RASD_RETURN_IF_ERROR(PrefixLeaf(*n, 0, /*record=*/false, &leaf));
          if (!leaf.streams.empty()) plan_.excluded.push_back(std::move(leaf));
          break;
        }
        default:
          break;
      }
    }
    return Status::OK();
  }

  // The id of the (all-scope) word leaf of `w`, or -1.
  int WordLeafId(const QueryWord& w) const {
    const std::string label = WordLeaf(w, Scope::kAll, false, 1.0).label;
    for (size_t i = 0; i < plan_.leaves.size(); ++i) {
      if (plan_.leaves[i].label == label) return static_cast<int>(i);
    }
    return -1;
  }

  // Proximity leaves: adjacent positive content words of the query (top-level terms, all
  // scopes), in query order, found within one position of each other.
  void Pairs() {
    std::vector<const QueryWord*> words;
    for (const QueryNode& n : in_.query->clauses) {
      if (n.kind == QueryNode::Kind::kTerm && n.occur != Occur::kMustNot &&
          n.scope == Scope::kAll && !n.words[0].stop && WordLeafId(n.words[0]) >= 0) {
        words.push_back(&n.words[0]);
      } else if (n.kind != QueryNode::Kind::kSource && n.kind != QueryNode::Kind::kDateRange &&
                 n.occur != Occur::kMustNot) {
        words.push_back(nullptr);  // breaks adjacency
      }
    }
    size_t added = 0;
    for (size_t i = 0; i + 1 < words.size() && added < kMaxPairLeaves; ++i) {
      const QueryWord* a = words[i];
      const QueryWord* b = words[i + 1];
      if (a == nullptr || b == nullptr || a->stem == b->stem) continue;
      const uint64_t dfa = WordDocFreq(*a, Scope::kAll);
      const uint64_t dfb = WordDocFreq(*b, Scope::kAll);
      if (dfa == 0 || dfb == 0) continue;
      LeafSpec leaf;
      leaf.kind = LeafSpec::Kind::kPhrase;
      leaf.words.push_back(PhraseWordSpec{a->stem, a->norm, false});
      leaf.words.push_back(PhraseWordSpec{b->stem, b->norm, false});
      leaf.slop = 1;
      leaf.title_weight = params_.title.weight;
      leaf.body_weight = params_.body.weight;
      leaf.boost_idf = params_.pair_weight * (Idf(dfa, num_docs_) + Idf(dfb, num_docs_));
      leaf.label = Label(leaf);
      bool duplicate = false;
      for (const LeafSpec& r : plan_.rerank) duplicate = duplicate || r.label == leaf.label;
      if (duplicate) continue;
      plan_.rerank.push_back(std::move(leaf));
      ++added;
    }
  }

  // ---- Filters ----

  // The outlet names in the index that `value` designates (see planner.h).
  Status ResolveSource(const std::string& value, std::vector<std::string>* out) {
    if (reader_.term_stats(kSourceField, value).doc_freq > 0) {
      out->push_back(value);
      return Status::OK();
    }
    if (sources_.empty()) {
      RASD_RETURN_IF_ERROR(
          reader_.ForEachTerm(kSourceField, "", [&](std::string_view term, uint64_t) {
            sources_.emplace_back(std::string(term), Normalized(term));
            return true;
          }));
    }
    const std::string want = Normalized(value);
    if (want.empty()) return Status::OK();
    for (const auto& [raw, norm] : sources_) {
      if (norm == want) out->push_back(raw);
    }
    if (!out->empty()) return Status::OK();
    const std::string padded = " " + want + " ";
    for (const auto& [raw, norm] : sources_) {
      if ((" " + norm + " ").find(padded) != std::string::npos) out->push_back(raw);
    }
    return Status::OK();
  }

  std::string Normalized(std::string_view s) {
    std::string out;
    if (!in_.analyzer->Analyze(s, &analyzed_).ok()) return out;
    for (const text::Token& t : analyzed_.tokens()) {
      if (!out.empty()) out.push_back(' ');
      out.append(t.norm);
    }
    return out;
  }

  Status Filters() {
    PlanFilters& f = plan_.filters;
    const SearchRequest& r = *in_.request;
    if (!r.sources.empty()) {
      std::vector<std::string> any;
      for (const std::string& s : r.sources) RASD_RETURN_IF_ERROR(ResolveSource(s, &any));
      if (any.empty()) plan_.match_none = true;
      f.sources_any.push_back(std::move(any));
    }
    std::vector<std::string> query_sources;
    bool has_query_sources = false;
    for (const QueryNode& n : in_.query->clauses) {
      if (n.kind == QueryNode::Kind::kSource) {
        if (n.occur == Occur::kMustNot) {
          RASD_RETURN_IF_ERROR(ResolveSource(n.value, &f.sources_none));
        } else {
          has_query_sources = true;
          RASD_RETURN_IF_ERROR(ResolveSource(n.value, &query_sources));
        }
      } else if (n.kind == QueryNode::Kind::kDateRange) {
        f.date = true;
        f.date_from = std::max(f.date_from, n.date_from);
        f.date_to = std::min(f.date_to, n.date_to);
      }
    }
    if (has_query_sources) {
      if (query_sources.empty()) plan_.match_none = true;
      f.sources_any.push_back(std::move(query_sources));
    }
    if (r.from.has_value()) {
      f.date = true;
      f.date_from = std::max(f.date_from, *r.from);
    }
    if (r.to.has_value()) {
      f.date = true;
      f.date_to = std::min(f.date_to, *r.to);
    }
    if (f.date && f.date_from > f.date_to) plan_.match_none = true;
    f.entities_all = r.entities;
    if (!r.speakers.empty()) {
      f.has_speakers = true;
      f.speakers_any = r.speakers;
    }
    return Status::OK();
  }

  const PlanInput& in_;
  PlanOutput* out_;
  Plan& plan_;
  const Bm25fParams& params_;
  const index::IndexReader& reader_;
  uint64_t num_docs_ = 0;
  std::map<std::string, uint32_t> optional_by_label_;
  std::vector<std::pair<std::string, std::string>> sources_;  // raw, normalised
  text::AnalyzedText analyzed_;
  struct KnownDocFreq {
    int field;
    std::string term;
    uint64_t doc_freq;
  };
  mutable std::vector<KnownDocFreq> doc_freqs_;  // DocFreq's answers for this query
  mutable TermLookups own_lookups_;  // DocFreq's when the caller gives none (PlanInput::lookups)
};

}  // namespace

Status BuildPlan(const PlanInput& input, PlanOutput* out) { return Planner(input, out).Run(); }

void BuildNormTables(const index::IndexReader& reader, const Bm25fParams& params,
                     NormTable tables[kNumTextFields]) {
  const FieldParams fp[kNumTextFields] = {params.title, params.body, params.title,
                                          params.body,  params.title, params.body};
  for (int f = 0; f < kNumTextFields; ++f) {
    BuildNormTable(fp[f].b, reader.field_stats(TextFieldName(f)).average_length(), &tables[f]);
  }
}

}  // namespace rasd::search::internal
