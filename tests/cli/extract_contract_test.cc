// The `rasd tag --conll` and `rasd extract --json` contracts (issue 5): scripts outside the
// project depend on the output shapes. `tag --conll` output aligns line by line with its
// input (blank lines kept, token<TAB>tag with valid BIO tags); `extract --json` on the seed
// article names the people, organisations and places with canonical names (the two Tokayev
// spellings merged) and gives every quote a speaker_canonical that is a name, never a
// pronoun; JSONL input gives one output line per article, carrying its id. Tests that need
// ../shared (the seed article, ANERcorp) skip with a message when it is absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "rasd/base/json.h"
#include "rasd/engine/extraction.h"
#include "run_command.h"

namespace rasd {
namespace {

using testing::RunCommand;
using testing::Lines;
using testing::ShellQuote;

const std::string kRasd = RASD_BIN;

std::string SharedDir() {
  const char* env = std::getenv("RASD_SHARED_DIR");
  return env ? env : RASD_SHARED_DIR;
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *out = s.str();
  return true;
}

base::JsonValue ParseLine(const std::string& line) {
  auto v = base::ParseJson(line);
  EXPECT_TRUE(v.ok()) << v.status().ToString() << " in: " << line.substr(0, 200);
  return v.ok() ? *v : base::JsonValue();
}

// Checks that `out` is `in` with a tag appended to every token line, and that the tags form
// valid BIO sequences within each sentence.
void ExpectAlignedBio(const std::string& in, const std::string& out) {
  static const std::set<std::string> kTags = {"O",     "B-PERS", "I-PERS", "B-LOC", "I-LOC",
                                              "B-ORG", "I-ORG",  "B-MISC", "I-MISC"};
  std::vector<std::string> a = Lines(in), b = Lines(out);
  ASSERT_EQ(a.size(), b.size()) << "output must align line by line with the input";
  std::string prev = "O";
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string token = a[i].substr(0, a[i].find('\t'));
    if (token.empty()) {
      EXPECT_EQ(b[i], "") << "line " << i + 1 << ": blank lines are kept";
      prev = "O";
      continue;
    }
    ASSERT_EQ(b[i].substr(0, token.size() + 1), token + "\t") << "line " << i + 1;
    const std::string tag = b[i].substr(token.size() + 1);
    ASSERT_TRUE(kTags.count(tag)) << "line " << i + 1 << ": tag '" << tag << "'";
    if (tag[0] == 'I') {
      EXPECT_TRUE(prev != "O" && prev.substr(2) == tag.substr(2))
          << "line " << i + 1 << ": " << tag << " after " << prev;
    }
    prev = tag;
  }
}

TEST(TagCommandTest, ConllOutputAlignsWithInput) {
  const std::string in =
      "قال\nالرئيس\nالإيراني\nإبراهيم\nرئيسي\nفي\nطهران\n.\n\n"
      "وأكدت\nوكالة\nمهر\nللأنباء\nذلك\n\n\n"
      "x\n";
  auto r = RunCommand(kRasd + " tag --conll", in);
  ASSERT_EQ(r.exit_status, 0) << r.err;
  ExpectAlignedBio(in, r.out);
  // Something in the first sentence is a name.
  EXPECT_NE(r.out.find("\tB-"), std::string::npos) << r.out;
}

// The command reads its input in pieces of ConllTagger::Piece() sentences, each with
// ConllTagger::Context() sentences on either side: its output is the tags of the whole input
// tagged at once (engine::ConllTagger, in this process), whatever the pieces. The synthetic
// input makes three pieces and part of a fourth.
TEST(TagCommandTest, PiecesTagAsTheWholeInput) {
  const char* people[] = {"إبراهيم رئيسي", "قاسم جومارت توكايف", "علي الخامنئي", "الفارابي",
                          "دونالد ترامب", "ماكرون", "كريم", "سلمان"};
  const char* places[] = {"طهران", "كازاخستان", "أستانا", "باريس", "واشنطن", "أوكرانيا", "نجران"};
  const char* words[] = {"وقال", "الرئيس", "وصل", "إلى", "في", "اليوم", "مع", "نادي", "شركة"};
  std::vector<std::vector<std::string>> sentences;
  std::string in;
  uint32_t x = 7;
  auto next = [&x](uint32_t n) {
    x = x * 1103515245u + 12345u;
    return (x >> 16) % n;
  };
  // Three pieces and part of a fourth, as the command reads them.
  const size_t count = 3 * engine::ConllTagger::Piece() + 130;
  for (size_t i = 0; i < count; ++i) {
    std::string text;
    for (int w = 0; w < 4 + static_cast<int>(next(6)); ++w) {
      const uint32_t kind = next(3);
      text += std::string(kind == 0 ? people[next(8)] : kind == 1 ? places[next(7)]
                                                                  : words[next(9)]) + " ";
    }
    std::vector<std::string> tokens;
    std::istringstream split(text);
    for (std::string t; split >> t;) {
      tokens.push_back(t);
      in += t + "\n";
    }
    in += "\n";
    sentences.push_back(std::move(tokens));
  }
  auto tagger = engine::ConllTagger::Open();
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  const std::vector<std::vector<std::string>> expected =
      (*tagger)->Tag(sentences, 0, sentences.size());
  std::string want;
  for (size_t k = 0; k < sentences.size(); ++k) {
    for (size_t i = 0; i < sentences[k].size(); ++i) {
      want += sentences[k][i] + "\t" + expected[k][i] + "\n";
    }
    want += "\n";
  }
  auto r = RunCommand(kRasd + " tag --conll -", in);
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_NE(want.find("\tB-"), std::string::npos);
  ASSERT_EQ(r.out.size(), want.size());
  EXPECT_TRUE(r.out == want) << "the command's tags differ from the whole input's";
}

TEST(TagCommandTest, IgnoresAGoldColumnAndReadsFiles) {
  // CoNLL files with a gold tag after the token are accepted; the output replaces it.
  const std::string in = "إيران\tB-LOC\nو\tO\nكازاخستان\tB-LOC\n\nطهران\tB-LOC\n";
  auto r = RunCommand(kRasd + " tag --conll -", in);
  ASSERT_EQ(r.exit_status, 0) << r.err;
  ExpectAlignedBio(in, r.out);
  auto missing = RunCommand(kRasd + " tag --conll /nonexistent/file.conll");
  EXPECT_NE(missing.exit_status, 0);
  EXPECT_NE(missing.err.find("/nonexistent/file.conll"), std::string::npos) << missing.err;
}

// A token that is not UTF-8 keeps its line (the output still aligns) and is named on
// standard error; it was tagged in silence.
TEST(TagCommandTest, InvalidUtf8TokenKeepsItsLineAndIsNamed) {
  const std::string in = "طهران\n\xff\xfe\n\nب\n";
  auto r = RunCommand(kRasd + " tag --conll -", in);
  ASSERT_EQ(r.exit_status, 0) << r.err;
  ExpectAlignedBio(in, r.out);
  EXPECT_NE(r.err.find("stdin:2: token invalid UTF-8 at byte 0"), std::string::npos) << r.err;
}

// The entities (type, first and end line) of CoNLL lines token<TAB>tag, as conlleval reads
// them: an I- tag of another type than the entity before it starts a new one.
std::set<std::tuple<std::string, size_t, size_t>> Entities(const std::vector<std::string>& lines) {
  std::set<std::tuple<std::string, size_t, size_t>> out;
  std::string type;
  size_t start = 0;
  for (size_t i = 0; i <= lines.size(); ++i) {
    const size_t tab = i < lines.size() ? lines[i].rfind('\t') : std::string::npos;
    const std::string tag = tab == std::string::npos ? "O" : lines[i].substr(tab + 1);
    const bool inside = tag[0] == 'I' && tag.substr(2) == type;
    if (!type.empty() && !inside) {
      out.emplace(type, start, i);
      type.clear();
    }
    if (tag != "O" && !inside) {
      type = tag.substr(2);
      start = i;
    }
  }
  return out;
}

// ANERcorp test through the command: aligned, and tagged with both stages of the tagger, each
// sentence with the sentences around it as its document (extract/conll_tagging.h): entity F1
// 76.5 (docs/QUALITY.md), where the sentence stage alone, which the command used to run,
// scores 73.1. The file is read in pieces (two here); the output does not depend on how many
// blank lines part the sentences.
TEST(TagCommandTest, AnercorpTestFileAlignsAndUsesTheDocumentStage) {
  const std::string path = SharedDir() + "/data/ner/anercorp/test.conll";
  std::string in;
  if (!ReadFile(path, &in)) GTEST_SKIP() << "shared data absent: " << path;
  auto r = RunCommand(kRasd + " tag --conll " + ShellQuote(path));
  ASSERT_EQ(r.exit_status, 0) << r.err;
  ExpectAlignedBio(in, r.out);
  const auto gold = Entities(Lines(in));
  const auto found = Entities(Lines(r.out));
  size_t correct = 0;
  for (const auto& e : found) correct += gold.count(e);
  ASSERT_GT(gold.size(), 2000u);
  const double f1 = 200.0 * static_cast<double>(correct) /
                    static_cast<double>(gold.size() + found.size());
  EXPECT_GT(f1, 75.0) << correct << " of " << found.size() << " found, " << gold.size() << " gold";
  // Every blank line doubled (and three before the first sentence): the same tags.
  std::string spaced = "\n\n\n";
  for (const std::string& line : Lines(in)) spaced += line.empty() ? "\n\n" : line + "\n";
  auto r2 = RunCommand(kRasd + " tag --conll -", spaced);
  ASSERT_EQ(r2.exit_status, 0) << r2.err;
  ExpectAlignedBio(spaced, r2.out);
  std::vector<std::string> tags, tags2;
  for (const std::string& line : Lines(r.out)) {
    if (!line.empty()) tags.push_back(line);
  }
  for (const std::string& line : Lines(r2.out)) {
    if (!line.empty()) tags2.push_back(line);
  }
  EXPECT_EQ(tags, tags2);
}

class ExtractSeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string dir = SharedDir() + "/seed/";
    auto ls = RunCommand("ls " + ShellQuote(dir) + "*.txt 2>/dev/null | head -1");
    path_ = Lines(ls.out).empty() ? "" : Lines(ls.out)[0];
    if (path_.empty() || !ReadFile(path_, &text_)) GTEST_SKIP() << "seed article absent in " << dir;
  }
  std::string path_, text_;
};

