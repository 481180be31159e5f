/// `caseflow breakeven SCENARIO --arm A --parameter PATH`: the value of one parameter at which
/// the arm's net is zero over the horizon and in each budget year, with an interval over
/// replications, and the value that the municipality's own savings estimate implies
/// (economics/breakeven.hpp). Writes breakeven.csv into --out; `caseflow report` shows it.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "calibrate/scenario_edit.hpp"
#include "cli/commands.hpp"
#include "cli/run_setup.hpp"
#include "cli/seed_option.hpp"
#include "economics/breakeven.hpp"
#include "economics/run_summary.hpp"
#include "engine/thread_pool.hpp"
#include "files/atomic_file.hpp"
#include "io/diagnostics.hpp"
#include "io/results_writer.hpp"
#include "io/scenario_loader.hpp"
#include "io/yaml_tree.hpp"

namespace caseflow::cli {
namespace {

struct BreakevenOptionsCli {
  std::string scenario;
  std::string arm;
  std::string parameter;
  std::string out;
  int replications = 0;
  std::string seed;  ///< as given; "" = the scenario's
  unsigned threads = 0;
  std::vector<std::string> sets;
  bool quiet = false;
};

/// The value the scenario assumes at `path`: the last `--set` of it, else the file's.
double scenario_value(const BreakevenOptionsCli& o) {
  for (auto it = o.sets.rbegin(); it != o.sets.rend(); ++it) {
    const io::Override set = io::parse_override(*it);
    if (set.path == o.parameter) return std::stod(set.value);
  }
  std::ifstream in(o.scenario, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  io::DiagnosticSink sink;
  io::ParseOptions parse;
  parse.file = o.scenario;
  const std::optional<io::Node> root = io::parse_yaml(text.str(), parse, sink);
  calibrate::ScalarLocation at;
  const std::string problem = root ? calibrate::locate_scalar(*root, o.parameter, at) : std::string("the scenario file is empty");
  std::size_t used = 0;
  double value = 0.0;
  bool ok = problem.empty();
  if (ok) {
    try {
      value = std::stod(at.text, &used);
      ok = used == at.text.size() && std::isfinite(value);
    } catch (const std::exception&) {
      ok = false;
    }
  }
  if (!ok) {
    sink.error("--parameter", 1, 1, o.parameter,
               problem.empty() ? fmt::format("expected a number in the scenario file, found '{}'", at.text) : problem);
    throw io::InputError(sink.items());
  }
  return value;
}

std::string number_text(double v, int decimals = 4) {
  if (std::isnan(v)) return "";
  return fmt::format("{:.{}f}", v, decimals);
}

/// Danish decimal comma for the summary.
std::string da(double v) {
  if (std::isnan(v)) return "–";
  if (std::fabs(v) >= 1000.0) {  // whole numbers with '.' between thousands
    const std::string digits = fmt::format("{:.0f}", std::fabs(v));
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) grouped += '.';
      grouped += digits[i];
    }
    return (v < 0 ? "-" : "") + grouped;
  }
  std::string s = fmt::format("{:.4g}", v);
  for (char& c : s) {
    if (c == '.') c = ',';
  }
  return s;
}

/// The arm's stated savings (stated_savings) per budget year, NaN in a year it states none;
/// empty when it states none at all.
std::vector<double> stated_savings(const model::Arm& arm, const std::vector<engine::BudgetYear>& years) {
  std::vector<double> stated;
  if (arm.stated_savings.empty()) return stated;
  stated.assign(years.size(), std::numeric_limits<double>::quiet_NaN());
  for (const auto& [year, dkk] : arm.stated_savings) {
    for (std::size_t y = 0; y < years.size(); ++y) {
      if (years[y].year == year) stated[y] = dkk;
    }
  }
  return stated;
}

/// breakeven.csv: one row per budget year and the horizon (`total`).
economics::Table breakeven_table(const BreakevenOptionsCli& o, const std::string& arm_name, int replications, double z,
                                 const std::vector<engine::BudgetYear>& years, const economics::BreakevenOptions& options,
                                 const economics::BreakevenResult& result) {
  economics::Table t;
  t.name = "breakeven";
  t.columns = {{"arm", 0},           {"parameter", 0},       {"year", 0},     {"scenario_value", 6},
               {"breakeven", 6},     {"breakeven_lo", 6},    {"breakeven_hi", 6}, {"replications_with_root", 0},
               {"replications", 0},  {"net_falls_with_parameter", 0}, {"stated_savings", 2}, {"stated_implies", 6},
               {"stated_implies_lo", 6}, {"stated_implies_hi", 6}, {"simulated_savings_at_scenario_value", 2}, {"evaluations", 0}};
  const auto row_for = [&](std::size_t y, const std::string& label) {
    const economics::BreakevenRoot& r = result.net[y];
    std::vector<economics::Cell> row;
    row.emplace_back(arm_name);
    row.emplace_back(o.parameter);
    row.emplace_back(label);
    row.emplace_back(z);
    row.emplace_back(r.found ? number_text(r.value, 6) : std::string());
    row.emplace_back(r.found ? number_text(r.lo, 6) : std::string());
    row.emplace_back(r.found ? number_text(r.hi, 6) : std::string());
    row.emplace_back(static_cast<std::int64_t>(r.replications_with_root));
    row.emplace_back(static_cast<std::int64_t>(replications));
    row.emplace_back(std::string(result.net_falls ? "true" : "false"));
    const bool total = y == years.size();
    const double stated = total ? (result.has_stated ? result.stated_total : std::numeric_limits<double>::quiet_NaN())
                                : (options.stated_savings.empty() ? std::numeric_limits<double>::quiet_NaN() : options.stated_savings[y]);
    row.emplace_back(number_text(stated, 2));
    const bool implied = total && result.has_stated && result.stated.found;
    row.emplace_back(implied ? number_text(result.stated.value, 6) : std::string());
    row.emplace_back(implied ? number_text(result.stated.lo, 6) : std::string());
    row.emplace_back(implied ? number_text(result.stated.hi, 6) : std::string());
    row.emplace_back(total && result.has_stated ? number_text(result.simulated_savings_at_scenario_value, 2) : std::string());
    row.emplace_back(static_cast<std::int64_t>(result.evaluations));
    t.rows.push_back(std::move(row));
  };
  for (std::size_t y = 0; y < years.size(); ++y) row_for(y, std::to_string(years[y].year));
  row_for(years.size(), "total");
  return t;
}

/// The summary a committee asks for.
void print_summary(const BreakevenOptionsCli& o, const std::string& arm_name, int replications, double z,
                   const std::vector<engine::BudgetYear>& years, const economics::BreakevenResult& result) {
  const economics::BreakevenRoot& total = result.net[years.size()];
  std::cout << fmt::format("caseflow breakeven: {} — {} ({} replications, {} evaluations)\n", arm_name, o.parameter,
                           replications, result.evaluations);
  if (total.found) {
    std::cout << fmt::format("Indsatsen betaler sig selv over hele perioden {}–{}, hvis {} er {} {} "
                             "(95 % af simuleringerne: {} til {}).\n",
                             years.front().year, years.back().year, o.parameter, result.net_falls ? "mindst" : "højst", da(total.value),
                             da(total.lo), da(total.hi));
  } else {
    std::cout << fmt::format("Der blev ikke fundet en værdi af {}, hvor indsatsen går i nul over perioden.\n", o.parameter);
  }
  if (result.has_stated) {
    if (result.stated.found) {
      std::cout << fmt::format("Kommunens eget skøn over besparelsen ({} kr.) svarer til {} = {}.\n", da(result.stated_total), o.parameter,
                               da(result.stated.value));
    } else {
      std::cout << fmt::format("Kommunens eget skøn over besparelsen ({} kr.) svarer ikke til nogen værdi, der blev fundet.\n",
                               da(result.stated_total));
    }
  }
  std::cout << fmt::format("Scenariet antager {} = {}.\n", o.parameter, da(z));
  for (std::size_t y = 0; y < years.size(); ++y) {
    const economics::BreakevenRoot& r = result.net[y];
    std::cout << fmt::format("  {}: nul netto ved {}\n", years[y].year, r.found ? da(r.value) : std::string("(ikke fundet)"));
  }
}

int breakeven_command(const BreakevenOptionsCli& o) {
  // Checks the scenario, the arm and the path once, before any search.
  LoadedScenario first = load_for_run(o.scenario, o.sets, o.replications, seed_value(o.seed), o.arm, o.threads);
  if (first.arms.size() != 2) {
    io::DiagnosticSink sink;
    sink.error("--arm", 1, 1, "", fmt::format("expected one intervention, got '{}'", o.arm));
    throw io::InputError(sink.items());
  }
  const double z = scenario_value(o);
  const model::Scenario& scenario = first.scenario;
  const std::size_t arm = first.arms[1];
  const engine::Calendar calendar = scenario.calendar();
  const auto& years = calendar.budget_years();
  const unsigned threads = engine::resolve_thread_count(o.threads);

  const economics::BreakevenEvaluate evaluate = [&](double x) {
    std::vector<std::string> sets = o.sets;
    sets.push_back(o.parameter + "=" + fmt::format("{}", x));
    LoadedScenario loaded = [&] {
      try {
        return load_for_run(o.scenario, sets, o.replications, seed_value(o.seed), o.arm, o.threads);
      } catch (const io::InputError& e) {
        throw economics::OutOfDomain(fmt::format("{} = {} is not allowed", o.parameter, x));
      }
    }();
    const auto records = economics::run_and_record(loaded.scenario, loaded.arms, threads);
    economics::BreakevenPoint p;
    p.x = x;
    for (const auto& rep : records) {
      p.net.push_back(rep[1].money.net);
      p.savings.push_back(rep[1].money.savings);
    }
    if (!o.quiet) std::cerr << fmt::format("  {} = {}: net {:.0f} kr.\n", o.parameter, x, p.net.empty() ? 0.0 : [&] {
      double s = 0.0;
      for (const auto& n : p.net) s += n.back();
      return s / static_cast<double>(p.net.size());
    }());
    return p;
  };

  economics::BreakevenOptions options;
  options.years = static_cast<int>(years.size());
  options.stated_savings = stated_savings(scenario.arms[arm], years);
  const economics::BreakevenResult result = economics::find_breakeven(evaluate, z, options);

  const economics::Table t = breakeven_table(o, scenario.arms[arm].name, scenario.replications, z, years, options, result);

  const std::string out = o.out.empty() ? "results/" + scenario.name : o.out;
  std::filesystem::create_directories(out);
  // The one CSV writer (io/) and the one atomic writer (files/): a results folder never holds half a file.
  files::write_file_atomically(std::filesystem::path(out) / "breakeven.csv", io::format_csv(t));

  print_summary(o, scenario.arms[arm].name, scenario.replications, z, years, result);
  std::cout << fmt::format("Skrevet: {}\n", (std::filesystem::path(out) / "breakeven.csv").string());
  return 0;
}

}  // namespace

