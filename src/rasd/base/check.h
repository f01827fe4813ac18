// RASD_CHECK: abort on a broken invariant.
//
// Errors that input can cause are returned as Status values; RASD_CHECK is only for states
// that a correct program can never reach (a bug). It is active in every build type, because an
// index that silently continues past a broken invariant can corrupt data on disk.
#pragma once

namespace rasd::base::internal {
[[noreturn]] void CheckFailed(const char* file, int line, const char* condition,
                              const char* message);
}  // namespace rasd::base::internal

#define RASD_CHECK(condition)                                                        \
  do {                                                                               \
    if (!(condition)) [[unlikely]] {                                                 \
      ::rasd::base::internal::CheckFailed(__FILE__, __LINE__, #condition, nullptr);  \
    }                                                                                \
  } while (false)

#define RASD_CHECK_MSG(condition, message)                                           \
  do {                                                                               \
    if (!(condition)) [[unlikely]] {                                                 \
      ::rasd::base::internal::CheckFailed(__FILE__, __LINE__, #condition, message);  \
    }                                                                                \
  } while (false)
