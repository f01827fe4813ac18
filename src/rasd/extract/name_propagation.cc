// One sense per discourse for names; see name_propagation.h.
#include "rasd/extract/name_propagation.h"

#include <map>
#include <unordered_map>

#include "rasd/extract/gazetteer.h"
#include "rasd/extract/name_forms.h"
#include "rasd/extract/name_spans.h"
#include "rasd/text/stopwords.h"

namespace rasd::extract {

bool MayPropagate(const TokenInfo& info) {
  constexpr uint32_t kNameWords = kFlagPersonWord | kFlagLocWord | kFlagOrgWord | kFlagFirstName;
  return CodePointCount(info.base) >= 3 && (info.flags & ~kNameWords) == 0 &&
         !text::IsStopword(info.folded);
}

void PropagateNames(const std::vector<std::string_view>& bases,
                    const std::vector<bool>& eligible,
                    const std::vector<bool>& sentence_start, std::vector<Tag>* tags) {
  const size_t n = tags->size();
  std::unordered_map<std::string_view, int> type_of;  // -1: conflicting
  for (size_t i = 0; i < n; ++i) {
    const Tag t = (*tags)[i];
    if (t == kTagO || !eligible[i]) continue;
    const bool single = IsBegin(t) && (i + 1 >= n || !IsInside((*tags)[i + 1]));
    const bool surname = TagType(t) == EntityType::kPers && IsInside(t) &&
                         (i + 1 >= n || !IsInside((*tags)[i + 1])) && !OrdinalWord(bases[i]);
    if (!single && !surname) continue;
    const int type = static_cast<int>(TagType(t));
    auto [it, inserted] = type_of.emplace(bases[i], type);
    if (!inserted && it->second != type) it->second = -1;
  }
  // Whole multi-word names (2-4 words) found once are found again where left untagged.
  std::map<std::vector<std::string_view>, int> phrases;  // -1: conflicting types
  for (size_t i = 0; i < n;) {
    if (!IsBegin((*tags)[i])) {
      ++i;
      continue;
    }
    size_t e = i + 1;
    while (e < n && IsInside((*tags)[e])) ++e;
    if (e - i >= 2 && e - i <= 4) {
      std::vector<std::string_view> words(bases.begin() + static_cast<long>(i),
                                           bases.begin() + static_cast<long>(e));
      const int type = static_cast<int>(TagType((*tags)[i]));
      auto [it, inserted] = phrases.emplace(std::move(words), type);
      if (!inserted && it->second != type) it->second = -1;
    }
    i = e;
  }
  for (const auto& [words, type] : phrases) {
    if (type < 0) continue;
    const size_t len = words.size();
    for (size_t i = 0; i + len <= n; ++i) {
      bool ok = true;
      for (size_t k = 0; k < len && ok; ++k) {
        ok = (*tags)[i + k] == kTagO && bases[i + k] == words[k] &&
             (k == 0 || i + k >= sentence_start.size() || !sentence_start[i + k]);
      }
      if (!ok || (i + len < n && IsInside((*tags)[i + len]))) continue;
      (*tags)[i] = BeginTag(static_cast<EntityType>(type));
      for (size_t k = 1; k < len; ++k) (*tags)[i + k] = InsideTag(static_cast<EntityType>(type));
      i += len - 1;
    }
  }
  if (type_of.empty()) return;
  for (size_t i = 0; i < n; ++i) {
    if ((*tags)[i] != kTagO || !eligible[i]) continue;
    auto it = type_of.find(bases[i]);
    if (it == type_of.end() || it->second < 0) continue;
    // Not next to another entity of another type (keeps spans well formed).
    if (i + 1 < n && IsInside((*tags)[i + 1])) continue;
    (*tags)[i] = BeginTag(static_cast<EntityType>(it->second));
  }
}

}  // namespace rasd::extract
