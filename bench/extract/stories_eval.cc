// Near-duplicate and story clustering quality and cost.
//   stories_eval [--ans-only]
// 1. ANS stance pairs (shared/data/neardup/ans_stance/pairs.jsonl): headline s1 vs an
//    annotator's s2; `agree` pairs are paraphrase positives, `disagree` and `other` negatives.
//    A pair is predicted "same story" when the topic similarity (StoryClusterer::Compare) is
//    at least the threshold; the threshold with the best F1 on the train split is reported
//    on the test split, next to the shipped default.
// 2. SaudiNewsNet wire copies: every article (title + body) is added to one incremental
//    StoryClusterer in file order. Silver positives: pairs of articles from DIFFERENT papers
//    whose bodies are identical after folding (at least 30 words). Recall = share of those
//    pairs put in the same near-duplicate group. Negatives: 20,000 random cross-paper pairs
//    with different bodies (fixed seed); false-positive rate = share put in the same group.
//    Precision: 2,000 random cross-paper pairs from predicted near-duplicate groups, judged
//    by the exact Jaccard of their word 3-shingles (>= 0.5 counts as a true near-duplicate).
// 3. Cost: CPU time per Add (signatures + LSH + union-find), one core.
#include <cstdio>
#include <algorithm>
#include <set>
#include <unordered_map>
#include <cstring>
#include <map>
#include <random>
#include <unordered_map>

#include "bench_util.h"
#include "rasd/base/hash.h"
#include "rasd/base/json.h"
#include "rasd/extract/corpus_reader.h"
#include "rasd/extract/minhash.h"
#include "rasd/extract/name_forms.h"
#include "rasd/extract/ner_tokenizer.h"
#include "rasd/extract/story_clusterer.h"

using namespace rasd;
using namespace rasd::extract;

namespace {

std::vector<std::string> FoldedWords(std::string_view text) {
  TokenizedText tok;
  TokenizeForNer(text, &tok);
  std::vector<std::string> out;
  for (const RawToken& t : tok.tokens)
    if (t.word) out.push_back(FoldOnly(text.substr(t.start, t.end - t.start)));
  return out;
}

void Ans(const StoryClusterer& sc) {
  struct Pair {
    std::string split;
    bool positive;
    double topic, copy;
  };
  std::vector<Pair> pairs;
  Status s = ForEachLine(bench::SharedDir() + "/data/neardup/ans_stance/pairs.jsonl",
                         [&](std::string_view line, size_t) -> Status {
                           auto v = base::ParseJson(line);
                           if (!v.ok()) return Status::OK();
                           auto sim = sc.Compare(v->Find("s1")->string_value(), v->Find("s2")->string_value());
                           pairs.push_back({v->Find("split")->string_value(),
                                            v->Find("label")->string_value() == "agree", sim.topic, sim.copy});
                           return Status::OK();
                         });
  if (!s.ok()) {
    std::printf("ANS: %s\n", s.ToString().c_str());
    return;
  }
  auto prf = [&](const std::string& split, double th, bool copy, double* p, double* r) {
    long tp = 0, fp = 0, fn = 0;
    for (const Pair& x : pairs) {
      if (x.split != split) continue;
      bool pred = (copy ? x.copy : x.topic) >= th;
      tp += pred && x.positive;
      fp += pred && !x.positive;
      fn += !pred && x.positive;
    }
    *p = tp + fp ? 100.0 * tp / (tp + fp) : 0;
    *r = tp + fn ? 100.0 * tp / (tp + fn) : 0;
    return *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0.0;
  };
  double best_th = 0, best_f = -1, p, r;
  for (double th = 0.05; th < 0.95; th += 0.025) {
    double f = prf("train", th, false, &p, &r);
    if (f > best_f) best_f = f, best_th = th;
  }
  double f = prf("test", sc.options().story_threshold, false, &p, &r);
  std::printf("ANS test, topic similarity >= %.3f (shipped default): P %.1f R %.1f F1 %.1f\n",
              sc.options().story_threshold, p, r, f);
  f = prf("test", best_th, false, &p, &r);
  std::printf("ANS test, topic similarity >= %.3f (best F1 on train): P %.1f R %.1f F1 %.1f\n",
              best_th, p, r, f);
  f = prf("test", sc.options().near_duplicate_threshold, true, &p, &r);
  std::printf("ANS test, copy similarity >= %.2f (near-duplicate): P %.1f R %.1f F1 %.1f\n",
              sc.options().near_duplicate_threshold, p, r, f);
  long pos = 0, n = 0;
  for (const Pair& x : pairs) n += x.split == "test", pos += x.split == "test" && x.positive;
  std::printf("ANS test pairs: %ld (%ld agree); all-positive baseline P %.1f\n", n, pos, 100.0 * pos / n);
}

}  // namespace

