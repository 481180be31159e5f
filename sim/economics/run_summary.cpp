#include "economics/run_summary.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "model/replications.hpp"

namespace caseflow::economics {

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
    rec.participants = std::move(r.participant_outcomes);
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
               {"programme_cost", kMoney}, {"cumulative_net", kMoney}, {"p_paid_back", kCount}, {"financing", kMoney},
               {"savings_se", kMoney},  {"net_se", kMoney}};
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
      // which the arm has paid for itself by then. The total row is discounted throughout, like
      // its `net`: there cumulative_net is the discounted total net and p_paid_back the share
      // of replications in which that is negative (= p_net_saving).
      double cumulative_mean = 0.0, paid_back = 0.0;
      if (y < years.size()) {
        for (std::size_t r = 0; r < records.size(); ++r) cumulative[r] += net_values[r];
        cumulative_mean = mean_of(cumulative);
        paid_back = share_negative(cumulative);
      } else {
        cumulative_mean = net.mean;
        paid_back = share_negative(net_values);
      }
      const bool baseline = arms[i] == 0;
      t.rows.push_back({arm, year_label(years, y), mean_of(get(&Comparison::fte_on_benefit)),
                        mean_of(get(&Comparison::benefit_gross)), mean_of(get(&Comparison::benefit_municipal)),
                        mean_of(get(&Comparison::intervention_cost)), savings.mean, savings.lo, savings.hi, net.mean, net.lo,
                        net.hi, baseline ? 0.0 : share_negative(net_values), mean_of(get(&Comparison::savings_volume)),
                        mean_of(get(&Comparison::savings_refund_mix)), mean_of(get(&Comparison::programme_cost)),
                        baseline ? 0.0 : cumulative_mean, baseline ? 0.0 : paid_back,
                        mean_of(get(&Comparison::financing)), baseline ? 0.0 : savings.se, baseline ? 0.0 : net.se});
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
               {"mean_capacity", kCount}, {"meetings", kCount}, {"share_waited", kCount}, {"mean_wait_weeks_if_waited", kCount}};
  for (std::size_t i = 0; i < arms.size(); ++i) {
    const model::Model& m = scenario.arms[arms[i]].model;
    const std::size_t pools = m.pools.size();
    const std::size_t resources = pools + m.slots.size();
    for (std::size_t y = 0; y < years.size(); ++y) {
      const double length = years[y].end_week - years[y].begin_week;
      for (std::size_t res = 0; res < resources; ++res) {
        double waiting = 0.0, busy = 0.0, open_busy = 0.0, capacity = 0.0, meetings = 0.0, meeting_capacity = 0.0;
        double joined = 0.0, waited = 0.0, wait_weeks = 0.0;
        for (const auto& rep : records) {
          const model::ResourceYear& ry = rep[i].resources[y * resources + res];
          waiting += ry.waiting_area;
          joined += ry.joined;
          waited += ry.waits_begun;
          wait_weeks += ry.joined_wait_weeks;
          busy += ry.busy_area;
          open_busy += ry.open_busy_area;
          capacity += ry.capacity_area;
          meetings += ry.meetings;
          meeting_capacity += ry.meeting_capacity;
        }
        const double reps = static_cast<double>(records.size());
        const bool is_pool = res < pools;
        // Over the time the resource exists (a pool with staff, a slot with places). Pools with a
        // caseload cap: citizens served / cap; without: meetings held / meetings the staff could
        // hold. Slots: places in use / places.
        double utilisation = 0.0;
        if (capacity > 0.0) {
          utilisation = open_busy / capacity;
        } else if (is_pool && meeting_capacity > 0.0) {
          utilisation = meetings / meeting_capacity;
        }
        t.rows.push_back({scenario.arms[arms[i]].name, std::to_string(years[y].year),
                          is_pool ? m.pools[res].name : m.slots[res - pools].name, waiting / reps / length,
                          joined > 0.0 ? wait_weeks / joined : 0.0, utilisation, std::string(is_pool ? "pool" : "slot"),
                          busy / reps / length, capacity / reps / length, meetings / reps, joined > 0.0 ? waited / joined : 0.0,
                          waited > 0.0 ? wait_weeks / waited : 0.0});
      }
    }
  }
  return t;
}

