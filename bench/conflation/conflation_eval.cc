// conflation_eval: pairwise conflation scores of stemmers against PADT lemmas.
//
//   conflation_eval forms SPLIT.tsv
//       prints the evaluated forms, one per line (input for external stemmers such as Lucene's)
//   conflation_eval score SPLIT.tsv [NAME=STEMS_FILE ...]
//       prints "system<TAB>items<TAB>precision<TAB>recall<TAB>f1" for rasd, rasd's implementation
//       of light10, Snowball (when linked with libstemmer) and each external stems file (one stem
//       per line, aligned with the `forms` output)
//   conflation_eval ablate SPLIT.tsv
//       prints the same columns for each step from light10 to rasd's configuration (the rules
//       that go beyond light10 and the dev F1 that justified them)
//   conflation_eval stats SPLIT.tsv
//       prints how many forms there are and how many have several lemmas
//   conflation_eval dump SPLIT.tsv [SPEC]
//       prints "form<TAB>gold lemma<TAB>stem" (for error analysis)
//   conflation_eval custom SPLIT.tsv SPEC
//       scores one ad-hoc configuration, for exploring (see ParseSpec)
//
// The method (items, gold classes, exclusions) is documented in src/rasd/text/conflation.h.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "rasd/text/analyzer.h"
#include "rasd/text/conflation.h"
#include "rasd/text/stemmer.h"

#ifdef RASD_HAVE_LIBSTEMMER
#include <libstemmer.h>
#endif

