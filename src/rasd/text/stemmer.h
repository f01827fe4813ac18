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

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rasd::text {

// One prefix or suffix rule: the affix (normalised letters) and the guard on what remains.
struct AffixRule {
  AffixRule(const char* text) : text(text) {}  // NOLINT: a bare affix uses the default guard
  AffixRule(std::string text, int min_stem, int max_stem = 1 << 30)
      : text(std::move(text)), min_stem(min_stem), max_stem(max_stem) {}
  std::string text;
  int min_stem = 0;        // letters that must remain; 0 = the config's default for the side
  int max_stem = 1 << 30;  // removed only if at most this many letters remain
};

// The rules of a light stemmer, as data. StemmerConfig::Default() is what the analyzer uses;
// the other factories exist for the evaluation in bench/conflation.
struct StemmerConfig {
  std::vector<AffixRule> prefixes;  // the longest that matches (and passes its guard) is removed
  std::vector<AffixRule> suffixes;  // likewise
  // Removed AFTER the suffixes (so the guard sees the stem without its ending): the imperfect
  // verb prefixes, e.g. يحصلون -> يحصل -> حصل.
  std::vector<AffixRule> late_prefixes;
  int min_letters_to_stem = 3;      // shorter words are left alone
  int min_stem_after_prefix = 2;    // default guard: letters that must remain after a prefix
  int min_stem_after_suffix = 2;    // default guard: letters that must remain after a suffix
  int prefix_rounds = 1;            // how many prefixes may be removed in turn
  int suffix_rounds = 1;            // how many suffixes may be removed in turn
  bool light10_suffix_order = false;  // light10: try each suffix once, in list order
  std::vector<std::string> protected_words;  // normalised; returned whole

  // The tuned rasd configuration (see the file comment and docs/QUALITY.md).
  static StemmerConfig Default();
  // light10 as published (Larkey et al. 2007): و, then one article, then the suffix pass.
  static StemmerConfig Light10();

  // The path from Light10() to Default(), one documented change per step, each step including
  // the previous ones (bench/conflation scores them on PADT dev for docs/QUALITY.md).
  struct Step;
  static std::vector<Step> AblationSteps();
};

struct StemmerConfig::Step {
  std::string name;
  StemmerConfig config;
  bool adopted = true;  // false: a candidate rule that the dev evaluation rejected
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
    int min_stem = 0;
    int max_stem = 0;
  };
  // Affixes bucketed by their first (prefixes) or last (suffixes) byte pair, longest first.
  using Buckets = std::array<std::vector<Affix>, 256>;
  static size_t BucketOf(uint8_t lead, uint8_t trail);
  bool IsProtected(std::string_view s) const {
    return !protected_.empty() && std::binary_search(protected_.begin(), protected_.end(), s);
  }
  std::string_view StripLatePrefix(std::string_view s, int letters) const;
  static bool Fits(int remaining, const Affix& a) {
    return remaining >= a.min_stem && remaining <= a.max_stem;
  }

  StemmerConfig config_;
  Buckets prefix_buckets_;
  Buckets suffix_buckets_;
  Buckets late_prefix_buckets_;
  std::vector<Affix> ordered_suffixes_;  // for light10_suffix_order
  std::vector<std::string> protected_;   // sorted
};

}  // namespace rasd::text
