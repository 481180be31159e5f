#include <catch2/catch.hpp>

#include <cmath>

#include "engine/random_stream.hpp"

using caseflow::engine::RandomStream;
using caseflow::engine::StreamKey;

TEST_CASE("A random stream is a pure function of its key and draw number", "[engine]") {
  const RandomStream a(StreamKey{7, 3, 12345, 1});
  const RandomStream b(StreamKey{7, 3, 12345, 1});
  for (std::uint64_t n = 0; n < 100; ++n) REQUIRE(a.bits(n) == b.bits(n));
  // Draw order does not matter: the 50th draw is the same whether or not others were taken.
  CHECK(RandomStream(StreamKey{7, 3, 12345, 1}).uniform(50) == a.uniform(50));
}

TEST_CASE("Streams differ in every key field", "[engine]") {
  const RandomStream base(StreamKey{7, 3, 12345, 1});
  CHECK(RandomStream(StreamKey{8, 3, 12345, 1}).bits(0) != base.bits(0));
  CHECK(RandomStream(StreamKey{7, 4, 12345, 1}).bits(0) != base.bits(0));
  CHECK(RandomStream(StreamKey{7, 3, 12346, 1}).bits(0) != base.bits(0));
  CHECK(RandomStream(StreamKey{7, 3, 12345, 2}).bits(0) != base.bits(0));
}

TEST_CASE("Uniform draws have the moments of U(0,1) and never hit 0 or 1", "[engine]") {
  // Across citizens (entity) as the simulation uses them: one draw each from many streams.
  const int n = 200000;
  double sum = 0.0, sum2 = 0.0;
  for (int i = 0; i < n; ++i) {
    const double u = RandomStream(StreamKey{1, 0, static_cast<std::uint64_t>(i), 1}).uniform(0);
    REQUIRE(u > 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    sum2 += u * u;
  }
  const double mean = sum / n;
  const double var = sum2 / n - mean * mean;
  // Standard error of the mean: sqrt(1/12 / n) = 0.00065; 5 se tolerance.
  CHECK(mean == Approx(0.5).margin(5 * 0.00065));
  CHECK(var == Approx(1.0 / 12.0).margin(0.002));
}

TEST_CASE("Unit exponential draws have mean 1", "[engine]") {
  const RandomStream s(StreamKey{99, 1, 2, 3});
  const int n = 200000;
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += s.exponential(static_cast<std::uint64_t>(i));
  CHECK(sum / n == Approx(1.0).margin(5.0 / std::sqrt(n)));
}

TEST_CASE("A stream family opens the same streams as full keys", "[engine]") {
  const caseflow::engine::StreamFamily family(20251122, 7);
  for (std::uint64_t entity : {0ULL, 1ULL, 4999ULL, (1ULL << 40) + 3}) {
    for (std::uint32_t purpose : {1u, 4u, 6u}) {
      const caseflow::engine::RandomStream full(caseflow::engine::StreamKey{20251122, 7, entity, purpose});
      const caseflow::engine::RandomStream member = family.stream(entity, purpose);
      for (std::uint64_t n : {0ULL, 1ULL, 123456789ULL}) CHECK(member.bits(n) == full.bits(n));
    }
  }
  const caseflow::engine::StreamFamily other(20251122, 8);
  CHECK(other.stream(1, 1).bits(0) != family.stream(1, 1).bits(0));
}
