#pragma once
/// @file markov_form.hpp
/// A model as a continuous-time Markov chain: the generator Q over "micro states", the entry
/// points for inflow and initial stock, and which model state each micro state stands for.
///
/// Exact for constant-rate hazards and exponential programme durations. `return` sends a citizen
/// back to the last non-programme state it was in (the simulator's rule; citizens who start in
/// a programme return to the model's first non-programme, non-self-supporting state), so a
/// programme from which a `return` can be reached gets one copy per such state: where it
/// returns to is then part of the state, and return stays Markov. With `phases = K > 0` three non-memoryless parts are
/// approximated by phase expansion (exact only as K grows): fixed programme durations become
/// Erlang-K, fixed meeting intervals (meetings without a pool) become Erlang-K intervals, and
/// piecewise hazards on the time-in-state clock get K clock phases per piece. Capacity (pools,
/// slots), Weibull hazards and the spell clock have no Markov form and are refused.

#include <stdexcept>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "model/spec.hpp"

namespace caseflow::analytic {

struct Options {
  /// 0: exact only (refuse anything not memoryless); K > 0: expand fixed durations, fixed
  /// meeting intervals and piecewise clocks into K phases each.
  int phases = 0;
};

/// Why a part of the scenario has no Markov form; `origin.path` is the offending key.
struct Problem {
  model::Origin origin;
  std::string message;
};

/// Thrown when the scenario (or arm) cannot be put in Markov form; carries every problem.
class NotMarkov : public std::runtime_error {
 public:
  explicit NotMarkov(std::vector<Problem> problems);
  [[nodiscard]] const std::vector<Problem>& problems() const { return problems_; }

 private:
  std::vector<Problem> problems_;
};

/// Everything in `arm` that has no (exact, or with `options.phases` approximate) Markov form.
/// Empty means markov_form() will succeed.
std::vector<Problem> markov_problems(const model::Arm& arm, const Options& options);

/// markov_problems for arm `arm` of `scenario` as it is simulated: the baseline model while the
/// arm is inactive, the arm's own model and effects while it is active.
std::vector<Problem> markov_problems(const model::Scenario& scenario, std::size_t arm, const Options& options);

/// The chain for one arm, for the citizens of one target group (or of all groups when nothing
/// in the arm depends on the group). Two regimes share one layout of micro states:
/// [0] the arm inactive (the baseline model, no effects), [1] active (the arm's model and
/// effects). For the baseline both are the baseline.
struct MarkovForm {
  int size = 0;                          ///< number of micro states
  std::vector<model::StateId> state_of;  ///< model state of each micro state
  /// Generators per regime (row i -> column j rates per week, rows sum to 0).
  std::vector<Eigen::MatrixXd> generator;
  /// Per regime and model state: the distribution over micro states of a citizen arriving there
  /// from outside (inflow, initial stock). Empty for states nobody starts in directly.
  std::vector<std::vector<std::vector<std::pair<int, double>>>> arrival;
  bool approximate = false;  ///< true if any phase expansion was used
};

/// Builds the chain for a single model: regime [0] is `arm.model` without effects, [1] with
/// `arm.effects`. Group filters are evaluated for `group` (kNone: nothing depends on the group).
/// Throws NotMarkov if markov_problems() is not empty.
MarkovForm markov_form(const model::Arm& arm, int group, const Options& options);

/// The chain for arm `arm` of `scenario` as simulated (see MarkovForm for the regimes).
MarkovForm markov_form(const model::Scenario& scenario, std::size_t arm, int group, const Options& options);

/// True if something in the arm (meeting eligibility, effect targets) depends on the group,
/// so each group needs its own chain.
bool depends_on_group(const model::Arm& arm);

}  // namespace caseflow::analytic
