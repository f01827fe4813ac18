// Entity linking; see entity_linker.h.
#include "rasd/extract/entity_linker.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "rasd/base/hash.h"
#include "rasd/extract/clitics.h"
#include "rasd/extract/gazetteer.h"
#include "rasd/extract/name_forms.h"

namespace rasd::extract {
namespace {

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// Skips `letters` code points of `raw` that are not marks or invisible format characters;
// returns the byte offset after them.
size_t SkipLetters(std::string_view raw, size_t letters) {
  size_t i = 0;
  while (i < raw.size() && letters > 0) {
    size_t j = i;
    char32_t cp = NextCodePoint(raw, &j);
    i = j;
    if (IsArabicMark(cp) || cp == 0x0640 || (cp >= 0x200B && cp <= 0x200F)) continue;
    --letters;
  }
  // Also skip marks that belong to the last skipped letter.
  while (i < raw.size()) {
    size_t j = i;
    char32_t cp = NextCodePoint(raw, &j);
    if (!(IsArabicMark(cp) || cp == 0x0640)) break;
    i = j;
  }
  return i;
}

bool WordsVariant(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() != b.size() || a.empty()) return false;
  bool any_equal = a.size() == 1;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] == b[i]) {
      any_equal = true;
      continue;
    }
    if (!SameNameWord(a[i], b[i])) return false;
  }
  return any_equal;
}

// بن، ابن، بنت: what follows names the father, so it is not the bearer's surname (تميم بن
// حمد is not حمد, محمد بن سلمان is not سلمان).
bool IsNasab(std::string_view folded) {
  static const std::string* const kWords = new std::string[3]{Fold("بن"), Fold("ابن"), Fold("بنت")};
  return folded == kWords[0] || folded == kWords[1] || folded == kWords[2];
}

// True when `shorter` matches the tail of `longer` (or its head when `head` is set). A tail
// right after بن is the father's name, not a short form.
bool IsPart(const std::vector<std::string>& shorter, const std::vector<std::string>& longer,
            bool head) {
  if (shorter.empty() || shorter.size() >= longer.size()) return false;
  size_t off = head ? 0 : longer.size() - shorter.size();
  if (!head && IsNasab(longer[off - 1])) return false;
  for (size_t i = 0; i < shorter.size(); ++i) {
    if (!SameNameWord(shorter[i], longer[off + i])) return false;
  }
  // A lone generic word (الرئيس, الجيش) is not a short form.
  return true;
}

struct KnownPerson {
  std::vector<std::string> words;
  std::string display;
};

const std::vector<KnownPerson>& Known() {
  static const auto* known = [] {
    auto* v = new std::vector<KnownPerson>();
    for (const std::string& raw : KnownPeople()) {
      KnownPerson k;
      k.display = raw;
      size_t pos = 0;
      while (pos < raw.size()) {
        size_t sp = raw.find(' ', pos);
        if (sp == std::string::npos) sp = raw.size();
        if (sp > pos) k.words.push_back(Fold(std::string_view(raw).substr(pos, sp - pos)));
        pos = sp + 1;
      }
      v->push_back(std::move(k));
    }
    return v;
  }();
  return *known;
}

// A lone word that stands for a listed person's surname: the same consonant skeleton and at
// most one letter apart (ترمب for ترامب, توكاييف for توكايف). Stricter than SameNameWord,
// because nothing else in the article supports the link: one edit in the skeleton made
// شيرين José Mourinho (مورينيو) and بستاناً John Bolton, and the same skeleton alone made
// سلمان Qasem Soleimani (سليماني, two letters more).
bool SameSurname(std::string_view word, std::string_view surname) {
  if (word == surname) return true;
  const std::string sw = Skeleton(word);
  return CodePointCount(sw) >= 2 && sw == Skeleton(surname) && EditDistance(word, surname, 1) <= 1;
}

