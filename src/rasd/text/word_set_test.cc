// WordSet against std::set on random words.
#include "rasd/text/word_set.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace rasd::text {
namespace {

TEST(WordSetTest, MembersAndNonMembers) {
  const WordSet set({"في", "من", "على", "الله", "في"});
  EXPECT_EQ(set.size(), 4u);
  EXPECT_TRUE(set.Contains("في"));
  EXPECT_TRUE(set.Contains("الله"));
  EXPECT_FALSE(set.Contains("فيه"));
  EXPECT_FALSE(set.Contains(""));
  EXPECT_FALSE(set.Contains(std::string(100, 'x')));
  EXPECT_FALSE(WordSet().Contains("x"));
}

TEST(WordSetTest, AgreesWithStdSet) {
  const uint32_t seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  auto word = [&] {
    std::string w(1 + rng() % 6, 'a');
    for (char& c : w) c = static_cast<char>('a' + rng() % 3);
    return w;
  };
  std::vector<std::string> words;
  for (int i = 0; i < 200; ++i) words.push_back(word());
  const WordSet set(words);
  const std::set<std::string> reference(words.begin(), words.end());
  EXPECT_EQ(set.size(), reference.size());
  for (int i = 0; i < 20000; ++i) {
    const std::string w = word();
    ASSERT_EQ(set.Contains(w), reference.count(w) == 1) << w;
  }
}

}  // namespace
}  // namespace rasd::text
