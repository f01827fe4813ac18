// Tagging runs of CoNLL sentences; see conll_tagging.h.
#include "rasd/extract/conll_tagging.h"

#include <algorithm>

#include "rasd/base/check.h"
#include "rasd/extract/name_forms.h"
#include "rasd/extract/name_propagation.h"
#include "rasd/extract/name_spans.h"

namespace rasd::extract {

void TagConllRun(const NerTagger& tagger,
                 const std::vector<std::vector<std::string_view>>& sentences, size_t begin,
                 size_t end, std::vector<std::vector<Tag>>* tags,
                 NerTagger::DocumentScratch* scratch, ConllRunScratch* run) {
  RASD_CHECK(begin <= end && end <= sentences.size());
  const size_t reach = static_cast<size_t>(kConllPropagationWindow);
  const size_t lo = begin - std::min(begin, reach);
  const size_t hi = std::min(sentences.size(), end + reach);
  // The sentences whose tags sentences [begin, end) draw on, each repaired.
  std::vector<std::vector<Tag>>& near = run->tags;
  tagger.TagWindows(sentences, lo, hi, kDocumentWindow, &near, scratch);
  run->eligible.resize(hi - lo);
  run->named.resize(hi - lo);
  for (size_t j = lo; j < hi; ++j) {
    const std::vector<TokenInfo>& infos = scratch->infos[j];
    RepairNameSpans(sentences[j], infos, &near[j - lo]);
    std::vector<bool>& eligible = run->eligible[j - lo];
    eligible.resize(infos.size());
    for (size_t i = 0; i < infos.size(); ++i) {
      eligible[i] = StartsWithLetter(infos[i].folded) && MayPropagate(infos[i]);
    }
    // What PropagateNames may carry from this sentence: a word tagged as a one-word name or
    // as a name's last word, or the first word of a name of two or more words (a superset
    // of what it carries: only persons' last words, only names of 2-4 words).
    const std::vector<Tag>& t = near[j - lo];
    std::vector<uint64_t>& named = run->named[j - lo];
    named.clear();
    for (size_t i = 0; i < t.size(); ++i) {
      if (t[i] == kTagO) continue;
      const bool last = i + 1 == t.size() || !IsInside(t[i + 1]);
      if ((last && eligible[i]) || (IsBegin(t[i]) && !last)) named.push_back(infos[i].h_base);
    }
  }
  // One sense per discourse over each sentence's window of kConllPropagationWindow
  // sentences on either side, as `rasd extract` applies it over an article.
  tags->resize(end - begin);
  for (size_t j = begin; j < end; ++j) {
    const size_t from = j - std::min(j - lo, reach), to = std::min(hi, j + reach + 1);
    std::vector<Tag>& out = (*tags)[j - begin];
    out = near[j - lo];
    // Only an untagged word of sentence j with the base of a word the window may carry can
    // change (a necessary condition: PropagateNames also checks the rest of a name, the
    // word's eligibility and conflicts); most sentences have none, and the window's
    // concatenation is skipped.
    bool may_change = false;
    const std::vector<TokenInfo>& infos = scratch->infos[j];
    for (size_t i = 0; i < infos.size() && !may_change; ++i) {
      if (out[i] != kTagO) continue;
      for (size_t k = from; k < to && !may_change; ++k) {
        const std::vector<uint64_t>& named = run->named[k - lo];
        may_change = std::find(named.begin(), named.end(), infos[i].h_base) != named.end();
      }
    }
    if (!may_change) continue;
    run->bases.clear();
    run->window_eligible.clear();
    run->window_tags.clear();
    run->window_starts.clear();
    size_t offset = 0;
    for (size_t k = from; k < to; ++k) {
      if (k == j) offset = run->window_tags.size();
      run->window_starts.resize(run->window_tags.size(), false);
      run->window_starts.push_back(true);
      const std::vector<std::string_view>& bases = scratch->bases[k];
      run->bases.insert(run->bases.end(), bases.begin(), bases.end());
      run->window_eligible.insert(run->window_eligible.end(), run->eligible[k - lo].begin(),
                                  run->eligible[k - lo].end());
      run->window_tags.insert(run->window_tags.end(), near[k - lo].begin(), near[k - lo].end());
    }
    run->window_starts.resize(run->window_tags.size(), false);
    PropagateNames(run->bases, run->window_eligible, run->window_starts, &run->window_tags);
    out.assign(run->window_tags.begin() + static_cast<long>(offset),
               run->window_tags.begin() + static_cast<long>(offset + sentences[j].size()));
  }
}

}  // namespace rasd::extract
