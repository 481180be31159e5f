/// @file experiment_loader.cpp
/// Experiment files (`caseflow sweep`): the sections and their keys, the kind, the parameters
/// (grid values, one-way ends, PSA distributions, joint parameters) and their check against the
/// scenario's tree (paths, arms, one-way bases). May call: io/typed_reader (in its experiment
/// dialect), io/distribution_typer, io/key_path, io/yaml_tree, files/output_folder (safe names).
#include "io/experiment_loader.hpp"

#include "io/experiment_keys.hpp"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <optional>

#include <fmt/format.h>

#include "files/output_folder.hpp"
#include "io/distribution_typer.hpp"
#include "io/key_path.hpp"
#include "io/sha256.hpp"
#include "io/typed_reader.hpp"
#include "io/yaml_tree.hpp"

namespace caseflow::io {
namespace {

/// An experiment file is a few dozen lines; anything much larger is a mistaken path.
constexpr std::uintmax_t kMaxExperimentBytes = 4ull * 1024 * 1024;
constexpr std::uintmax_t kMaxScenarioBytes = 64ull * 1024 * 1024;

const std::vector<std::string> kTopKeys = experiment_keys_of("");
const std::vector<std::string> kExperimentKeys = experiment_keys_of("experiment");
const std::vector<std::string> kOnewayKeys = experiment_keys_of("parameters.PATH");
const std::vector<std::string> kJointKeys = experiment_keys_of("parameters.NAME");

/// Reads a whole file, bounded; nullopt (and an error in `sink`) when it cannot be read.
std::optional<std::string> read_bounded(const std::filesystem::path& file, std::uintmax_t limit, const std::string& what,
                                        const std::string& shown, int line, int column, const std::string& key,
                                        DiagnosticSink& sink) {
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (ec || !std::filesystem::exists(status)) {
    sink.error(shown, line, column, key, fmt::format("cannot read the {}: no such file ({})", what, file.string()));
    return std::nullopt;
  }
  if (std::filesystem::is_directory(status)) {
    sink.error(shown, line, column, key, fmt::format("cannot read the {}: {} is a directory", what, file.string()));
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    sink.error(shown, line, column, key, fmt::format("cannot read the {} {}", what, file.string()));
    return std::nullopt;
  }
  // Read in pieces rather than into a buffer of the limit's size: the limit is far above
  // any real file, and filling 64 MiB for a 2 KiB scenario costs a noticeable pause.
  std::string bytes;
  char piece[1 << 16];
  while (bytes.size() <= limit && in.read(piece, sizeof piece).gcount() > 0) {
    bytes.append(piece, static_cast<std::size_t>(in.gcount()));
  }
  if (bytes.size() > limit) {
    sink.error(shown, line, column, key, fmt::format("the {} is larger than {} MiB, the limit", what, limit / (1024 * 1024)));
    return std::nullopt;
  }
  return bytes;
}

ExperimentMark mark_of(const Node& n) { return ExperimentMark{n.mark.line, n.mark.column}; }

/// A scalar parameter value, re-quoted when it was quoted in the file so that it reads the
/// same when parsed again as a `--set` VALUE.
std::optional<ParameterValue> scalar_value(const TypedReader& r, const Node& n) {
  if (!n.is_scalar()) {
    r.error(n, fmt::format("expected a single value (a number or a word), got {}", n.describe()));
    return std::nullopt;
  }
  std::string text = n.text;
  if (!n.plain) {
    std::string quoted = "\"";
    for (const char c : text) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    text = quoted + "\"";
  }
  return ParameterValue{text, mark_of(n)};
}

class ExperimentTyper {
 public:
  ExperimentTyper(ExperimentFile& out, DiagnosticSink& sink)
      : out_(out), sink_(sink), r_(sink, TypedReader::Dialect::experiment) {}

  void type(const Node& root) {
    if (!root.is_map()) {
      r_.error(root, fmt::format("expected a map with 'experiment' and 'parameters', got {}", root.describe()));
      return;
    }
    r_.check_listed_keys(root, kTopKeys);
    const Node* experiment = root.find("experiment");
    const Node* parameters = root.find("parameters");
    if (experiment == nullptr) sink_.error(out_.file, 1, 1, "experiment", "missing required section 'experiment'");
    if (parameters == nullptr) sink_.error(out_.file, 1, 1, "parameters", "missing required section 'parameters'");
    if (experiment != nullptr) type_experiment(*experiment);
    if (parameters != nullptr && kind_known_) type_parameters(*parameters);
  }

