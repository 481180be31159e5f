#include "calibrate/calibration.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include <Eigen/Dense>
#include <fmt/format.h>

#include "calibrate/evaluator.hpp"
#include "calibrate/scenario_edit.hpp"
#include "io/diagnostics.hpp"
#include "io/yaml_tree.hpp"
#include "model/simulation.hpp"

namespace caseflow::calibrate {
namespace {

constexpr const char* kFreeOrigin = "--free";

int char_count(std::string_view s) {
  int n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xc0) != 0x80 ? 1 : 0;
  return n;
}


/// Values whose range is [0, 1] by meaning: programme exits, meeting outcomes, the prudence
/// factor (the loader checks sums; the default bounds keep a search from leaving [0, 1]).
bool is_probability(const std::string& path) {
  return path.find(".exits.") != std::string::npos || path.find(".outcomes.") != std::string::npos ||
         (path.size() >= 15 && path.compare(path.size() - 15, 15, "prudence_factor") == 0);
}

std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

/// A value can be free only once: two free values written to one path would fight over it.
void refuse_repeated_paths(const std::vector<FreeParameter>& free, io::DiagnosticSink& sink) {
  std::vector<std::pair<std::string, std::size_t>> seen;  // path, the --free argument that named it
  for (std::size_t i = 0; i < free.size(); ++i) {
    const FreeParameter& f = free[i];
    for (const auto& path : f.paths) {
      const auto earlier = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == path; });
      if (earlier != seen.end()) {
        sink.error(kFreeOrigin, 1, 1, path,
                   earlier->second == i
                       ? fmt::format("listed twice in --free '{}'; each value can be free only once", f.text)
                       : fmt::format("given in --free '{}' and again in --free '{}'; each value can be free only once "
                                     "(to tie several paths to one value, list them in one --free: PATH,PATH)",
                                     free[earlier->second].text, f.text));
      } else {
        seen.emplace_back(path, i);
      }
    }
  }
}

/// Each free value's start as written in the file (every path must be a number there, so it
/// can be replaced), and its bounds: as given, [0, 1] for a probability, else [0, 10×start].
std::vector<FittedParameter> start_values(const std::vector<FreeParameter>& free, const std::optional<io::Node>& root,
                                          io::DiagnosticSink& sink) {
  std::vector<FittedParameter> parameters;
  for (const auto& f : free) {
    FittedParameter p;
    p.free = f;
    bool ok = true;
    int column = 1;
    for (std::size_t k = 0; k < f.paths.size(); ++k) {
      const std::string& path = f.paths[k];
      ScalarLocation at;
      const std::string problem = root ? locate_scalar(*root, path, at) : std::string("the scenario file is empty");
      double value = 0.0;
      if (!problem.empty()) {
        sink.error(kFreeOrigin, 1, column, path, problem);
        ok = false;
      } else if (!parse_number(at.text, value)) {
        sink.error(kFreeOrigin, 1, column, path, fmt::format("expected a number in the scenario file, found '{}' at line {}", at.text, at.line));
        ok = false;
      } else if (k == 0) {
        p.start = value;
      }
      p.start_text.push_back(at.text);
      column += char_count(path) + 1;
    }
    if (!ok) continue;
    const std::string& first = f.paths.front();
    if (!f.bounds_given) {
      if (is_probability(first)) {
        p.free.low = 0.0;
        p.free.high = 1.0;
      } else if (p.start == 0.0) {
        sink.error(kFreeOrigin, 1, 1, first, "the start value is 0, so the default bounds [0, 10×start] are empty; give PATH=LOW:HIGH");
        continue;
      } else {
        p.free.low = std::min(0.0, 10.0 * p.start);
        p.free.high = std::max(0.0, 10.0 * p.start);
      }
    }
    if (p.start < p.free.low || p.start > p.free.high) {
      sink.error(kFreeOrigin, 1, 1, first,
                 fmt::format("the start value {} is outside the bounds [{}, {}]", format_value(p.start),
                             format_value(p.free.low), format_value(p.free.high)));
    }
    parameters.push_back(p);
  }
  return parameters;
}

