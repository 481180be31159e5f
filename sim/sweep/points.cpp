#include "sweep/points.hpp"

#include <limits>

#include <fmt/format.h>

#include "engine/random_stream.hpp"

namespace caseflow::sweep {

std::size_t point_count(const io::ExperimentFile& experiment) {
  switch (experiment.kind) {
    case io::ExperimentFile::Kind::grid: {
      // Saturating: a grid of many long lists must not wrap around to a small count.
      std::size_t n = 1;
      for (const auto& p : experiment.parameters) {
        const std::size_t k = p.values.size();
        n = k != 0 && n > std::numeric_limits<std::size_t>::max() / k ? std::numeric_limits<std::size_t>::max() : n * k;
      }
      return experiment.parameters.empty() ? 0 : n;
    }
    case io::ExperimentFile::Kind::oneway:
      return 1 + 2 * experiment.parameters.size();
    case io::ExperimentFile::Kind::psa:
      return static_cast<std::size_t>(experiment.draws);
  }
  return 0;
}

double psa_draw(const engine::Distribution& distribution, std::uint64_t seed, std::uint64_t draw, std::uint64_t parameter) {
  const engine::RandomStream stream(engine::StreamKey{seed, draw, parameter, kPsaPurpose});
  return engine::quantile(distribution, stream.uniform(0));
}

std::string number_text(double x) { return fmt::format("{}", x); }

std::vector<Point> make_points(const io::ExperimentFile& experiment, std::uint64_t psa_seed) {
  const auto& params = experiment.parameters;
  const std::size_t n = point_count(experiment);
  std::vector<Point> points;
  points.reserve(n);
  switch (experiment.kind) {
    case io::ExperimentFile::Kind::grid: {
      // Mixed-radix counting: the last parameter is the fastest digit.
      std::vector<std::size_t> digit(params.size(), 0);
      for (std::size_t i = 0; i < n; ++i) {
        Point p;
        for (std::size_t k = 0; k < params.size(); ++k) p.values.push_back(params[k].values[digit[k]].text);
        points.push_back(std::move(p));
        for (std::size_t k = params.size(); k-- > 0;) {
          if (++digit[k] < params[k].values.size()) break;
          digit[k] = 0;
        }
      }
      break;
    }
    case io::ExperimentFile::Kind::oneway: {
      Point base;
      for (const auto& param : params) base.values.push_back(param.base.text);
      points.push_back(base);
      for (std::size_t k = 0; k < params.size(); ++k) {
        Point low = base, high = base;
        low.values[k] = params[k].low.text;
        high.values[k] = params[k].high.text;
        points.push_back(std::move(low));
        points.push_back(std::move(high));
      }
      break;
    }
    case io::ExperimentFile::Kind::psa:
      for (std::size_t d = 0; d < n; ++d) {
        Point p;
        for (std::size_t k = 0; k < params.size(); ++k) {
          p.values.push_back(number_text(psa_draw(params[k].distribution, psa_seed, d, k)));
        }
        points.push_back(std::move(p));
      }
      break;
  }
  return points;
}

}  // namespace caseflow::sweep
