// Test support: see model.h.
#include "rasd/index/testing/model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace rasd::index::testing {

IndexDocument ModelDoc::ToDocument() const {
  IndexDocument doc;
  doc.set_id(id);
  // The i-th token of "body.exact" names the i-th token of "body" as its parent (the map
  // gives "body" first), as the search layer does with exact forms and stems.
  std::vector<size_t> body_tokens;
  for (const auto& [field, tokens] : text) {
    TextFieldOptions options;
    options.positions = field != "title.nopos";
    const size_t h = doc.AddTextField(field, options);
    for (size_t i = 0; i < tokens.size(); ++i) {
      const auto& [term, pos] = tokens[i];
      size_t parent = kNoParentToken;
      if (field == "body.exact" && i < body_tokens.size()) parent = body_tokens[i];
      const size_t t = doc.AddToken(h, term, pos, parent);
      if (field == "body") body_tokens.push_back(t);
    }
  }
  for (const auto& [field, values] : keywords) {
    for (const std::string& v : values) doc.AddKeyword(field, v);
  }
  for (const auto& [field, value] : numerics) doc.AddNumeric(field, value);
  doc.set_stored(blob);
  return doc;
}

namespace {

std::string Word(std::mt19937_64& rng) {
  // Zipf-like: small ranks are frequent.
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const double x = u(rng);
  const uint32_t rank = static_cast<uint32_t>(std::pow(2000.0, x * x)) ;
  std::string w = "w" + std::to_string(rank);
  if (rank % 7 == 0) w += "\xd8\xa7\xd9\x84";  // some non-ASCII bytes
  return w;
}

}  // namespace

ModelDoc RandomDoc(std::mt19937_64& rng, const std::string& id, int max_tokens) {
  ModelDoc d;
  d.id = id;
  std::uniform_int_distribution<int> ntok(0, max_tokens);
  const int n = ntok(rng);
  uint32_t pos = 0;
  for (int i = 0; i < n; ++i) {
    const std::string w = Word(rng);
    d.text["body"].emplace_back(w, pos);
    // Most exact forms have one stem; "zform" has many (it is then coded absolutely).
    d.text["body.exact"].emplace_back(w.size() % 4 == 0 ? std::string("zform") : w + "x", pos);
    pos += 1 + static_cast<uint32_t>(rng() % 3 == 0);
  }
  const int nt = static_cast<int>(rng() % 6);
  for (int i = 0; i < nt; ++i) d.text["title.nopos"].emplace_back(Word(rng), static_cast<uint32_t>(i));
  if (rng() % 10 != 0) d.keywords["source"].insert("src" + std::to_string(rng() % 7));
  const int ne = static_cast<int>(rng() % 4);
  for (int i = 0; i < ne; ++i) d.keywords["entity"].insert("e" + std::to_string(rng() % 50));
  if (rng() % 8 != 0) d.numerics["date"] = 1500000000 + static_cast<int64_t>(rng() % 1000) * 86400;
  if (rng() % 3 == 0) d.numerics["score"] = static_cast<int64_t>(rng() - (uint64_t{1} << 62));
  d.blob = "blob:" + id + ":" + std::string(rng() % 200, static_cast<char>('a' + rng() % 26));
  return d;
}

void ExpectMatchesModel(const IndexReader& reader, const Model& model) {
  const std::vector<std::string> diff = DiffAgainstModel(reader, model);
  for (size_t i = 0; i < diff.size() && i < 5; ++i) ADD_FAILURE() << diff[i];
}

