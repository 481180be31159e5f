#pragma once
/// @file results.hpp
/// A results folder written by `caseflow run`, read into plain rows. Reading only: every
/// number shown in the report comes from these files; nothing is re-simulated or re-costed.

#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace caseflow::report {

/// The baseline arm's name in every results file.
inline constexpr const char* kBaseline = "baseline";

/// One row of budget.csv (money in DKK). `year` is 0 on the `total` row.
struct BudgetRow {
  std::string arm;
  int year = 0;
  bool total = false;
  double fte_on_benefit = 0, benefit_gross = 0, benefit_municipal = 0, intervention_cost = 0;
  double savings = 0, savings_lo = 0, savings_hi = 0;
  double net = 0, net_lo = 0, net_hi = 0;
  double p_net_saving = 0;
  /// Optional columns (newer `caseflow run`): cumulative net to the end of this year and the
  /// share of replications with cumulative net < 0. NaN when budget.csv lacks them.
  double cumulative_net = std::numeric_limits<double>::quiet_NaN();
  double p_paid_back = std::numeric_limits<double>::quiet_NaN();
  /// Optional: the standard error of the mean net over replications (Monte Carlo error).
  double net_se = std::numeric_limits<double>::quiet_NaN();
  /// Optional: grants and other income that pay for the intervention (0 when budget.csv lacks it).
  double financing = 0;
};

/// One row of occupancy.csv: citizens in `state` `week` whole weeks after the start.
struct OccupancyRow {
  std::string arm;
  double week = 0;
  std::string date;  ///< ISO date of that week
  std::string state;
  double mean = 0, lo = 0, hi = 0;
};

/// One row of flows.csv: mean moves `from` -> `to` in a budget year.
struct FlowRow {
  std::string arm;
  int year = 0;
  std::string from, to;
  double mean = 0;
};

/// One row of queues.csv.
struct QueueRow {
  std::string arm;
  int year = 0;
  std::string resource;
  double mean_waiting = 0, mean_wait_weeks = 0, utilisation = 0;
};

/// One row of replications.csv (DKK).
struct ReplicationRow {
  int replication = 0;
  std::string arm;
  int year = 0;
  double benefit_municipal = 0, intervention_cost = 0, savings = 0, net = 0;
};

/// One arm from arms.csv: what the committee is asked to compare.
struct ArmInfo {
  std::string name, description, start, end;
  std::string label;  ///< display name (arms.csv `label`); empty: show `name`
};

/// One row of assumptions.csv: a scenario value that differs from the baseline in `arm`.
struct Assumption {
  std::string arm, parameter, baseline, value;
  std::string label, source;  ///< newer assumptions.csv: readable name, where the value comes from
  std::string assumption;     ///< "true" (assumed), "false" (documented) or "" (no source given)
};

/// One row of impact.csv (means over replications).
struct Impact {
  std::string arm;
  double treated = 0, left_benefits = 0, left_in_baseline_too = 0, extra_exits_to_self_support = 0;
  /// Participants as evaluators define them (impact.csv's later columns; absent in older
  /// folders): self-supporting 26 weeks after first participation with and without the
  /// intervention, deadweight, and the savings split (horizon, DKK).
  bool has_participants = false;
  double participants = 0, followed_26w = 0, with_26w = 0, without_26w = 0, deadweight_26w = 0;
  double followed_52w = 0, with_52w = 0, without_52w = 0, deadweight_52w = 0;
  double savings = 0, savings_earlier_exit = 0, savings_would_not_have_left = 0, savings_non_participants = 0, savings_lock_in = 0;
};

/// One row of breakeven.csv (`caseflow breakeven`): the parameter value at which an arm's net
/// is zero in a budget year (`year` 0: the whole horizon). Text fields are empty when not found.
struct BreakevenRow {
  std::string arm, parameter;
  int year = 0;
  double scenario_value = 0;
  std::string breakeven, breakeven_lo, breakeven_hi, stated_savings, stated_implies;
  bool net_falls = true;
};

/// The manifest fields the report shows.
struct Manifest {
  std::string scenario_name, scenario_file, scenario_sha256, caseflow_version, git_commit;
  std::string seed, replications, started, finished, wall_seconds;
};

/// Everything in one results folder. Optional files leave their vector empty and flag false.
struct Results {
  std::filesystem::path dir;
  Manifest manifest;
  std::vector<ArmInfo> arms;  ///< baseline first, then the interventions in file order
  std::vector<int> years;     ///< budget years, ascending
  std::vector<BudgetRow> budget;
  std::vector<OccupancyRow> occupancy;
  std::vector<FlowRow> flows;
  std::vector<QueueRow> queues;
  std::vector<ReplicationRow> replications;
  std::vector<Assumption> assumptions;
  std::vector<Impact> impact;
  std::vector<BreakevenRow> breakeven;  ///< breakeven.csv, optional
  bool has_queues = false, has_assumptions = false, has_impact = false;
  /// labels.csv: (kind, name) -> label, kinds arm, state, group, benefit, pool, slot.
  std::vector<std::pair<std::pair<std::string, std::string>, std::string>> labels;

  /// The display name of `name` of `kind` (labels.csv), or `name` itself.
  [[nodiscard]] std::string label(const std::string& kind, const std::string& name) const;

  /// The budget row for `arm` and `year` (year 0 = total), or nullptr.
  [[nodiscard]] const BudgetRow* budget_row(const std::string& arm, int year) const;
  /// The interventions (every arm but the baseline), in order.
  [[nodiscard]] std::vector<const ArmInfo*> interventions() const;
};

/// Reads the folder. Throws InputError (naming the path) if the folder or a required file
/// (manifest.json, budget.csv, occupancy.csv, flows.csv, replications.csv) is missing or
/// malformed. arms.csv, queues.csv, assumptions.csv and impact.csv are optional.
Results load_results(const std::filesystem::path& dir);

}  // namespace caseflow::report
