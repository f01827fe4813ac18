// Stored fields: zstd-compressed blocks of (id, blob) records. See stored_fields.h.
#include "rasd/index/internal/stored_fields.h"

#include <zstd.h>

#include <algorithm>

#include "rasd/base/coding.h"
#include "rasd/base/macros.h"

namespace rasd::index::internal {

using base::PutVarint64;

// A decompressed block may not exceed this (a bound for corrupt length fields).
constexpr uint64_t kMaxRawBlock = uint64_t{1} << 31;

StoredFieldsWriter::StoredFieldsWriter(FileWriter* file, int zstd_level, uint32_t block_bytes)
    : file_(file), level_(zstd_level), block_bytes_(std::max<uint32_t>(block_bytes, 1)) {
  cctx_ = ZSTD_createCCtx();
}

StoredFieldsWriter::~StoredFieldsWriter() { ZSTD_freeCCtx(static_cast<ZSTD_CCtx*>(cctx_)); }

Status StoredFieldsWriter::Add(std::string_view id, std::string_view blob) {
  PutVarint64(&raw_, id.size());
  raw_.append(id);
  PutVarint64(&raw_, blob.size());
  raw_.append(blob);
  ++num_docs_;
  if (raw_.size() >= block_bytes_) return FlushBlock();
  return Status::OK();
}

Status StoredFieldsWriter::FlushBlock() {
  if (num_docs_ == block_first_doc_) return Status::OK();
  if (cctx_ == nullptr) return Status::ResourceExhausted("zstd: cannot create a compression context");
  compressed_.resize(ZSTD_compressBound(raw_.size()));
  const size_t n = ZSTD_compressCCtx(static_cast<ZSTD_CCtx*>(cctx_), compressed_.data(),
                                     compressed_.size(), raw_.data(), raw_.size(), level_);
  if (ZSTD_isError(n)) {
    return Status::Internal(std::string("zstd compression failed: ") + ZSTD_getErrorName(n));
  }
  first_docs_.push_back(block_first_doc_);
  offsets_.push_back(file_->offset());
  std::string header;
  PutVarint64(&header, raw_.size());
  PutVarint64(&header, n);
  RASD_RETURN_IF_ERROR(file_->Append(header));
  RASD_RETURN_IF_ERROR(file_->Append(std::string_view(compressed_.data(), n)));
  raw_.clear();
  block_first_doc_ = num_docs_;
  return Status::OK();
}

Status StoredFieldsWriter::Finish(uint64_t* directory_offset) {
  RASD_RETURN_IF_ERROR(FlushBlock());
  *directory_offset = file_->offset();
  std::string dir;
  PutVarint64(&dir, num_docs_);
  PutVarint64(&dir, first_docs_.size());
  uint32_t prev_doc = 0;
  uint64_t prev_off = 0;
  for (size_t i = 0; i < first_docs_.size(); ++i) {
    PutVarint64(&dir, first_docs_[i] - prev_doc);
    PutVarint64(&dir, offsets_[i] - prev_off);
    prev_doc = first_docs_[i];
    prev_off = offsets_[i];
  }
  return file_->Append(dir);
}

Status ParseStoredIndex(const FileData& file, StoredIndex* index) {
  Cursor c(&file, file.directory_offset, file.body_end());
  index->num_docs = c.Varint32();
  const uint64_t blocks = c.Varint64();
  if (!c.ok()) return c.status("stored fields directory");
  if (blocks > index->num_docs || blocks > c.remaining()) {
    return CorruptionAt(file.name, file.directory_offset, "bad stored block count");
  }
  index->first_docs.resize(blocks);
  index->offsets.resize(blocks);
  uint64_t doc = 0, off = 0;
  for (uint64_t i = 0; i < blocks; ++i) {
    const uint64_t at = c.offset();
    doc += c.Varint64();
    off += c.Varint64();
    if (!c.ok()) return c.status("stored fields directory");
    if ((i == 0 && (doc != 0 || off < kHeaderSize)) ||
        (i > 0 && (doc <= index->first_docs[i - 1] || off <= index->offsets[i - 1])) ||
        doc >= index->num_docs || off >= file.directory_offset) {
      return CorruptionAt(file.name, at, "bad stored block entry");
    }
    index->first_docs[i] = static_cast<uint32_t>(doc);
    index->offsets[i] = off;
  }
  if (blocks == 0 && index->num_docs != 0) {
    return CorruptionAt(file.name, file.directory_offset, "stored documents without blocks");
  }
  return Status::OK();
}

namespace {

ZSTD_DCtx* ThreadDCtx() {
  struct Holder {
    ZSTD_DCtx* ctx = ZSTD_createDCtx();
    ~Holder() { ZSTD_freeDCtx(ctx); }
  };
  thread_local Holder holder;
  return holder.ctx;
}

}  // namespace

Status ReadStoredBlock(const FileData& file, const StoredIndex& index, uint32_t block,
                       std::string* raw) {
  const uint64_t start = index.offsets[block];
  const uint64_t end = block + 1 < index.offsets.size() ? index.offsets[block + 1]
                                                         : file.directory_offset;
  Cursor c(&file, start, end);
  const uint64_t raw_len = c.Varint64();
  const uint64_t comp_len = c.Varint64();
  if (!c.ok()) return c.status("stored block header");
  if (raw_len > kMaxRawBlock || comp_len != c.remaining()) {
    return CorruptionAt(file.name, start, "bad stored block lengths");
  }
  ZSTD_DCtx* dctx = ThreadDCtx();
  if (dctx == nullptr) return Status::ResourceExhausted("zstd: cannot create a decompression context");
  raw->resize(raw_len);
  const size_t n = ZSTD_decompressDCtx(dctx, raw->data(), raw_len, c.ptr(), comp_len);
  if (ZSTD_isError(n) || n != raw_len) {
    raw->clear();
    return CorruptionAt(file.name, c.offset(),
                        std::string("stored block does not decompress: ") +
                            (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "wrong length"));
  }
  return Status::OK();
}

Status ReadStored(const FileData& file, const StoredIndex& index, uint64_t owner_id, uint32_t doc,
                  StoredDocument* out) {
  if (doc >= index.num_docs) {
    return Status::InvalidArgument("stored document " + std::to_string(doc) + " out of range");
  }
  // The block holding doc: the last whose first doc is <= doc.
  const auto it = std::upper_bound(index.first_docs.begin(), index.first_docs.end(), doc);
  const uint32_t block = static_cast<uint32_t>(it - index.first_docs.begin()) - 1;
  if (out->cache_owner != owner_id || out->cache_block != block) {
    out->cache_owner = 0;
    RASD_RETURN_IF_ERROR(ReadStoredBlock(file, index, block, &out->cache));
    out->cache_owner = owner_id;
    out->cache_block = block;
    out->cache_next = 0;
    out->cache_next_offset = 0;
  }
  // Documents are length-prefixed one after another: parse from the resume point when the
  // wanted one lies at or after it, else from the block's start.
  const uint32_t skip = doc - index.first_docs[block];
  uint32_t i = 0;
  std::string_view in(out->cache);
  if (skip >= out->cache_next) {
    i = out->cache_next;
    in.remove_prefix(out->cache_next_offset);
  }
  for (;; ++i) {
    std::string_view id, blob;
    if (!base::GetLengthPrefixed(&in, &id) || !base::GetLengthPrefixed(&in, &blob)) {
      out->cache_owner = 0;
      return CorruptionAt(file.name, index.offsets[block],
                          "stored block holds fewer documents than its directory says");
    }
    if (i == skip) {
      out->id.assign(id);
      out->blob.assign(blob);
      out->cache_next = i + 1;
      out->cache_next_offset = out->cache.size() - in.size();
      return Status::OK();
    }
  }
}

}  // namespace rasd::index::internal
