// Field-length quantisation to one byte (postings.h). Like Lucene's SmallFloat.intToByte4:
// small lengths exactly, larger ones with 4 significant bits after the leading one, decoded
// to the smallest length of their bucket so that decoded <= real.
//
//   length < 32:           byte = length
//   length >= 32:          shift = bit_width(length) - 5, byte = 16 * shift + (length >> shift)
//                          (length >> shift is in [16, 32), so bytes 32.. follow on exactly)
//   decode(byte >= 32):    shift = byte / 16 - 1, length = (16 + byte % 16) << shift
#include <bit>

#include "rasd/index/postings.h"

namespace rasd::index {

uint8_t EncodeFieldLength(uint32_t length) {
  if (length < 32) return static_cast<uint8_t>(length);
  const int shift = std::bit_width(length) - 5;
  const uint32_t code = 16u * static_cast<uint32_t>(shift) + (length >> shift);
  return code > 255 ? 255 : static_cast<uint8_t>(code);
}

uint32_t DecodeFieldLength(uint8_t norm) {
  if (norm < 32) return norm;
  const int shift = norm / 16 - 1;
  return (16u + norm % 16) << shift;
}

}  // namespace rasd::index
