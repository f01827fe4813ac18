// Document-level (second-stage) features; see document_features.h.
#include "rasd/extract/document_features.h"

#include <algorithm>

#include "rasd/base/hash.h"

namespace rasd::extract {
namespace {

// Template ids of the second stage; disjoint from features.cc's (which stay below 0x100).
// Never renumber (bump kFeatureVersion instead).
enum DocTemplate : uint64_t {
  kFirstTag = 0x101, kFirstTagM1, kFirstTagP1, kFirstBigram, kFirstTrigram,
  kDocNone, kDocMajority, kDocHas, kFirstDoc, kDocPosition, kDocNeighbours,
  // Corpus profiles (corpus_tags.h).
  kCorpusNone, kCorpusShare, kCorpusShareCount, kCorpusShareBegin, kCorpusOwn, kCorpusM1,
  kCorpusP1, kCorpusPairM1,
};

// The corpus profile's leading type and its share as one code (0: no profile).
uint64_t CorpusCode(uint32_t profile) {
  if (profile == 0) return 0;
  uint32_t best = 0, type = 0;
  for (int k = 0; k < kNumEntityTypes; ++k) {
    const uint32_t s = CorpusTagProfiles::ShareBucket(profile, k);
    if (s > best) best = s, type = static_cast<uint32_t>(k);
  }
  return 1 + type * 8 + best;
}

}  // namespace

void AppendDocumentFeatures(const SentenceFeatures& in, const std::vector<std::string_view>& bases,
                            const std::vector<Tag>& first, const DocumentCounts& counts,
                            const CorpusTagProfiles* corpus, uint32_t hash_bits,
                            SentenceFeatures* out) {
  const size_t n = in.size();
  out->Clear();
  out->offsets.push_back(0);
  out->dense = in.dense;
  out->dense_dims = in.dense_dims;
  out->dense_row = in.dense_row;
  out->dense_slot = in.dense_slot;
  out->vector_rows = in.vector_rows;
  out->aux = in.aux;
  out->aux_dims = in.aux_dims;
  out->aux_row = in.aux_row;
  out->edge_ids = in.edge_ids;  // the edge features are the sentence stage's
  out->edge_offsets = in.edge_offsets;
  const uint32_t mask = (1u << hash_bits) - 1;
  auto add = [&](uint64_t tmpl, uint64_t value) {
    out->ids.push_back(static_cast<uint32_t>(base::Mix64(value * 0x9E3779B97F4A7C15ull + tmpl)) & mask);
  };
  auto tag_at = [&](long j) -> uint64_t {
    return (j < 0 || j >= static_cast<long>(n)) ? kNumTags : first[j];
  };
  // Per token: the majority label of the other occurrences (0 none, else 1 + 2 * label +
  // unanimous, label 0 = O, 1 + type), used for the token and its neighbours.
  std::vector<uint8_t> codes(n, 0);
  struct Summary {
    DocumentCounts::Counts c;
    uint32_t type_count[1 + kNumEntityTypes];
    uint32_t total;
    int major;
    int kinds;
  };
  auto summarise = [&](size_t i) {
    Summary m{counts.Get(bases[i]), {}, 0, 0, 0};
    if (m.c[first[i]] > 0) --m.c[first[i]];
    uint32_t best = 0;
    for (int t = 0; t < kNumTags; ++t) {
      const int slot = t == kTagO ? 0 : 1 + static_cast<int>(TagType(static_cast<Tag>(t)));
      m.type_count[slot] += m.c[t];
      m.total += m.c[t];
    }
    for (int k = 0; k <= kNumEntityTypes; ++k) {
      m.kinds += m.type_count[k] > 0;
      if (m.type_count[k] > best) best = m.type_count[k], m.major = k;
    }
    return m;
  };
  for (size_t i = 0; i < n; ++i) {
    Summary m = summarise(i);
    codes[i] = m.total == 0 ? 0 : static_cast<uint8_t>(1 + 2 * m.major + (m.kinds == 1 ? 1 : 0));
  }
  auto code_at = [&](long j) -> uint64_t {
    return (j < 0 || j >= static_cast<long>(n)) ? 0xFF : codes[j];
  };
  std::vector<uint32_t> profiles(corpus ? n : 0, 0);
  for (size_t i = 0; i < profiles.size(); ++i) profiles[i] = corpus->Profile(bases[i]);
  auto corpus_at = [&](long j) -> uint64_t {
    return (j < 0 || j >= static_cast<long>(n)) ? 0xFF : CorpusCode(profiles[j]);
  };
  for (size_t i = 0; i < n; ++i) {
    out->ids.insert(out->ids.end(), in.ids.begin() + in.offsets[i], in.ids.begin() + in.offsets[i + 1]);
    const long li = static_cast<long>(i);
    const uint64_t t = first[i], m1 = tag_at(li - 1), p1 = tag_at(li + 1);
    add(kFirstTag, t);
    add(kFirstTagM1, m1);
    add(kFirstTagP1, p1);
    add(kFirstBigram, m1 * 16 + t);
    add(kFirstTrigram, (m1 * 16 + t) * 16 + p1);
    add(kDocNeighbours, code_at(li - 1) * 256 + code_at(li + 1));
    const Summary m = summarise(i);
    const uint64_t own = t == kTagO ? 0 : 1 + static_cast<uint64_t>(TagType(first[i]));
    if (corpus) {
      const uint32_t p = profiles[i];
      const uint64_t code = CorpusCode(p);
      if (p == 0) {
        add(kCorpusNone, own);
      } else {
        const uint64_t count = CorpusTagProfiles::CountBucket(p);
        for (int k = 0; k < kNumEntityTypes; ++k) {
          const uint64_t share = CorpusTagProfiles::ShareBucket(p, k);
          if (share == 0) continue;
          const uint64_t tk = static_cast<uint64_t>(k) * 8 + share;
          add(kCorpusShare, tk);
          add(kCorpusShareCount, tk * 16 + count / 3);
          add(kCorpusShareBegin, tk * 2 + (CorpusTagProfiles::StartsNames(p, k) ? 1 : 0));
        }
      }
      add(kCorpusOwn, own * 64 + code);
      add(kCorpusM1, corpus_at(li - 1));
      add(kCorpusP1, corpus_at(li + 1));
      add(kCorpusPairM1, corpus_at(li - 1) * 256 + code);
    }
    if (m.total == 0) {
      add(kDocNone, own);
    } else {
      const uint64_t size = m.total == 1 ? 0 : m.total <= 3 ? 1 : m.total <= 9 ? 2 : 3;
      const uint64_t unanimous = m.kinds == 1 ? 1 : 0;
      add(kDocMajority, (static_cast<uint64_t>(m.major) * 2 + unanimous) * 4 + size);
      add(kFirstDoc, own * 16 + static_cast<uint64_t>(m.major) * 2 + unanimous);
      for (int k = 1; k <= kNumEntityTypes; ++k) {
        if (m.type_count[k] == 0) continue;
        // Share of the other occurrences tagged with type k: a third or less, up to two
        // thirds, more; and whether they were mostly a name's first word (B) or not.
        const uint32_t c = m.type_count[k];
        const uint64_t share = 3 * c <= m.total ? 0 : 3 * c <= 2 * m.total ? 1 : 2;
        const Tag b = BeginTag(static_cast<EntityType>(k - 1));
        const uint64_t begins = 2 * m.c[b] >= c ? 1 : 0;
        add(kDocHas, static_cast<uint64_t>(k) * 4 + share);
        add(kDocPosition, static_cast<uint64_t>(k) * 8 + share * 2 + begins);
      }
    }
    out->offsets.push_back(static_cast<uint32_t>(out->ids.size()));
  }
}

}  // namespace rasd::extract
