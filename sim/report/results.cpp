#include "report/results.hpp"

#include <string_view>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "report/csv_table.hpp"
#include "report/json_lite.hpp"
#include "report/report_error.hpp"

namespace caseflow::report {

const BudgetRow* Results::budget_row(const std::string& arm, int year) const {
  for (const auto& r : budget) {
    if (r.arm == arm && (year == 0 ? r.total : (!r.total && r.year == year))) return &r;
  }
  return nullptr;
}

std::string Results::label(const std::string& kind, const std::string& name) const {
  for (const auto& [key, text] : labels) {
    if (key.first == kind && key.second == name && !text.empty()) return text;
  }
  return name;
}

std::vector<const ArmInfo*> Results::interventions() const {
  std::vector<const ArmInfo*> out;
  for (const auto& a : arms) {
    if (a.name != kBaseline) out.push_back(&a);
  }
  return out;
}

namespace {

int integer_year(const CsvTable& t, std::size_t r, std::size_t c) {
  const double y = t.number(r, c);
  return static_cast<int>(y);
}

std::optional<CsvTable> read_optional(const std::filesystem::path& p) {
  if (!std::filesystem::exists(p)) return std::nullopt;
  return CsvTable::read(p);
}

Manifest read_manifest(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw InputError(error_line(p.string(), 0, 0, "cannot open file (expected manifest.json written by 'caseflow run')"));
  std::ostringstream buf;
  buf << in.rdbuf();
  const JsonValue root = parse_json(buf.str(), p.string());
  if (root.kind != JsonValue::Kind::object) throw InputError(error_line(p.string(), 1, 1, "expected a JSON object"));
  Manifest m;
  m.scenario_file = root.text_of("scenario_file");
  m.scenario_name = root.text_of("scenario_name");
  if (m.scenario_name.empty()) m.scenario_name = root.text_of("scenario");
  if (m.scenario_name.empty() && !m.scenario_file.empty()) {
    m.scenario_name = std::filesystem::path(m.scenario_file).stem().string();
  }
  m.scenario_sha256 = root.text_of("scenario_sha256");
  m.caseflow_version = root.text_of("caseflow_version");
  m.git_commit = root.text_of("git_commit");
  m.seed = root.text_of("seed");
  m.replications = root.text_of("replications");
  m.started = root.text_of("started");
  m.finished = root.text_of("finished");
  m.wall_seconds = root.text_of("wall_seconds");
  return m;
}

/// budget.csv (required): one row per arm and year, then each arm's total; also the years seen.
void read_budget(const std::filesystem::path& dir, Results& res) {
  const auto t = CsvTable::read(dir / "budget.csv");
  const std::size_t c_arm = t.column("arm"), c_year = t.column("year"), c_fte = t.column("fte_on_benefit"),
                    c_gross = t.column("benefit_gross"), c_mun = t.column("benefit_municipal"),
                    c_cost = t.column("intervention_cost"), c_s = t.column("savings"), c_slo = t.column("savings_lo"),
                    c_shi = t.column("savings_hi"), c_n = t.column("net"), c_nlo = t.column("net_lo"),
                    c_nhi = t.column("net_hi"), c_p = t.column("p_net_saving");
  const auto c_cum = t.find("cumulative_net"), c_paid = t.find("p_paid_back"), c_net_se = t.find("net_se"),
             c_financing = t.find("financing");
  std::set<int> years;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    BudgetRow b;
    b.arm = t.text(r, c_arm);
    if (t.text(r, c_year) == "total") {
      b.total = true;
    } else {
      b.year = integer_year(t, r, c_year);
      years.insert(b.year);
    }
    b.fte_on_benefit = t.number(r, c_fte);
    b.benefit_gross = t.number(r, c_gross);
    b.benefit_municipal = t.number(r, c_mun);
    b.intervention_cost = t.number(r, c_cost);
    b.savings = t.number(r, c_s);
    b.savings_lo = t.number(r, c_slo);
    b.savings_hi = t.number(r, c_shi);
    b.net = t.number(r, c_n);
    b.net_lo = t.number(r, c_nlo);
    b.net_hi = t.number(r, c_nhi);
    b.p_net_saving = t.number(r, c_p);
    if (c_cum) b.cumulative_net = t.number(r, *c_cum);
    if (c_paid) b.p_paid_back = t.number(r, *c_paid);
    if (c_net_se) b.net_se = t.number(r, *c_net_se);
    if (c_financing) b.financing = t.number(r, *c_financing);
    res.budget.push_back(std::move(b));
  }
  if (res.budget.empty()) throw InputError(error_line(t.name(), 1, 1, "no rows (expected one row per arm and year)"));
  res.years.assign(years.begin(), years.end());
}

/// Arms: arms.csv when present (it carries the descriptions), else the order in budget.csv;
/// the baseline first.
void read_arms(const std::filesystem::path& dir, Results& res) {
  if (auto t = read_optional(dir / "arms.csv")) {
    const std::size_t c_arm = t->column("arm");
    const auto c_desc = t->find("description"), c_start = t->find("start"), c_end = t->find("end"), c_label = t->find("label");
    for (std::size_t r = 0; r < t->rows(); ++r) {
      ArmInfo a;
      a.name = t->text(r, c_arm);
      if (c_desc) a.description = t->text(r, *c_desc);
      if (c_start) a.start = t->text(r, *c_start);
      if (c_end) a.end = t->text(r, *c_end);
      if (c_label) a.label = t->text(r, *c_label);
      res.arms.push_back(std::move(a));
    }
  }
  for (const auto& b : res.budget) {
    if (std::none_of(res.arms.begin(), res.arms.end(), [&](const ArmInfo& a) { return a.name == b.arm; })) {
      res.arms.push_back(ArmInfo{b.arm, "", "", "", ""});
    }
  }
  std::stable_partition(res.arms.begin(), res.arms.end(), [](const ArmInfo& a) { return a.name == kBaseline; });
}

/// occupancy.csv (required).
void read_occupancy(const std::filesystem::path& dir, Results& res) {
  const auto t = CsvTable::read(dir / "occupancy.csv");
  const std::size_t c_arm = t.column("arm"), c_week = t.column("week"), c_date = t.column("date"),
                    c_state = t.column("state"), c_mean = t.column("mean"), c_lo = t.column("lo"), c_hi = t.column("hi");
  res.occupancy.reserve(t.rows());
  for (std::size_t r = 0; r < t.rows(); ++r) {
    res.occupancy.push_back(OccupancyRow{t.text(r, c_arm), t.number(r, c_week), t.text(r, c_date), t.text(r, c_state),
                                         t.number(r, c_mean), t.number(r, c_lo), t.number(r, c_hi)});
  }
}

/// flows.csv (required): the yearly rows.
void read_flows(const std::filesystem::path& dir, Results& res) {
  const auto t = CsvTable::read(dir / "flows.csv");
  const std::size_t c_arm = t.column("arm"), c_year = t.column("year"), c_from = t.column("from"),
                    c_to = t.column("to"), c_mean = t.column("mean");
  for (std::size_t r = 0; r < t.rows(); ++r) {
    if (t.text(r, c_year) == "total") continue;  // a total row, if a later version adds one
    res.flows.push_back(FlowRow{t.text(r, c_arm), integer_year(t, r, c_year), t.text(r, c_from), t.text(r, c_to),
                                t.number(r, c_mean)});
  }
}

/// replications.csv (required): the yearly rows.
void read_replications(const std::filesystem::path& dir, Results& res) {
  const auto t = CsvTable::read(dir / "replications.csv");
  const std::size_t c_rep = t.column("replication"), c_arm = t.column("arm"), c_year = t.column("year"),
                    c_mun = t.column("benefit_municipal"), c_cost = t.column("intervention_cost"),
                    c_s = t.column("savings"), c_n = t.column("net");
  res.replications.reserve(t.rows());
  for (std::size_t r = 0; r < t.rows(); ++r) {
    if (t.text(r, c_year) == "total") continue;
    res.replications.push_back(ReplicationRow{static_cast<int>(t.number(r, c_rep)), t.text(r, c_arm),
                                              integer_year(t, r, c_year), t.number(r, c_mun), t.number(r, c_cost),
                                              t.number(r, c_s), t.number(r, c_n)});
  }
}

/// queues.csv (only when the scenario has pools): the yearly rows.
void read_queues(const std::filesystem::path& dir, Results& res) {
  if (auto t = read_optional(dir / "queues.csv")) {
    res.has_queues = true;
    const std::size_t c_arm = t->column("arm"), c_year = t->column("year"), c_res = t->column("resource"),
                      c_w = t->column("mean_waiting"), c_ww = t->column("mean_wait_weeks"), c_u = t->column("utilisation");
    for (std::size_t r = 0; r < t->rows(); ++r) {
      if (t->text(r, c_year) == "total") continue;
      res.queues.push_back(QueueRow{t->text(r, c_arm), integer_year(*t, r, c_year), t->text(r, c_res), t->number(r, c_w),
                                    t->number(r, c_ww), t->number(r, c_u)});
    }
  }
}

/// assumptions.csv (optional); label, source and assumption are optional columns.
void read_assumptions(const std::filesystem::path& dir, Results& res) {
  if (auto t = read_optional(dir / "assumptions.csv")) {
    res.has_assumptions = true;
    const std::size_t c_arm = t->column("arm"), c_par = t->column("parameter"), c_base = t->column("baseline"),
                      c_val = t->column("value");
    for (std::size_t r = 0; r < t->rows(); ++r) {
      Assumption a{t->text(r, c_arm), t->text(r, c_par), t->text(r, c_base), t->text(r, c_val), "", "", ""};
      if (const auto c = t->find("label")) a.label = t->text(r, *c);
      if (const auto c = t->find("source")) a.source = t->text(r, *c);
      if (const auto c = t->find("assumption")) a.assumption = t->text(r, *c);
      res.assumptions.push_back(std::move(a));
    }
  }
}

/// labels.csv (optional): the scenario's display names by kind and name.
void read_labels(const std::filesystem::path& dir, Results& res) {
  if (auto t = read_optional(dir / "labels.csv")) {
    const std::size_t c_kind = t->column("kind"), c_name = t->column("name"), c_label = t->column("label");
    for (std::size_t r = 0; r < t->rows(); ++r) {
      res.labels.push_back({{t->text(r, c_kind), t->text(r, c_name)}, t->text(r, c_label)});
    }
  }
}

/// impact.csv (optional); the participant columns come together or not at all.
void read_impact(const std::filesystem::path& dir, Results& res) {
  if (auto t = read_optional(dir / "impact.csv")) {
    res.has_impact = true;
    const std::size_t c_arm = t->column("arm"), c_tr = t->column("treated"), c_left = t->column("left_benefits"),
                      c_too = t->column("left_in_baseline_too"), c_extra = t->column("extra_exits_to_self_support");
    for (std::size_t r = 0; r < t->rows(); ++r) {
      Impact im{t->text(r, c_arm), t->number(r, c_tr), t->number(r, c_left), t->number(r, c_too), t->number(r, c_extra)};
      if (t->find("participants")) {
        im.has_participants = true;
        const auto get = [&](std::string_view col) { return t->number(r, t->column(col)); };
        im.participants = get("participants");
        im.followed_26w = get("followed_26w");
        im.with_26w = get("self_supporting_26w_with");
        im.without_26w = get("self_supporting_26w_without");
        im.deadweight_26w = get("deadweight_26w");
        im.followed_52w = get("followed_52w");
        im.with_52w = get("self_supporting_52w_with");
        im.without_52w = get("self_supporting_52w_without");
        im.deadweight_52w = get("deadweight_52w");
        im.savings = get("savings");
        im.savings_earlier_exit = get("savings_earlier_exit");
        im.savings_would_not_have_left = get("savings_would_not_have_left");
        im.savings_non_participants = get("savings_non_participants");
        im.savings_lock_in = get("savings_lock_in");
      }
      res.impact.push_back(im);
    }
  }
}

/// breakeven.csv (optional: written by 'caseflow breakeven' beside a run's results).
void read_breakeven(const std::filesystem::path& dir, Results& res) {
  if (auto t = read_optional(dir / "breakeven.csv")) {
    for (std::size_t r = 0; r < t->rows(); ++r) {
      BreakevenRow b;
      b.arm = t->text(r, t->column("arm"));
      b.parameter = t->text(r, t->column("parameter"));
      const std::string& year = t->text(r, t->column("year"));
      b.year = year == "total" ? 0 : integer_year(*t, r, t->column("year"));
      b.scenario_value = t->number(r, t->column("scenario_value"));
      b.breakeven = t->text(r, t->column("breakeven"));
      b.breakeven_lo = t->text(r, t->column("breakeven_lo"));
      b.breakeven_hi = t->text(r, t->column("breakeven_hi"));
      b.stated_savings = t->text(r, t->column("stated_savings"));
      b.stated_implies = t->text(r, t->column("stated_implies"));
      b.net_falls = t->text(r, t->column("net_falls_with_parameter")) != "false";
      res.breakeven.push_back(std::move(b));
    }
  }
}

}  // namespace

Results load_results(const std::filesystem::path& dir) {
  Results res;
  res.dir = dir;
  if (!std::filesystem::is_directory(dir)) {
    throw InputError(error_line(dir.string(), 0, 0,
                                std::filesystem::exists(dir)
                                    ? "not a folder (expected a results folder written by 'caseflow run')"
                                    : "no such results folder (expected a folder written by 'caseflow run')"));
  }
  res.manifest = read_manifest(dir / "manifest.json");
  if (res.manifest.scenario_name.empty()) res.manifest.scenario_name = std::filesystem::absolute(dir).filename().string();

  // In this order, so that of several missing or broken files the same one is named first.
  read_budget(dir, res);
  read_arms(dir, res);
  read_occupancy(dir, res);
  read_flows(dir, res);
  read_replications(dir, res);
  read_queues(dir, res);
  read_assumptions(dir, res);
  read_labels(dir, res);
  read_impact(dir, res);
  read_breakeven(dir, res);
  return res;
}

}  // namespace caseflow::report
