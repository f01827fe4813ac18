#include "rasd/base/heap.h"

#include <cstdlib>  // defines __GLIBC__ where glibc is the C library

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace rasd::base {

bool ReleaseFreeHeap() {
#if defined(__GLIBC__)
  // Since glibc 2.8 this also releases free pages inside the heaps (madvise), not only at
  // their tops; its result says whether any was released, which the callers need not know.
  malloc_trim(0);
  return true;
#else
  return false;
#endif
}

}  // namespace rasd::base
