// QueryParams: typed, validated access to a request's query parameters.
//
// Every getter either returns a value (or the fallback when the parameter is absent) or an
// InvalidArgument whose message names the parameter and says what was expected and what
// came, e.g. "parameter 'limit' must be an integer from 1 to 100, got 'ten'". The API turns
// that into a 400 response with {"error":{"code":"bad_parameter","parameter":"limit",…}}.
// Unknown parameters are errors too (CheckKnown), so a misspelt filter ("sorce=") is reported
// instead of silently ignored; names starting with '_' are left to clients (cache busters).
//
// Thread-safety: a view over a Request's parameters; read-only.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/base/result.h"
#include "rasd/engine/engine.h"

namespace rasd::server {

// A failed parameter: which one, and why (for the error body).
struct ParamError {
  std::string parameter;
  std::string message;
};

template <typename T>
struct ParamResult {
  std::optional<T> value;        // set on success
  std::optional<ParamError> error;
  bool ok() const { return !error.has_value(); }
};

class QueryParams {
 public:
  explicit QueryParams(const std::multimap<std::string, std::string>& params) : params_(params) {}

  // The first unknown parameter (not in `known`, not starting with '_'), or the first whose
  // name or value is not UTF-8, if any.
  std::optional<ParamError> CheckKnown(std::initializer_list<std::string_view> known) const;
  // A parameter given more than once whose name is not in `repeatable`.
  std::optional<ParamError> CheckSingle(std::initializer_list<std::string_view> repeatable) const;

  bool Has(std::string_view name) const;
  // The last value given (or `fallback`).
  std::string GetString(std::string_view name, std::string fallback = {}) const;
  // Every non-empty value, in order; a value may also hold several, separated by commas
  // when `split_commas` (source=a,b).
  std::vector<std::string> GetAll(std::string_view name, bool split_commas = false) const;

  ParamResult<int64_t> GetInt(std::string_view name, int64_t fallback, int64_t min,
                              int64_t max) const;
  // 1/0, true/false, yes/no, on/off.
  ParamResult<bool> GetBool(std::string_view name, bool fallback) const;
  // An ISO 8601 date or date-time, as epoch seconds. A bare date (YYYY-MM-DD) means the
  // start of that day, or with `end_of_day` its last second (so to=2026-03-02 includes the
  // whole day). Absent or empty: no value, no error.
  ParamResult<std::optional<int64_t>> GetDate(std::string_view name, bool end_of_day) const;
  // relevance | newest | oldest.
  ParamResult<engine::SortOrder> GetSort(std::string_view name) const;

 private:
  const std::multimap<std::string, std::string>& params_;
};

}  // namespace rasd::server
