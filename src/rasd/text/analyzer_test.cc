// Tests of the whole analyzer: the seed article, offsets, positions, flags, errors, buffer reuse
// (no allocation in steady state) and randomised invariants.
#include "rasd/text/analyzer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <new>
#include <random>
#include <sstream>
#include <string>

#include "rasd/text/internal/word_cache.h"
#include "rasd/text/utf8.h"

// Counts heap allocations so the steady-state test can assert there are none.
namespace {
std::atomic<long> g_allocations{0};
}  // namespace
void* operator new(size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }
void* operator new[](size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, size_t) noexcept { std::free(p); }
// The nothrow forms (std::stable_sort's temporary buffer uses them) must come from the same
// allocator as the deletes above.
void* operator new(size_t n, const std::nothrow_t&) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n == 0 ? 1 : n);
}
void* operator new[](size_t n, const std::nothrow_t&) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n == 0 ? 1 : n);
}
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

namespace rasd::text {
namespace {

std::string Surface(std::string_view text, const Token& t) {
  return std::string(text.substr(t.start, t.end - t.start));
}

const Token* Find(const AnalyzedText& out, std::string_view text, std::string_view surface) {
  for (const Token& t : out.tokens()) {
    if (Surface(text, t) == surface) return &t;
  }
  return nullptr;
}

TEST(AnalyzerTest, BasicFields) {
  const std::string text = "قال الرئيسُ في بيروت: COVID-19 أصاب 1,000 شخص.";
  Analyzer analyzer;
  AnalyzedText out;
  ASSERT_TRUE(analyzer.Analyze(text, &out).ok());
  ASSERT_EQ(out.size(), 9u);
  for (size_t i = 0; i < out.size(); ++i) EXPECT_EQ(out[i].position, i);
  EXPECT_EQ(Surface(text, out[1]), "الرئيسُ");
  EXPECT_EQ(out[1].norm, "الرييس");
  EXPECT_EQ(out[1].stem, "رييس");
  EXPECT_FALSE(out[1].stop);
  EXPECT_EQ(out[2].norm, "في");
  EXPECT_TRUE(out[2].stop);
  EXPECT_EQ(out[2].stem, "في");  // stopwords are not stemmed
  EXPECT_EQ(out[4].norm, "covid");
  EXPECT_EQ(out[4].kind, TokenKind::kLatin);
  EXPECT_EQ(out[4].stem, "covid");
  EXPECT_EQ(out[5].norm, "19");
  EXPECT_EQ(out[5].kind, TokenKind::kNumber);
  EXPECT_EQ(out[7].norm, "1000");
  EXPECT_EQ(Surface(text, out[7]), "1,000");
}

TEST(AnalyzerTest, SeedArticle) {
  std::string dir = RASD_SHARED_DIR;
  if (const char* env = std::getenv("RASD_SHARED_DIR")) dir = env;
  std::ifstream in(dir + "/seed/000_0f4f5a14bc883487.txt", std::ios::binary);
  if (!in) GTEST_SKIP() << "seed article not found under " << dir << "/seed (set RASD_SHARED_DIR)";
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  Analyzer analyzer;
  AnalyzedText out;
  ASSERT_TRUE(analyzer.Analyze(text, &out).ok());
  // The article has الخامنئي; its stem must be that of للخامنئي and والخامنئي too.
  const Token* a = Find(out, text, "الخامنئي");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->stem, StemWord(NormalizeWord("للخامنئي")));
  EXPECT_EQ(a->stem, StemWord(NormalizeWord("والخامنئي")));
  AnalyzedText variants;
  ASSERT_TRUE(analyzer.Analyze("الخامنئي للخامنئي والخامنئي", &variants).ok());
  ASSERT_EQ(variants.size(), 3u);
  EXPECT_EQ(variants[0].stem, variants[1].stem);
  EXPECT_EQ(variants[0].stem, variants[2].stem);
  const Token* f = Find(out, text, "الفارابي");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->stem, StemWord(NormalizeWord("فارابي")));
  const Token* t = Find(out, text, "توكايف");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->stem, "توكايف");
  const Token* j = Find(out, text, "جومارت");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->stem, "جومارت");
  const Token* m = Find(out, text, "مؤكداً");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->norm, "موكدا");
  // جداً and جدا share a norm.
  EXPECT_EQ(NormalizeWord("جداً"), NormalizeWord("جدا"));
  // Every range is inside the text, in order, and re-normalises to the norm.
  uint32_t prev_end = 0;
  for (const Token& tok : out.tokens()) {
    EXPECT_GE(tok.start, prev_end);
    EXPECT_LT(tok.start, tok.end);
    prev_end = tok.end;
    EXPECT_EQ(NormalizeWord(Surface(text, tok)), tok.norm);
  }
  EXPECT_LE(prev_end, text.size());
}

