#include "rasd/server/access_log.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "rasd/base/json.h"

namespace rasd::server {
namespace {

TEST(AccessLogTest, OneJsonLinePerRequest) {
  AccessLogEntry e;
  e.time_ms = 1772444400123;  // 2026-03-02T09:40:00.123Z
  e.remote = "127.0.0.1";
  e.method = "GET";
  e.path = "/api/search";
  e.query = "q=%D8%A7";
  e.status = 200;
  e.bytes = 512;
  e.duration_ms = 1.23456;
  const std::string line = FormatAccessLogLine(e);
  ASSERT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  auto doc = base::ParseJson(line);
  ASSERT_TRUE(doc.ok()) << line;
  EXPECT_EQ(doc->Find("time")->string_value(), "2026-03-02T09:40:00.123Z");
  EXPECT_EQ(doc->Find("method")->string_value(), "GET");
  EXPECT_EQ(doc->Find("path")->string_value(), "/api/search");
  EXPECT_EQ(doc->Find("query")->string_value(), "q=%D8%A7");
  EXPECT_EQ(doc->Find("status")->number_value(), 200);
  EXPECT_EQ(doc->Find("bytes")->number_value(), 512);
  EXPECT_DOUBLE_EQ(doc->Find("duration_ms")->number_value(), 1.235);
}

TEST(AccessLogTest, HostileRequestLinesStayOneLine) {
  AccessLogEntry e;
  e.path = "/x\n{\"forged\":1}";
  e.method = "GET";
  const std::string line = FormatAccessLogLine(e);
  EXPECT_EQ(line.find('\n'), line.size() - 1);
}

TEST(AccessLogTest, LongTargetsAreCut) {
  AccessLogEntry e;
  e.path = "/" + std::string(5000, 'a');
  e.query = "q=" + std::string(5000, 'b');
  EXPECT_LT(FormatAccessLogLine(e).size(), 1300u);
}

TEST(AccessLogTest, WritesToTheDescriptor) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  AccessLog log(fds[1]);
  AccessLogEntry e;
  e.method = "POST";
  log.Write(e);
  ::close(fds[1]);
  char buf[512];
  const ssize_t n = ::read(fds[0], buf, sizeof(buf));
  ::close(fds[0]);
  ASSERT_GT(n, 0);
  EXPECT_NE(std::string(buf, static_cast<size_t>(n)).find("\"POST\""), std::string::npos);
  AccessLog off(-1);
  EXPECT_FALSE(off.enabled());
  off.Write(e);  // no-op
}

}  // namespace
}  // namespace rasd::server
