#include "rasd/server/static_files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

namespace rasd::server {
namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/rasd_static_XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    ASSERT_EQ(::mkdir((dir_ + "/web").c_str(), 0755), 0);
    ASSERT_EQ(::mkdir((dir_ + "/web/js").c_str(), 0755), 0);
    ASSERT_EQ(::mkdir((dir_ + "/web/tests").c_str(), 0755), 0);
    ASSERT_EQ(::mkdir((dir_ + "/fonts").c_str(), 0755), 0);
    Write("/web/index.html", "<!doctype html>");
    Write("/web/js/app.js", "export {}");
    Write("/web/.hidden", "secret");
    Write("/web/tests/browser.test.mjs", "test");
    Write("/web/package.json", "{}");
    Write("/web/package-lock.json", "{}");
    Write("/secret.txt", "outside");
    Write("/fonts/Font-Regular.ttf", "ttf");
    ASSERT_EQ(::symlink((dir_ + "/secret.txt").c_str(), (dir_ + "/web/link.txt").c_str()), 0);
  }
  void TearDown() override {
    std::string cmd = "rm -rf '" + dir_ + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
  }
  void Write(const std::string& rel, const std::string& data) {
    std::ofstream(dir_ + rel) << data;
  }
  std::string dir_;
};

TEST_F(StaticFilesTest, ServesIndexAndFilesWithTypes) {
  StaticFiles files(dir_ + "/web", dir_ + "/fonts");
  auto index = files.Lookup("/");
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  EXPECT_EQ(index->body, "<!doctype html>");
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  auto js = files.Lookup("/js/app.js");
  ASSERT_TRUE(js.ok());
  EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
  auto font = files.Lookup("/fonts/Font-Regular.ttf");
  ASSERT_TRUE(font.ok());
  EXPECT_EQ(font->content_type, "font/ttf");
  EXPECT_TRUE(font->immutable);
}

TEST_F(StaticFilesTest, RefusesTraversalAndHiddenFiles) {
  StaticFiles files(dir_ + "/web", dir_ + "/fonts");
  for (const char* path :
       {"/../secret.txt", "/js/../../secret.txt", "/./index.html", "/js//app.js", "/.hidden",
        "/..", "//etc/passwd", "/js\\..\\..\\secret.txt", "/tests/browser.test.mjs",
        "/node_modules/x.js", "/package.json", "/package-lock.json", "/fonts/../secret.txt",
        "/c:/windows"}) {
    auto r = files.Lookup(path);
    EXPECT_FALSE(r.ok()) << path;
  }
  EXPECT_FALSE(files.Lookup(std::string("/index.html\0.png", 16)).ok());
  EXPECT_FALSE(files.Lookup("relative.html").ok());
  EXPECT_FALSE(files.Lookup("").ok());
}

TEST_F(StaticFilesTest, SymbolicLinksMayNotLeadOut) {
  StaticFiles files(dir_ + "/web", dir_ + "/fonts");
  auto r = files.Lookup("/link.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsInvalidArgument()) << r.status().ToString();
}

TEST_F(StaticFilesTest, FontsOnlyByPlainNameAndExtension) {
  StaticFiles files(dir_ + "/web", dir_ + "/fonts");
  EXPECT_FALSE(files.Lookup("/fonts/secret.txt").ok());
  EXPECT_FALSE(files.Lookup("/fonts/Font Regular.ttf").ok());
  EXPECT_TRUE(files.Lookup("/fonts/Missing.ttf").status().IsNotFound());
}

// A FIFO left in the folder is no file to serve: it is refused at once, where opening it
// for reading waited for a writer and held a worker.
TEST_F(StaticFilesTest, FifoIsNotFoundWithoutWaiting) {
  ASSERT_EQ(::mkfifo((dir_ + "/web/pipe.txt").c_str(), 0644), 0);
  StaticFiles files(dir_ + "/web", "");
  EXPECT_TRUE(files.Lookup("/pipe.txt").status().IsNotFound());
}

TEST_F(StaticFilesTest, MissingFilesAndNoFolder) {
  StaticFiles files(dir_ + "/web", "");
  EXPECT_TRUE(files.Lookup("/nope.html").status().IsNotFound());
  EXPECT_TRUE(files.Lookup("/js").status().IsNotFound());  // a folder is not a file
  EXPECT_TRUE(files.Lookup("/fonts/Font-Regular.ttf").status().IsNotFound());
  StaticFiles none("", "");
  EXPECT_TRUE(none.Lookup("/").status().IsNotFound());
}

TEST(StaticFilesSafePathTest, Table) {
  EXPECT_TRUE(StaticFiles::IsSafePath("/"));
  EXPECT_TRUE(StaticFiles::IsSafePath("/a/b.css"));
  EXPECT_TRUE(StaticFiles::IsSafePath("/صفحة.html"));
  EXPECT_FALSE(StaticFiles::IsSafePath("/a/"));
  EXPECT_FALSE(StaticFiles::IsSafePath("/a/../b"));
  EXPECT_FALSE(StaticFiles::IsSafePath("/a/\x01"));
}

}  // namespace
}  // namespace rasd::server