TEST_F(ExtractSeedTest, EntitiesQuotesAndOffsets) {
  auto r = RunCommand(kRasd + " extract --json " + ShellQuote(path_));
  ASSERT_EQ(r.exit_status, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 1u) << "one JSON object for one plain-text article";
  base::JsonValue doc = ParseLine(lines[0]);
  ASSERT_NE(doc.Find("entities"), nullptr);
  ASSERT_NE(doc.Find("quotes"), nullptr);
  std::set<std::pair<std::string, std::string>> canon;  // (type, canonical)
  std::set<std::string> tokayev;                        // canonical names of Tokayev mentions
  for (const auto& e : doc.Find("entities")->array_items()) {
    const std::string text = e.Find("text")->string_value();
    const auto start = static_cast<size_t>(e.Find("start")->number_value());
    const auto end = static_cast<size_t>(e.Find("end")->number_value());
    ASSERT_LT(start, end);
    ASSERT_LE(end, text_.size());
    EXPECT_EQ(text_.substr(start, end - start), text) << "start/end are the bytes of text";
    EXPECT_FALSE(e.Find("canonical")->string_value().empty());
    canon.insert({e.Find("type")->string_value(), e.Find("canonical")->string_value()});
    if (text.find("توكايف") != std::string::npos) tokayev.insert(e.Find("canonical")->string_value());
  }
  for (const char* name : {"علي الخامنئي", "قاسم جومارت توكايف", "إبراهيم رئيسي", "الفارابي"}) {
    EXPECT_TRUE(canon.count({"PERS", name})) << "person " << name;
  }
  for (const char* name : {"حلف الناتو", "وكالة مهر للأنباء"}) {
    EXPECT_TRUE(canon.count({"ORG", name})) << "organisation " << name;
  }
  for (const char* name : {"إيران", "كازاخستان", "أوكرانيا"}) {
    EXPECT_TRUE(canon.count({"LOC", name})) << "place " << name;
  }
  // جومارت and جورمات: both mentions under one canonical name.
  EXPECT_NE(text_.find("جورمات"), std::string::npos);
  EXPECT_EQ(tokayev.size(), 1u);
  // Quotes: speaker_canonical is a resolved name, never a pronoun or a bare title.
  static const std::set<std::string> kNotNames = {"هو",     "هي",     "سماحته", "جلالته", "فخامته",
                                                  "الرئيس", "الوزير", "أنه",    "إنه"};
  const auto& quotes = doc.Find("quotes")->array_items();
  EXPECT_FALSE(quotes.empty());
  for (const auto& q : quotes) {
    const std::string speaker = q.Find("speaker_canonical")->string_value();
    EXPECT_FALSE(speaker.empty());
    EXPECT_FALSE(kNotNames.count(speaker)) << "speaker_canonical " << speaker;
    EXPECT_FALSE(q.Find("quote")->string_value().empty());
    EXPECT_TRUE(q.Find("direct")->is_bool());
    const auto start = static_cast<size_t>(q.Find("start")->number_value());
    const auto end = static_cast<size_t>(q.Find("end")->number_value());
    EXPECT_LT(start, end);
    EXPECT_LE(end, text_.size());
  }
  // The same article on standard input gives the same output.
  auto piped = RunCommand(kRasd + " extract --json -", text_);
  ASSERT_EQ(piped.exit_status, 0) << piped.err;
  EXPECT_EQ(piped.out, r.out);
}

