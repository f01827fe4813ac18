// A std::unordered_map keyed by std::string that can be probed with a std::string_view
// without building a string (C++20 heterogeneous lookup), for the hot lookups of the tagger.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "rasd/base/hash.h"

namespace rasd::extract {

struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return base::Hash64(s); }
};

template <typename V>
using StringMap = std::unordered_map<std::string, V, StringViewHash, std::equal_to<>>;

}  // namespace rasd::extract