 private:
  /// A required key of `e`, or nullptr (reported).
  const Node* required(const Node& e, const char* key) {
    const Node* n = e.find(key);
    if (n == nullptr)
      sink_.error(e.file, e.mark.line, e.mark.column, join_path(e.path, key), fmt::format("missing required key '{}'", key));
    return n;
  }

  /// `name` (a safe folder name) and `scenario` (a path relative to this file).
  void type_name_and_scenario(const Node& e) {
    if (const Node* n = required(e, "name")) {
      if (!n->is_scalar() || !files::unsafe_name_reason(n->text).empty()) {
        r_.error(*n, fmt::format("expected a name that can be a folder name (it names the default results folder: no '/', '\\', "
                                 "'..', leading '.', control characters, at most 100 bytes), got {}{}",
                                 n->describe(), n->is_scalar() ? " (" + files::unsafe_name_reason(n->text) + ")" : ""));
      } else {
        out_.name = n->text;
      }
    }
    if (const Node* n = required(e, "scenario")) {
      if (!n->is_scalar() || n->text.empty()) {
        r_.error(*n, fmt::format("expected a scenario file path (relative to this file), got {}", n->describe()));
      } else {
        out_.scenario_as_written = n->text;
        out_.scenario_mark = mark_of(*n);
        const std::filesystem::path written(n->text);
        out_.scenario =
            written.is_absolute() ? written : (std::filesystem::path(out_.file).parent_path() / written).lexically_normal();
      }
    }
  }

  void type_experiment(const Node& e) {
    if (!e.is_map()) {
      r_.error(e, fmt::format("expected a map (name, scenario, kind, …), got {}", e.describe()));
      return;
    }
    r_.check_listed_keys(e, kExperimentKeys);
    type_name_and_scenario(e);
    if (const Node* n = required(e, "kind")) type_kind(*n);
    if (const Node* n = e.find("arms")) {
      if (!n->is_sequence()) {
        r_.error(*n, fmt::format("expected a list of intervention names, got {}", n->describe()));
      } else {
        for (const auto& item : n->items) {
          if (auto v = scalar_value(r_, item)) out_.arms.push_back(ParameterValue{item.text, v->mark});
        }
      }
    }
    if (const Node* n = e.find("replications")) out_.replications = static_cast<int>(r_.integer(*n, 1, 10000000).value_or(0));
    if (const Node* n = e.find("seed")) out_.seed = r_.integer(*n, 0, (std::int64_t{1} << 53)).value_or(-1);
    const Node* draws = e.find("draws");
    if (kind_known_ && out_.kind == ExperimentFile::Kind::psa) {
      if (draws == nullptr) {
        sink_.error(e.file, e.mark.line, e.mark.column, join_path(e.path, "draws"),
                    "missing required key 'draws' (the number of parameter draws of a psa experiment)");
      } else {
        out_.draws = static_cast<int>(r_.integer(*draws, 1, 10000000).value_or(0));
        out_.draws_mark = ExperimentMark{draws->mark.line, draws->mark.column};
      }
    } else if (draws != nullptr && kind_known_) {
      r_.error(*draws, fmt::format("'draws' is only used by kind psa (this experiment is {})", kind_name(out_.kind)));
    }
  }

  void type_parameters(const Node& p) {
    if (!p.is_map() || p.entries.empty()) {
      r_.error(p, fmt::format("expected a map PATH -> {}, with at least one parameter, got {}", what_kind(), p.describe()));
      return;
    }
    for (const auto& e : p.entries) {
      ExperimentParameter param;
      param.path = e.key;
      param.mark = ExperimentMark{e.key_mark.line, e.key_mark.column};
      const Node* value = &e.value;
      bool ok = true;
      if (e.value.is_map() && e.value.find("paths") != nullptr) {  // a joint parameter
        ok = type_joint(e.value, param);
        value = joint_value(e.value, param);
        if (value == nullptr) continue;
      }
      if (!parameter_values(*value, param)) ok = false;
      for (const auto& earlier : out_.parameters) {
        if (earlier.path == param.path) ok = false;  // duplicate keys are reported by the parser
      }
      if (ok) out_.parameters.push_back(std::move(param));
    }
  }

