#pragma once
/// @file sources.hpp
/// Where citizens come from, and so who they are. A source is an initial-stock entry or an
/// inflow entry, identified by its name (`name:`, by default `GROUP.STATE`). A citizen is the
/// i-th of its source, and its random streams are keyed by (source, i), never by its position
/// among all citizens: an arm that changes one source (doubles an inflow, changes an initial
/// count, lists the entries in another order) leaves every citizen of every other source with
/// the same streams, and so the same trajectory wherever they do not compete for capacity.
///
/// Citizens of one source have consecutive ids in a block as large as the most citizens any arm
/// of the run gives that source, so an id means the same citizen in every arm (the baseline's
/// per-citizen records can be read by id), and blocks are ordered by (initial before inflow,
/// name), so simultaneous events of different citizens are ordered the same way in every arm.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/calendar.hpp"
#include "engine/random_stream.hpp"
#include "model/arrivals.hpp"
#include "model/spec.hpp"

namespace caseflow::model {

struct CitizenSource {
  std::string name;
  bool initial = false;        ///< an initial-stock entry (else an inflow entry)
  std::uint64_t key = 0;       ///< stream entity of its i-th citizen: key | i; of its arrival times: key
  std::uint32_t first_id = 0;  ///< its citizens' ids are first_id .. first_id + block - 1
  std::uint32_t block = 0;     ///< the most citizens any arm of the run gives it
};

/// The interval [from, until) in which arm `arm`'s rules apply (both +infinity: never; the
/// baseline never switches).
struct ArmPeriod {
  double from = kInfinity;
  double until = kInfinity;
};
ArmPeriod arm_period(const Scenario& scenario, std::size_t arm, const engine::Calendar& calendar);

/// The model whose initial stock arm `arm` places on the first simulated day.
const Model& model_at_begin(const Scenario& scenario, std::size_t arm, const engine::Calendar& calendar);

/// The entries' names: `name`, or where none is given (specs built in code) the loader's
/// default, GROUP.STATE (GROUP.STATE#2, … for repeats). Throws on two equal names.
template <class Entry>
std::vector<std::string> source_names(const Model& model, const std::vector<Entry>& entries);

const Inflow* find_inflow(const Model& model, const std::string& name);
const InitialStock* find_initial(const Model& model, const std::string& name);

/// The inflow rates of source `name` in arm `arm`: the baseline's outside the arm's period and
/// the arm's inside it (0 where the model has no such entry).
ArrivalRates arrival_rates(const Scenario& scenario, std::size_t arm, const std::string& name, const engine::Calendar& calendar);

/// The sources of every arm of `scenario`, ordered and laid out as above, for the replication
/// whose streams are `streams` (the blocks of inflow sources depend on the arrivals drawn).
/// Throws std::runtime_error if there are more citizens than 32-bit ids can hold.
std::vector<CitizenSource> citizen_sources(const Scenario& scenario, const engine::StreamFamily& streams, const engine::Calendar& calendar);

/// The stream purpose of a source's arrival times (the other purposes are the simulation's).
inline constexpr std::uint32_t kArrivalTimesPurpose = 6;

}  // namespace caseflow::model
