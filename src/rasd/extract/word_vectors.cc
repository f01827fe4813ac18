// Quantised word vectors; see word_vectors.h.
#include "rasd/extract/word_vectors.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include "rasd/base/coding.h"
#include "rasd/base/crc32c.h"
#include "rasd/base/env.h"
#include "rasd/base/macros.h"
#include "rasd/extract/word_embeddings.h"

namespace rasd::extract {
namespace {

constexpr std::string_view kMagic("RASDVEC\x01", 8);

}  // namespace

WordVectors WordVectors::FromFloats(const std::vector<std::string>& words,
                                    const std::vector<float>& vectors, int dims) {
  WordVectors wv;
  wv.dims_ = dims;
  float max_abs = 0;
  for (float v : vectors) max_abs = std::max(max_abs, std::fabs(v));
  wv.scale_ = max_abs > 0 ? max_abs / 127.f : 1.f;
  wv.values_.resize(words.size() * static_cast<size_t>(dims));
  for (size_t i = 0; i < wv.values_.size(); ++i) {
    const long q = std::lround(vectors[i] / wv.scale_);
    wv.values_[i] = static_cast<int8_t>(std::clamp<long>(q, -127, 127));
  }
  for (size_t r = 0; r < words.size(); ++r) wv.index_.emplace(words[r], static_cast<uint32_t>(r));
  return wv;
}

WordVectors WordVectors::Filtered(const std::function<bool(std::string_view)>& keep) const {
  std::vector<const std::pair<const std::string, uint32_t>*> items;
  for (const auto& kv : index_) {
    if (keep(kv.first)) items.push_back(&kv);
  }
  std::sort(items.begin(), items.end(), [](auto* a, auto* b) { return a->second < b->second; });
  WordVectors wv;
  wv.dims_ = dims_;
  wv.scale_ = scale_;
  wv.values_.reserve(items.size() * static_cast<size_t>(dims_));
  for (const auto* kv : items) {
    const int8_t* v = &values_[static_cast<size_t>(kv->second) * dims_];
    wv.index_.emplace(kv->first, static_cast<uint32_t>(wv.values_.size() / dims_));
    wv.values_.insert(wv.values_.end(), v, v + dims_);
  }
  return wv;
}

std::string WordVectors::Serialize() const {
  std::vector<const std::pair<const std::string, uint32_t>*> items;
  items.reserve(index_.size());
  for (const auto& kv : index_) items.push_back(&kv);
  std::sort(items.begin(), items.end(), [](auto* a, auto* b) { return a->first < b->first; });
  std::string out(kMagic);
  base::PutFixed32(&out, kWordVectorsVersion);
  base::PutVarint32(&out, static_cast<uint32_t>(dims_));
  uint32_t bits;
  std::memcpy(&bits, &scale_, 4);
  base::PutFixed32(&out, bits);
  base::PutVarint64(&out, items.size());
  for (const auto* kv : items) {
    base::PutLengthPrefixed(&out, kv->first);
    out.append(reinterpret_cast<const char*>(&values_[static_cast<size_t>(kv->second) * dims_]),
               static_cast<size_t>(dims_));
  }
  base::PutFixed32(&out, base::crc32c::Mask(base::crc32c::Value(out)));
  return out;
}

Result<WordVectors> WordVectors::Parse(std::string_view data, std::string_view name) {
  const std::string where(name);
  auto corrupt = [&](std::string_view in, const std::string& what) {
    return Status::Corruption(where + ": byte " + std::to_string(data.size() - in.size()) +
                              ": " + what);
  };
  if (data.size() < kMagic.size() + 4 || data.substr(0, kMagic.size()) != kMagic) {
    return Status::Corruption(where + ": not a rasd word-vector file");
  }
  std::string_view crc_bytes = data.substr(data.size() - 4);
  uint32_t stored = 0;
  base::GetFixed32(&crc_bytes, &stored);
  if (base::crc32c::Mask(base::crc32c::Value(data.substr(0, data.size() - 4))) != stored) {
    return Status::Corruption(where + ": checksum mismatch");
  }
  std::string_view in = data.substr(kMagic.size(), data.size() - 4 - kMagic.size());
  uint32_t version = 0, dims = 0, bits = 0;
  uint64_t count = 0;
  if (!base::GetFixed32(&in, &version)) return corrupt(in, "truncated header");
  if (version != kWordVectorsVersion) {
    return Status::NotSupported(where + ": word-vector format version " + std::to_string(version));
  }
  if (!base::GetVarint32(&in, &dims) || dims == 0 || dims > 1024 || !base::GetFixed32(&in, &bits) ||
      !base::GetVarint64(&in, &count)) {
    return corrupt(in, "bad header");
  }
  WordVectors wv;
  wv.dims_ = static_cast<int>(dims);
  std::memcpy(&wv.scale_, &bits, 4);
  if (!(wv.scale_ > 0) || count > in.size()) return corrupt(in, "bad scale or word count");
  wv.values_.resize(count * dims);
  for (uint64_t r = 0; r < count; ++r) {
    std::string_view word;
    if (!base::GetLengthPrefixed(&in, &word) || in.size() < dims) {
      return corrupt(in, "truncated word " + std::to_string(r));
    }
    std::memcpy(&wv.values_[r * dims], in.data(), dims);
    in.remove_prefix(dims);
    if (!wv.index_.emplace(std::string(word), static_cast<uint32_t>(r)).second) {
      return corrupt(in, "word " + std::to_string(r) + " repeated");
    }
  }
  if (!in.empty()) return corrupt(in, "trailing bytes");
  return wv;
}

Result<WordVectors> WordVectors::Load(const std::string& path) {
  RASD_ASSIGN_OR_RETURN(std::string data, base::ReadFileToString(base::Env::Default(), path));
  return Parse(data, path);
}

WordVectors BuildWordVectors(
    const std::function<void(const std::function<void(const std::vector<std::string>&)>&)>&
        for_each_sentence,
    const VectorOptions& o) {
  // Intern the corpus as a stream of ids (-1 ends a sentence), as BuildWordClusters does.
  StringMap<uint32_t> ids;
  std::vector<std::string> words;
  std::vector<uint64_t> counts;
  std::vector<int32_t> stream;
  for_each_sentence([&](const std::vector<std::string>& sentence) {
    for (const std::string& w : sentence) {
      auto [it, inserted] = ids.emplace(w, static_cast<uint32_t>(words.size()));
      if (inserted) {
        words.push_back(w);
        counts.push_back(0);
      }
      ++counts[it->second];
      stream.push_back(static_cast<int32_t>(it->second));
    }
    stream.push_back(-1);
  });
  std::vector<uint32_t> by_freq(words.size());
  std::iota(by_freq.begin(), by_freq.end(), 0);
  std::sort(by_freq.begin(), by_freq.end(), [&](uint32_t a, uint32_t b) {
    return counts[a] != counts[b] ? counts[a] > counts[b] : words[a] < words[b];
  });
  // Rows: the kept words by frequency; the others leave the stream (a sentence boundary is
  // written once, never twice in a row).
  std::vector<int32_t> row_of(words.size(), -1);
  std::vector<std::string> row_word;
  std::vector<uint64_t> row_count;
  for (uint32_t id : by_freq) {
    if (row_word.size() >= o.max_words || counts[id] < o.min_count || words[id].empty()) break;
    row_of[id] = static_cast<int32_t>(row_word.size());
    row_word.push_back(words[id]);
    row_count.push_back(counts[id]);
  }
  std::vector<int32_t> rows_stream;
  rows_stream.reserve(stream.size());
  for (int32_t t : stream) {
    if (t < 0) {
      if (!rows_stream.empty() && rows_stream.back() >= 0) rows_stream.push_back(-1);
    } else if (row_of[t] >= 0) {
      rows_stream.push_back(row_of[t]);
    }
  }
  stream.clear();
  stream.shrink_to_fit();
  if (o.log) {
    o.log("word vectors: " + std::to_string(row_word.size()) + " words, " +
          std::to_string(rows_stream.size()) + " stream entries");
  }
  SkipGramOptions so;
  so.dims = o.dims;
  so.epochs = o.epochs;
  so.window = o.window;
  so.sample = o.sample;
  so.seed = o.seed;
  so.log = o.log;
  const std::vector<float> x =
      TrainSkipGram(rows_stream, row_count, static_cast<int>(row_word.size()), so);
  WordVectors all = WordVectors::FromFloats(row_word, x, o.dims);
  if (o.keep_min_count <= o.min_count) return all;
  StringMap<uint64_t> count_of;
  for (size_t r = 0; r < row_word.size(); ++r) count_of.emplace(row_word[r], row_count[r]);
  return all.Filtered([&](std::string_view w) { return count_of.find(w)->second >= o.keep_min_count; });
}

}  // namespace rasd::extract
