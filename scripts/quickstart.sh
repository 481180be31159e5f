#!/usr/bin/env bash
# Quick start, step 1: install dependencies, build the program (only `caseflow` and the MPI
# plugin it loads under mpirun; scripts/test.sh builds the tests), run the default scenario
# (prints the budget table and writes results/<scenario name>/).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target caseflow  # caseflow depends on caseflow_mpi where MPI is found
./build/sim/cli/caseflow run config/default.yaml "$@"