/// The index of the arm called `name`; an unknown name is an error with the closest known one.
std::size_t arm_index(const model::Scenario& base, const std::string& name) {
  std::size_t arm = base.arms.size();
  std::vector<std::string> arm_names;
  for (std::size_t a = 0; a < base.arms.size(); ++a) {
    arm_names.push_back(base.arms[a].name);
    if (base.arms[a].name == name) arm = a;
  }
  if (arm == base.arms.size()) {
    const std::string near = io::closest_match(name, arm_names);
    throw io::InputError({io::Diagnostic{io::Diagnostic::Severity::error, "--arm", 1, 1, "interventions",
                                         "no arm named '" + name + "'" + (near.empty() ? "" : "; did you mean '" + near + "'?")}});
  }
  return arm;
}

/// The fitted values' Monte Carlo standard errors by the sandwich: x̂ moves by (JᵀJ)⁻¹Jᵀ δr
/// for a noise δr in the scaled residuals; NaN where JᵀJ is singular.
std::vector<double> standard_errors(const std::vector<std::vector<double>>& J, const std::vector<Target>& targets,
                                    const Evaluation& at_fit, std::size_t free_values) {
  const auto m = static_cast<Eigen::Index>(targets.size());
  const auto n = static_cast<Eigen::Index>(free_values);
  Eigen::MatrixXd Jm(m, n);
  Eigen::MatrixXd noise(m, m);  // covariance of the scaled residuals (the simulated means' noise)
  for (Eigen::Index i = 0; i < m; ++i) {
    const auto& ti = targets[static_cast<std::size_t>(i)];
    for (Eigen::Index j = 0; j < n; ++j) Jm(i, j) = J[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
    for (Eigen::Index k = 0; k < m; ++k) {
      const auto& tk = targets[static_cast<std::size_t>(k)];
      noise(i, k) = std::sqrt(ti.weight * tk.weight) * at_fit.covariance[static_cast<std::size_t>(i * m + k)] / (ti.scale * tk.scale);
    }
  }
  // Sandwich: x̂ moves by (JᵀJ)⁻¹Jᵀ δr for a noise δr in the residuals.
  const Eigen::MatrixXd A = Jm.transpose() * Jm;
  const Eigen::FullPivLU<Eigen::MatrixXd> lu(A);
  std::vector<double> se(free_values, std::numeric_limits<double>::quiet_NaN());
  if (lu.isInvertible() && noise.allFinite()) {
    const Eigen::MatrixXd G = lu.inverse() * Jm.transpose();
    const Eigen::MatrixXd cov = G * noise * G.transpose();
    for (Eigen::Index j = 0; j < n; ++j) se[static_cast<std::size_t>(j)] = std::sqrt(std::max(0.0, cov(j, j)));
  }
  return se;
}

/// A fit that cannot be used says so (the caller exits 1): a solver that did not converge, or
/// a value held at a bound, where the targets want something the bounds (or the model) do not
/// allow. Either way the residuals are not the model's best account of the targets.
void note_unusable_fit(CalibrationResult& result) {
  if (!result.solver.converged) {
    result.problems.push_back(fmt::format("the fit did not converge ({})", result.solver.stop_reason));
  }
  for (const auto& p : result.parameters) {
    const double tolerance = 1e-9 * std::max(1.0, std::fabs(p.free.high - p.free.low));
    const bool at_low = p.fitted <= p.free.low + tolerance;
    const bool at_high = p.fitted >= p.free.high - tolerance;
    if (!at_low && !at_high) continue;
    std::string names;
    for (const auto& path : p.free.paths) names += (names.empty() ? "" : ", ") + path;
    result.at_bound.push_back(names);
    result.problems.push_back(fmt::format("{} stopped at its {} bound {}: the targets call for a value outside [{}, {}], or "
                                          "cannot be met by this model; widen the bounds (--free PATH=LOW:HIGH) or check the "
                                          "targets",
                                          names, at_low ? "lower" : "upper", format_value(at_low ? p.free.low : p.free.high),
                                          format_value(p.free.low), format_value(p.free.high)));
  }
}

/// fit.csv (each target against the fit) and parameters.csv (each free path).
void fill_tables(CalibrationResult& result, const Evaluation& at_fit, const std::vector<double>& r) {
  result.fit.name = "fit";
  result.fit.columns = {{"kind", 0},   {"year_or_week", 0}, {"state_or_from", 0}, {"to", 0},          {"target", 6},
                        {"fitted", 6}, {"residual", 6},     {"se", 6},            {"scaled_residual", 6}};
  for (std::size_t i = 0; i < result.targets.size(); ++i) {
    const Target& t = result.targets[i];
    result.fit.rows.push_back({std::string(kind_name(t.kind)), t.year_or_week, t.state_or_from, t.to, t.value, at_fit.mean[i],
                               at_fit.mean[i] - t.value, at_fit.se[i], r[i]});
  }
  result.parameter_table.name = "parameters";
  result.parameter_table.columns = economics::Table::columns_of({"path", "start", "fitted", "low", "high", "se"}, 0);
  for (const auto& p : result.parameters) {
    for (std::size_t k = 0; k < p.free.paths.size(); ++k) {
      result.parameter_table.rows.push_back({p.free.paths[k], p.start_text[k], format_value(p.fitted), format_value(p.free.low),
                                             format_value(p.free.high), std::isfinite(p.se) ? fmt::format("{:.3g}", p.se) : std::string()});
    }
  }
}

/// The scenario at the point `x` of the free values: the user's --set overrides, then the free
/// values, then --replications and --seed.
model::Scenario scenario_at(const io::ScenarioDocument& document, const CalibrationSettings& settings,
                            const std::vector<FittedParameter>& parameters, const std::vector<double>& x) {
  std::vector<io::Override> overrides = settings.sets;
  for (std::size_t k = 0; k < parameters.size(); ++k) {
    for (const auto& path : parameters[k].free.paths) overrides.push_back(io::Override{path, fmt::format("{:.17g}", x[k]), "--free"});
  }
  model::Scenario s = io::build_scenario(document, overrides);
  if (settings.replications > 0) s.replications = settings.replications;
  if (settings.seed) s.seed = *settings.seed;
  return s;
}

/// The residuals the solver sees: (simulated − target) / scale, times √weight.
std::vector<double> scaled_residuals(const std::vector<Target>& targets, const Evaluation& e) {
  std::vector<double> r(targets.size());
  for (std::size_t i = 0; i < targets.size(); ++i) r[i] = std::sqrt(targets[i].weight) * (e.mean[i] - targets[i].value) / targets[i].scale;
  return r;
}

/// Stores each free value's fit `x` and standard error `se`; returns the scenario file's text
/// with the fitted values written in place of the start values (every path of a tied value).
std::string record_fit(std::vector<FittedParameter>& parameters, const std::vector<double>& x, const std::vector<double>& se,
                       const std::string& source, const io::Node& root) {
  std::vector<Replacement> replacements;
  for (std::size_t k = 0; k < parameters.size(); ++k) {
    FittedParameter& p = parameters[k];
    p.fitted = x[k];
    p.se = se[k];
    for (const auto& path : p.free.paths) {
      ScalarLocation at;
      locate_scalar(root, path, at);
      replacements.push_back(Replacement{at, format_value(x[k])});
    }
  }
  return replace_scalars(source, replacements);
}

}  // namespace

