#include "io/experiment_loader.hpp"

#include "io/experiment_keys.hpp"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <optional>

#include <fmt/format.h>

#include "files/output_folder.hpp"
#include "io/key_path.hpp"
#include "io/sha256.hpp"
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
const std::vector<std::string> kDistributionKeys = {"fixed", "exponential", "uniform", "gamma", "lognormal",
                                                    "beta",  "normal",      "triangular", "empirical"};
const std::vector<std::string> kMomentKeys = {"mean", "sd"};

std::string list_of(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

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
    sink.error(shown, line, column, key,
               fmt::format("the {} is larger than {} MiB, the limit", what, limit / (1024 * 1024)));
    return std::nullopt;
  }
  return bytes;
}

/// Checks a map's keys against `allowed`, suggesting a close one for an unknown key.
void check_keys(const Node& map, const std::vector<std::string>& allowed, DiagnosticSink& sink) {
  for (const auto& e : map.entries) {
    bool known = false;
    for (const auto& k : allowed) known = known || k == e.key;
    if (known) continue;
    const std::string guess = closest_match(e.key, allowed);
    const std::string where = map.path.empty() ? std::string("the top level") : "'" + map.path + "'";
    sink.error(map.file, e.key_mark.line, e.key_mark.column, join_path(map.path, e.key),
               guess.empty() ? fmt::format("unknown key '{}' in {} (known keys: {})", e.key, where, list_of(allowed))
                             : fmt::format("unknown key '{}'; did you mean '{}'?", e.key, guess));
  }
}

void node_error(const Node& n, const std::string& message, DiagnosticSink& sink) {
  sink.error(n.file, n.mark.line, n.mark.column, n.path, message);
}

bool parse_double(const Node& n, double& out) {
  if (!n.is_scalar() || !n.plain || n.text.empty()) return false;
  char* end = nullptr;
  out = std::strtod(n.text.c_str(), &end);
  return end == n.text.c_str() + n.text.size() && std::isfinite(out);
}

std::optional<double> number(const Node& n, DiagnosticSink& sink, double lowest = -HUGE_VAL) {
  double x = 0.0;
  if (!parse_double(n, x)) {
    node_error(n, fmt::format("expected a finite number, got {}", n.describe()), sink);
    return std::nullopt;
  }
  if (x < lowest) {
    node_error(n, fmt::format("expected a number >= {}, got {}", lowest, n.text), sink);
    return std::nullopt;
  }
  return x;
}

std::optional<std::int64_t> integer(const Node& n, std::int64_t lowest, std::int64_t highest, DiagnosticSink& sink) {
  double x = 0.0;
  if (!parse_double(n, x) || x != std::floor(x) || x < static_cast<double>(lowest) || x > static_cast<double>(highest)) {
    node_error(n, fmt::format("expected an integer in {}..{}, got {}", lowest, highest, n.describe()), sink);
    return std::nullopt;
  }
  return static_cast<std::int64_t>(x);
}

ExperimentMark mark_of(const Node& n) { return ExperimentMark{n.mark.line, n.mark.column}; }

