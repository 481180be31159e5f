#include "economics/run_summary.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "model/replications.hpp"

namespace caseflow::economics {

std::vector<Column> Table::columns_of(const std::vector<std::string>& names, int decimals) {
  std::vector<Column> columns;
  columns.reserve(names.size());
  for (const auto& n : names) columns.push_back(Column{n, decimals});
  return columns;
}

std::vector<ArmRecord> record_replication(const model::Scenario& scenario, const std::vector<std::size_t>& arms,
                                          std::vector<model::ArmResult>& results) {
  std::vector<ArmRecord> records(arms.size());
  const model::ArmResult& baseline = results.front();
  for (std::size_t i = 0; i < arms.size(); ++i) {
    model::ArmResult& r = results[i];
    ArmRecord& rec = records[i];
    rec.money = compare_with_baseline(scenario, arms[i], r, baseline);
    rec.occupancy = std::move(r.occupancy);
    rec.flows = std::move(r.flows);
    rec.arrivals = std::move(r.arrivals);
    rec.resources = std::move(r.resource_years);
    rec.treated = r.treated;
    rec.left_benefits = r.left_benefits;
    rec.left_in_baseline_too = r.left_in_baseline_too;
    rec.exits_to_self_support = r.exits_to_self_support;
    rec.events = r.events;
    rec.fingerprint = r.fingerprint;
    rec.citizens = r.citizens;
  }
  return records;
}

std::vector<std::vector<ArmRecord>> run_and_record(const model::Scenario& scenario, const std::vector<std::size_t>& arms,
                                                   unsigned threads, const model::SimulationOptions& options) {
  std::vector<std::vector<ArmRecord>> records(static_cast<std::size_t>(scenario.replications));
  model::run_replications(scenario, arms, scenario.replications, threads,
                          [&](int r, std::vector<model::ArmResult>& results) { records[r] = record_replication(scenario, arms, results); },
                          options);
  return records;
}

namespace {

constexpr int kMoney = 2;
constexpr int kCount = 4;

std::string year_label(const std::vector<engine::BudgetYear>& years, std::size_t y) {
  return y < years.size() ? std::to_string(years[y].year) : std::string("total");
}

// Values of one quantity over replications.
template <class F>
std::vector<double> over_replications(const std::vector<std::vector<ArmRecord>>& records, std::size_t arm, F get) {
  std::vector<double> values;
  values.reserve(records.size());
  for (const auto& rep : records) values.push_back(get(rep[arm]));
  return values;
}

double mean_of(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v) s += x;
  return v.empty() ? 0.0 : s / static_cast<double>(v.size());
}

Table budget_table(const model::Scenario& scenario, const std::vector<std::size_t>& arms,
                   const std::vector<std::vector<ArmRecord>>& records, const std::vector<engine::BudgetYear>& years) {
  Table t;
  t.name = "budget";
  t.columns = {{"arm", 0},          {"year", 0},           {"fte_on_benefit", kCount}, {"benefit_gross", kMoney},
               {"benefit_municipal", kMoney}, {"intervention_cost", kMoney}, {"savings", kMoney}, {"savings_lo", kMoney},
               {"savings_hi", kMoney}, {"net", kMoney},   {"net_lo", kMoney},         {"net_hi", kMoney},
               {"p_net_saving", kCount}, {"savings_volume", kMoney}, {"savings_refund_mix", kMoney},
               {"programme_cost", kMoney}, {"cumulative_net", kMoney}, {"p_paid_back", kCount}, {"financing", kMoney}};
  for (std::size_t i = 0; i < arms.size(); ++i) {
    const std::string& arm = scenario.arms[arms[i]].name;
    std::vector<double> cumulative(records.size(), 0.0);
    for (std::size_t y = 0; y <= years.size(); ++y) {
      auto get = [&](auto member) {
        return over_replications(records, i, [&](const ArmRecord& r) { return (r.money.*member)[y]; });
      };
      const auto savings = summarise(get(&Comparison::savings));
      const std::vector<double> net_values = get(&Comparison::net);
      const auto net = summarise(net_values);
      // Cumulative net by the end of this year (undiscounted), and the share of replications in
      // which the arm has paid for itself by then.
      double cumulative_mean = 0.0, paid_back = 0.0;
      if (y < years.size()) {
        for (std::size_t r = 0; r < records.size(); ++r) cumulative[r] += net_values[r];
        cumulative_mean = mean_of(cumulative);
        paid_back = share_negative(cumulative);
      } else {
        cumulative_mean = mean_of(cumulative);
        paid_back = share_negative(cumulative);
      }
      const bool baseline = arms[i] == 0;
      t.rows.push_back({arm, year_label(years, y), mean_of(get(&Comparison::fte_on_benefit)),
                        mean_of(get(&Comparison::benefit_gross)), mean_of(get(&Comparison::benefit_municipal)),
                        mean_of(get(&Comparison::intervention_cost)), savings.mean, savings.lo, savings.hi, net.mean, net.lo,
                        net.hi, baseline ? 0.0 : share_negative(net_values), mean_of(get(&Comparison::savings_volume)),
                        mean_of(get(&Comparison::savings_refund_mix)), mean_of(get(&Comparison::programme_cost)),
                        baseline ? 0.0 : cumulative_mean, baseline ? 0.0 : paid_back,
                        mean_of(get(&Comparison::financing))});
    }
  }
  return t;
}

Table replications_table(const model::Scenario& scenario, const std::vector<std::size_t>& arms,
                         const std::vector<std::vector<ArmRecord>>& records, const std::vector<engine::BudgetYear>& years) {
  Table t;
  t.name = "replications";
  t.columns = {{"replication", 0}, {"arm", 0},         {"year", 0},      {"benefit_municipal", kMoney},
               {"intervention_cost", kMoney}, {"savings", kMoney}, {"net", kMoney}, {"financing", kMoney}};
  for (std::size_t r = 0; r < records.size(); ++r) {
    for (std::size_t i = 0; i < arms.size(); ++i) {
      const Comparison& m = records[r][i].money;
      for (std::size_t y = 0; y <= years.size(); ++y) {
        t.rows.push_back({static_cast<std::int64_t>(r), scenario.arms[arms[i]].name, year_label(years, y), m.benefit_municipal[y],
                          m.intervention_cost[y], m.savings[y], m.net[y], m.financing[y]});
      }
    }
  }
  return t;
}

Table occupancy_table(const model::Scenario& scenario, const std::vector<std::size_t>& arms,
                      const std::vector<std::vector<ArmRecord>>& records, const engine::Calendar& calendar) {
  Table t;
  t.name = "occupancy";
  t.columns = {{"arm", 0}, {"week", 0}, {"date", 0}, {"state", 0}, {"mean", kCount}, {"lo", kCount}, {"hi", kCount}};
  const int weeks = calendar.reported_weeks();
  std::vector<double> values(records.size());
  for (std::size_t i = 0; i < arms.size(); ++i) {
    const model::Model& m = scenario.arms[arms[i]].model;
    const std::size_t states = m.states.size();
    for (int w = 0; w < weeks; ++w) {
      const std::string date = calendar.date_of_week(w).iso();
      for (std::size_t s = 0; s < states; ++s) {
        for (std::size_t r = 0; r < records.size(); ++r) values[r] = records[r][i].occupancy[static_cast<std::size_t>(w) * states + s];
        const Summary sum = summarise(values);
        t.rows.push_back({scenario.arms[arms[i]].name, static_cast<std::int64_t>(w), date, m.states[s].name, sum.mean, sum.lo, sum.hi});
      }
    }
  }
  return t;
}

Table flows_table(const model::Scenario& scenario, const std::vector<std::size_t>& arms,
                  const std::vector<std::vector<ArmRecord>>& records, const std::vector<engine::BudgetYear>& years) {
  Table t;
  t.name = "flows";
  t.columns = {{"arm", 0}, {"year", 0}, {"from", 0}, {"to", 0}, {"mean", kCount}};
  // Rows for every (from, to) pair that any arm used in any year, so arms line up.
  const model::Model& widest = scenario.arms[arms.back()].model;
  const std::size_t states = widest.states.size();
  std::set<std::pair<int, int>> used;  // from = -1: inflow
  for (const auto& rep : records) {
    for (std::size_t i = 0; i < arms.size(); ++i) {
      const std::size_t n = scenario.arms[arms[i]].model.states.size();
      for (std::size_t y = 0; y < years.size(); ++y) {
        for (std::size_t a = 0; a < n; ++a) {
          if (rep[i].arrivals[y * n + a] > 0.0) used.insert({-1, static_cast<int>(a)});
          for (std::size_t b = 0; b < n; ++b) {
            if (rep[i].flows[(y * n + a) * n + b] > 0.0) used.insert({static_cast<int>(a), static_cast<int>(b)});
          }
        }
      }
    }
  }
  for (std::size_t i = 0; i < arms.size(); ++i) {
    const model::Model& m = scenario.arms[arms[i]].model;
    const std::size_t n = m.states.size();
    for (std::size_t y = 0; y < years.size(); ++y) {
      for (const auto& pair : used) {
        // Plain copies: clang 14 (the fuzz build) cannot capture structured bindings.
        const auto a = pair.first;
        const auto b = pair.second;
        if (static_cast<std::size_t>(b) >= n || (a >= 0 && static_cast<std::size_t>(a) >= n)) continue;
        const std::vector<double> v = over_replications(records, i, [&](const ArmRecord& r) {
          return a < 0 ? r.arrivals[y * n + b] : r.flows[(y * n + a) * n + b];
        });
        t.rows.push_back({scenario.arms[arms[i]].name, std::to_string(years[y].year), a < 0 ? std::string("inflow") : m.states[a].name,
                          m.states[b].name, mean_of(v)});
      }
    }
  }
  (void)states;
  (void)widest;
  return t;
}

Table queues_table(const model::Scenario& scenario, const std::vector<std::size_t>& arms,
                   const std::vector<std::vector<ArmRecord>>& records, const std::vector<engine::BudgetYear>& years) {
  Table t;
  t.name = "queues";
  t.columns = {{"arm", 0},           {"year", 0},          {"resource", 0},         {"mean_waiting", kCount},
               {"mean_wait_weeks", kCount}, {"utilisation", kCount}, {"kind", 0}, {"mean_in_use", kCount},
               {"mean_capacity", kCount}, {"meetings", kCount}};
  for (std::size_t i = 0; i < arms.size(); ++i) {
    const model::Model& m = scenario.arms[arms[i]].model;
    const std::size_t pools = m.pools.size();
    const std::size_t resources = pools + m.slots.size();
    for (std::size_t y = 0; y < years.size(); ++y) {
      const double length = years[y].end_week - years[y].begin_week;
      for (std::size_t res = 0; res < resources; ++res) {
        double waiting = 0.0, wait_weeks = 0.0, waits = 0.0, busy = 0.0, capacity = 0.0, meetings = 0.0, meeting_capacity = 0.0;
        for (const auto& rep : records) {
          const model::ResourceYear& ry = rep[i].resources[y * resources + res];
          waiting += ry.waiting_area;
          wait_weeks += ry.wait_weeks;
          waits += ry.waits_ended;
          busy += ry.busy_area;
          capacity += ry.capacity_area;
          meetings += ry.meetings;
          meeting_capacity += ry.meeting_capacity;
        }
        const double reps = static_cast<double>(records.size());
        const bool is_pool = res < pools;
        // Pools with a caseload cap: citizens served / cap; without: meetings held / meetings the
        // staff could hold. Slots: places in use / places.
        double utilisation = 0.0;
        if (capacity > 0.0) {
          utilisation = busy / capacity;
        } else if (is_pool && meeting_capacity > 0.0) {
          utilisation = meetings / meeting_capacity;
        }
        t.rows.push_back({scenario.arms[arms[i]].name, std::to_string(years[y].year),
                          is_pool ? m.pools[res].name : m.slots[res - pools].name, waiting / reps / length,
                          waits > 0.0 ? wait_weeks / waits : 0.0, utilisation, std::string(is_pool ? "pool" : "slot"),
                          busy / reps / length, capacity / reps / length, meetings / reps});
      }
    }
  }
  return t;
}

Table impact_table(const model::Scenario& scenario, const std::vector<std::size_t>& arms,
                   const std::vector<std::vector<ArmRecord>>& records) {
  Table t;
  t.name = "impact";
  t.columns = {{"arm", 0}, {"treated", kCount}, {"left_benefits", kCount}, {"left_in_baseline_too", kCount},
               {"extra_exits_to_self_support", kCount}, {"deadweight_share", kCount}, {"exits_to_self_support", kCount},
               {"citizens", kCount}, {"events", kCount}};
  for (std::size_t i = 0; i < arms.size(); ++i) {
    auto mean = [&](auto get) { return mean_of(over_replications(records, i, get)); };
    const double left = mean([](const ArmRecord& r) { return static_cast<double>(r.left_benefits); });
    const double too = mean([](const ArmRecord& r) { return static_cast<double>(r.left_in_baseline_too); });
    const double extra = mean_of([&] {
      std::vector<double> v;
      for (const auto& rep : records) v.push_back(static_cast<double>(rep[i].exits_to_self_support - rep[0].exits_to_self_support));
      return v;
    }());
    t.rows.push_back({scenario.arms[arms[i]].name, mean([](const ArmRecord& r) { return static_cast<double>(r.treated); }), left, too,
                      extra, left > 0.0 ? too / left : 0.0,
                      mean([](const ArmRecord& r) { return static_cast<double>(r.exits_to_self_support); }),
                      mean([](const ArmRecord& r) { return static_cast<double>(r.citizens); }),
                      mean([](const ArmRecord& r) { return static_cast<double>(r.events); })});
  }
  return t;
}

}  // namespace

