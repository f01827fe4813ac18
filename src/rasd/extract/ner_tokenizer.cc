// Tokenisation for the tagger; see ner_tokenizer.h.
#include "rasd/extract/ner_tokenizer.h"

#include <limits>

#include "rasd/extract/name_forms.h"

namespace rasd::extract {
namespace {

bool IsSpaceLike(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0x00A0 ||
         (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF || cp == 0x3000 || cp == 0x205F ||
         cp == 0x00AD;
}

bool IsWordChar(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           cp == '_';
  }
  if (cp >= 0x0600 && cp <= 0x06FF) {
    // Arabic block: letters, marks, digits and tatweel are word characters; its
    // punctuation (، ؛ ؟ ٪ ٫ ٬ ۔ and the like) is not.
    switch (cp) {
      case 0x060C: case 0x060D: case 0x061B: case 0x061F: case 0x066A: case 0x066D:
      case 0x06D4: case 0x0609: case 0x060A: case 0x061E:
        return false;
      default:
        return true;
    }
  }
  if (cp >= 0x0750 && cp <= 0x077F) return true;   // Arabic supplement
  if (cp >= 0x08A0 && cp <= 0x08FF) return true;   // Arabic extended-A
  if (cp >= 0xFB50 && cp <= 0xFDFF) return true;   // presentation forms A
  if (cp >= 0xFE70 && cp <= 0xFEFE) return true;   // presentation forms B
  if (cp >= 0x00C0 && cp <= 0x024F && cp != 0x00D7 && cp != 0x00F7) return true;  // Latin
  if (cp >= 0x0370 && cp <= 0x052F) return true;   // Greek, Cyrillic
  if (cp >= 0x0300 && cp <= 0x036F) return true;   // combining marks
  return false;
}

bool EndsSentence(char32_t cp) {
  return cp == '.' || cp == '!' || cp == '?' || cp == 0x061F || cp == 0x2026 || cp == 0x06D4;
}

}  // namespace

void TokenizeForNer(std::string_view text, TokenizedText* out, Underscore underscore) {
  out->Clear();
  const bool split_underscore = underscore == Underscore::kSeparator;
  if (text.size() >= std::numeric_limits<uint32_t>::max()) {
    text = text.substr(0, std::numeric_limits<uint32_t>::max() - 1);
  }
  bool sentence_open = false;
  size_t in_sentence = 0;
  auto push = [&](size_t s, size_t e, bool word) {
    if (!sentence_open) {
      out->sentence_starts.push_back(static_cast<uint32_t>(out->tokens.size()));
      sentence_open = true;
      in_sentence = 0;
    }
    out->tokens.push_back({static_cast<uint32_t>(s), static_cast<uint32_t>(e), word});
    if (++in_sentence >= kMaxSentenceTokens) sentence_open = false;
  };
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    char32_t cp = NextCodePoint(text, &i);
    if (cp == '\n') {
      sentence_open = false;
      continue;
    }
    if (IsSpaceLike(cp) || cp == 0xFFFD || cp < 0x20 || cp == 0x7F) continue;
    if (cp == '_' && split_underscore) continue;
    if (IsWordChar(cp)) {
      size_t end = i;
      while (i < text.size()) {
        size_t j = i;
        char32_t c = NextCodePoint(text, &j);
        if (IsWordChar(c) && !(c == '_' && split_underscore)) {
          i = j;
          end = j;
          continue;
        }
        // A decimal point or thousands separator between digits stays in the number.
        if ((c == '.' || c == ',' || c == 0x066B || c == 0x066C) && j < text.size()) {
          size_t k = j;
          char32_t next = NextCodePoint(text, &k);
          char32_t prev = static_cast<unsigned char>(text[end - 1]);
          bool prev_digit = (prev >= '0' && prev <= '9');
          if (!prev_digit && end >= 2) {
            size_t p = end - 2;
            char32_t pc = NextCodePoint(text, &p);
            prev_digit = pc >= 0x0660 && pc <= 0x0669;
          }
          bool next_digit = (next >= '0' && next <= '9') || (next >= 0x0660 && next <= 0x0669);
          if (prev_digit && next_digit) {
            i = k;
            end = k;
            continue;
          }
        }
        break;
      }
      push(start, end, true);
      continue;
    }
    push(start, i, false);
    if (EndsSentence(cp)) sentence_open = false;
  }
}

}  // namespace rasd::extract
