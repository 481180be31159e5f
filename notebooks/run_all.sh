#!/usr/bin/env bash
# Executes every notebook headless against one results folder; fails if any notebook fails.
#
#   notebooks/run_all.sh [RESULTS_DIR] [SWEEP_DIR]
#
# RESULTS_DIR defaults to $CASEFLOW_RESULTS, else the newest folder under results/.
# SWEEP_DIR defaults to $CASEFLOW_SWEEP (the sweep notebook prints a note without one).
# Executed copies go to $CASEFLOW_NOTEBOOK_OUT (default: a fresh temporary folder); set
# CASEFLOW_FIGURES=DIR to also get every chart as a PNG there.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $# -ge 1 ]]; then export CASEFLOW_RESULTS="$(cd "$1" && pwd)"; fi
if [[ $# -ge 2 ]]; then export CASEFLOW_SWEEP="$(cd "$2" && pwd)"; fi
out="${CASEFLOW_NOTEBOOK_OUT:-$(mktemp -d -t caseflow-notebooks.XXXXXX)}"
mkdir -p "$out"
export MPLBACKEND=Agg

# Debian's python3 has pandas/matplotlib/nbconvert; a pyenv python first on PATH may not.
python=/usr/bin/python3

failed=()
for nb in "$here"/*.ipynb; do
  name="$(basename "$nb")"
  if "$python" -m nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
      --output-dir "$out" "$nb" >"$out/${name%.ipynb}.log" 2>&1; then
    echo "ok: $name"
  else
    echo "FAILED: $name (log: $out/${name%.ipynb}.log)" >&2
    tail -n 20 "$out/${name%.ipynb}.log" >&2
    failed+=("$name")
  fi
done
echo "executed notebooks: $out"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "run_all.sh: error: ${#failed[@]} notebook(s) failed: ${failed[*]}" >&2
  exit 1
fi
