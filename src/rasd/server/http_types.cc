// Request/Response helpers and the JSON error body: see http_types.h.
#include "rasd/server/http_types.h"

#include "rasd/base/json.h"

namespace rasd::server {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

void Response::SetHeader(std::string name, std::string value) {
  for (auto& [key, old] : headers) {
    if (EqualsIgnoreCase(key, name)) {
      old = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::string_view DefaultErrorCode(int status) {
  switch (status) {
    case 400: return "bad_request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 408: return "request_timeout";
    case 411: return "length_required";
    case 413: return "payload_too_large";
    case 414: return "uri_too_long";
    case 415: return "unsupported_media_type";
    case 416: return "range_not_satisfiable";
    case 429: return "too_many_requests";
    case 503: return "unavailable";
    default: return status >= 500 ? "internal" : "bad_request";
  }
}

Response ErrorResponse(int status, std::string_view code, std::string_view message,
                       std::string_view parameter) {
  Response res;
  res.status = status;
  base::JsonWriter w(&res.body);
  w.BeginObject().Key("error").BeginObject();
  w.Key("code").String(code.empty() ? DefaultErrorCode(status) : code);
  w.Key("message").String(message);
  if (!parameter.empty()) w.Key("parameter").String(parameter);
  w.EndObject().EndObject();
  res.body += '\n';
  return res;
}

}  // namespace rasd::server
