// Light stemmer: affix tables bucketed by their outer letter, longest match first (stemmer.h).
#include "rasd/text/stemmer.h"

#include <algorithm>
#include <cstring>

#include "rasd/base/check.h"
#include "rasd/text/utf8.h"

namespace rasd::text {
namespace {

inline int CountLetters(std::string_view s) { return static_cast<int>(CountCodePoints(s)); }

// Affixes are a few bytes long: a byte loop beats a call to memcmp.
// (Callers check s.size() > affix size first.)
inline bool StartsWith(std::string_view s, const char* affix, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (s[i] != affix[i]) return false;
  }
  return true;
}
inline bool EndsWith(std::string_view s, const char* affix, size_t n) {
  const char* tail = s.data() + s.size() - n;
  for (size_t i = 0; i < n; ++i) {
    if (tail[i] != affix[i]) return false;
  }
  return true;
}

}  // namespace

StemmerConfig StemmerConfig::Light10() {
  StemmerConfig c;
  c.prefixes = {"ال", "وال", "بال", "كال", "فال", "لل", {"و", 3}};
  c.min_letters_to_stem = 1;
  c.min_stem_after_prefix = 2;
  c.min_stem_after_suffix = 2;
  c.prefix_rounds = 2;  // و, then an article (longest match takes وال in one step)
  // Larkey's list ها ان ات ون ين يه ية ه ة ي, normalised (ية -> يه, ة -> ه, so those repeat).
  c.suffixes = {"ها", "ان", "ات", "ون", "ين", "يه", "يه", "ه", "ه", "ي"};
  c.light10_suffix_order = true;
  return c;
}

namespace {

// Words that look affixed but are not, normalised: stripping would merge them with unrelated
// words (لبنان -> لبن "milk", سلمان -> سلم "peace", البحرين -> بحر "sea") or mangle a very frequent
// name. Checked on the whole word and again after the proclitics are removed.
const char* const kProtectedWords[] = {
    "الله", "والله", "بالله", "فالله",                                   // Allah
    "ايران", "لبنان", "سودان", "يابان", "بحرين", "تايوان", "كويت", "تونس",  // places
    "واشنطن",
    "عدنان", "سلمان", "سليمان", "عثمان", "رمضان", "شعبان", "عمران", "حمدان",  // names, months
    "يوسف", "يونس", "يونيو", "يوليو",
    "باكستان", "افغانستان", "كازاخستان", "كردستان", "طاجيكستان", "اوزبكستان",  // -stan: not -تان
    "تركمانستان", "قرغيزستان", "قيرغيزستان", "داغستان", "بلوشستان", "هندوستان", "تتارستان",
    "واحد", "وجه", "وضع", "وقت", "وسط",  // frequent words whose و is a root letter
};

// The suffix list rasd adopted (see Default()).
std::vector<AffixRule> RasdSuffixes() {
  return {"ها", "ان", "ات", "ون", "ين", "ه", "ا", "تين", "تان", "وا", "كم", {"ت", 3, 3}};
}

}  // namespace

std::vector<StemmerConfig::Step> StemmerConfig::AblationSteps() {
  std::vector<Step> steps;
  StemmerConfig c = Light10();
  steps.push_back({"light10 (Larkey et al. 2007)", c, true});

  c.light10_suffix_order = false;
  c.suffixes = {"ها", "ان", "ات", "ون", "ين", "ه"};
  c.min_letters_to_stem = 3;
  steps.push_back({"one suffix, longest match; no ي / ية (nisba) stripping", c, true});

  StemmerConfig t = c;
  t.suffixes.push_back("ي");
  steps.push_back({"rejected: + ي suffix back", t, false});
  t = c;
  t.suffixes.push_back("يه");
  steps.push_back({"rejected: + ية suffix back", t, false});
  t = c;
  t.suffix_rounds = 2;
  steps.push_back({"rejected: two suffix rounds", t, false});

  c.suffixes.push_back("ا");
  steps.push_back({"+ accusative ا (tanween alif) suffix", c, true});

  c.suffixes = RasdSuffixes();
  steps.push_back({"+ تين تان وا كم suffixes, ت when 3 letters remain", c, true});

  t = c;
  for (const char* p : {"هم", "هما", "هن", "كما", "كن", "نا"}) t.suffixes.push_back(p);
  steps.push_back({"rejected: + pronoun suffixes هم هما هن كما كن نا", t, false});

  c.min_stem_after_suffix = 3;
  steps.push_back({"+ suffix guard: 3 letters must remain", c, true});

  t = c;
  for (const char* p : {"ب", "ل", "ك", "ف"}) t.prefixes.push_back({p, 3});
  steps.push_back({"rejected: + bare ب ل ك ف prefixes", t, false});
  t = c;
  for (const char* p : {"سي", "ست", "سن"}) t.prefixes.push_back({p, 3});
  steps.push_back({"rejected: + future سي ست سن prefixes", t, false});

  c.late_prefixes = {{"ي", 3, 3}, {"ت", 3, 3}};
  steps.push_back({"+ imperfect ي ت removed after the suffixes when 3 letters remain", c, true});

  t = c;
  t.late_prefixes.push_back({"ن", 3, 3});
  steps.push_back({"rejected: + imperfect ن", t, false});
  t = c;
  t.late_prefixes.push_back({"ا", 3, 3});
  steps.push_back({"rejected: + imperfect ا", t, false});

  for (const char* p : {"فبال", "وبال", "وكال", "فكال", "ولل", "فلل"}) c.prefixes.push_back(p);
  steps.push_back({"+ stacked proclitics فبال وبال وكال فكال ولل فلل", c, true});

  for (const char* w : kProtectedWords) c.protected_words.push_back(w);
  steps.push_back({"+ protected words (= rasd)", c, true});
  return steps;
}

