// The hand-written name lists (gazetteer_lists.h) trusted over the statistical tagger where it
// found nothing, applied to each sentence by `rasd extract` (article_extractor.cc) before the
// name-span repairs (name_spans.h):
//   - a multi-word name of the lists where the tagger found nothing there, or only part of
//     the name (الناتو inside حلف الناتو), as long as none of the tagger's names runs across
//     the listed one's edges (محمد بن راشد inside محمد بن راشد آل مكتوم stays the longer
//     name): such lists are short and written by hand, so an exact match of two or more words
//     is precise;
//   - a one-word entry of the list of people where the tagger found nothing: a mononym goes
//     on that list only when it names one person (الفارابي);
//   - a person title before an untagged word of a listed person's name (السيد رئيسي): the
//     name, even where the word is also a common one (رئيسي "main").
// Not applied by `rasd tag --conll`: on ANERcorp, whose annotators tag the name without its
// descriptor (غزة in قطاع غزة, حماس in حركة حماس), the lists cost about 1 F1 on every dev
// block (docs/QUALITY.md, thirty-third session).
//
// Thread-safety: stateless.
#pragma once

#include <vector>

#include "rasd/extract/features.h"
#include "rasd/extract/ner_tags.h"

namespace rasd::extract {

// `infos` and `tags` cover one sentence, aligned (infos from the tagger's feature
// extraction with the built-in gazetteer: TokenInfo::gaz_label and flags).
void ApplyListedNames(const std::vector<TokenInfo>& infos, std::vector<Tag>* tags);

}  // namespace rasd::extract
