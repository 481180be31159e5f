#pragma once
/// @file experiment_keys.hpp
/// The one list of experiment-file keys (`caseflow sweep`): the loader checks maps against it
/// and docs/experiment-keys.md is generated from it, so the two cannot drift apart.

#include <string>
#include <string_view>
#include <vector>

#include "io/key_registry.hpp"

namespace caseflow::io {

/// Every section of an experiment file, in documentation order.
const std::vector<SectionInfo>& experiment_sections();
/// Every key, grouped by section in documentation order.
const std::vector<KeyInfo>& experiment_keys();
/// The keys allowed in `section` of an experiment file, in registry order.
std::vector<std::string> experiment_keys_of(std::string_view section);

/// The experiment-file reference as Markdown (committed as docs/experiment-keys.md).
std::string experiment_key_reference_markdown();

}  // namespace caseflow::io
