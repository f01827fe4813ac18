// Light stemmer for normalised Arabic words: strips proclitics and suffixes, never infixes.
//
// Algorithm: the "light" stemmers of Larkey, Ballesteros & Connell, "Improving Stemming for
// Arabic Information Retrieval: Light Stemming and Co-occurrence Analysis" (SIGIR 2002), and
// Larkey, Ballesteros & Connell, "Light Stemming for Arabic Information Retrieval" (in Arabic
// Computational Morphology, Springer 2007). light10 removes و (if 3 letters remain), then one of
// ال وال بال كال فال لل (if 2 remain), then each of ها ان ات ون ين يه ية ه ة ي in turn (if 2
// remain). StemmerConfig::Light10() is that algorithm; rasd's Default() changes it only where
// the conflation evaluation on PADT dev (bench/conflation/run.sh, docs/QUALITY.md, which lists
// every step and every rejected candidate with its dev F1) showed a gain:
//
//  1. Prefixes, longest match first, up to two rounds: ال وال فال بال كال لل, the stacked forms
//     فبال وبال وكال فكال ولل فلل (required for news text; neutral on PADT, whose clitics are
//     pre-split), and و when at least 3 letters remain.
//  2. ONE suffix, the longest that matches with at least 3 letters left: ها ان ات ون ين ه(ة) ا
//     (accusative tanween alif, شخصاً) تين تان (duals) وا كم, and ت only when exactly 3 letters
//     remain (عقدت -> عقد, while جومارت and بيروت keep their ت). light10's ي and ية are NOT
//     removed: PADT keeps nisba adjectives (إسرائيلي) apart from their nouns (إسرائيل), so
//     الإسرائيلية -> اسراييلي, إسرائيليين -> اسراييلي.
//  3. After the suffix, the imperfect prefixes ي and ت when exactly 3 letters remain
//     (يحصلون -> يحصل -> حصل, تعمل -> عمل).
//  Guards: words under 3 letters are not stemmed; protected words (names and words that look
//  affixed: الله, لبنان, البحرين, باكستان, واحد, ...) are returned whole, also when they appear
//  after a proclitic (البحرين -> بحرين, not بحر).
//  Rejected on PADT dev (lower F1): bare ب ل ك ف prefixes, future سي ست سن, imperfect ن and ا,
//  pronoun suffixes هم هما هن كما كن نا, a second suffix round, and light10's ي / ية.
//
// Input is a NORMALISED word (normalize.h: ة -> ه, ى -> ي, hamza seats unified), so the affix
// tables are written in normalised letters: ية appears as يه and ة as ه.
//
// The result is always a substring of the input, which lets the analyzer store stems as views
// into the norm without copying. Affixes are bucketed by their outer letter, so a lookup tries
// only the few affixes that end (or start) with the word's last (or first) letter.
//
// Thread-safety: a Stemmer is immutable after construction and may be shared.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/text/word_set.h"

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
    char bytes[14] = {};  // the affix, inline (affixes are at most 4 Arabic letters)
    uint8_t size = 0;
    int16_t letters = 0;
    int16_t min_stem = 0;
    int32_t max_stem = 0;
    std::string_view view() const { return std::string_view(bytes, size); }
  };
  // Affixes bucketed by their first (prefixes) or last (suffixes) byte pair, longest first.
  using Buckets = std::array<std::vector<Affix>, 256>;
  static size_t BucketOf(uint8_t lead, uint8_t trail);
  bool IsProtected(std::string_view s) const { return protected_.Contains(s); }
  std::string_view StripLatePrefix(std::string_view s, int letters) const;
  static bool Fits(int remaining, const Affix& a) {
    return remaining >= a.min_stem && remaining <= a.max_stem;
  }

  StemmerConfig config_;
  Buckets prefix_buckets_;
  Buckets suffix_buckets_;
  Buckets late_prefix_buckets_;
  std::vector<Affix> ordered_suffixes_;  // for light10_suffix_order
  WordSet protected_;
};

}  // namespace rasd::text