/// Part `part` of one replication's savings in budget year y (y = years: the horizon, discounted
/// like the budget's total row), times the prudence factor, as `savings` is.
double savings_part(const model::Scenario& scenario, const model::ParticipantOutcomes& p, int years, int y, int part) {
  if (p.parts.empty()) return 0.0;
  const auto at = [&](int year) { return p.parts[static_cast<std::size_t>(year) * model::ParticipantOutcomes::kParts + part]; };
  double value = 0.0;
  if (y < years) {
    value = at(y);
  } else {
    for (int k = 0; k < years; ++k) value += discount_factor(scenario.report.discount_rate, k) * at(k);
  }
  return value * scenario.report.prudence_factor;
}

const char* const kPartColumns[model::ParticipantOutcomes::kParts] = {"savings_earlier_exit", "savings_would_not_have_left",
                                                                      "savings_non_participants", "savings_lock_in"};

Table impact_table(const model::Scenario& scenario, const std::vector<std::size_t>& arms,
                   const std::vector<std::vector<ArmRecord>>& records) {
  const engine::Calendar calendar = scenario.calendar();
  const int years = static_cast<int>(calendar.budget_years().size());
  Table t;
  t.name = "impact";
  t.columns = {{"arm", 0}, {"treated", kCount}, {"left_benefits", kCount}, {"left_in_baseline_too", kCount},
               {"extra_exits_to_self_support", kCount}, {"deadweight_share", kCount}, {"exits_to_self_support", kCount},
               {"citizens", kCount}, {"events", kCount}};
  // Participants as evaluators define them (model/participation.hpp): shares are pooled over
  // replications (sums over sums); money is the mean over replications of the horizon total.
  for (const char* name : {"participants", "followed_26w", "self_supporting_26w_with", "self_supporting_26w_without", "deadweight_26w",
                           "followed_52w", "self_supporting_52w_with", "self_supporting_52w_without", "deadweight_52w", "savings"}) {
    t.columns.push_back({name, std::string(name) == "savings" ? kMoney : kCount});
  }
  for (const char* name : kPartColumns) t.columns.push_back({name, kMoney});
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
    std::vector<double> more;
    const double reps = static_cast<double>(std::max<std::size_t>(1, records.size()));
    double participants = 0.0;
    for (const auto& rep : records) participants += static_cast<double>(rep[i].participants.participants);
    more.push_back(participants / reps);
    for (int f = 0; f < 2; ++f) {
      double followed = 0.0, with = 0.0, without = 0.0;
      for (const auto& rep : records) {
        followed += static_cast<double>(rep[i].participants.followed[f]);
        with += static_cast<double>(rep[i].participants.self_supporting_arm[f]);
        without += static_cast<double>(rep[i].participants.self_supporting_baseline[f]);
      }
      more.push_back(followed / reps);
      more.push_back(followed > 0.0 ? with / followed : 0.0);
      more.push_back(followed > 0.0 ? without / followed : 0.0);
      more.push_back(with > 0.0 ? without / with : 0.0);
    }
    more.push_back(mean([&](const ArmRecord& r) { return r.money.savings[years]; }));
    for (int part = 0; part < model::ParticipantOutcomes::kParts; ++part) {
      more.push_back(mean([&](const ArmRecord& r) { return savings_part(scenario, r.participants, years, years, part); }));
    }
    for (double v : more) t.rows.back().emplace_back(std::in_place_type<double>, v);
  }
  return t;
}

Table impact_years_table(const model::Scenario& scenario, const std::vector<std::size_t>& arms,
                         const std::vector<std::vector<ArmRecord>>& records, const std::vector<engine::BudgetYear>& years) {
  Table t;
  t.name = "impact_years";
  t.columns = {{"arm", 0}, {"year", 0}, {"savings", kMoney}};
  for (const char* name : kPartColumns) t.columns.push_back({name, kMoney});
  const int n_years = static_cast<int>(years.size());
  for (std::size_t i = 0; i < arms.size(); ++i) {
    for (int y = 0; y <= n_years; ++y) {
      std::vector<Cell> row;
      row.reserve(3 + model::ParticipantOutcomes::kParts);
      row.emplace_back(scenario.arms[arms[i]].name);
      row.emplace_back(year_label(years, static_cast<std::size_t>(y)));
      row.emplace_back(mean_of(over_replications(records, i, [&](const ArmRecord& r) { return r.money.savings[y]; })));
      for (int part = 0; part < model::ParticipantOutcomes::kParts; ++part) {
        row.emplace_back(mean_of(over_replications(records, i, [&](const ArmRecord& r) { return savings_part(scenario, r.participants, n_years, y, part); })));
      }
      t.rows.push_back(std::move(row));
    }
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
  tables.impact_years = impact_years_table(scenario, arms, records, years);
  return tables;
}

std::string format_number(double x, int decimals, bool english) {
  std::string digits = fmt::format("{:.{}f}", std::fabs(x), decimals);
  if (digits.find_first_not_of("0.") == std::string::npos) x = 0.0;  // no "-0"
  const std::size_t point = digits.find('.');
  const std::string whole = digits.substr(0, point);
  std::string out;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += english ? ',' : '.';
    out += whole[i];
  }
  if (point != std::string::npos) out += (english ? "." : ",") + digits.substr(point + 1);
  return (x < 0 ? "-" : "") + out;
}

