// PFOR blocks: see pfor.h.
#include "rasd/index/internal/pfor.h"

#include "rasd/base/coding.h"
#include "rasd/index/internal/bitpack.h"
#include "rasd/index/internal/format.h"

namespace rasd::index::internal::pfor {

void AppendBlock(const uint32_t* in, std::string* out) {
  // Histogram of bit widths; the cost of width b is its packed bytes plus, for every value
  // wider than b, an index byte and the varint of its high bits.
  int count[33] = {0};
  for (int i = 0; i < 128; ++i) ++count[bitpack::BitsFor(in[i])];
  int max_bits = 32;
  while (max_bits > 0 && count[max_bits] == 0) --max_bits;
  int best = max_bits;
  size_t best_cost = bitpack::PackedBytes128(max_bits);
  int wider = 0;  // values wider than b
  for (int b = max_bits - 1; b >= 0; --b) {
    wider += count[b + 1];
    if (wider > kMaxExceptions) break;
    size_t cost = bitpack::PackedBytes128(b) + 1;
    for (int w = b + 1; w <= max_bits; ++w) cost += count[w] * (1 + (w - b + 6) / 7);
    if (cost < best_cost) {
      best_cost = cost;
      best = b;
    }
  }
  const uint32_t mask = best == 32 ? 0xFFFFFFFFu : (1u << best) - 1;
  uint32_t low[128];
  int exceptions = 0;
  for (int i = 0; i < 128; ++i) {
    low[i] = in[i] & mask;
    exceptions += (uint64_t{in[i]} >> best) != 0 ? 1 : 0;
  }
  out->push_back(static_cast<char>(best | (exceptions > 0 ? 0x80 : 0)));
  const size_t at = out->size();
  out->resize(at + bitpack::PackedBytes128(best));
  bitpack::Pack128(low, best, reinterpret_cast<uint8_t*>(out->data() + at));
  if (exceptions > 0) {
    out->push_back(static_cast<char>(exceptions));
    for (int i = 0; i < 128; ++i) {
      if ((uint64_t{in[i]} >> best) != 0) out->push_back(static_cast<char>(i));
    }
    for (int i = 0; i < 128; ++i) {
      if ((uint64_t{in[i]} >> best) != 0) base::PutVarint32(out, in[i] >> best);
    }
  }
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
