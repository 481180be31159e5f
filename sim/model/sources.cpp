#include "model/sources.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>
#include <tuple>

namespace caseflow::model {
namespace {

/// A 64-bit hash of a source's kind and name with the low 32 bits cleared for the citizen's
/// index (FNV-1a, then mixed).
std::uint64_t source_key(bool initial, const std::string& name) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  const std::string text = (initial ? "initial:" : "inflow:") + name;
  for (const unsigned char ch : text) {
    h ^= ch;
    h *= 0x100000001b3ULL;
  }
  return engine::mix64(h) & ~std::uint64_t{0xffffffff};
}

std::uint64_t count_arrivals(const engine::RandomStream& stream, const ArrivalRates& rates, const engine::Calendar& calendar) {
  std::uint64_t n = 0;
  for_each_arrival(stream, rates, calendar, [&](double) { ++n; });
  return n;
}

bool operator<(const ArrivalRates& a, const ArrivalRates& b) {
  return std::tie(a.base_per_year, a.arm_per_year, a.arm_from, a.arm_until) < std::tie(b.base_per_year, b.arm_per_year, b.arm_from, b.arm_until);
}

}  // namespace

ArmPeriod arm_period(const Scenario& scenario, std::size_t arm, const engine::Calendar& calendar) {
  if (arm == 0) return {};
  const Arm& a = scenario.arms[arm];
  ArmPeriod p{std::max(a.start_week, calendar.simulation_begin()), a.practice_end_week()};  // the patch's inflow goes on with its practice
  if (p.from >= p.until || p.from >= calendar.horizon()) return {};
  return p;
}

const Model& model_at_begin(const Scenario& scenario, std::size_t arm, const engine::Calendar& calendar) {
  return arm_period(scenario, arm, calendar).from <= calendar.simulation_begin() ? scenario.arms[arm].model : scenario.arms[0].model;
}

template <class Entry>
std::vector<std::string> source_names(const Model& model, const std::vector<Entry>& entries) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const Entry& entry : entries) {
    std::string name = entry.name;
    if (name.empty()) {
      // Specs built in code: the loader's default, GROUP.STATE (#2, #3, … for repeats).
      const std::string group = entry.group >= 0 && entry.group < static_cast<int>(model.groups.size()) ? model.groups[entry.group].name : "";
      const std::string state = entry.state < model.states.size() ? model.states[entry.state].name : "";
      name = group + "." + state;
      for (int k = 2; seen.count(name) != 0; ++k) name = group + "." + state + "#" + std::to_string(k);
    }
    if (!seen.insert(name).second) throw std::runtime_error("two inflow or initial entries are both named '" + name + "'");
    names.push_back(std::move(name));
  }
  return names;
}
template std::vector<std::string> source_names(const Model&, const std::vector<Inflow>&);
template std::vector<std::string> source_names(const Model&, const std::vector<InitialStock>&);

const Inflow* find_inflow(const Model& model, const std::string& name) {
  const std::vector<std::string> names = source_names(model, model.inflow);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return &model.inflow[i];
  }
  return nullptr;
}

const InitialStock* find_initial(const Model& model, const std::string& name) {
  const std::vector<std::string> names = source_names(model, model.initial);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return &model.initial[i];
  }
  return nullptr;
}

ArrivalRates arrival_rates(const Scenario& scenario, std::size_t arm, const std::string& name, const engine::Calendar& calendar) {
  ArrivalRates rates;
  const Inflow* base = find_inflow(scenario.arms[0].model, name);
  const Inflow* mine = find_inflow(scenario.arms[arm].model, name);
  rates.base_per_year = base != nullptr ? base->per_year : 0.0;
  rates.arm_per_year = mine != nullptr ? mine->per_year : 0.0;
  const ArmPeriod period = arm_period(scenario, arm, calendar);
  rates.arm_from = period.from;
  rates.arm_until = period.until;
  return rates;
}

std::vector<CitizenSource> citizen_sources(const Scenario& scenario, const engine::StreamFamily& streams, const engine::Calendar& calendar) {
  std::set<std::pair<int, std::string>> names;  // (0 initial / 1 inflow, name): the order of blocks
  for (std::size_t a = 0; a < scenario.arms.size(); ++a) {
    for (std::string& name : source_names(model_at_begin(scenario, a, calendar), model_at_begin(scenario, a, calendar).initial)) {
      names.emplace(0, std::move(name));
    }
    for (std::string& name : source_names(scenario.arms[a].model, scenario.arms[a].model.inflow)) names.emplace(1, std::move(name));
  }
  std::vector<CitizenSource> sources;
  std::set<std::uint64_t> keys;
  std::uint64_t next_id = 0;
  for (const auto& [kind, name] : names) {
    CitizenSource s;
    s.name = name;
    s.initial = kind == 0;
    s.key = source_key(s.initial, name);
    if (!keys.insert(s.key).second) throw std::runtime_error("two citizen sources share a stream key; rename '" + name + "'");
    std::uint64_t block = 0;
    if (s.initial) {
      for (std::size_t a = 0; a < scenario.arms.size(); ++a) {
        if (const InitialStock* stock = find_initial(model_at_begin(scenario, a, calendar), name)) {
          block = std::max<std::uint64_t>(block, static_cast<std::uint64_t>(stock->count));
        }
      }
    } else {
      // Arms with the same rates draw the same arrivals: count each distinct set once.
      std::set<ArrivalRates, bool (*)(const ArrivalRates&, const ArrivalRates&)> counted(
          [](const ArrivalRates& x, const ArrivalRates& y) { return x < y; });
      const engine::RandomStream stream = streams.stream(s.key, kArrivalTimesPurpose);
      for (std::size_t a = 0; a < scenario.arms.size(); ++a) {
        ArrivalRates rates = arrival_rates(scenario, a, name, calendar);
        if (rates.arm_per_year == rates.base_per_year) rates.arm_from = rates.arm_until = kInfinity;
        if (!counted.insert(rates).second) continue;
        block = std::max(block, count_arrivals(stream, rates, calendar));
      }
    }
    if (block > std::numeric_limits<std::uint32_t>::max() - next_id) {
      throw std::runtime_error("more than 4,294,967,295 citizens in one run: reduce the inflow, the initial stock or the horizon");
    }
    s.first_id = static_cast<std::uint32_t>(next_id);
    s.block = static_cast<std::uint32_t>(block);
    next_id += block;
    sources.push_back(std::move(s));
  }
  if (sources.size() > std::numeric_limits<std::uint16_t>::max()) throw std::runtime_error("more than 65,535 inflow and initial entries");
  return sources;
}

}  // namespace caseflow::model
