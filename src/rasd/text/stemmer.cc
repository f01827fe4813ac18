// Light stemmer: affix tables bucketed by their outer letter, longest match first (stemmer.h).
#include "rasd/text/stemmer.h"

#include <algorithm>

namespace rasd::text {
namespace {

// Letters (code points) in a UTF-8 string: the bytes that are not continuation bytes.
int CountLetters(std::string_view s) {
  int n = 0;
  for (const char c : s) n += (static_cast<uint8_t>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

StemmerConfig StemmerConfig::Light10() {
  StemmerConfig c;
  c.prefixes = {"ال", "وال", "بال", "كال", "فال", "لل"};
  c.long_prefixes = {"و"};
  c.min_stem_after_long_prefix = 3;
  c.min_letters_to_stem = 1;
  c.min_stem_after_prefix = 2;
  c.min_stem_after_suffix = 2;
  // Larkey's list ها ان ات ون ين يه ية ه ة ي, normalised (ية -> يه, ة -> ه, so those repeat).
  c.suffixes = {"ها", "ان", "ات", "ون", "ين", "يه", "يه", "ه", "ه", "ي"};
  c.light10_suffix_order = true;
  c.prefix_rounds = 2;
  return c;
}

StemmerConfig StemmerConfig::Default() {
  StemmerConfig c = Light10();
  return c;
}

size_t Stemmer::BucketOf(uint8_t lead, uint8_t trail) {
  return static_cast<size_t>(((lead & 0x03) << 6) | (trail & 0x3F));
}

Stemmer::Stemmer(StemmerConfig config) : config_(std::move(config)) {
  auto add = [](Buckets* buckets, const std::string& bytes, bool is_long, bool by_first) {
    if (bytes.size() < 2) return;
    Affix a{bytes, CountLetters(bytes), is_long};
    const size_t b = by_first ? BucketOf(static_cast<uint8_t>(bytes[0]), static_cast<uint8_t>(bytes[1]))
                              : BucketOf(static_cast<uint8_t>(bytes[bytes.size() - 2]),
                                         static_cast<uint8_t>(bytes[bytes.size() - 1]));
    auto& v = (*buckets)[b];
    for (const Affix& existing : v) {
      if (existing.bytes == bytes) return;
    }
    v.push_back(a);
    std::stable_sort(v.begin(), v.end(),
                     [](const Affix& x, const Affix& y) { return x.bytes.size() > y.bytes.size(); });
  };
  for (const auto& p : config_.prefixes) add(&prefix_buckets_, p, false, true);
  for (const auto& p : config_.long_prefixes) add(&prefix_buckets_, p, true, true);
  for (const auto& s : config_.suffixes) {
    add(&suffix_buckets_, s, false, false);
    ordered_suffixes_.push_back(Affix{s, CountLetters(s), false});
  }
  protected_ = config_.protected_words;
  std::sort(protected_.begin(), protected_.end());
}

const Stemmer& Stemmer::Default() {
  static const Stemmer* const stemmer = new Stemmer(StemmerConfig::Default());
  return *stemmer;
}

std::string_view Stemmer::Stem(std::string_view word) const {
  if (word.size() < 2) return word;
  int letters = CountLetters(word);
  if (letters < config_.min_letters_to_stem) return word;
  if (!protected_.empty() &&
      std::binary_search(protected_.begin(), protected_.end(), word)) {
    return word;
  }
  std::string_view s = word;

  for (int round = 0; round < config_.prefix_rounds && s.size() >= 2; ++round) {
    const auto& bucket =
        prefix_buckets_[BucketOf(static_cast<uint8_t>(s[0]), static_cast<uint8_t>(s[1]))];
    bool removed = false;
    for (const Affix& a : bucket) {
      const int keep = a.is_long ? config_.min_stem_after_long_prefix : config_.min_stem_after_prefix;
      if (s.size() > a.bytes.size() && s.starts_with(a.bytes) && letters - a.letters >= keep) {
        s.remove_prefix(a.bytes.size());
        letters -= a.letters;
        removed = true;
        break;
      }
    }
    if (!removed) break;
  }

  if (config_.light10_suffix_order) {
    for (const Affix& a : ordered_suffixes_) {
      if (s.size() > a.bytes.size() && s.ends_with(a.bytes) &&
          letters - a.letters >= config_.min_stem_after_suffix) {
        s.remove_suffix(a.bytes.size());
        letters -= a.letters;
      }
    }
    return s;
  }
  for (int round = 0; round < config_.suffix_rounds && s.size() >= 2; ++round) {
    const auto& bucket = suffix_buckets_[BucketOf(static_cast<uint8_t>(s[s.size() - 2]),
                                                  static_cast<uint8_t>(s[s.size() - 1]))];
    bool removed = false;
    for (const Affix& a : bucket) {
      if (s.size() > a.bytes.size() && s.ends_with(a.bytes) &&
          letters - a.letters >= config_.min_stem_after_suffix) {
        s.remove_suffix(a.bytes.size());
        letters -= a.letters;
        removed = true;
        break;
      }
    }
    if (!removed) break;
  }
  return s;
}

}  // namespace rasd::text
