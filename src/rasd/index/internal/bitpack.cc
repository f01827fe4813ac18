// Bit-packing kernels, one instantiation per bit width (see bitpack.h).
#include "rasd/index/internal/bitpack.h"

#include <algorithm>
#include <array>
#include <utility>

namespace rasd::index::internal::bitpack {
namespace {

template <int B, int J>
inline uint32_t GetOne(const uint8_t* group) {
  constexpr int bit = J * B;
  constexpr uint64_t mask = B == 32 ? 0xFFFFFFFFull : ((uint64_t{1} << B) - 1);
  return static_cast<uint32_t>((LoadLE64(group + bit / 8) >> (bit % 8)) & mask);
}

template <int B, size_t... J>
inline void UnpackGroup(const uint8_t* group, uint32_t* out, std::index_sequence<J...>) {
  ((out[J] = GetOne<B, J>(group)), ...);
}

template <int B>
void UnpackT(const uint8_t* in, uint32_t* out) {
  if constexpr (B == 0) {
    std::memset(out, 0, 128 * sizeof(uint32_t));
  } else if constexpr (B == 32) {
    for (int i = 0; i < 128; ++i) {
      uint32_t v;
      std::memcpy(&v, in + 4 * i, 4);
      if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap32(v);
      out[i] = v;
    }
  } else {
    // 16 groups of 8 values; each group is exactly B bytes.
    for (int g = 0; g < 16; ++g) {
      UnpackGroup<B>(in + g * B, out + g * 8, std::make_index_sequence<8>());
    }
  }
}

inline void StoreLE64(uint8_t* p, uint64_t w) {
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  std::memcpy(p, &w, 8);
}

template <int B, int J>
inline void PutOne(const uint32_t* in, uint64_t* words) {
  constexpr int bit = J * B;
  constexpr int w = bit / 64;
  constexpr int shift = bit % 64;
  words[w] |= static_cast<uint64_t>(in[J]) << shift;
  if constexpr (shift + B > 64) words[w + 1] |= static_cast<uint64_t>(in[J]) >> (64 - shift);
}

// Stores the N (< 8) low bytes of w at p, little-endian, with N's bytes and no more: a
// narrower store of a register, not a copy through memory. PackGroup built each group in a
// stack buffer and copied B bytes of it out, and the copy read back bytes just stored in
// other widths, which the processor cannot forward: odd widths packed 6 times slower
// than the widths of 1, 2, 4 or 8 bytes.
template <int N>
inline void StoreLowBytes(uint8_t* p, uint64_t w) {
  if constexpr (N >= 4) {
    const uint32_t v = std::endian::native == std::endian::big
                           ? __builtin_bswap32(static_cast<uint32_t>(w))
                           : static_cast<uint32_t>(w);
    std::memcpy(p, &v, 4);
    StoreLowBytes<N - 4>(p + 4, w >> 32);
  } else if constexpr (N >= 2) {
    const uint16_t v = std::endian::native == std::endian::big
                           ? __builtin_bswap16(static_cast<uint16_t>(w))
                           : static_cast<uint16_t>(w);
    std::memcpy(p, &v, 2);
    StoreLowBytes<N - 2>(p + 2, w >> 16);
  } else if constexpr (N == 1) {
    *p = static_cast<uint8_t>(w);
  }
}

template <int B, size_t... J>
inline void PackGroup(const uint32_t* in, uint8_t* out, std::index_sequence<J...>) {
  // A group is B <= 31 bytes: build it in four 64-bit words (registers once unrolled), then
  // store exactly its B bytes.
  uint64_t words[4] = {0, 0, 0, 0};
  (PutOne<B, J>(in, words), ...);
  for (int i = 0; i < B / 8; ++i) StoreLE64(out + 8 * i, words[i]);
  StoreLowBytes<B % 8>(out + 8 * (B / 8), words[B / 8]);
}

template <int B>
void PackT(const uint32_t* in, uint8_t* out) {
  if constexpr (B == 0) {
    return;
  } else if constexpr (B == 32) {
    for (int i = 0; i < 128; ++i) {
      uint32_t v = in[i];
      if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap32(v);
      std::memcpy(out + 4 * i, &v, 4);
    }
  } else {
    for (int g = 0; g < 16; ++g) {
      PackGroup<B>(in + g * 8, out + g * B, std::make_index_sequence<8>());
    }
  }
}

using UnpackFn = void (*)(const uint8_t*, uint32_t*);
using PackFn = void (*)(const uint32_t*, uint8_t*);

template <size_t... B>
constexpr auto MakeUnpackTable(std::index_sequence<B...>) {
  return std::array<UnpackFn, sizeof...(B)>{&UnpackT<static_cast<int>(B)>...};
}
template <size_t... B>
constexpr auto MakePackTable(std::index_sequence<B...>) {
  return std::array<PackFn, sizeof...(B)>{&PackT<static_cast<int>(B)>...};
}

constexpr auto kUnpack = MakeUnpackTable(std::make_index_sequence<33>());
constexpr auto kPack = MakePackTable(std::make_index_sequence<33>());

}  // namespace

void Pack128(const uint32_t* in, int bits, uint8_t* out) { kPack[bits](in, out); }
void Unpack128(const uint8_t* in, int bits, uint32_t* out) { kUnpack[bits](in, out); }

void AppendPacked(const uint64_t* values, size_t n, int bits, std::string* out) {
  if (bits == 0 || n == 0) return;
  const size_t start = out->size();
  out->resize(start + PackedArrayBytes(n, bits), '\0');
  uint8_t* base = reinterpret_cast<uint8_t*>(out->data()) + start;
  uint64_t bit = 0;
  for (size_t i = 0; i < n; ++i, bit += bits) {
    uint64_t v = bits == 64 ? values[i] : values[i] & ((uint64_t{1} << bits) - 1);
    uint64_t pos = bit;
    int left = bits;
    while (left > 0) {
      const int shift = static_cast<int>(pos & 7);
      const int take = std::min(left, 8 - shift);
      base[pos >> 3] |= static_cast<uint8_t>((v & ((1u << take) - 1)) << shift);
      v >>= take;
      pos += take;
      left -= take;
    }
  }
}

}  // namespace rasd::index::internal::bitpack