  /// The value(s) of one parameter in the shape its kind expects: a grid's list, a one-way
  /// sweep's {low, high}, a PSA's distribution. False when unusable (reported).
  bool parameter_values(const Node& v, ExperimentParameter& param) {
    bool ok = true;
    switch (out_.kind) {
      case ExperimentFile::Kind::grid:
        if (!v.is_sequence() || v.items.empty()) {
          r_.error(v, fmt::format("expected a non-empty list of values for a grid, got {}", v.describe()));
          ok = false;
          break;
        }
        for (const auto& item : v.items) {
          if (auto x = scalar_value(r_, item)) {
            param.values.push_back(*x);
          } else {
            ok = false;
          }
        }
        break;
      case ExperimentFile::Kind::oneway: {
        if (!v.is_map()) {
          r_.error(v, fmt::format("expected {{low: X, high: Y}} for a one-way sweep, got {}", v.describe()));
          ok = false;
          break;
        }
        if (param.targets.empty()) r_.check_listed_keys(v, kOnewayKeys);
        const Node* low = v.find("low");
        const Node* high = v.find("high");
        if (low == nullptr || high == nullptr) {
          r_.error(v, fmt::format("expected both 'low' and 'high', got no '{}'", low == nullptr ? "low" : "high"));
          ok = false;
          break;
        }
        auto lo = scalar_value(r_, *low);
        auto hi = scalar_value(r_, *high);
        if (!lo || !hi) {
          ok = false;
          break;
        }
        param.low = *lo;
        param.high = *hi;
        break;
      }
      case ExperimentFile::Kind::psa:
        if (auto d = type_distribution(r_, v)) {
          param.distribution = *d;
        } else {
          ok = false;
        }
        break;
    }
    return ok;
  }

  /// `kind`: grid, oneway or psa (what the parameters hold depends on it).
  void type_kind(const Node& n) {
    if (n.is_scalar() && n.text == "grid") {
      out_.kind = ExperimentFile::Kind::grid;
      kind_known_ = true;
    } else if (n.is_scalar() && n.text == "oneway") {
      out_.kind = ExperimentFile::Kind::oneway;
      kind_known_ = true;
    } else if (n.is_scalar() && n.text == "psa") {
      out_.kind = ExperimentFile::Kind::psa;
      kind_known_ = true;
    } else {
      const std::string guess = n.is_scalar() ? closest_match(n.text, {"grid", "oneway", "psa"}) : "";
      r_.error(n, fmt::format("expected grid, oneway or psa, got {}{}", n.describe(),
                              guess.empty() ? "" : fmt::format("; did you mean '{}'?", guess)));
    }
  }

  /// `NAME: {paths: [...], values|low+high|distribution: ...}`: checks the keys, fills `targets`.
  bool type_joint(const Node& v, ExperimentParameter& param) {
    r_.check_listed_keys(v, kJointKeys);
    const Node* paths = v.find("paths");
    if (!paths->is_sequence() || paths->items.empty()) {
      r_.error(*paths, fmt::format("expected a non-empty list of scenario paths, got {}", paths->describe()));
      return false;
    }
    bool ok = true;
    for (const auto& item : paths->items) {
      if (!item.is_scalar() || item.text.empty()) {
        r_.error(item, fmt::format("expected a scenario path, got {}", item.describe()));
        ok = false;
      } else {
        param.targets.push_back(item.text);
      }
    }
    return ok;
  }

  /// The node that holds a joint parameter's value(s) in the shape the kind expects; nullptr
  /// (and an error) when it is missing. For oneway the map itself ({low, high} with `paths`).
  const Node* joint_value(const Node& v, const ExperimentParameter& param) {
    const char* key = out_.kind == ExperimentFile::Kind::grid  ? "values"
                      : out_.kind == ExperimentFile::Kind::psa ? "distribution"
                                                               : nullptr;
    if (key == nullptr) return &v;
    for (const char* other : {"values", "distribution", "low", "high"}) {
      if (std::string_view(other) != key && v.find(other) != nullptr) {
        r_.error(*v.find(other),
                 fmt::format("'{}' is not used by kind {} (joint parameter {})", other, kind_name(out_.kind), param.path));
      }
    }
    const Node* n = v.find(key);
    if (n == nullptr)
      r_.error(v, fmt::format("missing required key '{}' (a joint parameter of a {} sweep)", key, kind_name(out_.kind)));
    return n;
  }

  [[nodiscard]] const char* what_kind() const {
    switch (out_.kind) {
      case ExperimentFile::Kind::grid:
        return "[values]";
      case ExperimentFile::Kind::oneway:
        return "{low, high}";
      case ExperimentFile::Kind::psa:
        return "distribution";
    }
    return "";
  }

