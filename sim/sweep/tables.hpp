#pragma once
/// @file tables.hpp
/// The sweep's result tables, made from the committed point results (read back from
/// sweep.sqlite), never from values still in memory, so an unbroken and a resumed sweep write
/// the same bytes.
///
/// sweep.csv: point × reported arm × year (incl. total): `point`, one column per parameter
/// path, `arm,year,savings,savings_lo,savings_hi,net,net_lo,net_hi,p_net_saving`.
/// tornado.csv (oneway): per arm and parameter `parameter,low,high,net_low,net_high,net_base`
/// over the whole horizon, then `arm` and `swing` (|net_high - net_low|).
/// psa.csv (psa): per arm and year, the distribution over draws of the draw's mean net:
/// `arm,year,net_mean,net_p05,net_p50,net_p95,p_net_saving` (share of draws with mean net < 0)
/// and `p_paid_back` (share of draws whose cumulative mean net by the end of the year is < 0;
/// on the total row, over the whole horizon, undiscounted).

#include <vector>

#include "economics/table.hpp"
#include "sweep/plan.hpp"
#include "sweep/point_result.hpp"

namespace caseflow::sweep {

/// `results` must hold every point once, ordered by point.
economics::Table sweep_table(const Plan& plan, const std::vector<PointResult>& results);
economics::Table tornado_table(const Plan& plan, const std::vector<PointResult>& results);
economics::Table psa_table(const Plan& plan, const std::vector<PointResult>& results);

}  // namespace caseflow::sweep
