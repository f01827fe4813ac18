// CRC-32C (Castagnoli, polynomial 0x1EDC6F41, reflected 0x82F63B78), the checksum of every
// rasd file footer, log record and block.
//
// Chosen over CRC-32 because x86-64 computes it in hardware (SSE4.2 `crc32`), which Extend
// uses when the CPU has it (checked once at run time; default builds never assume it), and
// because it is the checksum of iSCSI (RFC 3720 §B.4), ext4 and LevelDB, so test vectors abound.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rasd::base::crc32c {

// Returns the CRC-32C of concat(A, data) where init_crc is the CRC-32C of A.
uint32_t Extend(uint32_t init_crc, const char* data, size_t n);

inline uint32_t Value(const char* data, size_t n) { return Extend(0, data, n); }
inline uint32_t Value(std::string_view data) { return Extend(0, data.data(), data.size()); }

// A CRC stored inside data that is itself checksummed is masked first, so that the CRC of a
// string containing embedded CRCs is not degenerate (the LevelDB log-format rule).
inline uint32_t Mask(uint32_t crc) { return ((crc >> 15) | (crc << 17)) + 0xa282ead8u; }
inline uint32_t Unmask(uint32_t masked) {
  const uint32_t rot = masked - 0xa282ead8u;
  return (rot >> 17) | (rot << 15);
}

}  // namespace rasd::base::crc32c
