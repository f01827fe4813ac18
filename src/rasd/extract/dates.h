// Dates mentioned in article text.
//
// Recognised (over the tagger's tokens, letters folded, proclitics و/ف/ب/ل allowed):
//   - numeric dates: 8/5/2018, 08-05-2018, 2018-05-08, 8.5.2018 (day first unless the year
//     comes first; invalid dates are ignored);
//   - month names with a day and/or year: 8 مايو 2018, الثامن من... is not handled,
//     أيار (مايو) 2018, 8 كانون الثاني 2020 (Levantine/Iraqi months), 8 جانفي 2020
//     (Maghrebi months, from the French), يناير الماضي (month alone only after شهر or with a
//     number: a bare ماي / آب is too ambiguous);
//   - Hijri months with a day or year (22 شعبان 1439 هـ), kind "hijri", value in the Hijri
//     calendar (no conversion);
//   - relative days: اليوم، أمس، أول أمس، غدا، بعد غد, and weekdays (الثلاثاء, يوم الخميس);
//     اليوم is not today with an ordinal or relational adjective or الذي after it (اليوم
//     التالي، اليوم الوطني، اليوم الذي), after ذلك / نفس (ذلك اليوم), or in the leading
//     dateline (up to four words before the first dash: عين اليوم – جدة, an outlet); all
//     resolved against the article's date when given: a weekday is the latest such day on
//     or before the article date (news reports the past), or the next one when followed by
//     المقبل / القادم, or strictly before when followed by الماضي.
// Values are ISO 8601: YYYY-MM-DD, or YYYY-MM / YYYY when partial, --MM-DD for a day and
// month without a year and without an article date, "" for a relative day that cannot be
// resolved.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/extract/ner_tokenizer.h"

namespace rasd::extract {

enum class DateKind : uint8_t { kAbsolute, kRelative, kHijri };
std::string_view DateKindName(DateKind k);

struct DateMention {
  uint32_t start = 0, end = 0;  // byte range in the text
  std::string value;
  DateKind kind = DateKind::kAbsolute;
};

struct CivilDate {
  int year = 0, month = 0, day = 0;
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

// Parses the date part of an ISO 8601 string ("2018-05-08", "2018-05-08T10:00:00+03:00").
std::optional<CivilDate> ParseIsoDate(std::string_view s);
// Days since 1970-01-01 (proleptic Gregorian; Hinnant's days_from_civil) and back.
int64_t DaysFromCivil(CivilDate d);
CivilDate CivilFromDays(int64_t days);
// 0 = Sunday ... 6 = Saturday.
int Weekday(CivilDate d);
bool ValidDate(CivilDate d);
std::string FormatDate(CivilDate d);

// Finds dates in `text`, tokenised as `tok`. `article_date` may be "".
void FindDates(std::string_view text, const TokenizedText& tok, std::string_view article_date,
               std::vector<DateMention>* out);

}  // namespace rasd::extract
