// Stored fields and doc values against plain vectors.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "rasd/base/env.h"
#include "rasd/base/mem_env.h"
#include "rasd/index/internal/bitpack.h"
#include "rasd/index/internal/doc_values.h"
#include "rasd/index/internal/stored_fields.h"

namespace rasd::index::internal {
namespace {

uint64_t Seed() {
  const uint64_t seed = std::random_device()();
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  return seed;
}

using Docs = std::vector<std::pair<std::string, std::string>>;  // (id, blob)

// Writes docs to /d/s.sto in a fresh in-memory env (blocks of about 4 KB) and opens the file
// with its block directory.
void WriteAndOpen(const Docs& docs, std::unique_ptr<base::Env>* env, std::unique_ptr<FileData>* file,
                  StoredIndex* index) {
  *env = base::NewMemEnv();
  ASSERT_TRUE((*env)->CreateDirs("/d").ok());
  auto f = FileWriter::Create(env->get(), "/d/s.sto", kStoredMagic, 7);
  ASSERT_TRUE(f.ok());
  StoredFieldsWriter w(f->get(), 3, 4096);
  for (const auto& [id, blob] : docs) ASSERT_TRUE(w.Add(id, blob).ok());
  uint64_t dir = 0;
  ASSERT_TRUE(w.Finish(&dir).ok());
  ASSERT_TRUE((*f)->Finish(dir).ok());
  auto opened = OpenIndexFile(env->get(), "/d", "s.sto", kStoredMagic, 7, true);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  *file = std::move(opened).value();
  ASSERT_TRUE(ParseStoredIndex(**file, index).ok());
}

TEST(StoredFieldsTest, RandomBlobsRandomOrder) {
  std::mt19937_64 rng(Seed());
  Docs docs;
  for (int i = 0; i < 3000; ++i) {
    std::string blob;
    const size_t n = rng() % 50 == 0 ? 100000 + rng() % 50000 : rng() % 500;  // some exceed a block
    for (size_t k = 0; k < n; ++k) blob.push_back(static_cast<char>('a' + rng() % (rng() % 2 ? 3 : 26)));
    docs.emplace_back("id" + std::to_string(i), blob);
  }
  docs[5].second.clear();  // an empty blob
  std::unique_ptr<base::Env> env;
  std::unique_ptr<FileData> file;
  StoredIndex index;
  ASSERT_NO_FATAL_FAILURE(WriteAndOpen(docs, &env, &file, &index));
  ASSERT_EQ(index.num_docs, docs.size());
  StoredDocument out;
  for (int i = 0; i < 6000; ++i) {
    // Sequential runs (cache hits) and random jumps.
    const uint32_t d = i % 3 == 0 ? static_cast<uint32_t>(rng() % docs.size()) : (i / 3) % docs.size();
    ASSERT_TRUE(ReadStored(*file, index, 99, d, &out).ok());
    ASSERT_EQ(out.id, docs[d].first);
    ASSERT_EQ(out.blob, docs[d].second);
  }
  EXPECT_TRUE(ReadStored(*file, index, 99, static_cast<uint32_t>(docs.size()), &out).IsInvalidArgument());
}

// Documents stored without text (ids only) pack hundreds into a block; reads resume from the
// last one read when going forwards and start the block over when going backwards.
TEST(StoredFieldsTest, ManySmallDocumentsReadInAnyDirection) {
  const uint32_t n = 5000;
  Docs docs;
  for (uint32_t i = 0; i < n; ++i) docs.emplace_back("doc-" + std::to_string(i), i % 7 == 0 ? "x" : "");
  std::unique_ptr<base::Env> env;
  std::unique_ptr<FileData> file;
  StoredIndex index;
  ASSERT_NO_FATAL_FAILURE(WriteAndOpen(docs, &env, &file, &index));
  ASSERT_LT(index.first_docs.size(), n / 50);  // many documents per block
  auto expect = [&](uint32_t d, StoredDocument* out) {
    ASSERT_TRUE(ReadStored(*file, index, 1, d, out).ok());
    EXPECT_EQ(out->id, "doc-" + std::to_string(d));
    EXPECT_EQ(out->blob, d % 7 == 0 ? "x" : "");
  };
  StoredDocument out;
  for (uint32_t d = 0; d < n; ++d) expect(d, &out);            // forwards, one by one
  for (uint32_t d = n; d-- > 0;) expect(d, &out);              // backwards
  for (uint32_t d = 3; d < n; d += 37) expect(d, &out);        // forwards with gaps
  for (uint32_t d : {10u, 10u, 9u, 11u, 0u}) expect(d, &out);  // the same, back, on, first
}

// Columns long enough to be written in several pieces (AppendPackedColumn's 4096 values),
// the last one partial.
TEST(DocValuesTest, NumericColumns) {
  std::mt19937_64 rng(Seed());
  auto env = base::NewMemEnv();
  ASSERT_TRUE(env->CreateDirs("/d").ok());
  const uint32_t max_doc = 10007;
  struct Col {
    std::vector<int64_t> values;
    std::vector<uint8_t> present;
  };
  std::vector<Col> cols(6);
  for (size_t c = 0; c < cols.size(); ++c) {
    cols[c].values.resize(max_doc);
    cols[c].present.assign((max_doc + 7) / 8, 0);
    for (uint32_t d = 0; d < max_doc; ++d) {
      int64_t v = 0;
      switch (c) {
        case 0: v = 1500000000 + static_cast<int64_t>(rng() % 3000) * 86400; break;  // gcd
        case 1: v = static_cast<int64_t>(rng()); break;                              // 64 bits
        case 2: v = -static_cast<int64_t>(rng() % 1000); break;                      // negative
        case 3: v = 42; break;                                                       // constant
        case 4: v = (rng() % 2) ? INT64_MIN : INT64_MAX; break;                      // extremes
        default: v = static_cast<int64_t>(rng() % 7); break;
      }
      cols[c].values[d] = v;
      if (c % 2 == 0 || rng() % 3 != 0) cols[c].present[d >> 3] |= static_cast<uint8_t>(1u << (d & 7));
    }
  }
  std::vector<uint32_t> starts(max_doc + 1, 0), ords;
  std::vector<std::vector<uint32_t>> want_ords(max_doc);
  for (uint32_t d = 0; d < max_doc; ++d) {
    const int n = static_cast<int>(rng() % 4);
    std::set<uint32_t> s;
    for (int i = 0; i < n; ++i) s.insert(static_cast<uint32_t>(rng() % 37));
    want_ords[d].assign(s.begin(), s.end());
    for (uint32_t o : s) ords.push_back(o);
    starts[d + 1] = static_cast<uint32_t>(ords.size());
  }
  {
    auto f = FileWriter::Create(env.get(), "/d/s.dv", kDocValuesMagic, 7);
    ASSERT_TRUE(f.ok());
    DocValuesWriter w(f->get(), max_doc);
    for (size_t c = 0; c < cols.size(); ++c) {
      ASSERT_TRUE(w.AddNumeric("n" + std::to_string(c), cols[c].values.data(), cols[c].present.data()).ok());
    }
    ASSERT_TRUE(w.AddKeywordOrdinals("k", starts.data(), ords.data(), 37).ok());
    uint64_t dir = 0;
    ASSERT_TRUE(w.Finish(&dir).ok());
    ASSERT_TRUE((*f)->Finish(dir).ok());
  }
  auto file = OpenIndexFile(env.get(), "/d", "s.dv", kDocValuesMagic, 7, true);
  ASSERT_TRUE(file.ok());
  std::vector<DocValuesColumn> parsed;
  ASSERT_TRUE(ParseDocValues(**file, max_doc, &parsed).ok());
  ASSERT_EQ(parsed.size(), cols.size() + 1);
  EXPECT_TRUE(ParseDocValues(**file, max_doc + 1, &parsed).IsCorruption());
  ASSERT_TRUE(ParseDocValues(**file, max_doc, &parsed).ok());
  for (size_t c = 0; c < cols.size(); ++c) {
    const DocValuesColumn& col = parsed[c];
    ASSERT_EQ(col.type, DocValuesType::kNumeric);
    for (uint32_t d = 0; d < max_doc; ++d) {
      const bool has = (cols[c].present[d >> 3] >> (d & 7)) & 1;
      const bool got_has = col.presence == nullptr || ((col.presence[d >> 3] >> (d & 7)) & 1);
      ASSERT_EQ(got_has, has);
      if (has) {
        const uint64_t packed = bitpack::ReadPacked(col.values, d, col.bits);
        ASSERT_EQ(static_cast<int64_t>(static_cast<uint64_t>(col.min) + packed * col.gcd), cols[c].values[d])
            << "column " << c << " doc " << d;
      }
    }
  }
  EXPECT_EQ(parsed[0].gcd % 86400, 0u);
  const DocValuesColumn& k = parsed.back();
  ASSERT_EQ(k.type, DocValuesType::kKeywordOrdinals);
  for (uint32_t d = 0; d < max_doc; ++d) {
    const uint64_t a = bitpack::ReadPacked(k.addrs, d, k.addr_bits);
    const uint64_t b = bitpack::ReadPacked(k.addrs, d + 1, k.addr_bits);
    ASSERT_EQ(b - a, want_ords[d].size());
    for (uint64_t i = a; i < b; ++i) ASSERT_EQ(bitpack::ReadPacked(k.ords, i, k.ord_bits), want_ords[d][i - a]);
  }
}

// A column given document by document (as a merge gives it) writes what the arrays write,
// and a source that fails, or gives the wrong number of documents, fails the column.
TEST(DocValuesTest, ColumnsGivenDocumentByDocument) {
  auto env = base::NewMemEnv();
  ASSERT_TRUE(env->CreateDirs("/d").ok());
  const uint32_t max_doc = 9000;
  std::vector<int64_t> values(max_doc);
  std::vector<uint8_t> present((max_doc + 7) / 8, 0);
  std::vector<uint32_t> starts(max_doc + 1, 0), ords;
  for (uint32_t d = 0; d < max_doc; ++d) {
    values[d] = -700 + static_cast<int64_t>(d % 97) * 3;
    if (d % 5 != 0) present[d >> 3] |= static_cast<uint8_t>(1u << (d & 7));
    for (uint32_t o = d % 3; o < 6; o += 2) ords.push_back(o);
    starts[d + 1] = static_cast<uint32_t>(ords.size());
  }
  auto write = [&](const std::string& path, bool by_document) {
    auto f = FileWriter::Create(env.get(), path, kDocValuesMagic, 7);
    EXPECT_TRUE(f.ok());
    DocValuesWriter w(f->get(), max_doc);
    if (by_document) {
      EXPECT_TRUE(w.AddNumeric("n", [&](const DocValuesWriter::NumericEmit& emit) {
                     for (uint32_t d = 0; d < max_doc; ++d) {
                       emit(((present[d >> 3] >> (d & 7)) & 1) != 0, values[d]);
                     }
                     return Status::OK();
                   }).ok());
      EXPECT_TRUE(w.AddKeywordOrdinals(
                       "k",
                       [&](const DocValuesWriter::KeywordEmit& emit) {
                         for (uint32_t d = 0; d < max_doc; ++d) {
                           emit(ords.data() + starts[d], starts[d + 1] - starts[d]);
                         }
                         return Status::OK();
                       },
                       6)
                      .ok());
    } else {
      EXPECT_TRUE(w.AddNumeric("n", values.data(), present.data()).ok());
      EXPECT_TRUE(w.AddKeywordOrdinals("k", starts.data(), ords.data(), 6).ok());
    }
    uint64_t dir = 0;
    EXPECT_TRUE(w.Finish(&dir).ok());
    EXPECT_TRUE((*f)->Finish(dir).ok());
  };
  write("/d/arrays.dv", false);
  write("/d/each.dv", true);
  const auto arrays = base::ReadFileToString(env.get(), "/d/arrays.dv");
  const auto each = base::ReadFileToString(env.get(), "/d/each.dv");
  ASSERT_TRUE(arrays.ok() && each.ok());
  EXPECT_EQ(*arrays, *each);

  auto f = FileWriter::Create(env.get(), "/d/bad.dv", kDocValuesMagic, 7);
  ASSERT_TRUE(f.ok());
  DocValuesWriter w(f->get(), max_doc);
  const Status failed = w.AddNumeric("n", [&](const DocValuesWriter::NumericEmit& emit) {
    emit(true, 1);
    return Status::Corruption("source column unreadable");
  });
  EXPECT_TRUE(failed.IsCorruption()) << failed.ToString();
  const Status short_numeric = w.AddNumeric("n", [&](const DocValuesWriter::NumericEmit& emit) {
    for (uint32_t d = 0; d + 1 < max_doc; ++d) emit(true, 1);
    return Status::OK();
  });
  EXPECT_FALSE(short_numeric.ok());
  EXPECT_NE(short_numeric.message().find("8999 documents"), std::string::npos)
      << short_numeric.ToString();
  const Status short_keyword = w.AddKeywordOrdinals(
      "k",
      [&](const DocValuesWriter::KeywordEmit& emit) {
        emit(nullptr, 0);
        return Status::OK();
      },
      6);
  EXPECT_FALSE(short_keyword.ok());
}

}  // namespace
}  // namespace rasd::index::internal
