#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "engine/event_queue.hpp"

using caseflow::engine::EventQueue;

TEST_CASE("Event queue breaks time ties by priority then insertion order", "[engine]") {
  EventQueue q;
  q.push(5.0, 3, 0, 1);
  q.push(5.0, 1, 0, 2);
  q.push(2.0, 9, 0, 3);
  q.push(5.0, 1, 0, 4);
  q.push(5.0, 0, 0, 5);
  std::vector<std::uint32_t> order;
  while (!q.empty()) order.push_back(q.pop().subject);
  CHECK(order == std::vector<std::uint32_t>{3, 5, 2, 4, 1});
}

TEST_CASE("Event queue pops a large random set in nondecreasing (time, order)", "[engine]") {
  EventQueue q;
  std::mt19937_64 gen(42);
  std::uniform_int_distribution<int> week(0, 50);  // many exact ties, as with weekly events
  for (std::uint32_t i = 0; i < 20000; ++i) q.push(week(gen), static_cast<std::uint8_t>(i % 3), 0, i);
  double last_time = -1.0;
  std::uint64_t last_order = 0;
  std::size_t popped = 0;
  while (!q.empty()) {
    const auto e = q.pop();
    REQUIRE((e.time > last_time || (e.time == last_time && e.order > last_order)));
    last_time = e.time;
    last_order = e.order;
    ++popped;
  }
  CHECK(popped == 20000);
}

TEST_CASE("Event queue interleaves pushes and pops correctly", "[engine]") {
  EventQueue q;
  q.push(10.0, 0, 0, 1);
  q.push(1.0, 0, 0, 2);
  CHECK(q.pop().subject == 2);
  q.push(3.0, 0, 0, 3);
  q.push(12.0, 0, 0, 4);
  CHECK(q.pop().subject == 3);
  CHECK(q.pop().subject == 1);
  CHECK(q.pop().subject == 4);
  CHECK(q.empty());
}