std::string format_value(double x) {
  if (x == 0.0) return "0";
  return fmt::format("{:.6g}", x);
}

FreeParameter parse_free(const std::string& text) {
  FreeParameter f;
  f.text = text;
  io::DiagnosticSink sink;
  const std::size_t eq = text.find('=');
  const std::string paths = text.substr(0, eq);
  std::size_t pos = 0;
  while (pos <= paths.size()) {
    const std::size_t comma = paths.find(',', pos);
    const std::size_t end = comma == std::string::npos ? paths.size() : comma;
    const std::string path = paths.substr(pos, end - pos);
    if (path.empty()) {
      sink.error(kFreeOrigin, 1, char_count(paths.substr(0, pos)) + 1, text, "empty path (expected PATH[,PATH…][=LOW:HIGH])");
    } else {
      f.paths.push_back(path);
    }
    pos = end + 1;
  }
  if (eq != std::string::npos) {
    const std::string bounds = text.substr(eq + 1);
    const std::size_t colon = bounds.find(':');
    const int column = char_count(text.substr(0, eq + 1)) + 1;
    if (colon == std::string::npos || !parse_number(bounds.substr(0, colon), f.low) ||
        !parse_number(bounds.substr(colon + 1), f.high)) {
      sink.error(kFreeOrigin, 1, column, f.paths.empty() ? text : f.paths.front(),
                 fmt::format("expected bounds LOW:HIGH (two numbers), found '{}'", bounds));
    } else if (!(f.low < f.high)) {
      sink.error(kFreeOrigin, 1, column, f.paths.empty() ? text : f.paths.front(),
                 fmt::format("expected LOW < HIGH, found {}:{}", format_value(f.low), format_value(f.high)));
    } else {
      f.bounds_given = true;
    }
  }
  sink.throw_if_errors();
  return f;
}

