// Splits raw article text into the tokens the entity tagger sees, the way ANERcorp was
// tokenised (../shared/data/README.md section 2a): words are runs of letters, marks and
// digits, each punctuation character is a token of its own, and attached clitics are NOT
// split off (وإيران stays one token; the tagger learns from their forms, and the entity
// linker strips them afterwards).
//
// Every token keeps its byte range in the original text. Whitespace, NBSP and invisible
// format characters (U+200B..U+200F, U+202A..U+202E, U+2066..U+2069, U+FEFF) separate tokens
// and are never part of one. Invalid UTF-8 bytes separate tokens too. Tokens are grouped into
// sentences: a sentence ends after . ! ? ؟ … or a line break, or after kMaxSentenceTokens
// tokens (which bounds the decoder's work on text without punctuation).
//
// Thread-safety: pure function; the output vectors are the caller's.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace rasd::extract {

struct RawToken {
  uint32_t start = 0;  // byte offset in the text
  uint32_t end = 0;    // one past the last byte
  bool word = false;   // letters/digits (true) or a single punctuation/symbol character
};

struct TokenizedText {
  std::vector<RawToken> tokens;
  // Sentence i is tokens [sentence_starts[i], sentence_starts[i+1]) (the last one runs to
  // the end). Empty when there are no tokens.
  std::vector<uint32_t> sentence_starts;
  void Clear() {
    tokens.clear();
    sentence_starts.clear();
  }
};

inline constexpr size_t kMaxSentenceTokens = 256;

// What '_' is. kWordChar: a word character, as in the news corpora the shipped word clusters
// and model were built from (`rasd train` reproduces them byte for byte, so their
// tokenisation must not change). kSeparator: a space, for articles being extracted, where
// underscores join the words of a hashtag (#لورا_سميت) that the tagger should see as words.
enum class Underscore : uint8_t { kWordChar, kSeparator };

// Clears `out` and tokenises `text` (any bytes; texts of 4 GiB or more are truncated).
void TokenizeForNer(std::string_view text, TokenizedText* out,
                    Underscore underscore = Underscore::kWordChar);

}  // namespace rasd::extract
