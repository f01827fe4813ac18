// Processor features (cpu.h), from GCC's and Clang's cpuid builtins.
#include "rasd/base/cpu.h"

namespace rasd::base {

// __builtin_cpu_init first: the answer may be asked for before the runtime's own
// constructors have run (from a static initialiser elsewhere).
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
bool CpuHasAvx2() {
  static const bool avx2 = (__builtin_cpu_init(), __builtin_cpu_supports("avx2") != 0);
  return avx2;
}
bool CpuHasSse42() {
  static const bool sse42 = (__builtin_cpu_init(), __builtin_cpu_supports("sse4.2") != 0);
  return sse42;
}
#else
bool CpuHasAvx2() { return false; }
bool CpuHasSse42() { return false; }
#endif

}  // namespace rasd::base
