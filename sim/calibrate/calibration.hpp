#pragma once
/// @file calibration.hpp
/// `caseflow calibrate`: fits named scenario values so that one arm (normally the baseline)
/// reproduces observed figures. Minimises Σ weight·((simulated − target)/scale)² over the free
/// values, each simulated mean taken over the same seed and replications at every point
/// (common random numbers), with bounded Levenberg–Marquardt (least_squares.hpp).
/// Produces the fitted scenario text and the report tables; the caller writes them.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "calibrate/least_squares.hpp"
#include "calibrate/targets.hpp"
#include "economics/table.hpp"
#include "io/scenario_loader.hpp"
#include "model/spec.hpp"

namespace caseflow::calibrate {

/// `--free PATH[,PATH…][=LOW:HIGH]`: one free value, written to every listed path (tied
/// values, e.g. the same broker effect in several arms). Default bounds: [0, 1] for a
/// probability (a programme exit, a meeting outcome, the prudence factor), else [0, 10×start].
struct FreeParameter {
  std::vector<std::string> paths;
  double low = 0.0;
  double high = 0.0;
  bool bounds_given = false;
  std::string text;  ///< as given on the command line, for messages
};

/// Parses one `--free` argument; throws io::InputError (`--free:1:COL: error: …`). A path given
/// in two `--free` arguments (or twice in one) is refused by calibrate() before anything runs.
FreeParameter parse_free(const std::string& text);

struct CalibrationSettings {
  std::vector<io::Override> sets;  ///< `--set` overrides applied before the free values
  std::string arm = "baseline";    ///< whose figures are fitted
  int replications = 0;            ///< > 0 overrides the scenario's
  std::optional<std::uint64_t> seed;  ///< when given, overrides the scenario's
  unsigned threads = 1;
  LeastSquaresOptions solver;
  const std::atomic<bool>* cancel = nullptr;
  /// Called once with the starting scenario and the arms simulated (baseline first), after
  /// every input is checked and before anything is simulated: the command's resource check
  /// (memory, bounded work), which throws io::InputError to refuse. May be empty.
  std::function<void(const model::Scenario&, const std::vector<std::size_t>&)> before_running;
};

/// One free value after fitting.
struct FittedParameter {
  FreeParameter free;
  std::vector<std::string> start_text;  ///< per path, as written in the file
  double start = 0.0;
  double fitted = 0.0;
  /// Monte Carlo standard error of the fitted value: how far it would move with another seed
  /// for the same targets (from the simulated means' standard errors through the Jacobian).
  double se = 0.0;
};

struct CalibrationResult {
  std::string scenario_name;
  int replications = 0;
  std::uint64_t seed = 0;
  std::vector<Target> targets;
  std::vector<FittedParameter> parameters;
  std::vector<double> fitted_mean, fitted_se;  ///< per target, at the fitted values
  LeastSquaresResult solver;
  std::string fitted_text;  ///< the scenario file with the fitted values in place
  economics::Table fit;          ///< fit.csv
  economics::Table parameter_table;  ///< parameters.csv
  /// Why the fit cannot be used, one sentence each: the solver did not converge, or a free
  /// value stopped at one of its bounds (the targets want a value outside them, or cannot be
  /// met at all). Empty for a usable fit; the command then exits 0, otherwise 1.
  std::vector<std::string> problems;
  /// The paths of free values that stopped at a bound (listed in `problems` too).
  std::vector<std::string> at_bound;
  [[nodiscard]] bool usable() const { return problems.empty(); }
};

/// Runs the calibration. Throws io::InputError for bad input (nothing has been simulated
/// then), model::Cancelled on Ctrl-C, std::runtime_error for failures while running.
CalibrationResult calibrate(const std::filesystem::path& scenario_file, const std::filesystem::path& targets_file,
                            const std::vector<FreeParameter>& free, const CalibrationSettings& settings);

/// A number as written into the fitted file and the tables: 6 significant digits, so the
/// file reproduces the reported fit exactly (the final evaluation uses the rounded value).
std::string format_value(double x);

/// The terminal summary: parameters (start → fitted ± se) and each target's fit.
std::string format_summary(const CalibrationResult& result);

}  // namespace caseflow::calibrate
