// Inverter: see internal/inverter.h.
#include "rasd/index/internal/inverter.h"

#include "rasd/base/macros.h"

namespace rasd::index::internal {

Status Inverter::Add(const IndexDocument& doc, uint64_t segment_id, uint64_t nonce) {
  if (writer_ == nullptr) {
    RASD_ASSIGN_OR_RETURN(writer_, SegmentWriter::Create(env_, dir_, segment_id, nonce, options_));
    buffer_ = std::make_unique<SegmentBuffer>();
  }
  RASD_RETURN_IF_ERROR(writer_->AddStored(doc.id(), doc.stored()));
  buffer_->Add(doc);
  return Status::OK();
}

Result<std::shared_ptr<const SegmentCore>> Inverter::Flush() {
  if (writer_ == nullptr) return std::shared_ptr<const SegmentCore>();
  const uint32_t max_doc = buffer_->num_docs();
  Status s = buffer_->WriteTo(writer_.get());
  Result<SegmentMeta> meta = s.ok() ? writer_->Finish(max_doc) : Result<SegmentMeta>(s);
  if (!meta.ok()) {
    Abandon();
    return meta.status();
  }
  writer_.reset();
  buffer_.reset();
  return SegmentCore::Open(env_, dir_, *meta, false);
}

void Inverter::Abandon() {
  if (writer_ != nullptr) writer_->Abandon();
  writer_.reset();
  buffer_.reset();
}

}  // namespace rasd::index::internal
