// The spelling-variant index and the expansion policy (variant_expander.h).
#include "rasd/search/variant_expander.h"

#include <algorithm>
#include <chrono>

#include "rasd/base/hash.h"
#include "rasd/base/macros.h"
#include "rasd/search/schema.h"
#include "rasd/search/skeleton.h"

namespace rasd::search {
namespace {

uint32_t KeyHash(std::string_view key) {
  return static_cast<uint32_t>(base::Hash64(key, 0x5eed) >> 32);
}

// Skeletons shorter than this get no deletion keys: a deletion of a 3-letter skeleton is a
// 2-letter key that thousands of unrelated words share, so lookups would verify thousands of
// candidates. Such short skeletons still meet longer ones (an insertion or deletion away)
// through the longer one's deletion keys; only substitutions and transpositions between two
// 3-letter skeletons are not searched.
constexpr size_t kMinSkeletonForDeletions = 4;

// The skeleton and its one-deletion neighbours, as distinct hashes.
void KeysOf(std::string_view skeleton, std::vector<uint32_t>* keys, std::string* buf) {
  keys->clear();
  keys->push_back(KeyHash(skeleton));
  if (skeleton.size() < kMinSkeletonForDeletions) return;
  for (size_t i = 0; i < skeleton.size(); ++i) {
    buf->assign(skeleton.substr(0, i));
    buf->append(skeleton.substr(i + 1));
    keys->push_back(KeyHash(*buf));
  }
  std::sort(keys->begin(), keys->end());
  keys->erase(std::unique(keys->begin(), keys->end()), keys->end());
}

}  // namespace

int MaxWordDistance(size_t letters) { return letters <= 4 ? 1 : letters <= 8 ? 2 : 3; }

void VariantIndex::AddTerm(std::string_view term, uint64_t doc_freq) {
  if (offsets_.empty()) offsets_.push_back(0);
  arena_.append(term);
  offsets_.push_back(static_cast<uint32_t>(arena_.size()));
  doc_freqs_.push_back(static_cast<uint32_t>(std::min<uint64_t>(doc_freq, UINT32_MAX)));
}

// Sorts keys pushed in increasing term order by (hash, term): an LSD radix sort on the hash,
// two stable passes of 16 bits (Knuth, TAOCP vol. 3, 5.2.5), which keeps each hash's terms in
// the order they came. A comparison sort of the million keys of a news index was most of the
// first variant query's wait, where it builds this index.
void VariantIndex::SortByHash(std::vector<Key>* keys) {
  std::vector<Key> tmp(keys->size());
  std::vector<uint32_t> counts(size_t{1} << 16);
  for (int shift = 0; shift < 32; shift += 16) {
    std::fill(counts.begin(), counts.end(), 0);
    for (const Key& k : *keys) ++counts[(k.hash >> shift) & 0xFFFF];
    uint32_t sum = 0;
    for (uint32_t& c : counts) {
      const uint32_t n = c;
      c = sum;
      sum += n;
    }
    for (const Key& k : *keys) tmp[counts[(k.hash >> shift) & 0xFFFF]++] = k;
    keys->swap(tmp);
  }
}

void VariantIndex::Finish() {
  if (offsets_.empty()) offsets_.push_back(0);
  std::string skeleton, buf;
  std::vector<uint32_t> keys;
  for (uint32_t i = 0; i + 1 < offsets_.size(); ++i) {
    if (!ConsonantSkeleton(term(i), &skeleton)) continue;
    if (skeleton.size() < 2 || skeleton.size() > kMaxSkeletonLetters) continue;
    KeysOf(skeleton, &keys, &buf);
    for (uint32_t h : keys) keys_.push_back(Key{h, i});
  }
  SortByHash(&keys_);
  keys_.shrink_to_fit();
  arena_.shrink_to_fit();
  offsets_.shrink_to_fit();
  doc_freqs_.shrink_to_fit();
}

Result<std::unique_ptr<VariantIndex>> VariantIndex::Build(const index::IndexReader& reader) {
  const auto start = std::chrono::steady_clock::now();
  std::unique_ptr<VariantIndex> index(new VariantIndex());
  // The two stem dictionaries, each sorted; merged into one sorted list with the larger df.
  std::string title_arena;
  std::vector<std::pair<uint32_t, uint32_t>> title_terms;  // end offset, df
  // Only words with a skeleton (Arabic letters) can be variants; Finish makes the skeletons.
  auto arabic = [](std::string_view term) { return HasSkeleton(term); };
  RASD_RETURN_IF_ERROR(reader.ForEachTerm(kTitleField, "", [&](std::string_view t, uint64_t df) {
    if (arabic(t)) {
      title_arena.append(t);
      title_terms.emplace_back(static_cast<uint32_t>(title_arena.size()),
                               static_cast<uint32_t>(std::min<uint64_t>(df, UINT32_MAX)));
    }
    return true;
  }));
  size_t ti = 0;
  auto title_term = [&](size_t i) {
    const uint32_t b = i == 0 ? 0 : title_terms[i - 1].first;
    return std::string_view(title_arena).substr(b, title_terms[i].first - b);
  };
  RASD_RETURN_IF_ERROR(reader.ForEachTerm(kBodyField, "", [&](std::string_view t, uint64_t df) {
    if (!arabic(t)) return true;
    while (ti < title_terms.size() && title_term(ti) < t) {
      index->AddTerm(title_term(ti), title_terms[ti].second);
      ++ti;
    }
    uint64_t d = df;
    if (ti < title_terms.size() && title_term(ti) == t) {
      d = std::max<uint64_t>(d, title_terms[ti].second);
      ++ti;
    }
    index->AddTerm(t, d);
    return true;
  }));
  for (; ti < title_terms.size(); ++ti) index->AddTerm(title_term(ti), title_terms[ti].second);
  index->Finish();
  index->build_seconds_ =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return index;
}

std::unique_ptr<VariantIndex> VariantIndex::FromTerms(
    const std::vector<std::pair<std::string, uint64_t>>& terms) {
  std::vector<std::pair<std::string, uint64_t>> sorted = terms;
  std::sort(sorted.begin(), sorted.end());
  std::unique_ptr<VariantIndex> index(new VariantIndex());
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (i > 0 && sorted[i].first == sorted[i - 1].first) continue;
    index->AddTerm(sorted[i].first, sorted[i].second);
  }
  index->Finish();
  return index;
}

