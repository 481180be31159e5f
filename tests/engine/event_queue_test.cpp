#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "engine/event_queue.hpp"

using caseflow::engine::EventQueue;

TEST_CASE("Event queue breaks time ties by priority, then subject", "[engine]") {
  EventQueue q;
  q.push(5.0, 3, 0, 1);
  q.push(5.0, 1, 0, 2);
  q.push(2.0, 9, 0, 3);
  q.push(5.0, 1, 0, 4);
  q.push(5.0, 0, 0, 5);
  std::vector<std::uint32_t> order;
  while (!q.empty()) order.push_back(q.pop().subject());
  CHECK(order == std::vector<std::uint32_t>{3, 5, 2, 4, 1});
}

TEST_CASE("Event queue ties do not depend on the order events were pushed in", "[engine]") {
  // (time, class, subject, kind, aux, version): the same set of events pushed in two orders
  // pops in one order, so leaving out an event never reorders the others.
  struct Spec {
    double time;
    std::uint8_t priority;
    std::uint16_t kind;
    std::uint32_t subject;
    std::uint32_t version;
    std::uint16_t aux;
  };
  const std::vector<Spec> events{{4.0, 3, 7, 9, 0, 0}, {4.0, 3, 7, 4, 0, 1}, {4.0, 3, 7, 4, 0, 0}, {4.0, 3, 5, 4, 0, 2},
                                 {4.0, 3, 7, 4, 2, 1}, {4.0, 2, 9, 100, 0, 0}, {3.5, 3, 7, 100, 0, 0}};
  auto pop_all = [](EventQueue& q) {
    std::vector<std::uint32_t> seen;
    while (!q.empty()) {
      const auto e = q.pop();
      seen.push_back(e.subject() * 1000u + e.kind() * 100u + e.aux() * 10u + e.version);
    }
    return seen;
  };
  EventQueue forward;
  EventQueue backward;
  forward.set_buckets(0.0, 1.0, 8);
  for (const Spec& e : events) forward.push(e.time, e.priority, e.kind, e.subject, e.version, e.aux);
  for (auto it = events.rbegin(); it != events.rend(); ++it) backward.push(it->time, it->priority, it->kind, it->subject, it->version, it->aux);
  const auto expected = std::vector<std::uint32_t>{100700, 100900, 4520, 4700, 4710, 4712, 9700};
  CHECK(pop_all(forward) == expected);
  CHECK(pop_all(backward) == expected);
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
  CHECK(q.pop().subject() == 2);
  q.push(3.0, 0, 0, 3);
  q.push(12.0, 0, 0, 4);
  CHECK(q.pop().subject() == 3);
  CHECK(q.pop().subject() == 1);
  CHECK(q.pop().subject() == 4);
  CHECK(q.empty());
}

TEST_CASE("Bucketed event queue pops exactly the same sequence as a plain heap", "[engine]") {
  // Interleaved pushes and pops with weekly ties, times before the buckets' origin, inside the
  // buckets and past the last one, as a simulation produces them.
  EventQueue plain;
  EventQueue bucketed;
  bucketed.set_buckets(-10.0, 0.25, 200);  // buckets cover [-10, 40)
  std::mt19937_64 gen(7);
  std::uniform_real_distribution<double> delay(0.0, 12.0);
  std::uniform_int_distribution<int> coin(0, 3);
  double now = -20.0;
  std::uint32_t id = 0;
  auto push_both = [&](double t) {
    const auto priority = static_cast<std::uint8_t>(id % 4);
    const auto kind = static_cast<std::uint16_t>(id % 11);
    const auto aux = static_cast<std::uint16_t>(id * 7919u);
    plain.push(t, priority, kind, id, id * 3u, aux);
    bucketed.push(t, priority, kind, id, id * 3u, aux);
    ++id;
  };
  for (int i = 0; i < 500; ++i) push_both(now + delay(gen));
  std::size_t popped = 0;
  while (!plain.empty()) {
    REQUIRE(bucketed.size() == plain.size());
    const auto a = plain.pop();
    const auto b = bucketed.pop();
    REQUIRE(a.subject() == b.subject());
    REQUIRE(a.time == b.time);
    REQUIRE(a.order == b.order);
    REQUIRE(a.version == b.version);
    REQUIRE(a.kind() == b.kind());
    REQUIRE(a.aux() == b.aux());
    now = a.time;
    ++popped;
    if (id < 20000) {
      const int c = coin(gen);
      if (c == 0) push_both(now);                          // same instant
      if (c <= 1) push_both(std::floor(now) + 4.0);        // whole weeks: many ties
      if (c <= 2) push_both(now + delay(gen));             // continuous times
      if (c == 3 && id % 50 == 0) push_both(now + 60.0);   // past the last bucket
    }
  }
  CHECK(bucketed.empty());
  CHECK(popped == id);
}

TEST_CASE("Event queue keeps kind, aux and version through the packed order word", "[engine]") {
  EventQueue q;
  q.set_buckets(0.0, 1.0, 4);
  q.push(2.5, 15, 15, 4000000000u, 4294967295u, 65535);
  q.push(2.5, 0, 0, 1, 0, 0);
  const auto first = q.pop();
  CHECK(first.subject() == 1);
  CHECK(first.priority() == 0);
  const auto second = q.pop();
  CHECK(second.priority() == 15);
  CHECK(second.kind() == 15);
  CHECK(second.aux() == 65535);
  CHECK(second.version == 4294967295u);
  CHECK(second.subject() == 4000000000u);
  CHECK_THROWS_AS(q.push(1.0, 16, 0, 0), std::invalid_argument);
  CHECK_THROWS_AS(q.push(1.0, 0, 16, 0), std::invalid_argument);
  CHECK_THROWS_AS(q.push(std::nan(""), 0, 0, 0), std::invalid_argument);
  // Infinite times are ordered last, after the buckets.
  q.push(std::numeric_limits<double>::infinity(), 0, 0, 7);
  q.push(3.5, 0, 0, 8);
  CHECK(q.pop().subject() == 8);
  CHECK(q.pop().subject() == 7);
  CHECK(q.empty());
}
