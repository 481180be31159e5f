#!/usr/bin/env bash
# Executes every notebook headless on a small fresh run of the default scenario (and, where the
# scenario has a Markov form, nothing more is needed: the validation notebook notes its absence).
#   tests/report/notebooks_on_fresh_run.sh CASEFLOW_BIN SOURCE_DIR
set -euo pipefail
bin="$1"
src="$2"
tmp="$(mktemp -d -t caseflow-fresh.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
"$bin" run "$src/config/default.yaml" --replications 4 --quiet --out "$tmp/run"
"$bin" report "$tmp/run" >/dev/null
CASEFLOW_NOTEBOOK_OUT="$tmp/notebooks" "$src/notebooks/run_all.sh" "$tmp/run"
