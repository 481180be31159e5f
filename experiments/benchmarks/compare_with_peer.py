#!/usr/bin/python3
"""Checks that caseflow's reference scenario agrees with the SimPy peer.

Runs the peer (shared/peers/simpy_reference.py) and `caseflow run reference.yaml` for several
seeds at the municipal size, reads each one's occupancy at week 520 (the peer's horizon), and
prints per state the two means, their standard errors and the z-score of the difference.

Usage: compare_with_peer.py CASEFLOW_BINARY PEER_SCRIPT [SEEDS]   (default 8 seeds)
"""
import csv
import math
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
STATES = ["jobparat", "aktivitetsparat", "praktik", "loentilskud", "job"]
WEEK = 520


def peer_run(script, seed):
    out = subprocess.run(["/usr/bin/python3", script, "5000", "2000", "10", str(seed)],
                         check=True, capture_output=True, text=True).stdout
    fields = dict(kv.split("=") for kv in out.split())
    return {s: float(fields[s]) for s in STATES}


def caseflow_run(binary, seed, folder):
    out = os.path.join(folder, f"seed{seed}")
    subprocess.run([binary, "run", os.path.join(HERE, "reference.yaml"), "--seed", str(seed),
                    "--replications", "1", "--threads", "1", "--quiet", "--out", out], check=True)
    result = {}
    with open(os.path.join(out, "occupancy.csv"), newline="") as f:
        for row in csv.DictReader(f):
            if int(row["week"]) == WEEK:
                result[row["state"]] = float(row["mean"])
    return result


def mean_se(values):
    n = len(values)
    m = sum(values) / n
    var = sum((v - m) ** 2 for v in values) / (n - 1)
    return m, math.sqrt(var / n)


def main():
    binary, script = sys.argv[1], sys.argv[2]
    seeds = range(1, 1 + (int(sys.argv[3]) if len(sys.argv) > 3 else 8))
    peer = [peer_run(script, s) for s in seeds]
    with tempfile.TemporaryDirectory() as folder:
        ours = [caseflow_run(binary, s, folder) for s in seeds]
    print(f"occupancy at week {WEEK}, {len(seeds)} seeds each (mean ± standard error of the mean)")
    print(f"{'state':<16}{'SimPy peer':>20}{'caseflow':>20}{'z':>8}")
    worst = 0.0
    for s in STATES:
        mp, sp = mean_se([r[s] for r in peer])
        mc, sc = mean_se([r[s] for r in ours])
        z = (mc - mp) / math.sqrt(sp ** 2 + sc ** 2) if sp + sc > 0 else 0.0
        worst = max(worst, abs(z))
        print(f"{s:<16}{mp:>12.1f} ± {sp:<5.1f}{mc:>12.1f} ± {sc:<5.1f}{z:>8.2f}")
    print(f"largest |z| = {worst:.2f} ({'agree' if worst < 3.0 else 'DISAGREE'} at |z| < 3)")
    return 0 if worst < 3.0 else 1


if __name__ == "__main__":
    sys.exit(main())
