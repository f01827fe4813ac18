// Tests of the normalisation table: every rule of the issue, by code point.
#include "rasd/text/normalize.h"

#include <gtest/gtest.h>

#include <string>

#include "rasd/text/analyzer.h"
#include "rasd/text/utf8.h"

namespace rasd::text {
namespace {

std::string Norm(char32_t cp) {
  std::string out;
  AppendNormalizedCodePoint(cp, &out);
  return out;
}
std::string U8(char32_t cp) {
  std::string s;
  AppendUtf8(cp, &s);
  return s;
}

TEST(NormalizeTest, DiacriticsAndQuranicMarksAreIgnorable) {
  for (char32_t cp = 0x064B; cp <= 0x065F; ++cp) EXPECT_EQ(ClassOf(cp), CharClass::kIgnorable);
  EXPECT_EQ(ClassOf(0x0670), CharClass::kIgnorable);  // superscript alef
  for (char32_t cp = 0x0610; cp <= 0x061A; ++cp) EXPECT_EQ(ClassOf(cp), CharClass::kIgnorable);
  for (char32_t cp = 0x06D6; cp <= 0x06ED; ++cp) {
    if (cp == 0x06DD || cp == 0x06DE || cp == 0x06E9) continue;  // symbols: separators
    EXPECT_EQ(ClassOf(cp), CharClass::kIgnorable) << std::hex << static_cast<uint32_t>(cp);
  }
  EXPECT_EQ(ClassOf(0x0640), CharClass::kIgnorable);  // tatweel
  EXPECT_EQ(NormalizeWord("الكِتَابُ"), "الكتاب");
  EXPECT_EQ(NormalizeWord("الكتــاب"), "الكتاب");
  EXPECT_EQ(NormalizeWord("جداً"), "جدا");
}

TEST(NormalizeTest, LetterVariants) {
  const std::string alef = U8(0x0627), yeh = U8(0x064A), heh = U8(0x0647), waw = U8(0x0648);
  for (char32_t cp : {0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673, 0x0675}) {
    EXPECT_EQ(Norm(cp), alef) << std::hex << static_cast<uint32_t>(cp);
  }
  EXPECT_EQ(Norm(0x0649), yeh);  // ى
  EXPECT_EQ(Norm(0x0626), yeh);  // ئ
  EXPECT_EQ(Norm(0x0629), heh);  // ة
  EXPECT_EQ(Norm(0x0624), waw);  // ؤ
  EXPECT_EQ(Norm(0x0621), U8(0x0621));  // ء kept
  EXPECT_EQ(Norm(0x0674), U8(0x0621));  // high hamza
  // Decomposed hamza (letter + U+0654 HAMZA ABOVE) folds like the precomposed letter.
  EXPECT_EQ(NormalizeWord("\xD8\xA7\xD9\x94"), alef);
  EXPECT_EQ(NormalizeWord("مسؤول"), "مسوول");
  EXPECT_EQ(NormalizeWord("أإآا"), "اااا");
  EXPECT_EQ(NormalizeWord("مستشفى"), NormalizeWord("مستشفي"));
}

TEST(NormalizeTest, PersianAndUrduLetters) {
  EXPECT_EQ(Norm(0x06A9), U8(0x0643));  // ک -> ك
  EXPECT_EQ(Norm(0x06CC), U8(0x064A));  // ی -> ي
  EXPECT_EQ(Norm(0x06C0), U8(0x0647));  // ۀ -> ه
  EXPECT_EQ(Norm(0x06BE), U8(0x0647));  // ھ -> ه
  EXPECT_EQ(Norm(0x06C1), U8(0x0647));  // ہ -> ه
  EXPECT_EQ(Norm(0x067E), U8(0x0628));  // پ -> ب
  EXPECT_EQ(Norm(0x0686), U8(0x062C));  // چ -> ج
  EXPECT_EQ(Norm(0x0698), U8(0x0632));  // ژ -> ز
  EXPECT_EQ(Norm(0x06AF), U8(0x0643));  // گ -> ك
  EXPECT_EQ(Norm(0x06A4), U8(0x0641));  // ڤ -> ف
  EXPECT_EQ(NormalizeWord("کتاب"), NormalizeWord("كتاب"));
}

TEST(NormalizeTest, PresentationFormsAndLigatures) {
  EXPECT_EQ(NormalizeWord("ﻻ"), "لا");   // U+FEFB LAM WITH ALEF ISOLATED
  EXPECT_EQ(NormalizeWord("ﻷ"), "لا");   // U+FEF7 LAM WITH ALEF WITH HAMZA ABOVE
  EXPECT_EQ(NormalizeWord("ﷲ"), "الله");  // U+FDF2
  EXPECT_EQ(NormalizeWord("ﺍﻟﻜﺘﺎﺏ"), "الكتاب");  // isolated/final/medial forms
  EXPECT_EQ(Norm(0xFE93), U8(0x0647));  // TEH MARBUTA ISOLATED FORM -> ه
  EXPECT_EQ(ClassOf(0xFE70), CharClass::kIgnorable);  // FATHATAN ISOLATED FORM
  EXPECT_EQ(ClassOf(0xFDFA), CharClass::kSeparator);  // a multi-word ligature
  // Every assigned presentation-form letter maps to plain letters of the Arabic block.
  for (char32_t cp = 0xFB50; cp <= 0xFEFC; ++cp) {
    if (cp > 0xFDFF && cp < 0xFE70) continue;
    if (ClassOf(cp) != CharClass::kArabicLetter) continue;
    const std::string n = Norm(cp);
    ASSERT_FALSE(n.empty()) << std::hex << static_cast<uint32_t>(cp);
    const uint8_t* p = reinterpret_cast<const uint8_t*>(n.data());
    const uint8_t* end = p + n.size();
    while (p < end) {
      char32_t c = 0;
      const int len = DecodeUtf8(p, end, &c);
      ASSERT_GT(len, 0);
      EXPECT_TRUE(c >= 0x0620 && c <= 0x06FF) << std::hex << static_cast<uint32_t>(cp) << " -> " << static_cast<uint32_t>(c);
      p += len;
    }
  }
}

TEST(NormalizeTest, DigitsBecomeAscii) {
  for (int d = 0; d < 10; ++d) {
    EXPECT_EQ(Norm(0x0660 + d), std::string(1, '0' + d));  // Arabic-Indic
    EXPECT_EQ(Norm(0x06F0 + d), std::string(1, '0' + d));  // Extended Arabic-Indic (Persian)
    EXPECT_EQ(Norm(0xFF10 + d), std::string(1, '0' + d));  // fullwidth
    EXPECT_EQ(ClassOf(0x0660 + d), CharClass::kDigit);
  }
  EXPECT_EQ(NormalizeWord("٢٠٢٤"), "2024");
  EXPECT_EQ(NormalizeWord("۲۰۲۴"), "2024");
}

TEST(NormalizeTest, LatinCaseAndAccentFolding) {
  EXPECT_EQ(NormalizeWord("COVID"), "covid");
  EXPECT_EQ(NormalizeWord("Straße"), "strasse");
  EXPECT_EQ(NormalizeWord("ÉCOLE"), "ecole");
  EXPECT_EQ(NormalizeWord("Erdoğan"), "erdogan");
  EXPECT_EQ(NormalizeWord("Łódź"), "łodz");  // ł has no decomposition: case-folded only
  EXPECT_EQ(NormalizeWord("e\xCC\x81"), "e");  // e + U+0301 COMBINING ACUTE
  EXPECT_EQ(NormalizeWord("ＡＢＣ"), "abc");   // fullwidth
  EXPECT_EQ(NormalizeWord("ﬁne"), "fine");    // U+FB01 LATIN SMALL LIGATURE FI
  EXPECT_EQ(NormalizeWord("ΑΘΗΝΑ"), "αθηνα");
  EXPECT_EQ(NormalizeWord("МОСКВА"), "москва");
}

TEST(NormalizeTest, SeparatorsAndFormatCharacters) {
  for (char32_t cp : {0x0020, 0x00A0, 0x2028, 0x2029, 0x060C, 0x061B, 0x061F, 0x00AB, 0x00BB,
                      0x200B, 0x0023, 0x005F, 0x002D, 0x0040, 0xFFFD, 0x06D4}) {
    EXPECT_EQ(ClassOf(cp), CharClass::kSeparator) << std::hex << static_cast<uint32_t>(cp);
  }
  for (char32_t cp : {0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                      0xFEFF, 0x00AD, 0x2066, 0x2069, 0x061C}) {
    EXPECT_EQ(ClassOf(cp), CharClass::kIgnorable) << std::hex << static_cast<uint32_t>(cp);
  }
  EXPECT_EQ(ClassOf(','), CharClass::kGroupSeparator);
  EXPECT_EQ(ClassOf(0x066C), CharClass::kGroupSeparator);
  EXPECT_EQ(ClassOf('.'), CharClass::kDecimalSeparator);
  EXPECT_EQ(ClassOf(0x066B), CharClass::kDecimalSeparator);
  EXPECT_EQ(ClassOf(0x1F600), CharClass::kSeparator);  // emoji
  EXPECT_EQ(ClassOf(0x20000), CharClass::kLetter);     // CJK extension B
  EXPECT_EQ(ClassOf(0x1D7CE), CharClass::kDigit);      // MATHEMATICAL BOLD DIGIT ZERO
}

TEST(NormalizeTest, TableIsCompactAndReplacementsBounded) {
  const NormalizationTable& t = NormalizationTable::Get();
  EXPECT_LT(t.block_count(), 128u);  // shared blocks: well under the 256 of a flat table
  for (char32_t cp = 0; cp <= 0xFFFF; ++cp) {
    const CharInfo& info = t.Bmp(cp);
    ASSERT_LE(info.size, kMaxReplacementBytes);
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const std::string source = U8(cp);
    ASSERT_TRUE(IsValidUtf8(t.Replacement(info, source))) << std::hex << static_cast<uint32_t>(cp);
    if (NormalizationTable::IsWordClass(info.cls)) {
      ASSERT_FALSE(t.Replacement(info, source).empty()) << std::hex << static_cast<uint32_t>(cp);
    }
  }
}

// Normalisation is idempotent: a norm normalises to itself.
TEST(NormalizeTest, Idempotent) {
  for (char32_t cp = 0x20; cp <= 0xFFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const std::string once = NormalizeWord(U8(cp));
    ASSERT_EQ(NormalizeWord(once), once) << std::hex << static_cast<uint32_t>(cp);
  }
}

}  // namespace
}  // namespace rasd::text
