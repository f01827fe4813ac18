// JSON parser and writer: see json.h. A recursive-descent parser over RFC 8259's grammar.
#include "rasd/base/json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace rasd::base {

JsonValue JsonValue::Bool(bool b) {
  JsonValue v;
  v.type_ = Type::kBool;
  v.bool_ = b;
  return v;
}
JsonValue JsonValue::Number(double d) {
  JsonValue v;
  v.type_ = Type::kNumber;
  v.number_ = d;
  return v;
}
JsonValue JsonValue::String(std::string s) {
  JsonValue v;
  v.type_ = Type::kString;
  v.string_ = std::move(s);
  return v;
}
JsonValue JsonValue::Array(std::vector<JsonValue> items) {
  JsonValue v;
  v.type_ = Type::kArray;
  v.items_ = std::move(items);
  return v;
}
JsonValue JsonValue::Object(std::vector<Member> members) {
  JsonValue v;
  v.type_ = Type::kObject;
  v.members_ = std::move(members);
  return v;
}

const JsonValue* JsonValue::Find(std::string_view key) const {
  if (type_ != Type::kObject) return nullptr;
  for (auto it = members_.rbegin(); it != members_.rend(); ++it) {
    if (it->first == key) return &it->second;
  }
  return nullptr;
}

std::string JsonValue::Serialize() const {
  std::string out;
  JsonWriter(&out).Value(*this);
  return out;
}

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when it is invalid (overlong forms,
// surrogates and code points above U+10FFFF are invalid, per RFC 3629).
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  auto cont = [&](size_t k) {
    return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
  };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    const auto c1 = static_cast<unsigned char>(s[i + 1]);
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const auto c1 = static_cast<unsigned char>(s[i + 1]);
    if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
    if (c == 0xF4 && c1 >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// From s[i], a sequence boundary inside a string, the end of the longest prefix made of
// 16-byte chunks that hold only bytes a string may carry unescaped in one piece: ASCII from
// 0x20 but '"' and '\\', and two-byte UTF-8 sequences (0xC2-0xDF, then 0x80-0xBF), which is
// all of Arabic text. ParseString's byte loop consumes exactly these bytes the same way; this
// takes 16 at a time. A chunk's last byte may open a sequence: its continuation, the 17th
// byte, is checked and taken with it. With `stop_at_del`, 0x7F stops it too (the writer
// escapes it).
size_t SkipPlainChunks(std::string_view s, size_t i, [[maybe_unused]] bool stop_at_del = false) {
#if defined(__SSE2__)
  const char* p = s.data();
  // Bytes compared as signed: ASCII is 0..127, continuation bytes -128..-65, the two-byte
  // leads 0xC2-0xDF are -62..-33.
  const __m128i cont_end = _mm_set1_epi8(-64);  // continuation bytes are below it
  const __m128i lead_lo = _mm_set1_epi8(-63);
  const __m128i lead_hi = _mm_set1_epi8(-32);
  const __m128i space_lo = _mm_set1_epi8(0x1F);
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i del = _mm_set1_epi8(stop_at_del ? 0x7F : '"');  // else a second '"' test
  while (i + 17 <= s.size()) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
    const __m128i cont = _mm_cmplt_epi8(v, cont_end);
    const __m128i lead = _mm_and_si128(_mm_cmpgt_epi8(v, lead_lo), _mm_cmplt_epi8(v, lead_hi));
    const __m128i next_cont = _mm_cmplt_epi8(next, cont_end);
    const __m128i ascii = _mm_andnot_si128(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                     _mm_cmpeq_epi8(v, del)),
        _mm_cmpgt_epi8(v, space_lo));
    const int ok = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(ascii, cont), lead));
    const int leads = _mm_movemask_epi8(lead);
    // Every byte allowed, each lead followed by a continuation and each continuation preceded
    // by a lead (the first byte, at a boundary, is none).
    if (ok != 0xFFFF || leads != _mm_movemask_epi8(next_cont) ||
        (_mm_movemask_epi8(cont) & 1) != 0) {
      break;
    }
    i += (leads & 0x8000) != 0 ? 17 : 16;
  }
#endif
  return i;
}

