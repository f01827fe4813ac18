// JSON reading and writing (RFC 8259), for ingest records, command-line output and the HTTP
// API.
//
// The parser builds a small DOM (JsonValue). It is strict where strictness protects data
// (invalid UTF-8, lone surrogates, trailing garbage, control characters in strings are
// errors) and reports every error with its byte offset, so an ingest can say "line 12, byte
// 40: unterminated string". It accepts U+2028/U+2029 raw inside strings, as JSON allows and
// the real news corpora contain. Nesting deeper than kMaxJsonDepth is an error, not a stack
// overflow.
//
// JsonWriter appends compact JSON to a string; it escapes control characters, quotes and
// backslashes, and writes U+2028/U+2029 as \u escapes so the output is also safe inside a
// <script> block and JavaScript string literals.
//
// Thread-safety: plain values; no shared state.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rasd/base/result.h"

namespace rasd::base {

inline constexpr int kMaxJsonDepth = 256;

class JsonValue {
 public:
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  using Member = std::pair<std::string, JsonValue>;

  JsonValue() = default;
  static JsonValue Bool(bool b);
  static JsonValue Number(double d);
  static JsonValue String(std::string s);
  static JsonValue Array(std::vector<JsonValue> items);
  static JsonValue Object(std::vector<Member> members);

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  bool is_bool() const { return type_ == Type::kBool; }
  bool is_number() const { return type_ == Type::kNumber; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_object() const { return type_ == Type::kObject; }

  bool bool_value() const { return bool_; }
  double number_value() const { return number_; }
  const std::string& string_value() const { return string_; }
  const std::vector<JsonValue>& array_items() const { return items_; }
  // Members in document order (duplicates kept; Find returns the last, as JavaScript does).
  const std::vector<Member>& object_members() const { return members_; }

  // The member named `key` of an object, or nullptr (also when this is not an object).
  const JsonValue* Find(std::string_view key) const;

  // Compact JSON text of this value.
  std::string Serialize() const;

 private:
  Type type_ = Type::kNull;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;
  std::vector<JsonValue> items_;
  std::vector<Member> members_;
};

// Parses exactly one JSON value surrounded by optional whitespace. InvalidArgument on error,
// with the message "byte N: <what was wrong>".
Result<JsonValue> ParseJson(std::string_view text);

// A streaming writer. Calls must form valid JSON (the writer inserts commas and colons but
// does not police nesting).
class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Uint(uint64_t value);
  // Non-finite values are written as null (JSON has no NaN).
  JsonWriter& Double(double value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // Inserts already-serialised JSON as one value.
  JsonWriter& Raw(std::string_view json);
  JsonWriter& Value(const JsonValue& value);

 private:
  void Separate();

  std::string* out_;
  bool need_comma_ = false;
};

// Appends `s` as a quoted JSON string (escaping as described above). Invalid UTF-8 bytes are
// written as U+FFFD so the output is always valid JSON.
void AppendJsonString(std::string* out, std::string_view s);

}  // namespace rasd::base
