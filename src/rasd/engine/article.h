// Article: one news item as rasd ingests, stores and returns it, and its JSON form.
//
// The JSON form is the ingest format (one object per JSONL line) and the stored form:
//   {"id":…, "title":…, "body":…, "source":…, "date":…, "url":…, "category":…,
//    "author":…, …any other fields, kept as they came}
// `id` is required and must be a non-empty string (a number is accepted and kept as its
// decimal text); an article needs a non-empty title or body (either alone is normal).
// `date` is ISO 8601 (2018-05-08, 2018-05-08T14:03:00+03:00, …); an unparseable date is kept
// as text but gives the article no date for filtering and sorting.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rasd/base/json.h"
#include "rasd/base/result.h"

namespace rasd::engine {

struct Article {
  std::string id;
  std::string title;
  std::string body;
  std::string source;
  std::string date;  // as given
  std::string url;
  std::string category;
  std::string author;
  // Fields rasd does not interpret, in input order: name and the value's JSON text.
  std::vector<std::pair<std::string, std::string>> extra;
};

// Builds an Article from a parsed JSON object. InvalidArgument naming the problem ("no id",
// "id is not a string", "neither title nor body has text", "field 'title' is not a string").
Result<Article> ArticleFromJson(const base::JsonValue& value);

// An id is one line of text: it names the article in URLs (/api/articles/ID), TREC runs and
// `rasd get`, none of which can carry a line break. InvalidArgument for an id without text
// or with a control character (C0, DEL, or C1 such as U+0085 NEXT LINE) or a line or
// paragraph separator (U+2028, U+2029), naming the character and its byte.
Status ValidateArticleId(std::string_view id);

// An id (or a name) as an error message quotes it: in single quotes, and when longer than
// kQuotedIdBytes its first bytes up to a character boundary, then "…" and its size ("'abc…'
// (100000 bytes)"), so that a hostile 100 KB id does not become a 100 KB message.
inline constexpr size_t kQuotedIdBytes = 80;
std::string QuoteId(std::string_view id);

// Parses one JSON text (a JSONL line). Errors carry the byte offset within the text.
Result<Article> ParseArticleJson(std::string_view json);

// The JSON object above, fields in the order shown, extra fields last.
std::string ArticleToJson(const Article& article);

// Seconds since 1970-01-01T00:00:00Z for an ISO 8601 date or date-time (a date alone is
// midnight UTC; a missing offset is UTC). std::nullopt when `text` is not such a date.
std::optional<int64_t> ParseIsoDate(std::string_view text);

// What is wrong with an article's date, for a warning: a date given but not one
// ParseIsoDate reads. The article is still indexed, without a date (no date filter matches
// it, and it sorts after the dated ones), so ingest reports it instead of failing it.
// std::nullopt for a readable or an empty date.
std::optional<std::string> DateProblem(const Article& article);

// "YYYY-MM-DD" (UTC) for seconds since the epoch.
std::string FormatDay(int64_t epoch_seconds);

}  // namespace rasd::engine
