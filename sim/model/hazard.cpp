#include "model/hazard.hpp"

#include <algorithm>
#include <cmath>

namespace caseflow::model {

double cumulative_hazard(const Hazard& h, double s) {
  if (s <= 0.0) return 0.0;
  switch (h.kind) {
    case Hazard::Kind::rate:
      return h.rate * s;
    case Hazard::Kind::weibull:
      return std::pow(s / h.scale, h.shape);
    case Hazard::Kind::piecewise: {
      double total = 0.0;
      for (std::size_t i = 0; i < h.steps.size(); ++i) {
        const double begin = h.steps[i].first;
        if (s <= begin) break;
        const double end = i + 1 < h.steps.size() ? std::min(s, h.steps[i + 1].first) : s;
        total += h.steps[i].second * (end - begin);
      }
      return total;
    }
  }
  return 0.0;
}

double inverse_cumulative_hazard(const Hazard& h, double target) {
  if (target <= 0.0) return 0.0;
  switch (h.kind) {
    case Hazard::Kind::rate:
      return h.rate > 0.0 ? target / h.rate : kInfinity;
    case Hazard::Kind::weibull:
      return h.scale * std::pow(target, 1.0 / h.shape);
    case Hazard::Kind::piecewise: {
      double left = target;
      for (std::size_t i = 0; i < h.steps.size(); ++i) {
        const double begin = h.steps[i].first;
        const double rate = h.steps[i].second;
        const bool last = i + 1 == h.steps.size();
        const double width = last ? kInfinity : h.steps[i + 1].first - begin;
        if (rate > 0.0 && rate * width >= left) return begin + left / rate;
        if (!last) left -= rate * width;
      }
      return kInfinity;
    }
  }
  return kInfinity;
}

namespace {

// Calls visit(segment_begin, segment_end, multiplier) for the path's segments clipped to
// [from, to); stops early when visit returns true.
template <class Visit>
void for_each_segment(const MultiplierPath& path, double from, double to, Visit visit) {
  const std::size_t n = path.begin.size();
  for (std::size_t k = 0; k < n; ++k) {
    const double seg_end = k + 1 < n ? path.begin[k + 1] : kInfinity;
    const double a = std::max(from, path.begin[k]);
    const double b = std::min(to, seg_end);
    if (b <= a) continue;
    if (visit(a, b, path.value[k])) return;
  }
}

}  // namespace

double time_to_threshold(const Hazard& h, double clock_origin, double from, double remaining,
                         const MultiplierPath& path) {
  // The common case, a multiplier of 1 throughout: the loop below reduces to this (left / 1 is
  // left exactly), so the result is the same to the bit.
  if (path.begin.size() == 1 && path.begin[0] <= from && path.value[0] == 1.0 && std::isfinite(from)) {
    const double h_from = cumulative_hazard(h, from - clock_origin);
    if (std::isfinite(h_from)) return std::max(from, clock_origin + inverse_cumulative_hazard(h, h_from + remaining));
  }
  double result = kInfinity;
  double left = remaining;
  for_each_segment(path, from, kInfinity, [&](double a, double b, double m) {
    if (m <= 0.0) return false;
    const double h_a = cumulative_hazard(h, a - clock_origin);
    const double h_b = std::isinf(b) ? kInfinity : cumulative_hazard(h, b - clock_origin);
    if (m * (h_b - h_a) >= left) {
      result = std::max(a, clock_origin + inverse_cumulative_hazard(h, h_a + left / m));
      return true;
    }
    left -= m * (h_b - h_a);
    return false;
  });
  return result;
}

double weighted_hazard_between(const Hazard& h, double clock_origin, double from, double to,
                               const MultiplierPath& path) {
  double total = 0.0;
  for_each_segment(path, from, to, [&](double a, double b, double m) {
    total += m * (cumulative_hazard(h, b - clock_origin) - cumulative_hazard(h, a - clock_origin));
    return false;
  });
  return total;
}

}  // namespace caseflow::model
