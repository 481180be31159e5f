#include "sweep/tables.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "economics/statistics.hpp"

namespace caseflow::sweep {
namespace {

constexpr int kMoney = 2;
constexpr int kShare = 4;
constexpr int kThousands = 3;  ///< 1.000 kr. to the krone

/// The row of (arm, year) in a point's rows (arm-major, then year).
const ResultRow& row_of(const Plan& plan, const PointResult& p, std::size_t arm, std::size_t year) {
  const std::size_t index = (arm - 1) * plan.year_labels.size() + year;
  if (index >= p.rows.size()) throw std::runtime_error("sweep: a point has fewer result rows than arms × years");
  return p.rows[index];
}

}  // namespace

economics::Table sweep_table(const Plan& plan, const std::vector<PointResult>& results) {
  economics::Table t;
  t.name = "sweep";
  t.columns.push_back({"point", 0});
  for (const auto& p : plan.experiment.parameters) t.columns.push_back({p.path, 0});
  for (const auto& c : economics::Table::columns_of({"arm", "year"}, 0)) t.columns.push_back(c);
  for (const char* name : {"savings", "savings_lo", "savings_hi", "net", "net_lo", "net_hi"}) t.columns.push_back({name, kMoney});
  t.columns.push_back({"p_net_saving", kShare});
  for (const auto& p : results) {
    for (const auto& r : p.rows) {
      std::vector<economics::Cell> row;
      row.emplace_back(static_cast<std::int64_t>(p.point));
      for (const auto& v : plan.points[static_cast<std::size_t>(p.point)].values) row.emplace_back(v);
      row.emplace_back(plan.arm_names[static_cast<std::size_t>(r.arm)]);
      row.emplace_back(plan.year_labels[static_cast<std::size_t>(r.year)]);
      for (const double x : {r.savings, r.savings_lo, r.savings_hi, r.net, r.net_lo, r.net_hi, r.p_net_saving}) row.emplace_back(x);
      t.rows.push_back(std::move(row));
    }
  }
  return t;
}

/// Whether changing `path` can move arm `arm`: a value under another intervention's key
/// (`interventions.OTHER.…`) changes only that intervention's arm, never this one.
bool can_move(const std::string& path, const std::string& arm) {
  const std::string prefix = "interventions.";
  if (path.rfind(prefix, 0) != 0) return true;
  const std::size_t end = path.find_first_of(".[", prefix.size());
  return path.substr(prefix.size(), end == std::string::npos ? std::string::npos : end - prefix.size()) == arm;
}

economics::Table tornado_table(const Plan& plan, const std::vector<PointResult>& results) {
  economics::Table t;
  t.name = "tornado";
  // Money in 1.000 kr. (the unit of the budget tables), three decimals so no krone is lost.
  t.columns = {{"parameter", 0}, {"low", 0},      {"high", 0}, {"net_low", kThousands},
               {"net_high", kThousands}, {"net_base", kThousands}, {"arm", 0}, {"swing", kThousands}};
  const std::size_t total = plan.year_labels.size() - 1;
  const auto& params = plan.experiment.parameters;
  if (results.size() != 1 + 2 * params.size()) throw std::runtime_error("sweep: a oneway sweep needs every point for tornado.csv");
  for (std::size_t a = 1; a < plan.arms.size(); ++a) {
    const double base = row_of(plan, results[0], a, total).net / 1000.0;
    std::vector<std::pair<double, std::vector<economics::Cell>>> rows;
    for (std::size_t k = 0; k < params.size(); ++k) {
      const auto& p = params[k];
      const bool moves = p.targets.empty() ? can_move(p.path, plan.arm_names[a])
                                           : std::any_of(p.targets.begin(), p.targets.end(),
                                                         [&](const std::string& path) { return can_move(path, plan.arm_names[a]); });
      if (!moves) continue;
      const double low = row_of(plan, results[1 + 2 * k], a, total).net / 1000.0;
      const double high = row_of(plan, results[2 + 2 * k], a, total).net / 1000.0;
      const double swing = std::fabs(high - low);
      rows.push_back({swing, {p.path, p.low.text, p.high.text, low, high, base, plan.arm_names[a], swing}});
    }
    // Widest bar first; ties keep the experiment file's order.
    std::stable_sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    for (auto& r : rows) t.rows.push_back(std::move(r.second));
  }
  return t;
}

economics::Table psa_table(const Plan& plan, const std::vector<PointResult>& results) {
  economics::Table t;
  t.name = "psa";
  t.columns = {{"arm", 0},           {"year", 0},           {"net_mean", kMoney},   {"net_p05", kMoney},
               {"net_p50", kMoney},  {"net_p95", kMoney},   {"p_net_saving", kShare}, {"p_paid_back", kShare}};
  const std::size_t years = plan.year_labels.size();
  for (std::size_t a = 1; a < plan.arms.size(); ++a) {
    std::vector<double> cumulative(results.size(), 0.0);
    for (std::size_t y = 0; y < years; ++y) {
      std::vector<double> net(results.size());
      for (std::size_t d = 0; d < results.size(); ++d) net[d] = row_of(plan, results[d], a, y).net;
      // The total row's net is discounted; payback is judged on the undiscounted running sum,
      // which by the last year covers the whole horizon.
      if (y + 1 < years) {
        for (std::size_t d = 0; d < results.size(); ++d) cumulative[d] += net[d];
      }
      double mean = 0.0;
      for (const double x : net) mean += x;
      mean = net.empty() ? 0.0 : mean / static_cast<double>(net.size());
      t.rows.push_back({plan.arm_names[a], plan.year_labels[y], mean, economics::percentile(net, 0.05),
                        economics::percentile(net, 0.50), economics::percentile(net, 0.95), economics::share_negative(net),
                        economics::share_negative(cumulative)});
    }
  }
  return t;
}

}  // namespace caseflow::sweep
