#include "sweep/plan.hpp"

#include <limits>

#include <fmt/format.h>

#include "io/scenario_loader.hpp"
#include "model/baseline_key.hpp"
#include "model/resources.hpp"
#include "model/simulation.hpp"

namespace caseflow::sweep {
namespace {

/// Marks the overrides of parameter k so that a diagnostic about them can be traced back.
std::string origin_of(const io::ExperimentParameter& p) { return "parameters." + p.path; }

std::vector<std::string> year_labels_of(const model::Scenario& scenario) {
  const engine::Calendar calendar = scenario.calendar();
  std::vector<std::string> labels;
  for (const auto& y : calendar.budget_years()) labels.push_back(std::to_string(y.year));
  labels.emplace_back("total");
  return labels;
}

std::vector<std::string> arm_names_of(const model::Scenario& scenario) {
  std::vector<std::string> names;
  for (const auto& a : scenario.arms) names.push_back(a.name);
  return names;
}

std::string describe_point(const Plan& plan, std::size_t i) {
  std::string text;
  for (std::size_t k = 0; k < plan.points[i].values.size(); ++k) {
    text += fmt::format("{}{} = {}", k ? ", " : "", plan.experiment.parameters[k].path, plan.points[i].values[k]);
  }
  return text;
}

/// Where a value of a grid or oneway parameter is written (PSA draws: the parameter itself).
io::ExperimentMark value_mark(const io::ExperimentParameter& p, const std::string& value) {
  for (const auto& v : p.values) {
    if (v.text == value) return v.mark;
  }
  if (p.low.text == value && p.low.mark.line > 0) return p.low.mark;
  if (p.high.text == value && p.high.mark.line > 0) return p.high.mark;
  return p.mark;
}

/// The arms the experiment names (`arms`; all when it names none), the baseline first, each
/// once, in the scenario's order; an unknown name is an error with the closest known one.
void choose_arms(Plan& plan, const std::vector<std::string>& names, std::vector<io::Diagnostic>& errors) {
  const io::ExperimentFile& ex = plan.experiment;
  plan.arms.push_back(0);
  if (ex.arms.empty()) {
    for (std::size_t a = 1; a < names.size(); ++a) plan.arms.push_back(a);
  } else {
    const std::vector<std::string> interventions(names.begin() + 1, names.end());
    for (const auto& wanted : ex.arms) {
      bool found = false;
      for (std::size_t a = 1; a < names.size(); ++a) {
        if (names[a] == wanted.text) {
          found = true;
          bool repeated = false;
          for (const std::size_t chosen : plan.arms) repeated = repeated || chosen == a;
          if (!repeated) plan.arms.push_back(a);
        }
      }
      if (!found) {
        const std::string guess = io::closest_match(wanted.text, interventions);
        std::string all;
        for (const auto& n : interventions) all += (all.empty() ? "" : ", ") + n;
        errors.push_back(io::experiment_error(
            ex, wanted.mark, "experiment.arms",
            fmt::format("the scenario has no intervention '{}'{}", wanted.text,
                        guess.empty() ? fmt::format(" (it has: {})", all.empty() ? "none" : all)
                                      : fmt::format("; did you mean '{}'?", guess))));
      }
    }
  }
}

/// A sweep above kMaxPoints points is refused at once, at the key that makes it so large.
void refuse_too_many_points(const io::ExperimentFile& ex) {
  const std::size_t count = point_count(ex);
  if (count <= kMaxPoints) return;
  const bool psa = ex.kind == io::ExperimentFile::Kind::psa;
  const io::ExperimentMark at = psa && ex.draws_mark.line > 0 ? ex.draws_mark
                               : ex.parameters.empty()       ? ex.scenario_mark
                                                             : ex.parameters.front().mark;
  throw io::InputError({io::experiment_error(
      ex, at, psa ? "draws" : "parameters",
      fmt::format("this experiment has {} points; a sweep may have at most {} (each point runs every replication of every "
                  "arm){}",
                  count == std::numeric_limits<std::size_t>::max() ? std::string("more than 10^19") : std::to_string(count),
                  kMaxPoints,
                  psa ? "; 100,000 draws estimate a PSA's percentiles far more finely than its inputs are known"
                      : "; use fewer values per parameter, or a psa experiment"))});
}

/// A point whose scenario does not load: each problem placed at the parameter whose value
/// causes it (or at the first parameter, for a problem elsewhere that the values bring about).
void locate_point_errors(const Plan& plan, std::size_t i, const io::InputError& e, std::vector<io::Diagnostic>& errors) {
  const io::ExperimentFile& ex = plan.experiment;
  for (const auto& d : e.diagnostics()) {
    bool mapped = false;
    for (const auto& p : ex.parameters) {
      if (d.file != origin_of(p)) continue;
      // A problem with the value itself: place it at the parameter in the experiment file.
      const std::size_t k = static_cast<std::size_t>(&p - ex.parameters.data());
      errors.push_back(io::experiment_error(
          ex, value_mark(p, plan.points[i].values[k]), "parameters." + p.path,
          fmt::format("at point {} ({}): {}{}", i, describe_point(plan, i),
                      d.key_path.empty() || d.key_path == p.path ? "" : d.key_path + ": ", d.message)));
      mapped = true;
    }
    if (!mapped) {
      // A problem elsewhere in the scenario that this point's values bring about.
      const auto& p = ex.parameters.front();
      errors.push_back(io::experiment_error(ex, p.mark, "parameters." + p.path,
                                            fmt::format("at point {} ({}) the scenario is invalid: {}", i,
                                                        describe_point(plan, i), d.format())));
    }
  }
}

}  // namespace

Plan make_plan(io::ExperimentFile experiment, std::atomic<int>* checked) {
  Plan plan;
  plan.experiment = std::move(experiment);
  const io::ExperimentFile& ex = plan.experiment;
  plan.document = io::read_scenario_document(ex.scenario);
  const io::ScenarioDocument& document = plan.document;
  plan.scenario_sha256 = document.sha256();

  // The scenario as written: its seed seeds PSA draws when the experiment sets none.
  const model::Scenario base = io::build_scenario(document);
  plan.seed = ex.seed >= 0 ? static_cast<std::uint64_t>(ex.seed) : base.seed;
  plan.replications = ex.replications > 0 ? ex.replications : base.replications;
  plan.year_labels = year_labels_of(base);
  const std::vector<std::string> names = arm_names_of(base);

  std::vector<io::Diagnostic> errors;
  choose_arms(plan, names, errors);
  if (plan.arms.size() < 2 && errors.empty()) {
    errors.push_back(io::experiment_error(ex, ex.scenario_mark, "experiment.scenario",
                                          "the scenario has no interventions, so a sweep has nothing to compare"));
  }
  for (const std::size_t a : plan.arms) plan.arm_names.push_back(names[a]);
  if (!errors.empty()) throw io::InputError(errors);

  refuse_too_many_points(ex);
  plan.points = make_points(ex, plan.seed);
  plan.baseline_hashes.assign(plan.points.size(), 0);
  double heaviest_bytes = -1.0, fastest_pace = -1.0;
  // Only the first few bad points are spelled out: in a PSA one bad distribution can make
  // hundreds of draws fail the same way.
  constexpr int kShownBadPoints = 3;
  int bad_points = 0;
  for (std::size_t i = 0; i < plan.points.size(); ++i) {
    try {
      if (checked != nullptr) checked->fetch_add(1, std::memory_order_relaxed);
      const model::Scenario scenario = plan.scenario(i);
      plan.baseline_hashes[i] = model::baseline_key_hash(model::baseline_key(scenario));
      std::string problem = model::check_arm_compatibility(scenario);
      if (problem.empty()) {
        const model::MemoryEstimate memory = model::estimate_memory(scenario, plan.arms, 1, 0.0);
        if (memory.total_bytes() > heaviest_bytes) {
          heaviest_bytes = memory.total_bytes();
          plan.heaviest_memory_point = i;
        }
        const model::WorkEstimate work = model::estimate_work(scenario, plan.arms, plan.replications);
        plan.total_events += work.events;
        if (work.events_per_citizen_week > fastest_pace) {
          fastest_pace = work.events_per_citizen_week;
          plan.fastest_point = i;
        }
      }
      if (problem.empty() && year_labels_of(scenario) != plan.year_labels) {
        problem = "the point changes the reported budget years; every point of a sweep must report the same years";
      }
      if (problem.empty() && arm_names_of(scenario) != names) {
        problem = "the point changes the scenario's interventions; every point must have the same arms";
      }
      if (!problem.empty()) {
        if (++bad_points <= kShownBadPoints) {
          const auto& p = ex.parameters.front();
          errors.push_back(io::experiment_error(ex, p.mark, "parameters." + p.path,
                                                fmt::format("point {} ({}): {}", i, describe_point(plan, i), problem)));
        }
      }
    } catch (const io::InputError& e) {
      if (++bad_points > kShownBadPoints) continue;
      locate_point_errors(plan, i, e, errors);
    }
  }
  if (bad_points > kShownBadPoints) {
    const auto& p = ex.parameters.front();
    errors.push_back(io::experiment_error(ex, p.mark, "parameters",
                                          fmt::format("{} more points are invalid ({} of {} in all)", bad_points - kShownBadPoints,
                                                      bad_points, plan.points.size())));
  }
  if (!errors.empty()) throw io::InputError(errors);
  return plan;
}

model::Scenario Plan::scenario(std::size_t i) const {
  std::vector<io::Override> overrides;
  for (std::size_t k = 0; k < experiment.parameters.size(); ++k) {
    const auto& p = experiment.parameters[k];
    if (p.targets.empty()) {
      overrides.push_back(io::Override{p.path, points[i].values[k], origin_of(p)});
    } else {
      for (const auto& path : p.targets) overrides.push_back(io::Override{path, points[i].values[k], origin_of(p)});
    }
  }
  model::Scenario s = io::build_scenario(document, overrides);
  s.seed = seed;
  s.replications = replications;
  return s;
}

}  // namespace caseflow::sweep
