// Bit-packing kernels, one instantiation per bit width (see bitpack.h).
#include "rasd/index/internal/bitpack.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#include "rasd/base/cpu.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define RASD_BITPACK_X86 1
#include <immintrin.h>
#endif

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

#if RASD_BITPACK_X86
// AVX2 decoding of the same horizontal layout, a group of 8 values per step: the group's
// two halves (values 0-3 and 4-7, each within 16 bytes) are loaded into the two 128-bit
// lanes, a byte shuffle gives each value the 4 bytes that hold it, and a shift per value
// (vpsrlvd) and a mask finish it. A value must fit in its 4 bytes after its shift of up to
// 7 bits, so this covers widths 1 to 25; the scalar kernels take the others. The scalar
// kernels cost about 4 instructions per value: at 1M articles, decoding blocks was 9% of
// the instructions of several-word queries.
constexpr int kAvx2MaxBits = 25;

// Where value j (0-7) of a group starts: its byte within its half's 16-byte load, and the
// shift within that byte. The upper half is loaded from byte (4 * B) / 8 of the group.
template <int B>
struct Avx2Group {
  static constexpr int kHighByte = (4 * B) / 8;
  static constexpr int StartBit(int j) { return j < 4 ? j * B : j * B - 8 * kHighByte; }
  // The shuffle: lane j's bytes are StartBit(j) / 8 + 0..3 of its half.
  static constexpr std::array<int8_t, 32> Shuffle() {
    std::array<int8_t, 32> s{};
    for (int j = 0; j < 8; ++j) {
      for (int b = 0; b < 4; ++b) s[4 * j + b] = static_cast<int8_t>(StartBit(j) / 8 + b);
    }
    return s;
  }
  static constexpr std::array<int32_t, 8> Shifts() {
    std::array<int32_t, 8> s{};
    for (int j = 0; j < 8; ++j) s[j] = StartBit(j) % 8;
    return s;
  }
  // Each half is loaded as 8 bytes when its values lie within them (widths up to 8), else
  // as 16.
  static constexpr int kLoad = (StartBit(3) / 8 + 3 < 8 && StartBit(7) / 8 + 3 < 8) ? 8 : 16;
  // Groups decoded straight from the block: both loads of group g end at most 7 bytes past
  // the block's 16 * B (the over-read contract); the later groups are decoded from a copy.
  static constexpr int Direct() {
    int g = 0;
    while (g < 16 && g * B + kHighByte + kLoad <= 16 * B + 7) ++g;
    return g;
  }
  alignas(32) static constexpr std::array<int8_t, 32> kShuffle = Shuffle();
  alignas(32) static constexpr std::array<int32_t, 8> kShifts = Shifts();
};

template <int B>
[[gnu::target("avx2"), gnu::always_inline]] inline void UnpackGroupAvx2(const uint8_t* group,
                                                                        uint32_t* out) {
  using G = Avx2Group<B>;
  const __m256i shuffle = _mm256_load_si256(reinterpret_cast<const __m256i*>(G::kShuffle.data()));
  const __m256i shifts = _mm256_load_si256(reinterpret_cast<const __m256i*>(G::kShifts.data()));
  const __m256i mask = _mm256_set1_epi32(static_cast<int>((uint32_t{1} << B) - 1));
  __m128i lo, hi;
  if constexpr (G::kLoad == 8) {
    lo = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(group));
    hi = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(group + G::kHighByte));
  } else {
    lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(group));
    hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(group + G::kHighByte));
  }
  __m256i v = _mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1);
  v = _mm256_shuffle_epi8(v, shuffle);
  v = _mm256_and_si256(_mm256_srlv_epi32(v, shifts), mask);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), v);
}

template <int B>
[[gnu::target("avx2")]] void UnpackAvx2T(const uint8_t* in, uint32_t* out) {
  if constexpr (B == 0 || B > kAvx2MaxBits) {
    UnpackT<B>(in, out);
  } else {
    constexpr int direct = Avx2Group<B>::Direct();
    for (int g = 0; g < direct; ++g) UnpackGroupAvx2<B>(in + g * B, out + g * 8);
    if constexpr (direct < 16) {
      // The last groups' loads would read too far past the block: copy their bytes.
      alignas(32) uint8_t tail[64] = {};
      static_assert((16 - direct) * B + Avx2Group<B>::kHighByte + Avx2Group<B>::kLoad <= 64);
      std::memcpy(tail, in + direct * B, (16 - direct) * B);
      for (int g = direct; g < 16; ++g) {
        UnpackGroupAvx2<B>(tail + (g - direct) * B, out + g * 8);
      }
    }
  }
}

template <size_t... B>
constexpr auto MakeUnpackAvx2Table(std::index_sequence<B...>) {
  return std::array<UnpackFn, sizeof...(B)>{&UnpackAvx2T<static_cast<int>(B)>...};
}
constexpr auto kUnpackAvx2 = MakeUnpackAvx2Table(std::make_index_sequence<33>());
#endif  // RASD_BITPACK_X86

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

// The decoders Unpack128 uses, chosen once for this processor.
const std::array<UnpackFn, 33>& UnpackTable() {
#if RASD_BITPACK_X86
  static const std::array<UnpackFn, 33>* const table = base::CpuHasAvx2() ? &kUnpackAvx2 : &kUnpack;
  return *table;
#else
  return kUnpack;
#endif
}

}  // namespace

void Pack128(const uint32_t* in, int bits, uint8_t* out) { kPack[bits](in, out); }
void Unpack128(const uint8_t* in, int bits, uint32_t* out) { UnpackTable()[bits](in, out); }
void Unpack128Portable(const uint8_t* in, int bits, uint32_t* out) { kUnpack[bits](in, out); }

bool Unpack128UsesAvx2() {
#if RASD_BITPACK_X86
  return &UnpackTable() == &kUnpackAvx2;
#else
  return false;
#endif
}

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
