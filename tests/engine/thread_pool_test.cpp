#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "engine/thread_pool.hpp"

TEST_CASE("parallel_for runs every task exactly once for any thread count", "[engine]") {
  for (unsigned threads : {1u, 2u, 7u}) {
    std::vector<std::atomic<int>> hits(1000);
    caseflow::engine::parallel_for(hits.size(), threads, [&](std::size_t i) { hits[i]++; });
    for (const auto& h : hits) REQUIRE(h.load() == 1);
  }
}

TEST_CASE("parallel_for rethrows a task's exception", "[engine]") {
  CHECK_THROWS_WITH(caseflow::engine::parallel_for(100, 2,
                                                   [](std::size_t i) {
                                                     if (i == 37) throw std::runtime_error("task 37 failed");
                                                   }),
                    "task 37 failed");
}
