#include "rasd/extract/entity_linker.h"

#include <gtest/gtest.h>

#include "rasd/extract/conll.h"
#include "rasd/extract/name_forms.h"

namespace rasd::extract {
namespace {

// Links hand-tagged text: `tagged` is "word/TAG word/TAG ..." (TAG O omitted = O).
struct Linked {
  std::string text;
  std::vector<EntityMention> mentions;
  std::vector<LinkedEntity> entities;
};

Linked LinkTagged(const std::vector<std::pair<std::string, const char*>>& words,
                  const WordClusters* clusters = nullptr) {
  Linked out;
  std::vector<Tag> tags;
  for (const auto& [w, t] : words) {
    if (!out.text.empty()) out.text += ' ';
    out.text += w;
    tags.push_back(*ParseTag(t));
  }
  TokenizedText tok;
  TokenizeForNer(out.text, &tok);
  EXPECT_EQ(tok.tokens.size(), tags.size());
  EntityLinker linker(clusters);
  linker.Link(out.text, tok.tokens, tags, &out.mentions, &out.entities);
  return out;
}

TEST(EntityLinkerTest, TitlesDroppedCliticsStrippedShortFormsLinked) {
  WordClusters wc;
  wc.Add(Fold("الخامنئي"), {500, 0, 0, 0});
  auto r = LinkTagged({{"آية", "B-PERS"}, {"الله", "I-PERS"}, {"العظمى", "I-PERS"},
                       {"السيد", "I-PERS"}, {"علي", "I-PERS"}, {"الخامنئي", "I-PERS"},
                       {"قال", "O"}, {"للخامنئي", "B-PERS"}, {"و", "O"}, {"الخامنئي", "B-PERS"}},
                      &wc);
  ASSERT_EQ(r.mentions.size(), 3u);
  EXPECT_EQ(r.mentions[0].text, "علي الخامنئي");
  EXPECT_EQ(r.mentions[1].text, "الخامنئي");  // ل + ال written لل
  EXPECT_EQ(r.mentions[2].text, "الخامنئي");
  ASSERT_EQ(r.entities.size(), 1u);
  EXPECT_EQ(r.entities[0].canonical, "علي الخامنئي");
  for (const auto& m : r.mentions) {
    EXPECT_EQ(m.canonical, "علي الخامنئي");
    EXPECT_EQ(m.entity_id, EntityId("علي الخامنئي"));
  }
  // The byte range of a mention without proclitics points at the name.
  const auto& m0 = r.mentions[0];
  EXPECT_EQ(r.text.substr(m0.start, m0.end - m0.start), "علي الخامنئي");
}

TEST(EntityLinkerTest, TransliterationVariantsMerge) {
  auto r = LinkTagged({{"قاسم", "B-PERS"}, {"جومارت", "I-PERS"}, {"توكايف", "I-PERS"},
                       {"ثم", "O"}, {"قاسم", "B-PERS"}, {"جورمات", "I-PERS"},
                       {"توكاييف", "I-PERS"}, {"و", "O"}, {"ترامب", "B-PERS"}, {"و", "O"},
                       {"ترمب", "B-PERS"}});
  ASSERT_EQ(r.entities.size(), 2u);
  EXPECT_EQ(r.mentions[0].entity, r.mentions[1].entity);
  EXPECT_EQ(r.mentions[2].entity, r.mentions[3].entity);
  EXPECT_NE(r.mentions[0].entity, r.mentions[2].entity);
}

TEST(EntityLinkerTest, ShortFormBeforeFullNameIsUpgradedAndKnownPeopleNamed) {
  auto r = LinkTagged({{"السيد", "O"}, {"رئيسي", "B-PERS"}, {"و", "O"}, {"الناتو", "B-ORG"},
                       {"و", "O"}, {"حلف", "B-ORG"}, {"الناتو", "I-ORG"}});
  ASSERT_EQ(r.entities.size(), 2u);
  EXPECT_EQ(r.mentions[0].canonical, "إبراهيم رئيسي");
  EXPECT_EQ(r.mentions[1].canonical, "حلف الناتو");
  EXPECT_EQ(r.mentions[2].canonical, "حلف الناتو");
}

TEST(EntityLinkerTest, DifferentPeopleStayApart) {
  auto r = LinkTagged({{"إبراهيم", "B-PERS"}, {"القناص", "I-PERS"}, {"و", "O"},
                       {"عبد", "B-PERS"}, {"الله", "I-PERS"}, {"القناص", "I-PERS"}});
  EXPECT_EQ(r.entities.size(), 2u);
}

TEST(EntityLinkerTest, IdsAreStableAndIgnoreSpellingOfLetters) {
  EXPECT_EQ(EntityId("علي الخامنئي"), EntityId("علي الخامنئى"));
  EXPECT_EQ(EntityId("إيران"), EntityId("ايران"));
  EXPECT_NE(EntityId("إيران"), EntityId("العراق"));
  EXPECT_EQ(EntityId("x").size(), 16u);
  EXPECT_TRUE(SameNameWord(Fold("جومارت"), Fold("جورمات")));
  EXPECT_FALSE(SameNameWord(Fold("علي"), Fold("عمر")));
  // Three-letter skeletons one edit apart are different names.
  EXPECT_FALSE(SameNameWord(Fold("كلاين"), Fold("كلوب")));
  EXPECT_TRUE(SameNameWord(Fold("ترامب"), Fold("ترمب")));  // same skeleton
}

// A lone surname later in the article joins the person whose surname it is, not one whose
// surname is a letter away (كلاين is not يورغن كلوب).
TEST(EntityLinkerTest, ShortFormNeedsTheSameSurname) {
  std::vector<LinkedEntity> entities(1);
  entities[0].type = EntityType::kPers;
  entities[0].words = {Fold("يورغن"), Fold("كلوب")};
  EXPECT_EQ(FindEntityForName({Fold("كلاين")}, EntityType::kPers, entities), -1);
  EXPECT_EQ(FindEntityForName({Fold("كلوب")}, EntityType::kPers, entities), 0);
}

// After بن comes the father's name: a lone حمد is not تميم بن حمد, in the article or in the
// list of well-known people.
TEST(EntityLinkerTest, FathersNameIsNotAShortForm) {
  std::vector<LinkedEntity> entities(1);
  entities[0].type = EntityType::kPers;
  entities[0].words = {Fold("تميم"), Fold("بن"), Fold("حمد")};
  EXPECT_EQ(FindEntityForName({Fold("حمد")}, EntityType::kPers, entities), -1);
  EXPECT_EQ(FindEntityForName({Fold("تميم"), Fold("بن"), Fold("حمد")}, EntityType::kPers, entities), 0);
  const Linked r = LinkTagged({{"وصل", "O"}, {"حمد", "B-PERS"}, {"إلى", "O"}, {"الدوحة", "B-LOC"}});
  ASSERT_EQ(r.entities.size(), 2u);
  EXPECT_EQ(r.entities[0].canonical, "حمد");
}

// A lone word is a listed person's surname only when written the same but for a vowel or
// a hamza: ترمب is دونالد ترامب; شيرين is not جوزيه مورينيو (one consonant apart), بستاناً
// is not جون بولتون, and سلمان is not قاسم سليماني (same consonants, two letters more).
TEST(EntityLinkerTest, LoneWordNamesAListedPersonOnlyWhenSpelledAlike) {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"ترمب", "دونالد ترامب"}, {"شيرين", "شيرين"}, {"بستانا", "بستانا"}, {"سلمان", "سلمان"}};
  for (const auto& [word, want] : cases) {
    const Linked r = LinkTagged({{"وصل", "O"}, {word, "B-PERS"}, {"إلى", "O"}, {"الدوحة", "B-LOC"}});
    ASSERT_EQ(r.entities.size(), 2u) << word;
    EXPECT_EQ(r.entities[0].canonical, want) << word;
  }
}

