// Entity linking: turning tagged name spans into entities, so that every way an article (or
// the corpus) writes a name lands on one canonical name and one stable id.
//
// For each tagged span the linker
//   1. drops leading titles and honorifics of person names (سماحة آية الله العظمى السيد علي
//      الخامنئي -> علي الخامنئي; gazetteer.h kFlagPersonTitle / kFlagHonorific),
//   2. strips attached proclitics from the first word with frequency evidence (clitics.h:
//      للخامنئي -> الخامنئي, وإيران -> إيران), moving the mention's byte range past them,
//   3. merges mentions within the article, in text order:
//        - same folded words (any type; the entity takes its majority type);
//        - spelling variants: same number of words, each pair equal or with consonant
//          skeletons (name_forms.h) equal or one edit apart (SameNameWord), at least one pair equal
//          (جومارت / جورمات, توكايف / توكاييف, ترامب / ترمب);
//        - short forms: a person or organisation mention whose words are the tail (or, for
//          organisations, the head) of an entity's words, e.g. الخامنئي -> علي الخامنئي,
//          الناتو -> حلف الناتو; a longer name seen later upgrades the canonical name;
//   4. names each entity: its longest full form in the article, or a well-known person's
//      full name (gazetteer.h KnownPeople) when the article gives only a surname that
//      exactly one listed person bears (السيد رئيسي -> إبراهيم رئيسي),
//   5. gives it the id EntityId(canonical): 16 hex digits of Hash64 of the folded canonical
//      words, the same in every run and every article.
// CorpusEntityRegistry carries step 3 across articles (variants and short forms seen in
// earlier articles), with the most frequent spelling as the corpus-level name.
//
// Thread-safety: EntityLinker is immutable (share it); CorpusEntityRegistry is not
// thread-safe (one per ingest pipeline, or guard it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/extract/features.h"
#include "rasd/extract/ner_tags.h"
#include "rasd/extract/ner_tokenizer.h"
#include "rasd/extract/string_map.h"
#include "rasd/extract/word_clusters.h"

namespace rasd::extract {

struct EntityMention {
  uint32_t start = 0, end = 0;            // bytes of `text` in the article
  uint32_t token_begin = 0, token_end = 0;  // tokens of the tagged span (with titles)
  EntityType type = EntityType::kPers;
  std::string text;       // the name as written, proclitics and titles removed
  std::vector<std::string> words;  // folded words of `text`
  int entity = -1;        // index into the article's entity list
  std::string canonical;  // filled from the entity
  std::string entity_id;
};

struct LinkedEntity {
  EntityType type = EntityType::kPers;
  std::string canonical;              // display form
  std::vector<std::string> words;     // folded words of the canonical name
  std::string entity_id;
  int mentions = 0;
};

// 16 lower-case hex digits identifying a canonical name (its folded words).
std::string EntityId(std::string_view canonical);

// Skeletons (name_forms.h) of fewer letters must be equal to be the same name.
inline constexpr size_t kMinSkeletonForEdit = 4;

// True when two folded words are the same name written differently (equal, equal consonant
// skeletons, or skeletons within one edit when both have kMinSkeletonForEdit letters or more).
bool SameNameWord(std::string_view a, std::string_view b);

// The article entity that a name found outside the tagged mentions (folded words, titles
// already dropped) refers to, by the merge rules of step 3: the same words, a spelling
// variant, or a short form of a person's or organisation's name; the most recent matching
// entity of type `type` (a person or an organisation). Returns its index, or -1.
int FindEntityForName(const std::vector<std::string>& words, EntityType type,
                      const std::vector<LinkedEntity>& entities);

class EntityLinker {
 public:
  // `clusters` gives frequency evidence for clitic stripping (may be null).
  explicit EntityLinker(const WordClusters* clusters);

  // Builds mentions from tagged tokens of the whole article and links them.
  // `tokens`/`tags` cover the article (tags aligned with tokens).
  void Link(std::string_view text, const std::vector<RawToken>& tokens,
            const std::vector<Tag>& tags, std::vector<EntityMention>* mentions,
            std::vector<LinkedEntity>* entities) const;

  // The name words of a free-standing name typed by a user (titles dropped, folded).
  std::vector<std::string> NameWords(std::string_view name) const;

 private:
  const WordClusters* clusters_;
};

// Cross-article linking (see above). Resolve rewrites an article's entities' canonical
// names and ids to the corpus-level ones, registering new entities.
class CorpusEntityRegistry {
 public:
  void Resolve(std::vector<LinkedEntity>* entities, std::vector<EntityMention>* mentions);
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    EntityType type;
    std::vector<std::string> words;
    std::string canonical;
    std::string entity_id;
    StringMap<int> spellings;  // display form -> count
  };
  int Find(const LinkedEntity& e) const;
  std::vector<Entry> entries_;
  StringMap<std::vector<int>> by_last_word_skeleton_;
};

}  // namespace rasd::extract