TEST_F(ExtractSeedTest, JsonlGivesOneLinePerArticleWithItsId) {
  std::string jsonl;
  const std::vector<std::string> ids = {"seed-1", "short-2", "seed-3"};
  auto record = [](const std::string& id, const std::string& body) {
    std::string line;
    base::JsonWriter w(&line);
    w.BeginObject();
    w.Key("id");
    w.String(id);
    w.Key("body");
    w.String(body);
    w.EndObject();
    return line + "\n";
  };
  jsonl += record(ids[0], text_);
  jsonl += record(ids[1], "قال وزير الخارجية الإيراني في طهران إن المحادثات مستمرة.");
  jsonl += record(ids[2], text_);
  const std::string tmp = ::testing::TempDir() + "extract_contract_test.jsonl";
  {
    std::ofstream f(tmp, std::ios::binary);
    f << jsonl;
  }
  for (const std::string& cmd : {kRasd + " extract --json " + ShellQuote(tmp),
                                 kRasd + " extract --json --jsonl -"}) {
    auto r = RunCommand(cmd, cmd.back() == '-' ? jsonl : "");
    ASSERT_EQ(r.exit_status, 0) << cmd << ": " << r.err;
    std::vector<std::string> lines = Lines(r.out);
    ASSERT_EQ(lines.size(), ids.size()) << cmd;
    for (size_t i = 0; i < ids.size(); ++i) {
      base::JsonValue doc = ParseLine(lines[i]);
      ASSERT_NE(doc.Find("id"), nullptr);
      EXPECT_EQ(doc.Find("id")->string_value(), ids[i]);
      EXPECT_TRUE(doc.Find("entities")->is_array());
      EXPECT_TRUE(doc.Find("quotes")->is_array());
    }
    // The same article gives the same extraction whatever its neighbours.
    EXPECT_EQ(lines[0].substr(lines[0].find(',')), lines[2].substr(lines[2].find(',')));
  }
  std::remove(tmp.c_str());
}