RunTables summarise_run(const model::Scenario& scenario, const std::vector<std::size_t>& arms,
                        const std::vector<std::vector<ArmRecord>>& records) {
  const engine::Calendar calendar = scenario.calendar();
  const auto& years = calendar.budget_years();
  RunTables tables;
  tables.budget = budget_table(scenario, arms, records, years);
  tables.occupancy = occupancy_table(scenario, arms, records, calendar);
  tables.flows = flows_table(scenario, arms, records, years);
  tables.queues = queues_table(scenario, arms, records, years);
  tables.replications = replications_table(scenario, arms, records, years);
  tables.impact = impact_table(scenario, arms, records);
  return tables;
}

namespace {

double number(const Cell& c) {
  if (const auto* d = std::get_if<double>(&c)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&c)) return static_cast<double>(*i);
  return 0.0;
}

std::string text(const Cell& c) {
  if (const auto* s = std::get_if<std::string>(&c)) return *s;
  return fmt::format("{}", number(c));
}

std::string thousands(double dkk) {
  // Thousand DKK with a thin grouping: -1234.5 k -> "-1.235" style is confusing; use plain
  // rounded thousands with a space as group separator (Danish style "1 235").
  const double k = std::round(dkk / 1000.0);
  std::string digits = fmt::format("{:.0f}", std::fabs(k));
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += '.';
    grouped += digits[i];
  }
  return (k < 0 ? "-" : "") + grouped;
}

}  // namespace

