#pragma once
/// @file random_stream.hpp
/// Counter-based random streams. A stream is a pure function of (seed, replication, entity,
/// purpose); its n-th draw is a pure function of the stream key and n. No state is stored per
/// stream, draws can be taken in any order, and the arm is deliberately not in the key, so every
/// arm sees the same numbers for the same decision (common random numbers; sim/README.md).
///
/// The generator is SplitMix64 used in counter mode: draw(n) = mix(key + (n + 1) * gamma), with
/// the key itself a SplitMix64 hash chain of the key fields. SplitMix64's output function is a
/// bijective 64-bit finaliser; sequential SplitMix64 passes BigCrush, and keys are separated by
/// hashing so that neighbouring citizens' streams do not overlap in practice.

#include <cmath>
#include <cstdint>

namespace caseflow::engine {

/// SplitMix64's finaliser: a bijective avalanche mix of 64 bits.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

inline constexpr std::uint64_t kGoldenGamma = 0x9e3779b97f4a7c15ULL;

/// Identifies one stream. `purpose` separates kinds of decision so that adding draws of one kind
/// never shifts another.
struct StreamKey {
  std::uint64_t seed = 0;
  std::uint64_t replication = 0;
  std::uint64_t entity = 0;  ///< citizen id, or an id from a separate range for sources
  std::uint32_t purpose = 0;
};

class StreamFamily;

class RandomStream {
 public:
  constexpr explicit RandomStream(const StreamKey& key) : base_(member_hash(family_hash(key.seed, key.replication), key.entity, key.purpose)) {}

  /// The n-th raw 64-bit draw.
  [[nodiscard]] constexpr std::uint64_t bits(std::uint64_t n) const { return mix64(base_ + (n + 1) * kGoldenGamma); }

  /// The n-th draw as a uniform in the open interval (0, 1): never exactly 0 or 1, so that
  /// log(u) and inverse CDFs are always finite.
  [[nodiscard]] constexpr double uniform(std::uint64_t n) const {
    return (static_cast<double>(bits(n) >> 11) + 0.5) * 0x1.0p-53;
  }

  /// The n-th draw from the unit exponential, by inversion.
  [[nodiscard]] double exponential(std::uint64_t n) const { return -std::log(uniform(n)); }

 private:
  friend class StreamFamily;
  struct FromHash {};
  constexpr RandomStream(FromHash /*tag*/, std::uint64_t base) : base_(base) {}
  static constexpr std::uint64_t family_hash(std::uint64_t seed, std::uint64_t replication) {
    return mix64(mix64(seed + kGoldenGamma) ^ replication);
  }
  static constexpr std::uint64_t member_hash(std::uint64_t family, std::uint64_t entity, std::uint32_t purpose) {
    return mix64(mix64(family ^ entity) ^ purpose);
  }

  std::uint64_t base_;
};

/// The streams of one (seed, replication), with that part of the key hashed once: a simulation
/// opens a stream for nearly every decision, and this halves the cost of opening one.
/// family.stream(entity, purpose) is the same stream as RandomStream({seed, replication,
/// entity, purpose}).
class StreamFamily {
 public:
  constexpr StreamFamily(std::uint64_t seed, std::uint64_t replication) : hash_(RandomStream::family_hash(seed, replication)) {}

  [[nodiscard]] constexpr RandomStream stream(std::uint64_t entity, std::uint32_t purpose) const {
    return RandomStream(RandomStream::FromHash{}, RandomStream::member_hash(hash_, entity, purpose));
  }

 private:
  std::uint64_t hash_;
};

}  // namespace caseflow::engine