// The listed person whose name is `words` (all of them), or whose surname is the single word
// given, when exactly one person matches; nullptr otherwise.
const KnownPerson* FindKnown(const std::vector<std::string>& words) {
  const KnownPerson* found = nullptr;
  int matches = 0;
  for (const KnownPerson& k : Known()) {
    bool ok = false;
    if (WordsVariant(words, k.words)) {
      return &k;
    } else if (words.size() == 1 && k.words.size() > 1 && !IsNasab(k.words[k.words.size() - 2])) {
      ok = SameSurname(words[0], k.words.back());
    }
    if (ok) {
      found = &k;
      ++matches;
    }
  }
  return matches == 1 ? found : nullptr;
}

bool IsTitleWord(std::string_view folded) {
  uint32_t f = Gazetteer::Builtin().Flags(folded);
  return (f & (kFlagPersonTitle | kFlagHonorific)) != 0;
}

}  // namespace

std::string EntityId(std::string_view canonical) {
  std::vector<std::string> words;
  size_t pos = 0;
  while (pos < canonical.size()) {
    size_t sp = canonical.find(' ', pos);
    if (sp == std::string_view::npos) sp = canonical.size();
    if (sp > pos) words.push_back(Fold(canonical.substr(pos, sp - pos)));
    pos = sp + 1;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx",
                static_cast<unsigned long long>(base::Hash64(Join(words), 0x656e74697479ull)));
  return buf;
}

bool SameNameWord(std::string_view a, std::string_view b) {
  if (a == b) return true;
  std::string sa = Skeleton(a), sb = Skeleton(b);
  if (sa == sb) return CodePointCount(sa) >= 2;
  // One edit in a skeleton of three letters is a third of the name: كلاين and كلوب (كلن,
  // كلب) are two people, and a lone surname linked by it joined the wrong person's entity.
  if (CodePointCount(sa) < kMinSkeletonForEdit || CodePointCount(sb) < kMinSkeletonForEdit) {
    return false;
  }
  return EditDistance(sa, sb, 1) <= 1;
}

int FindEntityForName(const std::vector<std::string>& words, EntityType type,
                      const std::vector<LinkedEntity>& entities) {
  if (words.empty()) return -1;
  for (int k = static_cast<int>(entities.size()) - 1; k >= 0; --k) {
    const LinkedEntity& en = entities[k];
    if (en.type != type) continue;
    if (en.words == words || WordsVariant(words, en.words) || IsPart(words, en.words, false) ||
        (type == EntityType::kOrg && IsPart(words, en.words, true)))
      return k;
  }
  return -1;
}

EntityLinker::EntityLinker(const WordClusters* clusters) : clusters_(clusters) {}

std::vector<std::string> EntityLinker::NameWords(std::string_view name) const {
  std::vector<std::string> words;
  size_t pos = 0;
  while (pos < name.size()) {
    size_t sp = name.find(' ', pos);
    if (sp == std::string_view::npos) sp = name.size();
    if (sp > pos) {
      std::string w = Fold(name.substr(pos, sp - pos));
      if (!w.empty()) words.push_back(std::move(w));
    }
    pos = sp + 1;
  }
  size_t skip = 0;
  while (skip + 1 < words.size() && IsTitleWord(words[skip])) ++skip;
  words.erase(words.begin(), words.begin() + static_cast<long>(skip));
  return words;
}

