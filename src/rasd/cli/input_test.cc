// ReadInput: whole files and failed reads.
#include "rasd/cli/input.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace rasd::cli {
namespace {

std::filesystem::path Scratch(const char* name) {
  return std::filesystem::temp_directory_path() /
         (std::string("rasd_input_test_") + name + "_" + std::to_string(::getpid()));
}

TEST(ReadInputTest, ReadsAWholeFileByteForByte) {
  const auto path = Scratch("file");
  std::string text = "رصد\n";
  for (int i = 0; i < 20000; ++i) text += "سطر " + std::to_string(i) + "\n";  // several reads
  text.push_back('\0');  // bytes, not C strings
  text += "end";
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    ASSERT_EQ(std::fwrite(text.data(), 1, text.size(), f), text.size());
    std::fclose(f);
  }
  Result<std::string> got = ReadInput(path.string());
  ASSERT_TRUE(got.ok()) << got.status().message();
  EXPECT_EQ(*got, text);
  std::filesystem::remove(path);
}

TEST(ReadInputTest, AMissingFileIsNotFoundAndNamed) {
  const auto path = Scratch("missing");
  Result<std::string> got = ReadInput(path.string());
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kNotFound);
  EXPECT_NE(got.status().message().find("open " + path.string()), std::string::npos)
      << got.status().message();
}

TEST(ReadInputTest, AFailedReadIsAnErrorNotAShortDocument) {
  // A directory opens but cannot be read (EISDIR).
  const auto path = Scratch("dir");
  std::filesystem::create_directory(path);
  Result<std::string> got = ReadInput(path.string());
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kIOError);
  EXPECT_NE(got.status().message().find("read " + path.string()), std::string::npos)
      << got.status().message();
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace rasd::cli
