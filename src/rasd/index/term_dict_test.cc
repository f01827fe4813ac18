// The term dictionary against std::map: exact lookup (present and absent terms), Seek to
// the ceiling, full ordered iteration, ordinal lookup and prefix enumeration; and a text
// field's entries (front-coding lengths on both sides of the one-byte form, doc freq and
// total freq with and without the once flag, singletons) against the postings written.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <random>

#include "rasd/base/mem_env.h"
#include "rasd/index/index_reader.h"
#include "rasd/index/testing/segment_builder.h"

namespace rasd::index {
namespace {

std::string RandomTerm(std::mt19937_64& rng) {
  static const char* kPrefixes[] = {"", "a", "ab", "abc", "\xd8\xa7\xd9\x84", "zz", "m"};
  std::string t = kPrefixes[rng() % 7];
  const size_t n = rng() % 12;
  for (size_t i = 0; i < n; ++i) t.push_back(static_cast<char>(rng() % 4 == 0 ? rng() % 256 : 'a' + rng() % 6));
  if (rng() % 200 == 0) t.append(rng() % 3000, 'q');  // long terms
  return t.empty() ? "e" : t;
}

TEST(TermDictTest, AgainstMap) {
  const uint64_t seed = std::random_device()();
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  std::mt19937_64 rng(seed);
  for (int round = 0; round < 4; ++round) {
    const size_t n = round == 0 ? 1 : round == 1 ? 32 : round == 2 ? 33 : 5000;
    std::map<std::string, uint32_t> terms;  // term -> its single doc
    while (terms.size() < n) terms.emplace(RandomTerm(rng), 0);
    const uint32_t max_doc = 100;
    testing::FieldSpec f{"f", FieldKind::kKeyword, false, {}, {}};
    for (auto& [t, doc] : terms) {
      doc = static_cast<uint32_t>(rng() % max_doc);
      f.terms.push_back({t, {doc}, {}, {}});
    }
    auto env = base::NewMemEnv();
    auto core = testing::BuildSegment(env.get(), "/s", 1, max_doc, {f});
    ASSERT_TRUE(core.ok()) << core.status().ToString();
    const FieldReader* field = (*core)->Field("f");
    ASSERT_NE(field, nullptr);
    EXPECT_EQ(field->stats().num_terms, n);
    // Iteration and ordinals.
    TermIterator it(field);
    it.SeekToFirst();
    uint32_t ord = 0;
    std::string s;
    for (const auto& [t, doc] : terms) {
      ASSERT_TRUE(it.Valid());
      ASSERT_EQ(it.term(), t);
      ASSERT_EQ(it.info().ord, ord);
      ASSERT_EQ(it.info().singleton_doc, doc);
      ASSERT_TRUE(field->TermForOrd(ord, &s));
      ASSERT_EQ(s, t);
      TermInfo info;
      ASSERT_TRUE(field->FindTerm(t, &info)) << t;
      ASSERT_EQ(info.ord, ord);
      it.Next();
      ++ord;
    }
    EXPECT_FALSE(it.Valid());
    EXPECT_TRUE(it.status().ok());
    EXPECT_FALSE(field->TermForOrd(ord, &s));
    // Absent terms and Seek.
    for (int i = 0; i < 2000; ++i) {
      const std::string probe = RandomTerm(rng);
      TermInfo info;
      const bool present = terms.count(probe) > 0;
      EXPECT_EQ(field->FindTerm(probe, &info), present) << probe;
      const bool exact = it.Seek(probe);
      EXPECT_EQ(exact, present);
      auto lb = terms.lower_bound(probe);
      if (lb == terms.end()) {
        EXPECT_FALSE(it.Valid());
      } else {
        ASSERT_TRUE(it.Valid());
        EXPECT_EQ(it.term(), lb->first);
      }
      // Prefix enumeration from the seek position.
      size_t want = 0, got = 0;
      for (auto p = terms.lower_bound(probe.substr(0, 2)); p != terms.end() && p->first.starts_with(probe.substr(0, 2)); ++p) ++want;
      for (it.Seek(probe.substr(0, 2)); it.Valid() && it.term().starts_with(probe.substr(0, 2)); it.Next()) ++got;
      EXPECT_EQ(got, want);
    }
    // Before the first and after the last term.
    TermInfo none;
    EXPECT_EQ(field->FindTerm("", &none), terms.count("") > 0);
    it.Seek("");
    EXPECT_TRUE(it.Valid());
    EXPECT_EQ(it.term(), terms.begin()->first);
    it.Seek(std::string(20, '\xff'));
    EXPECT_FALSE(it.Valid());
  }
}

// FindBlock narrows its search with each block's first 8 bytes (FieldData::block_keys):
// terms that share those bytes across many blocks, that are shorter than 8 bytes, or that
// differ from another only by trailing zero bytes (equal keys) must still be found, and
// their absent neighbours not.
TEST(TermDictTest, BlocksOfEqualLeadingBytes) {
  std::set<std::string> terms;
  for (int i = 0; i < 3000; ++i) terms.insert("\xd8\xa7\xd9\x84\xd9\x85\xd8\xb3" + std::to_string(i));
  for (int i = 0; i < 200; ++i) terms.insert(std::string("ab") + std::to_string(i));
  for (size_t zeros = 0; zeros < 12; ++zeros) {
    terms.insert(std::string("abcdefg") + std::string(zeros, '\0'));
    terms.insert(std::string("abcdefg") + std::string(zeros, '\0') + "x");
  }
  terms.insert("a");
  testing::FieldSpec f{"f", FieldKind::kKeyword, false, {}, {}};
  for (const std::string& t : terms) f.terms.push_back({t, {0}, {}, {}});
  auto env = base::NewMemEnv();
  auto core = testing::BuildSegment(env.get(), "/s", 1, 1, {f});
  ASSERT_TRUE(core.ok()) << core.status().ToString();
  const FieldReader* field = (*core)->Field("f");
  ASSERT_NE(field, nullptr);
  uint32_t ord = 0;
  for (const std::string& t : terms) {
    TermInfo info;
    ASSERT_TRUE(field->FindTerm(t, &info)) << t;
    EXPECT_EQ(info.ord, ord++);
    for (const std::string& absent : {t + "\x01", t.substr(0, t.size() - 1) + "\x01"}) {
      EXPECT_EQ(field->FindTerm(absent, &info), terms.count(absent) > 0) << absent;
    }
  }
  TermInfo info;
  EXPECT_FALSE(field->FindTerm("", &info));
  EXPECT_FALSE(field->FindTerm(std::string(9, '\xff'), &info));
}

// Terms whose front-coding lengths fall on both sides of 15 (the one-byte form and its
// escapes), each with postings chosen so that every entry form occurs: singletons of
// frequency 1 and more, longer lists with every frequency 1 and with some above.
TEST(TermDictTest, TextEntriesAgainstPostings) {
  const uint64_t seed = std::random_device()();
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  std::mt19937_64 rng(seed);
  const uint32_t max_doc = 300;
  for (bool positions : {true, false}) {
    std::map<std::string, testing::TermPostings> terms;
    while (terms.size() < 700) {
      std::string t(rng() % 40, static_cast<char>('a' + rng() % 2));       // shared prefixes 0..39
      const size_t suffix = rng() % 3 == 0 ? 14 + rng() % 4 : rng() % 20;  // around 15
      for (size_t i = 0; i < suffix; ++i) t.push_back(static_cast<char>('a' + rng() % 26));
      if (t.empty()) t = "x";
      testing::TermPostings p;
      p.term = t;
      const uint32_t df = rng() % 3 == 0 ? 1 : 1 + static_cast<uint32_t>(rng() % 200);
      const bool once = rng() % 2 == 0;
      for (uint32_t d = 0; d < max_doc && p.docs.size() < df; ++d) {
        if (rng() % (max_doc / df + 1) != 0 && max_doc - d > df - p.docs.size()) continue;
        p.docs.push_back(d);
        const uint32_t freq = once ? 1 : 1 + static_cast<uint32_t>(rng() % 3);
        p.freqs.push_back(freq);
        if (positions) {
          std::vector<uint32_t> pos;
          for (uint32_t k = 0; k < freq; ++k) pos.push_back(k * 2);
          p.positions.push_back(pos);
        }
      }
      terms.emplace(t, std::move(p));
    }
    testing::FieldSpec f{"body", FieldKind::kText, positions, std::vector<uint8_t>(max_doc, 7), {}};
    for (auto& [t, p] : terms) f.terms.push_back(p);
    auto env = base::NewMemEnv();
    auto core = testing::BuildSegment(env.get(), "/s", 1, max_doc, {f});
    ASSERT_TRUE(core.ok()) << core.status().ToString();
    const FieldReader* field = (*core)->Field("body");
    ASSERT_NE(field, nullptr);
    TermIterator it(field);
    it.SeekToFirst();
    PostingsIterator postings;
    for (const auto& [t, p] : terms) {
      ASSERT_TRUE(it.Valid());
      ASSERT_EQ(it.term(), t);
      uint64_t ttf = 0;
      for (uint32_t f : p.freqs) ttf += f;
      TermInfo info;
      ASSERT_TRUE(field->FindTerm(t, &info)) << t;
      for (const TermInfo& i : {info, it.info()}) {
        ASSERT_EQ(i.doc_freq, p.docs.size()) << t;
        ASSERT_EQ(i.total_term_freq, ttf) << t;
        if (p.docs.size() == 1) {
          ASSERT_EQ(i.singleton_doc, p.docs[0]) << t;
        }
      }
      field->Postings(info, &postings, positions);
      for (size_t k = 0; k < p.docs.size(); ++k) {
        ASSERT_EQ(postings.Next(), p.docs[k]) << t;
        ASSERT_EQ(postings.freq(), p.freqs[k]) << t;
        if (positions) {
          for (uint32_t pos : p.positions[k]) ASSERT_EQ(postings.NextPosition(), pos) << t;
        }
      }
      ASSERT_EQ(postings.Next(), kNoMoreDocs) << t;
      ASSERT_TRUE(postings.status().ok()) << postings.status().ToString();
      it.Next();
    }
    EXPECT_FALSE(it.Valid());
    EXPECT_TRUE(it.status().ok()) << it.status().ToString();
  }
}

}  // namespace
}  // namespace rasd::index
