// An in-memory Env: a whole file system in a map, for hermetic and fast tests (and the
// backing store FaultInjectionEnv usually wraps). Syncs are no-ops; nothing persists past the
// Env's lifetime.
//
// Thread-safety: all methods are safe to call concurrently.
#pragma once

#include <memory>

#include "rasd/base/env.h"

namespace rasd::base {

std::unique_ptr<Env> NewMemEnv();

}  // namespace rasd::base
