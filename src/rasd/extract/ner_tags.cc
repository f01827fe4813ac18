// Names of entity types and BIO tags; see ner_tags.h.
#include "rasd/extract/ner_tags.h"

namespace rasd::extract {

std::string_view EntityTypeName(EntityType t) {
  switch (t) {
    case EntityType::kPers: return "PERS";
    case EntityType::kLoc: return "LOC";
    case EntityType::kOrg: return "ORG";
    case EntityType::kMisc: return "MISC";
  }
  return "MISC";
}

std::optional<EntityType> ParseEntityType(std::string_view name) {
  if (name == "PERS" || name == "PER") return EntityType::kPers;
  if (name == "LOC") return EntityType::kLoc;
  if (name == "ORG") return EntityType::kOrg;
  if (name == "MISC" || name == "MIS") return EntityType::kMisc;
  return std::nullopt;
}

std::string_view TagName(Tag t) {
  static constexpr std::string_view kNames[kNumTags] = {
      "O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"};
  return t < kNumTags ? kNames[t] : "O";
}

std::optional<Tag> ParseTag(std::string_view name) {
  if (name == "O") return kTagO;
  if (name.size() < 3 || name[1] != '-') return std::nullopt;
  auto type = ParseEntityType(name.substr(2));
  if (!type) return std::nullopt;
  if (name[0] == 'B') return BeginTag(*type);
  if (name[0] == 'I') return InsideTag(*type);
  return std::nullopt;
}

}  // namespace rasd::extract
