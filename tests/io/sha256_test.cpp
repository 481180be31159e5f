// SHA-256 against the FIPS 180-4 / NIST example vectors.

#include <catch2/catch.hpp>

#include "io/sha256.hpp"

namespace io = caseflow::io;

TEST_CASE("SHA-256 reproduces the FIPS 180-4 test vectors", "[io]") {
  CHECK(io::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(io::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(io::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(io::sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("SHA-256 fed in uneven pieces equals the one-shot digest", "[io]") {
  std::string message;
  for (int i = 0; i < 1000; ++i) message += static_cast<char>(i * 37 % 251);
  io::Sha256 hash;
  std::size_t at = 0;
  for (std::size_t piece = 1; at < message.size(); piece = piece * 3 % 97 + 1) {
    const std::size_t take = std::min(piece, message.size() - at);
    hash.update(message.data() + at, take);
    at += take;
  }
  CHECK(hash.hex_digest() == io::sha256_hex(message));
}
