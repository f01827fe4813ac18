// Byte coding for on-disk formats: little-endian fixed-width integers, LEB128 varints and
// zig-zag signed integers, and length-prefixed byte strings.
//
// Every on-disk structure in rasd is written through these functions, never by dumping a
// struct, so the format is the same on every machine (docs/FORMAT.md refers to these names).
// Encoders append to a std::string; decoders read from the front of a std::string_view and
// advance it, returning false (and leaving the input unspecified) on truncated or overlong
// input, so a corrupt file turns into a Corruption status at the caller, never a crash.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace rasd::base {

inline void EncodeFixed32(char* dst, uint32_t v) {
  for (int i = 0; i < 4; ++i) dst[i] = static_cast<char>(v >> (8 * i));
}
inline void EncodeFixed64(char* dst, uint64_t v) {
  for (int i = 0; i < 8; ++i) dst[i] = static_cast<char>(v >> (8 * i));
}
inline uint32_t DecodeFixed32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return uint32_t{u[0]} | uint32_t{u[1]} << 8 | uint32_t{u[2]} << 16 | uint32_t{u[3]} << 24;
}
inline uint64_t DecodeFixed64(const char* p) {
  return uint64_t{DecodeFixed32(p)} | uint64_t{DecodeFixed32(p + 4)} << 32;
}

void PutFixed16(std::string* dst, uint16_t v);
void PutFixed32(std::string* dst, uint32_t v);
void PutFixed64(std::string* dst, uint64_t v);

// LEB128: 7 bits per byte, low bits first, high bit set on every byte but the last.
void PutVarint32(std::string* dst, uint32_t v);
void PutVarint64(std::string* dst, uint64_t v);
// Writes the varint at `dst` (which must have room for 10 bytes); returns one past its end.
char* EncodeVarint64(char* dst, uint64_t v);
// Bytes PutVarint64 would write for v (1..10).
int VarintLength(uint64_t v);

// Zig-zag maps signed to unsigned so small magnitudes stay short (Protocol Buffers' sint64).
inline uint64_t ZigZagEncode(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
inline int64_t ZigZagDecode(uint64_t v) {
  return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
}

// A varint length followed by the bytes.
void PutLengthPrefixed(std::string* dst, std::string_view value);

// Decoders: consume from the front of *input. False on truncation, or on a varint longer
// than its type allows.
bool GetFixed16(std::string_view* input, uint16_t* v);
bool GetFixed32(std::string_view* input, uint32_t* v);
bool GetFixed64(std::string_view* input, uint64_t* v);
bool GetVarint32(std::string_view* input, uint32_t* v);
bool GetVarint64(std::string_view* input, uint64_t* v);
bool GetLengthPrefixed(std::string_view* input, std::string_view* value);

// Pointer-range form for hot loops: decodes a varint from [p, limit); returns one past it, or
// nullptr when the input is truncated or overlong.
const char* DecodeVarint32(const char* p, const char* limit, uint32_t* v);
const char* DecodeVarint64(const char* p, const char* limit, uint64_t* v);

}  // namespace rasd::base
