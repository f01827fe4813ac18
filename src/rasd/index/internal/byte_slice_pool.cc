// ByteSlicePool: see the header for the slice chaining scheme.
#include "rasd/index/internal/byte_slice_pool.h"

#include <cstring>

#include "rasd/base/check.h"

namespace rasd::index::internal {

void ByteSlicePool::Clear() {
  blocks_.clear();
  block_used_ = kBlockSize;
}

uint32_t ByteSlicePool::Allocate(int level) {
  const uint32_t size = kSliceSizes[level];
  if (block_used_ + size > kBlockSize) {
    RASD_CHECK_MSG(blocks_.size() < (uint64_t{1} << (32 - kBlockBits)), "ByteSlicePool full");
    blocks_.emplace_back(new uint8_t[kBlockSize]());  // zero-filled
    block_used_ = 0;
  }
  const uint32_t address = static_cast<uint32_t>((blocks_.size() - 1) << kBlockBits) + block_used_;
  block_used_ += size;
  At(address)[size - 1] = static_cast<uint8_t>(16 | level);
  return address;
}

uint32_t ByteSlicePool::NextSlice(uint32_t upto) {
  // *At(upto) is the marker of the full slice.
  const int level = At(upto)[0] & 15;
  const int next = kNextLevel[level];
  const uint32_t fresh = Allocate(next);
  // Move the 3 bytes before the marker to the new slice, then write the forwarding address
  // over them and the marker.
  uint8_t* old = At(upto - 3);
  uint8_t* dst = At(fresh);
  dst[0] = old[0];
  dst[1] = old[1];
  dst[2] = old[2];
  old[0] = static_cast<uint8_t>(fresh);
  old[1] = static_cast<uint8_t>(fresh >> 8);
  old[2] = static_cast<uint8_t>(fresh >> 16);
  old[3] = static_cast<uint8_t>(fresh >> 24);
  return fresh + 3;
}

ByteSlicePool::Reader::Reader(const ByteSlicePool* pool, uint32_t start, uint32_t end)
    : pool_(pool), end_(end) {
  SetSlice(start, 0);
}

void ByteSlicePool::Reader::SetSlice(uint32_t start, int level) {
  slice_start_ = start;
  level_ = level;
  const uint32_t size = kSliceSizes[level];
  p_ = pool_->At(start);
  if (end_ >= start && end_ < start + size) {
    // The stream ends in this slice (the write address never reaches the marker's byte:
    // writing there moves to the next slice first).
    limit_ = p_ + (end_ - start);
    last_slice_ = true;
  } else {
    limit_ = p_ + size - 4;
    last_slice_ = false;
    // The next slice is elsewhere in the pool, most likely not in cache: fetch it while this
    // one is read (a frequent term's slices hold 200 bytes, time enough to hide the miss).
    const uint32_t next = uint32_t{limit_[0]} | uint32_t{limit_[1]} << 8 |
                          uint32_t{limit_[2]} << 16 | uint32_t{limit_[3]} << 24;
    __builtin_prefetch(pool_->At(next));
  }
}

void ByteSlicePool::Reader::NextSlice() {
  RASD_CHECK_MSG(!last_slice_, "ByteSlicePool::Reader read past the end of a stream");
  const uint8_t* a = limit_;
  const uint32_t next = uint32_t{a[0]} | uint32_t{a[1]} << 8 | uint32_t{a[2]} << 16 |
                        uint32_t{a[3]} << 24;
  SetSlice(next, kNextLevel[level_]);
}

}  // namespace rasd::index::internal
