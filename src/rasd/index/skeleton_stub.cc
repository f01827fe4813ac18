// Temporary skeleton so that dependants can compile against the public headers while the
// implementation lands. Replaced file by file.
#include "rasd/index/check.h"
#include "rasd/index/index_reader.h"
#include "rasd/index/index_writer.h"

namespace rasd::index {
namespace internal {
struct FieldData {};
struct SegmentCore {};
}  // namespace internal

uint8_t EncodeFieldLength(uint32_t length) { return length > 255 ? 255 : static_cast<uint8_t>(length); }
uint32_t DecodeFieldLength(uint8_t norm) { return norm; }
uint32_t PostingsIterator::Next() { return End(); }
uint32_t PostingsIterator::NextGEQ(uint32_t) { return End(); }
uint32_t PostingsIterator::NextPosition() { return 0; }
uint32_t PostingsIterator::ShallowAdvance(uint32_t) { return kNoMoreDocs; }

uint32_t KeywordOrdinals::operator[](uint32_t) const { return 0; }
std::string_view FieldReader::name() const { return {}; }
FieldKind FieldReader::kind() const { return FieldKind::kText; }
bool FieldReader::has_freqs() const { return true; }
bool FieldReader::has_positions() const { return false; }
const FieldStats& FieldReader::stats() const { static FieldStats s; return s; }
uint32_t FieldReader::max_doc() const { return 0; }
bool FieldReader::FindTerm(std::string_view, TermInfo*) const { return false; }
bool FieldReader::TermForOrd(uint32_t, std::string*) const { return false; }
void FieldReader::Postings(const TermInfo&, PostingsIterator*, bool) const {}
uint8_t FieldReader::norm(uint32_t) const { return 0; }
KeywordOrdinals FieldReader::ordinals(uint32_t) const { return {}; }
TermIterator::TermIterator(const FieldReader*) : d_(nullptr) {}
void TermIterator::SeekToFirst() {}
bool TermIterator::Seek(std::string_view) { return false; }
void TermIterator::Next() {}
bool NumericColumn::Get(uint32_t, int64_t*) const { return false; }
uint32_t Segment::max_doc() const { return 0; }
uint64_t Segment::segment_id() const { return 0; }
const FieldReader* Segment::field(std::string_view) const { return nullptr; }
std::vector<std::string_view> Segment::field_names() const { return {}; }
const NumericColumn* Segment::numeric(std::string_view) const { return nullptr; }
std::vector<std::string_view> Segment::numeric_names() const { return {}; }
Status Segment::GetStored(uint32_t, StoredDocument*) const { return Status::NotSupported("skeleton"); }
std::optional<uint32_t> Segment::LookupId(std::string_view) const { return std::nullopt; }
uint64_t Segment::size_bytes() const { return 0; }

Result<std::shared_ptr<const IndexReader>> IndexReader::Open(base::Env*, const std::string&,
                                                             const ReaderOptions&) {
  return Status::NotSupported("skeleton");
}
Result<std::shared_ptr<const IndexReader>> IndexReader::Reopen(
    const std::shared_ptr<const IndexReader>& current) {
  return current;
}
IndexReader::~IndexReader() = default;
uint64_t IndexReader::size_bytes() const { return 0; }
FieldStats IndexReader::field_stats(std::string_view) const { return {}; }
TermStats IndexReader::term_stats(std::string_view, std::string_view) const { return {}; }
std::vector<std::string> IndexReader::field_names() const { return {}; }
const Segment* IndexReader::SegmentOf(uint32_t, uint32_t*) const { return nullptr; }
bool IndexReader::IsLive(uint32_t) const { return false; }
std::optional<uint32_t> IndexReader::LookupId(std::string_view) const { return std::nullopt; }
Status IndexReader::GetStored(uint32_t, StoredDocument*) const { return Status::NotSupported("skeleton"); }
Status IndexReader::ForEachTerm(std::string_view, std::string_view,
                                const std::function<bool(std::string_view, uint64_t)>&) const {
  return Status::NotSupported("skeleton");
}

struct IndexWriter::Impl {};
IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::~IndexWriter() = default;
Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(base::Env*, const std::string&,
                                                       const IndexWriterOptions&) {
  return Status::NotSupported("skeleton");
}
Status IndexWriter::AddDocument(const IndexDocument&) { return Status::NotSupported("skeleton"); }
Result<bool> IndexWriter::DeleteDocument(std::string_view) { return Status::NotSupported("skeleton"); }
Status IndexWriter::SyncLog() { return Status::NotSupported("skeleton"); }
Status IndexWriter::Commit() { return Status::NotSupported("skeleton"); }
Status IndexWriter::Commit(std::string_view) { return Status::NotSupported("skeleton"); }
Status IndexWriter::Refresh() { return Status::NotSupported("skeleton"); }
std::shared_ptr<const IndexReader> IndexWriter::Snapshot() const { return nullptr; }
Status IndexWriter::ForceMerge(int) { return Status::NotSupported("skeleton"); }
Status IndexWriter::MaybeMerge() { return Status::NotSupported("skeleton"); }
IndexWriterStats IndexWriter::stats() const { return {}; }
std::string IndexWriter::committed_user_data() const { return {}; }

Status Check(base::Env*, const std::string&, CheckReport*) { return Status::NotSupported("skeleton"); }

}  // namespace rasd::index
