#pragma once
/// @file points.hpp
/// The points of an experiment: one value (as `--set` VALUE text) per parameter.
///
/// grid: every combination, lexicographic over the parameters in file order (the last
/// parameter varies fastest). oneway: point 0 is the base (every parameter at the scenario's
/// own value), then each parameter's low and high with the others at base, in file order.
/// psa: `draws` points; draw d's value of parameter k is quantile(distribution_k, u) with u the
/// first uniform of the stream (seed, d, k, kPsaPurpose), so a draw is a pure function of
/// (seed, d, k) and adding draws or parameters leaves the existing ones unchanged.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/distribution.hpp"
#include "io/experiment_loader.hpp"

namespace caseflow::sweep {

/// Stream purpose of PSA parameter draws; far from the model's own purposes.
inline constexpr std::uint32_t kPsaPurpose = 0x50534130u;  // "PSA0"

/// One point: values[k] is parameter k's value, as YAML text.
struct Point {
  std::vector<std::string> values;
};

/// Number of points the experiment has (grid: product of the list lengths; oneway: 1 + 2P; psa: draws).
std::size_t point_count(const io::ExperimentFile& experiment);

/// Every point, in order. `psa_seed` seeds the PSA draws (ignored by grid and oneway).
std::vector<Point> make_points(const io::ExperimentFile& experiment, std::uint64_t psa_seed);

/// Draw `draw`'s value of parameter `parameter` from `distribution`.
double psa_draw(const engine::Distribution& distribution, std::uint64_t seed, std::uint64_t draw, std::uint64_t parameter);

/// A number as the shortest text that reads back as the same double (so that the value written
/// in sweep.csv is exactly the value simulated).
std::string number_text(double x);

}  // namespace caseflow::sweep