std::string format_budget_table(const model::Scenario& scenario, const std::vector<std::size_t>& arms, const RunTables& tables) {
  const engine::Calendar calendar = scenario.calendar();
  const auto& years = calendar.budget_years();
  const std::size_t columns = years.size() + 1;
  std::ostringstream out;
  out << fmt::format("caseflow: {} — {} replications, budget years {}–{}, 1.000 kr.{} (2.5–97.5 % over replications)\n",
                     scenario.name, scenario.replications, years.front().year, years.back().year,
                     scenario.report.price_index.empty() ? std::string()
                                                         : fmt::format(", {} pl", scenario.report.price_year));
  if (scenario.report.prudence_factor != 1.0) {
    out << fmt::format("Savings counted at {:.0f} % (report.prudence_factor)\n", 100.0 * scenario.report.prudence_factor);
  }
  auto header = [&](const std::string& title) {
    out << fmt::format("\n{:<34}", title);
    for (const auto& y : years) out << fmt::format("{:>11}", y.year);
    out << fmt::format("{:>11}\n", "I alt");
  };
  auto row_values = [&](const std::string& arm, const std::string& column) {
    std::vector<double> values;
    std::size_t index = 0;
    for (std::size_t c = 0; c < tables.budget.columns.size(); ++c) {
      if (tables.budget.columns[c].name == column) index = c;
    }
    for (const auto& row : tables.budget.rows) {
      if (text(row[0]) == arm) values.push_back(number(row[index]));
    }
    return values;
  };
  auto line = [&](const std::string& label, const std::vector<double>& values, double sign) {
    out << fmt::format("{:<34}", label);
    for (std::size_t c = 0; c < columns && c < values.size(); ++c) out << fmt::format("{:>11}", thousands(sign * values[c]));
    out << "\n";
  };
  header("Baseline (uden indsats)");
  line("  Forsørgelse, brutto", row_values("baseline", "benefit_gross"), 1.0);
  line("  Forsørgelse, kommunal andel", row_values("baseline", "benefit_municipal"), 1.0);
  {
    const auto fte = row_values("baseline", "fte_on_benefit");
    out << fmt::format("{:<34}", "  Helårspersoner på ydelse");
    for (std::size_t c = 0; c < columns && c < fte.size(); ++c) out << fmt::format("{:>11.0f}", fte[c]);
    out << "\n";
  }
  for (std::size_t i = 1; i < arms.size(); ++i) {
    const model::Arm& arm = scenario.arms[arms[i]];
    header(arm.name);
    if (!arm.description.empty()) out << "  " << arm.description << "\n";
    line("  Investering", row_values(arm.name, "intervention_cost"), 1.0);
    // Grants and other income that pay for the intervention: a negative entry, like savings.
    if (!arm.financing.empty()) line("  Finansiering", row_values(arm.name, "financing"), -1.0);
    line("  Besparelse på forsørgelse", row_values(arm.name, "savings"), -1.0);
    line("  Total (netto)", row_values(arm.name, "net"), 1.0);
    const auto lo = row_values(arm.name, "net_lo");
    const auto hi = row_values(arm.name, "net_hi");
    line("    netto, 2,5 %-fraktil", lo, 1.0);
    line("    netto, 97,5 %-fraktil", hi, 1.0);
    const auto p = row_values(arm.name, "p_net_saving");
    out << fmt::format("{:<34}", "    P(indsatsen betaler sig)");
    for (std::size_t c = 0; c < columns && c < p.size(); ++c) out << fmt::format("{:>10.0f}%", 100.0 * p[c]);
    out << "\n";
    for (const auto& row : tables.impact.rows) {
      if (text(row[0]) != arm.name) continue;
      const double treated = number(row[1]), left = number(row[2]), too = number(row[3]), extra = number(row[4]);
      out << fmt::format("  Borgere i indsatsen: {:.0f}; heraf selvforsørgende bagefter: {:.0f}, "
                         "hvoraf {:.0f} ({:.0f} %) også ville være blevet det uden indsatsen (dødvægt).\n"
                         "  Ekstra afgange til selvforsørgelse i perioden: {:.1f}\n",
                         treated, left, too, left > 0 ? 100.0 * too / left : 0.0, extra);
    }
  }
  out << "\nNegative totals mean the intervention saves more than it costs. Money in the 'I alt' column is\n"
         "discounted to the first year at report.discount_rate ("
      << fmt::format("{:.1f}", 100.0 * scenario.report.discount_rate) << " % a year).\n";
  return out.str();
}

}  // namespace caseflow::economics
