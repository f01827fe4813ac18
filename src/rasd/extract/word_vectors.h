// Dense word vectors for the entity tagger, used directly as real-valued features (features.h
// SentenceFeatures::dense): skip-gram vectors (word_embeddings.h) of the words of the cluster
// file, quantised to one signed byte per dimension.
//
// Why real values rather than clusters: k-means clusters of the same vectors were tried as
// discrete features and did not pay in the document stage (docs/QUALITY.md, "Dense
// embeddings, tried and dropped"); Turian, Ratinov & Bengio (2010, "Word representations: a
// simple and general method for semi-supervised learning", ACL) feed the scaled vector
// components to a linear tagger directly, so every word, however rare, shares evidence with
// all the words whose vectors point the same way, not only with those of its own cluster.
//
// Binary format (little-endian; varints as coding.h):
//   magic "RASDVEC\x01", version fixed32 (kWordVectorsVersion), dims varint, scale fixed32
//   float (value = q * scale), count varint, then per word (sorted by bytes) the
//   length-prefixed Fold()ed word and `dims` signed bytes; crc fixed32, masked CRC-32C of
//   every preceding byte.
// Anything that does not parse is a Corruption error naming the file and byte offset.
//
// Thread-safety: immutable after construction; Find is safe from many threads.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rasd/base/result.h"
#include "rasd/extract/string_map.h"

namespace rasd::extract {

inline constexpr uint32_t kWordVectorsVersion = 1;

class WordVectors {
 public:
  WordVectors() = default;

  // Quantises `vectors` (words.size() rows of `dims` floats, row-major) with one scale for
  // the table: the largest magnitude maps to 127.
  static WordVectors FromFloats(const std::vector<std::string>& words,
                                const std::vector<float>& vectors, int dims);

  // The words for which keep(word) holds, with their quantised vectors and the same scale.
  WordVectors Filtered(const std::function<bool(std::string_view)>& keep) const;

  int dims() const { return dims_; }
  size_t size() const { return index_.size(); }
  bool empty() const { return index_.empty(); }
  float scale() const { return scale_; }
  // The quantised vector of a Fold()ed word (dims() bytes), or nullptr when absent.
  const int8_t* Find(std::string_view word) const {
    auto it = index_.find(word);
    return it == index_.end() ? nullptr : &values_[static_cast<size_t>(it->second) * dims_];
  }

  // Rows: the words' vectors are rows 0 .. rows()-1 of one table (for tables indexed by
  // word, vector_products.h). Row(Find(w)) is w's row; RowValues(r) its dims() bytes.
  uint32_t Row(const int8_t* vector) const {
    return static_cast<uint32_t>(static_cast<size_t>(vector - values_.data()) / static_cast<size_t>(dims_));
  }
  const int8_t* RowValues(uint32_t row) const { return &values_[static_cast<size_t>(row) * dims_]; }
  size_t rows() const { return dims_ == 0 ? 0 : values_.size() / static_cast<size_t>(dims_); }

  std::string Serialize() const;
  static Result<WordVectors> Parse(std::string_view data, std::string_view name);
  static Result<WordVectors> Load(const std::string& path);

 private:
  int dims_ = 0;
  float scale_ = 0;
  std::unordered_map<std::string, uint32_t, StringViewHash, std::equal_to<>> index_;
  std::vector<int8_t> values_;
};

struct VectorOptions {
  int dims = 64;
  int epochs = 2;
  int window = 5;
  double sample = 1e-4;          // skip-gram subsampling threshold (SkipGramOptions::sample)
  size_t max_words = 400000;     // the most frequent words are trained ...
  uint64_t min_count = 3;        // ... if seen at least this often (the cluster file's words)
  // Only the words seen at least this often are kept in the file (0: all). 17 would keep
  // 60,835 of the news corpora's 167,777 words, a third of the size, but the rare words'
  // vectors are those that help most (dev F1 -0.19 on 5 blocks without them).
  uint64_t keep_min_count = 0;
  uint64_t seed = 20240601;
  std::function<void(const std::string&)> log;
};

// Trains skip-gram vectors over the sentences that `for_each_sentence` feeds (Fold()ed words)
// for the `max_words` most frequent words (ties by bytes) seen at least `min_count` times,
// the other words dropped from the stream, and returns those seen at least keep_min_count
// times. Deterministic for the same input and options.
WordVectors BuildWordVectors(
    const std::function<void(const std::function<void(const std::vector<std::string>&)>&)>&
        for_each_sentence,
    const VectorOptions& options);

}  // namespace rasd::extract
