// The index schema: how an article is indexed, so that search can query what was indexed.
//
// search owns the schema because every query it builds names these fields; the engine fills
// an index::IndexDocument with BuildIndexDocument (document_builder.h) and then adds what only
// it knows (entity and speaker ids from extraction, the stored blob).
//
// Fields (all names are constants below; "source", "entity" and "speaker" are keyword fields,
// "date" is numeric, the rest are text fields with positions):
//
//   title, body              light STEMS of the analysed tokens (text::Token::stem), at the
//                            tokens' positions. Stopwords are NOT indexed here (see below).
//   title.exact, body.exact  NORMALISED surface forms (text::Token::norm) of every token,
//                            stopwords included, at the same positions. Exact-form matches add
//                            score on top of stem matches (bm25f.h) and phrases can be matched
//                            on either form.
//   source                   the outlet, exactly as given (one value; "as given" so that facet
//                            values display as the outlet writes its name).
//   entity                   entity ids found by extraction (multi-valued; the engine adds them).
//   speaker                  ids of quoted speakers (multi-valued; the engine adds them).
//   date                     publication time, seconds since the Unix epoch (UTC).
//
// Stopwords. The analyzer flags stopwords without dropping them. They are indexed only in the
// .exact fields: phrase positions stay exact ("رئيس الوزراء في العراق" matches only with في in
// between, because phrase matching reads stopword positions from the .exact field, whose
// positions are the same token ordinals as the stem field's), while the stem fields, which carry
// most of the scoring, do not hold the long stopword postings twice. Queries never score a
// stopword outside a phrase (query_parser.h). The stem fields' lengths therefore count content
// words only, as Lucene's do with its stop filter; the .exact fields' lengths count all tokens.
//
// Measured on ANT multi-source v2.1 (31,525 articles, postings only, no stored text; the same
// index build for each layout): stem fields only, no stopwords, 16.0 MB (Lucene 8: 15.9 MB);
// this schema 34.9 MB; stopwords in the stem fields as well 37.5 MB (+7%, and no query gains
// from it, since stopwords are never scored outside phrases); .exact fields without positions
// 26.9 MB (-23%, but phrases could then only match stems, with stopwords unchecked). On the
// 72,716-article news set the exact-form streams are worth +0.014 nDCG@10 on the peers'
// known-item queries (0.885 without, 0.898 with exact_weight 0.5, 0.903 with 1).
//
// Thread-safety: constants only.
#pragma once

#include <string_view>

namespace rasd::search {

inline constexpr std::string_view kTitleField = "title";
inline constexpr std::string_view kBodyField = "body";
inline constexpr std::string_view kTitleExactField = "title.exact";
inline constexpr std::string_view kBodyExactField = "body.exact";
inline constexpr std::string_view kSourceField = "source";
inline constexpr std::string_view kEntityField = "entity";
inline constexpr std::string_view kSpeakerField = "speaker";
inline constexpr std::string_view kDateField = "date";

}  // namespace rasd::search
