// Conflation evaluation against PADT lemmas (see conflation.h).
#include "rasd/text/conflation.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <string>
#include <unordered_map>

#include "rasd/text/normalize.h"
#include "rasd/text/utf8.h"

namespace rasd::text {
namespace {

bool HasArabicLetter(std::string_view s) {
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  const uint8_t* const end = p + s.size();
  while (p < end) {
    char32_t cp = 0;
    const int n = DecodeUtf8(p, end, &cp);
    if (n < 0) return false;
    if (ClassOf(cp) == CharClass::kArabicLetter) return true;
    p += n;
  }
  return false;
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return fields;
    }
    fields.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

uint64_t Pairs(uint64_t n) { return n * (n - 1) / 2; }

}  // namespace

Result<std::vector<GoldForm>> ReadPadtGold(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path);
  std::string line;
  int line_number = 0;
  // form -> lemma -> count
  std::map<std::string, std::map<std::string, int>> counts;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_number == 1 || line.empty()) continue;  // header
    const std::vector<std::string_view> f = SplitTabs(line);
    if (f.size() < 7) {
      return Status::Corruption(path + ":" + std::to_string(line_number) + ": expected at least 7 "
                                "tab-separated fields, found " + std::to_string(f.size()));
    }
    const std::string_view form = f[3], lemma = f[5], upos = f[6];
    if (upos == "PUNCT" || upos == "NUM" || upos == "SYM") continue;
    if (!IsValidUtf8(form) || !IsValidUtf8(lemma)) {
      return Status::Corruption(path + ":" + std::to_string(line_number) + ": invalid UTF-8");
    }
    if (form.empty() || !HasArabicLetter(form)) continue;
    ++counts[std::string(form)][std::string(lemma)];
  }
  if (in.bad()) return Status::IOError("read error in " + path);
  std::vector<GoldForm> forms;
  forms.reserve(counts.size());
  for (const auto& [form, lemmas] : counts) {
    GoldForm g;
    g.form = form;
    int best = -1;
    for (const auto& [lemma, n] : lemmas) {  // ascending lemma order: ties keep the smaller
      if (n > best) {
        best = n;
        g.lemma = lemma;
      }
    }
    g.lemma_count = static_cast<int>(lemmas.size());
    forms.push_back(std::move(g));
  }
  return forms;
}

ConflationScores ScoreConflation(const std::vector<std::string>& gold,
                                 const std::vector<std::string>& system) {
  ConflationScores s;
  s.items = std::min(gold.size(), system.size());
  std::unordered_map<std::string, uint64_t> gold_sizes, system_sizes, cell_sizes;
  for (size_t i = 0; i < s.items; ++i) {
    ++gold_sizes[gold[i]];
    ++system_sizes[system[i]];
    std::string cell = gold[i];
    cell.push_back('\0');
    cell.append(system[i]);
    ++cell_sizes[cell];
  }
  for (const auto& [k, n] : gold_sizes) s.same_gold += Pairs(n);
  for (const auto& [k, n] : system_sizes) s.same_system += Pairs(n);
  for (const auto& [k, n] : cell_sizes) s.same_both += Pairs(n);
  s.precision = s.same_system == 0 ? 1.0 : static_cast<double>(s.same_both) / s.same_system;
  s.recall = s.same_gold == 0 ? 1.0 : static_cast<double>(s.same_both) / s.same_gold;
  s.f1 = s.precision + s.recall == 0 ? 0.0 : 2 * s.precision * s.recall / (s.precision + s.recall);
  return s;
}

}  // namespace rasd::text
