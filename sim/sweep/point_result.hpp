#pragma once
/// @file point_result.hpp
/// What a sweep keeps of one point: per reported arm and year, the summary over replications.
/// The same rows travel between MPI ranks (serialized), go to sweep.sqlite and come back from
/// it; every output file is made from rows read back, so a resumed sweep writes the same bytes.

#include <string>
#include <vector>

namespace caseflow::sweep {

/// One arm in one year (or the whole horizon) at one point.
struct ResultRow {
  int arm = 0;   ///< index into Plan::arms (>= 1: the baseline is not reported)
  int year = 0;  ///< index into Plan::year_labels (the last one is "total")
  double savings = 0, savings_lo = 0, savings_hi = 0;
  double net = 0, net_lo = 0, net_hi = 0;
  double p_net_saving = 0;
};

struct PointResult {
  int point = 0;
  double seconds = 0.0;  ///< wall time of the point's replications (added up; informational)
  std::vector<ResultRow> rows;  ///< arm-major, then year
};

/// Appends a binary form of `result` to `out` (host byte order: ranks of one job share it).
void serialize(const PointResult& result, std::string& out);

/// Reads every PointResult from a buffer made by serialize(); throws std::runtime_error if it
/// is malformed.
std::vector<PointResult> deserialize(const std::string& buffer);

}  // namespace caseflow::sweep
