// Where the extraction module finds its shipped models and the shared data by default.
//
// Models: $RASD_MODEL_DIR when set, else the models/ folder of the source tree this build
// came from (compile-time). Shared data: $RASD_SHARED_DIR when set, else the build's
// RASD_SHARED_DIR cache variable (../shared beside the source tree).
#pragma once

#include <string>

namespace rasd::extract {

std::string DefaultModelDir();
std::string DefaultSharedDir();
// DefaultModelDir() + "/ner.model", "/word_clusters.tsv" and "/word_vectors.bin".
std::string DefaultNerModelPath();
std::string DefaultClustersPath();
std::string DefaultVectorsPath();

}  // namespace rasd::extract
