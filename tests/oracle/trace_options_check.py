#!/usr/bin/python3
"""trace.csv as a user gets it (CTest "run --trace: ..."): the columns, --trace-citizens N keeps
the first N citizens of each source, and the file is byte-identical for any --threads and any
order of --arms; a run without --trace writes no trace.csv and no manifest entry.

Usage: trace_options_check.py CASEFLOW_BIN SOURCE_DIR
"""
import collections
import csv
import json
import os
import subprocess
import sys
import tempfile

COLUMNS = "replication,arm,citizen,source,group,state,start_week,end_week,refund_clock_weeks,entered_week"


def run(caseflow, scenario, out, *extra):
    subprocess.run([caseflow, "run", scenario, "--quiet", "--replications", "2", "--out", out, *extra], check=True)
    return out


def main(caseflow, source):
    scenario = os.path.join(source, "tests/data/golden/scenario.yaml")  # three arms, two sources
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        plain = run(caseflow, scenario, f"{tmp}/plain")
        if os.path.exists(f"{plain}/trace.csv") or "trace" in json.load(open(f"{plain}/manifest.json")):
            problems.append("a run without --trace wrote trace.csv or a manifest entry")
        one = run(caseflow, scenario, f"{tmp}/one", "--trace", "--threads", "1")
        two = run(caseflow, scenario, f"{tmp}/two", "--trace", "--threads", "2")
        arms = json.load(open(f"{one}/manifest.json"))["arms"]
        swapped = run(caseflow, scenario, f"{tmp}/swapped", "--trace", "--arms", ",".join(reversed(arms[1:])))
        text = open(f"{one}/trace.csv", "rb").read()
        if text.decode().splitlines()[0] != COLUMNS:
            problems.append(f"header {text.decode().splitlines()[0]!r}, expected {COLUMNS!r}")
        for other in (two, swapped):
            if open(f"{other}/trace.csv", "rb").read() != text:
                problems.append(f"{os.path.basename(other)}: trace.csv differs from --threads 1")
        if json.load(open(f"{one}/manifest.json")).get("trace") != {"file": "trace.csv", "citizens_per_source": "all"}:
            problems.append("the manifest does not name the trace")
        # Every citizen, every replication and arm: ids per (replication, arm, source).
        rows = list(csv.DictReader(open(f"{one}/trace.csv", newline="")))
        every = collections.defaultdict(set)
        for r in rows:
            every[(r["replication"], r["arm"], r["source"])].add(int(r["citizen"]))
        few = run(caseflow, scenario, f"{tmp}/few", "--trace-citizens", "3")
        kept = collections.defaultdict(set)
        for r in csv.DictReader(open(f"{few}/trace.csv", newline="")):
            kept[(r["replication"], r["arm"], r["source"])].add(int(r["citizen"]))
        for key, ids in every.items():
            if kept[key] != set(sorted(ids)[:3]):
                problems.append(f"--trace-citizens 3 kept {sorted(kept[key])} of {key}, expected {sorted(ids)[:3]}")
        if json.load(open(f"{few}/manifest.json")).get("trace", {}).get("citizens_per_source") != 3:
            problems.append("the manifest does not say 3 citizens per source")
        # Each citizen's spells follow each other without gaps, from creation to the horizon.
        by_citizen = collections.defaultdict(list)
        for r in rows:
            by_citizen[(r["replication"], r["arm"], r["citizen"])].append(r)
        horizon = max(float(r["end_week"]) for r in rows)
        for key, spells in by_citizen.items():
            for a, b in zip(spells, spells[1:]):
                if a["end_week"] != b["start_week"]:
                    problems.append(f"{key}: a spell ends at {a['end_week']}, the next begins at {b['start_week']}")
                    break
            if float(spells[-1]["end_week"]) != horizon:
                problems.append(f"{key}: the last spell ends at {spells[-1]['end_week']}, not the horizon {horizon}")
        print(f"{len(rows)} spells of {len(by_citizen)} citizen trajectories checked")
    for p in problems[:20]:
        print("FAILED " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
