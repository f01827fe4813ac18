// WordCache: the stem and stopword flag of recently seen word types, kept by one AnalyzedText.
//
// Stemming a word and looking it up in the stopword list cost about 250 instructions a token,
// some 40% of analysing news text (callgrind of bench/analysis). News text repeats a small
// vocabulary (Zipf's law), and both results depend on the normalised word alone, so they are
// computed once per word type and looked up after: a hash of the word's bytes picks one slot
// of a direct-mapped table, which holds the last word of up to kMaxWordBytes bytes seen there.
// Longer words are computed every time.
//
// kSlots x 32 bytes (512 KiB), allocated by the analyzer only for a long text (Analyze), so that
// an AnalyzedText used for short queries never holds one. Not thread-safe (one per
// AnalyzedText, which is one per thread).
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace rasd::text::internal {

class WordCache {
 public:
  static constexpr size_t kMaxWordBytes = 24;  // 12 Arabic letters
  // 16K slots miss about a quarter of news tokens; 64K slots miss half as many but read
  // further from the cache, and measured no faster (docs/BENCHMARKS.md, the word-cache row).
  static constexpr int kSlotBits = 14;
  static constexpr size_t kSlots = size_t{1} << kSlotBits;

  // What the analyzer computes for a word: its stopword flag and its stem, a substring of it.
  struct Analysis {
    bool stop = false;
    uint8_t stem_begin = 0;
    uint8_t stem_size = 0;
  };

  // A word's key: its bytes, zero-padded, and its size.
  struct Key {
    uint64_t w[3] = {0, 0, 0};
    uint8_t size = 0;
  };
  static_assert(sizeof(Key::w) == kMaxWordBytes, "MakeKey's loads and shifts fill w exactly");

  // Sets *k to the key of `word` and returns true, or returns false for a word the cache does
  // not take (empty, or longer than kMaxWordBytes), whose analysis the caller computes.
  //
  // Fixed-size loads, overlapping at the end and shifted to drop the overlap, instead of a
  // memcpy of the word's size (a library call, 3% of the analysis with the cache). Little-endian
  // hosts only, as everywhere in rasd: the first byte is the low one. index/internal/term_key.h
  // loads the segment buffer's 16-byte keys the same way; one template for both (8N bytes)
  // cost this path 4.4% more instructions of the analysis (callgrind, analysis_bench), so each
  // keeps its own straight-line loads.
  static bool MakeKey(std::string_view word, Key* k) {
    const char* p = word.data();
    const size_t n = word.size();
    if (n == 0 || n > kMaxWordBytes) return false;
    *k = Key{};
    k->size = static_cast<uint8_t>(n);
    if (n >= 8) {
      k->w[0] = Load8(p);
      if (n > 16) {
        k->w[1] = Load8(p + 8);
        k->w[2] = Load8(p + n - 8) >> (8 * (24 - n));
      } else if (n > 8) {
        k->w[1] = Load8(p + n - 8) >> (8 * (16 - n));
      }
    } else if (n >= 4) {
      k->w[0] = Load4(p) | (Load4(p + n - 4) >> (8 * (8 - n)) << 32);
    } else {
      for (size_t i = 0; i < n; ++i) k->w[0] |= uint64_t{static_cast<uint8_t>(p[i])} << (8 * i);
    }
    return true;
  }

  // The cached analysis of the word with this key, or nullptr.
  const Analysis* Lookup(const Key& k, size_t* slot) const {
    *slot = SlotOf(k);
    const Slot& s = slots_[*slot];
    if (s.size != k.size || s.w[0] != k.w[0] || s.w[1] != k.w[1] || s.w[2] != k.w[2]) {
      return nullptr;
    }
    return &s.analysis;
  }
  // Remembers the analysis of the word with this key in `slot` (from Lookup), replacing the
  // word that was there.
  void Insert(const Key& k, size_t slot, const Analysis& a) {
    Slot& s = slots_[slot];
    std::memcpy(s.w, k.w, sizeof(s.w));
    s.size = k.size;
    s.analysis = a;
  }

 private:
  struct Slot {
    uint64_t w[3];
    uint8_t size;  // 0: empty (a word is never empty)
    Analysis analysis;
  };
  static_assert(sizeof(Slot) == 32);

  static uint64_t Load8(const char* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  }
  static uint64_t Load4(const char* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  }

  // Multiplicative hashing of the three words (Fibonacci hashing: the top bits).
  static size_t SlotOf(const Key& k) {
    uint64_t h = (k.w[0] ^ k.size) * 0x9E3779B97F4A7C15ull;
    h = (h ^ k.w[1]) * 0xBF58476D1CE4E5B9ull;
    h = (h ^ k.w[2]) * 0x94D049BB133111EBull;
    return static_cast<size_t>(h >> (64 - kSlotBits));
  }

  Slot slots_[kSlots] = {};  // size 0: empty
};

}  // namespace rasd::text::internal