void EntityLinker::Link(std::string_view text, const std::vector<RawToken>& tokens,
                        const std::vector<Tag>& tags, std::vector<EntityMention>* mentions,
                        std::vector<LinkedEntity>* entities) const {
  mentions->clear();
  entities->clear();
  const size_t n = std::min(tokens.size(), tags.size());
  // 1-2: mentions.
  size_t i = 0;
  while (i < n) {
    if (tags[i] == kTagO) {
      ++i;
      continue;
    }
    EntityMention m;
    m.type = TagType(tags[i]);
    m.token_begin = static_cast<uint32_t>(i);
    size_t j = i + 1;
    while (j < n && IsInside(tags[j]) && TagType(tags[j]) == m.type) ++j;
    m.token_end = static_cast<uint32_t>(j);
    i = j;
    // Name tokens: words only, without leading titles (persons) and trailing punctuation.
    size_t b = m.token_begin, e = m.token_end;
    while (e > b && !tokens[e - 1].word) --e;
    while (b < e && !tokens[b].word) ++b;
    std::vector<std::string> folded;
    for (size_t k = b; k < e; ++k) {
      folded.push_back(Fold(text.substr(tokens[k].start, tokens[k].end - tokens[k].start)));
    }
    if (m.type == EntityType::kPers) {
      while (b + 1 < e && IsTitleWord(folded[0])) {
        // A proclitic-carrying title (وسماحة, والرئيس) is a title too.
        ++b;
        folded.erase(folded.begin());
      }
    }
    if (b >= e) continue;
    // A span of nothing but titles and honorifics (الله of آية الله) names nobody.
    bool all_titles = true;
    for (const std::string& w : folded) all_titles &= IsTitleWord(w);
    if (all_titles) continue;
    // Strip proclitics of the first word.
    CliticSplit split = BestCliticSplit(folded[0], clusters_, &Gazetteer::Builtin());
    uint32_t start = tokens[b].start;
    std::string first_text;
    if (!split.prefix.empty()) {
      std::string_view raw = text.substr(tokens[b].start, tokens[b].end - tokens[b].start);
      size_t skip = SkipLetters(raw, CodePointCount(split.prefix));
      // ل + ال written لل: the article's alef is not in the text.
      bool restored_al = split.base.size() >= 4 && split.base.substr(0, 4) == "\xD8\xA7\xD9\x84" &&
                         raw.substr(skip, 2) == "\xD9\x84";
      start = tokens[b].start + static_cast<uint32_t>(skip);
      if (restored_al) first_text = "\xD8\xA7" + std::string(raw.substr(skip));
      folded[0] = split.base;
    }
    m.start = start;
    m.end = tokens[e - 1].end;
    m.text = std::string(text.substr(m.start, m.end - m.start));
    if (!first_text.empty()) {
      m.text = first_text + std::string(text.substr(tokens[b].end, m.end - tokens[b].end));
    }
    // Titles could remain inside after a stripped clitic ("والرئيس ترامب" tagged whole).
    if (m.type == EntityType::kPers && folded.size() > 1 && IsTitleWord(folded[0])) {
      folded.erase(folded.begin());
      ++b;
      m.start = tokens[b].start;
      m.text = std::string(text.substr(m.start, m.end - m.start));
    }
    m.words = std::move(folded);
    mentions->push_back(std::move(m));
  }
  // 3: merge in text order.
  std::vector<std::array<int, kNumEntityTypes>> type_votes;
  for (EntityMention& m : *mentions) {
    int found = -1;
    for (size_t k = 0; k < entities->size() && found < 0; ++k) {
      if ((*entities)[k].words == m.words) found = static_cast<int>(k);
    }
    for (size_t k = 0; k < entities->size() && found < 0; ++k) {
      const LinkedEntity& en = (*entities)[k];
      if (en.type == m.type && WordsVariant(m.words, en.words)) found = static_cast<int>(k);
    }
    if (found < 0 && (m.type == EntityType::kPers || m.type == EntityType::kOrg)) {
      // Short form of an earlier, longer name (most recent first).
      for (int k = static_cast<int>(entities->size()) - 1; k >= 0 && found < 0; --k) {
        const LinkedEntity& en = (*entities)[k];
        if (en.type != m.type) continue;
        if (IsPart(m.words, en.words, false) ||
            (m.type == EntityType::kOrg && IsPart(m.words, en.words, true))) {
          found = k;
        }
      }
      // A longer name for an earlier short form: upgrade it.
      for (int k = static_cast<int>(entities->size()) - 1; k >= 0 && found < 0; --k) {
        LinkedEntity& en = (*entities)[k];
        if (en.type != m.type) continue;
        if (IsPart(en.words, m.words, false) ||
            (m.type == EntityType::kOrg && IsPart(en.words, m.words, true))) {
          found = k;
          en.words = m.words;
          en.canonical = m.text;
        }
      }
    }
    if (found < 0) {
      LinkedEntity en;
      en.type = m.type;
      en.words = m.words;
      en.canonical = m.text;
      entities->push_back(std::move(en));
      type_votes.push_back({0, 0, 0, 0});
      found = static_cast<int>(entities->size()) - 1;
    }
    m.entity = found;
    ++(*entities)[found].mentions;
    ++type_votes[found][static_cast<int>(m.type)];
  }
  // 4-5: names and ids.
  for (size_t k = 0; k < entities->size(); ++k) {
    LinkedEntity& en = (*entities)[k];
    int best = static_cast<int>(en.type);
    for (int t = 0; t < kNumEntityTypes; ++t) {
      if (type_votes[k][t] > type_votes[k][best]) best = t;
    }
    en.type = static_cast<EntityType>(best);
    // A listed person is a person whatever the tagger said (الفارابي).
    if (en.type != EntityType::kPers) {
      for (const KnownPerson& kp : Known()) {
        if (kp.words == en.words) en.type = EntityType::kPers;
      }
    }
    if (en.type == EntityType::kPers) {
      if (const KnownPerson* kp = FindKnown(en.words)) {
        en.canonical = kp->display;
        en.words = kp->words;
      }
    }
    // A name written as a hashtag joins its words with '_' (#لورا_سميت): the canonical
    // name is written with spaces, like the same name elsewhere.
    std::replace(en.canonical.begin(), en.canonical.end(), '_', ' ');
    en.entity_id = EntityId(en.canonical);
  }
  for (EntityMention& m : *mentions) {
    const LinkedEntity& en = (*entities)[m.entity];
    m.type = en.type;
    m.canonical = en.canonical;
    m.entity_id = en.entity_id;
  }
}

