// PFOR blocks: see pfor.h.
#include "rasd/index/internal/pfor.h"

#include "rasd/base/check.h"
#include "rasd/base/coding.h"
#include "rasd/index/internal/bitpack.h"
#include "rasd/index/internal/format.h"

namespace rasd::index::internal::pfor {

namespace {

// How many of the 128 values are wider than `bits` (< 32) bits. A loop the compiler
// vectorises: cheaper than a histogram of widths, whose increments wait on each other.
inline int CountWider(const uint32_t* in, int bits) {
  int n = 0;
  for (int i = 0; i < 128; ++i) n += (in[i] >> bits) != 0 ? 1 : 0;
  return n;
}

}  // namespace

void AppendBlock(const uint32_t* in, std::string* out) {
  uint32_t all = 0;
  for (int i = 0; i < 128; ++i) all |= in[i];
  const int max_bits = bitpack::BitsFor(all);
  // The width b costs its packed bytes plus, for each value wider than b, an index byte and
  // the varint of its high bits (1 byte, one more for each further 7 bits: wider[b + 7],
  // wider[b + 14], ...), plus one byte for their count. Narrower widths are tried while
  // they leave at most kMaxExceptions values wider; wider[t] is 0 from max_bits up.
  int wider[33 + 28] = {};
  int best = max_bits;
  size_t best_cost = bitpack::PackedBytes128(max_bits);
  for (int b = max_bits - 1; b >= 0; --b) {
    wider[b] = CountWider(in, b);
    if (wider[b] > kMaxExceptions) break;
    const size_t cost = bitpack::PackedBytes128(b) + 1 + 2 * wider[b] + wider[b + 7] +
                        wider[b + 14] + wider[b + 21] + wider[b + 28];
    if (cost < best_cost) {
      best_cost = cost;
      best = b;
    }
  }
  const uint32_t mask = best == 32 ? 0xFFFFFFFFu : (1u << best) - 1;
  uint32_t low[128];
  for (int i = 0; i < 128; ++i) low[i] = in[i] & mask;
  // best_cost is the block's exact size after its header byte: grow the output once.
  const size_t at = out->size();
  out->resize(at + 1 + best_cost);
  uint8_t* p = reinterpret_cast<uint8_t*>(out->data() + at);
  const bool exceptions = best < max_bits;
  *p++ = static_cast<uint8_t>(best | (exceptions ? 0x80 : 0));
  bitpack::Pack128(low, best, p);
  p += bitpack::PackedBytes128(best);
  if (!exceptions) return;
  // The exceptions: their count, indexes, then high bits. They are few; groups of 8 values
  // without one are passed over whole.
  const int n = wider[best];
  *p++ = static_cast<uint8_t>(n);
  uint8_t* high = p + n;
  for (int g = 0; g < 128; g += 8) {
    uint32_t group = 0;
    for (int i = g; i < g + 8; ++i) group |= in[i];
    if ((group >> best) == 0) continue;
    for (int i = g; i < g + 8; ++i) {
      if ((in[i] >> best) == 0) continue;
      *p++ = static_cast<uint8_t>(i);
      high = reinterpret_cast<uint8_t*>(
          base::EncodeVarint64(reinterpret_cast<char*>(high), in[i] >> best));
    }
  }
  RASD_CHECK(high == reinterpret_cast<uint8_t*>(out->data() + out->size()));
}

namespace {

// Parses the header and exception count; returns the start of the exception indexes (or
// of the next block when there are none).
inline const uint8_t* Header(const uint8_t* p, const uint8_t* end, int* bits, int* exceptions) {
  if (p >= end) return nullptr;
  const uint8_t h = *p++;
  *bits = h & 0x3F;
  if (*bits > 32 || (h & 0x40) != 0) return nullptr;
  const size_t packed = bitpack::PackedBytes128(*bits);
  if (packed > static_cast<size_t>(end - p)) return nullptr;
  p += packed;
  *exceptions = 0;
  if (h & 0x80) {
    if (p >= end || *bits == 32) return nullptr;
    *exceptions = *p++;
    if (*exceptions == 0 || *exceptions > kMaxExceptions ||
        *exceptions > static_cast<int>(end - p)) {
      return nullptr;
    }
  }
  return p;
}

}  // namespace

const uint8_t* DecodeBlock(const uint8_t* p, const uint8_t* end, uint32_t* out) {
  int bits = 0, exceptions = 0;
  const uint8_t* q = Header(p, end, &bits, &exceptions);
  if (q == nullptr) return nullptr;
  bitpack::Unpack128(p + 1, bits, out);
  if (exceptions == 0) return q;
  const uint8_t* indexes = q;
  q += exceptions;
  int prev = -1;
  for (int i = 0; i < exceptions; ++i) {
    const int index = indexes[i];
    uint32_t high = 0;
    q = GetVarint32Ptr(q, end, &high);
    if (q == nullptr || index <= prev || index >= 128 || high == 0 ||
        (uint64_t{high} << bits) > 0xFFFFFFFFull) {
      return nullptr;
    }
    out[index] |= high << bits;
    prev = index;
  }
  return q;
}

const uint8_t* SkipBlock(const uint8_t* p, const uint8_t* end) {
  int bits = 0, exceptions = 0;
  const uint8_t* q = Header(p, end, &bits, &exceptions);
  if (q == nullptr || exceptions == 0) return q;
  q += exceptions;
  for (int i = 0; i < exceptions; ++i) {
    uint32_t high = 0;
    q = GetVarint32Ptr(q, end, &high);
    if (q == nullptr) return nullptr;
  }
  return q;
}

}  // namespace rasd::index::internal::pfor
