// Query parameter validation: see params.h.
#include "rasd/server/params.h"

#include <cerrno>
#include <cstdlib>

#include "rasd/engine/analysis.h"
#include "rasd/engine/article.h"

namespace rasd::server {
namespace {

// Quotes a user value for an error message, cut to a readable length.
std::string Shown(std::string_view value) {
  constexpr size_t kMax = 60;
  std::string out = "'";
  if (value.size() <= kMax) {
    out.append(value);
  } else {
    size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
    out.append(value.substr(0, cut));
    out += "…";
  }
  out += "'";
  return out;
}

bool IsKnown(std::string_view name, std::initializer_list<std::string_view> known) {
  for (std::string_view k : known) {
    if (k == name) return true;
  }
  return false;
}

}  // namespace

std::optional<ParamError> QueryParams::CheckKnown(
    std::initializer_list<std::string_view> known) const {
  for (const auto& [name, value] : params_) {
    // Text is UTF-8 (docs/API.md): a stray byte would otherwise be read as U+FFFD, a query
    // of nothing that matches everything.
    for (const std::string* text : {&name, &value}) {
      if (Status utf8 = engine::ValidateUtf8(*text); !utf8.ok()) {
        return ParamError{name, std::string(text == &name ? "the name of parameter "
                                                          : "the value of parameter ") +
                                    Shown(name) + " is not UTF-8 once percent-decoded: " +
                                    std::string(utf8.message())};
      }
    }
    if (!name.empty() && name[0] == '_') continue;
    if (!IsKnown(name, known)) {
      std::string list;
      for (std::string_view k : known) {
        if (!list.empty()) list += ", ";
        list.append(k);
      }
      return ParamError{name, "unknown parameter " + Shown(name) +
                                  (list.empty() ? std::string(": this endpoint takes none")
                                                : "; this endpoint takes: " + list)};
    }
  }
  return std::nullopt;
}

std::optional<ParamError> QueryParams::CheckSingle(
    std::initializer_list<std::string_view> repeatable) const {
  for (auto it = params_.begin(); it != params_.end(); it = params_.upper_bound(it->first)) {
    if (params_.count(it->first) > 1 && !IsKnown(it->first, repeatable) &&
        !(it->first.size() > 0 && it->first[0] == '_')) {
      return ParamError{it->first, "parameter '" + it->first + "' may be given only once"};
    }
  }
  return std::nullopt;
}

bool QueryParams::Has(std::string_view name) const {
  return params_.find(std::string(name)) != params_.end();
}

std::string QueryParams::GetString(std::string_view name, std::string fallback) const {
  auto range = params_.equal_range(std::string(name));
  if (range.first == range.second) return fallback;
  return std::prev(range.second)->second;
}

std::vector<std::string> QueryParams::GetAll(std::string_view name, bool split_commas) const {
  std::vector<std::string> out;
  auto range = params_.equal_range(std::string(name));
  for (auto it = range.first; it != range.second; ++it) {
    std::string_view v = it->second;
    if (!split_commas) {
      if (!v.empty()) out.emplace_back(v);
      continue;
    }
    size_t pos = 0;
    while (pos <= v.size()) {
      size_t comma = v.find(',', pos);
      if (comma == std::string_view::npos) comma = v.size();
      std::string_view part = v.substr(pos, comma - pos);
      while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
      while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
      if (!part.empty()) out.emplace_back(part);
      pos = comma + 1;
    }
  }
  return out;
}

ParamResult<int64_t> QueryParams::GetInt(std::string_view name, int64_t fallback, int64_t min,
                                         int64_t max) const {
  ParamResult<int64_t> r;
  if (!Has(name)) {
    r.value = fallback;
    return r;
  }
  const std::string v = GetString(name);
  errno = 0;
  char* end = nullptr;
  const long long n = std::strtoll(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0' || errno != 0 || n < min || n > max ||
      !(v[0] == '-' || (v[0] >= '0' && v[0] <= '9'))) {
    r.error = ParamError{std::string(name), "parameter '" + std::string(name) +
                                                "' must be an integer from " +
                                                std::to_string(min) + " to " +
                                                std::to_string(max) + ", got " + Shown(v)};
    return r;
  }
  r.value = n;
  return r;
}

ParamResult<bool> QueryParams::GetBool(std::string_view name, bool fallback) const {
  ParamResult<bool> r;
  if (!Has(name)) {
    r.value = fallback;
    return r;
  }
  const std::string v = GetString(name);
  if (v == "1" || v == "true" || v == "yes" || v == "on") {
    r.value = true;
  } else if (v == "0" || v == "false" || v == "no" || v == "off") {
    r.value = false;
  } else {
    r.error = ParamError{std::string(name), "parameter '" + std::string(name) +
                                                "' must be true or false (1 or 0), got " +
                                                Shown(v)};
  }
  return r;
}

ParamResult<std::optional<int64_t>> QueryParams::GetDate(std::string_view name,
                                                         bool end_of_day) const {
  ParamResult<std::optional<int64_t>> r;
  // Spaces around the value (a form's trailing '+') are no part of the date; they would hide
  // a bare day from the end-of-day rule below.
  std::string v = GetString(name);
  const size_t first = v.find_first_not_of(" \t");
  v = first == std::string::npos ? std::string()
                                  : v.substr(first, v.find_last_not_of(" \t") - first + 1);
  if (v.empty()) {
    r.value = std::optional<int64_t>();
    return r;
  }
  std::optional<int64_t> t = engine::ParseIsoDate(v);
  if (!t) {
    r.error = ParamError{std::string(name), "parameter '" + std::string(name) +
                                                "' must be an ISO 8601 date (2026-03-02) or "
                                                "date-time (2026-03-02T09:40:00+03:00), got " +
                                                Shown(v)};
    return r;
  }
  if (end_of_day && v.size() == 10) *t += 86400 - 1;
  r.value = t;
  return r;
}

ParamResult<engine::SortOrder> QueryParams::GetSort(std::string_view name) const {
  ParamResult<engine::SortOrder> r;
  const std::string v = GetString(name, "relevance");
  if (v == "relevance" || v.empty()) {
    r.value = engine::SortOrder::kRelevance;
  } else if (v == "newest") {
    r.value = engine::SortOrder::kNewest;
  } else if (v == "oldest") {
    r.value = engine::SortOrder::kOldest;
  } else {
    r.error = ParamError{std::string(name), "parameter '" + std::string(name) +
                                                "' must be relevance, newest or oldest, got " +
                                                Shown(v)};
  }
  return r;
}

}  // namespace rasd::server
