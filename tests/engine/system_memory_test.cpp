// keep_freed_memory (engine/system_memory.hpp): a block a run frees stays in the process's heap
// for the next run instead of going back to the kernel, so the next run's arrays are not
// page-faulted in afresh. Checked through glibc's own accounting (mallinfo2), not through
// caseflow: a freed block is counted in the heap's free bytes, and no block had a mapping of
// its own.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>

#include "engine/system_memory.hpp"

#ifdef __GLIBC__
#include <malloc.h>
#endif

// Under AddressSanitizer its own allocator replaces glibc's (mallinfo2 reads zeros): the test is
// left out there, as on another C library.
#if defined(__SANITIZE_ADDRESS__)
#define CASEFLOW_GLIBC_MALLOC 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CASEFLOW_GLIBC_MALLOC 0
#endif
#endif
#if !defined(CASEFLOW_GLIBC_MALLOC) && defined(__GLIBC__)
#define CASEFLOW_GLIBC_MALLOC 1
#endif
#ifndef CASEFLOW_GLIBC_MALLOC
#define CASEFLOW_GLIBC_MALLOC 0
#endif

#if CASEFLOW_GLIBC_MALLOC

namespace {

// Keeps the compiler from removing a malloc/free pair whose memory is never read.
char* volatile sink = nullptr;

}  // namespace

TEST_CASE("keep_freed_memory: a freed 8 MB block stays in the heap, not in a mapping of its own", "[engine][memory]") {
  caseflow::engine::keep_freed_memory();
  const std::size_t size = std::size_t{8} << 20;
  const struct mallinfo2 at_start = mallinfo2();
  sink = static_cast<char*>(std::malloc(size));
  REQUIRE(sink != nullptr);
  std::memset(sink, 1, size);
  const struct mallinfo2 held = mallinfo2();
  // glibc's default maps any block over 128 kB on its own (hblkhd) and unmaps it on free.
  CHECK(held.hblkhd == at_start.hblkhd);
  std::free(sink);
  const struct mallinfo2 freed = mallinfo2();
  CHECK(freed.fordblks >= held.fordblks + size);  // back on the heap's free lists, still the process's
}

#endif  // CASEFLOW_GLIBC_MALLOC
