// Flag parsing: see flags.h.
#include "rasd/cli/flags.h"

#include <cerrno>
#include <cstdlib>
#include <iostream>

#include "rasd/cli/command.h"

namespace rasd::cli {

Flags& Flags::Switch(std::string name, std::string help) {
  order_.push_back(name);
  specs_[std::move(name)] = Spec{false, "", std::move(help)};
  return *this;
}

Flags& Flags::Value(std::string name, std::string value_name, std::string help) {
  order_.push_back(name);
  specs_[std::move(name)] = Spec{true, std::move(value_name), std::move(help)};
  return *this;
}

Status Flags::Parse(const std::vector<std::string>& args) {
  bool flags_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (flags_done || arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      if (arg == "--" && !flags_done) {
        flags_done = true;
        continue;
      }
      positional_.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (const size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    auto it = specs_.find(name);
    if (it == specs_.end()) return Status::InvalidArgument("unknown flag --" + name);
    if (it->second.takes_value) {
      if (!value) {
        if (i + 1 >= args.size()) {
          return Status::InvalidArgument("flag --" + name + " needs a value (" +
                                         it->second.value_name + ")");
        }
        value = args[++i];
      }
      values_.emplace(name, *value);
    } else {
      if (value) return Status::InvalidArgument("flag --" + name + " takes no value");
      values_.emplace(name, "");
    }
  }
  return Status::OK();
}

bool Flags::Has(std::string_view name) const { return values_.find(name) != values_.end(); }

std::optional<std::string> Flags::Get(std::string_view name) const {
  auto range = values_.equal_range(name);
  if (range.first == range.second) return std::nullopt;
  return std::prev(range.second)->second;  // the last occurrence wins
}

std::string Flags::GetOr(std::string_view name, std::string fallback) const {
  auto v = Get(name);
  return v ? *v : std::move(fallback);
}

Result<long long> Flags::GetInt(std::string_view name, long long fallback, long long min,
                                long long max) const {
  auto v = Get(name);
  if (!v) return fallback;
  errno = 0;
  char* end = nullptr;
  const long long n = std::strtoll(v->c_str(), &end, 10);
  if (v->empty() || *end != '\0' || errno != 0 || n < min || n > max) {
    return Status::InvalidArgument("flag --" + std::string(name) + ": expected an integer in [" +
                                   std::to_string(min) + ", " + std::to_string(max) +
                                   "], got '" + *v + "'");
  }
  return n;
}

std::vector<std::string> Flags::GetAll(std::string_view name) const {
  std::vector<std::string> out;
  auto range = values_.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
  return out;
}

std::string Flags::Help() const {
  std::string out;
  for (const auto& name : order_) {
    const Spec& spec = specs_.at(name);
    std::string left = "  --" + name + (spec.takes_value ? " " + spec.value_name : "");
    if (left.size() < 26) left.resize(26, ' ');
    out += left + " " + spec.help + "\n";
  }
  return out;
}

std::optional<int> ParseCommandLine(Flags* flags, const std::vector<std::string>& args,
                                    std::string_view command, std::string_view usage) {
  if (Status s = flags->Parse(args); !s.ok()) {
    std::cerr << command << ": " << s.message() << "\n" << usage << flags->Help();
    return kExitUsage;
  }
  if (flags->Has("help")) {
    std::cout << usage << flags->Help();
    return kExitOk;
  }
  return std::nullopt;
}

}  // namespace rasd::cli