void AppendUtf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  Result<JsonValue> ParseDocument() {
    SkipSpace();
    JsonValue v;
    if (!ParseValue(&v, 0)) return Error();
    SkipSpace();
    if (pos_ != s_.size()) {
      Fail("unexpected data after the JSON value");
      return Error();
    }
    return v;
  }

 private:
  Status Error() const {
    return Status::InvalidArgument("byte " + std::to_string(error_pos_) + ": " + error_);
  }

  bool Fail(std::string message) {
    if (error_.empty()) {
      error_ = std::move(message);
      error_pos_ = pos_;
    }
    return false;
  }

  void SkipSpace() {
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  bool ParseValue(JsonValue* out, int depth) {
    if (pos_ >= s_.size()) return Fail("unexpected end of input, expected a value");
    switch (s_[pos_]) {
      case '{': return ParseObject(out, depth + 1);
      case '[': return ParseArray(out, depth + 1);
      case '"': {
        std::string str;
        if (!ParseString(&str)) return false;
        *out = JsonValue::String(std::move(str));
        return true;
      }
      case 't': return ParseLiteral("true", JsonValue::Bool(true), out);
      case 'f': return ParseLiteral("false", JsonValue::Bool(false), out);
      case 'n': return ParseLiteral("null", JsonValue(), out);
      default: return ParseNumber(out);
    }
  }

  bool ParseLiteral(std::string_view word, JsonValue value, JsonValue* out) {
    if (s_.substr(pos_, word.size()) != word) return Fail("invalid literal");
    pos_ += word.size();
    *out = std::move(value);
    return true;
  }

  bool ParseNumber(JsonValue* out) {
    const size_t start = pos_;
    if (pos_ < s_.size() && s_[pos_] == '-') ++pos_;
    auto digits = [&] {
      const size_t from = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      return pos_ - from;
    };
    if (pos_ < s_.size() && s_[pos_] == '0') {
      ++pos_;
    } else if (digits() == 0) {
      pos_ = start;
      return Fail("unexpected character, expected a value");
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (digits() == 0) return Fail("expected digits after the decimal point");
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (digits() == 0) return Fail("expected digits in the exponent");
    }
    const std::string text(s_.substr(start, pos_ - start));
    const double value = std::strtod(text.c_str(), nullptr);
    // A number beyond a double's range (1e999) would be kept as infinity and written back as
    // null: its value lost without a word.
    if (!std::isfinite(value)) {
      pos_ = start;
      return Fail("number " + text.substr(0, 40) + " is out of range");
    }
    *out = JsonValue::Number(value);
    return true;
  }

  bool ParseHex4(uint32_t* cp) {
    if (pos_ + 4 > s_.size()) return Fail("truncated \\u escape");
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = s_[pos_ + i];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= c - '0';
      else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
      else return Fail("invalid hex digit in \\u escape");
    }
    pos_ += 4;
    *cp = v;
    return true;
  }

  bool ParseString(std::string* out) {
    ++pos_;  // opening quote
    while (true) {
      // Copy the run of ordinary bytes and valid UTF-8 sequences in one go: Arabic text is
      // all two-byte sequences, and appending them one by one was most of the parse.
      size_t run = SkipPlainChunks(s_, pos_);
      while (run < s_.size()) {
        const auto c = static_cast<unsigned char>(s_[run]);
        if (c < 0x80) {
          if (c == '"' || c == '\\' || c < 0x20) break;
          ++run;
        } else if (c >= 0xC2 && c <= 0xDF && run + 1 < s_.size() &&
                   (static_cast<unsigned char>(s_[run + 1]) & 0xC0) == 0x80) {
          run += 2;
        } else {
          const size_t len = Utf8SequenceLength(s_, run);
          if (len == 0) break;
          run += len;
        }
      }
      out->append(s_.data() + pos_, run - pos_);
      pos_ = run;
      if (pos_ >= s_.size()) return Fail("unterminated string");
      const auto c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return Fail("control character in string (must be escaped)");
      if (c >= 0x80) return Fail("invalid UTF-8 in string");
      // Backslash escape.
      if (++pos_ >= s_.size()) return Fail("unterminated escape");
      const char e = s_[pos_++];
      switch (e) {
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case '/': out->push_back('/'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        case 'u': {
          uint32_t cp;
          if (!ParseHex4(&cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t low;
            if (s_.substr(pos_, 2) != "\\u") return Fail("high surrogate without a low one");
            pos_ += 2;
            if (!ParseHex4(&low)) return false;
            if (low < 0xDC00 || low > 0xDFFF) return Fail("invalid low surrogate");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return Fail("lone low surrogate");
          }
          AppendUtf8(out, cp);
          break;
        }
        default:
          --pos_;
          return Fail("invalid escape character");
      }
    }
  }

  bool ParseArray(JsonValue* out, int depth) {
    if (depth > kMaxJsonDepth) return Fail("nesting deeper than " + std::to_string(kMaxJsonDepth));
    ++pos_;
    std::vector<JsonValue> items;
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      *out = JsonValue::Array(std::move(items));
      return true;
    }
    while (true) {
      SkipSpace();
      JsonValue item;
      if (!ParseValue(&item, depth)) return false;
      items.push_back(std::move(item));
      SkipSpace();
      if (pos_ >= s_.size()) return Fail("unterminated array");
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (s_[pos_] == ']') {
        ++pos_;
        *out = JsonValue::Array(std::move(items));
        return true;
      }
      return Fail("expected ',' or ']' in array");
    }
  }

  bool ParseObject(JsonValue* out, int depth) {
    if (depth > kMaxJsonDepth) return Fail("nesting deeper than " + std::to_string(kMaxJsonDepth));
    ++pos_;
    std::vector<JsonValue::Member> members;
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      *out = JsonValue::Object(std::move(members));
      return true;
    }
    while (true) {
      SkipSpace();
      if (pos_ >= s_.size() || s_[pos_] != '"') return Fail("expected a string key in object");
      std::string key;
      if (!ParseString(&key)) return false;
      SkipSpace();
      if (pos_ >= s_.size() || s_[pos_] != ':') return Fail("expected ':' after object key");
      ++pos_;
      SkipSpace();
      JsonValue value;
      if (!ParseValue(&value, depth)) return false;
      members.emplace_back(std::move(key), std::move(value));
      SkipSpace();
      if (pos_ >= s_.size()) return Fail("unterminated object");
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (s_[pos_] == '}') {
        ++pos_;
        *out = JsonValue::Object(std::move(members));
        return true;
      }
      return Fail("expected ',' or '}' in object");
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
  std::string error_;
  size_t error_pos_ = 0;
};

}  // namespace

