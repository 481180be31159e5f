#pragma once
/// @file sha256.hpp
/// SHA-256 (FIPS 180-4), for the scenario fingerprint in manifest.json.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace caseflow::io {

/// Incremental SHA-256: feed bytes with update(), then read the digest once with hex_digest().
class Sha256 {
 public:
  Sha256();
  /// Adds `size` bytes at `data` to the message.
  void update(const void* data, std::size_t size);
  void update(std::string_view bytes) { update(bytes.data(), bytes.size()); }
  /// Pads, finishes and returns the 64-character lowercase hex digest. Call once.
  std::string hex_digest();

 private:
  void compress(const std::uint8_t* block);
  std::array<std::uint32_t, 8> state_{};
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

/// SHA-256 of `bytes` as lowercase hex.
std::string sha256_hex(std::string_view bytes);

}  // namespace caseflow::io
