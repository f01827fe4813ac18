// Test support: sentences written as "word/TAG word ..." (a word without /TAG is O), the
// form the name repairs' tests read and print tagged text in.
#pragma once

#include <string>
#include <vector>

#include "rasd/extract/features.h"
#include "rasd/extract/gazetteer.h"
#include "rasd/extract/ner_tags.h"

namespace rasd::extract::testing {

struct TaggedWords {
  std::vector<std::string> words;
  std::vector<Tag> tags;
};

// Splits on spaces; a last "/NAME" that ParseTag reads is the word's tag.
inline TaggedWords ParseTaggedWords(const std::string& text) {
  TaggedWords out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t sp = text.find(' ', pos);
    if (sp == std::string::npos) sp = text.size();
    const std::string item = text.substr(pos, sp - pos);
    pos = sp + 1;
    if (item.empty()) continue;
    const size_t slash = item.rfind('/');
    if (slash != std::string::npos && slash > 0 && ParseTag(item.substr(slash + 1))) {
      out.words.push_back(item.substr(0, slash));
      out.tags.push_back(*ParseTag(item.substr(slash + 1)));
    } else {
      out.words.push_back(item);
      out.tags.push_back(kTagO);
    }
  }
  return out;
}

// The inverse: "word/TAG" for tagged words, O words bare, joined by spaces.
inline std::string FormatTaggedWords(const std::vector<std::string>& words,
                                     const std::vector<Tag>& tags) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
    if (tags[i] != kTagO) out += "/" + std::string(TagName(tags[i]));
  }
  return out;
}

// Runs `repair` over "word/TAG word ..." and returns the tags in the same form. The analysis
// uses the built-in gazetteer only (no corpus counts).
inline std::string Repair(const std::string& tagged,
                          void (*repair)(const std::vector<TokenInfo>&, std::vector<Tag>*)) {
  TaggedWords t = ParseTaggedWords(tagged);
  FeatureExtractor fx(nullptr, &Gazetteer::Builtin(), nullptr, 10);
  FeatureScratch scratch;
  fx.Analyze(std::vector<std::string_view>(t.words.begin(), t.words.end()), &scratch);
  repair(scratch.info, &t.tags);
  return FormatTaggedWords(t.words, t.tags);
}

}  // namespace rasd::extract::testing
