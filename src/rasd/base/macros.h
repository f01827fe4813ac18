// Error-propagation macros for Status and Result<T>.
//
//   RASD_RETURN_IF_ERROR(file->Sync());
//   RASD_ASSIGN_OR_RETURN(auto file, env->NewWritableFile(path));
//   RASD_RETURN_IF_ERROR(Parse(line).WithContext("line 12"));
//
// Both return the failure from the enclosing function, which must return Status or a
// Result<U> (a Status converts to either).
#pragma once

#include "rasd/base/result.h"
#include "rasd/base/status.h"

#define RASD_INTERNAL_CONCAT_INNER(a, b) a##b
#define RASD_INTERNAL_CONCAT(a, b) RASD_INTERNAL_CONCAT_INNER(a, b)

#define RASD_RETURN_IF_ERROR(expr)                        \
  do {                                                    \
    ::rasd::Status rasd_status_ = (expr);                 \
    if (!rasd_status_.ok()) [[unlikely]] return rasd_status_; \
  } while (false)

#define RASD_INTERNAL_ASSIGN_OR_RETURN(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) [[unlikely]] return tmp.status();     \
  lhs = std::move(tmp).value()

#define RASD_ASSIGN_OR_RETURN(lhs, expr) \
  RASD_INTERNAL_ASSIGN_OR_RETURN(RASD_INTERNAL_CONCAT(rasd_result_, __LINE__), lhs, expr)
