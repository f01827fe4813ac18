#include "rasd/index/internal/term_key.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>

namespace rasd::index::internal {
namespace {

// Against the plain definition (a zero-padded copy of the first 16 bytes), for every length
// up to 24 and every byte position, with bytes that have the high bit set (Arabic) and bytes
// beyond the term that must not leak in.
TEST(TermKeyTest, EqualsAZeroPaddedCopy) {
  for (size_t len = 0; len <= 24; ++len) {
    for (size_t at = 0; at < len || at == 0; ++at) {
      std::string buffer(len + 16, '\xAA');  // what follows the term in memory
      for (size_t k = 0; k < len; ++k) buffer[k] = static_cast<char>(0xD8 + k);
      if (len > 0) buffer[at] = '\x01';
      const std::string_view term(buffer.data(), len);
      uint64_t want[2] = {0, 0};
      std::memcpy(want, term.data(), std::min<size_t>(len, 16));
      uint64_t got[2];
      LoadTermKey(term, got);
      EXPECT_EQ(got[0], want[0]) << "length " << len << ", byte " << at;
      EXPECT_EQ(got[1], want[1]) << "length " << len << ", byte " << at;
    }
  }
}

}  // namespace
}  // namespace rasd::index::internal