// A byte-order mark is skipped (before plain text or the first JSON line); plain text that
// is not UTF-8 is refused with the byte offset, as `rasd analyze` refuses it, rather than
// extracted from in silence.
TEST(ExtractCommandTest, ByteOrderMarkSkippedAndInvalidUtf8Refused) {
  auto jsonl = RunCommand(kRasd + " extract --json --jsonl -",
                          "\xEF\xBB\xBF{\"id\":\"b1\",\"body\":\"وصل الرئيس إلى طهران\"}\n");
  ASSERT_EQ(jsonl.exit_status, 0) << jsonl.err;
  EXPECT_EQ(ParseLine(Lines(jsonl.out).at(0)).Find("id")->string_value(), "b1");
  auto text = RunCommand(kRasd + " extract --json -", "\xEF\xBB\xBFوصل الرئيس إلى طهران");
  ASSERT_EQ(text.exit_status, 0) << text.err;
  auto bad = RunCommand(kRasd + " extract --json -", "\xff\xfe\xc0\xaf");
  EXPECT_EQ(bad.exit_status, 1);
  EXPECT_NE(bad.err.find("invalid UTF-8 at byte 0"), std::string::npos) << bad.err;
  EXPECT_TRUE(bad.out.empty()) << bad.out;
}

// JSONL records follow `rasd index`'s rules: a key given twice, an id that is not a string or
// an exact integer, or an id with a line break is a bad record (an error line in place, exit
// 1, so the output keeps one line per input line, a blank one too); "text" is still read
// where there is no "body".
TEST(ExtractCommandTest, JsonlRecordsFollowTheIndexRules) {
  const std::string in =
      "{\"id\":\"a\",\"body\":\"وصل الرئيس إلى طهران\"}\n\n"
      "{\"id\":\"d\",\"id\":\"e\",\"body\":\"x\"}\n"
      "{\"id\":[\"a\"],\"body\":\"x\"}\n"
      "{\"id\":\"n\\u2028x\",\"body\":\"x\"}\n"
      "{\"id\":18446744073709551616,\"body\":\"x\"}\n"
      "{\"id\":\"t\",\"text\":\"وصل الرئيس إلى طهران\"}\n";
  auto r = RunCommand(kRasd + " extract --json --jsonl -", in);
  EXPECT_EQ(r.exit_status, 1) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 7u) << r.out;
  EXPECT_EQ(ParseLine(lines[0]).Find("id")->string_value(), "a");
  for (size_t i = 1; i <= 5; ++i) {
    base::JsonValue v = ParseLine(lines[i]);
    EXPECT_TRUE(v.Find("id")->is_null()) << lines[i];
    EXPECT_EQ(v.Find("error")->string_value().rfind("line " + std::to_string(i + 1) + ": ", 0),
              0u)
        << lines[i];
  }
  EXPECT_NE(lines[2].find("appears twice"), std::string::npos) << lines[2];
  base::JsonValue text = ParseLine(lines[6]);
  EXPECT_EQ(text.Find("id")->string_value(), "t");
  EXPECT_EQ(text.Find("entities")->array_items().size(), 1u) << lines[5];
}

// Extraction reads the first 2 MiB of a body (README; its memory grows with the text it
// reads), on the command's path as in `rasd index`: a longer text gives entities only there.
TEST(ExtractCommandTest, ReadsTheFirstTwoMebibytes) {
  const std::string sentence = "وقال الرئيس إبراهيم رئيسي في طهران إن الزيارة مهمة. ";
  std::string text;
  while (text.size() < (size_t{5} << 19)) text += sentence;  // 2.5 MiB
  auto r = RunCommand(kRasd + " extract --json -", text);
  ASSERT_EQ(r.exit_status, 0) << r.err;
  base::JsonValue v = ParseLine(Lines(r.out).at(0));
  const base::JsonValue* entities = v.Find("entities");
  ASSERT_NE(entities, nullptr);
  ASSERT_GT(entities->array_items().size(), 1000u);
  double last_end = 0;
  for (const base::JsonValue& e : entities->array_items()) {
    last_end = std::max(last_end, e.Find("end")->number_value());
  }
  EXPECT_LE(last_end, static_cast<double>(size_t{2} << 20));
  EXPECT_GT(last_end, static_cast<double>(size_t{2} << 20) - 1000.0);
}

}  // namespace
}  // namespace rasd
