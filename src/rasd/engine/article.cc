// Article <-> JSON, and ISO 8601 date parsing.
#include "rasd/engine/article.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "rasd/base/macros.h"
#include "rasd/text/utf8.h"

namespace rasd::engine {
namespace {

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (Howard Hinnant's
// days_from_civil algorithm, http://howardhinnant.github.io/date_algorithms.html).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

Status StringField(const base::JsonValue& obj, std::string_view name, std::string* out) {
  const base::JsonValue* v = obj.Find(name);
  if (v == nullptr || v->is_null()) return Status::OK();
  if (!v->is_string()) {
    return Status::InvalidArgument("field '" + std::string(name) + "' is not a string");
  }
  *out = v->string_value();
  return Status::OK();
}

bool HasText(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return true;
  }
  return false;
}

}  // namespace

Status ValidateArticleId(std::string_view id) {
  if (!HasText(id)) return Status::InvalidArgument("article has no id");
  const auto* begin = reinterpret_cast<const uint8_t*>(id.data());
  const auto* end = begin + id.size();
  for (const uint8_t* p = begin; p < end;) {
    char32_t cp = 0;
    const int n = text::DecodeUtf8(p, end, &cp);
    if (n <= 0) {
      return Status::InvalidArgument("article id is not UTF-8 at byte " +
                                     std::to_string(p - begin));
    }
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) {
      char hex[16];
      std::snprintf(hex, sizeof hex, cp < 0x80 ? "0x%02X" : "U+%04X", static_cast<unsigned>(cp));
      return Status::InvalidArgument("article id has a control character (" + std::string(hex) +
                                     " at byte " + std::to_string(p - begin) + ")");
    }
    p += n;
  }
  return Status::OK();
}

std::string QuoteId(std::string_view id) {
  if (id.size() <= kQuotedIdBytes) return "'" + std::string(id) + "'";
  return "'" + std::string(text::Utf8Prefix(id, kQuotedIdBytes)) + "\u2026' (" +
         std::to_string(id.size()) + " bytes)";
}

std::optional<int64_t> ParseIsoDate(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  int year, month, day;
  if (!Digits(s, 0, 4, &year) || s.size() < 10 || s[4] != '-' || !Digits(s, 5, 2, &month) ||
      s[7] != '-' || !Digits(s, 8, 2, &day)) {
    return std::nullopt;
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 ||
      day > kDays[month - 1] + (month == 2 && IsLeap(year) ? 1 : 0)) {
    return std::nullopt;
  }
  int64_t seconds =
      DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400;
  size_t pos = 10;
  if (pos == s.size()) return seconds;
  if (s[pos] != 'T' && s[pos] != ' ') return std::nullopt;
  ++pos;
  int hour, minute, second = 0;
  if (!Digits(s, pos, 2, &hour) || pos + 5 > s.size() || s[pos + 2] != ':' ||
      !Digits(s, pos + 3, 2, &minute) || hour > 23 || minute > 59) {
    return std::nullopt;
  }
  pos += 5;
  if (pos < s.size() && s[pos] == ':') {
    if (!Digits(s, pos + 1, 2, &second) || second > 60) return std::nullopt;
    pos += 3;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    }
  }
  seconds += hour * 3600 + minute * 60 + second;
  if (pos == s.size()) return seconds;
  if (s[pos] == 'Z' && pos + 1 == s.size()) return seconds;
  if (s[pos] == '+' || s[pos] == '-') {
    const int sign = s[pos] == '+' ? 1 : -1;
    int oh, om = 0;
    if (!Digits(s, pos + 1, 2, &oh)) return std::nullopt;
    size_t p = pos + 3;
    if (p < s.size() && s[p] == ':') ++p;
    if (p < s.size()) {
      if (!Digits(s, p, 2, &om)) return std::nullopt;
      p += 2;
    }
    if (p != s.size() || oh > 14 || om > 59) return std::nullopt;
    return seconds - sign * (oh * 3600 + om * 60);
  }
  return std::nullopt;
}

std::optional<std::string> DateProblem(const Article& article) {
  if (!HasText(article.date) || ParseIsoDate(article.date)) return std::nullopt;
  std::string shown = article.date.substr(0, 60);
  if (shown.size() < article.date.size()) shown += "...";
  return "date '" + shown +
         "' is not an ISO 8601 date (YYYY-MM-DD, or YYYY-MM-DDThh:mm[:ss] with Z or an offset): "
         "indexed without a date";
}