/// A scalar parameter value, re-quoted when it was quoted in the file so that it reads the
/// same when parsed again as a `--set` VALUE.
std::optional<ParameterValue> scalar_value(const Node& n, DiagnosticSink& sink) {
  if (!n.is_scalar()) {
    node_error(n, fmt::format("expected a single value (a number or a word), got {}", n.describe()), sink);
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

/// `{fixed: x}`, `{exponential: mean}`, … as in the scenario file.
std::optional<engine::Distribution> distribution(const Node& n, DiagnosticSink& sink) {
  using K = engine::Distribution::Kind;
  if (!n.is_map() || n.entries.size() != 1) {
    node_error(n,
               fmt::format("expected a distribution, a map with exactly one of {} (e.g. {{uniform: [1.1, 1.6]}}), got {}",
                           list_of(kDistributionKeys), n.is_map() ? fmt::format("{} keys", n.entries.size()) : n.describe()),
               sink);
    return std::nullopt;
  }
  check_keys(n, kDistributionKeys, sink);
  const MapEntry& e = n.entries.front();
  const Node& v = e.value;
  engine::Distribution d;
  auto numbers = [&](std::size_t count, const char* shape) -> std::optional<std::vector<double>> {
    if (!v.is_sequence() || v.items.size() != count) {
      node_error(v, fmt::format("expected {}, got {}", shape,
                                v.is_sequence() ? fmt::format("a list of {}", v.items.size()) : v.describe()),
                 sink);
      return std::nullopt;
    }
    std::vector<double> xs;
    for (const auto& item : v.items) {
      const auto x = number(item, sink);
      if (!x) return std::nullopt;
      xs.push_back(*x);
    }
    return xs;
  };
  auto moments = [&]() -> bool {
    if (!v.is_map()) {
      node_error(v, fmt::format("expected {{mean: M, sd: S}}, got {}", v.describe()), sink);
      return false;
    }
    check_keys(v, kMomentKeys, sink);
    const Node* mean = v.find("mean");
    const Node* sd = v.find("sd");
    if (mean == nullptr || sd == nullptr) {
      node_error(v, fmt::format("expected both 'mean' and 'sd', got {}", mean == nullptr ? "no 'mean'" : "no 'sd'"), sink);
      return false;
    }
    const auto m = number(*mean, sink);
    const auto s = number(*sd, sink, 0.0);
    if (!m || !s) return false;
    d.a = *m;
    d.b = *s;
    return true;
  };
  bool ok = true;
  if (e.key == "fixed") {
    d.kind = K::fixed;
    const auto x = number(v, sink);
    ok = x.has_value();
    d.a = x.value_or(0.0);
  } else if (e.key == "exponential") {
    d.kind = K::exponential;
    const auto x = number(v, sink, 0.0);
    ok = x.has_value() && *x > 0.0;
    if (x && *x <= 0.0) node_error(v, fmt::format("expected a mean > 0, got {}", v.text), sink);
    d.a = x.value_or(1.0);
  } else if (e.key == "uniform" || e.key == "triangular") {
    const bool uniform = e.key == "uniform";
    d.kind = uniform ? K::uniform : K::triangular;
    const auto xs = numbers(uniform ? 2 : 3, uniform ? "[a, b]" : "[min, mode, max]");
    ok = xs.has_value();
    if (ok) {
      d.a = (*xs)[0];
      d.b = (*xs)[1];
      if (!uniform) d.c = (*xs)[2];
    }
  } else if (e.key == "empirical") {
    d.kind = K::empirical;
    if (!v.is_sequence() || v.items.empty()) {
      node_error(v, fmt::format("expected a list of [value, weight] pairs, got {}", v.describe()), sink);
      return std::nullopt;
    }
    for (const auto& item : v.items) {
      if (!item.is_sequence() || item.items.size() != 2) {
        node_error(item, fmt::format("expected a pair [value, weight], got {}", item.describe()), sink);
        ok = false;
        continue;
      }
      const auto x = number(item.items[0], sink);
      const auto w = number(item.items[1], sink, 0.0);
      if (!x || !w) {
        ok = false;
        continue;
      }
      d.empirical.emplace_back(*x, *w);
    }
  } else if (e.key == "gamma" || e.key == "lognormal" || e.key == "beta" || e.key == "normal") {
    d.kind = e.key == "gamma" ? K::gamma : e.key == "lognormal" ? K::lognormal : e.key == "beta" ? K::beta : K::normal;
    ok = moments();
  } else {
    return std::nullopt;  // reported by check_keys
  }
  if (!ok) return std::nullopt;
  if (const char* reason = engine::invalid_reason(d)) {
    node_error(v, fmt::format("invalid {} distribution: {}", e.key, reason), sink);
    return std::nullopt;
  }
  return d;
}

class ExperimentTyper {
 public:
  ExperimentTyper(ExperimentFile& out, DiagnosticSink& sink) : out_(out), sink_(sink) {}

  void type(const Node& root) {
    if (!root.is_map()) {
      node_error(root, fmt::format("expected a map with 'experiment' and 'parameters', got {}", root.describe()), sink_);
      return;
    }
    check_keys(root, kTopKeys, sink_);
    const Node* experiment = root.find("experiment");
    const Node* parameters = root.find("parameters");
    if (experiment == nullptr) sink_.error(out_.file, 1, 1, "experiment", "missing required section 'experiment'");
    if (parameters == nullptr) sink_.error(out_.file, 1, 1, "parameters", "missing required section 'parameters'");
    if (experiment != nullptr) type_experiment(*experiment);
    if (parameters != nullptr && kind_known_) type_parameters(*parameters);
  }

 private:
  void type_experiment(const Node& e) {
    if (!e.is_map()) {
      node_error(e, fmt::format("expected a map (name, scenario, kind, …), got {}", e.describe()), sink_);
      return;
    }
    check_keys(e, kExperimentKeys, sink_);
    auto required = [&](const char* key) -> const Node* {
      const Node* n = e.find(key);
      if (n == nullptr) sink_.error(e.file, e.mark.line, e.mark.column, join_path(e.path, key), fmt::format("missing required key '{}'", key));
      return n;
    };
    if (const Node* n = required("name")) {
      if (!n->is_scalar() || !files::unsafe_name_reason(n->text).empty()) {
        node_error(*n,
                   fmt::format("expected a name that can be a folder name (it names the default results folder: no '/', '\\', "
                               "'..', leading '.', control characters, at most 100 bytes), got {}{}",
                               n->describe(), n->is_scalar() ? " (" + files::unsafe_name_reason(n->text) + ")" : ""),
                   sink_);
      } else {
        out_.name = n->text;
      }
    }
    if (const Node* n = required("scenario")) {
      if (!n->is_scalar() || n->text.empty()) {
        node_error(*n, fmt::format("expected a scenario file path (relative to this file), got {}", n->describe()), sink_);
      } else {
        out_.scenario_as_written = n->text;
        out_.scenario_mark = mark_of(*n);
        const std::filesystem::path written(n->text);
        out_.scenario = written.is_absolute()
                            ? written
                            : (std::filesystem::path(out_.file).parent_path() / written).lexically_normal();
      }
    }
    if (const Node* n = required("kind")) {
      if (n->is_scalar() && n->text == "grid") {
        out_.kind = ExperimentFile::Kind::grid;
        kind_known_ = true;
      } else if (n->is_scalar() && n->text == "oneway") {
        out_.kind = ExperimentFile::Kind::oneway;
        kind_known_ = true;
      } else if (n->is_scalar() && n->text == "psa") {
        out_.kind = ExperimentFile::Kind::psa;
        kind_known_ = true;
      } else {
        const std::string guess = n->is_scalar() ? closest_match(n->text, {"grid", "oneway", "psa"}) : "";
        node_error(*n,
                   fmt::format("expected grid, oneway or psa, got {}{}", n->describe(),
                               guess.empty() ? "" : fmt::format("; did you mean '{}'?", guess)),
                   sink_);
      }
    }
    if (const Node* n = e.find("arms")) {
      if (!n->is_sequence()) {
        node_error(*n, fmt::format("expected a list of intervention names, got {}", n->describe()), sink_);
      } else {
        for (const auto& item : n->items) {
          if (auto v = scalar_value(item, sink_)) out_.arms.push_back(ParameterValue{item.text, v->mark});
        }
      }
    }
    if (const Node* n = e.find("replications")) out_.replications = static_cast<int>(integer(*n, 1, 10000000, sink_).value_or(0));
    if (const Node* n = e.find("seed")) out_.seed = integer(*n, 0, (std::int64_t{1} << 53), sink_).value_or(-1);
    const Node* draws = e.find("draws");
    if (kind_known_ && out_.kind == ExperimentFile::Kind::psa) {
      if (draws == nullptr) {
        sink_.error(e.file, e.mark.line, e.mark.column, join_path(e.path, "draws"),
                    "missing required key 'draws' (the number of parameter draws of a psa experiment)");
      } else {
        out_.draws = static_cast<int>(integer(*draws, 1, 10000000, sink_).value_or(0));
        out_.draws_mark = ExperimentMark{draws->mark.line, draws->mark.column};
      }
    } else if (draws != nullptr && kind_known_) {
      node_error(*draws, fmt::format("'draws' is only used by kind psa (this experiment is {})", kind_name(out_.kind)), sink_);
    }
  }

  void type_parameters(const Node& p) {
    if (!p.is_map() || p.entries.empty()) {
      node_error(p, fmt::format("expected a map PATH -> {}, with at least one parameter, got {}", what_kind(), p.describe()),
                 sink_);
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
      const Node& v = *value;
      switch (out_.kind) {
        case ExperimentFile::Kind::grid:
          if (!v.is_sequence() || v.items.empty()) {
            node_error(v, fmt::format("expected a non-empty list of values for a grid, got {}", v.describe()), sink_);
            ok = false;
            break;
          }
          for (const auto& item : v.items) {
            if (auto x = scalar_value(item, sink_)) {
              param.values.push_back(*x);
            } else {
              ok = false;
            }
          }
          break;
        case ExperimentFile::Kind::oneway: {
          if (!v.is_map()) {
            node_error(v, fmt::format("expected {{low: X, high: Y}} for a one-way sweep, got {}", v.describe()), sink_);
            ok = false;
            break;
          }
          if (param.targets.empty()) check_keys(v, kOnewayKeys, sink_);
          const Node* low = v.find("low");
          const Node* high = v.find("high");
          if (low == nullptr || high == nullptr) {
            node_error(v, fmt::format("expected both 'low' and 'high', got no '{}'", low == nullptr ? "low" : "high"), sink_);
            ok = false;
            break;
          }
          auto lo = scalar_value(*low, sink_);
          auto hi = scalar_value(*high, sink_);
          if (!lo || !hi) {
            ok = false;
            break;
          }
          param.low = *lo;
          param.high = *hi;
          break;
        }
        case ExperimentFile::Kind::psa:
          if (auto d = distribution(v, sink_)) {
            param.distribution = *d;
          } else {
            ok = false;
          }
          break;
      }
      for (const auto& earlier : out_.parameters) {
        if (earlier.path == param.path) ok = false;  // duplicate keys are reported by the parser
      }
      if (ok) out_.parameters.push_back(std::move(param));
    }
  }

  /// `NAME: {paths: [...], values|low+high|distribution: ...}`: checks the keys, fills `targets`.
  bool type_joint(const Node& v, ExperimentParameter& param) {
    check_keys(v, kJointKeys, sink_);
    const Node* paths = v.find("paths");
    if (!paths->is_sequence() || paths->items.empty()) {
      node_error(*paths, fmt::format("expected a non-empty list of scenario paths, got {}", paths->describe()), sink_);
      return false;
    }
    bool ok = true;
    for (const auto& item : paths->items) {
      if (!item.is_scalar() || item.text.empty()) {
        node_error(item, fmt::format("expected a scenario path, got {}", item.describe()), sink_);
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
    const char* key = out_.kind == ExperimentFile::Kind::grid ? "values" : out_.kind == ExperimentFile::Kind::psa ? "distribution" : nullptr;
    if (key == nullptr) return &v;
    for (const char* other : {"values", "distribution", "low", "high"}) {
      if (std::string_view(other) != key && v.find(other) != nullptr) {
        node_error(*v.find(other), fmt::format("'{}' is not used by kind {} (joint parameter {})", other, kind_name(out_.kind), param.path), sink_);
      }
    }
    const Node* n = v.find(key);
    if (n == nullptr) node_error(v, fmt::format("missing required key '{}' (a joint parameter of a {} sweep)", key, kind_name(out_.kind)), sink_);
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
                                           interventions.empty() ? std::string("none") : list_of(interventions))
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
      if (auto base = scalar_value(*target, sink)) {
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

Diagnostic experiment_error(const ExperimentFile& experiment, ExperimentMark mark, std::string key_path,
                            std::string message) {
  return Diagnostic{Diagnostic::Severity::error, experiment.file, mark.line, mark.column, std::move(key_path),
                    std::move(message)};
}

}  // namespace caseflow::io
