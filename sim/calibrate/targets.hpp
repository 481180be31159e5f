#pragma once
/// @file targets.hpp
/// Observed figures a calibration should reproduce, read from a CSV file with the columns
/// `kind,year_or_week,state_or_from,to,value` (optionally `sd` and `weight`):
///
/// - `stock`: expected citizens in state `state_or_from` at week `year_or_week` (whole weeks
///   after `scenario.start`; week 0 is the start), `to` empty;
/// - `flow`: expected moves `state_or_from` -> `to` in calendar year `year_or_week`;
///   `state_or_from` may be `inflow` (arrivals into `to`);
/// - `exit_share`: the share of the citizens in state `state_or_from` at week 0 whose benefit
///   spell is at least `to` weeks long (empty = 0) that have entered a self-supporting state
///   within `year_or_week` weeks.
///
/// Every problem in the file is reported as `FILE:LINE:COL: error: COLUMN: …` (exit status 2).

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "model/spec.hpp"

namespace caseflow::calibrate {

/// One observed figure, as written and resolved against a scenario.
struct Target {
  enum class Kind { stock, flow, exit_share };
  Kind kind = Kind::stock;
  std::string file;  ///< the targets file (for messages)
  int line = 0;      ///< 1-based line in it

  // As written (echoed in fit.csv).
  std::string year_or_week;
  std::string state_or_from;
  std::string to;
  double value = 0.0;
  /// Residuals are divided by this: the `sd` column when given, else |value| (relative
  /// error), or 1 when the value is 0.
  double scale = 1.0;
  double weight = 1.0;  ///< `weight` column (default 1); multiplies the squared residual

  // Resolved indices.
  int week = -1;        ///< stock: reported week; exit_share: the window N in weeks
  int year_index = -1;  ///< flow: index into the scenario's budget years
  int from = -1;        ///< flow: from-state id, -1 = inflow; stock/exit_share: the state id
  int to_state = -1;    ///< flow: to-state id
  double min_spell_weeks = 0.0;  ///< exit_share: minimum benefit spell at week 0
};

/// `stock`, `flow` or `exit_share`.
std::string_view kind_name(Target::Kind kind);

/// A finite decimal number in plain notation (an optional '+' allowed); false for anything else.
bool parse_number(std::string_view text, double& out);

/// Parses targets from `text` (the contents of a file named `file` in messages) and resolves
/// them against arm `arm` of `scenario`. Throws io::InputError listing every bad row.
std::vector<Target> parse_targets(std::string_view text, const std::string& file, const model::Scenario& scenario,
                                  std::size_t arm);

/// Reads `file` and parses it with parse_targets.
std::vector<Target> load_targets(const std::filesystem::path& file, const model::Scenario& scenario, std::size_t arm);

}  // namespace caseflow::calibrate