namespace {

std::string percent(double share) { return fmt::format("{:.0f} %", 100.0 * share); }

}  // namespace

namespace {

/// The words of the participants' lines under each arm, Danish and English.
struct ParticipantWords {
  const char* participants;
  const char* at_26_weeks;
  const char* more, *fewer, *no_difference;
  const char* deadweight_26;
  const char* too_short;
  const char* at_52_weeks;
  const char* savings_from;
  const char* earlier_exit, *would_not_have_left, *non_participants, *lock_in;
};

constexpr ParticipantWords kParticipantWordsDa{
    "  Deltagere – borgere, der fik indsatsen (samtale, plads eller ændret indsats): {}\n",
    "  Selvforsørgende 26 uger efter første deltagelse: {} med indsatsen, {} uden (de samme borgere)\n",
    "{:.0f} procentpoint flere selvforsørgende",
    "{:.0f} procentpoint færre selvforsørgende",
    "ingen forskel i andelen selvforsørgende",
    "    → {}; dødvægt {} (så stor en del af resultatet var sket alligevel)\n",
    "  Selvforsørgelse 26 uger efter første deltagelse: perioden er for kort til at måle den\n",
    "  Efter 52 uger: {} med indsatsen, {} uden (dødvægt {})\n",
    "  Besparelsen på forsørgelse, {} (I alt, 1.000 kr.), kommer fra:\n",
    "deltagere, der kom hurtigere ud af ydelse, men også ellers var kommet ud i perioden",
    "deltagere, der ellers ikke var kommet ud af ydelse i perioden",
    "borgere uden for indsatsen (kapacitet og fortrængning)",
    "deltagere, der blev længere på ydelse (indlåsning)"};

constexpr ParticipantWords kParticipantWordsEn{
    "  Participants – citizens who received the intervention (meeting, place or changed service): {}\n",
    "  Self-supporting 26 weeks after first participation: {} with the intervention, {} without (the same citizens)\n",
    "{:.0f} percentage points more self-supporting",
    "{:.0f} percentage points fewer self-supporting",
    "no difference in the share self-supporting",
    "    → {}; deadweight {} (the share of the result that would have happened anyway)\n",
    "  Self-support 26 weeks after first participation: the period is too short to measure it\n",
    "  After 52 weeks: {} with the intervention, {} without (deadweight {})\n",
    "  The savings on benefits, {} (Total, 1,000 DKK), come from:\n",
    "participants who left benefits sooner but would have left within the period anyway",
    "participants who would not otherwise have left benefits within the period",
    "citizens outside the intervention (capacity and displacement)",
    "participants who stayed longer on benefits (lock-in)"};

}  // namespace

std::string format_participants(const Table& impact, const std::vector<Cell>& row, bool english) {
  const ParticipantWords& w = english ? kParticipantWordsEn : kParticipantWordsDa;
  const auto get = [&](const std::string& name) {
    const auto c = impact.column(name);
    return c && *c < row.size() ? cell_number(row[*c]) : 0.0;
  };
  std::ostringstream out;
  const double participants = get("participants");
  out << fmt::format(fmt::runtime(w.participants), format_number(participants, 0, english));
  if (participants <= 0.0) return out.str();
  const double with26 = get("self_supporting_26w_with"), without26 = get("self_supporting_26w_without");
  if (get("followed_26w") > 0.0) {
    out << fmt::format(fmt::runtime(w.at_26_weeks), percent(with26), percent(without26));
    if (with26 > 0.0) {
      const double points = std::round(100.0 * (with26 - without26));
      const std::string difference = points > 0.0   ? fmt::format(fmt::runtime(w.more), points)
                                     : points < 0.0 ? fmt::format(fmt::runtime(w.fewer), -points)
                                                    : std::string(w.no_difference);
      out << fmt::format(fmt::runtime(w.deadweight_26), difference, percent(get("deadweight_26w")));
    }
  } else {
    out << w.too_short;
  }
  if (get("followed_52w") > 0.0) {
    out << fmt::format(fmt::runtime(w.at_52_weeks), percent(get("self_supporting_52w_with")), percent(get("self_supporting_52w_without")),
                       percent(get("deadweight_52w")));
  }
  out << fmt::format(fmt::runtime(w.savings_from), format_number(get("savings") / 1000.0, 0, english));
  const auto part = [&](const char* label, const char* column) {
    out << fmt::format("    {:<84}{:>9}\n", label, format_number(get(column) / 1000.0, 0, english));
  };
  part(w.earlier_exit, "savings_earlier_exit");
  part(w.would_not_have_left, "savings_would_not_have_left");
  part(w.non_participants, "savings_non_participants");
  part(w.lock_in, "savings_lock_in");
  return out.str();
}

