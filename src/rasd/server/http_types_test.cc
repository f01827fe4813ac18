#include "rasd/server/http_types.h"

#include <gtest/gtest.h>

#include "rasd/base/json.h"

namespace rasd::server {
namespace {

TEST(HttpTypesTest, ErrorResponseShape) {
  Response r = ErrorResponse(400, "bad_parameter", "parameter 'limit' is bad", "limit");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  auto doc = base::ParseJson(r.body);
  ASSERT_TRUE(doc.ok()) << r.body;
  const base::JsonValue* err = doc->Find("error");
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(err->Find("code")->string_value(), "bad_parameter");
  EXPECT_EQ(err->Find("message")->string_value(), "parameter 'limit' is bad");
  EXPECT_EQ(err->Find("parameter")->string_value(), "limit");
}

TEST(HttpTypesTest, ErrorWithoutParameterOmitsIt) {
  Response r = ErrorResponse(404, "", "gone");
  auto doc = base::ParseJson(r.body);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->Find("error")->Find("code")->string_value(), "not_found");
  EXPECT_EQ(doc->Find("error")->Find("parameter"), nullptr);
}

TEST(HttpTypesTest, HeadersAreCaseInsensitive) {
  Request req;
  req.headers = {{"content-type", "application/json"}, {"Authorization", "Bearer x"}};
  EXPECT_EQ(req.Header("Content-Type"), "application/json");
  EXPECT_EQ(req.Header("AUTHORIZATION"), "Bearer x");
  EXPECT_EQ(req.Header("X-Missing"), "");
  Response res;
  res.SetHeader("Allow", "GET");
  res.SetHeader("allow", "POST");
  ASSERT_EQ(res.headers.size(), 1u);
  EXPECT_EQ(res.headers[0].second, "POST");
}

TEST(HttpTypesTest, DefaultCodes) {
  EXPECT_EQ(DefaultErrorCode(413), "payload_too_large");
  EXPECT_EQ(DefaultErrorCode(405), "method_not_allowed");
  EXPECT_EQ(DefaultErrorCode(502), "internal");
}

}  // namespace
}  // namespace rasd::server
