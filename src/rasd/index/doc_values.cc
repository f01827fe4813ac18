// Doc values: writer, directory parser, and the per-document accessors of index_reader.h
// (FieldReader::norm, FieldReader::ordinals, KeywordOrdinals, NumericColumn).
#include "rasd/index/internal/doc_values.h"

#include <algorithm>
#include <numeric>

#include "rasd/base/coding.h"
#include "rasd/base/macros.h"
#include "rasd/index/index_reader.h"
#include "rasd/index/internal/bitpack.h"
#include "rasd/index/internal/field_data.h"

namespace rasd::index {
namespace internal {

using base::PutVarint64;

namespace {
void PutName(std::string* dst, DocValuesType type, std::string_view name) {
  dst->push_back(static_cast<char>(type));
  base::PutLengthPrefixed(dst, name);
}

// Appends values to the file as one packed array (bitpack::AppendPacked's layout), packed
// and written in pieces: unpacked, a column of a million documents is 8 MB, and a merge
// writes its columns last, when it holds the most. Each piece is a multiple of 8 values, so
// it ends on a byte boundary and the pieces join into the one bit stream of the whole array.
class PackedColumnWriter {
 public:
  PackedColumnWriter(FileWriter* file, int bits) : file_(file), bits_(bits) {}
  Status Add(uint64_t value) {
    piece_[n_++] = value;
    return n_ == kPiece ? WritePiece() : Status::OK();
  }
  Status Finish() { return n_ > 0 ? WritePiece() : Status::OK(); }

 private:
  static constexpr size_t kPiece = 4096;
  static_assert(kPiece % 8 == 0);
  Status WritePiece() {
    bytes_.clear();
    bitpack::AppendPacked(piece_.data(), n_, bits_, &bytes_);
    n_ = 0;
    return file_->Append(bytes_);
  }