namespace {

/// The words of the terminal table, Danish and English.
struct TableWords {
  const char* heading;
  const char* prudence;
  const char* total;
  const char* baseline;
  const char* gross;
  const char* municipal;
  const char* fte;
  const char* investment;
  const char* financing;
  const char* savings;
  const char* stated;  ///< the municipality's own estimate (stated_savings), beside the simulated savings
  const char* net;
  const char* lo;
  const char* hi;
  const char* pays;
  const char* footer;
  const char* price_level;  ///< after the unit in the heading, when report.price_level is given
};

constexpr TableWords kDanishWords = {
    "caseflow: {} — {} replikationer, budgetår {}–{}, 1.000 kr.{} (interval: 2,5–97,5 % over replikationerne)\n",
    "Besparelser medregnet med {} % (report.prudence_factor)\n",
    "I alt",
    "Uden indsats",
    "  Forsørgelse, brutto",
    "  Forsørgelse, kommunal andel",
    "  Helårspersoner på ydelse",
    "  Investering",
    "  Finansiering",
    "  Besparelse på forsørgelse",
    "    kommunens eget skøn",
    "  Total (netto)",
    "    netto, 2,5 %-fraktil",
    "    netto, 97,5 %-fraktil",
    "    P(indsatsen betaler sig)",
    "\nNegative beløb: indsatsen sparer mere, end den koster. Helårspersoner i 'I alt' er et gennemsnit af årene;\n"
    "beløb i 'I alt' er tilbagediskonteret til første år med report.discount_rate ({} % om året).\n",
    ", {} pl",
};

constexpr TableWords kEnglishWords = {
    "caseflow: {} — {} replications, budget years {}–{}, DKK 1,000{} (interval: 2.5–97.5 % over replications)\n",
    "Savings counted at {} % (report.prudence_factor)\n",
    "Total",
    "Without intervention",
    "  Benefits, gross",
    "  Benefits, municipal share",
    "  Full-year persons on benefit",
    "  Investment",
    "  Financing",
    "  Savings on benefits",
    "    the municipality's own estimate",
    "  Total (net)",
    "    net, 2.5th percentile",
    "    net, 97.5th percentile",
    "    P(pays for itself)",
    "\nNegative amounts: the intervention saves more than it costs. Full-year persons under 'Total' are the mean\n"
    "over the years; money under 'Total' is discounted to the first year at report.discount_rate ({} % a year).\n",
    ", {} prices",
};

/// The municipality's own estimate (stated_savings) as a row under the simulated savings: the
/// same sign and the same discounted 'I alt'; a year it states nothing shows a dash.
std::string stated_savings_line(const char* label, std::size_t width, const model::Arm& arm, const std::vector<engine::BudgetYear>& years,
                                double discount_rate, bool english) {
  std::string out = fmt::format("{:<{}}", label, width);
  double total = 0.0;
  for (std::size_t y = 0; y < years.size(); ++y) {
    const auto it = std::find_if(arm.stated_savings.begin(), arm.stated_savings.end(), [&](const auto& s) { return s.first == years[y].year; });
    if (it == arm.stated_savings.end()) {
      out += fmt::format("{:>11}", "–");
      continue;
    }
    total += discount_factor(discount_rate, static_cast<int>(y)) * it->second;
    out += fmt::format("{:>11}", format_number(-it->second / 1000.0, 0, english));
  }
  return out + fmt::format("{:>11}\n", format_number(-total / 1000.0, 0, english));
}

}  // namespace

