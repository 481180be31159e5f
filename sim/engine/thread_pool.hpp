#pragma once
/// @file thread_pool.hpp
/// Runs independent tasks 0..n-1 on a fixed number of threads. Each task writes only its own
/// result slot, so results are identical for any thread count; the order in which tasks finish
/// never reaches the output.

#include <cstddef>
#include <functional>

namespace caseflow::engine {

/// Threads to use when the user asks for `requested` (0 = all cores).
unsigned resolve_thread_count(unsigned requested);

/// Calls task(i) for every i in [0, n) on up to `threads` threads and waits for all. The first
/// exception thrown by a task is rethrown here after the others have stopped taking work.
void parallel_for(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& task);

}  // namespace caseflow::engine
