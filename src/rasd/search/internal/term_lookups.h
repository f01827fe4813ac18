// TermLookups: the dictionary entries one query has looked up, by segment field and term.
//
// A query asks for the same entries several times: the planner for a word's doc freq, the
// first stage for the word's streams, the second stage for the words of its proximity
// pairs. Each ask is a FieldReader::FindTerm, a binary search and a scan of a front-coded
// block (a few thousand instructions). Entries are keyed by the field reader, which belongs
// to one snapshot: a TermLookups serves one query and is then dropped.
//
// Thread-safety: one thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/index/index_reader.h"

namespace rasd::search::internal {

class TermLookups {
 public:
  // field.FindTerm(term, info), answered from memory when asked before.
  bool Find(const index::FieldReader& field, std::string_view term, index::TermInfo* info) {
    for (const Entry& e : entries_) {
      if (e.field == &field && e.term == term) {
        if (e.found) *info = e.info;
        return e.found;
      }
    }
    const bool found = field.FindTerm(term, info);
    // A query of hundreds of words stops remembering rather than scan a long list per ask.
    if (entries_.size() < kMaxEntries) {
      entries_.push_back(Entry{&field, std::string(term), found, found ? *info : index::TermInfo()});
    }
    return found;
  }

 private:
  static constexpr size_t kMaxEntries = 256;
  struct Entry {
    const index::FieldReader* field;
    std::string term;
    bool found;
    index::TermInfo info;
  };
  std::vector<Entry> entries_;
};

}  // namespace rasd::search::internal
