// Manifest and tombstone files: see internal/manifest.h and docs/FORMAT.md.
#include "rasd/index/internal/manifest.h"

#include <bit>

#include "rasd/base/coding.h"
#include "rasd/base/crc32c.h"
#include "rasd/base/macros.h"

namespace rasd::index::internal {

using base::PutVarint64;

std::vector<std::string> SegmentMeta::FileNames() const {
  std::vector<std::string> names;
  for (std::string_view ext : kSegmentExtensions) names.push_back(SegmentFileName(id, ext));
  if (del_gen != 0) names.push_back(DeletesFileName(id, del_gen));
  return names;
}

namespace {

// Wraps a body in the common envelope (directory offset = start of the body).
std::string Envelope(uint32_t magic, uint64_t nonce, const std::string& body) {
  std::string out = HeaderBytes(magic, nonce);
  out += body;
  base::PutFixed64(&out, kHeaderSize);
  base::PutFixed32(&out, kFooterMagic);
  base::PutFixed32(&out, base::crc32c::Mask(base::crc32c::Value(out)));
  return out;
}

}  // namespace

std::string EncodeManifest(const Manifest& m) {
  std::string body;
  PutVarint64(&body, m.generation);
  PutVarint64(&body, m.next_segment_id);
  PutVarint64(&body, m.log_number);
  base::PutLengthPrefixed(&body, m.user_data);
  PutVarint64(&body, m.segments.size());
  for (const SegmentMeta& s : m.segments) {
    PutVarint64(&body, s.id);
    base::PutFixed64(&body, s.nonce);
    PutVarint64(&body, s.max_doc);
    PutVarint64(&body, s.del_count);
    PutVarint64(&body, s.del_gen);
    for (uint64_t size : s.file_sizes) PutVarint64(&body, size);
    PutVarint64(&body, s.del_size);
  }
  return Envelope(kManifestMagic, m.generation, body);
}

Status DecodeManifest(const FileData& file, Manifest* m) {
  if (file.size >= 16) {
    // The nonce of a manifest is its generation: read it to check the envelope.
    const uint64_t nonce = base::DecodeFixed64(reinterpret_cast<const char*>(file.data) + 8);
    FileData* f = const_cast<FileData*>(&file);
    RASD_RETURN_IF_ERROR(CheckEnvelope(f, kManifestMagic, nonce, /*verify_checksum=*/true));
    Cursor c(&file, kHeaderSize, file.body_end());
    *m = Manifest();
    m->generation = c.Varint64();
    m->next_segment_id = c.Varint64();
    m->log_number = c.Varint64();
    m->user_data = std::string(c.LengthPrefixed());
    const uint64_t n = c.Varint64();
    if (!c.ok()) return c.status("manifest");
    if (m->generation != nonce) return CorruptionAt(file.name, 8, "generation disagrees with header");
    if (n > c.remaining()) return CorruptionAt(file.name, c.offset(), "bad segment count");
    for (uint64_t i = 0; i < n; ++i) {
      const uint64_t at = c.offset();
      SegmentMeta s;
      s.id = c.Varint64();
      s.nonce = c.Fixed64();
      const uint64_t max_doc = c.Varint64();
      const uint64_t del_count = c.Varint64();
      s.del_gen = c.Varint64();
      for (uint64_t& size : s.file_sizes) size = c.Varint64();
      s.del_size = c.Varint64();
      if (!c.ok()) return c.status("manifest segment entry");
      if (max_doc == 0 || max_doc > 0x7FFFFFF0u || del_count > max_doc || s.id == 0 ||
          s.id >= m->next_segment_id || (s.del_gen == 0) != (s.del_size == 0)) {
        return CorruptionAt(file.name, at, "bad segment entry");
      }
      for (const SegmentMeta& prev : m->segments) {
        if (prev.id == s.id) return CorruptionAt(file.name, at, "segment listed twice");
      }
      s.max_doc = static_cast<uint32_t>(max_doc);
      s.del_count = static_cast<uint32_t>(del_count);
      m->segments.push_back(s);
    }
    if (c.remaining() != 0) return CorruptionAt(file.name, c.offset(), "trailing bytes");
    return Status::OK();
  }
  return CorruptionAt(file.name, file.size, "truncated manifest");
}

Result<Manifest> ReadManifest(base::Env* env, const std::string& dir) {
  const std::string path = base::JoinPath(dir, kManifestName);
  if (!env->FileExists(path)) {
    RASD_RETURN_IF_ERROR(CheckNoOrphanedFiles(env, dir));
    return Status::NotFound("no index in " + dir + " (no MANIFEST)");
  }
  RASD_ASSIGN_OR_RETURN(auto file, LoadFile(env, dir, std::string(kManifestName)));
  Manifest m;
  RASD_RETURN_IF_ERROR(DecodeManifest(*file, &m));
  return m;
}

Status CheckNoOrphanedFiles(base::Env* env, const std::string& dir) {
  if (!env->FileExists(dir)) return Status::OK();
  RASD_ASSIGN_OR_RETURN(auto names, env->GetChildren(dir));
  for (const std::string& name : names) {
    uint64_t id = 0, gen = 0;
    if (ParseSegmentFileName(name, &id) || ParseDeletesFileName(name, &id, &gen)) {
      return Status::Corruption(
          dir + " holds index files (" + name + ") but no MANIFEST, the list of its "
          "segments: nothing was changed. Restore MANIFEST from a copy of the index, or move "
          "the files away to start a new index there");
    }
  }
  return Status::OK();
}

Status WriteManifest(base::Env* env, const std::string& dir, const Manifest& m) {
  const std::string data = EncodeManifest(m);
  const std::string tmp = base::JoinPath(dir, kManifestTempName);
  RASD_RETURN_IF_ERROR(base::WriteStringToFile(env, data, tmp, /*sync=*/true));
  RASD_RETURN_IF_ERROR(env->RenameFile(tmp, base::JoinPath(dir, kManifestName)));
  return env->SyncDir(dir);
}

std::string EncodeDeletes(uint64_t nonce, uint32_t max_doc, uint32_t del_count,
                          const std::string& bitmap) {
  std::string body;
  PutVarint64(&body, max_doc);
  PutVarint64(&body, del_count);
  body.append(bitmap, 0, (uint64_t{max_doc} + 7) / 8);
  return Envelope(kDeletesMagic, nonce, body);
}

Result<std::string> ReadDeletes(base::Env* env, const std::string& dir, const SegmentMeta& meta) {
  const std::string name = DeletesFileName(meta.id, meta.del_gen);
  RASD_ASSIGN_OR_RETURN(auto file, LoadFile(env, dir, name));
  if (file->size != meta.del_size) {
    return CorruptionAt(name, std::min(file->size, meta.del_size),
                        "size " + std::to_string(file->size) + " but the manifest says " +
                            std::to_string(meta.del_size));
  }
  RASD_RETURN_IF_ERROR(CheckEnvelope(file.get(), kDeletesMagic, meta.nonce, true));
  Cursor c(file.get(), kHeaderSize, file->body_end());
  const uint64_t max_doc = c.Varint64();
  const uint64_t del_count = c.Varint64();
  const uint64_t bytes = (uint64_t{meta.max_doc} + 7) / 8;
  std::string_view bitmap = c.Bytes(bytes);
  if (!c.ok()) return c.status("tombstones");
  if (max_doc != meta.max_doc || del_count != meta.del_count || c.remaining() != 0) {
    return CorruptionAt(name, kHeaderSize, "tombstone header disagrees with the manifest");
  }
  uint64_t counted = 0;
  for (unsigned char b : bitmap) counted += std::popcount(b);
  if (meta.max_doc % 8 != 0 && bytes > 0 &&
      (static_cast<unsigned char>(bitmap.back()) >> (meta.max_doc % 8)) != 0) {
    return CorruptionAt(name, c.offset() - 1, "tombstone bits past the last document");
  }
  if (counted != del_count) {
    return CorruptionAt(name, kHeaderSize, "tombstone count " + std::to_string(del_count) +
                                               " but " + std::to_string(counted) + " bits set");
  }
  return std::string(bitmap);
}

}  // namespace rasd::index::internal