std::string format_budget_table(const model::Scenario& scenario, const std::vector<std::size_t>& arms, const RunTables& tables,
                                bool english) {
  const TableWords& w = english ? kEnglishWords : kDanishWords;
  const engine::Calendar calendar = scenario.calendar();
  const auto& years = calendar.budget_years();
  const std::size_t columns = years.size() + 1;
  std::ostringstream out;
  out << fmt::format(fmt::runtime(w.heading), scenario.name, scenario.replications, years.front().year, years.back().year,
                     scenario.report.price_index.empty() ? std::string() : fmt::format(fmt::runtime(w.price_level), scenario.report.price_year));
  if (scenario.report.prudence_factor != 1.0) {
    out << fmt::format(fmt::runtime(w.prudence), format_number(100.0 * scenario.report.prudence_factor, 0, english));
  }
  // The first column fits the longest arm label (at least 34 characters).
  std::size_t width = 34;
  for (std::size_t i = 1; i < arms.size(); ++i) {
    const model::Arm& arm = scenario.arms[arms[i]];
    width = std::max(width, fmt::detail::compute_width(fmt::string_view(arm.label.empty() ? arm.name : arm.label)) + 1);
  }
  auto header = [&](const std::string& title) {
    out << fmt::format("\n{:<{}}", title, width);
    for (const auto& y : years) out << fmt::format("{:>11}", y.year);
    out << fmt::format("{:>11}\n", w.total);
  };
  auto row_values = [&](const std::string& arm, const std::string& column) {
    std::vector<double> values;
    const auto index = tables.budget.column(column);
    for (const auto& row : tables.budget.rows) {
      if (cell_text(row[0]) == arm) values.push_back(index ? cell_number(row[*index]) : 0.0);
    }
    return values;
  };
  auto line = [&](const std::string& label, const std::vector<double>& values, double sign) {
    out << fmt::format("{:<{}}", label, width);
    for (std::size_t c = 0; c < columns && c < values.size(); ++c) out << fmt::format("{:>11}", format_number(sign * values[c] / 1000.0, 0, english));
    out << "\n";
  };
  header(w.baseline);
  line(w.gross, row_values("baseline", "benefit_gross"), 1.0);
  line(w.municipal, row_values("baseline", "benefit_municipal"), 1.0);
  {
    auto fte = row_values("baseline", "fte_on_benefit");
    if (fte.size() == columns) {  // 'I alt': the mean over the years, not their sum
      double sum = 0.0;
      for (std::size_t c = 0; c + 1 < columns; ++c) sum += fte[c];
      fte[columns - 1] = sum / static_cast<double>(columns - 1);
    }
    out << fmt::format("{:<{}}", w.fte, width);
    for (std::size_t c = 0; c < columns && c < fte.size(); ++c) out << fmt::format("{:>11}", format_number(fte[c], 0, english));
    out << "\n";
  }
  for (std::size_t i = 1; i < arms.size(); ++i) {
    const model::Arm& arm = scenario.arms[arms[i]];
    header(arm.label.empty() ? arm.name : arm.label);
    if (!arm.description.empty()) out << "  " << arm.description << "\n";
    line(w.investment, row_values(arm.name, "intervention_cost"), 1.0);
    // Grants and other income that pay for the intervention: a negative entry, like savings.
    if (!arm.financing.empty()) line(w.financing, row_values(arm.name, "financing"), -1.0);
    line(w.savings, row_values(arm.name, "savings"), -1.0);
    if (!arm.stated_savings.empty()) out << stated_savings_line(w.stated, width, arm, years, scenario.report.discount_rate, english);
    line(w.net, row_values(arm.name, "net"), 1.0);
    const auto lo = row_values(arm.name, "net_lo");
    const auto hi = row_values(arm.name, "net_hi");
    line(w.lo, lo, 1.0);
    line(w.hi, hi, 1.0);
    const auto p = row_values(arm.name, "p_net_saving");
    out << fmt::format("{:<{}}", w.pays, width);
    for (std::size_t c = 0; c < columns && c < p.size(); ++c) out << fmt::format("{:>9.0f} %", 100.0 * p[c]);
    out << "\n";
    for (const auto& row : tables.impact.rows) {
      if (cell_text(row[0]) != arm.name) continue;
      out << format_participants(tables.impact, row, english);
      out << fmt::format(fmt::runtime(english ? "  Extra exits to self-support in the period: {}\n" : "  Ekstra afgange til selvforsørgelse i perioden: {}\n"),
                         format_number(cell_number(row[4]), 1, english));
    }
  }
  out << fmt::format(fmt::runtime(w.footer), format_number(100.0 * scenario.report.discount_rate, 1, english));
  return out.str();
}

}  // namespace caseflow::economics