void add_breakeven_command(CLI::App& app, int& status) {
  auto options = std::make_shared<BreakevenOptionsCli>();
  CLI::App* cmd = app.add_subcommand(
      "breakeven", "The value of one parameter at which an intervention's net is zero (over the horizon and per year), with an "
                   "interval over replications, and the value the municipality's own savings estimate (stated_savings) implies; "
                   "writes breakeven.csv beside a run's results (run first: a later run replaces the folder)");
  cmd->add_option("scenario", options->scenario, "scenario file")->required();
  cmd->add_option("--arm", options->arm, "the intervention")->required();
  cmd->add_option("--parameter", options->parameter, "a --set style key path, e.g. interventions.A.effects[0].multiplier")->required();
  cmd->add_option("--out", options->out, "folder for breakeven.csv (default results/<scenario name>, beside a run's results)");
  cmd->add_option("--replications", options->replications, "replications per evaluation (default: the scenario's)");
  add_seed_option(*cmd, options->seed, "Master seed, 0 to 2^64-1, the same for every evaluation: common random numbers (overrides scenario.seed)");
  cmd->add_option("--threads", options->threads, "threads (default: all cores; results never depend on it)");
  cmd->add_option("--set", options->sets, "PATH=VALUE override (repeatable)");
  cmd->add_flag("--quiet", options->quiet, "no progress lines");
  cmd->callback([options, &status] { status = guarded([&] { return breakeven_command(*options); }); });
}

}  // namespace caseflow::cli
