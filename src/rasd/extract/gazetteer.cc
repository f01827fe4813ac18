// Gazetteers; see gazetteer.h.
#include "rasd/extract/gazetteer.h"

#include <algorithm>
#include <map>

#include "rasd/base/coding.h"
#include "rasd/extract/gazetteer_lists.h"
#include "rasd/extract/name_forms.h"

namespace rasd::extract {
namespace {

std::vector<std::string> FoldWords(std::string_view phrase) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < phrase.size()) {
    size_t sp = phrase.find(' ', pos);
    if (sp == std::string_view::npos) sp = phrase.size();
    if (sp > pos) {
      std::string w = Fold(phrase.substr(pos, sp - pos));
      if (!w.empty()) out.push_back(std::move(w));
    }
    pos = sp + 1;
  }
  return out;
}

Gazetteer* BuildBuiltin() {
  auto* g = new Gazetteer();
  auto flag_all = [&](const lists::ListView& list, uint32_t flag) {
    for (const char* item : list) {
      for (const std::string& w : FoldWords(item)) g->AddFlags(w, flag);
    }
  };
  flag_all(lists::kPersonTitlesList, kFlagPersonTitle);
  flag_all(lists::kHonorificsList, kFlagHonorific);
  flag_all(lists::kOrgTriggersList, kFlagOrgTrigger);
  flag_all(lists::kLocTriggersList, kFlagLocTrigger);
  flag_all(lists::kFirstNamesList, kFlagFirstName);
  flag_all(lists::kNationalitiesList, kFlagNationality);
  flag_all(lists::kMonthsList, kFlagMonth);
  auto phrases = [&](const lists::ListView& list, EntityType type, uint32_t word_flag) {
    for (const char* item : list) {
      std::vector<std::string> words = FoldWords(item);
      if (words.empty()) continue;
      g->AddPhrase(words, type);
      for (const std::string& w : words) g->AddFlags(w, word_flag);
    }
  };
  phrases(lists::kPlacesList, EntityType::kLoc, kFlagLocWord);
  phrases(lists::kOrganisationsList, EntityType::kOrg, kFlagOrgWord);
  phrases(lists::kPeopleList, EntityType::kPers, kFlagPersonWord);
  return g;
}

}  // namespace

const Gazetteer& Gazetteer::Builtin() {
  static const Gazetteer* g = BuildBuiltin();
  return *g;
}

const std::vector<std::string>& KnownPeople() {
  static const auto* people = [] {
    auto* v = new std::vector<std::string>();
    for (const char* item : lists::kPeopleList) v->push_back(item);
    return v;
  }();
  return *people;
}

void Gazetteer::AddPhrase(const std::vector<std::string>& words, EntityType type,
                          uint32_t count) {
  if (words.empty()) return;
  auto& list = by_first_[words[0]];
  std::vector<std::string> rest(words.begin() + 1, words.end());
  for (Phrase& p : list) {
    if (p.rest == rest && p.type == type) {
      p.count += count;
      return;
    }
  }
  list.push_back({std::move(rest), type, count});
  ++phrase_count_;
  max_len_ = std::max(max_len_, words.size());
}

void Gazetteer::AddFlags(std::string_view word, uint32_t flags) {
  flags_[std::string(word)] |= flags;
}

uint32_t Gazetteer::Flags(std::string_view word) const {
  auto it = flags_.find(word);
  return it == flags_.end() ? 0 : it->second;
}

bool Gazetteer::Lookup(const std::vector<std::string>& words, EntityType* type) const {
  if (words.empty()) return false;
  auto it = by_first_.find(words[0]);
  if (it == by_first_.end()) return false;
  const Phrase* best = nullptr;
  for (const Phrase& p : it->second) {
    if (p.rest.size() + 1 != words.size()) continue;
    if (!std::equal(p.rest.begin(), p.rest.end(), words.begin() + 1)) continue;
    if (best == nullptr || p.count > best->count) best = &p;
  }
  if (best == nullptr) return false;
  *type = best->type;
  return true;
}

