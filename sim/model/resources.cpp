#include "model/resources.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "engine/system_memory.hpp"
#include "model/simulation.hpp"

namespace caseflow::model {
namespace {

// Calibration (tests/README.md, "Memory estimate"): peak resident memory measured with
// `/usr/bin/time -v caseflow run … --threads 1 --replications 1 --set initial[0].count=N`:
// tests/data/model/two_state_savings.yaml (no meeting track): 104 MB at N = 5·10^5, 272 MB at
// 1.5·10^6, a slope of 168 bytes per citizen; tests/data/golden/scenario.yaml (one meeting
// track, three arms): 72 MB at 10^5, 276 MB at 10^6, 498 MB at 2·10^6, a slope of 222 bytes.
// The slope covers the per-citizen record and columns (model/citizens.hpp, about 80 bytes), the pending
// events, the baseline's per-citizen exit record kept while the other arms run, and vector
// growth slack. Rounded up slightly so that the estimate errs on the high side.
constexpr double kBytesPerCitizen = 175.0;
constexpr double kBytesPerCitizenTrack = 55.0;
/// The executable, its libraries, thread stacks and output buffers (the intercept above).
constexpr double kFixedBytes = 45.0e6;
/// One table row of the summarised output (cells are strings and doubles in vectors).
constexpr double kBytesPerTableRow = 400.0;
constexpr double kWeeksPerYear = 52.1775;
/// Citizens are numbered with 32 bits in the simulator.
constexpr double kMaxCitizens = 4294967295.0;

double citizens_of(const Model& m, double simulated_years) {
  double citizens = 0.0;
  for (const auto& s : m.initial) citizens += static_cast<double>(s.count);
  for (const auto& in : m.inflow) citizens += in.per_year * simulated_years;
  return citizens;
}

}  // namespace

double stored_baseline_bytes(const Scenario& scenario) {
  // Its records, as estimate_memory counts one arm's (a sweep's kept baseline has dropped its
  // per-citizen ledger and exit record), and the person-weeks by year, benefit and refund step.
  const Model& base = scenario.baseline();
  const double years = static_cast<double>(scenario.years) + 1.0;
  const double states = static_cast<double>(base.states.size());
  const double resources = static_cast<double>(base.pools.size() + base.slots.size());
  const double weeks = static_cast<double>(scenario.years) * kWeeksPerYear + 1.0;
  double steps = 1.0;
  for (const auto& schedule : base.refund.schedules) steps = std::max(steps, static_cast<double>(schedule.steps.size()));
  return weeks * states * 4.0 + years * states * states * 8.0 + years * states * 8.0 + years * resources * 56.0 +
         years * static_cast<double>(base.benefits.size()) * steps * 8.0 + 512.0;
}

double shared_past_bytes(const Scenario& scenario) {
  const Model& base = scenario.baseline();
  const double simulated_years = static_cast<double>(scenario.years) + static_cast<double>(scenario.warmup_years);
  return citizens_of(base, simulated_years) * (kBytesPerCitizen + kBytesPerCitizenTrack * static_cast<double>(base.meetings.size()));
}

MemoryEstimate estimate_run_memory(const Scenario& scenario, const std::vector<std::size_t>& arms, unsigned threads) {
  const double replications = std::max(1, scenario.replications);
  return estimate_memory(scenario, arms, static_cast<unsigned>(std::clamp<double>(threads, 1.0, replications)), replications);
}

MemoryEstimate estimate_memory(const Scenario& scenario, const std::vector<std::size_t>& arms, unsigned concurrent,
                               double stored_replications) {
  MemoryEstimate e;
  const double simulated_years = static_cast<double>(scenario.years) + static_cast<double>(scenario.warmup_years);
  const double replications = stored_replications;
  e.concurrent_replications = std::max(1u, concurrent);

  // A replication runs its arms one after another; the largest arm sets the peak, and the
  // baseline's exit record (counted in kBytesPerCitizen) is alive meanwhile.
  double per_replication = 0.0;
  double states = 0.0, resources = 0.0;
  for (std::size_t a : arms) {
    const Model& m = scenario.arms[a].model;
    const double citizens = citizens_of(m, simulated_years);
    e.citizens_per_replication = std::max(e.citizens_per_replication, citizens);
    per_replication = std::max(per_replication, citizens * (kBytesPerCitizen + kBytesPerCitizenTrack * static_cast<double>(m.meetings.size())));
    states = std::max(states, static_cast<double>(m.states.size()));
    resources = std::max(resources, static_cast<double>(m.pools.size() + m.slots.size()));
  }
  // When an arm starts after the first simulated day, the replication's shared past
  // (model/fork.cpp) is kept beside the run in progress.
  if (std::isfinite(divergence_time(scenario, arms, SimulationOptions{}))) per_replication += shared_past_bytes(scenario);
  e.simulation_bytes = per_replication * e.concurrent_replications;

  // Each replication keeps, per arm, its weekly occupancy (4 bytes per state-week), flows by
  // year (8 bytes per state pair) and resource statistics, until the tables are made.
  const double weeks = static_cast<double>(scenario.years) * kWeeksPerYear + 1.0;
  const double years = static_cast<double>(scenario.years) + 1.0;
  const double arm_count = static_cast<double>(arms.size());
  const double per_record = weeks * states * 4.0 + years * states * states * 8.0 + years * states * 8.0 + years * resources * 56.0 + 512.0;
  e.results_bytes = replications * arm_count * per_record;
  e.fixed_bytes = kFixedBytes + arm_count * weeks * states * kBytesPerTableRow;

  // Name the value to change: the largest single contributor.
  const Model& base = scenario.baseline();
  const double per_citizen = kBytesPerCitizen + kBytesPerCitizenTrack * static_cast<double>(base.meetings.size());
  double best = e.results_bytes;
  e.main_driver = "scenario.replications";
  if (e.fixed_bytes > best) {
    best = e.fixed_bytes;
    e.main_driver = "scenario.years";
  }
  for (std::size_t i = 0; i < base.initial.size(); ++i) {
    const double bytes = static_cast<double>(base.initial[i].count) * per_citizen * e.concurrent_replications;
    if (bytes > best) {
      best = bytes;
      e.main_driver = fmt::format("initial[{}].count", i);
    }
  }
  for (std::size_t i = 0; i < base.inflow.size(); ++i) {
    const double bytes = base.inflow[i].per_year * simulated_years * per_citizen * e.concurrent_replications;
    if (bytes > best) {
      best = bytes;
      e.main_driver = fmt::format("inflow[{}].per_year", i);
    }
  }
  return e;
}

std::string memory_problem(const MemoryEstimate& estimate, double available, const std::string& limited_by) {
  using engine::format_bytes;
  const double budget = 0.9 * available;
  const double total = estimate.total_bytes();
  if (total <= budget) {
    if (estimate.citizens_per_replication <= kMaxCitizens) return "";
    return fmt::format("this run simulates about {:.3g} citizens per replication; the simulator handles at most {:.0f} "
                       "(scale the population down and the money up by the same factor)",
                       estimate.citizens_per_replication, kMaxCitizens);
  }
  std::string suggestion;
  const double one_replication = estimate.simulation_bytes / estimate.concurrent_replications;
  const double fixed = estimate.results_bytes + estimate.fixed_bytes;
  const double fitting_threads = std::floor((budget - fixed) / one_replication);
  if (estimate.main_driver == "scenario.replications" || estimate.main_driver == "scenario.years") {
    suggestion = estimate.main_driver == "scenario.replications"
                     ? "use fewer replications (--replications); the stored results grow with each"
                     : "shorten the horizon (scenario.years)";
  } else if (estimate.concurrent_replications > 1 && fitting_threads >= 1.0) {
    suggestion = fmt::format("use fewer threads: --threads {:.0f} fits", fitting_threads);
  } else {
    suggestion = fmt::format("a smaller population: each citizen takes about {:.0f} bytes in each of the {} replications "
                             "running at once; scale counts and inflow down and the money up by the same factor",
                             one_replication / std::max(1.0, estimate.citizens_per_replication), estimate.concurrent_replications);
  }
  const bool cgroup = limited_by.rfind("cgroup", 0) == 0;
  return fmt::format("this run needs about {} of memory; {} {} available{} ({})", format_bytes(total),
                     cgroup ? "this process has" : "this machine has", format_bytes(available),
                     cgroup ? " under its " + limited_by : "", suggestion);
}

}  // namespace caseflow::model

