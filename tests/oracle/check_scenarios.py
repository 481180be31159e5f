#!/usr/bin/python3
"""Runs budget_oracle.py over every scenario in config/, experiments/ and the test data (CTest
"the budget oracle reproduces budget.csv for every scenario").

Each scenario is run with `caseflow run FILE --trace --replications 2 --threads 2` (every citizen
of both replications traced, so the oracle can form the same means as budget.csv) into a scratch
folder, and the oracle compares its benefit_gross and benefit_municipal with budget.csv to the
krone. Scenarios it cannot check in full are listed in EXCLUDED with the reason; a scenario that
is neither checked nor listed fails the test, so a new scenario file cannot be skipped silently.

Usage: check_scenarios.py CASEFLOW_BIN SOURCE_DIR
"""
import glob
import os
import subprocess
import sys
import tempfile

import budget_oracle

REPLICATIONS = "2"

# Scenario files (relative to the source folder) the oracle does not check, and why.
EXCLUDED = {
}

# Where scenario files live; experiment files (`experiment:` at the top) and bad input are not
# scenarios.
PATTERNS = [
    "config/*.yaml",
    "experiments/*/*.yaml",
    "docs/cookbook/*.yaml",
    "tests/data/model/*.yaml",
    "tests/data/economics/*.yaml",
    "tests/data/golden/*.yaml",
    "tests/data/io/minimal.yaml",
    "tests/data/io/spec_example.yaml",
]


def is_scenario(path):
    with open(path, encoding="utf-8") as f:
        return any(line.startswith("scenario:") for line in f)


def main(caseflow, source):
    files = sorted({os.path.relpath(p, source) for pattern in PATTERNS for p in glob.glob(os.path.join(source, pattern))})
    files = [f for f in files if is_scenario(os.path.join(source, f))]
    stale = sorted(set(EXCLUDED) - set(files))
    failed = []
    with tempfile.TemporaryDirectory() as scratch:
        for i, name in enumerate(files):
            if name in EXCLUDED:
                print(f"not checked: {name}: {EXCLUDED[name]}")
                continue
            out = os.path.join(scratch, f"r{i}")
            run = subprocess.run([caseflow, "run", os.path.join(source, name), "--trace", "--replications", REPLICATIONS,
                                  "--threads", "2", "--quiet", "--out", out], cwd=source, capture_output=True, text=True)
            if run.returncode != 0:
                print(f"FAILED {name}: caseflow run exit {run.returncode}: {run.stderr.strip()}")
                failed.append(name)
                continue
            if budget_oracle.main(os.path.join(source, name), out) != 0:
                failed.append(name)
    for name in stale:
        print(f"FAILED: EXCLUDED names {name}, which is not a scenario file any more")
    print(f"{len(files) - len(EXCLUDED) - len(failed)} scenarios match budget.csv to the krone; "
          f"{len(EXCLUDED)} listed as not checked; {len(failed)} failed: {' '.join(failed)}")
    return 1 if failed or stale else 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.exit(main(sys.argv[1], sys.argv[2]))
