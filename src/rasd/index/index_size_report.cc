// index_size_report: where the bytes of an index go, per segment and field (run by hand).
//
//   index_size_report INDEX_DIR
//
// For every text, keyword and id field: distinct terms, singletons (pulsed into the
// dictionary, no .doc bytes), the field's dictionary bytes (its entries and block index,
// computed in the layout this build writes, docs/FORMAT.md section 5: exact for segments of
// the current version), and the field's exact .doc and .pos bytes, which are the differences
// between consecutive terms' postings offsets (docs/FORMAT.md sections 5-7: every term's postings
// are contiguous, in dictionary order). The .doc and .pos bytes are also split by document
// frequency (doc) or total term frequency (pos): 2-127 (only a variable-byte tail block), 128-1023,
// 1024+, with the bits per posting or position. This is what the "Optimisation log" of
// docs/BENCHMARKS.md quotes.
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "rasd/base/coding.h"
#include "rasd/base/env.h"
#include "rasd/index/index_reader.h"

namespace {

using rasd::index::FieldReader;
using rasd::index::TermIterator;

struct TermBytes {
  uint64_t doc_offset;  // UINT64_MAX for singletons (no .doc bytes)
  uint64_t pos_offset;
  size_t field;
  uint64_t doc_freq;
  uint64_t total_term_freq;
  bool positions;  // the field stores positions
};

uint64_t VarintBytes(uint64_t v) { return static_cast<uint64_t>(rasd::base::VarintLength(v)); }

// Bytes of a term's dictionary entry (docs/FORMAT.md section 5, version 3). `first`: the
// first entry of its block; doc_ptr and pos_ptr: the block's running pointers.
uint64_t EntryBytes(const FieldReader& f, std::string_view term, size_t shared, bool first,
                    const rasd::index::TermInfo& info, uint64_t* doc_ptr, uint64_t* pos_ptr) {
  if (first) {
    *doc_ptr = 0;
    *pos_ptr = 0;
    shared = 0;
  }
  const uint64_t suffix = term.size() - shared;
  uint64_t n = suffix;
  if (first) {
    n += VarintBytes(term.size());
  } else {
    n += 1 + (shared >= 15 ? VarintBytes(shared - 15) : 0) +
         (suffix >= 15 ? VarintBytes(suffix - 15) : 0);
  }
  const bool freqs = f.kind() == rasd::index::FieldKind::kText;
  const bool once = info.total_term_freq == info.doc_freq;
  n += VarintBytes(freqs ? (uint64_t{info.doc_freq} << 1 | (once ? 1 : 0)) : info.doc_freq);
  if (!f.parent().empty()) n += VarintBytes(info.stem_ord);
  if (info.doc_freq == 1) {
    n += VarintBytes(info.singleton_doc);
    if (freqs && !once) n += VarintBytes(info.total_term_freq - 2);
  } else {
    if (freqs && !once) n += VarintBytes(info.total_term_freq - info.doc_freq - 1);
    n += VarintBytes(info.doc_offset - *doc_ptr);
    *doc_ptr = info.doc_offset;
  }
  if (f.has_positions()) {
    n += VarintBytes(info.pos_offset - *pos_ptr);
    *pos_ptr = info.pos_offset;
  }
  return n;
}

int Bucket(uint64_t n) { return n < 2 ? 0 : n < 128 ? 1 : n < 1024 ? 2 : 3; }
const char* kBucketNames[] = {"1", "2-127", "128-1023", "1024+"};

struct FieldTotals {
  uint64_t terms = 0, singletons = 0, dict = 0, doc = 0, pos = 0;
  uint64_t doc_by[4] = {0, 0, 0, 0}, postings_by[4] = {0, 0, 0, 0};
  uint64_t pos_by[4] = {0, 0, 0, 0}, positions_by[4] = {0, 0, 0, 0};
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: index_size_report INDEX_DIR\n");
    return 2;
  }
  auto opened = rasd::index::IndexReader::Open(rasd::base::Env::Default(), argv[1]);
  if (!opened.ok()) {
    std::fprintf(stderr, "%s\n", opened.status().ToString().c_str());
    return 1;
  }
  const auto& reader = *opened;
  for (const rasd::index::Segment& seg : reader->segments()) {
    std::vector<std::string> names;
    std::vector<TermBytes> terms;
    std::vector<FieldTotals> totals;
    for (std::string_view name : seg.field_names()) {
      const FieldReader* f = seg.field(name);
      names.emplace_back(name);
      totals.emplace_back();
      FieldTotals& t = totals.back();
      TermIterator it(f);
      std::string prev;
      uint64_t doc_ptr = 0, pos_ptr = 0;
      for (it.SeekToFirst(); it.Valid(); it.Next()) {
        const rasd::index::TermInfo& info = it.info();
        const std::string_view term = it.term();
        size_t shared = 0;
        while (shared < prev.size() && shared < term.size() && prev[shared] == term[shared]) {
          ++shared;
        }
        // Terms per block (docs/FORMAT.md section 5), and a fixed64 per block in the index.
        constexpr uint64_t kTermsPerBlock = 32;
        const bool first = t.terms % kTermsPerBlock == 0;
        t.dict += EntryBytes(*f, term, shared, first, info, &doc_ptr, &pos_ptr) + (first ? 8 : 0);
        prev.assign(term);
        ++t.terms;
        if (info.doc_freq == 1) ++t.singletons;
        terms.push_back({info.doc_freq == 1 ? UINT64_MAX : info.doc_offset, info.pos_offset,
                         names.size() - 1, info.doc_freq, info.total_term_freq,
                         f->has_positions()});
      }
      if (!it.status().ok()) {
        std::fprintf(stderr, "%s\n", it.status().ToString().c_str());
        return 1;
      }
    }
    // Each term's bytes run to the next term's offset (the last term of each file is left
    // out: the end of the body is not exposed, and one term is noise at this scale).
    std::vector<const TermBytes*> by_doc, by_pos;
    for (const TermBytes& t : terms) {
      if (t.doc_offset != UINT64_MAX) by_doc.push_back(&t);
      if (t.positions) by_pos.push_back(&t);
    }
    std::sort(by_doc.begin(), by_doc.end(),
              [](const TermBytes* a, const TermBytes* b) { return a->doc_offset < b->doc_offset; });
    std::stable_sort(by_pos.begin(), by_pos.end(), [](const TermBytes* a, const TermBytes* b) {
      return a->pos_offset < b->pos_offset;
    });
    for (size_t i = 0; i + 1 < by_doc.size(); ++i) {
      const uint64_t n = by_doc[i + 1]->doc_offset - by_doc[i]->doc_offset;
      FieldTotals& t = totals[by_doc[i]->field];
      const int b = Bucket(by_doc[i]->doc_freq);
      t.doc += n;
      t.doc_by[b] += n;
      t.postings_by[b] += by_doc[i]->doc_freq;
    }
    for (size_t i = 0; i + 1 < by_pos.size(); ++i) {
      const uint64_t n = by_pos[i + 1]->pos_offset - by_pos[i]->pos_offset;
      if (n == 0) continue;
      FieldTotals& t = totals[by_pos[i]->field];
      const int b = Bucket(by_pos[i]->total_term_freq);
      t.pos += n;
      t.pos_by[b] += n;
      t.positions_by[b] += by_pos[i]->total_term_freq;
    }
    std::printf("segment %llu: %llu bytes, %u documents\n",
                static_cast<unsigned long long>(seg.segment_id()),
                static_cast<unsigned long long>(seg.size_bytes()), seg.max_doc());
    std::printf("%-14s %9s %9s %11s %11s %11s\n", "field", "terms", "singleton", "dict", ".doc",
                ".pos");
    for (size_t i = 0; i < names.size(); ++i) {
      const FieldTotals& t = totals[i];
      std::printf("%-14s %9llu %9llu %11llu %11llu %11llu\n", names[i].c_str(),
                  static_cast<unsigned long long>(t.terms),
                  static_cast<unsigned long long>(t.singletons),
                  static_cast<unsigned long long>(t.dict), static_cast<unsigned long long>(t.doc),
                  static_cast<unsigned long long>(t.pos));
    }
    for (size_t i = 0; i < names.size(); ++i) {
      const FieldTotals& t = totals[i];
      for (int b = 1; b < 4; ++b) {
        if (t.postings_by[b] > 0) {
          std::printf(
              "  %-14s .doc df %-9s %11llu bytes %10llu postings %6.2f bits each\n",
              names[i].c_str(), kBucketNames[b], static_cast<unsigned long long>(t.doc_by[b]),
              static_cast<unsigned long long>(t.postings_by[b]),
              8.0 * static_cast<double>(t.doc_by[b]) / static_cast<double>(t.postings_by[b]));
        }
      }
      for (int b = 0; b < 4; ++b) {
        if (t.positions_by[b] > 0) {
          std::printf(
              "  %-14s .pos ttf %-8s %11llu bytes %10llu positions %5.2f bits each\n",
              names[i].c_str(), kBucketNames[b], static_cast<unsigned long long>(t.pos_by[b]),
              static_cast<unsigned long long>(t.positions_by[b]),
              8.0 * static_cast<double>(t.pos_by[b]) / static_cast<double>(t.positions_by[b]));
        }
      }
    }
  }
  return 0;
}