// ---- work ------------------------------------------------------------------------------------

namespace caseflow::model {
namespace {

/// A hazard's fastest rate per week (piecewise: its largest step; Weibull: one over its mean).
double pace_of(const Hazard& h) {
  switch (h.kind) {
    case Hazard::Kind::rate:
      return h.rate;
    case Hazard::Kind::piecewise: {
      double fastest = 0.0;
      for (const auto& step : h.steps) fastest = std::max(fastest, step.second);
      return fastest;
    }
    case Hazard::Kind::weibull: {
      const double mean = h.scale * std::tgamma(1.0 + 1.0 / std::max(h.shape, 1e-3));
      return mean > 0.0 ? 1.0 / mean : kInfinity;
    }
  }
  return 0.0;
}

/// The pace of one arm's model: the fastest sustainable rate of events of one citizen.
struct Pace {
  double per_week = 0.0;
  std::vector<StateId> states;
  Origin driver;
};

/// The states as a graph: each state's rate of leaving (hazards, programme ends, moving
/// meetings), its meetings a week, the value that drives its fastest way out, and where it leads.
struct StateGraph {
  std::vector<double> leave, meetings, largest;
  std::vector<Origin> driver;
  std::vector<std::vector<std::size_t>> next;
};

StateGraph graph_of_arm(const Arm& arm) {
  const Model& m = arm.model;
  const std::size_t n = m.states.size();
  StateGraph g{std::vector<double>(n, 0.0), std::vector<double>(n, 0.0), std::vector<double>(n, 0.0), std::vector<Origin>(n),
               std::vector<std::vector<std::size_t>>(n)};
  auto add = [&](std::size_t s, double rate, const Origin& origin) {
    g.leave[s] += rate;
    if (rate > g.largest[s]) {
      g.largest[s] = rate;
      g.driver[s] = origin;
    }
  };
  for (const Transition& t : m.transitions) {
    double rate = pace_of(t.hazard);
    for (const auto& by_group : t.by_group) {
      if (by_group) rate = std::max(rate, pace_of(*by_group));
    }
    for (const Effect& e : arm.effects) {
      if (e.kind == Effect::Kind::hazard && e.from == t.from && e.to == t.to && e.multiplier > 1.0) rate *= e.multiplier;
    }
    add(t.from, rate, t.origin);
    g.next[t.from].push_back(t.to);
  }
  for (std::size_t s = 0; s < n; ++s) {
    const State& st = m.states[s];
    if (!st.duration) continue;
    const double mean = engine::mean(*st.duration);
    Origin origin = st.origin;
    origin.path = "states." + st.name + ".duration";
    add(s, mean > 0.0 ? 1.0 / mean : kInfinity, origin);
    for (const ProgrammeExit& x : st.exits) {
      if (x.to >= 0) g.next[s].push_back(static_cast<std::size_t>(x.to));
    }
  }
  // `return` goes back where the citizen came from: any state that leads here.
  for (std::size_t s = 0; s < n; ++s) {
    bool returns = false;
    for (const ProgrammeExit& x : m.states[s].exits) returns = returns || x.to_return;
    if (!returns) continue;
    for (std::size_t u = 0; u < n; ++u) {
      if (std::find(g.next[u].begin(), g.next[u].end(), s) != g.next[u].end()) g.next[s].push_back(u);
    }
  }
  for (const MeetingTrack& track : m.meetings) {
    const double rate = track.interval_min > 0.0 ? 1.0 / track.interval_min : kInfinity;
    for (const StateId s : track.states) {
      g.meetings[s] += rate;
      double moving = 0.0;
      for (const MeetingOutcome& o : track.outcomes) {
        if (o.from != s || o.to == s) continue;
        moving += o.probability;
        g.next[s].push_back(o.to);
      }
      Origin origin = track.origin;
      origin.path = "meetings." + track.name + ".interval_weeks";
      add(s, rate * moving, origin);
      if (rate > g.largest[s]) {  // the meetings themselves are the work, moving or not
        g.largest[s] = rate;
        g.driver[s] = origin;
      }
    }
  }
  return g;
}

/// The fastest cycle: its state changes a week, its states (first to last; empty if the walk
/// found no loop) and the state the search ended in; `entry` is the state count if none.
struct Cycle {
  double per_week = 0.0;
  std::vector<StateId> states;
  std::size_t entry = 0;
};

/// Karp's minimum mean cycle, with each state's mean stay (1 / leave) on its out-edges: the
/// fastest cycle a citizen can go round.
Cycle fastest_cycle(const StateGraph& g) {
  const std::size_t n = g.leave.size();
  std::vector<double> stay(n);
  for (std::size_t s = 0; s < n; ++s) stay[s] = g.leave[s] > 0.0 ? 1.0 / g.leave[s] : kInfinity;
  std::vector<std::vector<double>> d(n + 1, std::vector<double>(n, kInfinity));
  std::vector<std::vector<int>> parent(n + 1, std::vector<int>(n, -1));
  for (std::size_t v = 0; v < n; ++v) d[0][v] = 0.0;
  for (std::size_t k = 1; k <= n; ++k) {
    for (std::size_t u = 0; u < n; ++u) {
      if (!std::isfinite(d[k - 1][u]) || !std::isfinite(stay[u])) continue;
      for (const std::size_t v : g.next[u]) {
        const double length = d[k - 1][u] + stay[u];
        if (length < d[k][v]) {
          d[k][v] = length;
          parent[k][v] = static_cast<int>(u);
        }
      }
    }
  }
  double best = kInfinity;
  std::size_t best_v = n;
  for (std::size_t v = 0; v < n; ++v) {
    if (!std::isfinite(d[n][v])) continue;
    double worst = -kInfinity;
    for (std::size_t k = 0; k < n; ++k) {
      if (std::isfinite(d[k][v])) worst = std::max(worst, (d[n][v] - d[k][v]) / static_cast<double>(n - k));
    }
    if (worst < best) {
      best = worst;
      best_v = v;
    }
  }
  Cycle cycle;
  cycle.entry = best_v;
  if (best_v == n) return cycle;
  cycle.per_week = best > 0.0 ? 1.0 / best : kInfinity;
  // The walk of n steps into best_v repeats a state; the loop between is a fastest cycle.
  std::vector<std::size_t> walk{best_v};
  std::size_t v = best_v;
  for (std::size_t k = n; k > 0 && parent[k][v] >= 0; --k) {
    v = static_cast<std::size_t>(parent[k][v]);
    walk.push_back(v);
  }
  for (std::size_t i = 0; i < walk.size() && cycle.states.empty(); ++i) {
    for (std::size_t j = i + 1; j < walk.size(); ++j) {
      if (walk[j] != walk[i]) continue;
      for (std::size_t k = j; k > i; --k) cycle.states.push_back(static_cast<StateId>(walk[k]));
      break;
    }
  }
  return cycle;
}

Pace pace_of_arm(const Arm& arm) {
  const StateGraph g = graph_of_arm(arm);
  const Cycle cycle = fastest_cycle(g);
  Pace pace;
  if (cycle.entry < g.leave.size()) {
    pace.per_week = cycle.per_week;
    pace.states = cycle.states;
    std::size_t fastest = pace.states.empty() ? cycle.entry : pace.states.front();
    for (const StateId s : pace.states) {
      if (g.leave[s] > g.leave[fastest]) fastest = s;
    }
    pace.driver = g.driver[fastest];
  }
  // Meetings are work while a citizen sits in a state, moving or not.
  for (std::size_t s = 0; s < g.meetings.size(); ++s) {
    if (g.meetings[s] > pace.per_week) {
      pace.per_week = g.meetings[s];
      pace.states = {static_cast<StateId>(s)};
      pace.driver = g.driver[s];
    }
  }
  return pace;
}

double citizens_in(const Model& m, double simulated_years) {
  double citizens = 0.0;
  for (const auto& s : m.initial) citizens += static_cast<double>(s.count);
  for (const auto& in : m.inflow) citizens += in.per_year * simulated_years;
  return citizens;
}

}  // namespace

WorkEstimate estimate_work(const Scenario& scenario, const std::vector<std::size_t>& arms, double replications) {
  WorkEstimate w;
  const double simulated_years = static_cast<double>(scenario.years) + static_cast<double>(scenario.warmup_years);
  const double weeks = simulated_years * kWeeksPerYear;
  for (const std::size_t a : arms) {
    const Arm& arm = scenario.arms[a];
    const double citizens = citizens_in(arm.model, simulated_years);
    const Pace pace = pace_of_arm(arm);
    const double citizen_weeks = citizens * weeks;
    w.citizen_weeks = std::max(w.citizen_weeks, citizen_weeks);
    w.events += replications * (citizens * static_cast<double>(arm.model.states.size() + 1) + citizen_weeks * pace.per_week);
    if (pace.per_week > w.events_per_citizen_week) {
      w.events_per_citizen_week = pace.per_week;
      w.fastest_states.clear();
      for (const StateId s : pace.states) w.fastest_states.push_back(arm.model.states[s].name);
      w.driver = pace.driver;
    }
  }
  return w;
}

std::string work_problem(const WorkEstimate& w) {
  std::string states;
  for (const auto& s : w.fastest_states) states += (states.empty() ? "" : " → ") + s;
  if (w.fastest_states.size() > 1) states += " → " + w.fastest_states.front();
  if (w.events_per_citizen_week > kMaxEventsPerCitizenWeek) {
    return fmt::format("en borger i {} kan skifte tilstand eller have samtale omkring {:.3g} gange om ugen (grænsen er {:.0f}), "
                       "og kørslen anslås til op mod {:.3g} hændelser: det er næppe meningen (meget hurtige overgange, meget "
                       "korte forløb eller meget hyppige samtaler). Ret modellen, eller giv --allow-large for at køre alligevel",
                       states.empty() ? "modellen" : states, w.events_per_citizen_week, kMaxEventsPerCitizenWeek, w.events);
  }
  if (w.events > kMaxRunEvents) {
    return fmt::format("kørslen anslås til op mod {:.3g} hændelser (grænsen er {:.0e}; overslaget regner med at alle borgere er "
                       "der hele perioden i det hurtigste tempo, {:.3g} hændelser pr. borger-uge); brug færre replikationer "
                       "(--replications) eller arme (--arms), eller giv --allow-large for at køre alligevel",
                       w.events, kMaxRunEvents, w.events_per_citizen_week);
  }
  return "";
}

}  // namespace caseflow::model
