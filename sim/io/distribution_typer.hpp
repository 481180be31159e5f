#pragma once
/// @file distribution_typer.hpp
/// The one typer of a distribution spec (`{fixed: x}`, `{exponential: mean}`, `{uniform: [a, b]}`,
/// `{gamma: {mean, sd}}`, …, the registry's DISTRIBUTION section), for the scenario (durations,
/// ages, elapsed weeks) and for an experiment file's PSA parameters. The reader's dialect picks
/// the wording of the messages, so each file reads as it always has.
/// May call: io/typed_reader, io/key_registry, engine/distribution.

#include <optional>

#include "engine/distribution.hpp"
#include "io/typed_reader.hpp"

namespace caseflow::io {

/// `n` as a distribution, or nullopt after reporting why not. `duration` (scenario only)
/// refuses values below 0 and warns about a normal that is often negative.
std::optional<engine::Distribution> type_distribution(const TypedReader& r, const Node& n, bool duration = false);

}  // namespace caseflow::io