TEST(AnalyzerTest, InvalidUtf8) {
  Analyzer strict;
  AnalyzedText out;
  ASSERT_TRUE(strict.Analyze("سابق", &out).ok());
  const Status s = strict.Analyze("كلمة \xC3( أخرى", &out);
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_EQ(s.message(), "invalid UTF-8 at byte 9");
  EXPECT_TRUE(out.empty());

  Analyzer lenient(AnalyzerOptions{.replace_invalid_utf8 = true});
  ASSERT_TRUE(lenient.Analyze("كلمة\xC3" "أخرى", &out).ok());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].norm, "كلمه");
  EXPECT_EQ(out[1].norm, "اخري");
}

TEST(AnalyzerTest, EmptyAndSeparatorOnly) {
  Analyzer analyzer;
  AnalyzedText out;
  ASSERT_TRUE(analyzer.Analyze("", &out).ok());
  EXPECT_TRUE(out.empty());
  ASSERT_TRUE(analyzer.Analyze(" ،؛؟ \u00A0\u2029 ـــ \u064E", &out).ok());
  EXPECT_TRUE(out.empty());
}

TEST(AnalyzerTest, TruncatedTokensAreNotStemmed) {
  std::string text = "ال";
  for (int i = 0; i < 300; ++i) text += "كتاب";
  Analyzer analyzer;
  AnalyzedText out;
  ASSERT_TRUE(analyzer.Analyze(text, &out).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_LE(out[0].norm.size(), kMaxNormBytes);
  EXPECT_EQ(out[0].stem, out[0].norm);
  EXPECT_EQ(out[0].end, text.size());
}

TEST(AnalyzerTest, SteadyStateDoesNotAllocate) {
  std::string text;
  for (int i = 0; i < 50; ++i) {
    text += "والخامنئي قال للصحفيين في طهران إن 1,000 شخص زاروا www.example.com اليوم. ";
  }
  Analyzer analyzer;
  AnalyzedText out;
  ASSERT_TRUE(analyzer.Analyze(text, &out).ok());  // grows the buffers
  const size_t capacity = out.CapacityBytes();
  const long before = g_allocations.load();
  for (int i = 0; i < 20; ++i) {
    if (!analyzer.Analyze(text, &out).ok()) break;
  }
  const long after = g_allocations.load();
  EXPECT_EQ(after - before, 0);
  EXPECT_EQ(out.CapacityBytes(), capacity);
  EXPECT_EQ(out.size(), 50u * 11u);
}

TEST(AnalyzerTest, BuffersOfAHugeTextAreGivenBack) {
  Analyzer analyzer;
  AnalyzedText out;
  std::string article;
  for (int i = 0; i < 20; ++i) article += "قال الرئيس للصحفيين في طهران إن الاتفاق سيوقع. ";
  ASSERT_TRUE(analyzer.Analyze(article, &out).ok());
  const size_t ordinary = out.CapacityBytes();
  // A text of some 2 MB grows both buffers past their bounds...
  std::string huge;
  while (huge.size() < (size_t{2} << 20)) huge += article;
  ASSERT_TRUE(analyzer.Analyze(huge, &out).ok());
  ASSERT_GT(out.size(), AnalyzedText::kKeptTokens);
  EXPECT_GT(out.CapacityBytes(), AnalyzedText::kKeptTokens * sizeof(Token) +
                                     AnalyzedText::kKeptArenaBytes);
  // ...and the next text, an ordinary article, is analysed in buffers of its own size.
  ASSERT_TRUE(analyzer.Analyze(article, &out).ok());
  EXPECT_EQ(out.size(), 20u * 8u);
  EXPECT_EQ(out[out.size() - 1].norm, "سيوقع");
  EXPECT_LE(out.CapacityBytes(), ordinary);
}

// Over a long random text, every token's flags agree with the stemmer and the stopword list,
// on the first pass (word cache filling, slots replaced) and the second (mostly hits).
TEST(AnalyzerTest, StemsAndFlagsAgreeWithTheParts) {
  const uint32_t seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  const char* letters[] = {"ا", "ل", "و", "ب", "ت", "ي", "ن", "م", "ه", "ك", "ف", "س", "ع", "ة", "ى"};
  const char* words[] = {"في", "من", "الخامنئي", "والكتاب", "المعلمون", "الله", "يحصلون"};
  std::string text;
  for (int i = 0; i < 60000; ++i) {
    if (rng() % 4 == 0) {
      text += words[rng() % std::size(words)];
    } else {
      const int n = 1 + rng() % 14;  // up to 28 bytes: some words are too long to cache
      for (int k = 0; k < n; ++k) text += letters[rng() % std::size(letters)];
    }
    text += ' ';
  }
  Analyzer analyzer;
  AnalyzedText out;
  for (int pass = 0; pass < 2; ++pass) {
    ASSERT_TRUE(analyzer.Analyze(text, &out).ok());
    for (const Token& t : out.tokens()) {
      const bool stop = IsStopword(t.norm);
      ASSERT_EQ(t.stop, stop) << t.norm;
      ASSERT_EQ(t.stem, stop ? std::string(t.norm) : StemWord(t.norm)) << t.norm;
    }
  }
}

// The word cache is for articles: an AnalyzedText that only ever holds queries has none.
TEST(AnalyzerTest, OnlyLongTextsGetAWordCache) {
  Analyzer analyzer;
  AnalyzedText out;
  const std::string query = "الرئيس الإيراني إبراهيم رئيسي";
  ASSERT_TRUE(analyzer.Analyze(query, &out).ok());
  EXPECT_LT(out.CapacityBytes(), sizeof(internal::WordCache));
  std::string article;
  while (article.size() < AnalyzedText::kWordCacheMinBytes) article += query + " ";
  ASSERT_TRUE(analyzer.Analyze(article, &out).ok());
  EXPECT_GE(out.CapacityBytes(), sizeof(internal::WordCache));
  ASSERT_TRUE(analyzer.Analyze(query, &out).ok());  // kept for the next article
  EXPECT_GE(out.CapacityBytes(), sizeof(internal::WordCache));
  EXPECT_EQ(out[3].stem, StemWord(out[3].norm));
}

TEST(AnalyzerTest, ReuseDoesNotDisturbNewViews) {
  Analyzer analyzer;
  AnalyzedText out;
  ASSERT_TRUE(analyzer.Analyze("طويلة جدا جدا جدا", &out).ok());
  ASSERT_TRUE(analyzer.Analyze("قصير", &out).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].norm, "قصير");
  AnalyzedText moved = std::move(out);
  EXPECT_EQ(moved[0].norm, "قصير");
}