uint64_t VariantIndex::DocFreq(std::string_view t) const {
  uint32_t lo = 0, hi = static_cast<uint32_t>(num_terms());
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (term(mid) < t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo < num_terms() && term(lo) == t ? doc_freqs_[lo] : 0;
}

std::vector<VariantCandidate> VariantIndex::Candidates(std::string_view word,
                                                      bool same_skeleton_only,
                                                      uint64_t min_doc_freq) const {
  std::vector<VariantCandidate> out;
  std::string q, buf, skeleton;
  if (!ConsonantSkeleton(word, &q) || q.size() < 2 || q.size() > kMaxSkeletonLetters) return out;
  std::vector<uint32_t> keys;
  if (same_skeleton_only) {
    keys.push_back(KeyHash(q));
  } else {
    KeysOf(q, &keys, &buf);
  }
  std::vector<uint32_t> ids;
  for (uint32_t h : keys) {
    auto it = std::lower_bound(keys_.begin(), keys_.end(), Key{h, 0});
    for (; it != keys_.end() && it->hash == h; ++it) ids.push_back(it->term);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  const int max_word = MaxWordDistance(CountCodePoints(word));
  for (uint32_t id : ids) {
    if (doc_freqs_[id] < min_doc_freq) continue;
    const std::string_view t = term(id);
    if (t == word) continue;
    if (!ConsonantSkeleton(t, &skeleton)) continue;
    const int sd = BoundedDamerauLevenshtein(q, skeleton, 1);
    if (sd > (same_skeleton_only ? 0 : 1)) continue;
    const int wd = BoundedDamerauLevenshteinUtf8(word, t, max_word);
    if (wd > max_word) continue;
    VariantCandidate c;
    c.term.assign(t);
    c.doc_freq = doc_freqs_[id];
    c.skeleton_distance = sd;
    c.word_distance = wd;
    c.similarity = (sd == 0 ? 1.0 : 0.8) * (1.0 - 0.1 * (wd - 1));
    std::string vw, vt;
    c.same_vowel_skeleton =
        sd == 0 && VowelSkeleton(word, &vw) && VowelSkeleton(t, &vt) && vw == vt;
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const VariantCandidate& a, const VariantCandidate& b) {
    if (a.similarity != b.similarity) return a.similarity > b.similarity;
    if (a.doc_freq != b.doc_freq) return a.doc_freq > b.doc_freq;
    return a.term < b.term;
  });
  return out;
}

size_t VariantIndex::memory_bytes() const {
  return arena_.capacity() + offsets_.capacity() * sizeof(uint32_t) +
         doc_freqs_.capacity() * sizeof(uint32_t) + keys_.capacity() * sizeof(Key);
}

std::vector<WordVariant> ExpandWord(const VariantIndex& index, std::string_view stem,
                                    std::string_view norm, bool forced) {
  std::vector<WordVariant> out;
  std::vector<VariantCandidate> candidates;
  std::string skeleton;
  const uint64_t df = index.DocFreq(stem);
  // A word in the index only expands to the same vowel skeleton, hence the same skeleton.
  const bool same_skeleton_only = !forced && df > 0;
  const bool rare = df <= kRareDocFreq;
  // The dominance rule below, applied before the candidates' distances are computed.
  const uint64_t min_doc_freq = !forced && df > 0 && !rare ? kDominanceRatio * df : 0;
  for (std::string_view form : {stem, norm}) {
    if (CountCodePoints(form) < 3) continue;
    if (!ConsonantSkeleton(form, &skeleton)) continue;
    if (skeleton.size() < (forced ? 2u : 3u)) continue;
    for (VariantCandidate& c : index.Candidates(form, same_skeleton_only, min_doc_freq)) {
      if (c.term == stem) continue;
      auto same = std::find_if(candidates.begin(), candidates.end(),
                               [&c](const VariantCandidate& o) { return o.term == c.term; });
      if (same == candidates.end()) {
        candidates.push_back(std::move(c));
      } else if (c.similarity > same->similarity) {
        *same = std::move(c);
      }
    }
    if (form == stem && stem == norm) break;
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const VariantCandidate& a, const VariantCandidate& b) {
              if (a.similarity != b.similarity) return a.similarity > b.similarity;
              if (a.doc_freq != b.doc_freq) return a.doc_freq > b.doc_freq;
              return a.term < b.term;
            });
  for (VariantCandidate& c : candidates) {
    if (out.size() >= kMaxVariants) break;
    if (!forced && df > 0) {
      if (!c.same_vowel_skeleton) continue;
      if (!rare && c.doc_freq < kDominanceRatio * df) continue;
    }
    out.push_back(WordVariant{std::move(c.term), c.doc_freq, c.similarity});
  }
  return out;
}

}  // namespace rasd::search
