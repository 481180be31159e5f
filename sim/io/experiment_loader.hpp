#pragma once
/// @file experiment_loader.hpp
/// YAML experiment file (`caseflow sweep EXPERIMENT`) -> typed ExperimentFile, with the same
/// diagnostics as the scenario loader: `FILE:LINE:COLUMN: error: KEY.PATH: what (expected,
/// found)`, unknown keys with a suggestion, every problem collected before failing once.
///
/// The experiment names its scenario relative to itself; every parameter path is checked
/// against that scenario's document tree here (a path that names nothing is an error at the
/// parameter's own line). Whether the scenario is valid with each point's values is checked by
/// the sweep module, which builds one scenario per point.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/distribution.hpp"
#include "io/diagnostics.hpp"

namespace caseflow::io {

/// Where something was written in the experiment file (1-based).
struct ExperimentMark {
  int line = 0;
  int column = 0;
};

/// A YAML scalar as written, ready to be used as a `--set` VALUE.
struct ParameterValue {
  std::string text;
  ExperimentMark mark;
};

/// One swept parameter: a scenario path and what it takes.
struct ExperimentParameter {
  std::string path;      ///< scenario path in `--set` syntax; for a joint parameter, its name
  /// A joint parameter (`NAME: {paths: [...], ...}`): the scenario paths that all take its one
  /// value or draw. Empty: `path` itself is the one scenario path.
  std::vector<std::string> targets;
  ExperimentMark mark;   ///< the parameter's key in the experiment file
  std::vector<ParameterValue> values;  ///< grid: the values, in file order
  ParameterValue low, high;            ///< oneway
  ParameterValue base;                 ///< oneway: the scenario's own value (its mark is in the scenario file)
  engine::Distribution distribution;   ///< psa
};

/// A typed experiment file.
struct ExperimentFile {
  enum class Kind { grid, oneway, psa };
  std::string file;              ///< the experiment file as given
  std::string sha256;            ///< of the experiment file's bytes
  std::string name;
  std::filesystem::path scenario;  ///< resolved against the experiment file's folder
  std::string scenario_as_written;
  ExperimentMark scenario_mark;
  Kind kind = Kind::grid;
  std::vector<ParameterValue> arms;  ///< interventions to run (empty: all); the baseline always runs
  int replications = 0;              ///< 0: the scenario's own
  std::int64_t seed = -1;            ///< -1: the scenario's own
  int draws = 0;                     ///< psa
  ExperimentMark draws_mark;         ///< where `draws` is written
  std::vector<ExperimentParameter> parameters;
};

/// Lowercase name of a kind (`grid`, `oneway`, `psa`).
const char* kind_name(ExperimentFile::Kind kind);

/// Reads, checks and types `file`; throws InputError with every problem found.
ExperimentFile load_experiment(const std::filesystem::path& file);

/// An InputError-style diagnostic at a place in the experiment file.
Diagnostic experiment_error(const ExperimentFile& experiment, ExperimentMark mark, std::string key_path,
                            std::string message);

}  // namespace caseflow::io
