// Quote extraction against the hand-annotated gold set tests/data/quotes_gold.jsonl (see
// tests/data/quotes_gold.md): precision/recall of quotes, kind accuracy and speaker
// attribution.
//   quotes_eval [--gold GOLD.jsonl | GOLD.jsonl] [--verbose]
// The default is the test set tests/data/quotes_gold.jsonl; tune on the development set
// tests/data/quotes_dev.jsonl (same format, see quotes_dev.md) and score the test set only to
// report.
// Matching (the gold set's suggested criterion, §6.2): a predicted quote matches a gold
// quote of the same article when its content span covers the gold anchor_start, or starts
// within 12 bytes of it (a free-standing complementizer is one short token). Each gold and
// each predicted quote is matched at most once, gold quotes in order.
// Speaker: strict = the predicted canonical speaker, folded, equals the gold `speaker`,
// folded; lenient = one contains the other as whole words, or they share the last word.
// Gold quotes whose speaker is "" are left out of speaker scoring.
#include <cstdio>
#include <cstring>
#include <map>
#include <set>

#include "bench_util.h"
#include "rasd/base/json.h"
#include "rasd/extract/article_extractor.h"
#include "rasd/extract/corpus_reader.h"
#include "rasd/extract/name_forms.h"

using namespace rasd;
using namespace rasd::extract;

namespace {

struct GoldQuote {
  std::string kind, verb, speaker, anchor;
  long anchor_start = 0;
};
struct GoldArticle {
  std::string corpus, id;
  std::vector<GoldQuote> quotes;
};

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t sp = s.find(' ', pos);
    if (sp == std::string::npos) sp = s.size();
    if (sp > pos) out.push_back(Fold(s.substr(pos, sp - pos)));
    pos = sp + 1;
  }
  return out;
}

