// Runs a shell command for the end-to-end tests and captures its stdout, stderr and exit status.
#pragma once

#include <string>
#include <vector>

namespace rasd::testing {

struct CommandResult {
  int exit_status = -1;
  std::string out;
  std::string err;
};

// Runs `command` with /bin/sh, feeding `input` on standard input.
CommandResult RunCommand(const std::string& command, const std::string& input = "");

// Quotes `s` for the shell.
std::string ShellQuote(const std::string& s);

// Lines of `s` without their '\n' (a final line without '\n' counts too).
std::vector<std::string> Lines(const std::string& s);

}  // namespace rasd::testing
