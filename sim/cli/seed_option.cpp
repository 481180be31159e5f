#include "cli/seed_option.hpp"

#include <charconv>

#include <CLI/CLI.hpp>

namespace caseflow::cli {

std::string seed_problem(const std::string& text) {
  const char* first = text.data();
  const char* last = first + text.size();
  if (text.empty() || text.front() < '0' || text.front() > '9') {
    return "expected a whole number from 0 to 18446744073709551615, got '" + text + "'";
  }
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(first, last, value);
  if (error == std::errc::result_out_of_range) {
    return "'" + text + "' is above the largest seed, 18446744073709551615 (2^64 - 1)";
  }
  if (error != std::errc() || end != last) return "expected a whole number from 0 to 18446744073709551615, got '" + text + "'";
  return "";
}

std::optional<std::uint64_t> seed_value(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::uint64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

void add_seed_option(CLI::App& command, std::string& text, const std::string& description) {
  command.add_option("--seed", text, description)
      ->check(CLI::Validator([](std::string& value) { return seed_problem(value); }, "0..2^64-1", "seed"));
}

}  // namespace caseflow::cli
