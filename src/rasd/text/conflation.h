// Conflation evaluation: how well a stemmer groups word forms that share a lemma.
//
// Used by bench/conflation (the docs/QUALITY.md table) and conflation_test.cc. Not part of the
// analyzer library (it is the separate target rasd::text_eval).
//
// Method. The items are the DISTINCT undiacritised word forms (column form_undiac) of a PADT
// file (UD Arabic-PADT, ../shared/data/morph/padt_ud1.3/{dev,test}.tsv). The gold class of a form
// is its lemma (lemma_undiac); the system class is its stem. Two distinct forms should share a
// stem exactly when they share a lemma. Pairwise precision = pairs of forms in the same system
// class that are also in the same gold class / pairs in the same system class; recall = the same
// numerator / pairs in the same gold class; F1 their harmonic mean. The counts come from the
// contingency table (sum of n_ij*(n_ij-1)/2 over cells, rows and columns), not from enumerating
// pairs.
//
// Choices (documented in docs/QUALITY.md as well):
//  * Rows tagged PUNCT, NUM or SYM, and forms without an Arabic letter, are excluded: the
//    question is Arabic morphology, and digits/punctuation would only add trivially right items.
//  * A form seen with several lemmas (a few percent of forms: علم as noun and verb, ...) takes the
//    lemma it has most often in the file, ties broken by the smaller lemma string, so every form
//    is in exactly one gold class.
//
// Thread-safety: plain functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/base/result.h"

namespace rasd::text {

struct GoldForm {
  std::string form;   // form_undiac
  std::string lemma;  // majority lemma_undiac
  int lemma_count = 1;  // how many distinct lemmas the form has in the file
};

// Reads a PADT TSV (header sent_id, word_index, form, form_undiac, lemma, lemma_undiac, upos,
// ...) and returns its distinct eligible forms, sorted by form.
// Errors: NotFound/IOError for the file; Corruption "PATH:LINE: ..." for a malformed line.
Result<std::vector<GoldForm>> ReadPadtGold(const std::string& path);

struct ConflationScores {
  size_t items = 0;
  uint64_t same_both = 0;    // pairs in the same gold class and the same system class
  uint64_t same_system = 0;  // pairs in the same system class
  uint64_t same_gold = 0;    // pairs in the same gold class
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};

// Pairwise scores of the system labels against the gold labels (parallel vectors, one entry per
// item; labels are compared as strings).
ConflationScores ScoreConflation(const std::vector<std::string>& gold,
                                 const std::vector<std::string>& system);

}  // namespace rasd::text