CalibrationResult calibrate(const std::filesystem::path& scenario_file, const std::filesystem::path& targets_file,
                            const std::vector<FreeParameter>& free, const CalibrationSettings& settings) {
  const io::ScenarioDocument document = io::read_scenario_document(scenario_file);
  const std::string source = read_bytes(scenario_file);
  io::DiagnosticSink sink;
  io::ParseOptions parse_options;
  parse_options.file = scenario_file.string();
  const std::optional<io::Node> root = parse_yaml(source, parse_options, sink);
  sink.throw_if_errors();

  // The free values: each path must be a number written in the file, so it can be replaced there.
  CalibrationResult result;
  if (free.empty()) sink.error(kFreeOrigin, 0, 0, "", "no free parameter (expected at least one --free PATH)");
  refuse_repeated_paths(free, sink);
  sink.throw_if_errors();
  result.parameters = start_values(free, root, sink);
  sink.throw_if_errors();

  auto build = [&](const std::vector<double>& x) { return scenario_at(document, settings, result.parameters, x); };
  std::vector<double> start, low, high;
  for (const auto& p : result.parameters) {
    start.push_back(p.start);
    low.push_back(p.free.low);
    high.push_back(p.free.high);
  }
  const model::Scenario base = build(start);
  const std::string problem = model::check_arm_compatibility(base);
  if (!problem.empty()) throw io::InputError({io::Diagnostic{io::Diagnostic::Severity::error, scenario_file.string(), 0, 0, "", problem}});

  const std::size_t arm = arm_index(base, settings.arm);
  result.targets = load_targets(targets_file, base, arm);
  result.scenario_name = base.name;
  result.replications = base.replications;
  result.seed = base.seed;

  if (settings.before_running) {
    std::vector<std::size_t> simulated{0};
    if (arm != 0) simulated.push_back(arm);
    settings.before_running(base, simulated);
  }
  const Evaluator evaluator(result.targets, arm, settings.threads, settings.cancel);
  const auto& targets = result.targets;
  auto scaled = [&](const Evaluation& e) { return scaled_residuals(targets, e); };
  const BatchResiduals residuals = [&](const std::vector<std::vector<double>>& points) {
    std::vector<model::Scenario> scenarios;
    scenarios.reserve(points.size());
    for (const auto& x : points) scenarios.push_back(build(x));
    const auto evaluations = evaluator.evaluate(scenarios);
    std::vector<std::vector<double>> out;
    for (const auto& e : evaluations) out.push_back(scaled(e));
    return out;
  };

  result.solver = least_squares(residuals, start, low, high, settings.solver);

  // Round to what the file will say, then report the fit at exactly that point, with the
  // Jacobian there for the parameters' Monte Carlo standard errors.
  std::vector<double> x = result.solver.x;
  for (auto& v : x) v = std::stod(format_value(v));
  const Evaluation at_fit = evaluator.evaluate({build(x)}).front();
  const std::vector<double> r = scaled(at_fit);
  result.fitted_mean = at_fit.mean;
  result.fitted_se = at_fit.se;
  int evaluations = 1;
  const auto J = jacobian(residuals, x, r, low, high, settings.solver.relative_step, evaluations);
  result.solver.evaluations += evaluations;
  const std::vector<double> se = standard_errors(J, targets, at_fit, x.size());
  double objective = 0.0;
  for (const double v : r) objective += v * v;
  result.solver.x = x;
  result.solver.residuals = r;
  result.solver.objective = objective;

  result.fitted_text = record_fit(result.parameters, x, se, source, *root);

  note_unusable_fit(result);

  fill_tables(result, at_fit, r);
  return result;
}

