// The named-entity tag set: four entity types (ANERcorp's PERS, LOC, ORG, MISC) in BIO
// encoding, so a sentence's tags are a sequence over nine labels.
//
// BIO (Ramshaw & Marcus 1995): B-X opens an entity of type X, I-X continues the entity
// opened just before it, O is outside any entity. A valid sequence never has I-X after a
// tag other than B-X or I-X; the decoder (viterbi.h) enforces that as a hard constraint.
//
// Thread-safety: constants and pure functions only.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace rasd::extract {

enum class EntityType : uint8_t { kPers = 0, kLoc = 1, kOrg = 2, kMisc = 3 };
inline constexpr int kNumEntityTypes = 4;

// Tag ids: 0 = O, then B-X = 1 + 2*type, I-X = 2 + 2*type.
using Tag = uint8_t;
inline constexpr Tag kTagO = 0;
inline constexpr int kNumTags = 1 + 2 * kNumEntityTypes;  // 9

inline constexpr Tag BeginTag(EntityType t) { return static_cast<Tag>(1 + 2 * static_cast<int>(t)); }
inline constexpr Tag InsideTag(EntityType t) { return static_cast<Tag>(2 + 2 * static_cast<int>(t)); }
inline constexpr bool IsBegin(Tag t) { return t != kTagO && (t % 2) == 1; }
inline constexpr bool IsInside(Tag t) { return t != kTagO && (t % 2) == 0; }
// The entity type of a B- or I- tag (undefined for O).
inline constexpr EntityType TagType(Tag t) { return static_cast<EntityType>((t - 1) / 2); }

// True when tag `next` may follow tag `prev` in a valid BIO sequence (`prev` = kNumTags
// stands for the start of the sentence).
inline constexpr bool AllowedTransition(int prev, Tag next) {
  if (!IsInside(next)) return true;
  if (prev == kNumTags || prev == kTagO) return false;
  return TagType(static_cast<Tag>(prev)) == TagType(next);
}

// "PERS", "LOC", "ORG", "MISC".
std::string_view EntityTypeName(EntityType t);
// Parses "PERS"/"PER", "LOC", "ORG", "MISC"/"MIS"; nullopt otherwise.
std::optional<EntityType> ParseEntityType(std::string_view name);
// "O", "B-PERS", "I-PERS", ...
std::string_view TagName(Tag t);
// Parses a BIO tag as written in CoNLL files ("O", "B-PERS", "I-ORG", also "B-PER");
// nullopt for anything else.
std::optional<Tag> ParseTag(std::string_view name);

}  // namespace rasd::extract
