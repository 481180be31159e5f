#pragma once
/// @file baseline_key.hpp
/// What the baseline's run reads from a scenario, as bytes. Two scenarios with the same key
/// simulate the same baseline in every replication: the same records, citizen ledger and exit
/// record, citizen for citizen. What they may differ in is everything the baseline's run does
/// not read: the interventions' effects, costs and patches (except the citizen sources they
/// declare, which lay out the ids), `replications`, the prudence factor and the discount rate
/// (applied when the records are priced; the price level is in the key, because the baseline's
/// citizen ledger is priced at it). A sweep simulates a baseline once for all points that share its key
/// (sweep/shared_baselines.hpp) instead of once per point.
///
/// The key is exact, not a digest: equal keys mean equal inputs. It must name every input the
/// baseline's run reads (model/simulation.cpp with arm 0, model/sources.cpp): a field added to
/// the typed scenario that the simulation reads must be added here too, or two points that
/// differ in it would share one baseline. `tests/model/baseline_key_test.cpp` changes each
/// input in turn and requires a new key.

#include <cstdint>
#include <string>

#include "model/spec.hpp"

namespace caseflow::model {

/// The inputs of the baseline's run, serialised canonically (fixed-width numbers, doubles by
/// their bits, strings with their length). Origins are left out: they only place messages.
std::string baseline_key(const Scenario& scenario);

/// A 64-bit hash of a key, to group points before their keys are compared.
std::uint64_t baseline_key_hash(const std::string& key);

}  // namespace caseflow::model