int main(int argc, char** argv) {
  StoryClusterer sc;
  Ans(sc);
  if (argc > 1 && std::strcmp(argv[1], "--ans-only") == 0) return 0;
  struct Doc {
    std::string id, source, date, title;
    uint64_t body_hash = 0;
    size_t words = 0;
  };
  std::vector<Doc> docs;
  double cpu = 0;
  size_t bytes = 0;
  Status s = ForEachLine(bench::SharedDir() + "/data/news/saudinewsnet.jsonl.zst",
                         [&](std::string_view line, size_t) -> Status {
                           auto v = base::ParseJson(line);
                           if (!v.ok()) return Status::OK();
                           Doc d;
                           d.id = v->Find("id")->string_value();
                           d.source = v->Find("source")->string_value();
                           const std::string& body = v->Find("body")->string_value();
                           std::string text = v->Find("title")->string_value() + "\n" + body;
                           auto words = FoldedWords(body);
                           std::string joined;
                           for (auto& w : words) joined += w + " ";
                           d.body_hash = base::Hash64(joined);
                           d.words = words.size();
                           const auto* date = v->Find("date");
                           if (date && date->is_string()) d.date = date->string_value().substr(0, 10);
                           d.title = v->Find("title")->string_value();
                           double t0 = bench::ThreadSeconds();
                           sc.Add(d.id, date && date->is_string() ? date->string_value() : "", text);
                           cpu += bench::ThreadSeconds() - t0;
                           bytes += text.size();
                           docs.push_back(std::move(d));
                           return Status::OK();
                         });
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  std::printf("SaudiNewsNet: %zu articles, story clustering cost %.1f us/article (%.1f MB/s), one core\n",
              docs.size(), 1e6 * cpu / docs.size(), bytes / cpu / 1e6);
  std::vector<std::string> dup_root(docs.size()), story_root(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    auto a = sc.Assignment(docs[i].id);
    dup_root[i] = a.duplicate_of.empty() ? docs[i].id : a.duplicate_of;
    story_root[i] = a.story;
  }
  // Silver positives.
  std::unordered_map<uint64_t, std::vector<size_t>> by_body;
  for (size_t i = 0; i < docs.size(); ++i)
    if (docs[i].words >= 30) by_body[docs[i].body_hash].push_back(i);
  long pos = 0, pos_found = 0, pos_story = 0;
  for (const auto& [h, members] : by_body) {
    for (size_t a = 0; a < members.size(); ++a)
      for (size_t b = a + 1; b < members.size(); ++b) {
        if (docs[members[a]].source == docs[members[b]].source) continue;
        ++pos;
        pos_found += dup_root[members[a]] == dup_root[members[b]];
        pos_story += story_root[members[a]] == story_root[members[b]];
      }
  }
  std::printf("wire copies (identical bodies, different papers): %ld pairs; near-duplicate recall %.1f%%, same-story %.1f%%\n",
              pos, pos ? 100.0 * pos_found / pos : 0.0, pos ? 100.0 * pos_story / pos : 0.0);
  std::mt19937_64 rng(20150721);
  std::uniform_int_distribution<size_t> pick(0, docs.size() - 1);
  long neg = 0, neg_dup = 0, neg_story = 0;
  while (neg < 20000) {
    size_t a = pick(rng), b = pick(rng);
    if (a == b || docs[a].source == docs[b].source || docs[a].body_hash == docs[b].body_hash) continue;
    ++neg;
    neg_dup += dup_root[a] == dup_root[b];
    neg_story += story_root[a] == story_root[b];
  }
  std::printf("random cross-paper pairs: %ld; put in one near-duplicate group %.3f%%, one story %.3f%%\n",
              neg, 100.0 * neg_dup / neg, 100.0 * neg_story / neg);
  // Precision of predicted near-duplicate pairs across papers.
  std::map<std::string, std::vector<size_t>> groups;
  for (size_t i = 0; i < docs.size(); ++i) groups[dup_root[i]].push_back(i);
  std::vector<std::pair<size_t, size_t>> predicted;
  for (const auto& [root, members] : groups) {
    for (size_t a = 0; a < members.size(); ++a)
      for (size_t b = a + 1; b < members.size(); ++b)
        if (docs[members[a]].source != docs[members[b]].source) predicted.emplace_back(members[a], members[b]);
  }
  std::shuffle(predicted.begin(), predicted.end(), rng);
  if (predicted.size() > 2000) predicted.resize(2000);
  // Re-read the sampled bodies.
  std::unordered_map<std::string, std::string> need;
  for (auto [a, b] : predicted) need[docs[a].id], need[docs[b].id];
  s = ForEachLine(bench::SharedDir() + "/data/news/saudinewsnet.jsonl.zst",
                  [&](std::string_view line, size_t) -> Status {
                    auto v = base::ParseJson(line);
                    if (!v.ok()) return Status::OK();
                    auto it = need.find(v->Find("id")->string_value());
                    if (it != need.end()) it->second = v->Find("title")->string_value() + "\n" + v->Find("body")->string_value();
                    return Status::OK();
                  });
  long good = 0;
  for (auto [a, b] : predicted) {
    double j = Jaccard(WordShingles(FoldedWords(need[docs[a].id]), 3), WordShingles(FoldedWords(need[docs[b].id]), 3));
    good += j >= 0.5;
  }
  std::printf("predicted cross-paper near-duplicate pairs sampled: %zu; exact 3-shingle Jaccard >= 0.5: %.1f%%\n",
              predicted.size(), predicted.empty() ? 0.0 : 100.0 * good / predicted.size());
  auto stories = sc.Stories(2);
  size_t in_stories = 0;
  for (auto& st : stories) in_stories += st.members.size();
  std::printf("stories with 2+ articles: %zu (holding %zu articles); largest %zu\n", stories.size(),
              in_stories, stories.empty() ? 0 : stories[0].members.size());
  // The largest stories: their day span, papers and a few titles (to judge them by eye).
  std::unordered_map<std::string, const Doc*> by_id;
  for (const Doc& d : docs) by_id[d.id] = &d;
  size_t sizes[5] = {0, 0, 0, 0, 0};
  for (auto& st : stories) {
    const size_t n = st.members.size();
    sizes[n >= 50 ? 4 : n >= 20 ? 3 : n >= 10 ? 2 : n >= 5 ? 1 : 0]++;
  }
  std::printf("story sizes: 2-4 %zu, 5-9 %zu, 10-19 %zu, 20-49 %zu, 50+ %zu\n", sizes[0], sizes[1],
              sizes[2], sizes[3], sizes[4]);
  for (size_t k = 0; k < stories.size() && k < 3; ++k) {
    std::set<std::string> papers;
    std::string first = "9999", last = "0000";
    for (const auto& id : stories[k].members) {
      const Doc* d = by_id[id];
      papers.insert(d->source);
      if (!d->date.empty()) first = std::min(first, d->date), last = std::max(last, d->date);
    }
    std::printf("story %zu: %zu articles, %zu papers, %s .. %s; e.g.", k + 1, stories[k].members.size(),
                papers.size(), first.c_str(), last.c_str());
    for (size_t j = 0; j < stories[k].members.size() && j < 4; ++j)
      std::printf(" | %s", by_id[stories[k].members[j * stories[k].members.size() / 4]]->title.c_str());
    std::printf("\n");
  }
  return 0;
}
