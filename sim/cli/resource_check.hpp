#pragma once
/// @file resource_check.hpp
/// The check every simulating command (`run`, `sweep`, `calibrate`) makes before it starts:
/// the estimates of model/resources.hpp against the memory available to this process
/// (engine/system_memory.hpp) and the bounds on work, as a located diagnostic (exit 2).

#include <string>
#include <vector>

#include "io/overrides.hpp"
#include "io/scenario_loader.hpp"
#include "model/resources.hpp"
#include "model/spec.hpp"

namespace caseflow::cli {

/// Throws io::InputError when `memory` does not fit in the memory available, or (unless
/// `allow_large`) `work` is above the bounds of model/resources.hpp. The diagnostic points at
/// the value to change: a `--set` override when the value came from one, else the scenario
/// file (`context`, when not empty, is put before the message, e.g. "at point 3 (…)").
void check_resources(const io::ScenarioDocument& document, const std::vector<io::Override>& overrides,
                     const model::MemoryEstimate& memory, const model::WorkEstimate& work, bool allow_large,
                     const std::string& context = "");

}  // namespace caseflow::cli
