#pragma once
/// @file key_registry.hpp
/// The one list of scenario keys (name, type, unit, default, doc). The loader validates maps
/// against it (unknown keys, "did you mean", missing required keys) and the Markdown key
/// reference in docs/scenario-keys.md is generated from it, so the two cannot drift apart.

#include <string>
#include <string_view>
#include <vector>

namespace caseflow::io {

/// The largest money input (DKK) a scenario may hold: a benefit's weekly rate, a state's
/// `cost_per_week`, an intervention's cost amount. 10^12 DKK is about half of Denmark's GDP, so
/// no real input comes near it, and with at most 2^32 citizens and the horizons the loader
/// accepts every computed figure stays far below the largest double (no `inf` in budget.csv).
inline constexpr double kMaxMoneyInput = 1e12;

/// One key of one section.
struct KeyInfo {
  std::string_view section;        ///< e.g. `states.NAME`; "" is the file's top level
  std::string_view key;            ///< e.g. `duration`
  std::string_view type;           ///< e.g. `number >= 0`, `state name`, `distribution`
  std::string_view unit;           ///< e.g. `weeks`, `DKK per week`; "" when none
  std::string_view default_value;  ///< shown in the docs; "" when the key is optional without default
  bool required = false;
  std::string_view doc;
};

/// A map kind keys belong to, with a paragraph for the docs.
struct SectionInfo {
  std::string_view section;
  std::string_view doc;
};

/// Every section, in documentation order.
const std::vector<SectionInfo>& scenario_sections();
/// Every key, grouped by section in documentation order.
const std::vector<KeyInfo>& scenario_keys();
/// The keys allowed in `section`, in registry order (empty if the section is unknown).
std::vector<std::string> keys_of(std::string_view section);
/// The registry entry, or nullptr.
const KeyInfo* find_key(std::string_view section, std::string_view key);
/// The registry's default of a number key (`report.prudence_factor` -> 1), so the typer takes
/// its defaults from here instead of writing them a second time. Throws std::logic_error when
/// the key is not in the registry or its default is not a number (a programming error).
double numeric_default(std::string_view section, std::string_view key);

/// The key reference as Markdown (committed as docs/scenario-keys.md).
std::string scenario_key_reference_markdown();

}  // namespace caseflow::io
