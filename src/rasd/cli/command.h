// The subcommands of the `rasd` program. Each Run* function takes the arguments after the
// subcommand name, prints its output on stdout and its errors on stderr, and returns the
// process exit status: 0 on success, 1 when the input or the index was at fault, 2 for a
// usage error.
#pragma once

#include <string>
#include <vector>

namespace rasd::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

int RunAnalyze(const std::vector<std::string>& args);
int RunExtract(const std::vector<std::string>& args);
int RunTag(const std::vector<std::string>& args);
int RunTrain(const std::vector<std::string>& args);
int RunIndex(const std::vector<std::string>& args);
int RunSearch(const std::vector<std::string>& args);
int RunGet(const std::vector<std::string>& args);
int RunDelete(const std::vector<std::string>& args);
int RunStats(const std::vector<std::string>& args);
int RunCheck(const std::vector<std::string>& args);
int RunOptimize(const std::vector<std::string>& args);
int RunServe(const std::vector<std::string>& args);
int RunStories(const std::vector<std::string>& args);
int RunEval(const std::vector<std::string>& args);

}  // namespace rasd::cli
