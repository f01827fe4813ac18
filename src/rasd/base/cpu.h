// What the processor can run beyond the x86-64 baseline, asked once per process: the kernels
// that have SIMD versions (block decoding, CRC-32C, the tagger's LSTM) choose them with this
// at first use and keep a portable path for other processors. False on other architectures.
#pragma once

namespace rasd::base {

bool CpuHasAvx2();
bool CpuHasSse42();

}  // namespace rasd::base
