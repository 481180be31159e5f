#!/usr/bin/env bash
# Quick start, step 2: build and run the whole test suite (every Catch2 test case is a CTest test).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release
ctest --preset release "$@"
