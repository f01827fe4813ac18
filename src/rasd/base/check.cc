// The failure path of RASD_CHECK: print where, then abort (so a core dump or a sanitizer
// report carries the stack).
#include "rasd/base/check.h"

#include <cstdio>
#include <cstdlib>

namespace rasd::base::internal {

void CheckFailed(const char* file, int line, const char* condition, const char* message) {
  std::fprintf(stderr, "rasd: check failed at %s:%d: %s%s%s\n", file, line, condition,
               message ? ": " : "", message ? message : "");
  std::fflush(stderr);
  std::abort();
}

}  // namespace rasd::base::internal
