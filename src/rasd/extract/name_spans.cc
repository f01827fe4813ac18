// Grammar repairs of the tagger's name spans; see name_spans.h.
#include "rasd/extract/name_spans.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_set>

#include "rasd/extract/gazetteer.h"
#include "rasd/extract/name_forms.h"
#include "rasd/text/stopwords.h"

namespace rasd::extract {
namespace {

constexpr std::string_view kWaw = "\xD9\x88", kFa = "\xD9\x81";  // و ف
constexpr std::string_view kLam = "\xD9\x84";  // ل
constexpr std::string_view kAl = "\xD8\xA7\xD9\x84";  // ال
constexpr uint32_t kNameFlags = kFlagPersonWord | kFlagFirstName | kFlagOrgWord |
                                kFlagLocWord | kFlagOrgTrigger | kFlagLocTrigger;

std::string_view StripConjunction(std::string_view w) {
  if (w.substr(0, 2) == kWaw || w.substr(0, 2) == kFa) w.remove_prefix(2);
  return w;
}

bool IsWord(const TokenInfo& t) { return StartsWithLetter(t.folded); }

bool IsOpeningMark(std::string_view s) {
  return s == "\"" || s == "\xC2\xAB" || s == "\xE2\x80\x9C";  // " « “
}
bool IsClosingMark(std::string_view s) {
  return s == "\"" || s == "\xC2\xBB" || s == "\xE2\x80\x9D";  // " » ”
}

// Definite (ال after an optional و/ف; also لل, ل + ال).
bool Definite(std::string_view folded) {
  const std::string_view w = StripConjunction(folded);
  return w.substr(0, 4) == kAl;
}

// ل + the article, written لل (للصحافيين), with 3+ letters after it.
bool LamDefinite(const TokenInfo& t) {
  const std::string_view w = StripConjunction(t.folded);
  return w.substr(0, 4) == "\xD9\x84\xD9\x84" && CodePointCount(w.substr(4)) >= 3;  // لل
}

// The type of the listed name that the clitic split took ل from (لرويترز -> ORG), if any.
bool LamName(const TokenInfo& t, EntityType* type) {
  if (StripConjunction(t.prefix) != kLam) return false;
  const Gazetteer& g = Gazetteer::Builtin();
  if (g.Flags(t.folded) & (kFlagPersonWord | kFlagFirstName)) return false;
  const uint32_t f = g.Flags(t.base);
  if (!(f & kNameFlags)) return false;
  *type = (f & (kFlagOrgWord | kFlagOrgTrigger))   ? EntityType::kOrg
          : (f & (kFlagLocWord | kFlagLocTrigger)) ? EntityType::kLoc
                                                   : EntityType::kPers;
  return true;
}

void Retag(size_t b, size_t e, EntityType type, std::vector<Tag>* tags) {
  for (size_t k = b; k < e; ++k) (*tags)[k] = k == b ? BeginTag(type) : InsideTag(type);
}

// Calls repair(b, e) for each person's name [b, e) of tags[0, n), left to right; repair
// returns where the name ends after it (the next name is looked for from there).
template <typename Repair>
void ForEachPersonName(const std::vector<Tag>& tags, size_t n, Repair repair) {
  for (size_t b = 0; b < n;) {
    if (!IsBegin(tags[b]) || TagType(tags[b]) != EntityType::kPers) {
      ++b;
      continue;
    }
    size_t e = b + 1;
    while (e < n && IsInside(tags[e])) ++e;
    b = std::max(e, repair(b, e));
  }
}

}  // namespace

void SplitRunOnNames(const std::vector<TokenInfo>& infos, std::vector<Tag>* tags) {
  const size_t n = std::min(infos.size(), tags->size());
  for (size_t b = 0; b < n; ++b) {
    if (!IsBegin((*tags)[b]) || TagType((*tags)[b]) != EntityType::kPers) continue;
    size_t e = b + 1;
    while (e < n && (*tags)[e] == InsideTag(EntityType::kPers)) ++e;
    for (size_t i = b + 1; i < e; ++i) {
      if (!IsWord(infos[i])) continue;
      EntityType type;
      if (LamDefinite(infos[i])) {
        // The definite noun is outside any name; a listed name word after it starts one.
        (*tags)[i] = kTagO;
        size_t r = i + 1;
        if (r < e && (Gazetteer::Builtin().Flags(infos[r].folded) &
                      (kFlagPersonWord | kFlagFirstName))) {
          Retag(r, e, EntityType::kPers, tags);
        } else {
          for (; r < e; ++r) (*tags)[r] = kTagO;
        }
        break;
      }
      if (LamName(infos[i], &type)) {
        Retag(i, e, type, tags);
        break;
      }
    }
    b = e - 1;
  }
}

void CompleteLoneTriggers(const std::vector<TokenInfo>& infos, std::vector<Tag>* tags) {
  const size_t n = std::min(infos.size(), tags->size());
  const Gazetteer& g = Gazetteer::Builtin();
  for (size_t i = 0; i < n; ++i) {
    const Tag t = (*tags)[i];
    if (!IsBegin(t) || (i + 1 < n && IsInside((*tags)[i + 1]))) continue;
    const TokenInfo& w = infos[i];
    const uint32_t f = g.Flags(w.folded) | g.Flags(w.base);
    if (!(f & (kFlagOrgTrigger | kFlagLocTrigger)) || Definite(w.base) || Definite(w.folded))
      continue;
    const EntityType type = (f & kFlagOrgTrigger) ? EntityType::kOrg : EntityType::kLoc;
    if (i + 1 >= n) {
      (*tags)[i] = kTagO;
      continue;
    }
    if (IsBegin((*tags)[i + 1])) {
      // A place or person after an organisation's trigger is the genitive that names it
      // (جامعة الأنبار، نادي روما: one organisation); an organisation after it is the name
      // itself, and a place's trigger is a descriptor (نادي مانشستر يونايتد، مدينة حائل), as
      // ANERcorp mostly tags them.
      size_t e = i + 2;
      while (e < n && IsInside((*tags)[e])) ++e;
      if (type == EntityType::kOrg && TagType((*tags)[i + 1]) != EntityType::kOrg) {
        Retag(i, e, type, tags);
      } else {
        (*tags)[i] = kTagO;
      }
      i = e - 1;
      continue;
    }
    if (IsOpeningMark(infos[i + 1].folded)) {  // منظمة "أنقذوا الأطفال"
      size_t c = i + 2;
      while (c < n && c < i + 8 && IsWord(infos[c])) ++c;
      if (c > i + 2 && c < n && IsClosingMark(infos[c].folded)) {
        (*tags)[i] = kTagO;
        (*tags)[i + 1] = kTagO;
        Retag(i + 2, c, type, tags);
        i = c;
        continue;
      }
    }
    // An organisation's definite genitive, not a conjunct (والنصر), completes its name; a
    // place's may be a direction's (غرب البلاد), no name.
    if (type == EntityType::kOrg && std::string_view(infos[i + 1].folded).substr(0, 4) == kAl) {
      Retag(i, i + 2, type, tags);
      ++i;
      continue;
    }
    (*tags)[i] = kTagO;
  }
}

bool OrdinalWord(std::string_view folded) {
  static const auto* ordinals = [] {
    auto* set = new std::unordered_set<std::string>();
    for (const char* w : {"الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع",
                          "الثامن", "التاسع", "العاشر", "الحادي", "الأولى", "الثانية",
                          "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة",
                          "التاسعة", "العاشرة"})
      set->insert(Fold(w));
    return set;
  }();
  return ordinals->count(std::string(folded)) > 0;
}

void DropLoneNonNames(const std::vector<std::string_view>& raw,
                             const std::vector<TokenInfo>& infos, std::vector<Tag>* tags) {
  const size_t n = std::min({raw.size(), infos.size(), tags->size()});
  for (size_t i = 0; i < n; ++i) {
    if (!IsBegin((*tags)[i]) || (i + 1 < n && IsInside((*tags)[i + 1]))) continue;
    const std::string_view w = raw[i];
    if ((w.size() >= 2 && w.substr(w.size() - 2) == "\xD9\x89" &&  // final ى
         text::IsStopword(infos[i].folded)) ||
        OrdinalWord(infos[i].base))
      (*tags)[i] = kTagO;
  }
}

void RetypeCountedNouns(const std::vector<std::string_view>& raw,
                        const std::vector<TokenInfo>& infos, std::vector<Tag>* tags) {
  static const auto* quantities = [] {
    auto* set = new std::unordered_set<std::string>();
    for (const char* w : {"ألف", "آلاف", "ألفا", "ألفي", "مليون", "ملايين", "مليونا", "مليوني",
                          "مليار", "مليارات", "مليارا", "ملياري", "تريليون", "ترليون"})
      set->insert(Fold(w));
    return set;
  }();
  // An amount: a number of 11 or more, or with a decimal point. A smaller whole number may
  // be a score before a club's name (الأهلي 3 اتحاد جدة 1), which ANERcorp tags ORG.
  auto amount = [](std::string_view w) {
    double value = 0;
    bool digit = false, fraction = false;
    for (size_t i = 0; i < w.size();) {
      const char32_t c = NextCodePoint(w, &i);
      int d = -1;
      if (c >= '0' && c <= '9') d = static_cast<int>(c - '0');
      if (c >= 0x0660 && c <= 0x0669) d = static_cast<int>(c - 0x0660);  // Arabic-Indic
      if (c >= 0x06F0 && c <= 0x06F9) d = static_cast<int>(c - 0x06F0);  // Eastern
      if (d >= 0) {
        digit = true;
        if (!fraction) value = value * 10 + d;
      } else if (c == '.' || c == 0x066B) {  // U+066B Arabic decimal separator
        fraction = true;
      } else if (c != ',' && c != 0x066C) {  // U+066C Arabic thousands separator
        return false;
      }
    }
    return digit && (fraction || value >= 11);
  };
  const size_t n = std::min({raw.size(), infos.size(), tags->size()});
  for (size_t i = 1; i < n; ++i) {
    const Tag t = (*tags)[i];
    if (!IsBegin(t) || (i + 1 < n && IsInside((*tags)[i + 1]))) continue;
    // Not persons: in sports reports a minute or a shirt number precedes a player (في
    // الدقيقة 76 ماركوس).
    if (TagType(t) != EntityType::kOrg) continue;
    if (!amount(raw[i - 1]) && !quantities->count(infos[i - 1].folded)) continue;
    const bool month = (Gazetteer::Builtin().Flags(infos[i].folded) |
                        Gazetteer::Builtin().Flags(infos[i].base)) & kFlagMonth;
    (*tags)[i] = month ? kTagO : BeginTag(EntityType::kMisc);
  }
}

void DropMonthDates(const std::vector<std::string_view>& raw,
                    const std::vector<TokenInfo>& infos, std::vector<Tag>* tags) {
  static const auto* time_words = [] {
    auto* set = new std::unordered_set<std::string>();
    for (const char* w : {"في", "منذ", "شهر", "مطلع", "منتصف", "نهاية", "أواخر", "أوائل",
                          "خلال", "حتى", "بداية", "وفي", "ومنذ"})
      set->insert(Fold(w));
    return set;
  }();
  const Gazetteer& g = Gazetteer::Builtin();
  auto month = [&](size_t k) {
    return ((g.Flags(infos[k].folded) | g.Flags(infos[k].base)) & kFlagMonth) != 0;
  };
  auto digits = [](std::string_view w) {
    if (w.empty()) return false;
    for (size_t i = 0; i < w.size();) {
      const char32_t c = NextCodePoint(w, &i);
      if (!((c >= '0' && c <= '9') || (c >= 0x0660 && c <= 0x0669))) return false;
    }
    return true;
  };
  const size_t n = std::min({raw.size(), infos.size(), tags->size()});
  for (size_t i = 0; i < n; ++i) {
    if (!IsBegin((*tags)[i]) || (i + 1 < n && IsInside((*tags)[i + 1])) || !month(i)) continue;
    // The neighbours that make it a date: a day or year number, another month name across a
    // slash or parenthesis (أبريل/نيسان, نيسان (أبريل): the Levantine and the international
    // name side by side; right next to it, آب may be "up": بيك آب نيسان, a Nissan pick-up),
    // a time word before it.
    const bool slash_before = i > 0 && (raw[i - 1] == "/" || raw[i - 1] == "(");
    const bool slash_after = i + 1 < n && (raw[i + 1] == "/" || raw[i + 1] == "(");
    const bool date = (i > 0 && (digits(raw[i - 1]) || time_words->count(infos[i - 1].folded))) ||
                      (i + 1 < n && digits(raw[i + 1])) ||
                      (slash_before && i > 1 && month(i - 2)) ||
                      (slash_after && i + 2 < n && month(i + 2));
    if (date) (*tags)[i] = kTagO;
  }
}

void CompleteUnfinishedNames(const std::vector<std::string_view>& raw,
                             const std::vector<TokenInfo>& infos, std::vector<Tag>* tags) {
  static const auto* connectors = [] {
    auto* set = new std::unordered_set<std::string>();
    for (const char* w : {"بن", "بنت", "ابن", "ابنة", "أبو", "أبي", "أبا", "أم", "عبد", "آل",
                          "ذو", "ذي"})
      set->insert(Fold(w));
    return set;
  }();
  // Function words written with a final ى, which folding (ى -> ي) makes one word with a
  // name: على and علي (as DropLoneNonNames tells them apart, by the spelling).
  static const auto* maqsura_words = [] {
    auto* set = new std::unordered_set<std::string>();
    for (const char* w : {"على", "إلى", "لدى", "حتى"}) set->insert(Fold(w));
    return set;
  }();
  static const std::string* const kTeen = new std::string(Fold("عشر"));  // الثالث عشر
  const size_t n = std::min({raw.size(), infos.size(), tags->size()});
  auto function_word = [&](size_t k) {
    const std::string_view w = raw[k];
    const bool final_yaa = w.size() >= 2 && w.substr(w.size() - 2) == "\xD9\x8A";  // ي
    return text::IsStopword(infos[k].folded) &&
           !(final_yaa && maqsura_words->count(infos[k].folded));
  };
  auto free_word = [&](size_t k) {
    return (*tags)[k] == kTagO && IsWord(infos[k]) && !function_word(k) &&
           !(infos[k].flags & kFlagPersonTitle);
  };
  ForEachPersonName(*tags, n, [&](size_t, size_t e) {
    while (e < n && connectors->count(infos[e - 1].folded) && free_word(e)) {
      (*tags)[e++] = InsideTag(EntityType::kPers);
    }
    while (e < n && (*tags)[e] == kTagO &&
           (OrdinalWord(infos[e].folded) ||
            (infos[e].folded == *kTeen && OrdinalWord(infos[e - 1].folded)))) {
      (*tags)[e++] = InsideTag(EntityType::kPers);
    }
    return e;
  });
}

void EndNamesBeforeTitles(const std::vector<TokenInfo>& infos, std::vector<Tag>* tags) {
  const size_t n = std::min(infos.size(), tags->size());
  constexpr uint32_t kNameWord = kFlagPersonWord | kFlagFirstName;
  auto title = [&](size_t k) {
    return (infos[k].flags & kFlagPersonTitle) && !(infos[k].flags & kNameWord);
  };
  ForEachPersonName(*tags, n, [&](size_t b, size_t e) {
    for (size_t k = b + 1; k + 1 < e; ++k) {
      if (title(k) && title(k + 1)) {
        for (size_t j = k; j < e; ++j) (*tags)[j] = kTagO;
        break;
      }
    }
    return e;
  });
}

void RepairNameSpans(const std::vector<std::string_view>& raw,
                     const std::vector<TokenInfo>& infos, std::vector<Tag>* tags) {
  DropLoneNonNames(raw, infos, tags);
  RetypeCountedNouns(raw, infos, tags);
  DropMonthDates(raw, infos, tags);
  SplitRunOnNames(infos, tags);
  CompleteLoneTriggers(infos, tags);
  CompleteUnfinishedNames(raw, infos, tags);
  EndNamesBeforeTitles(infos, tags);
}

}  // namespace rasd::extract