Result<JsonValue> ParseJson(std::string_view text) { return Parser(text).ParseDocument(); }

void AppendJsonString(std::string* out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  // Bytes that go out as they are gather in runs, s[plain, i), each appended at once (16 at a
  // time found, as the reader does): a record's text is almost all such bytes. Appended one by
  // one, writing the news corpora's unknown fields back out cost 3% of the indexing thread.
  size_t plain = 0;
  size_t i = 0;
  auto flush = [&] { out->append(s.data() + plain, i - plain); };
  while (true) {
    i = SkipPlainChunks(s, i, /*stop_at_del=*/true);
    if (i >= s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t len = Utf8SequenceLength(s, i);
      if (len == 0) {
        flush();
        out->append("\xEF\xBF\xBD");  // U+FFFD REPLACEMENT CHARACTER
        plain = ++i;
        continue;
      }
      // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR: E2 80 A8 / E2 80 A9.
      if (len == 3 && c == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
          (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xA8) {
        flush();
        out->append(static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029");
        plain = i += 3;
        continue;
      }
      i += len;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f) {
      ++i;
      continue;
    }
    flush();
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
    }
    plain = ++i;
  }
  flush();
  out->push_back('"');
}

void JsonWriter::Separate() {
  if (need_comma_) out_->push_back(',');
  need_comma_ = true;
}

JsonWriter& JsonWriter::BeginObject() {
  Separate();
  out_->push_back('{');
  need_comma_ = false;
  return *this;
}
JsonWriter& JsonWriter::EndObject() {
  out_->push_back('}');
  need_comma_ = true;
  return *this;
}
JsonWriter& JsonWriter::BeginArray() {
  Separate();
  out_->push_back('[');
  need_comma_ = false;
  return *this;
}
JsonWriter& JsonWriter::EndArray() {
  out_->push_back(']');
  need_comma_ = true;
  return *this;
}
JsonWriter& JsonWriter::Key(std::string_view key) {
  Separate();
  AppendJsonString(out_, key);
  out_->push_back(':');
  need_comma_ = false;
  return *this;
}
JsonWriter& JsonWriter::String(std::string_view value) {
  Separate();
  AppendJsonString(out_, value);
  return *this;
}
JsonWriter& JsonWriter::Int(int64_t value) {
  Separate();
  out_->append(std::to_string(value));
  return *this;
}
JsonWriter& JsonWriter::Uint(uint64_t value) {
  Separate();
  out_->append(std::to_string(value));
  return *this;
}
JsonWriter& JsonWriter::Double(double value) {
  Separate();
  if (!std::isfinite(value)) {
    out_->append("null");
    return *this;
  }
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.17g", value);
  // Shortest form that round-trips is not needed; trim to a readable precision when exact.
  char shorter[32];
  for (int precision = 6; precision < 17; ++precision) {
    std::snprintf(shorter, sizeof(shorter), "%.*g", precision, value);
    if (std::strtod(shorter, nullptr) == value) {
      out_->append(shorter);
      return *this;
    }
  }
  out_->append(buf);
  return *this;
}
JsonWriter& JsonWriter::Bool(bool value) {
  Separate();
  out_->append(value ? "true" : "false");
  return *this;
}
JsonWriter& JsonWriter::Null() {
  Separate();
  out_->append("null");
  return *this;
}
JsonWriter& JsonWriter::Raw(std::string_view json) {
  Separate();
  out_->append(json);
  return *this;
}

JsonWriter& JsonWriter::Value(const JsonValue& value) {
  switch (value.type()) {
    case JsonValue::Type::kNull: return Null();
    case JsonValue::Type::kBool: return Bool(value.bool_value());
    case JsonValue::Type::kNumber: return Double(value.number_value());
    case JsonValue::Type::kString: return String(value.string_value());
    case JsonValue::Type::kArray:
      BeginArray();
      for (const auto& item : value.array_items()) Value(item);
      return EndArray();
    case JsonValue::Type::kObject:
      BeginObject();
      for (const auto& [key, member] : value.object_members()) {
        Key(key);
        Value(member);
      }
      return EndObject();
  }
  return *this;
}

}  // namespace rasd::base
