// Default locations; see paths.h.
#include "rasd/extract/paths.h"

#include <cstdlib>

namespace rasd::extract {

std::string DefaultModelDir() {
  const char* env = std::getenv("RASD_MODEL_DIR");
  if (env != nullptr && *env != '\0') return env;
  return RASD_DEFAULT_MODEL_DIR;
}

std::string DefaultSharedDir() {
  const char* env = std::getenv("RASD_SHARED_DIR");
  if (env != nullptr && *env != '\0') return env;
  return RASD_DEFAULT_SHARED_DIR;
}

std::string DefaultNerModelPath() { return DefaultModelDir() + "/ner.model"; }
std::string DefaultClustersPath() { return DefaultModelDir() + "/word_clusters.tsv"; }
std::string DefaultVectorsPath() { return DefaultModelDir() + "/word_vectors.bin"; }

}  // namespace rasd::extract
