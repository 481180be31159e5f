#include "model/arrivals.hpp"

#include "model/sources.hpp"

namespace caseflow::model {

std::vector<Arrival> draw_arrivals(const Scenario& scenario, std::size_t arm, const std::vector<CitizenSource>& sources,
                                   const engine::StreamFamily& streams, const engine::Calendar& calendar) {
  std::vector<Arrival> arrivals;
  for (std::size_t k = 0; k < sources.size(); ++k) {
    const CitizenSource& source = sources[k];
    if (source.initial) continue;
    const std::size_t source_begin = arrivals.size();
    const ArrivalRates rates = arrival_rates(scenario, arm, source.name, calendar);
    std::uint32_t index = 0;
    for_each_arrival(streams.stream(source.key, kArrivalTimesPurpose), rates, calendar,
                     [&](double t) { arrivals.push_back(Arrival{t, static_cast<std::uint32_t>(k), index++}); });
    // Each source's arrivals come in time order; merging them keeps (time, source) order
    // (a stable merge puts the earlier source first at equal times) without a full sort.
    std::inplace_merge(arrivals.begin(), arrivals.begin() + static_cast<std::ptrdiff_t>(source_begin), arrivals.end(),
                       [](const Arrival& x, const Arrival& y) { return x.time < y.time; });
  }
  return arrivals;
}

}  // namespace caseflow::model
