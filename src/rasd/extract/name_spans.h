// Repairs of the tagger's name spans where Arabic grammar settles the question, applied to
// each sentence after tagging (article_extractor.cc, and the pipeline row of
// bench/extract/ner_eval.cc that measures them on ANERcorp test).
//
//   SplitRunOnNames: a person's name does not run on into a word that carries the
//     preposition ل (after an optional و/ف). The tagger sometimes does (وقال أبو غليون
//     لرويترز; ترودو للصحافيين), because foreign names often start with that letter (لافروف،
//     لوكاكو، لودريان). The name ends before such a word when
//       - it is ل + the article, written لل (always so): a definite noun is never inside a
//         person's name;
//       - or the clitic split (clitics.h) took ل from a listed name or name word (gazetteer.h;
//         لرويترز -> ل + رويترز, لترامب) and the whole word is not itself a listed person
//         word: the rest starts a new name of its type (person, organisation or place), which
//         the linker strips of the proclitic (the addressee: قال X لرويترز).
//     What follows a definite noun is in no name unless it is a listed first name or person
//     word, which starts a new one. ب and ك are left alone: Maghrebi and foreign names start
//     with them too often (بالطيب، بالقاسم، بينس is not ب + ينس, كامل not ك + امل), and corpus
//     counts do not tell those apart (measured on 2015 articles; see docs/QUALITY.md).
//
// Thread-safety: pure functions.
#pragma once

#include <vector>

#include "rasd/extract/features.h"
#include "rasd/extract/ner_tags.h"

namespace rasd::extract {

// `infos` and `tags` cover one sentence, aligned (infos from the tagger's feature
// extraction: folded form, clitic split, gazetteer flags).
void SplitRunOnNames(const std::vector<TokenInfo>& infos, std::vector<Tag>* tags);

// All of the above, in that order.
void RepairNameSpans(const std::vector<TokenInfo>& infos, std::vector<Tag>* tags);

}  // namespace rasd::extract