std::string format_summary(const CalibrationResult& result) {
  std::string out = fmt::format("Calibrated {} ({} replications, seed {}): {} after {} iterations, {} points simulated\n",
                                result.scenario_name, result.replications, result.seed, result.solver.stop_reason,
                                result.solver.iterations, result.solver.evaluations);
  out += fmt::format("Sum of squared scaled residuals: {:.6g} -> {:.6g}\n\nParameters (fitted ± Monte Carlo se):\n",
                     result.solver.objective_start, result.solver.objective);
  for (const auto& p : result.parameters) {
    std::string names;
    for (const auto& path : p.free.paths) names += (names.empty() ? "" : ", ") + path;
    // No finite se: the targets do not pin this value down (they conflict, or do not depend on
    // it near the fit), so no Monte Carlo error can be given.
    const std::string se = std::isfinite(p.se) ? fmt::format("± {:.2g}", p.se) : std::string("(se unknown: the targets do not determine it)");
    out += fmt::format("  {}: {} -> {} {}  [{}, {}]\n", names, format_value(p.start), format_value(p.fitted), se,
                       format_value(p.free.low), format_value(p.free.high));
  }
  out += "\nTargets:\n";
  std::size_t width = 0;
  std::vector<std::string> labels;
  for (const auto& t : result.targets) {
    std::string label = fmt::format("{} {} {}", kind_name(t.kind), t.year_or_week, t.state_or_from);
    if (!t.to.empty()) label += (t.kind == Target::Kind::flow ? " -> " : " spell>=") + t.to;
    width = std::max(width, label.size());
    labels.push_back(label);
  }
  for (std::size_t i = 0; i < result.targets.size(); ++i) {
    const std::string se = std::isfinite(result.fitted_se[i]) ? fmt::format("± {:<9.2g}", result.fitted_se[i]) : std::string("± ?        ");
    out += fmt::format("  {:<{}}  target {:>12.6g}  fitted {:>12.6g} {} residual {:+.3g}\n", labels[i], width,
                       result.targets[i].value, result.fitted_mean[i], se, result.fitted_mean[i] - result.targets[i].value);
  }
  if (!result.problems.empty()) {
    out += "\nThe fit cannot be used:\n";
    for (const auto& problem : result.problems) out += "  - " + problem + "\n";
  }
  return out;
}

}  // namespace caseflow::calibrate
