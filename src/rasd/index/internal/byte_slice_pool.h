// ByteSlicePool: many growable byte streams (one or two per distinct term) interleaved in a
// few large blocks, so buffering postings costs no heap allocation per token or per term.
//
// The idea is Lucene's ByteBlockPool / ByteSlice: a stream starts as a 5-byte slice; the
// slice's last byte holds a non-zero level marker (slices are zero-filled, so a writer finds
// the end of its slice when the byte it is about to write is non-zero). At the marker the
// writer takes a larger slice, moves the last 3 data bytes there and overwrites the old
// slice's last 4 bytes with the new slice's address. A stream is fully described by its
// start address and its current write address ("upto").
//
// Thread-safety: none; owned by one writer.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

namespace rasd::index::internal {

class ByteSlicePool {
 public:
  static constexpr int kBlockBits = 16;
  static constexpr uint32_t kBlockSize = 1u << kBlockBits;
  static constexpr uint32_t kBlockMask = kBlockSize - 1;

  ByteSlicePool() = default;
  ByteSlicePool(const ByteSlicePool&) = delete;
  ByteSlicePool& operator=(const ByteSlicePool&) = delete;

  // A new stream; returns its start address (also its first write address).
  uint32_t NewStream() { return Allocate(0); }

  void WriteByte(uint32_t* upto, uint8_t b) {
    uint8_t* p = At(*upto);
    if (*p != 0) [[unlikely]] {
      *upto = NextSlice(*upto);
      p = At(*upto);
    }
    *p = b;
    ++*upto;
  }
  void WriteVarint(uint32_t* upto, uint32_t v) {
    while (v >= 0x80) {
      WriteByte(upto, static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    WriteByte(upto, static_cast<uint8_t>(v));
  }

  // The byte at `address` (for prefetching).
  const uint8_t* Address(uint32_t address) const { return At(address); }

  // Bytes held by the pool's blocks.
  uint64_t memory_bytes() const { return blocks_.size() * uint64_t{kBlockSize}; }
  // Frees everything.
  void Clear();

  // Reads one stream from its start address up to (excluding) its write address.
  class Reader {
   public:
    Reader(const ByteSlicePool* pool, uint32_t start, uint32_t end);
    bool done() const { return p_ == limit_ && last_slice_; }
    uint8_t ReadByte() {
      if (p_ == limit_) NextSlice();
      return *p_++;
    }
    uint32_t ReadVarint() {
      uint32_t v = 0;
      for (int shift = 0;; shift += 7) {
        const uint8_t b = ReadByte();
        v |= static_cast<uint32_t>(b & 0x7F) << shift;
        if (b < 0x80) return v;
      }
    }

   private:
    void NextSlice();
    void SetSlice(uint32_t start, int level);
    const ByteSlicePool* pool_;
    uint32_t end_;
    const uint8_t* p_ = nullptr;
    const uint8_t* limit_ = nullptr;
    int level_ = 0;
    uint32_t slice_start_ = 0;
    bool last_slice_ = false;
  };

 private:
  friend class Reader;
  uint8_t* At(uint32_t address) { return blocks_[address >> kBlockBits].get() + (address & kBlockMask); }
  const uint8_t* At(uint32_t address) const {
    return blocks_[address >> kBlockBits].get() + (address & kBlockMask);
  }
  uint32_t Allocate(int level);
  uint32_t NextSlice(uint32_t upto);

  std::vector<std::unique_ptr<uint8_t[]>> blocks_;
  uint32_t block_used_ = kBlockSize;  // bytes used in the last block
};

// Slice sizes by level, and the level that follows each (Lucene's choice: small first slices
// for the many rare terms, 200-byte slices for frequent ones).
inline constexpr uint32_t kSliceSizes[10] = {5, 14, 20, 30, 40, 40, 80, 80, 120, 200};
inline constexpr int kNextLevel[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 9};

}  // namespace rasd::index::internal