std::vector<std::string> DiffAgainstModel(const IndexReader& reader, const Model& model) {
  std::vector<std::string> problems;
  auto fail = [&](const std::string& what) {
    if (problems.size() < 100) problems.push_back(what);
  };
  if (reader.num_docs() != model.size()) {
    fail("num_docs " + std::to_string(reader.num_docs()) + " vs model " + std::to_string(model.size()));
  }
  // Expected per (field, term): live global docs with freqs and positions.
  struct Posting {
    uint32_t freq = 0;
    std::vector<uint32_t> positions;
  };
  std::map<std::pair<std::string, std::string>, std::map<uint32_t, Posting>> expected;
  std::map<std::string, uint64_t> field_docs;
  StoredDocument stored;
  for (const auto& [id, doc] : model) {
    auto g = reader.LookupId(id);
    if (!g.has_value()) {
      fail("id " + id + " not found");
      continue;
    }
    if (!reader.IsLive(*g)) fail("id " + id + " maps to a deleted doc");
    Status s = reader.GetStored(*g, &stored);
    if (!s.ok() || stored.id != id || stored.blob != doc.blob) fail("stored fields of " + id + " differ");
    uint32_t local = 0;
    const Segment* seg = reader.SegmentOf(*g, &local);
    for (const auto& [field, tokens] : doc.text) {
      if (tokens.empty()) continue;
      for (const auto& [term, pos] : tokens) {
        Posting& p = expected[{field, term}][*g];
        ++p.freq;
        p.positions.push_back(pos);
      }
      const FieldReader* f = seg->field(field);
      if (f == nullptr || f->norm(local) != EncodeFieldLength(static_cast<uint32_t>(tokens.size()))) {
        fail("norm of " + field + " in " + id);
      }
    }
    for (const auto& [field, values] : doc.keywords) {
      for (const std::string& v : values) expected[{field, v}][*g].freq = 1;
      const FieldReader* f = seg->field(field);
      std::set<std::string> got;
      if (f != nullptr) {
        const KeywordOrdinals ords = f->ordinals(local);
        std::string value;
        for (uint32_t i = 0; i < ords.size(); ++i) {
          if (i > 0 && ords[i] <= ords[i - 1]) fail("ordinals not increasing");
          if (f->TermForOrd(ords[i], &value)) got.insert(value);
        }
      }
      if (got != values) fail("keyword ordinals of " + field + " in " + id);
    }
    for (const char* name : {"date", "score"}) {
      const NumericColumn* col = seg->numeric(name);
      std::optional<int64_t> got = col != nullptr ? col->Get(local) : std::nullopt;
      auto it = doc.numerics.find(name);
      std::optional<int64_t> want = it != doc.numerics.end() ? std::optional<int64_t>(it->second) : std::nullopt;
      if (got != want) fail(std::string("numeric ") + name + " of " + id);
    }
  }
  // Every live posting in the index must be expected, and every expected one present.
  size_t seen_terms = 0;
  for (const Segment& seg : reader.segments()) {
    for (std::string_view fname : seg.field_names()) {
      if (fname == kIdFieldName) continue;
      const FieldReader* f = seg.field(fname);
      TermIterator it(f);
      PostingsIterator p;
      for (it.SeekToFirst(); it.Valid(); it.Next()) {
        const auto key = std::make_pair(std::string(fname), std::string(it.term()));
        auto exp_it = expected.find(key);
        f->Postings(it.info(), &p, true);
        for (uint32_t d = p.Next(); d != kNoMoreDocs; d = p.Next()) {
          if (!seg.IsLive(d)) continue;
          const uint32_t g = seg.doc_base() + d;
          if (exp_it == expected.end() || exp_it->second.count(g) == 0) {
            fail("unexpected posting " + key.first + ":" + key.second + " doc " + std::to_string(g));
            continue;
          }
          Posting& want = exp_it->second[g];
          if (p.freq() != want.freq) fail("freq of " + key.first + ":" + key.second);
          if (f->has_positions()) {
            for (uint32_t k = 0; k < p.freq(); ++k) {
              const uint32_t pos = p.NextPosition();
              if (k >= want.positions.size() || pos != want.positions[k]) {
                fail("position of " + key.first + ":" + key.second);
                break;
              }
            }
          }
          want.freq = 0xFFFFFFFFu;  // mark seen
        }
        if (!p.status().ok()) fail(p.status().ToString());
        ++seen_terms;
      }
      if (!it.status().ok()) fail(it.status().ToString());
    }
  }
  for (const auto& [key, docs] : expected) {
    for (const auto& [g, p] : docs) {
      if (p.freq != 0xFFFFFFFFu) {
        fail("missing posting " + key.first + ":" + key.second + " doc " + std::to_string(g));
      }
    }
  }
  // NextGEQ agrees with Next on a sample of terms, across all segments.
  std::mt19937_64 rng(seen_terms);
  for (const Segment& seg : reader.segments()) {
    const FieldReader* f = seg.field("body");
    if (f == nullptr) continue;
    TermIterator it(f);
    for (it.SeekToFirst(); it.Valid(); it.Next()) {
      std::vector<uint32_t> all;
      PostingsIterator p;
      f->Postings(it.info(), &p);
      for (uint32_t d = p.Next(); d != kNoMoreDocs; d = p.Next()) all.push_back(d);
      f->Postings(it.info(), &p);
      uint32_t target = 0;
      while (true) {
        target += static_cast<uint32_t>(rng() % 200);
        const uint32_t got = p.NextGEQ(target);
        auto lb = std::lower_bound(all.begin(), all.end(), target);
        const uint32_t want = lb == all.end() ? kNoMoreDocs : *lb;
        if (got != want) {
          fail("NextGEQ(" + std::to_string(target) + ") of body:" + std::string(it.term()));
          break;
        }
        if (got == kNoMoreDocs) break;
        target = got;
      }
    }
  }
  return problems;
}

}  // namespace rasd::index::testing
