#!/usr/bin/python3
"""Times one caseflow command with two binaries in turn, alternating which goes first each round,
and prints the median CPU seconds (user + system) of each, their ratio and the median of each
round's own ratio (steadier when the machine's load changes during the run): a quick side-by-side
check of one case with more rounds than bench.py --compare uses (this machine is shared and
noisy; bench.py also compares the outputs byte for byte).

Usage: alternate.py OLD_CASEFLOW NEW_CASEFLOW ROUNDS CASEFLOW-ARGUMENTS...
e.g.   alternate.py old/caseflow build/sim/cli/caseflow 6 run config/default.yaml --threads 1 --quiet
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile


def main(old, new, rounds, args):
    times = {"old": [], "new": []}
    with tempfile.TemporaryDirectory() as work:
        for r in range(rounds):
            for which in ("old", "new") if r % 2 == 0 else ("new", "old"):
                out = os.path.join(work, which)
                shutil.rmtree(out, ignore_errors=True)
                proc = subprocess.Popen([old if which == "old" else new] + args + ["--out", out],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                _, status, usage = os.wait4(proc.pid, 0)
                if os.waitstatus_to_exitcode(status) != 0:
                    sys.exit(f"alternate: {which} failed: {proc.stderr.read().decode()[-2000:]}")
                times[which].append(usage.ru_utime + usage.ru_stime)
    o, n = statistics.median(times["old"]), statistics.median(times["new"])
    # Each round runs the two back to back, so they see the same neighbours: the median of the
    # rounds' own ratios is steadier than the ratio of the medians when the load changes mid-run.
    paired = statistics.median(a / b for a, b in zip(times["old"], times["new"]))
    print(f"{' '.join(args)}: old {o:.4f} CPU s, new {n:.4f} CPU s, x{o / n:.2f}, paired x{paired:.2f} "
          f"(old {[round(t, 3) for t in times['old']]}, new {[round(t, 3) for t in times['new']]})")


if __name__ == "__main__":
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:])
