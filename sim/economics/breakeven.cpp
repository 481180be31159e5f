#include "economics/breakeven.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "engine/percentile.hpp"

namespace caseflow::economics {
namespace {

/// A per-replication quantity whose mean is to be zero.
using Quantity = std::function<double(const BreakevenPoint&, std::size_t replication)>;

class Search {
 public:
  Search(const BreakevenEvaluate& evaluate, BreakevenResult& result) : evaluate_(evaluate), result_(result) {}

  /// The point at x (evaluated once), or null when x is out of the parameter's domain.
  const BreakevenPoint* at(double x) {
    if (const auto it = result_.points.find(x); it != result_.points.end()) return &it->second;
    if (bad_.count(x) != 0) return nullptr;
    try {
      BreakevenPoint p = evaluate_(x);
      p.x = x;
      ++result_.evaluations;
      ++spent_;
      return &result_.points.emplace(x, std::move(p)).first->second;
    } catch (const OutOfDomain&) {
      bad_.insert(x);
      ++spent_;
      return nullptr;
    }
  }

  static double mean(const BreakevenPoint& p, const Quantity& q) {
    double sum = 0.0;
    for (std::size_t r = 0; r < p.net.size(); ++r) sum += q(p, r);
    return p.net.empty() ? 0.0 : sum / static_cast<double>(p.net.size());
  }

  int spent() const { return spent_; }
  void reset_budget() { spent_ = 0; }
  const std::map<double, BreakevenPoint>& points() const { return result_.points; }