  FileWriter* file_;
  int bits_;
  std::vector<uint64_t> piece_ = std::vector<uint64_t>(kPiece);
  size_t n_ = 0;
  std::string bytes_;
};
}  // namespace

Status DocValuesWriter::AddNorms(std::string_view field, const uint8_t* norms) {
  PutName(&directory_, DocValuesType::kNorms, field);
  PutVarint64(&directory_, file_->offset());
  ++entries_;
  return file_->Append(std::string_view(reinterpret_cast<const char*>(norms), max_doc_));
}

Status DocValuesWriter::AddNumeric(std::string_view field, const int64_t* values,
                                   const uint8_t* present) {
  return AddNumeric(field, [&](const NumericEmit& emit) {
    for (uint32_t d = 0; d < max_doc_; ++d) {
      emit(present == nullptr || ((present[d >> 3] >> (d & 7)) & 1), values[d]);
    }
    return Status::OK();
  });
}

Status DocValuesWriter::AddNumeric(std::string_view field, const NumericEach& each) {
  // First pass: which documents have a value, the range, and the gcd of the differences
  // (taken from the first value: they generate the same differences as those from the least).
  std::vector<uint8_t> present((max_doc_ + 7) / 8, 0);
  uint32_t count = 0;
  int64_t lo = 0, hi = 0, first = 0;
  uint64_t gcd = 0;
  uint32_t d = 0;
  RASD_RETURN_IF_ERROR(each([&](bool has, int64_t v) {
    if (has) {
      present[d >> 3] |= static_cast<uint8_t>(1u << (d & 7));
      if (count == 0) lo = hi = first = v;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
      // |v - first| in 64 bits, unsigned (the difference of two int64 always fits).
      const uint64_t diff = v >= first ? static_cast<uint64_t>(v) - static_cast<uint64_t>(first)
                                       : static_cast<uint64_t>(first) - static_cast<uint64_t>(v);
      gcd = std::gcd(gcd, diff);
      ++count;
    }
    ++d;
  }));
  if (d != max_doc_) {
    return Status::Internal("numeric column \"" + std::string(field) + "\" gave " +
                            std::to_string(d) + " documents, not " + std::to_string(max_doc_));
  }
  if (count == 0) return Status::OK();
  if (gcd == 0) gcd = 1;
  const uint64_t range = (static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo)) / gcd;
  const int bits = bitpack::BitsFor(range);
  uint64_t presence_offset = 0;
  if (count < max_doc_) {
    presence_offset = file_->offset();
    RASD_RETURN_IF_ERROR(file_->Append(
        std::string_view(reinterpret_cast<const char*>(present.data()), present.size())));
  }
  // Second pass: the values, packed.
  const uint64_t values_offset = file_->offset();
  PackedColumnWriter out(file_, bits);
  Status write;
  RASD_RETURN_IF_ERROR(each([&](bool has, int64_t v) {
    const uint64_t packed =
        has ? (static_cast<uint64_t>(v) - static_cast<uint64_t>(lo)) / gcd : 0;
    if (write.ok()) write = out.Add(packed);
  }));
  RASD_RETURN_IF_ERROR(write);
  RASD_RETURN_IF_ERROR(out.Finish());
  PutName(&directory_, DocValuesType::kNumeric, field);
  PutVarint64(&directory_, count);
  directory_.push_back(static_cast<char>(bits));
  PutVarint64(&directory_, base::ZigZagEncode(lo));
  PutVarint64(&directory_, base::ZigZagEncode(hi));
  PutVarint64(&directory_, gcd);
  PutVarint64(&directory_, presence_offset);
  PutVarint64(&directory_, values_offset);
  ++entries_;
  return Status::OK();
}

Status DocValuesWriter::AddKeywordOrdinals(std::string_view field, const uint32_t* starts,
                                           const uint32_t* ords, uint32_t num_terms) {
  return AddKeywordOrdinals(
      field,
      [&](const KeywordEmit& emit) {
        for (uint32_t d = 0; d < max_doc_; ++d) emit(ords + starts[d], starts[d + 1] - starts[d]);
        return Status::OK();
      },
      num_terms);
}

Status DocValuesWriter::AddKeywordOrdinals(std::string_view field, const KeywordEach& each,
                                           uint32_t num_terms) {
  // Three passes: the number of ordinals (for the addresses' width), the ordinals, and each
  // document's start address.
  uint64_t total = 0;
  uint32_t docs = 0;
  RASD_RETURN_IF_ERROR(each([&](const uint32_t*, uint32_t n) {
    total += n;
    ++docs;
  }));
  if (docs != max_doc_) {
    return Status::Internal("keyword column \"" + std::string(field) + "\" gave " +
                            std::to_string(docs) + " documents, not " + std::to_string(max_doc_));
  }
  const int ord_bits = bitpack::BitsFor(num_terms == 0 ? 0 : num_terms - 1);
  const int addr_bits = bitpack::BitsFor(total);
  const uint64_t ords_offset = file_->offset();
  PackedColumnWriter ords_out(file_, ord_bits);
  Status write;
  RASD_RETURN_IF_ERROR(each([&](const uint32_t* ords, uint32_t n) {
    for (uint32_t i = 0; i < n && write.ok(); ++i) write = ords_out.Add(ords[i]);
  }));
  RASD_RETURN_IF_ERROR(write);
  RASD_RETURN_IF_ERROR(ords_out.Finish());
  const uint64_t addrs_offset = file_->offset();
  PackedColumnWriter addrs_out(file_, addr_bits);
  uint64_t start = 0;
  write = addrs_out.Add(start);
  RASD_RETURN_IF_ERROR(each([&](const uint32_t*, uint32_t n) {
    start += n;
    if (write.ok()) write = addrs_out.Add(start);
  }));
  RASD_RETURN_IF_ERROR(write);
  RASD_RETURN_IF_ERROR(addrs_out.Finish());
  PutName(&directory_, DocValuesType::kKeywordOrdinals, field);
  PutVarint64(&directory_, num_terms);
  PutVarint64(&directory_, total);
  directory_.push_back(static_cast<char>(ord_bits));
  directory_.push_back(static_cast<char>(addr_bits));
  PutVarint64(&directory_, ords_offset);
  PutVarint64(&directory_, addrs_offset);
  ++entries_;
  return Status::OK();
}

Status DocValuesWriter::Finish(uint64_t* directory_offset) {
  *directory_offset = file_->offset();
  std::string head;
  PutVarint64(&head, max_doc_);
  PutVarint64(&head, entries_);
  RASD_RETURN_IF_ERROR(file_->Append(head));
  return file_->Append(directory_);
}

Status ParseDocValues(const FileData& file, uint32_t max_doc, std::vector<DocValuesColumn>* out) {
  out->clear();
  const uint64_t body_end = file.directory_offset;  // column data lies before the directory
  Cursor c(&file, file.directory_offset, file.body_end());
  const uint64_t stored_max_doc = c.Varint64();
  const uint64_t n = c.Varint64();
  if (!c.ok()) return c.status("doc values directory");
  if (stored_max_doc != max_doc) {
    return CorruptionAt(file.name, file.directory_offset,
                        "doc values for " + std::to_string(stored_max_doc) +
                            " documents, segment has " + std::to_string(max_doc));
  }
  if (n > c.remaining()) return CorruptionAt(file.name, c.offset(), "bad column count");
  auto in_body = [&](uint64_t offset, uint64_t bytes) {
    return offset >= kHeaderSize && offset <= body_end && bytes <= body_end - offset;
  };
  for (uint64_t i = 0; i < n; ++i) {
    const uint64_t at = c.offset();
    DocValuesColumn col;
    const uint8_t type = c.Byte();
    col.name = std::string(c.LengthPrefixed());
    if (!c.ok()) return c.status("doc values directory");
    switch (type) {
      case static_cast<uint8_t>(DocValuesType::kNorms): {
        col.type = DocValuesType::kNorms;
        const uint64_t off = c.Varint64();
        if (!c.ok()) return c.status("doc values directory");
        if (!in_body(off, max_doc)) return CorruptionAt(file.name, at, "norms outside the file");
        col.norms = file.data + off;
        break;
      }
      case static_cast<uint8_t>(DocValuesType::kNumeric): {
        col.type = DocValuesType::kNumeric;
        const uint64_t count = c.Varint64();
        col.bits = c.Byte();
        col.min = base::ZigZagDecode(c.Varint64());
        col.max = base::ZigZagDecode(c.Varint64());
        col.gcd = c.Varint64();
        const uint64_t presence = c.Varint64();
        const uint64_t values = c.Varint64();
        if (!c.ok()) return c.status("doc values directory");
        if (count == 0 || count > max_doc || col.bits > 64 || col.gcd == 0 || col.min > col.max ||
            (count < max_doc) != (presence != 0) ||
            (presence != 0 && !in_body(presence, (uint64_t{max_doc} + 7) / 8)) ||
            !in_body(values, bitpack::PackedArrayBytes(max_doc, col.bits))) {
          return CorruptionAt(file.name, at, "bad numeric column \"" + col.name + "\"");
        }
        col.count = static_cast<uint32_t>(count);
        col.presence = presence != 0 ? file.data + presence : nullptr;
        col.values = file.data + values;
        break;
      }
      case static_cast<uint8_t>(DocValuesType::kKeywordOrdinals): {
        col.type = DocValuesType::kKeywordOrdinals;
        col.num_terms = c.Varint32();
        col.total_ords = c.Varint64();
        col.ord_bits = c.Byte();
        col.addr_bits = c.Byte();
        const uint64_t ords = c.Varint64();
        const uint64_t addrs = c.Varint64();
        if (!c.ok()) return c.status("doc values directory");
        if (col.ord_bits > 32 || col.addr_bits > 64 ||
            col.ord_bits < bitpack::BitsFor(col.num_terms == 0 ? 0 : col.num_terms - 1) ||
            col.total_ords > (uint64_t{1} << 40) ||
            !in_body(ords, bitpack::PackedArrayBytes(col.total_ords, col.ord_bits)) ||
            !in_body(addrs, bitpack::PackedArrayBytes(uint64_t{max_doc} + 1, col.addr_bits))) {
          return CorruptionAt(file.name, at, "bad keyword ordinals column \"" + col.name + "\"");
        }
        col.ords = file.data + ords;
        col.addrs = file.data + addrs;
        break;
      }
      default:
        return CorruptionAt(file.name, at, "unknown doc values type " + std::to_string(type));
    }
    out->push_back(std::move(col));
  }
  return Status::OK();
}

}  // namespace internal

