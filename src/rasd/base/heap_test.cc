// ReleaseFreeHeap gives freed memory back: the process's anonymous resident memory falls by
// about what was freed, even when live allocations around it keep the heap from shrinking.
#include "rasd/base/heap.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace rasd::base {
namespace {

// RssAnon of /proc/self/status in KiB, or -1 where there is none.
long AnonymousKiB() {
  std::ifstream status("/proc/self/status");
  std::string key;
  long value = -1;
  while (status >> key) {
    if (key == "RssAnon:") {
      status >> value;
      return value;
    }
    status.ignore(1 << 12, '\n');
  }
  return -1;
}

TEST(HeapTest, FreedChunksGoBackToTheSystem) {
  // rasd runs on Linux with glibc (or AddressSanitizer's allocator, in the sanitizer builds):
  // both have the call and the counter, so their absence is a failure, not a reason to skip.
  ASSERT_GE(AnonymousKiB(), 0) << "no RssAnon in /proc/self/status";
  // 64 MiB in chunks small enough for the heap (glibc maps large blocks on their own, and
  // unmaps them on free), each page written so that it is resident.
  constexpr size_t kChunk = 16 << 10;
  constexpr size_t kChunks = 4096;
  std::vector<char*> chunks;
  for (size_t i = 0; i < kChunks; ++i) {
    char* p = static_cast<char*>(std::malloc(kChunk));
    ASSERT_NE(p, nullptr);
    for (size_t at = 0; at < kChunk; at += 4096) p[at] = static_cast<char>(i + at);
    chunks.push_back(p);
  }
  // Every 16th chunk is kept: the freed ones lie between live ones, so free() cannot give
  // them back by shrinking the heap (60 MiB freed).
  for (size_t i = 0; i < kChunks; ++i) {
    if (i % 16 != 15) std::free(chunks[i]);
  }
  const long before = AnonymousKiB();
  EXPECT_TRUE(ReleaseFreeHeap());
  const long after = AnonymousKiB();
  for (size_t i = 15; i < kChunks; i += 16) std::free(chunks[i]);
  EXPECT_GE(before - after, 32 << 10) << "RssAnon " << before << " KiB -> " << after << " KiB";
}

TEST(HeapTest, ClearBoundedKeepsOnlyRoomUpToTheBound) {
  std::string s(1000, 'x');
  const size_t small = s.capacity();
  ClearBounded(&s, 4096);
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.capacity(), small);  // kept for reuse
  s.assign(100000, 'y');
  ClearBounded(&s, 4096);
  EXPECT_TRUE(s.empty());
  EXPECT_LE(s.capacity(), 4096u);  // an outsized buffer is given back
}

}  // namespace
}  // namespace rasd::base
