#include "rasd/base/heap.h"

#include <cstdlib>  // defines __GLIBC__ where glibc is the C library

#if defined(__SANITIZE_ADDRESS__)
// AddressSanitizer's allocator serves every allocation of such a build (glibc's heap then holds
// nothing to trim); this is its call for the same thing (compiler-rt, libasan).
extern "C" void __sanitizer_purge_allocator();
#elif defined(__GLIBC__)
#include <malloc.h>
#endif

namespace rasd::base {

bool ReleaseFreeHeap() {
#if defined(__SANITIZE_ADDRESS__)
  // Drains the quarantine of freed blocks and releases the free pages of its size classes.
  __sanitizer_purge_allocator();
  return true;
#elif defined(__GLIBC__)
  // Since glibc 2.8 this also releases free pages inside the heaps (madvise), not only at
  // their tops; its result says whether any was released, which the callers need not know.
  malloc_trim(0);
  return true;
#else
  return false;
#endif
}

void ClearBounded(std::string* s, size_t kept) {
  if (s->capacity() > kept) {
    std::string().swap(*s);
  } else {
    s->clear();
  }
}

}  // namespace rasd::base
