#pragma once
/// @file seed_option.hpp
/// `--seed S` for every command that simulates: the full unsigned 64-bit range, as the
/// scenario file's `scenario.seed` accepts. Parsed by hand rather than by CLI11's integer
/// conversion, which capped values above 2^63 − 1 silently (so different seeds gave the same
/// results).

#include <cstdint>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace caseflow::cli {

/// The seed written as a decimal integer 0 … 18446744073709551615, or an error text ("" when
/// it is valid).
std::string seed_problem(const std::string& text);

/// The value of a text that passed seed_problem(); nullopt for "" (the option was not given).
std::optional<std::uint64_t> seed_value(const std::string& text);

/// Adds `--seed` to `command`, storing the text in `text` (checked as CLI11 parses, so a bad
/// seed is a usage error, exit 2, before anything runs).
void add_seed_option(CLI::App& command, std::string& text, const std::string& description);

}  // namespace caseflow::cli