uint8_t FieldReader::norm(uint32_t doc) const {
  return d_->norms != nullptr && doc < d_->max_doc ? d_->norms[doc] : 0;
}

const uint8_t* FieldReader::norms() const { return d_->norms; }

KeywordOrdinals FieldReader::ordinals(uint32_t doc) const {
  KeywordOrdinals o;
  const internal::FieldData* d = d_;
  if (d->ords == nullptr || doc >= d->max_doc) return o;
  const uint64_t start = internal::bitpack::ReadPacked(d->addrs, doc, d->addr_bits);
  const uint64_t end = internal::bitpack::ReadPacked(d->addrs, uint64_t{doc} + 1, d->addr_bits);
  if (end < start || end > d->total_ords || d->num_terms == 0) return o;  // corrupt: Check reports it
  o.data_ = d->ords;
  o.start_ = start;
  o.count_ = static_cast<uint32_t>(end - start);
  o.bits_ = d->ord_bits;
  o.limit_ = d->num_terms - 1;
  return o;
}

uint32_t KeywordOrdinals::operator[](uint32_t i) const {
  // Clamped so that corrupt bytes can never index past a caller's per-ordinal array.
  const uint64_t v = internal::bitpack::ReadPacked(data_, start_ + i, bits_);
  return v > limit_ ? limit_ : static_cast<uint32_t>(v);
}

bool NumericColumn::Get(uint32_t doc, int64_t* value) const {
  if (doc >= max_doc_ || values_ == nullptr) return false;
  if (presence_ != nullptr && ((presence_[doc >> 3] >> (doc & 7)) & 1) == 0) return false;
  const uint64_t packed = internal::bitpack::ReadPacked(values_, doc, bits_);
  *value = static_cast<int64_t>(static_cast<uint64_t>(min_) + packed * gcd_);
  return true;
}

}  // namespace rasd::index
