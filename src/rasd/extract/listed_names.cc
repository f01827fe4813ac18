// The hand-written name lists over the tagger; see listed_names.h.
#include "rasd/extract/listed_names.h"

#include "rasd/extract/gazetteer.h"

namespace rasd::extract {
namespace {

void ApplyListedPhrases(const std::vector<TokenInfo>& info, std::vector<Tag>* tags) {
  const size_t n = tags->size();
  size_t i = 0;
  while (i < n) {
    const uint8_t g = info[i].gaz_label;
    if (g == 0 || g % 2 == 0) {
      ++i;
      continue;
    }
    size_t e = i + 1;
    while (e < n && info[e].gaz_label == g + 1) ++e;
    const EntityType type = TagType(g);
    bool all_o = true, inside_same = true;
    for (size_t k = i; k < e; ++k) {
      const Tag t = (*tags)[k];
      all_o &= t == kTagO;
      inside_same &= t == kTagO || TagType(t) == type;
    }
    // None of the tagger's names may run across the phrase's edges: one that starts
    // before it (the phrase's first word is inside it) or goes on after it (the word after
    // the phrase is inside) is a longer name that holds the listed one.
    const bool contained = !IsInside((*tags)[i]) && (e >= n || !IsInside((*tags)[e]));
    const bool one_word_person = e - i == 1 && type == EntityType::kPers && all_o;
    if ((e - i >= 2 || one_word_person) && (all_o || (inside_same && contained))) {
      (*tags)[i] = BeginTag(type);
      for (size_t k = i + 1; k < e; ++k) (*tags)[k] = InsideTag(type);
      // A name of the tagger's that went on after an untagged phrase starts after it.
      if (e < n && IsInside((*tags)[e])) (*tags)[e] = BeginTag(TagType((*tags)[e]));
    }
    i = e;
  }
}

}  // namespace

void ApplyListedNames(const std::vector<TokenInfo>& infos, std::vector<Tag>* tags) {
  ApplyListedPhrases(infos, tags);
  std::vector<Tag>& t = *tags;
  for (size_t i = 1; i < infos.size() && i < t.size(); ++i) {
    if (t[i] == kTagO && (infos[i - 1].flags & kFlagPersonTitle) &&
        (infos[i].flags & kFlagPersonWord) && !(infos[i].flags & kFlagPersonTitle) &&
        (i + 1 >= t.size() || !IsInside(t[i + 1]))) {
      t[i] = BeginTag(EntityType::kPers);
    }
  }
}

}  // namespace rasd::extract
