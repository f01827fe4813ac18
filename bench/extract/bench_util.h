// Small helpers shared by the extraction benchmarks: locating shared data and timing.
#pragma once

#include <chrono>
#include <cstdlib>
#include <string>

namespace rasd::bench {

inline std::string SharedDir() {
  const char* env = std::getenv("RASD_SHARED_DIR");
  return env ? env : RASD_SHARED_DIR;
}

inline std::string ModelPath() {
  const char* env = std::getenv("RASD_MODEL_DIR");
  return std::string(env ? env : RASD_SOURCE_DIR "/models") + "/ner.model";
}

// CPU time of this thread in seconds (one core, whatever else the machine runs).
inline double ThreadSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

}  // namespace rasd::bench
