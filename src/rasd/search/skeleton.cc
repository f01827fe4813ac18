// Consonant skeletons and bounded Damerau-Levenshtein distances (skeleton.h).
#include "rasd/search/skeleton.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "rasd/text/utf8.h"

namespace rasd::search {
namespace {

constexpr char32_t kFirstArabic = 0x0621;
constexpr char32_t kLastArabic = 0x064A;

// What each letter U+0621..U+064A becomes in the skeleton: 0 = dropped, else the code of the
// letter it is unified with (code point - U+0620). See skeleton.h for the rules.
struct SkeletonTable {
  uint8_t map[kLastArabic - kFirstArabic + 1];
  SkeletonTable() {
    for (char32_t cp = kFirstArabic; cp <= kLastArabic; ++cp) {
      map[cp - kFirstArabic] = static_cast<uint8_t>(cp - 0x0620);
    }
    auto set = [this](char32_t from, char32_t to) {
      map[from - kFirstArabic] = to == 0 ? 0 : static_cast<uint8_t>(to - 0x0620);
    };
    // Long vowels and hamza (with or without a seat) are dropped.
    for (char32_t v : {0x0621, 0x0622, 0x0623, 0x0624, 0x0625, 0x0626, 0x0627, 0x0648, 0x0649,
                       0x064A}) {
      set(v, 0);
    }
    set(0x0640, 0);       // tatweel (never in a norm, but harmless)
    set(0x0637, 0x062A);  // ط -> ت
    set(0x0635, 0x0633);  // ص -> س
    set(0x0636, 0x062F);  // ض -> د
    set(0x0630, 0x0632);  // ذ -> ز
    set(0x0638, 0x0632);  // ظ -> ز
    set(0x0642, 0x0643);  // ق -> ك
    set(0x063A, 0x062C);  // غ -> ج
    set(0x0629, 0x0647);  // ة -> ه
  }
};

const SkeletonTable& Table() {
  static const SkeletonTable table;
  return table;
}

template <typename Symbol>
int Osa(const Symbol* a, size_t n, const Symbol* b, size_t m, int max_distance) {
  if (n > m) return Osa(b, m, a, n, max_distance);
  if (static_cast<int>(m - n) > max_distance) return max_distance + 1;
  if (n == 0) return static_cast<int>(m);
  // Three rows of the optimal-string-alignment table (Damerau's transposition needs i-2).
  constexpr size_t kStack = 64;
  int stack[3 * (kStack + 1)];
  std::vector<int> heap;
  int* rows = stack;
  if (m > kStack) {
    heap.resize(3 * (m + 1));
    rows = heap.data();
  }
  int* prev2 = rows;
  int* prev = rows + (m + 1);
  int* cur = rows + 2 * (m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = static_cast<int>(i);
    int row_min = cur[0];
    for (size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > max_distance) return max_distance + 1;
    int* t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return std::min(prev[m], max_distance + 1);
}

void DecodeAll(std::string_view s, std::u32string* out) {
  out->clear();
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    char32_t cp;
    int n = text::DecodeUtf8(p, end, &cp);
    if (n <= 0) {
      out->push_back(0x110000 + *p);  // distinct from every scalar value
      ++p;
    } else {
      out->push_back(cp);
      p += n;
    }
  }
}

}  // namespace

namespace {

bool Skeleton(std::string_view normalized, bool full, std::string* out) {
  out->clear();
  const SkeletonTable& table = Table();
  const auto* p = reinterpret_cast<const uint8_t*>(normalized.data());
  const auto* end = p + normalized.size();
  char32_t prev_cp = 0;
  while (p < end) {
    char32_t cp;
    int n = text::DecodeUtf8(p, end, &cp);
    if (n <= 0 || cp < kFirstArabic || cp > kLastArabic) {
      out->clear();
      return false;
    }
    p += n;
    // Digraphs: ت+ش (ch) -> ش, د+ج (dj) -> ج: drop the first letter already emitted.
    if (full && ((cp == 0x0634 && prev_cp == 0x062A) || (cp == 0x062C && prev_cp == 0x062F))) {
      if (!out->empty()) out->pop_back();
    }
    const bool initial = prev_cp == 0;
    prev_cp = cp;
    uint8_t code = table.map[cp - kFirstArabic];
    // The strict form keeps a word-initial و or ي: there they are consonants (the conjunction,
    // the imperfect prefix), not long vowels.
    if (!full && initial && (cp == 0x0648 || cp == 0x064A)) code = static_cast<uint8_t>(cp - 0x0620);
    if (code == 0) continue;
    if (full && !out->empty() && static_cast<uint8_t>(out->back()) == code) continue;
    out->push_back(static_cast<char>(code));
  }
  return true;
}

}  // namespace

bool ConsonantSkeleton(std::string_view normalized, std::string* out) {
  return Skeleton(normalized, /*full=*/true, out);
}

bool HasSkeleton(std::string_view normalized) {
  // U+0621..U+063F is D8 A1..D8 BF in UTF-8, U+0640..U+064A is D9 80..D9 8A.
  static_assert(kFirstArabic == 0x0621 && kLastArabic == 0x064A);
  const auto* p = reinterpret_cast<const uint8_t*>(normalized.data());
  const size_t n = normalized.size();
  if (n % 2 != 0) return false;
  for (size_t i = 0; i < n; i += 2) {
    const uint8_t lead = p[i], next = p[i + 1];
    const bool letter = (lead == 0xD8 && next >= 0xA1 && next <= 0xBF) ||
                        (lead == 0xD9 && next >= 0x80 && next <= 0x8A);
    if (!letter) return false;
  }
  return true;
}

bool VowelSkeleton(std::string_view normalized, std::string* out) {
  return Skeleton(normalized, /*full=*/false, out);
}

std::string SkeletonToUtf8(std::string_view skeleton) {
  std::string out;
  char buf[4];
  for (char c : skeleton) {
    const int n = text::EncodeUtf8(0x0620 + static_cast<uint8_t>(c), buf);
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

int BoundedDamerauLevenshtein(std::string_view a, std::string_view b, int max_distance) {
  return Osa(a.data(), a.size(), b.data(), b.size(), max_distance);
}

int BoundedDamerauLevenshteinUtf8(std::string_view a, std::string_view b, int max_distance) {
  thread_local std::u32string ua, ub;
  DecodeAll(a, &ua);
  DecodeAll(b, &ub);
  return Osa(ua.data(), ua.size(), ub.data(), ub.size(), max_distance);
}

size_t CountCodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace rasd::search