  ExperimentFile& out_;
  DiagnosticSink& sink_;
  TypedReader r_;
  bool kind_known_ = false;
};

/// Checks every parameter path against the scenario's document tree and fills oneway bases.
void check_against_scenario(ExperimentFile& out, DiagnosticSink& sink) {
  const auto bytes = read_bounded(out.scenario, kMaxScenarioBytes, "scenario file", out.file, out.scenario_mark.line,
                                  out.scenario_mark.column, "experiment.scenario", sink);
  if (!bytes) return;
  ParseOptions options;
  options.file = out.scenario.string();
  DiagnosticSink scenario_sink;
  const std::optional<Node> root = parse_yaml(*bytes, options, scenario_sink);
  for (const auto& d : scenario_sink.items()) sink.add(d);
  if (!root || scenario_sink.has_errors() || !root->is_map()) return;
  // Arms are intervention names: checked here so that they are reported with the other problems.
  std::vector<std::string> interventions;
  if (const Node* section = root->find("interventions"); section != nullptr && section->is_map()) {
    for (const auto& e : section->entries) interventions.push_back(e.key);
  }
  for (const auto& arm : out.arms) {
    bool found = false;
    for (const auto& name : interventions) found = found || name == arm.text;
    if (found) continue;
    const std::string guess = closest_match(arm.text, interventions);
    sink.error(out.file, arm.mark.line, arm.mark.column, "experiment.arms",
               guess.empty() ? fmt::format("the scenario has no intervention '{}' (it has: {})", arm.text,
                                           interventions.empty() ? std::string("none") : join_names(interventions))
                             : fmt::format("the scenario has no intervention '{}'; did you mean '{}'?", arm.text, guess));
  }
  for (auto& p : out.parameters) {
    const std::vector<std::string> paths = p.targets.empty() ? std::vector<std::string>{p.path} : p.targets;
    const Node* target = nullptr;
    bool ok = true;
    for (const auto& path : paths) {
      std::string why;
      const Node* t = find_path(*root, path, why);
      const std::string key = p.targets.empty() ? "parameters." + p.path : "parameters." + p.path + ".paths: " + path;
      if (t == nullptr) {
        sink.error(out.file, p.mark.line, p.mark.column, key,
                   fmt::format("the scenario {} has no value at this path: {}", out.scenario.string(), why));
        ok = false;
      } else if (!t->is_scalar()) {
        sink.error(out.file, p.mark.line, p.mark.column, key,
                   fmt::format("the path names {} in the scenario ({}:{}:{}); a swept parameter must be a single value",
                               t->describe(), t->file, t->mark.line, t->mark.column));
        ok = false;
      } else if (target == nullptr) {
        target = t;
      }
    }
    if (!ok || target == nullptr) continue;
    if (out.kind == ExperimentFile::Kind::oneway) {
      if (auto base = scalar_value(TypedReader(sink, TypedReader::Dialect::experiment), *target)) {
        p.base = *base;
        p.base.mark = mark_of(*target);
      }
    }
  }
}

}  // namespace

const char* kind_name(ExperimentFile::Kind kind) {
  switch (kind) {
    case ExperimentFile::Kind::grid:
      return "grid";
    case ExperimentFile::Kind::oneway:
      return "oneway";
    case ExperimentFile::Kind::psa:
      return "psa";
  }
  return "?";
}

ExperimentFile load_experiment(const std::filesystem::path& file) {
  ExperimentFile out;
  out.file = file.string();
  DiagnosticSink sink;
  const auto bytes = read_bounded(file, kMaxExperimentBytes, "experiment file", out.file, 0, 0, "", sink);
  sink.throw_if_errors();
  out.sha256 = sha256_hex(*bytes);
  ParseOptions options;
  options.file = out.file;
  const std::optional<Node> root = parse_yaml(*bytes, options, sink);
  sink.throw_if_errors();
  if (!root || root->is_null()) {
    throw InputError({Diagnostic{Diagnostic::Severity::error, out.file, 1, 1, "",
                                 "the file holds no experiment (expected a map with 'experiment' and 'parameters')"}});
  }
  ExperimentTyper(out, sink).type(*root);
  if (!out.scenario.empty()) check_against_scenario(out, sink);
  sink.throw_if_errors();
  return out;
}

Diagnostic experiment_error(const ExperimentFile& experiment, ExperimentMark mark, std::string key_path, std::string message) {
  return Diagnostic{Diagnostic::Severity::error, experiment.file,   mark.line, mark.column,
                    std::move(key_path),         std::move(message)};
}

}  // namespace caseflow::io
