// Command-line flag parsing for the `rasd` subcommands.
//
// Each subcommand declares the flags it takes (boolean switches and flags with a value);
// Parse() accepts `--name`, `--name=value`, `--name value`, and `--` to end flags, collects
// positional arguments in order, and rejects unknown flags and missing values with a message
// that names the flag. Flags may appear before or after positional arguments.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/base/result.h"

namespace rasd::cli {

class Flags {
 public:
  // Declares a switch (no value).
  Flags& Switch(std::string name, std::string help);
  // Declares a flag that takes a value.
  Flags& Value(std::string name, std::string value_name, std::string help);

  // Parses argv-style arguments (without the program and subcommand names).
  Status Parse(const std::vector<std::string>& args);

  bool Has(std::string_view name) const;
  std::optional<std::string> Get(std::string_view name) const;
  std::string GetOr(std::string_view name, std::string fallback) const;
  // The value as an integer in [min, max]; InvalidArgument naming the flag otherwise.
  Result<long long> GetInt(std::string_view name, long long fallback, long long min,
                           long long max) const;
  // Values of a flag given several times, in order.
  std::vector<std::string> GetAll(std::string_view name) const;
  const std::vector<std::string>& positional() const { return positional_; }

  // One line per flag, for the usage text.
  std::string Help() const;

 private:
  struct Spec {
    bool takes_value = false;
    std::string value_name;
    std::string help;
  };
  std::map<std::string, Spec, std::less<>> specs_;
  std::vector<std::string> order_;
  std::multimap<std::string, std::string, std::less<>> values_;
  std::vector<std::string> positional_;
};

// What every subcommand does first: parses `args` into `flags`. On a parse error prints
// "COMMAND: message", the usage and the flags on stderr and returns the usage exit status (2);
// with --help prints the usage and the flags on stdout and returns 0. Otherwise nullopt: the
// command goes on.
std::optional<int> ParseCommandLine(Flags* flags, const std::vector<std::string>& args,
                                    std::string_view command, std::string_view usage);

}  // namespace rasd::cli
