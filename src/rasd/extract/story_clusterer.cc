// Incremental near-duplicate and story clustering; see story_clusterer.h.
#include "rasd/extract/story_clusterer.h"

#include <algorithm>
#include <map>

#include "rasd/base/coding.h"
#include "rasd/base/crc32c.h"
#include "rasd/extract/dates.h"
#include "rasd/extract/name_forms.h"
#include "rasd/extract/ner_tokenizer.h"
#include "rasd/text/analyzer.h"

namespace rasd::extract {
namespace {

constexpr char kMagic[8] = {'R', 'A', 'S', 'D', 'S', 'T', 'R', 'Y'};
constexpr uint32_t kVersion = 1;
// A new article joins a group only if it is also as close to the group's earliest article as
// the threshold, not just to some member: this stops single-link chains from growing one
// story out of a week of loosely related news (sources repeat boilerplate such as the royal
// court's "received in Jeddah ..."). 0.6 left stories of 122 articles in SaudiNewsNet.
constexpr double kRootFactor = 1.0;

}  // namespace

StoryClusterer::StoryClusterer(StoryOptions options)
    : options_(options),
      copy_hasher_(options.copy_hashes, options.seed),
      topic_hasher_(options.topic_hashes, options.seed ^ 0x746f706963ull) {}

void StoryClusterer::ComputeSignatures(std::string_view text, std::vector<uint32_t>* copy,
                                       std::vector<uint32_t>* topic) const {
  TokenizedText tok;
  TokenizeForNer(text, &tok);
  std::vector<std::string> words, content;
  words.reserve(tok.tokens.size());
  for (const RawToken& t : tok.tokens) {
    if (!t.word) continue;
    std::string_view raw = text.substr(t.start, t.end - t.start);
    std::string norm = text::NormalizeWord(raw);
    std::string folded = FoldOnly(norm.empty() ? raw : std::string_view(norm));
    if (folded.empty()) continue;
    if (static_cast<int>(content.size()) < options_.topic_words && !text::IsStopword(norm) &&
        CodePointCount(folded) >= 3) {
      std::string stem = text::StemWord(norm);
      content.push_back(FoldOnly(stem.empty() ? folded : stem));
    }
    words.push_back(std::move(folded));
  }
  copy_hasher_.Sign(WordShingles(words, 3), copy);
  topic_hasher_.Sign(WordShingles(content, 1), topic);
}

StoryClusterer::Similarity StoryClusterer::Compare(std::string_view a, std::string_view b) const {
  std::vector<uint32_t> ca, ta, cb, tb;
  ComputeSignatures(a, &ca, &ta);
  ComputeSignatures(b, &cb, &tb);
  return {EstimateJaccard(ca.data(), cb.data(), options_.copy_hashes),
          EstimateJaccard(ta.data(), tb.data(), options_.topic_hashes)};
}

bool StoryClusterer::Earlier(uint32_t a, uint32_t b) const {
  const Article& x = articles_[a];
  const Article& y = articles_[b];
  const bool xd = x.day != kNoDay, yd = y.day != kNoDay;
  if (xd != yd) return xd;
  if (x.day != y.day) return x.day < y.day;
  return x.id < y.id;
}

uint32_t StoryClusterer::RootConst(bool story, uint32_t x) const {
  for (;;) {
    uint32_t p = story ? articles_[x].story_parent : articles_[x].copy_parent;
    if (p == x) return x;
    x = p;
  }
}

uint32_t StoryClusterer::Root(bool story, uint32_t x) {
  uint32_t r = RootConst(story, x);
  while (x != r) {  // path compression
    uint32_t& p = story ? articles_[x].story_parent : articles_[x].copy_parent;
    uint32_t next = p;
    p = r;
    x = next;
  }
  return r;
}

void StoryClusterer::Union(bool story, uint32_t a, uint32_t b) {
  uint32_t ra = Root(story, a), rb = Root(story, b);
  if (ra == rb) return;
  // The earliest article is the root, so it names the group.
  if (Earlier(rb, ra)) std::swap(ra, rb);
  (story ? articles_[rb].story_parent : articles_[rb].copy_parent) = ra;
  if (!story) articles_[ra].has_copies = true;
}

void StoryClusterer::Insert(uint32_t index) {
  const Article& a = articles_[index];
  const int copy_rows = options_.copy_hashes / options_.copy_bands;
  const int topic_rows = options_.topic_hashes / options_.topic_bands;
  for (int b = 0; b < options_.copy_bands; ++b)
    copy_buckets_.Add(BandKey(a.copy_sig.data(), b, copy_rows), index);
  for (int b = 0; b < options_.topic_bands; ++b)
    topic_buckets_.Add(BandKey(a.topic_sig.data(), b, topic_rows), index);
}

void StoryClusterer::Bucket() {
  const uint64_t n = articles_.size();
  if (bucketed_ == n) return;
  copy_buckets_.Reserve(n * static_cast<uint64_t>(options_.copy_bands));
  topic_buckets_.Reserve(n * static_cast<uint64_t>(options_.topic_bands));
  for (; bucketed_ < n; ++bucketed_) Insert(bucketed_);
}

void StoryClusterer::Link(uint32_t index) {
  const Article& a = articles_[index];
  const int copy_rows = options_.copy_hashes / options_.copy_bands;
  const int topic_rows = options_.topic_hashes / options_.topic_bands;
  std::vector<uint32_t> copy_candidates, topic_candidates;
  for (int b = 0; b < options_.copy_bands; ++b) {
    copy_buckets_.ForEach(BandKey(a.copy_sig.data(), b, copy_rows),
                          [&](uint32_t c) { copy_candidates.push_back(c); });
  }
  for (int b = 0; b < options_.topic_bands; ++b) {
    topic_buckets_.ForEach(BandKey(a.topic_sig.data(), b, topic_rows),
                           [&](uint32_t c) { topic_candidates.push_back(c); });
  }
  std::sort(copy_candidates.begin(), copy_candidates.end());
  copy_candidates.erase(std::unique(copy_candidates.begin(), copy_candidates.end()), copy_candidates.end());
  std::sort(topic_candidates.begin(), topic_candidates.end());
  topic_candidates.erase(std::unique(topic_candidates.begin(), topic_candidates.end()), topic_candidates.end());
  const bool empty_copy = a.copy_sig.empty() || a.copy_sig[0] == UINT32_MAX;
  for (uint32_t c : copy_candidates) {
    if (c == index || empty_copy) continue;
    const Article& o = articles_[c];
    const Article& root = articles_[Root(false, c)];
    if (EstimateJaccard(a.copy_sig.data(), o.copy_sig.data(), options_.copy_hashes) >=
            options_.near_duplicate_threshold &&
        EstimateJaccard(a.copy_sig.data(), root.copy_sig.data(), options_.copy_hashes) >=
            kRootFactor * options_.near_duplicate_threshold) {
      Union(false, index, c);
      // A copy joins the story of what it copies only inside the story's window: the same
      // template weeks apart (the king's congratulations on each national day) is a copy but
      // not one event.
      const Article& story_root = articles_[Root(true, c)];
      if (a.day == kNoDay || story_root.day == kNoDay ||
          std::llabs(a.day - story_root.day) <= options_.max_days) {
        Union(true, index, c);
      }
    }
  }
  const bool empty_topic = a.topic_sig.empty() || a.topic_sig[0] == UINT32_MAX;
  for (uint32_t c : topic_candidates) {
    if (c == index || empty_topic) continue;
    const Article& o = articles_[c];
    if (a.day != kNoDay && o.day != kNoDay && std::llabs(a.day - o.day) > options_.max_days) continue;
    const Article& root = articles_[Root(true, c)];
    // The story's window is anchored on its earliest article: a running topic that drifts a
    // day at a time does not grow one story for weeks.
    if (a.day != kNoDay && root.day != kNoDay && std::llabs(a.day - root.day) > options_.max_days) continue;
    if (EstimateJaccard(a.topic_sig.data(), o.topic_sig.data(), options_.topic_hashes) >=
            options_.story_threshold &&
        EstimateJaccard(a.topic_sig.data(), root.topic_sig.data(), options_.topic_hashes) >=
            kRootFactor * options_.story_threshold) {
      Union(true, index, c);
    }
  }
}

StoryAssignment StoryClusterer::Add(std::string_view id, std::string_view date,
                                    std::string_view text) {
  if (by_id_.count(std::string(id))) return Assignment(id);
  return AddSigned(id, date, Sign(text));
}

StoryClusterer::Signatures StoryClusterer::Sign(std::string_view text) const {
  Signatures s;
  ComputeSignatures(text, &s.copy, &s.topic);
  return s;
}

StoryAssignment StoryClusterer::AddSigned(std::string_view id, std::string_view date,
                                          Signatures signatures) {
  if (by_id_.count(std::string(id))) return Assignment(id);
  Bucket();
  Article a;
  a.id = std::string(id);
  if (auto d = ParseIsoDate(date)) a.day = DaysFromCivil(*d);
  a.copy_sig = std::move(signatures.copy);
  a.topic_sig = std::move(signatures.topic);
  const uint32_t index = static_cast<uint32_t>(articles_.size());
  a.copy_parent = a.story_parent = index;
  articles_.push_back(std::move(a));
  by_id_.emplace(articles_.back().id, index);
  Link(index);
  Insert(index);
  bucketed_ = index + 1;
  return Assignment(id);
}

StoryAssignment StoryClusterer::Assignment(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  if (it == by_id_.end()) return {};
  const uint32_t i = it->second;
  StoryAssignment s;
  uint32_t c = RootConst(false, i);
  // A near-duplicate group of one is no group.
  const bool has_dup = c != i || articles_[c].has_copies;
  if (has_dup) s.duplicate_of = articles_[c].id;
  s.story = articles_[RootConst(true, i)].id;
  return s;
}

std::vector<StoryClusterer::Story> StoryClusterer::Stories(size_t min_size) const {
  return Stories(min_size, nullptr);
}

std::vector<StoryClusterer::Story> StoryClusterer::Stories(
    size_t min_size, const std::function<bool(std::string_view)>& live) const {
  std::map<uint32_t, std::vector<uint32_t>> groups;
  for (uint32_t i = 0; i < articles_.size(); ++i) {
    if (live && !live(articles_[i].id)) continue;
    groups[RootConst(true, i)].push_back(i);
  }
  std::vector<Story> out;
  for (const auto& [root, members] : groups) {
    if (members.size() < min_size) continue;
    Story s;
    // The root is the earliest article of the group; when it is no longer live, the
    // earliest of those that are.
    uint32_t earliest = root;
    if (live && !live(articles_[root].id)) {
      earliest = members[0];
      for (uint32_t m : members) {
        if (Earlier(m, earliest)) earliest = m;
      }
    }
    s.earliest = articles_[earliest].id;
    for (uint32_t m : members) s.members.push_back(articles_[m].id);
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(), [](const Story& a, const Story& b) {
    if (a.members.size() != b.members.size()) return a.members.size() > b.members.size();
    return a.earliest < b.earliest;
  });
  return out;
}

std::string StoryClusterer::Serialize() const {
  std::string out(kMagic, sizeof kMagic);
  base::PutFixed32(&out, kVersion);
  const StoryOptions& o = options_;
  for (int v : {o.copy_hashes, o.copy_bands, o.topic_hashes, o.topic_bands, o.max_days, o.topic_words})
    base::PutVarint32(&out, static_cast<uint32_t>(v));
  base::PutFixed64(&out, static_cast<uint64_t>(o.near_duplicate_threshold * 1e6));
  base::PutFixed64(&out, static_cast<uint64_t>(o.story_threshold * 1e6));
  base::PutFixed64(&out, o.seed);
  base::PutVarint64(&out, articles_.size());
  for (const Article& a : articles_) {
    base::PutLengthPrefixed(&out, a.id);
    base::PutVarint64(&out, a.day == kNoDay ? 0 : base::ZigZagEncode(a.day) + 1);
    for (uint32_t v : a.copy_sig) base::PutFixed32(&out, v);
    for (uint32_t v : a.topic_sig) base::PutFixed32(&out, v);
    base::PutVarint32(&out, a.copy_parent);
    base::PutVarint32(&out, a.story_parent);
  }
  base::PutFixed32(&out, base::crc32c::Mask(base::crc32c::Value(out)));
  return out;
}

Result<StoryClusterer> StoryClusterer::Parse(std::string_view data) {
  auto corrupt = [](const std::string& what) { return Status::Corruption("story clusters: " + what); };
  if (data.size() < 16 || data.substr(0, 8) != std::string_view(kMagic, 8)) return corrupt("bad magic");
  const uint32_t crc = base::DecodeFixed32(data.data() + data.size() - 4);
  if (base::crc32c::Unmask(crc) != base::crc32c::Value(data.substr(0, data.size() - 4)))
    return corrupt("checksum mismatch");
  std::string_view in = data.substr(8, data.size() - 12);
  uint32_t version;
  if (!base::GetFixed32(&in, &version)) return corrupt("truncated header");
  if (version != kVersion) return Status::NotSupported("story clusters: unknown version " + std::to_string(version));
  StoryOptions o;
  uint32_t v[6];
  for (uint32_t& x : v)
    if (!base::GetVarint32(&in, &x)) return corrupt("truncated options");
  o.copy_hashes = static_cast<int>(v[0]), o.copy_bands = static_cast<int>(v[1]);
  o.topic_hashes = static_cast<int>(v[2]), o.topic_bands = static_cast<int>(v[3]);
  o.max_days = static_cast<int>(v[4]), o.topic_words = static_cast<int>(v[5]);
  if (o.copy_hashes <= 0 || o.copy_hashes > 4096 || o.copy_bands <= 0 || o.copy_hashes % o.copy_bands ||
      o.topic_hashes <= 0 || o.topic_hashes > 4096 || o.topic_bands <= 0 || o.topic_hashes % o.topic_bands)
    return corrupt("bad signature options");
  uint64_t nd, st, count;
  if (!base::GetFixed64(&in, &nd) || !base::GetFixed64(&in, &st) || !base::GetFixed64(&in, &o.seed) ||
      !base::GetVarint64(&in, &count))
    return corrupt("truncated options");
  o.near_duplicate_threshold = static_cast<double>(nd) / 1e6;
  o.story_threshold = static_cast<double>(st) / 1e6;
  if (count > in.size()) return corrupt("article count out of range");
  StoryClusterer sc(o);
  sc.articles_.resize(count);
  for (uint64_t k = 0; k < count; ++k) {
    Article& a = sc.articles_[k];
    std::string_view id;
    uint64_t day;
    if (!base::GetLengthPrefixed(&in, &id) || !base::GetVarint64(&in, &day)) return corrupt("truncated article");
    a.id = std::string(id);
    a.day = day == 0 ? kNoDay : base::ZigZagDecode(day - 1);
    a.copy_sig.resize(o.copy_hashes);
    a.topic_sig.resize(o.topic_hashes);
    for (uint32_t& x : a.copy_sig)
      if (!base::GetFixed32(&in, &x)) return corrupt("truncated signature");
    for (uint32_t& x : a.topic_sig)
      if (!base::GetFixed32(&in, &x)) return corrupt("truncated signature");
    if (!base::GetVarint32(&in, &a.copy_parent) || !base::GetVarint32(&in, &a.story_parent) ||
        a.copy_parent >= count || a.story_parent >= count)
      return corrupt("bad union-find parent");
    if (!sc.by_id_.emplace(a.id, static_cast<uint32_t>(k)).second) return corrupt("duplicate id " + a.id);
  }
  if (!in.empty()) return corrupt("trailing bytes");
  // Parents must lead to a root without cycles.
  for (uint32_t k = 0; k < count; ++k) {
    for (bool story : {false, true}) {
      uint32_t x = k;
      for (uint64_t steps = 0;; ++steps) {
        uint32_t p = story ? sc.articles_[x].story_parent : sc.articles_[x].copy_parent;
        if (p == x) break;
        if (steps > count) return corrupt("cycle in union-find parents");
        x = p;
      }
    }
  }
  for (uint32_t k = 0; k < count; ++k) {
    if (sc.articles_[k].copy_parent != k) sc.articles_[sc.RootConst(false, k)].has_copies = true;
  }
  return sc;  // the LSH buckets wait for the first AddSigned (Bucket)
}

}  // namespace rasd::extract
