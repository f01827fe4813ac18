// Request and Response: the HTTP exchange as the API sees it, independent of the HTTP library.
//
// The API (api.h) maps a Request to a Response as a plain function, so routing, parameter
// validation, authorisation and error shapes are tested without sockets, and the HTTP library
// (cpp-httplib, in http_server.cc) stays a detail of one file. Paths and parameters arrive
// percent-decoded; header names are compared without regard to case (RFC 9110 §5.1).
//
// Thread-safety: plain values.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rasd::server {

struct Request {
  std::string method;                                   // "GET", "HEAD", "POST", …
  std::string path;                                     // percent-decoded, without the query
  std::multimap<std::string, std::string> params;       // percent-decoded query parameters
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first header named `name` (any case), or an empty view.
  std::string_view Header(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Allow, …)

  void SetHeader(std::string name, std::string value);
};

// The JSON error body every failure carries:
//   {"error":{"code":"bad_parameter","message":"…","parameter":"limit"}}
// `code` is a stable machine-readable word; `parameter` is present for bad parameters only.
Response ErrorResponse(int status, std::string_view code, std::string_view message,
                       std::string_view parameter = {});

// The reason phrase's stable error code for a status without a more specific one
// (404 → "not_found", 413 → "payload_too_large", …).
std::string_view DefaultErrorCode(int status);

// ASCII case-insensitive equality, for header names and media types.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace rasd::server
