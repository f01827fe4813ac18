// Returning the heap's free memory to the operating system.
//
// glibc's allocator keeps what a program frees in its arenas (one per thread that allocated)
// for reuse, and gives pages back only from the top of the main heap. A writer that frees a
// few hundred MiB of indexing buffers and then starts work on other threads (a merge) would
// keep those pages resident beside the new work's; ReleaseFreeHeap hands them back first.
#pragma once

#include <cstddef>
#include <string>

namespace rasd::base {

// Gives the free pages of every heap arena back to the operating system (they read as zero
// pages if allocated again). Costs a walk over the arenas' free lists: call it after freeing
// much, not routinely. Works with glibc's allocator and with AddressSanitizer's (sanitizer
// builds); returns false, having done nothing, with any other.
bool ReleaseFreeHeap();

// Empties *s, and gives its buffer back when it has grown past `kept` bytes: for a scratch
// string reused for the life of the process, which one outsized input would otherwise leave
// holding that input's room.
void ClearBounded(std::string* s, size_t kept);

}  // namespace rasd::base