bool Contains(const std::vector<std::string>& big, const std::vector<std::string>& small) {
  if (small.empty() || small.size() > big.size()) return false;
  for (size_t i = 0; i + small.size() <= big.size(); ++i) {
    bool ok = true;
    for (size_t j = 0; j < small.size() && ok; ++j) ok = big[i + j] == small[j];
    if (ok) return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  std::string gold_path = std::string(RASD_SOURCE_DIR) + "/tests/data/quotes_gold.jsonl";
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--verbose") == 0) verbose = true;
    else if (std::strcmp(argv[i], "--gold") == 0 && i + 1 < argc) gold_path = argv[++i];
    else gold_path = argv[i];
  }
  std::vector<GoldArticle> gold;
  Status s = ForEachLine(gold_path, [&](std::string_view line, size_t n) -> Status {
    auto v = base::ParseJson(line);
    if (!v.ok()) return v.status().WithContext("gold line " + std::to_string(n));
    GoldArticle a;
    a.corpus = v->Find("corpus")->string_value();
    a.id = v->Find("id")->string_value();
    for (const auto& q : v->Find("quotes")->array_items()) {
      GoldQuote g;
      g.kind = q.Find("kind")->string_value();
      g.verb = q.Find("verb")->string_value();
      g.speaker = q.Find("speaker")->string_value();
      g.anchor = q.Find("anchor")->string_value();
      g.anchor_start = static_cast<long>(q.Find("anchor_start")->number_value());
      a.quotes.push_back(g);
    }
    gold.push_back(std::move(a));
    return Status::OK();
  });
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  // Bodies and dates of the gold articles.
  std::map<std::string, std::set<std::string>> wanted;
  for (const auto& a : gold) wanted[a.corpus].insert(a.id);
  std::map<std::string, std::pair<std::string, std::string>> bodies;
  for (const auto& [corpus, ids] : wanted) {
    std::string path = bench::SharedDir() + "/data/news/" + corpus;
    Status r = ForEachLine(path, [&](std::string_view line, size_t) -> Status {
      auto v = base::ParseJson(line);
      if (!v.ok()) return Status::OK();
      const auto* id = v->Find("id");
      if (!id || !id->is_string() || !ids.count(id->string_value())) return Status::OK();
      const auto* date = v->Find("date");
      bodies[id->string_value()] = {v->Find("body")->string_value(),
                                    date && date->is_string() ? date->string_value() : ""};
      return Status::OK();
    });
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.ToString().c_str());
      return 1;
    }
  }
  auto tagger = NerTagger::Open(bench::ModelPath());
  if (!tagger.ok()) {
    std::fprintf(stderr, "%s\n", tagger.status().ToString().c_str());
    return 1;
  }
  ArticleExtractor x(std::move(tagger).value());
  long n_gold = 0, n_pred = 0, matched = 0, kind_ok = 0;
  std::map<std::string, long> gold_by_kind, matched_by_kind, pred_by_kind, pred_matched_by_kind;
  long spk_total = 0, spk_strict = 0, spk_lenient = 0;
  for (const auto& a : gold) {
    auto it = bodies.find(a.id);
    if (it == bodies.end()) {
      std::fprintf(stderr, "missing article %s\n", a.id.c_str());
      continue;
    }
    const std::string& body = it->second.first;
    ArticleResult r;
    x.Extract(body, it->second.second, &r);
    std::vector<bool> used(r.quotes.size(), false);
    n_gold += static_cast<long>(a.quotes.size());
    n_pred += static_cast<long>(r.quotes.size());
    for (const auto& q : r.quotes) ++pred_by_kind[q.direct ? "direct" : "reported"];
    for (const GoldQuote& g : a.quotes) {
      ++gold_by_kind[g.kind];
      int found = -1;
      for (size_t k = 0; k < r.quotes.size() && found < 0; ++k) {
        if (used[k]) continue;
        const Quote& q = r.quotes[k];
        long st = q.start, en = q.end;
        if ((st <= g.anchor_start && g.anchor_start < en) || std::labs(st - g.anchor_start) <= 12)
          found = static_cast<int>(k);
      }
      if (found < 0) {
        if (verbose)
          std::printf("MISS %s @%ld [%s] %s: %s\n", a.id.c_str(), g.anchor_start, g.kind.c_str(),
                      g.speaker.c_str(), g.anchor.c_str());
        continue;
      }
      used[found] = true;
      const Quote& q = r.quotes[found];
      ++matched;
      ++matched_by_kind[g.kind];
      ++pred_matched_by_kind[q.direct ? "direct" : "reported"];
      kind_ok += (g.kind == "direct") == q.direct;
      if (!g.speaker.empty()) {
        ++spk_total;
        auto gw = Words(g.speaker), pw = Words(q.speaker_canonical);
        bool strict = !pw.empty() && gw == pw;
        bool lenient = strict || Contains(gw, pw) || Contains(pw, gw) ||
                       (!gw.empty() && !pw.empty() && gw.back() == pw.back());
        spk_strict += strict;
        spk_lenient += lenient;
        // SPEAKER: wrong even leniently; SPEAKER-STRICT: right only leniently (a partial
        // name, a title kept, the same family name).
        if (verbose && !strict)
          std::printf("%s %s @%ld gold=%s predicted=%s mention=%s\n",
                      lenient ? "SPEAKER-STRICT" : "SPEAKER", a.id.c_str(), g.anchor_start,
                      g.speaker.c_str(), q.speaker_canonical.c_str(), q.speaker.c_str());
      }
    }
    if (verbose) {
      for (size_t k = 0; k < r.quotes.size(); ++k) {
        if (!used[k])
          std::printf("EXTRA %s @%u [%s] %s: %.60s\n", a.id.c_str(), r.quotes[k].start,
                      r.quotes[k].direct ? "direct" : "reported",
                      r.quotes[k].speaker_canonical.c_str(), r.quotes[k].text.c_str());
      }
    }
  }
  auto pct = [](long a, long b) { return b ? 100.0 * static_cast<double>(a) / static_cast<double>(b) : 0.0; };
  double p = pct(matched, n_pred), rc = pct(matched, n_gold);
  std::printf("articles %zu, gold quotes %ld, predicted %ld, matched %ld\n", gold.size(), n_gold, n_pred, matched);
  std::printf("quotes: precision %.1f, recall %.1f, F1 %.1f\n", p, rc, p + rc > 0 ? 2 * p * rc / (p + rc) : 0.0);
  for (const char* k : {"direct", "reported"}) {
    std::printf("  %s: recall %.1f (%ld/%ld), precision %.1f (%ld/%ld)\n", k,
                pct(matched_by_kind[k], gold_by_kind[k]), matched_by_kind[k], gold_by_kind[k],
                pct(pred_matched_by_kind[k], pred_by_kind[k]), pred_matched_by_kind[k], pred_by_kind[k]);
  }
  std::printf("kind agreement on matched quotes: %.1f%%\n", pct(kind_ok, matched));
  std::printf("speaker on matched quotes with a gold speaker (%ld): strict %.1f%%, lenient %.1f%%\n",
              spk_total, pct(spk_strict, spk_total), pct(spk_lenient, spk_total));
  return 0;
}
