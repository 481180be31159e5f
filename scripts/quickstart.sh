#!/usr/bin/env bash
# Quick start, step 1: install dependencies, build, run the default scenario (prints the
# budget table and writes results/<scenario name>/).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
./build/sim/cli/caseflow run config/default.yaml "$@"
