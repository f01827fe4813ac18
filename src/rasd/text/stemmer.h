// Light stemmer for normalised Arabic words: strips proclitics and suffixes, never infixes.
//
// Algorithm: the "light" family of Larkey, Ballesteros & Connell, "Improving Stemming for Arabic
// Information Retrieval: Light Stemming and Co-occurrence Analysis" (SIGIR 2002) and Larkey,
// Ballesteros & Connell, "Light Stemming for Arabic Information Retrieval" (in Arabic
// Computational Morphology, Springer 2007). light10 removes و, then one of ال وال بال كال فال لل,
// then each of ها ان ات ون ين يه ية ه ة ي in turn, keeping at least two letters. rasd keeps that
// shape and changes it where the PADT dev evaluation (bench/conflation, docs/QUALITY.md) showed a
// gain; the defaults below are the tuned configuration, and every departure is listed with its
// dev F1 in docs/QUALITY.md:
//
//  * Proclitics, longest match first, one group removed: the article with its stacked particles
//    ال وال فال بال كال لل ولل فلل وبال فبال وكال فكال; the conjunction و alone when at least
//    three letters remain.
//  * Suffixes, longest match first, ONE suffix removed (light10 removes up to one of each, in a
//    fixed order, which turns كازاخستان into كازاخست but الكازاخستاني into كازاخستان).
//  * Guards: a minimum stem length in letters after each step; words in a protected list (names
//    and function words that look affixed: الله, ايران, ...) are returned whole; so are words of
//    fewer than three letters.
//
// Input is a NORMALISED word (normalize.h: ة -> ه, ى -> ي, hamza seats unified), so the affix
// tables are written in normalised letters: ية appears as يه and ة as ه.
//
// The result is always a substring of the input, which lets the analyzer store stems as views
// into the norm without copying.
//
// Thread-safety: a Stemmer is immutable after construction and may be shared.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rasd::text {

// The rules of a light stemmer, as data. StemmerConfig::Default() is what the analyzer uses;
// the other factories exist for the evaluation in bench/conflation.
struct StemmerConfig {
  std::vector<std::string> prefixes;  // normalised; the longest that matches is removed
  std::vector<std::string> suffixes;  // normalised; the longest that matches is removed
  int min_letters_to_stem = 3;        // shorter words are left alone
  int min_stem_after_prefix = 2;      // letters that must remain after removing a prefix
  int min_stem_after_suffix = 2;      // letters that must remain after removing a suffix
  // Extra prefixes that need more room: removed only when at least this many letters remain.
  std::vector<std::string> long_prefixes;
  int min_stem_after_long_prefix = 3;
  int prefix_rounds = 1;               // how many prefixes may be removed in turn
  int suffix_rounds = 1;               // how many suffixes may be removed in turn
  bool light10_suffix_order = false;   // light10: try each suffix once in list order
  std::vector<std::string> protected_words;  // returned whole

  // The tuned rasd configuration (see the file comment and docs/QUALITY.md).
  static StemmerConfig Default();
  // light10 as published (Larkey et al. 2007): و, then one article, then the suffix pass.
  static StemmerConfig Light10();
};

class Stemmer {
 public:
  explicit Stemmer(StemmerConfig config = StemmerConfig::Default());

  // The stem of the normalised word `word`: a substring of it (possibly all of it).
  std::string_view Stem(std::string_view word) const;

  const StemmerConfig& config() const { return config_; }

  // The process-wide stemmer with the default configuration.
  static const Stemmer& Default();

 private:
  struct Affix {
    std::string bytes;
    int letters = 0;
    bool is_long = false;  // from long_prefixes
  };
  // Affixes bucketed by their first (prefixes) or last (suffixes) byte pair, longest first.
  using Buckets = std::array<std::vector<Affix>, 256>;
  static size_t BucketOf(uint8_t lead, uint8_t trail);

  StemmerConfig config_;
  Buckets prefix_buckets_;
  Buckets suffix_buckets_;
  std::vector<Affix> ordered_suffixes_;  // for light10_suffix_order
  std::vector<std::string> protected_;   // sorted
  bool has_wa_prefix_ = false;
};

}  // namespace rasd::text
