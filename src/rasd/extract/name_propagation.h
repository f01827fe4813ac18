// One sense per discourse for names (Gale, Church & Yarowsky 1992, applied to names as in
// Krishnan & Manning 2006): within a document, a name the tagger found in one place is the
// same name where the tagger left the same word untagged (a foreign surname found once in a
// clear context and missed in the others). Applied after tagging and the name-span repairs
// (name_spans.h) by `rasd extract` over each article (article_extractor.cc) and by
// `rasd tag --conll` over each sentence's window of sentences (conll_tagging.cc).
//
// Thread-safety: stateless functions.
#pragma once

#include <string_view>
#include <vector>

#include "rasd/extract/features.h"
#include "rasd/extract/ner_tags.h"

namespace rasd::extract {

// Whether a word may take part in PropagateNames, as a source or as a target: a word of 3 or
// more letters (its clitic-stripped base) that is no title, trigger or other gazetteer cue
// (a listed name word or first name is allowed) and no stopword. The caller also leaves out
// tokens that are not words (punctuation, numbers).
bool MayPropagate(const TokenInfo& info);

// Over one document of n tokens (`bases`: the tokens' clitic-stripped folded forms;
// `eligible`: MayPropagate and a word; `sentence_start`: true at the first token of each
// sentence, so that no name is found across two sentences; empty for text of one sentence),
// where the tagger left a token untagged:
//   - a word tagged somewhere as a one-word name, or as the last word of a person's name, is
//     marked as a one-word name of that type;
//   - a whole name of 2-4 words found once is marked wherever the same words stand untagged.
// A word or name tagged with two different types is left alone, and so is an ordinal ending
// a person's name (عبدالله الثاني: a regnal number, not a surname). Tags valid BIO within
// each sentence stay so.
void PropagateNames(const std::vector<std::string_view>& bases, const std::vector<bool>& eligible,
                    const std::vector<bool>& sentence_start, std::vector<Tag>* tags);

}  // namespace rasd::extract