int CorpusEntityRegistry::Find(const LinkedEntity& e) const {
  if (e.words.empty()) return -1;
  auto it = by_last_word_skeleton_.find(Skeleton(e.words.back()));
  if (it == by_last_word_skeleton_.end()) return -1;
  int part = -1, part_count = 0;
  for (int idx : it->second) {
    const Entry& en = entries_[idx];
    if (en.words == e.words || (en.type == e.type && WordsVariant(en.words, e.words))) return idx;
    if (en.type == e.type && e.type == EntityType::kPers && IsPart(e.words, en.words, false)) {
      part = idx;
      ++part_count;
    }
  }
  return part_count == 1 ? part : -1;
}

void CorpusEntityRegistry::Resolve(std::vector<LinkedEntity>* entities,
                                   std::vector<EntityMention>* mentions) {
  for (LinkedEntity& e : *entities) {
    int idx = Find(e);
    if (idx < 0) {
      Entry en;
      en.type = e.type;
      en.words = e.words;
      en.canonical = e.canonical;
      en.entity_id = e.entity_id;
      entries_.push_back(std::move(en));
      idx = static_cast<int>(entries_.size()) - 1;
      by_last_word_skeleton_[Skeleton(e.words.empty() ? std::string() : e.words.back())].push_back(idx);
    }
    Entry& en = entries_[idx];
    int c = ++en.spellings[e.canonical];
    // The most frequent spelling names the entity; the id stays that of its first name.
    if (e.words.size() >= en.words.size() && c > en.spellings[en.canonical]) en.canonical = e.canonical;
    e.canonical = en.canonical;
    e.entity_id = en.entity_id;
  }
  for (EntityMention& m : *mentions) {
    if (m.entity >= 0 && m.entity < static_cast<int>(entities->size())) {
      m.canonical = (*entities)[m.entity].canonical;
      m.entity_id = (*entities)[m.entity].entity_id;
    }
  }
}

}  // namespace rasd::extract
