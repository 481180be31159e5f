#include "calibrate/evaluator.hpp"

#include <cmath>
#include <limits>

#include "engine/thread_pool.hpp"
#include "io/diagnostics.hpp"
#include "model/simulation.hpp"

namespace caseflow::calibrate {

Evaluator::Evaluator(std::vector<Target> targets, std::size_t arm, unsigned threads, const std::atomic<bool>* cancel)
    : targets_(std::move(targets)), arm_(arm), threads_(threads), cancel_(cancel) {
  // The cohort observer follows one (state, minimum spell) per run: targets that share one
  // share a run.
  for (const auto& t : targets_) {
    int index = -1;
    if (t.kind == Target::Kind::exit_share) {
      for (std::size_t c = 0; c < cohorts_.size(); ++c) {
        if (cohorts_[c].state == t.from && cohorts_[c].min_spell_weeks == t.min_spell_weeks) index = static_cast<int>(c);
      }
      if (index < 0) {
        cohorts_.push_back(Cohort{t.from, t.min_spell_weeks});
        index = static_cast<int>(cohorts_.size()) - 1;
      }
    }
    cohort_of_.push_back(index);
  }
}

namespace {

/// One point's means, their covariance and standard errors over its replications r0 …
/// r0 + reps − 1, from each replication's numerator and denominator per target.
Evaluation summarise_point(const std::vector<Target>& targets, const std::vector<double>& num, const std::vector<double>& den,
                           std::size_t r0, std::size_t reps) {
  const std::size_t n_targets = targets.size();
  Evaluation e;
  e.mean.assign(n_targets, 0.0);
  e.se.assign(n_targets, 0.0);
  std::vector<double> deviation(reps * n_targets, 0.0);
  const double rr = static_cast<double>(reps);
  for (std::size_t i = 0; i < n_targets; ++i) {
    double sum_num = 0.0, sum_den = 0.0;
    for (std::size_t r = r0; r < r0 + reps; ++r) {
      sum_num += num[r * n_targets + i];
      sum_den += den[r * n_targets + i];
    }
    if (sum_den <= 0.0) {
      const Target& t = targets[i];
      throw io::InputError({io::Diagnostic{
          io::Diagnostic::Severity::error, t.file, t.line, 1, "state_or_from",
          "no citizen is in '" + t.state_or_from + "' with a spell of at least " + (t.to.empty() ? "0" : t.to) +
              " weeks at week 0 in any replication, so the exit share is undefined"}});
    }
    const double mean = sum_num / sum_den;
    const double mean_den = sum_den / rr;
    // Ratio estimator, linearised: each replication contributes (num_r - mean·den_r)/den̄;
    // with den = 1 this is the plain deviation from the mean.
    for (std::size_t r = 0; r < reps; ++r) {
      deviation[r * n_targets + i] = (num[(r0 + r) * n_targets + i] - mean * den[(r0 + r) * n_targets + i]) / mean_den;
    }
    e.mean[i] = mean;
  }
  e.covariance.assign(n_targets * n_targets, std::numeric_limits<double>::quiet_NaN());
  if (reps > 1) {
    for (std::size_t i = 0; i < n_targets; ++i) {
      for (std::size_t j = 0; j < n_targets; ++j) {
        double c = 0.0;
        for (std::size_t r = 0; r < reps; ++r) c += deviation[r * n_targets + i] * deviation[r * n_targets + j];
        e.covariance[i * n_targets + j] = c / (rr * (rr - 1.0));
      }
    }
  }
  for (std::size_t i = 0; i < n_targets; ++i) e.se[i] = std::sqrt(e.covariance[i * n_targets + i]);
  return e;
}

}  // namespace

std::vector<Evaluation> Evaluator::evaluate(const std::vector<model::Scenario>& points) const {
  const std::size_t n_targets = targets_.size();
  std::vector<std::size_t> first_task(points.size() + 1, 0);
  for (std::size_t p = 0; p < points.size(); ++p) first_task[p + 1] = first_task[p] + static_cast<std::size_t>(points[p].replications);
  const std::size_t tasks = first_task.back();
  // Per task (point, replication): numerator and denominator of each target. A stock or flow
  // has denominator 1; an exit share has (cohort members who left, cohort size).
  std::vector<double> num(tasks * n_targets, 0.0), den(tasks * n_targets, 1.0);

  engine::parallel_for(tasks, threads_, [&](std::size_t task) {
    std::size_t p = 0;
    while (first_task[p + 1] <= task) ++p;
    const int replication = static_cast<int>(task - first_task[p]);
    const model::Scenario& scenario = points[p];
    const std::size_t runs = runs_per_replication();
    for (std::size_t run = 0; run < runs; ++run) {
      model::SimulationOptions options;
      options.cancel = cancel_;
      if (!cohorts_.empty()) {
        options.cohort_state = cohorts_[run].state;
        options.cohort_min_spell_weeks = cohorts_[run].min_spell_weeks;
      }
      const model::ArmResult r = model::simulate_arm(scenario, arm_, replication, nullptr, options);
      const auto n = static_cast<std::size_t>(r.states);
      for (std::size_t i = 0; i < n_targets; ++i) {
        const Target& t = targets_[i];
        double& x = num[task * n_targets + i];
        switch (t.kind) {
          case Target::Kind::stock:
            if (run == 0) x = r.occupancy[static_cast<std::size_t>(t.week) * n + static_cast<std::size_t>(t.from)];
            break;
          case Target::Kind::flow: {
            if (run != 0) break;
            const auto y = static_cast<std::size_t>(t.year_index);
            x = t.from < 0 ? r.arrivals[y * n + static_cast<std::size_t>(t.to_state)]
                           : r.flows[(y * n + static_cast<std::size_t>(t.from)) * n + static_cast<std::size_t>(t.to_state)];
            break;
          }
          case Target::Kind::exit_share:
            if (cohort_of_[i] != static_cast<int>(run)) break;
            x = r.cohort_exits[static_cast<std::size_t>(t.week)];
            den[task * n_targets + i] = static_cast<double>(r.cohort_size);
            break;
        }
      }
    }
  });

  std::vector<Evaluation> out(points.size());
  for (std::size_t p = 0; p < points.size(); ++p) {
    out[p] = summarise_point(targets_, num, den, first_task[p], first_task[p + 1] - first_task[p]);
  }
  return out;
}

}  // namespace caseflow::calibrate
