/// Micro-benchmarks of the engine's hot parts: the event queue under a caseload-like load and
/// the counter-based random streams; and one replication of the reference model in-process
/// (no start-up, no files), the steadiest measure of the simulation itself. Build with
/// -DCASEFLOW_BUILD_BENCHMARKS=ON.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>

#include "engine/event_queue.hpp"
#include "engine/random_stream.hpp"
#include "io/scenario_loader.hpp"
#include "model/simulation.hpp"

namespace {

using caseflow::engine::EventQueue;
using caseflow::engine::RandomStream;
using caseflow::engine::StreamKey;

// The delay to a citizen's next event, as in the reference model: mostly a meeting 4 weeks on,
// sometimes a programme's end (13 or 26 weeks) or a hazard (exponential, mean 33 weeks).
double next_delay(const RandomStream& stream, std::uint64_t n) {
  const double u = stream.uniform(n);
  if (u < 0.70) return 4.0;
  if (u < 0.78) return 13.0;
  if (u < 0.82) return 26.0;
  return 33.0 * stream.exponential(n + (std::uint64_t{1} << 40));
}

// The hold model: `pending` events in the queue; each step pops the earliest and pushes that
// subject's next event. Arg 0: pending events; arg 1: 1 = quarter-week buckets, 0 = one heap.
void BM_EventQueueHold(benchmark::State& state) {
  const auto pending = static_cast<std::uint32_t>(state.range(0));
  const bool buckets = state.range(1) != 0;
  const RandomStream stream(StreamKey{1, 0, 0, 1});
  constexpr double kHorizon = 1.0e6;  // weeks: far enough that the run never reaches it
  EventQueue q;
  if (buckets) q.set_buckets(0.0, 0.25, static_cast<std::size_t>(kHorizon / 0.25) + 1);
  std::uint64_t n = 0;
  for (std::uint32_t i = 0; i < pending; ++i) q.push(4.0 * stream.uniform(n++), 3, 7, i);
  for (auto _ : state) {
    const auto e = q.pop();
    q.push(e.time + next_delay(stream, n++), 3, 7, e.subject());
    benchmark::DoNotOptimize(e.subject());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EventQueueHold)->ArgsProduct({{1 << 10, 1 << 16, 1 << 20}, {0, 1}})->ArgNames({"pending", "buckets"});

// Fill then drain: every event's push and pop, all times within 520 weeks and many exact ties
// at whole weeks (the initial stock's meetings).
void BM_EventQueueFillDrain(benchmark::State& state) {
  const auto count = static_cast<std::uint32_t>(state.range(0));
  const bool buckets = state.range(1) != 0;
  const RandomStream stream(StreamKey{2, 0, 0, 1});
  for (auto _ : state) {
    EventQueue q;
    if (buckets) q.set_buckets(0.0, 0.25, 2081);
    for (std::uint32_t i = 0; i < count; ++i) {
      const double u = stream.uniform(i);
      q.push(i % 4 == 0 ? std::floor(520.0 * u) : 520.0 * u, static_cast<std::uint8_t>(i % 3), 7, i);
    }
    while (!q.empty()) benchmark::DoNotOptimize(q.pop());
  }
  state.SetItemsProcessed(state.iterations() * count);
}
BENCHMARK(BM_EventQueueFillDrain)->ArgsProduct({{1 << 16, 1 << 20}, {0, 1}})->ArgNames({"events", "buckets"});

// One uniform draw from an existing stream (a counter, one SplitMix64 finaliser).
void BM_RandomStreamUniform(benchmark::State& state) {
  const RandomStream stream(StreamKey{3, 0, 17, 1});
  std::uint64_t n = 0;
  double sum = 0.0;
  for (auto _ : state) sum += stream.uniform(n++);
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RandomStreamUniform);

// What a decision costs in the simulation: make the citizen's stream key, then draw.
void BM_RandomStreamKeyAndExponential(benchmark::State& state) {
  std::uint64_t c = 0;
  double sum = 0.0;
  for (auto _ : state) {
    const RandomStream stream(StreamKey{4, 0, c++ % 500000, 1});
    sum += stream.exponential(c & 0xFFFF);
  }
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RandomStreamKeyAndExponential);

}  // namespace

// One replication of the reference model at municipal size (experiments/benchmarks/reference.yaml),
// simulated in-process: what `caseflow run` spends between reading the scenario and writing.
void BM_ReferenceModelMunicipal(benchmark::State& state) {
  const caseflow::model::Scenario scenario = caseflow::io::load_scenario(CASEFLOW_REFERENCE_SCENARIO, {});
  std::uint64_t events = 0;
  for (auto _ : state) {
    const caseflow::model::ArmResult result = caseflow::model::simulate_arm(scenario, 0, 0, nullptr);
    events = result.events;
    benchmark::DoNotOptimize(result.fingerprint);
  }
  state.counters["events"] = static_cast<double>(events);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * events));
}
BENCHMARK(BM_ReferenceModelMunicipal)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