StemmerConfig StemmerConfig::Default() {
  StemmerConfig c;
  c.prefixes = {"ال", "وال", "بال", "كال", "فال", "لل", {"و", 3},
                "فبال", "وبال", "وكال", "فكال", "ولل", "فلل"};
  c.prefix_rounds = 2;
  c.suffixes = RasdSuffixes();
  c.late_prefixes = {{"ي", 3, 3}, {"ت", 3, 3}};
  c.min_letters_to_stem = 3;
  c.min_stem_after_prefix = 2;
  c.min_stem_after_suffix = 3;
  for (const char* w : kProtectedWords) c.protected_words.push_back(w);
  return c;
}

size_t Stemmer::BucketOf(uint8_t lead, uint8_t trail) {
  return static_cast<size_t>(((lead & 0x03) << 6) | (trail & 0x3F));
}

Stemmer::Stemmer(StemmerConfig config) : config_(std::move(config)) {
  auto make = [](const AffixRule& rule, int default_min) {
    Affix a;
    RASD_CHECK(rule.text.size() <= sizeof(a.bytes));
    std::memcpy(a.bytes, rule.text.data(), rule.text.size());
    a.size = static_cast<uint8_t>(rule.text.size());
    a.letters = static_cast<int16_t>(CountLetters(rule.text));
    a.min_stem = static_cast<int16_t>(rule.min_stem > 0 ? rule.min_stem : default_min);
    a.max_stem = rule.max_stem;
    return a;
  };
  auto add = [](Buckets* buckets, Affix a, bool by_first) {
    const std::string_view bytes = a.view();
    if (bytes.size() < 2) return;
    const size_t b =
        by_first ? BucketOf(static_cast<uint8_t>(bytes[0]), static_cast<uint8_t>(bytes[1]))
                 : BucketOf(static_cast<uint8_t>(bytes[bytes.size() - 2]),
                            static_cast<uint8_t>(bytes[bytes.size() - 1]));
    auto& v = (*buckets)[b];
    for (const Affix& existing : v) {
      if (existing.view() == bytes) return;
    }
    v.push_back(a);
    std::stable_sort(v.begin(), v.end(),
                     [](const Affix& x, const Affix& y) { return x.size > y.size; });
  };
  for (const auto& p : config_.prefixes) {
    add(&prefix_buckets_, make(p, config_.min_stem_after_prefix), true);
  }
  for (const auto& p : config_.late_prefixes) {
    add(&late_prefix_buckets_, make(p, config_.min_stem_after_prefix), true);
  }
  for (const auto& s : config_.suffixes) {
    add(&suffix_buckets_, make(s, config_.min_stem_after_suffix), false);
    ordered_suffixes_.push_back(make(s, config_.min_stem_after_suffix));
  }
  protected_ = WordSet(config_.protected_words);
}

const Stemmer& Stemmer::Default() {
  static const Stemmer* const stemmer = new Stemmer(StemmerConfig::Default());
  return *stemmer;
}

std::string_view Stemmer::Stem(std::string_view word) const {
  if (word.size() < 2) return word;
  int letters = CountLetters(word);
  if (letters < config_.min_letters_to_stem) return word;
  if (IsProtected(word)) return word;
  std::string_view s = word;

  for (int round = 0; round < config_.prefix_rounds && s.size() >= 2; ++round) {
    const auto& bucket =
        prefix_buckets_[BucketOf(static_cast<uint8_t>(s[0]), static_cast<uint8_t>(s[1]))];
    bool removed = false;
    for (const Affix& a : bucket) {
      if (s.size() > a.size && StartsWith(s, a.bytes, a.size) &&
          Fits(letters - a.letters, a)) {
        s.remove_prefix(a.size);
        letters -= a.letters;
        removed = true;
        break;
      }
    }
    if (!removed) break;
  }
  if (s.size() != word.size() && IsProtected(s)) return s;

  if (config_.light10_suffix_order) {
    for (const Affix& a : ordered_suffixes_) {
      if (s.size() > a.size && EndsWith(s, a.bytes, a.size) && Fits(letters - a.letters, a)) {
        s.remove_suffix(a.size);
        letters -= a.letters;
      }
    }
    return StripLatePrefix(s, letters);
  }
  for (int round = 0; round < config_.suffix_rounds && s.size() >= 2; ++round) {
    const auto& bucket = suffix_buckets_[BucketOf(static_cast<uint8_t>(s[s.size() - 2]),
                                                  static_cast<uint8_t>(s[s.size() - 1]))];
    bool removed = false;
    for (const Affix& a : bucket) {
      if (s.size() > a.size && EndsWith(s, a.bytes, a.size) && Fits(letters - a.letters, a)) {
        s.remove_suffix(a.size);
        letters -= a.letters;
        removed = true;
        break;
      }
    }
    if (!removed) break;
  }
  return StripLatePrefix(s, letters);
}

std::string_view Stemmer::StripLatePrefix(std::string_view s, int letters) const {
  if (s.size() < 2) return s;
  const auto& bucket =
      late_prefix_buckets_[BucketOf(static_cast<uint8_t>(s[0]), static_cast<uint8_t>(s[1]))];
  for (const Affix& a : bucket) {
    if (s.size() > a.size && StartsWith(s, a.bytes, a.size) && Fits(letters - a.letters, a)) {
      s.remove_prefix(a.size);
      break;
    }
  }
  return s;
}

}  // namespace rasd::text
