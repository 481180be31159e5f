#!/usr/bin/env bash
# Builds caseflow and the micro-benchmarks in Release and runs the whole benchmark:
#   - `caseflow run` on the reference model (reference.yaml) at municipal and national size,
#     one thread, one replication: wall seconds, CPU seconds, citizen-weeks/s, events/s,
#     peak resident memory; the SimPy peer at municipal size and the ratio;
#   - replications on 1 and 2 threads (throughput ratio, parallel efficiency);
#   - Google Benchmark micro-benchmarks of the event queue and the random streams.
# Each timing is repeated (default 3) and the median reported, with the load average.
#
# Usage: experiments/benchmarks/run_benchmarks.sh [--repeat N] [--replications N] [--no-national] [--no-micro]
# Environment: BUILD_DIR (default build-bench), PEER (default /work/shared/peers/simpy_reference.py).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${BUILD_DIR:-$root/build-bench}"
peer="${PEER:-/work/shared/peers/simpy_reference.py}"

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCASEFLOW_BUILD_BENCHMARKS=ON \
  -DCASEFLOW_BUILD_TESTS=OFF >/dev/null
ninja -C "$build" -j2 caseflow caseflow_benchmarks >/dev/null
exec /usr/bin/python3 "$here/bench.py" --caseflow "$build/sim/cli/caseflow" \
  --micro "$build/experiments/benchmarks/caseflow_benchmarks" --peer "$peer" "$@"
