// The normalisation table: UCD facts (unicode_tables.inc) overlaid with rasd's explicit rules.
//
// Build order, later steps winning:
//   1. coarse class from the UCD general category (letter / mark / digit / format / other);
//   2. NFKC + case folding (+ accent folding for Latin and Greek) of non-Arabic letters;
//   3. Arabic compatibility forms (presentation forms, ligatures) decomposed with NFKC and the
//      pieces normalised through the table of steps 1, 2 and 4;
//   4. the explicit rules of kRules.
// Step 4 is applied before step 3 reads the table and again after it, so a presentation form of
// أ ends up as ا exactly like U+0623 itself.
#include "rasd/text/normalize.h"

#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "rasd/base/check.h"
#include "rasd/text/utf8.h"

namespace rasd::text {
namespace {

struct UnicodeRun {
  char32_t first;
  uint8_t group;
};
struct CodePointString {
  char32_t cp = 0;
  const char* utf8;
};
enum Group : uint8_t { kOther = 0, kLetterGroup = 1, kMark = 2, kDigitGroup = 3, kFormat = 4 };

#include "rasd/text/unicode_tables.inc"

enum class Action : uint8_t {
  kSeparate,    // CharClass::kSeparator
  kIgnore,      // CharClass::kIgnorable
  kMapTo,       // letter; replacement = target
  kKeepArabic,  // Arabic letter; replacement = itself
  kGroupSep,    // CharClass::kGroupSeparator
  kDecimalSep,  // CharClass::kDecimalSeparator
};

struct Rule {
  char32_t first;
  char32_t last;
  Action action;
  char32_t target;  // for kMapTo
};

// rasd's explicit rules. Every range names its code points; the Unicode names are quoted.
constexpr Rule kRules[] = {
    // --- Arabic diacritics and Quranic annotation: removed, never split a word. -----------------
    {0x064B, 0x065F, Action::kIgnore, 0},  // U+064B FATHATAN .. U+065F WAVY HAMZA BELOW: tanween,
                                           // harakat, shadda, sukun, maddah/hamza above/below
    {0x0670, 0x0670, Action::kIgnore, 0},  // U+0670 ARABIC LETTER SUPERSCRIPT ALEF (dagger alef)
    {0x0610, 0x061A, Action::kIgnore, 0},  // U+0610 SIGN SALLALLAHOU .. U+061A SMALL KASRA
    {0x06D6, 0x06ED, Action::kIgnore, 0},  // U+06D6 SMALL HIGH LIGATURE SAD WITH LAM .. U+06ED
                                           // SMALL LOW MEEM: Quranic annotation signs
    {0x08D3, 0x08FF, Action::kIgnore, 0},  // U+08D3 SMALL LOW WAW .. U+08FF MARK SIDEWAYS NOON
                                           // GHUNNA: Arabic Extended-A marks
    {0x0640, 0x0640, Action::kIgnore, 0},  // U+0640 ARABIC TATWEEL (kashida): pure elongation
    // --- Format characters: removed without splitting (they are invisible inside words). -------
    {0x00AD, 0x00AD, Action::kIgnore, 0},  // U+00AD SOFT HYPHEN
    {0x200C, 0x200D, Action::kIgnore, 0},  // U+200C ZERO WIDTH NON-JOINER, U+200D ZERO WIDTH JOINER
    {0x200E, 0x200F, Action::kIgnore, 0},  // U+200E LEFT-TO-RIGHT MARK, U+200F RIGHT-TO-LEFT MARK
    {0x202A, 0x202E, Action::kIgnore, 0},  // U+202A LRE .. U+202E RLO: bidi embeddings/overrides
    {0x2066, 0x2069, Action::kIgnore, 0},  // U+2066 LRI .. U+2069 PDI: bidi isolates
    {0x061C, 0x061C, Action::kIgnore, 0},  // U+061C ARABIC LETTER MARK
    {0xFEFF, 0xFEFF, Action::kIgnore, 0},  // U+FEFF ZERO WIDTH NO-BREAK SPACE (BOM)
    {0x0300, 0x036F, Action::kIgnore, 0},  // U+0300..U+036F combining diacritical marks: a
                                           // decomposed "é" folds like the precomposed one
    // --- Separators that the UCD classes as format characters. ---------------------------------
    {0x200B, 0x200B, Action::kSeparate, 0},  // U+200B ZERO WIDTH SPACE: an invisible word break
    {0x2060, 0x2064, Action::kSeparate, 0},  // U+2060 WORD JOINER .. U+2064 INVISIBLE PLUS
    {0x0600, 0x0605, Action::kSeparate, 0},  // U+0600 ARABIC NUMBER SIGN .. U+0605 (prepended
                                             // signs, not letters)
    {0x06DD, 0x06DD, Action::kSeparate, 0},  // U+06DD ARABIC END OF AYAH
    {0x06DE, 0x06DE, Action::kSeparate, 0},  // U+06DE ARABIC START OF RUB EL HIZB
    {0x06E9, 0x06E9, Action::kSeparate, 0},  // U+06E9 ARABIC PLACE OF SAJDAH
    // --- Number separators (the tokenizer decides from context). -------------------------------
    {0x002C, 0x002C, Action::kGroupSep, 0},    // U+002C COMMA: "1,000"
    {0x066C, 0x066C, Action::kGroupSep, 0},    // U+066C ARABIC THOUSANDS SEPARATOR: "١٬٠٠٠"
    {0x002E, 0x002E, Action::kDecimalSep, 0},  // U+002E FULL STOP: "1.5"
    {0x066B, 0x066B, Action::kDecimalSep, 0},  // U+066B ARABIC DECIMAL SEPARATOR: "١٫٥"
    // --- Alef variants -> U+0627 ARABIC LETTER ALEF. ------------------------------------------
    {0x0622, 0x0622, Action::kMapTo, 0x0627},  // U+0622 ALEF WITH MADDA ABOVE آ
    {0x0623, 0x0623, Action::kMapTo, 0x0627},  // U+0623 ALEF WITH HAMZA ABOVE أ
    {0x0625, 0x0625, Action::kMapTo, 0x0627},  // U+0625 ALEF WITH HAMZA BELOW إ
    {0x0671, 0x0671, Action::kMapTo, 0x0627},  // U+0671 ALEF WASLA ٱ
    {0x0672, 0x0673, Action::kMapTo, 0x0627},  // U+0672/U+0673 ALEF WITH WAVY HAMZA ABOVE/BELOW
    {0x0675, 0x0675, Action::kMapTo, 0x0627},  // U+0675 HIGH HAMZA ALEF
    // --- Yeh variants -> U+064A ARABIC LETTER YEH. --------------------------------------------
    {0x0649, 0x0649, Action::kMapTo, 0x064A},  // U+0649 ALEF MAKSURA ى
    {0x0626, 0x0626, Action::kMapTo, 0x064A},  // U+0626 YEH WITH HAMZA ABOVE ئ
    {0x0678, 0x0678, Action::kMapTo, 0x064A},  // U+0678 HIGH HAMZA YEH
    {0x06CC, 0x06CC, Action::kMapTo, 0x064A},  // U+06CC FARSI YEH ی
    {0x063D, 0x063F, Action::kMapTo, 0x064A},  // U+063D FARSI YEH WITH INVERTED V .. U+063F
                                               // FARSI YEH WITH THREE DOTS ABOVE
    {0x0620, 0x0620, Action::kMapTo, 0x064A},  // U+0620 KASHMIRI YEH
    {0x06CD, 0x06CE, Action::kMapTo, 0x064A},  // U+06CD YEH WITH TAIL, U+06CE YEH WITH SMALL V
    {0x06D0, 0x06D1, Action::kMapTo, 0x064A},  // U+06D0 YEH (E), U+06D1 YEH WITH THREE DOTS BELOW
    {0x06D2, 0x06D3, Action::kMapTo, 0x064A},  // U+06D2 YEH BARREE ے, U+06D3 with HAMZA ABOVE
    // --- Heh / teh marbuta variants -> U+0647 ARABIC LETTER HEH. ------------------------------
    {0x0629, 0x0629, Action::kMapTo, 0x0647},  // U+0629 TEH MARBUTA ة
    {0x06C0, 0x06C0, Action::kMapTo, 0x0647},  // U+06C0 HEH WITH YEH ABOVE ۀ
    {0x06C1, 0x06C2, Action::kMapTo, 0x0647},  // U+06C1 HEH GOAL ہ, U+06C2 HEH GOAL WITH HAMZA
    {0x06C3, 0x06C3, Action::kMapTo, 0x0647},  // U+06C3 TEH MARBUTA GOAL ۃ
    {0x06BE, 0x06BE, Action::kMapTo, 0x0647},  // U+06BE HEH DOACHASHMEE ھ
    {0x06D5, 0x06D5, Action::kMapTo, 0x0647},  // U+06D5 AE ە
    {0x06FF, 0x06FF, Action::kMapTo, 0x0647},  // U+06FF HEH WITH INVERTED V
    // --- Waw variants -> U+0648 ARABIC LETTER WAW. --------------------------------------------
    {0x0624, 0x0624, Action::kMapTo, 0x0648},  // U+0624 WAW WITH HAMZA ABOVE ؤ
    {0x0676, 0x0677, Action::kMapTo, 0x0648},  // U+0676 HIGH HAMZA WAW, U+0677 U WITH HAMZA ABOVE
    {0x06C4, 0x06CB, Action::kMapTo, 0x0648},  // U+06C4 WAW WITH RING .. U+06CB VE
    {0x06CF, 0x06CF, Action::kMapTo, 0x0648},  // U+06CF WAW WITH DOT ABOVE
    // --- Hamza: U+0621 kept (see normalize.h); the high hamza is the same letter. -------------
    {0x0621, 0x0621, Action::kKeepArabic, 0},  // U+0621 HAMZA ء
    {0x0674, 0x0674, Action::kMapTo, 0x0621},  // U+0674 HIGH HAMZA ٴ
    // --- Kaf variants -> U+0643 ARABIC LETTER KAF. --------------------------------------------
    {0x06A9, 0x06A9, Action::kMapTo, 0x0643},  // U+06A9 KEHEH ک (Persian/Urdu kaf)
    {0x06AA, 0x06AE, Action::kMapTo, 0x0643},  // U+06AA SWASH KAF .. U+06AE KAF WITH THREE DOTS
    {0x063B, 0x063C, Action::kMapTo, 0x0643},  // U+063B KEHEH WITH TWO DOTS ABOVE, U+063C (below)
    {0x06AF, 0x06B4, Action::kMapTo, 0x0643},  // U+06AF GAF گ .. U+06B4: Arabic news writes the
                                               // Persian g of names with ك
    // --- Persian/Urdu and Maghrebi letters for sounds Arabic lacks -> nearest Arabic letter, so a
    //     foreign name spelt with them matches its usual Arabic spelling. ------------------------
    {0x067E, 0x067E, Action::kMapTo, 0x0628},  // U+067E PEH پ -> U+0628 BEH
    {0x066E, 0x066E, Action::kMapTo, 0x0628},  // U+066E DOTLESS BEH -> U+0628 BEH
    {0x0679, 0x0679, Action::kMapTo, 0x062A},  // U+0679 TTEH ٹ -> U+062A TEH
    {0x0686, 0x0686, Action::kMapTo, 0x062C},  // U+0686 TCHEH چ -> U+062C JEEM
    {0x0688, 0x0688, Action::kMapTo, 0x062F},  // U+0688 DDAL ڈ -> U+062F DAL
    {0x0691, 0x0691, Action::kMapTo, 0x0631},  // U+0691 RREH ڑ -> U+0631 REH
    {0x0698, 0x0698, Action::kMapTo, 0x0632},  // U+0698 JEH ژ -> U+0632 ZAIN
    {0x06A4, 0x06A4, Action::kMapTo, 0x0641},  // U+06A4 VEH ڤ -> U+0641 FEH
    {0x06A5, 0x06A5, Action::kMapTo, 0x0641},  // U+06A5 FEH WITH THREE DOTS BELOW -> U+0641
    {0x06A1, 0x06A1, Action::kMapTo, 0x0641},  // U+06A1 DOTLESS FEH -> U+0641 FEH
    {0x06A8, 0x06A8, Action::kMapTo, 0x0642},  // U+06A8 QAF WITH THREE DOTS ABOVE ڨ -> U+0642 QAF
    {0x066F, 0x066F, Action::kMapTo, 0x0642},  // U+066F DOTLESS QAF -> U+0642 QAF
    {0x06BA, 0x06BA, Action::kMapTo, 0x0646},  // U+06BA NOON GHUNNA ں -> U+0646 NOON
    // --- Presentation-form letters without a decomposition. ------------------------------------
    {0xFE73, 0xFE73, Action::kIgnore, 0},  // U+FE73 ARABIC TAIL FRAGMENT: a glyph piece
};

bool InArabicBlock(char32_t cp) {
  return (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
         (cp >= 0x0870 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
         (cp >= 0xFE70 && cp <= 0xFEFF);
}

// Combining marks that are accents on Latin/Greek/Cyrillic text (ignorable, like U+0300..U+036F):
// U+1AB0..U+1AFF, U+1DC0..U+1DFF combining diacritical marks extended/supplement, U+20D0..U+20FF
// combining marks for symbols, U+FE20..U+FE2F combining half marks.
bool IsAccentMark(char32_t cp) {
  return (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
         (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

// The index in kUnicodeRuns of the run holding `cp` (binary search).
size_t RunOf(char32_t cp) {
  size_t lo = 0, hi = std::size(kUnicodeRuns);
  while (hi - lo > 1) {
    const size_t mid = (lo + hi) / 2;
    if (kUnicodeRuns[mid].first <= cp) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return lo;
}

// The UCD group of `cp` in run `run` and, for digits, the digit value.
uint8_t GroupIn(size_t run, char32_t cp, int* digit_value) {
  *digit_value = static_cast<int>((cp - kUnicodeRuns[run].first) % 10);
  return kUnicodeRuns[run].group;
}

uint8_t GroupOf(char32_t cp, int* digit_value) { return GroupIn(RunOf(cp), cp, digit_value); }

// A table under construction: one CharInfo per BMP code point plus the replacement pool.
class Builder {
 public:
  Builder() : infos_(0x10000) {}

  CharInfo& at(char32_t cp) { return infos_[cp]; }

  void Set(char32_t cp, CharClass cls, std::string_view replacement) {
    CharInfo info;
    info.cls = cls;
    RASD_CHECK(replacement.size() <= kMaxReplacementBytes);
    info.size = static_cast<uint8_t>(replacement.size());
    if (replacement.size() <= 4) {
      std::memcpy(info.bytes, replacement.data(), replacement.size());
    } else {
      auto it = pool_index_.find(std::string(replacement));
      if (it == pool_index_.end()) {
        RASD_CHECK(pool_.size() + replacement.size() < 0xFFFF);
        it = pool_index_.emplace(std::string(replacement), static_cast<uint16_t>(pool_.size()))
                 .first;
        pool_.append(replacement);
      }
      info.pool_offset = it->second;
    }
    infos_[cp] = info;
  }

  std::string_view ReplacementOf(const CharInfo& info) const {
    return info.size <= 4 ? std::string_view(info.bytes, info.size)
                          : std::string_view(pool_.data() + info.pool_offset, info.size);
  }

  std::vector<CharInfo>& infos() { return infos_; }
  std::string& pool() { return pool_; }

 private:
  std::vector<CharInfo> infos_;
  std::string pool_;
  std::map<std::string, uint16_t> pool_index_;
};

// A code point's UTF-8 bytes, in place: building the table asks for them some 200,000
// times, and a string each time was 40% of a one-shot `rasd search`.
struct Utf8Bytes {
  char bytes[4];
  int size;
  operator std::string_view() const { return std::string_view(bytes, static_cast<size_t>(size)); }
};

Utf8Bytes Utf8Of(char32_t cp) {
  Utf8Bytes u;
  u.size = EncodeUtf8(cp, u.bytes);
  return u;
}

// The info a code point gets from the UCD alone (steps 1 and 2); `run` is its run in
// kUnicodeRuns.
void ApplyUcd(char32_t cp, size_t run, Builder* b) {
  int digit = 0;
  const uint8_t group = GroupIn(run, cp, &digit);
  switch (group) {
    case kLetterGroup:
      b->Set(cp, InArabicBlock(cp) ? CharClass::kArabicLetter : CharClass::kLetter, Utf8Of(cp));
      break;
    case kMark:
      if (InArabicBlock(cp) || IsAccentMark(cp)) {
        b->Set(cp, CharClass::kIgnorable, "");
      } else {
        // Vowel signs of Indic scripts and the like are part of their word.
        b->Set(cp, CharClass::kLetter, Utf8Of(cp));
      }
      break;
    case kDigitGroup:
      b->Set(cp, CharClass::kDigit, std::string(1, static_cast<char>('0' + digit)));
      break;
    case kFormat:
      b->Set(cp, CharClass::kIgnorable, "");
      break;
    default:
      b->Set(cp, CharClass::kSeparator, "");
      break;
  }
}

void ApplyRules(Builder* b) {
  for (const Rule& rule : kRules) {
    for (char32_t cp = rule.first; cp <= rule.last; ++cp) {
      switch (rule.action) {
        case Action::kSeparate:
          b->Set(cp, CharClass::kSeparator, "");
          break;
        case Action::kIgnore:
          b->Set(cp, CharClass::kIgnorable, "");
          break;
        case Action::kMapTo:
          b->Set(cp, CharClass::kArabicLetter, Utf8Of(rule.target));
          break;
        case Action::kKeepArabic:
          b->Set(cp, CharClass::kArabicLetter, Utf8Of(cp));
          break;
        case Action::kGroupSep:
          b->Set(cp, CharClass::kGroupSeparator, ",");
          break;
        case Action::kDecimalSep:
          b->Set(cp, CharClass::kDecimalSeparator, ".");
          break;
      }
    }
  }
}

// Step 3: an Arabic compatibility character takes the normalised form of its NFKC expansion.
// An expansion of several words (U+FDFA ARABIC LIGATURE SALLALLAHOU ALAYHE WASALLAM, U+FDFB
// JALLAJALALOUHOU) makes the character a separator: one code point cannot be several tokens.
// An expansion with no letters (U+FE70 ARABIC FATHATAN ISOLATED FORM = space + U+064B) makes it
// ignorable.
void ApplyArabicCompat(Builder* b) {
  for (const CodePointString& entry : kArabicCompat) {
    std::string_view expansion(entry.utf8);
    const uint8_t* p = reinterpret_cast<const uint8_t*>(expansion.data());
    const uint8_t* const end = p + expansion.size();
    std::string replacement;
    bool has_separator = false;
    bool has_letter = false;
    bool has_other = false;
    while (p < end) {
      char32_t cp = 0;
      const int n = DecodeUtf8(p, end, &cp);
      RASD_CHECK(n > 0 && cp <= 0xFFFF);
      p += n;
      const CharInfo& info = b->at(cp);
      switch (info.cls) {
        case CharClass::kArabicLetter:
          has_letter = true;
          replacement.append(b->ReplacementOf(info));
          break;
        case CharClass::kIgnorable:
          break;
        case CharClass::kSeparator:
          has_separator = true;
          break;
        default:
          has_other = true;  // digits or Latin letters inside an Arabic ligature: none in Unicode 14
          break;
      }
    }
    if (!has_letter) {
      b->Set(entry.cp, CharClass::kIgnorable, "");
    } else if (has_separator || has_other) {
      b->Set(entry.cp, CharClass::kSeparator, "");
    } else {
      b->Set(entry.cp, CharClass::kArabicLetter, replacement);
    }
  }
}

}  // namespace

const NormalizationTable& NormalizationTable::Get() {
  static const NormalizationTable* const table = new NormalizationTable();
  return *table;
}

NormalizationTable::NormalizationTable() {
  Builder b;
  size_t run = 0;  // kUnicodeRuns walked along with the code points, not searched for each
  for (char32_t cp = 0; cp <= 0xFFFF; ++cp) {
    while (run + 1 < std::size(kUnicodeRuns) && kUnicodeRuns[run + 1].first <= cp) ++run;
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      b.Set(cp, CharClass::kSeparator, "");  // surrogates never reach the table (utf8.h rejects them)
    } else {
      ApplyUcd(cp, run, &b);
    }
  }
  for (const CodePointString& fold : kLetterFolds) {
    if (fold.cp <= 0xFFFF) b.Set(fold.cp, CharClass::kLetter, fold.utf8);
  }
  ApplyRules(&b);
  ApplyArabicCompat(&b);
  ApplyRules(&b);  // explicit rules win over compatibility decompositions (e.g. U+0675)

  for (char32_t cp = 0; cp <= 0xFFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    RASD_CHECK(b.at(cp).size <= kMaxExpansion * Utf8Of(cp).size);
  }

  // Unchanged word characters store no replacement (see CharInfo::size), so that blocks of
  // scripts that are not folded become identical.
  for (char32_t cp = 0; cp <= 0xFFFF; ++cp) {
    CharInfo& info = b.at(cp);
    if (IsWordClass(info.cls) && b.ReplacementOf(info) == std::string_view(Utf8Of(cp))) {
      info.size = 0;
      info.pool_offset = 0;
      std::memset(info.bytes, 0, sizeof(info.bytes));
    }
  }

  // Deduplicate the 256 blocks of 256 entries.
  std::vector<CharInfo> unique;
  for (int hi = 0; hi < 256; ++hi) {
    const CharInfo* block = &b.infos()[hi << 8];
    size_t found = unique.size() / 256;
    for (size_t k = 0; k < unique.size() / 256; ++k) {
      if (std::memcmp(&unique[k << 8], block, 256 * sizeof(CharInfo)) == 0) {
        found = k;
        break;
      }
    }
    if (found == unique.size() / 256) unique.insert(unique.end(), block, block + 256);
    stage1_[hi] = static_cast<uint16_t>(found);
  }
  block_count_ = unique.size() / 256;
  std::memcpy(small_, b.infos().data(), sizeof(small_));
  storage_.assign(reinterpret_cast<const char*>(unique.data()), unique.size() * sizeof(CharInfo));
  blocks_ = reinterpret_cast<const CharInfo*>(storage_.data());
  pool_ = std::move(b.pool());
}

CharInfo NormalizationTable::Supplementary(char32_t cp) const {
  // Outside the BMP only the UCD facts apply: letters stay (after folding), digits become ASCII
  // (e.g. U+1D7CE MATHEMATICAL BOLD DIGIT ZERO), marks stay inside words, the rest separates.
  CharInfo info;
  int digit = 0;
  switch (GroupOf(cp, &digit)) {
    case kLetterGroup:
    case kMark: {
      info.cls = CharClass::kLetter;
      // Supplementary letters that fold (e.g. U+10400 DESERET CAPITAL LONG I) fold to one code
      // point of at most 4 bytes; anything else is kept as is.
      std::string s(Utf8Of(cp));
      size_t lo = 0, hi = std::size(kLetterFolds);
      while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        if (kLetterFolds[mid].cp < cp) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      if (lo < std::size(kLetterFolds) && kLetterFolds[lo].cp == cp &&
          std::strlen(kLetterFolds[lo].utf8) <= 4) {
        s = kLetterFolds[lo].utf8;
      }
      info.size = static_cast<uint8_t>(s.size());
      std::memcpy(info.bytes, s.data(), s.size());
      break;
    }
    case kDigitGroup:
      info.cls = CharClass::kDigit;
      info.size = 1;
      info.bytes[0] = static_cast<char>('0' + digit);
      break;
    case kFormat:
      // U+E0001 LANGUAGE TAG, U+E0020..U+E007F tag characters (emoji flags): invisible.
      info.cls = CharClass::kIgnorable;
      break;
    default:
      info.cls = CharClass::kSeparator;
      break;
  }
  return info;
}

void AppendNormalizedCodePoint(char32_t cp, std::string* out) {
  const NormalizationTable& table = NormalizationTable::Get();
  const CharInfo info = table.Lookup(cp);
  char source[4];
  const int n = EncodeUtf8(cp, source);
  out->append(table.Replacement(info, std::string_view(source, n)));
}

}  // namespace rasd::text