// Random mixtures of the interesting characters: ranges are ordered, inside the input, and
// re-normalise to the norm; norms are valid UTF-8 and stems are substrings of norms.
TEST(AnalyzerTest, RandomTextInvariants) {
  const uint32_t seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  const char* pieces[] = {"ب", "ال", "و", "ة", "ى", "أ", "ً", "ـ", "\u200C", "\u200F", "a", "Z",
                          "é", "1", "٣", ",", ".", "٫", "٬", " ", "#", "_", "@", "-", "http://",
                          "www.", ".com", "x@y.org", "ﻻ", "ﷲ", "\u00A0", "\u2028", "\xEF\xBB\xBF",
                          "😀", "\xFF", "\xD8"};
  Analyzer analyzer(AnalyzerOptions{.replace_invalid_utf8 = true});
  AnalyzedText out;
  for (int iter = 0; iter < 3000; ++iter) {
    std::string text;
    const int n = rng() % 30;
    for (int i = 0; i < n; ++i) text += pieces[rng() % std::size(pieces)];
    ASSERT_TRUE(analyzer.Analyze(text, &out).ok());
    uint32_t prev_end = 0;
    for (const Token& t : out.tokens()) {
      ASSERT_LE(prev_end, t.start) << testing::PrintToString(text);
      ASSERT_LT(t.start, t.end);
      ASSERT_LE(t.end, text.size());
      prev_end = t.end;
      ASSERT_FALSE(t.norm.empty());
      ASSERT_TRUE(IsValidUtf8(t.norm));
      ASSERT_GE(t.stem.data(), t.norm.data());
      ASSERT_LE(t.stem.data() + t.stem.size(), t.norm.data() + t.norm.size());
      const std::string surface = Surface(text, t);
      if (IsValidUtf8(surface)) {
        ASSERT_EQ(NormalizeWord(surface), t.norm) << testing::PrintToString(text);
      }
    }
  }
}

}  // namespace
}  // namespace rasd::text
