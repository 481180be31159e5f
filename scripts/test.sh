#!/usr/bin/env bash
# Quick start, step 2: build everything (tests included) and run the whole test suite (every
# Catch2 test case is a CTest test). CASEFLOW_PRESET picks the preset: `release` (build/, the
# default) or `ci` (build-ci/, warnings as errors; what .ci/run uses).
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${CASEFLOW_PRESET:-release}"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
ctest --preset "$preset" "$@"
