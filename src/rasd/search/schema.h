// The index schema: how an article is indexed, so that search can query what was indexed.
//
// search owns the schema because every query it builds names these fields; the engine fills
// an index::IndexDocument with BuildIndexDocument (document_builder.h) and then adds what only
// it knows (entity and speaker ids from extraction, the stored blob).
//
// Fields (all names are constants below; "source", "entity" and "speaker" are keyword fields,
// "date" is numeric, the rest are text fields):
//
//   title, body              light STEMS of the analysed content tokens (text::Token::stem),
//                            with positions (the tokens' analyzer positions). Stopwords are NOT
//                            indexed here (see below).
//   title.exact, body.exact  NORMALISED surface forms (text::Token::norm) of the content tokens,
//                            with documents and frequencies but NO positions. Exact-form
//                            matches add score on top of stem matches (bm25f.h); a quoted
//                            single word ("w") and prefix* match exact forms.
//   title.stop, body.stop    the normalised forms of the STOPWORDS, with positions: what a
//                            phrase needs of a stopword, and what a query of stopwords alone
//                            is scored on.
//   source                   the outlet, exactly as given (one value; "as given" so that facet
//                            values display as the outlet writes its name).
//   entity                   entity ids found by extraction (multi-valued; the engine adds them).
//   speaker                  ids of quoted speakers (multi-valued; the engine adds them).
//   date                     publication time, seconds since the Unix epoch (UTC).
//
// Positions once per token. Every token is indexed with its position exactly once: a content
// word's stem in the stem field, a stopword in the stop field. Phrases are matched on stems,
// with stopwords on their exact form ("رئيس الوزراء في العراق" matches only with في in
// between: the stop field's positions are the same token ordinals as the stem field's).
// Before, the .exact fields held every token (stopwords included) with its position a second
// time, which made the index 2.2x Lucene's; the exact form only ever needed documents and
// frequencies for its score.
//
// Stopwords. The analyzer flags stopwords without dropping them. Queries never score a
// stopword outside a phrase (query_parser.h), so neither the stem fields, which carry most of
// the scoring, nor the .exact fields hold the long stopword postings. The stem and .exact
// fields' lengths therefore count content words only, as Lucene's do with its stop filter; the
// stop fields' lengths count stopwords.
//
// Measured on ANT multi-source v2.1 (31,525 articles, postings only, no stored text, one
// segment; docs/BENCHMARKS.md "Optimisation log"): stem fields only 15.6 MB (Lucene 8:
// 16.7 MB); the earlier schema (positions in the .exact fields, stopwords there too) 36.6 MB;
// exact fields without positions plus the stop fields 29.1 MB; this schema 28.3 MB. On the
// 72,716-article news set the exact-form streams are worth +0.014 nDCG@10 on the peers'
// known-item queries (0.885 without, 0.898 with exact_weight 0.5, 0.903 with 1).
//
// Indexes written before the stop fields existed (stopwords and positions in the .exact
// fields) are still searched correctly: a phrase's stopword falls back to the .exact field
// when a segment has no stop field, and a stopword searched alone looks in both. A merge of
// such a segment with a newer one keeps no .exact positions (index::TextFieldOptions: a merge
// keeps positions only when every merged segment has them), so phrases with stopwords no
// longer match the older documents there: re-index an old index (`rasd index`) before adding
// to it.
//
// Thread-safety: constants only.
#pragma once

#include <string_view>

namespace rasd::search {

inline constexpr std::string_view kTitleField = "title";
inline constexpr std::string_view kBodyField = "body";
inline constexpr std::string_view kTitleExactField = "title.exact";
inline constexpr std::string_view kBodyExactField = "body.exact";
inline constexpr std::string_view kTitleStopField = "title.stop";
inline constexpr std::string_view kBodyStopField = "body.stop";
inline constexpr std::string_view kSourceField = "source";
inline constexpr std::string_view kEntityField = "entity";
inline constexpr std::string_view kSpeakerField = "speaker";
inline constexpr std::string_view kDateField = "date";

}  // namespace rasd::search
