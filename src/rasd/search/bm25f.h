// BM25F: the ranking function, its parameters and the upper bounds pruning relies on.
//
// Robertson, Zaragoza & Taylor, "Simple BM25 extension to multiple weighted fields" (CIKM 2004)
// and Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond" (FnTIR
// 2009, section 3.6). For one query term t (a "leaf": a word with its streams, see below) and a
// document d:
//
//   tf~(t,d)   = sum over streams s of  w_s * tf_s(d) / ((1 - b_f) + b_f * len_f(d) / avglen_f)
//   score(t,d) = boost_t * idf(t) * (k1 + 1) * tf~ / (k1 + tf~)
//   idf(t)     = ln(1 + (N - df + 0.5) / (df + 0.5))          (never negative; as Lucene)
//   score(q,d) = sum over the query's leaves t of score(t,d)
//
// A stream is one postings list feeding the term's pseudo-frequency: the stem in "title" and
// "body", the normalised form in "title.exact" and "body.exact" (weight exact_weight times its
// field's weight, so that an exact surface match adds to the stem match and ranks above a
// stem-only match; every exact occurrence is also a stem occurrence), spelling variants found
// in the index (variant_weight times the field weight, so they rank below the original), prefix
// expansions. f is the stream's field, except that an exact-form stream of a word is
// normalised by its stem field (title or body): it is a bonus within that field, not a field of
// its own. len_f(d) is the DECODED quantised field length (index::DecodeFieldLength): the
// index's block impacts are stated over those lengths, and scoring with them is what makes the
// bounds below hold.
//
// N is the snapshot's max_doc and df the largest stem-field document frequency of the term's
// streams (Lucene's CombinedFieldQuery takes the maximum as well): both count deleted
// documents until a merge, as Lucene's statistics do. A phrase leaf scores its phrase
// frequency in the same way with idf = the sum of its words' idfs (as Lucene's PhraseQuery).
//
// Saturation is computed as (k1 + 1) * (1 - k1 / (k1 + tf~)): every operation is then monotone
// in IEEE arithmetic, so a bound computed from a larger tf and a shorter length is never below
// the score it bounds, bit for bit (see StreamBound).
//
// Parameters and how they were chosen are documented at kDefaultBm25fParams in bm25f.cc.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>

namespace rasd::search {

struct FieldParams {
  double weight = 1.0;  // w_f: how much one occurrence in this field counts
  double b = 0.75;      // b_f: length normalisation strength, 0 (none) .. 1 (full)
};

struct Bm25fParams {
  double k1 = 1.2;
  FieldParams title;
  FieldParams body;
  // Multiplier of the field weight for the .exact streams (the exact-form bonus).
  double exact_weight = 1.0;
  // Multiplier of the field weight for spelling-variant streams (variant_expander.h), times the
  // variant's own similarity factor. Below 1: variants rank below the original spelling.
  double variant_weight = 0.6;
  // Multiplier for prefix* expansions (each expansion is a stream of the prefix leaf).
  double prefix_weight = 0.8;
  // Weight of the proximity bonus the searcher adds in its second stage for multi-word
  // queries (the query's adjacent word pairs found within one position in the text, scored
  // like a phrase with idf = the sum of the two words' idfs); 0 disables it.
  double pair_weight = 0.3;
};

// The defaults (bm25f.cc documents the choice of each value).
Bm25fParams DefaultBm25fParams();

// idf as above; df is clamped to [0, n].
double Idf(uint64_t doc_freq, uint64_t num_docs);

// The length-normalisation table of one field: for each norm byte (index::EncodeFieldLength),
// 1 / ((1 - b) + b * DecodeFieldLength(norm) / avglen). Non-increasing in the norm byte, so
// table[min_norm] bounds every document of a block. avglen <= 0 gives all ones.
using NormTable = std::array<double, 256>;
void BuildNormTable(double b, double average_length, NormTable* table);

// One stream's contribution to tf~ for a document: weight * tf * table[norm].
inline double StreamTf(double weight, uint32_t tf, const NormTable& table, uint8_t norm) {
  return weight * static_cast<double>(tf) * table[norm];
}
// The same formula on an impact: a bound of StreamTf over the documents the impact covers
// (max_freq >= tf, min_norm <= norm, and every operation is monotone).
inline double StreamBound(double weight, uint32_t max_freq, const NormTable& table,
                          uint8_t min_norm) {
  return weight * static_cast<double>(max_freq) * table[min_norm];
}

// boost * idf * (k1 + 1) * tf~ / (k1 + tf~), computed in monotone form. 0 for tf~ <= 0.
inline double Saturate(double k1, double boost_idf, double pseudo_tf) {
  if (!(pseudo_tf > 0)) return 0.0;
  return boost_idf * (k1 + 1.0) * (1.0 - k1 / (k1 + pseudo_tf));
}

// Where a pruning test `(others + Saturate(k1, boost_idf, x)) * slack > theta` changes its
// answer, so that a loop judging many pseudo-frequencies against one threshold can skip the
// division: the test is surely false for x < below and surely true for x > above (the
// inverse of Saturate at the threshold, less and plus a margin far wider than any rounding);
// between them only the test itself tells. Where rounding could decide (a threshold near 0
// or near Saturate's supremum, or the small difference of large numbers) below is -infinity
// and above +infinity: every x is tested.
struct SaturationCut {
  double below;
  double above;
};
SaturationCut CutAt(double k1, double boost_idf, double others, double theta, double slack);

}  // namespace rasd::search
