// Date recognition; see dates.h.
#include "rasd/extract/dates.h"

#include <charconv>
#include <cstdio>

#include "rasd/extract/name_forms.h"
#include "rasd/extract/name_spans.h"

namespace rasd::extract {
namespace {

struct MonthName {
  const char* name;  // folded form, may be two words
  int month;
  bool hijri;
};

// Folded spellings (FoldOnly): أ/إ/آ -> ا, ة -> ه, ى -> ي.
const MonthName kMonths[] = {
    {"يناير", 1, false}, {"فبراير", 2, false}, {"مارس", 3, false}, {"ابريل", 4, false},
    {"ابريل", 4, false}, {"مايو", 5, false}, {"يونيو", 6, false}, {"يونيه", 6, false},
    {"يوليو", 7, false}, {"يوليه", 7, false}, {"اغسطس", 8, false}, {"سبتمبر", 9, false},
    {"اكتوبر", 10, false}, {"نوفمبر", 11, false}, {"ديسمبر", 12, false},
    {"كانون الثاني", 1, false}, {"شباط", 2, false}, {"اذار", 3, false}, {"نيسان", 4, false},
    {"ايار", 5, false}, {"حزيران", 6, false}, {"تموز", 7, false}, {"اب", 8, false},
    {"ايلول", 9, false}, {"تشرين الاول", 10, false}, {"تشرين الثاني", 11, false},
    {"كانون الاول", 12, false},
    {"جانفي", 1, false}, {"فيفري", 2, false}, {"افريل", 4, false}, {"ماي", 5, false},
    {"جوان", 6, false}, {"جويليه", 7, false}, {"اوت", 8, false},
    {"محرم", 1, true}, {"صفر", 2, true}, {"ربيع الاول", 3, true}, {"ربيع الثاني", 4, true},
    {"ربيع الاخر", 4, true}, {"جمادي الاولي", 5, true}, {"جمادي الاول", 5, true},
    {"جمادي الثانيه", 6, true}, {"جمادي الاخره", 6, true}, {"رجب", 7, true},
    {"شعبان", 8, true}, {"رمضان", 9, true}, {"شوال", 10, true}, {"ذو القعده", 11, true},
    {"ذي القعده", 11, true}, {"ذو الحجه", 12, true}, {"ذي الحجه", 12, true},
};

const char* const kWeekdays[7] = {"الاحد", "الاثنين", "الثلاثاء", "الاربعاء",
                                  "الخميس", "الجمعه", "السبت"};

bool ParseInt(std::string_view s, int* v) {
  if (s.empty() || s.size() > 9) return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), *v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// True when folded word `w` is `target`, possibly with one proclitic و/ف/ب/ل (or و + one
// of them) attached.
bool Is(std::string_view w, std::string_view target) {
  if (w.size() < target.size() || w.size() > target.size() + 4) return false;
  if (w.substr(w.size() - target.size()) != target) return false;
  std::string_view prefix = w.substr(0, w.size() - target.size());
  if (prefix.empty()) return true;
  auto clitic = [](std::string_view c) {
    return c == "\xD9\x88" || c == "\xD9\x81" || c == "\xD8\xA8" || c == "\xD9\x84";
  };
  if (prefix.size() == 2) return clitic(prefix);
  return prefix.size() == 4 && prefix.substr(0, 2) == "\xD9\x88" && clitic(prefix.substr(2));
}

// True when اليوم at token i is a particular day, not today: with an ordinal, a relational
// adjective or a relative pronoun after it (اليوم الأول، اليوم التالي، اليوم العالمي للمرأة،
// اليوم الذي), or after a demonstrative or نفس / ذات (ذلك اليوم، نفس اليوم).
bool SpecificDay(const std::vector<std::string>& f, size_t i) {
  if (i > 0) {
    for (const char* w : {"ذلك", "تلك", "نفس", "ذات", "ذاك"})
      if (f[i - 1] == FoldOnly(w)) return true;
  }
  if (i + 1 >= f.size()) return false;
  const std::string& next = f[i + 1];
  if (OrdinalWord(Fold(next))) return true;
  for (const char* w : {"التالي", "السابق", "الأخير", "الواحد", "الموعود", "المشهود"})
    if (next == FoldOnly(w)) return true;
  // A definite relational (nisba) adjective, ال ... ي (العالمي، الوطني، الدراسي), or الذي
  // (the day that), but not الحالي (the current day: today).
  return next != FoldOnly("الحالي") && next.size() > 6 && next.substr(0, 4) == "\xD8\xA7\xD9\x84" &&
         next.substr(next.size() - 2) == "\xD9\x8A";
}

}  // namespace

std::string_view DateKindName(DateKind k) {
  switch (k) {
    case DateKind::kAbsolute: return "absolute";
    case DateKind::kRelative: return "relative";
    case DateKind::kHijri: return "hijri";
  }
  return "absolute";
}

int64_t DaysFromCivil(CivilDate d) {
  int y = d.year - (d.month <= 2);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(d.month + (d.month > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d.day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

int Weekday(CivilDate d) {
  int64_t z = DaysFromCivil(d);
  return static_cast<int>(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

bool ValidDate(CivilDate d) {
  if (d.year < 1 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  int max = kDays[d.month - 1] + (d.month == 2 && leap ? 1 : 0);
  return d.day <= max;
}

std::string FormatDate(CivilDate d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::optional<CivilDate> ParseIsoDate(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  CivilDate d;
  if (!ParseInt(s.substr(0, 4), &d.year) || !ParseInt(s.substr(5, 2), &d.month) ||
      !ParseInt(s.substr(8, 2), &d.day) || !ValidDate(d))
    return std::nullopt;
  return d;
}

void FindDates(std::string_view text, const TokenizedText& tok, std::string_view article_date,
               std::vector<DateMention>* out) {
  out->clear();
  const std::optional<CivilDate> today = ParseIsoDate(article_date);
  const size_t n = tok.tokens.size();
  std::vector<std::string> f(n);
  for (size_t i = 0; i < n; ++i) {
    f[i] = FoldOnly(text.substr(tok.tokens[i].start, tok.tokens[i].end - tok.tokens[i].start));
  }
  auto is_num = [&](size_t i, int* v) {
    return i < n && tok.tokens[i].word && ParseInt(f[i], v);
  };
  auto add = [&](size_t b, size_t e, std::string value, DateKind kind) {
    out->push_back({tok.tokens[b].start, tok.tokens[e - 1].end, std::move(value), kind});
  };
  // Month name at token i (one or two words); returns words used, 0 if none.
  auto month_at = [&](size_t i, const MonthName** found) -> size_t {
    if (i >= n || !tok.tokens[i].word || f[i].size() < 4) return 0;
    for (const MonthName& m : kMonths) {
      std::string_view name = m.name;
      size_t sp = name.find(' ');
      if (sp == std::string_view::npos) {
        if (Is(f[i], name)) {
          *found = &m;
          return 1;
        }
      } else if (i + 1 < n && Is(f[i], name.substr(0, sp)) &&
                 f[i + 1] == name.substr(sp + 1)) {
        *found = &m;
        return 2;
      }
    }
    return 0;
  };
  // A leading dateline or byline (عين اليوم – جدة، الدمام – اليوم): up to four words before
  // the first dash at the start of the article name the outlet, the author or the city; an
  // outlet may be called اليوم (the Saudi daily, the site عين اليوم).
  size_t dateline_end = 0;
  for (size_t k = 0, words = 0; k < n && words <= 4; ++k) {
    const std::string_view t =
        text.substr(tok.tokens[k].start, tok.tokens[k].end - tok.tokens[k].start);
    if (t == "-" || t == "\xE2\x80\x93" || t == "\xE2\x80\x94") {  // - – —
      dateline_end = k + 2;  // and the word after the dash
      break;
    }
    words += tok.tokens[k].word;
  }
  size_t i = 0;
  while (i < n) {
    int a = 0, b = 0, c = 0;
    // Numeric: A sep B sep C, or one token "A.B.C".
    if (is_num(i, &a) && i + 4 < n && !tok.tokens[i + 1].word && !tok.tokens[i + 3].word &&
        f[i + 1] == f[i + 3] && (f[i + 1] == "/" || f[i + 1] == "-" || f[i + 1] == ".") &&
        is_num(i + 2, &b) && is_num(i + 4, &c)) {
      CivilDate d = f[i].size() == 4 ? CivilDate{a, b, c} : CivilDate{c, b, a};
      if (f[i + 4].size() == 2 && f[i].size() != 4) d.year += 2000;
      if (ValidDate(d) && d.year >= 1800 && d.year <= 2200) {
        add(i, i + 5, FormatDate(d), DateKind::kAbsolute);
        i += 5;
        continue;
      }
    }
    if (i < n && tok.tokens[i].word && f[i].find('.') != std::string::npos) {
      std::string_view w = f[i];
      size_t p1 = w.find('.'), p2 = w.find('.', p1 + 1);
      if (p2 != std::string_view::npos && ParseInt(w.substr(0, p1), &a) &&
          ParseInt(w.substr(p1 + 1, p2 - p1 - 1), &b) && ParseInt(w.substr(p2 + 1), &c)) {
        CivilDate d = p1 == 4 ? CivilDate{a, b, c} : CivilDate{c, b, a};
        if (ValidDate(d) && d.year >= 1800 && d.year <= 2200) {
          add(i, i + 1, FormatDate(d), DateKind::kAbsolute);
          ++i;
          continue;
        }
      }
    }
    // [day] MONTH [( MONTH )] [year] [هـ]
    {
      size_t k = i;
      int day = 0;
      bool has_day = is_num(k, &day) && day >= 1 && day <= 31 && f[k].size() <= 2;
      if (has_day) ++k;
      const MonthName* m = nullptr;
      size_t used = month_at(k, &m);
      if (used > 0) {
        size_t end = k + used;
        // أيار (مايو): a second name in parentheses.
        const MonthName* m2 = nullptr;
        if (end + 2 < n && f[end] == "(" && month_at(end + 1, &m2) > 0) {
          size_t u2 = month_at(end + 1, &m2);
          if (end + 1 + u2 < n && f[end + 1 + u2] == ")") end = end + 2 + u2;
        }
        int year = 0;
        bool has_year = false;
        size_t y = end;
        if (y < n && (f[y] == "عام" || f[y] == "سنه")) ++y;
        if (is_num(y, &year) && f[y].size() == 4) {
          has_year = true;
          end = y + 1;
        }
        bool preceded_by_month_word = i > 0 && Is(f[i - 1], "شهر");
        if (has_day || has_year || preceded_by_month_word) {
          bool hijri = m->hijri || (has_year && year >= 1300 && year < 1500);
          if (hijri && end < n && (f[end] == "ه" || f[end] == "هـ")) ++end;
          char buf[32];
          if (has_day && has_year) {
            CivilDate d{year, m->month, day};
            if (hijri || ValidDate(d)) {
              std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, m->month, day);
            } else {
              buf[0] = 0;
            }
          } else if (has_year) {
            std::snprintf(buf, sizeof buf, "%04d-%02d", year, m->month);
          } else if (has_day && today && !hijri) {
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", today->year, m->month, day);
          } else if (has_day) {
            std::snprintf(buf, sizeof buf, "--%02d-%02d", m->month, day);
          } else if (today && !hijri) {
            std::snprintf(buf, sizeof buf, "%04d-%02d", today->year, m->month);
          } else {
            std::snprintf(buf, sizeof buf, "--%02d", m->month);
          }
          if (buf[0] != 0 && !(m->hijri && !has_day && !has_year)) {
            add(i, end, buf, hijri ? DateKind::kHijri : DateKind::kAbsolute);
            i = end;
            continue;
          }
        }
      }
    }
    // Relative days.
    if (tok.tokens[i].word) {
      std::string_view w = f[i];
      int offset = 1000;
      size_t end = i + 1;
      if (Is(w, "امس") || Is(w, "الامس")) {
        offset = -1;
        if (i > 0 && Is(f[i - 1], "اول")) {
          offset = -2;
          --i;
        }
      } else if (Is(w, "اليوم") && i >= dateline_end && !SpecificDay(f, i)) {
        offset = 0;
      } else if (Is(w, "غدا")) {
        offset = 1;
        if (i > 0 && Is(f[i - 1], "بعد")) {
          offset = 2;
          --i;
        }
      }
      int weekday = -1;
      for (int d = 0; d < 7 && offset == 1000; ++d) {
        if (Is(w, kWeekdays[d])) weekday = d;
      }
      if (weekday >= 0 || offset != 1000) {
        size_t b = i;
        if (weekday >= 0 && i > 0 && Is(f[i - 1], "يوم")) b = i - 1;
        int direction = 0;
        if (weekday >= 0 && end < n) {
          std::string_view next = f[end];
          if (next == "المقبل" || next == "القادم") direction = 1, ++end;
          else if (next == "الماضي") direction = -1, ++end;
        }
        std::string value;
        if (today) {
          int64_t z = DaysFromCivil(*today);
          if (weekday >= 0) {
            int cur = Weekday(*today);
            int back = (cur - weekday + 7) % 7;
            if (direction == 1) {
              z += (weekday - cur + 7) % 7 == 0 ? 7 : (weekday - cur + 7) % 7;
            } else {
              z -= (direction == -1 && back == 0) ? 7 : back;
            }
          } else {
            z += offset;
          }
          value = FormatDate(CivilFromDays(z));
        }
        add(b, end, value, DateKind::kRelative);
        i = std::max(end, i + 1);
        continue;
      }
    }
    ++i;
  }
}

}  // namespace rasd::extract