void Gazetteer::Match(const std::vector<std::vector<std::string>>& candidates,
                      std::vector<uint8_t>* labels) const {
  const size_t n = candidates.size();
  labels->assign(n, kNoMatch);
  size_t i = 0;
  while (i < n) {
    size_t best_len = 0;
    const Phrase* best = nullptr;
    for (const std::string& first : candidates[i]) {
      auto it = by_first_.find(first);
      if (it == by_first_.end()) continue;
      for (const Phrase& p : it->second) {
        size_t len = p.rest.size() + 1;
        if (len <= best_len || i + len > n) continue;
        bool ok = true;
        for (size_t k = 0; k < p.rest.size() && ok; ++k) {
          ok = !candidates[i + 1 + k].empty() && candidates[i + 1 + k][0] == p.rest[k];
        }
        if (ok && (best == nullptr || len > best_len ||
                   (len == best_len && p.count > best->count))) {
          best = &p;
          best_len = len;
        }
      }
    }
    if (best == nullptr) {
      ++i;
      continue;
    }
    const int t = static_cast<int>(best->type);
    (*labels)[i] = static_cast<uint8_t>(1 + 2 * t);
    for (size_t k = 1; k < best_len; ++k) (*labels)[i + k] = static_cast<uint8_t>(2 + 2 * t);
    i += best_len;
  }
}

void Gazetteer::AppendTo(std::string* out) const {
  std::map<std::string, uint32_t> flags(flags_.begin(), flags_.end());
  base::PutVarint64(out, flags.size());
  for (const auto& [w, f] : flags) {
    base::PutLengthPrefixed(out, w);
    base::PutVarint32(out, f);
  }
  std::vector<std::pair<std::string, const Phrase*>> phrases;
  for (const auto& [first, list] : by_first_) {
    for (const Phrase& p : list) phrases.emplace_back(first, &p);
  }
  std::sort(phrases.begin(), phrases.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    if (a.second->rest != b.second->rest) return a.second->rest < b.second->rest;
    return a.second->type < b.second->type;
  });
  base::PutVarint64(out, phrases.size());
  for (const auto& [first, p] : phrases) {
    base::PutVarint32(out, static_cast<uint32_t>(p->rest.size() + 1));
    base::PutLengthPrefixed(out, first);
    for (const std::string& w : p->rest) base::PutLengthPrefixed(out, w);
    out->push_back(static_cast<char>(p->type));
    base::PutVarint32(out, p->count);
  }
}

Result<Gazetteer> Gazetteer::ParseFrom(std::string_view* in) {
  Gazetteer g;
  uint64_t n = 0;
  if (!base::GetVarint64(in, &n) || n > in->size()) return Status::Corruption("gazetteer: bad flag count");
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view w;
    uint32_t f;
    if (!base::GetLengthPrefixed(in, &w) || !base::GetVarint32(in, &f))
      return Status::Corruption("gazetteer: truncated flags");
    g.flags_[std::string(w)] = f;
  }
  if (!base::GetVarint64(in, &n) || n > in->size()) return Status::Corruption("gazetteer: bad phrase count");
  for (uint64_t i = 0; i < n; ++i) {
    uint32_t len;
    if (!base::GetVarint32(in, &len) || len == 0 || len > 64)
      return Status::Corruption("gazetteer: bad phrase length");
    std::vector<std::string> words;
    for (uint32_t k = 0; k < len; ++k) {
      std::string_view w;
      if (!base::GetLengthPrefixed(in, &w)) return Status::Corruption("gazetteer: truncated phrase");
      words.emplace_back(w);
    }
    uint32_t count;
    if (in->empty()) return Status::Corruption("gazetteer: truncated phrase type");
    uint8_t type = static_cast<uint8_t>((*in)[0]);
    in->remove_prefix(1);
    if (type >= kNumEntityTypes || !base::GetVarint32(in, &count))
      return Status::Corruption("gazetteer: bad phrase type");
    g.AddPhrase(words, static_cast<EntityType>(type), count);
  }
  return g;
}

}  // namespace rasd::extract