 private:
  const BreakevenEvaluate& evaluate_;
  BreakevenResult& result_;
  std::set<double> bad_;
  int spent_ = 0;
};

double interpolate(double a, double fa, double b, double fb) {
  if (fa == fb) return 0.5 * (a + b);
  return a - fa * (b - a) / (fb - fa);
}

/// Each replication's own root: the crossing of its curve nearest `near` among the points
/// evaluated (linear between the two that bracket it).
std::vector<double> replication_roots(const std::map<double, BreakevenPoint>& points, const Quantity& q, double near) {
  std::vector<double> roots;
  if (points.empty()) return roots;
  const std::size_t reps = points.begin()->second.net.size();
  for (std::size_t r = 0; r < reps; ++r) {
    double best = std::numeric_limits<double>::quiet_NaN();
    const BreakevenPoint* previous = nullptr;
    for (const auto& [x, p] : points) {
      const double v = q(p, r);
      if (v == 0.0 && (std::isnan(best) || std::fabs(x - near) < std::fabs(best - near))) best = x;
      if (previous != nullptr) {
        const double u = q(*previous, r);
        if ((u < 0.0 && v > 0.0) || (u > 0.0 && v < 0.0)) {
          const double root = interpolate(previous->x, u, x, v);
          if (std::isnan(best) || std::fabs(root - near) < std::fabs(best - near)) best = root;
        }
      }
      previous = &p;
    }
    if (!std::isnan(best)) roots.push_back(best);
  }
  return roots;
}

/// Two points whose mean of `q` lies on either side of zero (or one at zero: a == b).
struct Bracket {
  double a = 0.0, fa = 0.0, b = 0.0, fb = 0.0;
};

/// Brackets a sign change of the mean of `q` from `x0` (where it is `f0`): a first step down
/// (towards a smaller effect), then on in the direction in which the mean comes closer to zero,
/// doubling the step; a value out of the domain halves it. False when the budget runs out first.
bool bracket_sign_change(Search& search, const Quantity& q, double x0, double f0, int budget, Bracket& found) {
  double a = x0, fa = f0;
  double b = a, fb = fa;
  bool bracketed = fa == 0.0;
  double step = x0 != 0.0 ? 0.25 * std::fabs(x0) : 0.25;
  double direction = -1.0;
  bool turned = false;
  while (!bracketed && search.spent() < budget) {
    const double x = a + direction * step;
    const BreakevenPoint* p = search.at(x);
    if (p == nullptr) {
      // Out of the domain: try the boundary at 0 once if it lies between, else a shorter step.
      if ((a > 0.0 && x < 0.0) || (a < 0.0 && x > 0.0)) {
        step = std::fabs(a);
      } else {
        step *= 0.5;
      }
      if (step < 1e-12 * std::max(1.0, std::fabs(a))) {
        if (turned) break;
        direction = -direction;
        turned = true;
        step = x0 != 0.0 ? 0.25 * std::fabs(x0) : 0.25;
        a = x0;
        fa = Search::mean(*search.at(x0), q);
      }
      continue;
    }
    const double fx = Search::mean(*p, q);
    if ((fx <= 0.0 && fa >= 0.0) || (fx >= 0.0 && fa <= 0.0)) {
      b = x;
      fb = fx;
      bracketed = true;
      break;
    }
    if (std::fabs(fx) < std::fabs(fa)) {
      a = x;
      fa = fx;
      step *= 2.0;
    } else if (!turned) {
      direction = -direction;
      turned = true;
      step = x0 != 0.0 ? 0.25 * std::fabs(x0) : 0.25;
    } else {
      step *= 2.0;  // moving away on both sides: keep looking, further out
    }
  }
  found = {a, fa, b, fb};
  return bracketed;
}

/// Narrows a bracket with the Illinois method (regula falsi that halves the value kept at a
/// stale end) to a relative width of `tolerance`, or until the budget runs out.
void narrow_illinois(Search& search, const Quantity& q, Bracket& bracket, int budget, double tolerance) {
  double a = bracket.a, fa = bracket.fa, b = bracket.b, fb = bracket.fb;
  double ga = fa, gb = fb;
  while (fa != 0.0 && fb != 0.0 && search.spent() < budget) {
    if (std::fabs(b - a) <= tolerance * std::max({1.0, std::fabs(a), std::fabs(b)})) break;
    double c = interpolate(a, ga, b, gb);
    if (!(c > std::min(a, b) && c < std::max(a, b))) c = 0.5 * (a + b);
    const BreakevenPoint* p = search.at(c);
    if (p == nullptr) break;
    const double fc = Search::mean(*p, q);
    if (fc == 0.0) {
      a = b = c;
      fa = fb = 0.0;
      break;
    }
    if ((fc < 0.0) == (fb < 0.0)) {
      b = c;
      fb = gb = fc;
      ga *= 0.5;
    } else {
      a = b;
      fa = ga = fb;
      b = c;
      fb = gb = fc;
      ga = fa;
    }
  }
  bracket = {a, fa, b, fb};
}

BreakevenRoot find_root(Search& search, const Quantity& q, double x0, const BreakevenOptions& options) {
  BreakevenRoot root;
  search.reset_budget();
  const int budget = options.max_evaluations_per_root;
  const BreakevenPoint* start = search.at(x0);
  if (start == nullptr) return root;
  Bracket bracket;
  if (!bracket_sign_change(search, q, x0, Search::mean(*start, q), budget, bracket)) return root;
  narrow_illinois(search, q, bracket, budget, options.relative_tolerance);
  const double a = bracket.a, fa = bracket.fa, b = bracket.b, fb = bracket.fb;
  root.found = true;
  root.value = fa == 0.0 ? a : (fb == 0.0 ? b : interpolate(a, fa, b, fb));
  // Replications whose own root is not yet bracketed: look once or twice beyond the points.
  const std::size_t reps = start->net.size();
  for (int round = 0; round < 2; ++round) {
    if (replication_roots(search.points(), q, root.value).size() >= reps) break;
    const double lo = search.points().begin()->first, hi = search.points().rbegin()->first;
    const double width = std::max(hi - lo, 0.25 * std::max(1.0, std::fabs(root.value)));
    search.at(lo - 0.5 * width);
    search.at(hi + 0.5 * width);
  }
  const std::vector<double> roots = replication_roots(search.points(), q, root.value);
  root.replications_with_root = static_cast<int>(roots.size());
  if (!roots.empty()) {
    root.lo = engine::percentile(roots, 0.025);
    root.hi = engine::percentile(roots, 0.975);
  }
  return root;
}

}  // namespace

BreakevenResult find_breakeven(const BreakevenEvaluate& evaluate, double scenario_value, const BreakevenOptions& options) {
  BreakevenResult result;
  result.scenario_value = scenario_value;
  Search search(evaluate, result);
  const int years = options.years;
  result.net.resize(static_cast<std::size_t>(years) + 1);
  // The horizon first: its points are then at hand for the years.
  for (int k = years; k >= 0; --k) {
    const auto y = static_cast<std::size_t>(k);
    result.net[y] = find_root(search, [y](const BreakevenPoint& p, std::size_t r) { return p.net[r][y]; }, scenario_value, options);
  }
  // Direction: the mean net over the horizon at the lowest and highest values evaluated.
  if (result.points.size() >= 2) {
    const auto total = [years](const BreakevenPoint& p, std::size_t r) { return p.net[r][static_cast<std::size_t>(years)]; };
    result.net_falls = Search::mean(result.points.rbegin()->second, total) < Search::mean(result.points.begin()->second, total);
  }
  // The municipality's own estimate: savings over the years it states.
  std::vector<std::size_t> stated_years;
  for (std::size_t y = 0; y < options.stated_savings.size() && y < static_cast<std::size_t>(years); ++y) {
    if (!std::isnan(options.stated_savings[y])) {
      stated_years.push_back(y);
      result.stated_total += options.stated_savings[y];
    }
  }
  if (!stated_years.empty()) {
    result.has_stated = true;
    const double target = result.stated_total;
    const auto gap = [stated_years, target](const BreakevenPoint& p, std::size_t r) {
      double s = 0.0;
      for (std::size_t y : stated_years) s += p.savings[r][y];
      return s - target;
    };
    if (const auto it = result.points.find(scenario_value); it != result.points.end()) {
      result.simulated_savings_at_scenario_value = Search::mean(it->second, gap) + target;
    }
    result.stated = find_root(search, gap, scenario_value, options);
  }
  return result;
}

}  // namespace caseflow::economics
