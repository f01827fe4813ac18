// Word clusters learned without labels from the news corpora, used as tagger features.
//
// Why: ANERcorp has 125k training tokens, so most names and many context words at test time
// were never seen in training. Words that occur in the same contexts in 18 M tokens of
// unlabelled news (a new surname next to الرئيس / وزير, a town after مدينة) fall into the same
// cluster, and the cluster id generalises where the word id cannot. This is the use of Brown
// clusters in Miller, Guinness & Zamanian (NAACL 2004) and Ratinov & Roth (CoNLL 2009).
//
// How (BuildWordClusters): instead of Brown et al.'s (1992) agglomerative class-bigram
// clustering, whose exact form costs O(V * C^2) per merge, each word of the vocabulary is
// described by the words around it: occurrence counts of the context words at offsets -2,
// -1, +1, +2, each weighted by log(N / count(context)) (an inverse-frequency weighting close
// to positive PMI), projected to 256 dimensions with a fixed sparse random ±1 projection
// (Achlioptas 2003), and L2-normalised. Spherical k-means (Dhillon & Modha 2001), seeded
// deterministically, groups the vectors into `fine` clusters; the fine centroids are
// clustered again into `mid` and `coarse` clusters, giving a three-level hierarchy like a
// cut through Brown's tree at three depths. Everything is deterministic for a given input.
//
// Words outside the k-means vocabulary but seen at least `assign_min_count` times join the
// nearest fine centroid in one more pass (the assignment step with the centroids fixed), so
// rarer names still get a cluster. Each word also counts how often it follows a person, place
// or organisation cue word of the built-in gazetteer (Entry::cue).
//
// File format (text, UTF-8, one word per line, sorted by word bytes):
//   # rasd-word-clusters 2 coarse=C mid=M fine=F
//   WORD<TAB>COUNT<TAB>COARSE<TAB>MID<TAB>FINE<TAB>PERS_CUE<TAB>LOC_CUE<TAB>ORG_CUE
//   ...
// (version 1 files, without the three cue columns, still load with zero cues)
//   # crc32c XXXXXXXX            (CRC-32C of every preceding byte, lower-case hex)
// WORD is the Fold()ed form (name_forms.h). Loading a file whose checksum, header or any
// line does not parse is a Corruption error naming the line.
//
// Thread-safety: a WordClusters is immutable after construction/loading; share freely.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rasd/base/result.h"

namespace rasd::extract {

class WordClusters {
 public:
  struct Entry {
    uint32_t count = 0;   // occurrences of the word in the unlabelled corpus
    uint16_t coarse = 0;  // cluster ids at three granularities
    uint16_t mid = 0;
    uint16_t fine = 0;
    // Occurrences right after a cue word of the built-in gazetteer (gazetteer.h): [0] a
    // person title or first name (الرئيس X, محمد X), [1] a place trigger (مدينة X), [2] an
    // organisation trigger (وكالة X). Unlabelled evidence that a word is a name of that kind.
    uint32_t cue[3] = {0, 0, 0};
  };

  WordClusters() = default;

  // nullptr when the word is not in the vocabulary. `folded` must be a Fold()ed word.
  const Entry* Find(std::string_view folded) const;
  // Occurrences of `folded` in the unlabelled corpus (0 when unseen).
  uint32_t Count(std::string_view folded) const {
    const Entry* e = Find(folded);
    return e ? e->count : 0;
  }

  size_t size() const { return map_.size(); }
  int coarse_k() const { return coarse_k_; }
  int mid_k() const { return mid_k_; }
  int fine_k() const { return fine_k_; }

  void Add(std::string word, Entry e) { map_[std::move(word)] = e; }
  void SetLevels(int coarse, int mid, int fine) {
    coarse_k_ = coarse, mid_k_ = mid, fine_k_ = fine;
  }

  // The text format above.
  std::string Serialize() const;
  static Result<WordClusters> Parse(std::string_view data, std::string_view name);
  static Result<WordClusters> Load(const std::string& path);

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const;
  };
  std::unordered_map<std::string, Entry, Hash, std::equal_to<>> map_;
  int coarse_k_ = 0, mid_k_ = 0, fine_k_ = 0;
};

struct ClusterOptions {
  int min_count = 5;            // words rarer than this get no cluster
  int max_vocab = 60000;        // the most frequent words only (k-means)
  int context_words = 2000;     // context vocabulary (most frequent words)
  int dims = 256;               // projected dimensions (half left contexts, half right)
  int fine = 1024, mid = 256, coarse = 64;
  int iterations = 12;          // k-means iterations at the fine level
  // Words outside the k-means vocabulary seen at least this often (0: none) join the nearest
  // fine centroid afterwards, up to max_assigned of them (most frequent first).
  int assign_min_count = 3;
  int max_assigned = 400000;
  bool count_cues = true;       // fill Entry::cue from the built-in gazetteer's cue words
  uint64_t seed = 20240601;
  // Progress lines on stderr when set.
  std::function<void(const std::string&)> log;
};

// Builds clusters from sentences of Fold()ed word tokens that `for_each_sentence` feeds to
// its callback one by one. Deterministic for the same input and options.
WordClusters BuildWordClusters(
    const std::function<void(const std::function<void(const std::vector<std::string>&)>&)>&
        for_each_sentence,
    const ClusterOptions& options);

// Streams the "title" and "body" of every JSONL record in `paths` (plain or .zst), tokenises
// them for the tagger (ner_tokenizer.h), folds each word and calls fn once per sentence.
// Returns the first read/parse error (a record that is not valid JSON is skipped and
// counted, never fatal).
Status ForEachCorpusSentence(const std::vector<std::string>& paths,
                             const std::function<void(const std::vector<std::string>&)>& fn);

}  // namespace rasd::extract