std::string FormatDay(int64_t epoch_seconds) {
  // civil_from_days, the inverse of DaysFromCivil (same source).
  int64_t z = (epoch_seconds >= 0 ? epoch_seconds : epoch_seconds - 86399) / 86400 + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

Result<Article> ArticleFromJson(const base::JsonValue& value) {
  if (!value.is_object()) return Status::InvalidArgument("an article must be a JSON object");
  // A key given twice would leave one of its values unread in silence (JSON parsers disagree
  // on which one wins), and an unknown one would be stored twice. The keys are sorted to find
  // one, so that a hostile record of many keys costs n log n, not n squared.
  std::vector<std::string_view> names;
  names.reserve(value.object_members().size());
  for (const auto& member : value.object_members()) names.push_back(member.first);
  std::sort(names.begin(), names.end());
  if (auto twice = std::adjacent_find(names.begin(), names.end()); twice != names.end()) {
    const std::string_view key = text::Utf8Prefix(*twice, 60);
    return Status::InvalidArgument("key \"" + std::string(key) +
                                   (key.size() < twice->size() ? "..." : "") + "\" appears twice");
  }
  Article a;
  const base::JsonValue* id = value.Find("id");
  if (id == nullptr || id->is_null()) return Status::InvalidArgument("no id");
  if (id->is_number()) {
    // A JSON number is a double here: only integers below 2^53 keep every digit. A larger
    // one would be rounded into another article's id and replace it.
    const double v = id->number_value();
    if (!(std::fabs(v) < 9007199254740992.0)) {
      // Not its digits: the number read is already rounded (9007199254740993 reads as
      // ...992), and quoting that would name another id.
      return Status::InvalidArgument(
          "id is a number of magnitude 2^53 or more, which JSON numbers do not hold exactly: "
          "send it as a string");
    }
    if (v != std::floor(v)) {
      return Status::InvalidArgument("id " + id->Serialize() +
                                     " is not an integer: send it as a string");
    }
    a.id = base::JsonValue::Number(v).Serialize();
  } else if (id->is_string()) {
    a.id = id->string_value();
  } else {
    return Status::InvalidArgument("id is not a string");
  }
  if (!HasText(a.id)) return Status::InvalidArgument("id is empty");
  RASD_RETURN_IF_ERROR(StringField(value, "title", &a.title));
  RASD_RETURN_IF_ERROR(StringField(value, "body", &a.body));
  RASD_RETURN_IF_ERROR(StringField(value, "source", &a.source));
  RASD_RETURN_IF_ERROR(StringField(value, "date", &a.date));
  RASD_RETURN_IF_ERROR(StringField(value, "url", &a.url));
  RASD_RETURN_IF_ERROR(StringField(value, "category", &a.category));
  RASD_RETURN_IF_ERROR(StringField(value, "author", &a.author));
  if (!HasText(a.title) && !HasText(a.body)) {
    return Status::InvalidArgument("neither title nor body has text");
  }
  static constexpr std::string_view kKnown[] = {"id",   "title", "body",     "source",
                                                "date", "url",   "category", "author"};
  for (const auto& [name, member] : value.object_members()) {
    bool known = false;
    for (auto k : kKnown) known = known || name == k;
    if (!known) a.extra.emplace_back(name, member.Serialize());
  }
  return a;
}

Result<Article> ParseArticleJson(std::string_view json) {
  RASD_ASSIGN_OR_RETURN(base::JsonValue value, base::ParseJson(json));
  return ArticleFromJson(value);
}

std::string ArticleToJson(const Article& a) {
  std::string out;
  base::JsonWriter w(&out);
  w.BeginObject().Key("id").String(a.id).Key("title").String(a.title).Key("body").String(a.body);
  w.Key("source").String(a.source).Key("date").String(a.date).Key("url").String(a.url);
  w.Key("category").String(a.category).Key("author").String(a.author);
  for (const auto& [name, json] : a.extra) w.Key(name).Raw(json);
  w.EndObject();
  return out;
}

}  // namespace rasd::engine
