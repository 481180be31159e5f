#pragma once
/// @file hazard.hpp
/// Cumulative hazards and their inverses. A competing risk is sampled as a threshold E ~ Exp(1)
/// on the cumulative-hazard scale: the event happens when the (multiplier-weighted) cumulative
/// hazard since entry reaches E. A multiplier that changes mid-spell changes only how fast the
/// threshold is approached, never the threshold itself, so draws stay aligned across arms.

#include <vector>

#include "model/spec.hpp"

namespace caseflow::model {

/// H(s) = integral of h from 0 to s, for clock value s >= 0.
double cumulative_hazard(const Hazard& h, double s);

/// The smallest s with H(s) >= target, or +infinity if H never gets there.
double inverse_cumulative_hazard(const Hazard& h, double target);

/// A piecewise-constant multiplier over absolute time: segment k applies from begin[k] to
/// begin[k+1] (the last to +infinity).
struct MultiplierPath {
  std::vector<double> begin;
  std::vector<double> value;

  static MultiplierPath constant(double from, double m) { return MultiplierPath{{from}, {m}}; }
};

/// Time at which the multiplier-weighted cumulative hazard, counted from `from`, reaches
/// `remaining`. `clock_origin` is the absolute time at which the hazard's clock was 0.
/// Returns +infinity if it never does.
double time_to_threshold(const Hazard& h, double clock_origin, double from, double remaining,
                         const MultiplierPath& path);

/// The multiplier-weighted cumulative hazard between `from` and `to`.
double weighted_hazard_between(const Hazard& h, double clock_origin, double from, double to,
                               const MultiplierPath& path);

}  // namespace caseflow::model
