#include "rasd/extract/gazetteer.h"

#include <gtest/gtest.h>

#include "rasd/extract/name_forms.h"

namespace rasd::extract {
namespace {

std::vector<std::vector<std::string>> Cands(std::initializer_list<std::initializer_list<const char*>> c) {
  std::vector<std::vector<std::string>> out;
  for (auto& l : c) {
    out.emplace_back();
    for (const char* w : l) out.back().push_back(FoldOnly(w));
  }
  return out;
}

TEST(GazetteerTest, LongestMatchWithCliticOnFirstWord) {
  Gazetteer g;
  g.AddPhrase({FoldOnly("الأمم"), FoldOnly("المتحدة")}, EntityType::kOrg);
  g.AddPhrase({FoldOnly("الأمم")}, EntityType::kMisc);
  g.AddPhrase({FoldOnly("إيران")}, EntityType::kLoc);
  std::vector<uint8_t> labels;
  g.Match(Cands({{"قالت"}, {"للأمم", "الأمم"}, {"المتحدة"}, {"وإيران", "إيران"}}), &labels);
  EXPECT_EQ(labels, (std::vector<uint8_t>{0, 1 + 2 * 2, 2 + 2 * 2, 1 + 2 * 1}));
}

TEST(GazetteerTest, BuiltinKnowsTitlesPlacesAndPeople) {
  const Gazetteer& g = Gazetteer::Builtin();
  EXPECT_TRUE(g.Flags(Fold("الرئيس")) & kFlagPersonTitle);
  EXPECT_TRUE(g.Flags(Fold("وكالة")) & kFlagOrgTrigger);
  EXPECT_TRUE(g.Flags(Fold("مدينة")) & kFlagLocTrigger);
  EntityType t;
  ASSERT_TRUE(g.Lookup({Fold("كازاخستان")}, &t));
  EXPECT_EQ(t, EntityType::kLoc);
  ASSERT_TRUE(g.Lookup({Fold("حلف"), Fold("الناتو")}, &t));
  EXPECT_EQ(t, EntityType::kOrg);
  EXPECT_FALSE(KnownPeople().empty());
}

TEST(GazetteerTest, SerialisationRoundTripsAndRejectsGarbage) {
  Gazetteer g;
  g.AddPhrase({"a", "b"}, EntityType::kOrg, 3);
  g.AddFlags("x", kFlagFirstName);
  std::string bytes;
  g.AppendTo(&bytes);
  std::string_view in = bytes;
  auto back = Gazetteer::ParseFrom(&in);
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(in.empty());
  EntityType t;
  EXPECT_TRUE(back->Lookup({"a", "b"}, &t));
  EXPECT_EQ(back->Flags("x"), kFlagFirstName);
  std::string again;
  back->AppendTo(&again);
  EXPECT_EQ(again, bytes);
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    std::string_view part(bytes.data(), cut);
    // A truncated serialisation is an error or a smaller gazetteer, never a crash.
    (void)Gazetteer::ParseFrom(&part).ok();
  }
}

}  // namespace
}  // namespace rasd::extract