TEST(EntityLinkerTest, TypedNamesMapToTheStoredIds) {
  EntityLinker linker(nullptr);
  std::string joined;
  for (const std::string& w : linker.NameWords("آية الله العظمى علي الخامنئي")) {
    if (!joined.empty()) joined += ' ';
    joined += w;
  }
  EXPECT_EQ(EntityId(joined), EntityId("علي الخامنئي"));
}

TEST(EntityLinkerTest, CorpusRegistryJoinsVariantsAcrossArticles) {
  CorpusEntityRegistry reg;
  auto a = LinkTagged({{"دونالد", "B-PERS"}, {"ترامب", "I-PERS"}});
  reg.Resolve(&a.entities, &a.mentions);
  auto b = LinkTagged({{"ترمب", "B-PERS"}});
  reg.Resolve(&b.entities, &b.mentions);
  EXPECT_EQ(b.mentions[0].entity_id, a.mentions[0].entity_id);
  EXPECT_EQ(reg.size(), 1u);
}

TEST(EntityLinkerTest, HashtagNameIsCanonicalWithSpaces) {
  // Split for the tagger (Underscore::kSeparator), the mention keeps its bytes as written.
  std::string text = "ابنته #لورا_سميت ثم لورا سميت";
  TokenizedText tok;
  TokenizeForNer(text, &tok, Underscore::kSeparator);
  ASSERT_EQ(tok.tokens.size(), 7u);
  std::vector<Tag> tags = {kTagO, kTagO, *ParseTag("B-PERS"), *ParseTag("I-PERS"), kTagO,
                           *ParseTag("B-PERS"), *ParseTag("I-PERS")};
  std::vector<EntityMention> mentions;
  std::vector<LinkedEntity> entities;
  EntityLinker(nullptr).Link(text, tok.tokens, tags, &mentions, &entities);
  ASSERT_EQ(mentions.size(), 2u);
  EXPECT_EQ(mentions[0].text, "لورا_سميت");
  ASSERT_EQ(entities.size(), 1u);
  EXPECT_EQ(entities[0].canonical, "لورا سميت");
  EXPECT_EQ(mentions[0].canonical, "لورا سميت");
}

}  // namespace
}  // namespace rasd::extract