namespace {

using rasd::text::ConflationScores;
using rasd::text::GoldForm;
using rasd::text::Stemmer;
using rasd::text::StemmerConfig;

void PrintRow(const std::string& name, const ConflationScores& s) {
  std::printf("%s\t%zu\t%.4f\t%.4f\t%.4f\n", name.c_str(), s.items, s.precision, s.recall, s.f1);
}

std::vector<std::string> GoldLabels(const std::vector<GoldForm>& forms) {
  std::vector<std::string> gold;
  for (const GoldForm& f : forms) gold.push_back(f.lemma);
  return gold;
}

// rasd: NormalizeWord then the stemmer (no stopword handling: stopwords are stemmed like any
// other word here, for every system).
ConflationScores ScoreRasd(const std::vector<GoldForm>& forms, const Stemmer& stemmer) {
  std::vector<std::string> stems;
  for (const GoldForm& f : forms) {
    const std::string norm = rasd::text::NormalizeWord(f.form);
    stems.emplace_back(stemmer.Stem(norm));
  }
  return rasd::text::ScoreConflation(GoldLabels(forms), stems);
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::vector<rasd::text::AffixRule> Affixes(const std::string& list) {
  std::vector<rasd::text::AffixRule> out;
  for (const std::string& item : Split(list, ',')) {
    const std::vector<std::string> parts = Split(item, ':');
    out.emplace_back(parts[0], parts.size() > 1 ? std::stoi(parts[1]) : 0,
                     parts.size() > 2 ? std::stoi(parts[2]) : (1 << 30));
  }
  return out;
}

// SPEC: semicolon-separated key=value, starting from light10 or default:
//   base=light10|default; P=ال,وال (prefixes, each optionally AFFIX:MIN[:MAX] letters left);
//   S=... (suffixes, likewise); P+=/S+= append; minstem=N; minp=N; mins=N; pr=N (prefix
//   rounds); sr=N (suffix rounds);
//   order=light10|longest; protect=w1,w2
StemmerConfig ParseSpec(const std::string& spec) {
  StemmerConfig c = StemmerConfig::Default();
  for (const std::string& kv : Split(spec, ';')) {
    const size_t eq = kv.find('=');
    if (eq == std::string::npos) continue;
    const std::string k = kv.substr(0, eq), v = kv.substr(eq + 1);
    if (k == "base") c = v == "light10" ? StemmerConfig::Light10() : StemmerConfig::Default();
    if (k == "P") c.prefixes = Affixes(v);
    if (k == "P+") for (auto& x : Affixes(v)) c.prefixes.push_back(x);
    if (k == "V") c.late_prefixes = Affixes(v);
    if (k == "S") c.suffixes = Affixes(v);
    if (k == "S+") for (auto& x : Affixes(v)) c.suffixes.push_back(x);
    if (k == "minstem") c.min_letters_to_stem = std::stoi(v);
    if (k == "minp") c.min_stem_after_prefix = std::stoi(v);
    if (k == "mins") c.min_stem_after_suffix = std::stoi(v);
    if (k == "pr") c.prefix_rounds = std::stoi(v);
    if (k == "sr") c.suffix_rounds = std::stoi(v);
    if (k == "order") c.light10_suffix_order = v == "light10";
    if (k == "protect") c.protected_words = Split(v, ',');
  }
  return c;
}

int Usage() {
  std::fprintf(stderr,
               "usage: conflation_eval forms|score|ablate|custom SPLIT.tsv [NAME=FILE...|SPEC]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return Usage();
  const std::string command = argv[1];
  auto forms_or = rasd::text::ReadPadtGold(argv[2]);
  if (!forms_or.ok()) {
    std::fprintf(stderr, "conflation_eval: %s\n", forms_or.status().ToString().c_str());
    return 1;
  }
  const std::vector<GoldForm>& forms = *forms_or;

  if (command == "forms") {
    for (const GoldForm& f : forms) std::printf("%s\n", f.form.c_str());
    return 0;
  }
  if (command == "score") {
    PrintRow("rasd", ScoreRasd(forms, Stemmer::Default()));
    PrintRow("light10 (rasd code)", ScoreRasd(forms, Stemmer(StemmerConfig::Light10())));
#ifdef RASD_HAVE_LIBSTEMMER
    {
      sb_stemmer* sb = sb_stemmer_new("arabic", "UTF_8");
      if (sb == nullptr) {
        std::fprintf(stderr, "conflation_eval: libstemmer has no arabic stemmer\n");
        return 1;
      }
      std::vector<std::string> stems;
      for (const GoldForm& f : forms) {
        const sb_symbol* s = sb_stemmer_stem(sb, reinterpret_cast<const sb_symbol*>(f.form.data()),
                                             static_cast<int>(f.form.size()));
        stems.emplace_back(reinterpret_cast<const char*>(s), sb_stemmer_length(sb));
      }
      sb_stemmer_delete(sb);
      PrintRow("snowball", rasd::text::ScoreConflation(GoldLabels(forms), stems));
    }
#endif
    for (int i = 3; i < argc; ++i) {
      const std::string arg = argv[i];
      const size_t eq = arg.find('=');
      if (eq == std::string::npos) return Usage();
      std::ifstream in(arg.substr(eq + 1));
      if (!in) {
        std::fprintf(stderr, "conflation_eval: cannot open %s\n", arg.substr(eq + 1).c_str());
        return 1;
      }
      std::vector<std::string> stems;
      std::string line;
      while (std::getline(in, line)) stems.push_back(line);
      if (stems.size() != forms.size()) {
        std::fprintf(stderr, "conflation_eval: %s has %zu lines, expected %zu\n",
                     arg.substr(eq + 1).c_str(), stems.size(), forms.size());
        return 1;
      }
      PrintRow(arg.substr(0, eq), rasd::text::ScoreConflation(GoldLabels(forms), stems));
    }
    return 0;
  }
  if (command == "ablate") {
    for (const auto& step : StemmerConfig::AblationSteps()) {
      PrintRow(step.name, ScoreRasd(forms, Stemmer(step.config)));
    }
    return 0;
  }
  if (command == "stats") {
    size_t ambiguous = 0;
    for (const GoldForm& f : forms) ambiguous += f.lemma_count > 1;
    std::printf("forms\t%zu\tambiguous\t%zu\t%.1f%%\n", forms.size(), ambiguous,
                100.0 * ambiguous / forms.size());
    return 0;
  }
  if (command == "dump") {
    const Stemmer stemmer(argc >= 4 ? ParseSpec(argv[3]) : StemmerConfig::Default());
    for (const GoldForm& f : forms) {
      const std::string norm = rasd::text::NormalizeWord(f.form);
      std::printf("%s\t%s\t%s\n", f.form.c_str(), f.lemma.c_str(),
                  std::string(stemmer.Stem(norm)).c_str());
    }
    return 0;
  }
  if (command == "custom" && argc >= 4) {
    PrintRow(argv[3], ScoreRasd(forms, Stemmer(ParseSpec(argv[3]))));
    return 0;
  }
  return Usage();
}
