// Tests of the analyzer's word cache: keys equal the zero-padded bytes whatever the word's
// length and surroundings, and a slot holds the last word stored there and no other.
#include "rasd/text/internal/word_cache.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace rasd::text::internal {
namespace {

WordCache::Key KeyOf(std::string_view word) {
  WordCache::Key k;
  EXPECT_TRUE(WordCache::MakeKey(word, &k)) << word.size() << " bytes";
  return k;
}

WordCache::Key PaddedKey(std::string_view word) {
  WordCache::Key k;
  std::memcpy(k.w, word.data(), word.size());
  k.size = static_cast<uint8_t>(word.size());
  return k;
}

// Every length the cache takes, inside a buffer of nonzero bytes, so that a load reading past
// the word or a shift off by one byte shows in the key.
TEST(WordCacheTest, KeyIsTheZeroPaddedWord) {
  std::mt19937 rng(7);
  std::string buffer(64, '\0');
  for (int round = 0; round < 50; ++round) {
    for (char& c : buffer) c = static_cast<char>(1 + rng() % 255);
    for (size_t n = 1; n <= WordCache::kMaxWordBytes; ++n) {
      const std::string_view word(buffer.data() + 16, n);
      const WordCache::Key got = KeyOf(word);
      const WordCache::Key want = PaddedKey(word);
      ASSERT_EQ(got.size, n);
      for (int i = 0; i < 3; ++i) ASSERT_EQ(got.w[i], want.w[i]) << "length " << n << " word " << i;
    }
  }
}

// Longer words (and the empty word) have no key: the analyzer computes their analysis.
TEST(WordCacheTest, RefusesWordsItCannotKey) {
  const std::string long_word(64, 'x');
  WordCache::Key k;
  for (size_t n = WordCache::kMaxWordBytes + 1; n <= long_word.size(); ++n) {
    EXPECT_FALSE(WordCache::MakeKey(std::string_view(long_word.data(), n), &k)) << n;
  }
  EXPECT_FALSE(WordCache::MakeKey("", &k));
}

TEST(WordCacheTest, HoldsTheLastWordOfEachSlot) {
  auto cache = std::make_unique<WordCache>();
  const WordCache::Key a = KeyOf("الخامنئي");
  size_t slot_a = 0;
  EXPECT_EQ(cache->Lookup(a, &slot_a), nullptr);
  cache->Insert(a, slot_a, {false, 4, 12});
  size_t slot = 0;
  const WordCache::Analysis* found = cache->Lookup(a, &slot);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(slot, slot_a);
  EXPECT_FALSE(found->stop);
  EXPECT_EQ(found->stem_begin, 4);
  EXPECT_EQ(found->stem_size, 12);

  // A prefix of the word and the word with a trailing zero byte are other words.
  EXPECT_EQ(cache->Lookup(KeyOf(std::string_view("الخامنئي", 14)), &slot), nullptr);
  EXPECT_EQ(cache->Lookup(KeyOf(std::string_view("الخامنئي\0", 17)), &slot), nullptr);

  // Another word that hashes to the same slot misses, then takes the slot over.
  std::string other;
  WordCache::Key b;
  for (uint32_t i = 0;; ++i) {
    other = "w" + std::to_string(i);
    b = KeyOf(other);
    if (cache->Lookup(b, &slot) == nullptr && slot == slot_a) break;
  }
  cache->Insert(b, slot, {true, 0, static_cast<uint8_t>(other.size())});
  EXPECT_EQ(cache->Lookup(a, &slot), nullptr) << other;
  found = cache->Lookup(b, &slot);
  ASSERT_NE(found, nullptr);
  EXPECT_TRUE(found->stop);
}

// Words that differ only in trailing zero bytes have equal w[] and differ in size alone; when
// two of them share a slot, the size tells them apart.
TEST(WordCacheTest, SizeIsPartOfTheKey) {
  auto cache = std::make_unique<WordCache>();
  for (uint32_t i = 0;; ++i) {
    ASSERT_LT(i, 100000u) << "no two sizes of one word shared a slot";
    std::string word = "w" + std::to_string(i);
    std::vector<std::pair<size_t, size_t>> slots;  // (slot, size)
    for (std::string padded = word; padded.size() <= WordCache::kMaxWordBytes; padded += '\0') {
      size_t slot = 0;
      EXPECT_EQ(cache->Lookup(KeyOf(padded), &slot), nullptr);
      slots.emplace_back(slot, padded.size());
    }
    for (size_t x = 0; x < slots.size(); ++x) {
      for (size_t y = x + 1; y < slots.size(); ++y) {
        if (slots[x].first != slots[y].first) continue;
        const std::string a = word + std::string(slots[x].second - word.size(), '\0');
        const std::string b = word + std::string(slots[y].second - word.size(), '\0');
        cache->Insert(KeyOf(a), slots[x].first, {true, 0, 1});
        size_t slot = 0;
        EXPECT_NE(cache->Lookup(KeyOf(a), &slot), nullptr);
        EXPECT_EQ(cache->Lookup(KeyOf(b), &slot), nullptr) << a.size() << " vs " << b.size();
        EXPECT_EQ(slot, slots[x].first);
        return;
      }
    }
  }
}

}  // namespace
}  // namespace rasd::text::internal
