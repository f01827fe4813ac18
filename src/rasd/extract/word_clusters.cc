// Word clusters: building, serialising, loading; see word_clusters.h.
#include "rasd/extract/word_clusters.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "rasd/base/crc32c.h"
#include "rasd/base/env.h"
#include "rasd/base/hash.h"
#include "rasd/base/macros.h"
#include "rasd/extract/corpus_reader.h"
#include "rasd/extract/gazetteer.h"
#include "rasd/extract/name_forms.h"
#include "rasd/extract/ner_tokenizer.h"

namespace rasd::extract {

size_t WordClusters::Hash::operator()(std::string_view s) const { return base::Hash64(s); }

const WordClusters::Entry* WordClusters::Find(std::string_view folded) const {
  auto it = map_.find(folded);
  return it == map_.end() ? nullptr : &it->second;
}

std::string WordClusters::Serialize() const {
  std::vector<const std::pair<const std::string, Entry>*> items;
  items.reserve(map_.size());
  for (const auto& kv : map_) {
    if (!kv.first.empty()) items.push_back(&kv);  // a token that folds to nothing
  }
  std::sort(items.begin(), items.end(), [](auto* a, auto* b) { return a->first < b->first; });
  std::string out = "# rasd-word-clusters 2 coarse=" + std::to_string(coarse_k_) +
                    " mid=" + std::to_string(mid_k_) + " fine=" + std::to_string(fine_k_) + "\n";
  for (const auto* kv : items) {
    out += kv->first;
    out += '\t' + std::to_string(kv->second.count) + '\t' + std::to_string(kv->second.coarse) +
           '\t' + std::to_string(kv->second.mid) + '\t' + std::to_string(kv->second.fine);
    for (uint32_t c : kv->second.cue) out += '\t' + std::to_string(c);
    out += '\n';
  }
  char crc[32];
  std::snprintf(crc, sizeof crc, "# crc32c %08x\n", base::crc32c::Value(out));
  out += crc;
  return out;
}

namespace {

bool ParseUint(std::string_view s, uint32_t* v) {
  if (s.empty()) return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), *v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace

Result<WordClusters> WordClusters::Parse(std::string_view data, std::string_view name) {
  const std::string where(name);
  // Footer: the last line "# crc32c xxxxxxxx".
  if (data.empty() || data.back() != '\n') return Status::Corruption(where + ": truncated");
  size_t last = data.rfind('\n', data.size() - 2);
  size_t footer_start = last == std::string_view::npos ? 0 : last + 1;
  std::string_view footer = data.substr(footer_start, data.size() - 1 - footer_start);
  if (footer.substr(0, 9) != "# crc32c " || footer.size() != 17) {
    return Status::Corruption(where + ": missing checksum footer");
  }
  uint32_t want = 0;
  auto r = std::from_chars(footer.data() + 9, footer.data() + 17, want, 16);
  if (r.ec != std::errc()) return Status::Corruption(where + ": bad checksum footer");
  std::string_view body = data.substr(0, footer_start);
  if (base::crc32c::Value(body) != want) {
    return Status::Corruption(where + ": checksum mismatch (file damaged or edited)");
  }
  WordClusters wc;
  int version = 0;
  size_t pos = 0, line_number = 0;
  while (pos < body.size()) {
    size_t nl = body.find('\n', pos);
    std::string_view line = body.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_number;
    if (line_number == 1) {
      int c = 0, m = 0, f = 0;
      if (std::sscanf(std::string(line).c_str(), "# rasd-word-clusters %d coarse=%d mid=%d fine=%d",
                      &version, &c, &m, &f) != 4 ||
          (version != 1 && version != 2)) {
        return Status::Corruption(where + ": line 1: not a rasd word-cluster file (version 1 or 2)");
      }
      wc.SetLevels(c, m, f);
      continue;
    }
    const size_t want = version == 1 ? 5 : 8;
    std::string_view fields[8];
    size_t k = 0, s = 0;
    for (; k < want; ++k) {
      size_t tab = line.find('\t', s);
      if (k + 1 < want && tab == std::string_view::npos) break;
      fields[k] = line.substr(s, k + 1 < want ? tab - s : std::string_view::npos);
      s = tab + 1;
    }
    uint32_t v[7] = {};
    bool ok = k == want && !fields[0].empty();
    for (size_t j = 1; ok && j < want; ++j) ok = ParseUint(fields[j], &v[j - 1]);
    if (!ok || v[1] > 65535 || v[2] > 65535 || v[3] > 65535) {
      return Status::Corruption(where + ": line " + std::to_string(line_number) +
                                (version == 1 ? ": expected WORD<TAB>COUNT<TAB>COARSE<TAB>MID<TAB>FINE"
                                              : ": expected WORD<TAB>COUNT<TAB>COARSE<TAB>MID<TAB>"
                                                "FINE<TAB>PERS_CUE<TAB>LOC_CUE<TAB>ORG_CUE"));
    }
    Entry e{v[0], static_cast<uint16_t>(v[1]), static_cast<uint16_t>(v[2]),
            static_cast<uint16_t>(v[3]), {v[4], v[5], v[6]}};
    wc.Add(std::string(fields[0]), e);
  }
  if (line_number == 0) return Status::Corruption(where + ": empty cluster file");
  return wc;
}

Result<WordClusters> WordClusters::Load(const std::string& path) {
  RASD_ASSIGN_OR_RETURN(std::string data, base::ReadFileToString(base::Env::Default(), path));
  return Parse(data, path);
}

namespace {

uint64_t SplitMix(uint64_t* state) {
  *state += 0x9e3779b97f4a7c15ull;
  return base::Mix64(*state);
}

// Spherical k-means over row-major unit vectors `x` (n x d), optionally weighted. Returns
// the assignment; `centroids` receives k unit vectors.
std::vector<int> SphericalKMeans(const std::vector<float>& x, const std::vector<float>& weight,
                                 int n, int d, int k, int iterations, uint64_t seed,
                                 std::vector<float>* centroids,
                                 const std::function<void(const std::string&)>& log) {
  k = std::min(k, n);
  std::vector<float>& c = *centroids;
  c.assign(static_cast<size_t>(k) * d, 0.f);
  // Deterministic seeding: k distinct points drawn with SplitMix64.
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  uint64_t state = seed;
  for (int i = 0; i < k; ++i) {
    int j = i + static_cast<int>(SplitMix(&state) % static_cast<uint64_t>(n - i));
    std::swap(order[i], order[j]);
    std::copy_n(&x[static_cast<size_t>(order[i]) * d], d, &c[static_cast<size_t>(i) * d]);
  }
  std::vector<int> assign(n, -1);
  std::vector<float> ct(static_cast<size_t>(k) * d);  // centroids transposed (d x k)
  std::vector<float> score(k);
  for (int it = 0; it < iterations; ++it) {
    long changed = 0;
    for (int j = 0; j < k; ++j)
      for (int t = 0; t < d; ++t) ct[static_cast<size_t>(t) * k + j] = c[static_cast<size_t>(j) * d + t];
    for (int i = 0; i < n; ++i) {
      const float* xi = &x[static_cast<size_t>(i) * d];
      // score = C x, accumulated column by column: a vertical loop the compiler vectorises.
      std::fill(score.begin(), score.end(), 0.f);
      float* sc = score.data();
      for (int t = 0; t < d; ++t) {
        const float xt = xi[t];
        if (xt == 0.f) continue;
        const float* row = &ct[static_cast<size_t>(t) * k];
        for (int j = 0; j < k; ++j) sc[j] += xt * row[j];
      }
      int best = 0;
      float best_sim = sc[0];
      for (int j = 1; j < k; ++j) {
        if (sc[j] > best_sim) best_sim = sc[j], best = j;
      }
      if (assign[i] != best) ++changed, assign[i] = best;
    }
    std::vector<double> sum(static_cast<size_t>(k) * d, 0.0);
    std::vector<int> members(k, 0);
    for (int i = 0; i < n; ++i) {
      const float w = weight.empty() ? 1.f : weight[i];
      const float* xi = &x[static_cast<size_t>(i) * d];
      double* s = &sum[static_cast<size_t>(assign[i]) * d];
      for (int t = 0; t < d; ++t) s[t] += w * xi[t];
      ++members[assign[i]];
    }
    for (int j = 0; j < k; ++j) {
      double norm = 0;
      for (int t = 0; t < d; ++t) norm += sum[static_cast<size_t>(j) * d + t] *
                                          sum[static_cast<size_t>(j) * d + t];
      if (members[j] == 0 || norm == 0) continue;  // keep the old centroid
      norm = std::sqrt(norm);
      for (int t = 0; t < d; ++t)
        c[static_cast<size_t>(j) * d + t] = static_cast<float>(sum[static_cast<size_t>(j) * d + t] / norm);
    }
    if (log) {
      log("k-means k=" + std::to_string(k) + " iteration " + std::to_string(it + 1) + ": " +
          std::to_string(changed) + " reassigned");
    }
    if (changed == 0) break;
  }
  return assign;
}

}  // namespace

WordClusters BuildWordClusters(
    const std::function<void(const std::function<void(const std::vector<std::string>&)>&)>&
        for_each_sentence,
    const ClusterOptions& o) {
  // Pass 1: intern every word and keep the corpus as a stream of ids (-1 ends a sentence).
  std::unordered_map<std::string, uint32_t> ids;
  std::vector<std::string> words;
  std::vector<uint64_t> counts;
  std::vector<std::array<uint32_t, 3>> cues;
  std::vector<int32_t> stream;
  const Gazetteer& gaz = Gazetteer::Builtin();
  for_each_sentence([&](const std::vector<std::string>& sentence) {
    uint32_t prev_flags = 0;
    for (const std::string& w : sentence) {
      auto [it, inserted] = ids.emplace(w, static_cast<uint32_t>(words.size()));
      if (inserted) {
        words.push_back(w);
        counts.push_back(0);
        cues.push_back({0, 0, 0});
      }
      ++counts[it->second];
      if (prev_flags & (kFlagPersonTitle | kFlagFirstName)) ++cues[it->second][0];
      if (prev_flags & kFlagLocTrigger) ++cues[it->second][1];
      if (prev_flags & kFlagOrgTrigger) ++cues[it->second][2];
      prev_flags = o.count_cues ? gaz.Flags(w) : 0;
      stream.push_back(static_cast<int32_t>(it->second));
    }
    stream.push_back(-1);
  });
  if (o.log) {
    o.log("corpus: " + std::to_string(stream.size()) + " tokens, " +
          std::to_string(words.size()) + " distinct words");
  }
  // Ranks by frequency (ties by bytes, for determinism).
  std::vector<uint32_t> by_freq(words.size());
  std::iota(by_freq.begin(), by_freq.end(), 0);
  std::sort(by_freq.begin(), by_freq.end(), [&](uint32_t a, uint32_t b) {
    return counts[a] != counts[b] ? counts[a] > counts[b] : words[a] < words[b];
  });
  std::vector<int> vocab_index(words.size(), -1), context_index(words.size(), -1);
  int n = 0;
  for (uint32_t id : by_freq) {
    if (n >= o.max_vocab || counts[id] < static_cast<uint64_t>(o.min_count)) break;
    vocab_index[id] = n++;
  }
  int num_context = 0;
  for (uint32_t id : by_freq) {
    if (num_context >= o.context_words) break;
    context_index[id] = num_context++;
  }
  const double total = static_cast<double>(stream.size());
  // Context ids: num_context words plus a sentence-boundary symbol.
  const int boundary = num_context;
  std::vector<float> context_weight(num_context + 1);
  for (uint32_t id = 0; id < words.size(); ++id) {
    if (context_index[id] >= 0)
      context_weight[context_index[id]] = static_cast<float>(std::log(total / counts[id]));
  }
  context_weight[boundary] = 1.f;
  // Sparse random projection: context c at side s (0 left, 1 right) adds ±w to 8 dims of
  // that side's half.
  const int d = o.dims, half = d / 2;
  constexpr int kNonZeros = 8;
  auto project = [&](float* v, int context, int side, float w) {
    uint64_t h = base::Mix64(static_cast<uint64_t>(context) * 2 + side + (o.seed << 20));
    for (int j = 0; j < kNonZeros; ++j) {
      h = base::Mix64(h + j);
      int dim = static_cast<int>(h % static_cast<uint64_t>(half)) + side * half;
      v[dim] += (h >> 63) ? w : -w;
    }
  };
  // Context vectors of the words with index[id] >= 0 (count rows), L2-normalised.
  auto context_vectors = [&](const std::vector<int>& index, int count) {
    std::vector<float> x(static_cast<size_t>(count) * d, 0.f);
    auto ctx_at = [&](size_t p) -> int {
      int32_t t = stream[p];
      if (t < 0) return boundary;
      return context_index[t];
    };
    for (size_t p = 0; p < stream.size(); ++p) {
      int32_t t = stream[p];
      if (t < 0 || index[t] < 0) continue;
      float* v = &x[static_cast<size_t>(index[t]) * d];
      // Offsets -2, -1 (left half) and +1, +2 (right half); the far ones count half.
      for (int off : {-2, -1, 1, 2}) {
        long q = static_cast<long>(p) + off;
        int c;
        if (q < 0 || q >= static_cast<long>(stream.size())) {
          c = boundary;
        } else {
          c = ctx_at(q);
          // Do not look across a sentence boundary for the far offset.
          if (off == -2 && stream[p - 1] < 0) c = -1;
          if (off == 2 && p + 1 < stream.size() && stream[p + 1] < 0) c = -1;
        }
        if (c < 0) continue;
        float w = context_weight[c] * (std::abs(off) == 2 ? 0.5f : 1.f);
        project(v, c, off > 0 ? 1 : 0, w);
      }
    }
    for (int i = 0; i < count; ++i) {
      float* v = &x[static_cast<size_t>(i) * d];
      double norm = 0;
      for (int t = 0; t < d; ++t) norm += static_cast<double>(v[t]) * v[t];
      if (norm > 0) {
        float inv = static_cast<float>(1.0 / std::sqrt(norm));
        for (int t = 0; t < d; ++t) v[t] *= inv;
      }
    }
    return x;
  };
  std::vector<float> x = context_vectors(vocab_index, n);
  std::vector<float> weight(n);
  for (uint32_t id = 0; id < words.size(); ++id) {
    int i = vocab_index[id];
    if (i < 0) continue;
    weight[i] = static_cast<float>(std::log1p(static_cast<double>(counts[id])));
  }
  if (o.log) o.log("vocabulary: " + std::to_string(n) + " words, " + std::to_string(d) + " dims");
  std::vector<float> fine_c, mid_c, coarse_c;
  std::vector<int> fine = SphericalKMeans(x, {}, n, d, o.fine, o.iterations, o.seed, &fine_c, o.log);
  const int kf = static_cast<int>(fine_c.size() / d);
  // Weight of each fine centroid = total log-frequency of its words.
  std::vector<float> fine_weight(kf, 0.f);
  for (int i = 0; i < n; ++i) fine_weight[fine[i]] += weight[i];
  std::vector<int> mid = SphericalKMeans(fine_c, fine_weight, kf, d, o.mid, 30, o.seed + 1, &mid_c, o.log);
  std::vector<int> coarse =
      SphericalKMeans(fine_c, fine_weight, kf, d, o.coarse, 30, o.seed + 2, &coarse_c, o.log);
  WordClusters wc;
  wc.SetLevels(static_cast<int>(coarse_c.size() / d), static_cast<int>(mid_c.size() / d), kf);
  // Rarer words (names seen a few times: the ones the tagger most needs help with) are not
  // worth k-means iterations, but each can join the nearest fine centroid in one pass (the
  // assignment step of k-means with the centroids fixed).
  std::vector<int> extra_index(words.size(), -1), extra_fine;
  int n_extra = 0;
  for (uint32_t id : by_freq) {
    if (counts[id] < static_cast<uint64_t>(std::max(1, o.assign_min_count))) break;
    if (vocab_index[id] < 0 && o.assign_min_count > 0 && n_extra < o.max_assigned) {
      extra_index[id] = n_extra++;
    }
  }
  if (n_extra > 0) {
    std::vector<float> ex = context_vectors(extra_index, n_extra);
    std::vector<float> ct(static_cast<size_t>(kf) * d);
    for (int j = 0; j < kf; ++j)
      for (int t = 0; t < d; ++t) ct[static_cast<size_t>(t) * kf + j] = fine_c[static_cast<size_t>(j) * d + t];
    extra_fine.assign(n_extra, 0);
    std::vector<float> score(kf);
    for (int i = 0; i < n_extra; ++i) {
      const float* xi = &ex[static_cast<size_t>(i) * d];
      std::fill(score.begin(), score.end(), 0.f);
      for (int t = 0; t < d; ++t) {
        const float xt = xi[t];
        if (xt == 0.f) continue;
        const float* row = &ct[static_cast<size_t>(t) * kf];
        for (int j = 0; j < kf; ++j) score[j] += xt * row[j];
      }
      extra_fine[i] = static_cast<int>(std::max_element(score.begin(), score.end()) - score.begin());
    }
    if (o.log) o.log("assigned " + std::to_string(n_extra) + " rarer words to the nearest fine cluster");
  }
  for (uint32_t id = 0; id < words.size(); ++id) {
    int i = vocab_index[id];
    if (i < 0 && extra_index[id] < 0) continue;
    int f = i >= 0 ? fine[i] : extra_fine[extra_index[id]];
    wc.Add(words[id], WordClusters::Entry{static_cast<uint32_t>(std::min<uint64_t>(counts[id], UINT32_MAX)),
                                          static_cast<uint16_t>(coarse[f]),
                                          static_cast<uint16_t>(mid[f]), static_cast<uint16_t>(f),
                                          {cues[id][0], cues[id][1], cues[id][2]}});
  }
  return wc;
}

Status ForEachCorpusSentence(const std::vector<std::string>& paths,
                             const std::function<void(const std::vector<std::string>&)>& fn) {
  TokenizedText tok;
  std::vector<std::string> sentence;
  auto emit_text = [&](std::string_view text) {
    TokenizeForNer(text, &tok);
    for (size_t s = 0; s < tok.sentence_starts.size(); ++s) {
      size_t b = tok.sentence_starts[s];
      size_t e = s + 1 < tok.sentence_starts.size() ? tok.sentence_starts[s + 1] : tok.tokens.size();
      sentence.clear();
      for (size_t i = b; i < e; ++i) {
        const RawToken& t = tok.tokens[i];
        if (!t.word) continue;
        std::string w = Fold(text.substr(t.start, t.end - t.start));
        if (!w.empty()) sentence.push_back(std::move(w));
      }
      if (!sentence.empty()) fn(sentence);
    }
  };
  return ForEachArticleText(paths, [&](std::string_view text) {
    emit_text(text);
    return true;
  });
}

}  // namespace rasd::extract
