#!/usr/bin/python3
"""Forked runs equal unforked runs (CTest "forking the arms changes no byte of any scenario").

Runs every scenario file the budget oracle checks (tests/oracle/check_scenarios.py) twice, with
the common past shared (the default) and with CASEFLOW_FORK=0 (every arm simulated from the first
day), with `--trace --replications 3 --threads 2`, and compares every file of the two results
folders byte for byte (manifest.json up to its clock lines). With CASEFLOW_FORK=explain the run
says, for replication 0, which arms continued from the shared past and why the others ran alone;
the test prints how many scenarios and arms forked, so a change that quietly stops forking shows.

Usage: fork_check.py CASEFLOW_BIN SOURCE_DIR
"""
import filecmp
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "oracle"))
import check_scenarios  # noqa: E402

CLOCK_KEYS = ('"started"', '"finished"', '"wall_seconds"')


def manifest_without_clock(path):
    with open(path, encoding="utf-8") as f:
        return [line for line in f if not line.strip().startswith(CLOCK_KEYS)]


def run(caseflow, source, scenario, out, fork):
    env = dict(os.environ, CASEFLOW_FORK=fork)
    return subprocess.run([caseflow, "run", scenario, "--trace", "--replications", "3", "--threads", "2", "--quiet", "--out", out],
                          cwd=source, capture_output=True, text=True, env=env)


def main(caseflow, source):
    import glob
    files = sorted({os.path.relpath(p, source) for pattern in check_scenarios.PATTERNS for p in glob.glob(os.path.join(source, pattern))})
    files = [f for f in files if check_scenarios.is_scenario(os.path.join(source, f))]
    failed, forked_scenarios, forked_arms, alone = [], 0, 0, 0
    with tempfile.TemporaryDirectory() as scratch:
        for i, name in enumerate(files):
            on, off = os.path.join(scratch, f"on{i}"), os.path.join(scratch, f"off{i}")
            a = run(caseflow, source, os.path.join(source, name), on, "explain")
            b = run(caseflow, source, os.path.join(source, name), off, "0")
            if a.returncode != b.returncode or a.returncode != 0:
                print(f"FAILED {name}: exit {a.returncode} forked, {b.returncode} unforked: {a.stderr.strip()} {b.stderr.strip()}")
                failed.append(name)
                continue
            notes = [line for line in a.stderr.splitlines() if line.startswith("fork:")]
            continued = sum(1 for line in notes if "continued" in line)
            forked_arms += continued
            alone += sum(1 for line in notes if "alone" in line)
            forked_scenarios += 1 if continued else 0
            names = sorted(os.listdir(off))
            if sorted(os.listdir(on)) != names:
                print(f"FAILED {name}: other files: {sorted(os.listdir(on))} vs {names}")
                failed.append(name)
                continue
            differ = [n for n in names if n != "manifest.json" and not filecmp.cmp(os.path.join(on, n), os.path.join(off, n), shallow=False)]
            if manifest_without_clock(os.path.join(on, "manifest.json")) != manifest_without_clock(os.path.join(off, "manifest.json")):
                differ.append("manifest.json")
            if differ:
                print(f"FAILED {name}: forked and unforked differ in {', '.join(differ)}")
                failed.append(name)
            for line in notes:
                print(f"{name}: {line}")
    print(f"{len(files) - len(failed)} of {len(files)} scenarios identical forked and unforked; {forked_scenarios} forked "
          f"({forked_arms} arms continued from a shared past, {alone} ran alone); failed: {' '.join(failed)}")
    return 1 if failed or forked_scenarios == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
