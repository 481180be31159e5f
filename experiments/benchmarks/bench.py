#!/usr/bin/python3
"""The timing half of run_benchmarks.sh (which builds first and then runs this).

Every command is timed the same way for caseflow and the peer: wall seconds with a monotonic
clock around the child, CPU seconds (user + system) and the peak resident set from the child's
own rusage (os.wait4), all to the microsecond (/usr/bin/time rounds wall time to 10 ms, a fifth
of a municipal run). Each measurement is repeated and the median taken; short runs are repeated
at least SHORT_RUN_REPEATS times, because a 50 ms command is at the mercy of a single hiccup of
the machine. CPU seconds are reported beside wall seconds because the machine may be shared:
under load, wall time includes waiting for a core, CPU time does not.
"""
import argparse
import csv
import datetime
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIO = os.path.join(HERE, "reference.yaml")
# 10 calendar years from the scenario's start (2025-01-01), in weeks: caseflow's horizon.
WEEKS = (datetime.date(2035, 1, 1) - datetime.date(2025, 1, 1)).days / 7.0
SHORT_RUN_REPEATS = 11  # runs of under a second: more repeats cost little and steady the median
SIZES = {
    "municipal": (5000, 2000),
    "national": (500000, 200000),
}


def load():
    return os.getloadavg()[0]


def timed(cmd):
    """Runs cmd; returns (wall s, cpu s, max RSS MiB, stdout)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        sys.exit(f"bench: command failed ({proc.returncode}): {' '.join(cmd)}\n{stderr[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    rss = usage.ru_maxrss / 1024.0  # Linux: kilobytes
    return wall, cpu, rss, stdout


def size_overrides(initial, inflow):
    return ["--set", f"initial[0].count={initial * 3 // 5}", "--set", f"initial[1].count={initial - initial * 3 // 5}",
            "--set", f"inflow[0].per_year={inflow * 0.6:g}", "--set", f"inflow[1].per_year={inflow * 0.4:g}"]


def read_impact(folder):
    with open(os.path.join(folder, "impact.csv"), newline="") as f:
        row = next(csv.DictReader(f))
    return float(row["citizens"]), float(row["events"])


def caseflow_command(binary, size, work, threads=1, replications=1):
    initial, inflow = SIZES[size]
    out = os.path.join(work, f"{size}-{threads}")
    return [binary, "run", SCENARIO, "--threads", str(threads), "--replications", str(replications), "--quiet",
            "--out", out] + size_overrides(initial, inflow), out


def summary(runs, size, out):
    """Median wall and CPU seconds, peak memory, and the work done, from timed() runs."""
    initial, _ = SIZES[size]
    citizens, events = read_impact(out)
    return {"wall": statistics.median(r[0] for r in runs), "cpu": statistics.median(r[1] for r in runs),
            "rss": max(r[2] for r in runs), "runs": len(runs),
            "citizen_weeks": initial * WEEKS + (citizens - initial) * WEEKS / 2.0, "events": events}


def bench_municipal_and_peer(binary, script, repeat, work):
    """The municipal run and the peer, interleaved: each peer run is followed by a few caseflow
    runs, so that both see the same state of a machine whose speed drifts from minute to minute."""
    cmd, out = caseflow_command(binary, "municipal", work)
    initial, inflow = SIZES["municipal"]
    peer_cmd = ["/usr/bin/python3", script, str(initial), str(inflow), "10", "1"]
    per_peer_run = max(1, -(-SHORT_RUN_REPEATS // repeat))
    mine, theirs = [], []
    for _ in range(repeat):
        theirs.append(timed(peer_cmd))
        mine += [timed(cmd) for _ in range(per_peer_run)]
    fields = dict(kv.split("=") for kv in theirs[0][3].split())
    peer = {"wall": statistics.median(r[0] for r in theirs), "cpu": statistics.median(r[1] for r in theirs),
            "rss": max(r[2] for r in theirs), "citizen_weeks": float(fields["citizen_weeks"]),
            "inner_wall": statistics.median(float(dict(kv.split("=") for kv in r[3].split())["wall_seconds"]) for r in theirs)}
    return summary(mine, "municipal", out), peer


def bench_national(binary, repeat, work):
    cmd, out = caseflow_command(binary, "national", work)
    return summary([timed(cmd) for _ in range(repeat)], "national", out)


def timed_together(cmds):
    """Starts all cmds at once; returns the wall seconds until the last one ends."""
    start = time.perf_counter()
    procs = [subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for cmd in cmds]
    for proc in procs:
        if proc.wait() != 0:
            sys.exit(f"bench: command failed ({proc.returncode}): {' '.join(proc.args)}")
    return time.perf_counter() - start


def bench_threads(binary, replications, repeat, work, thread_counts):
    """Replications on each thread count, in turn within each round, so that all see the same
    machine. Beside them, the machine's own ceiling: as many independent one-thread processes
    as threads, each with its share of the replications, started at once (nothing shared but
    the hardware)."""
    commands = {threads: caseflow_command(binary, "municipal", work, threads, replications)[0] for threads in thread_counts}
    runs = {threads: [] for threads in thread_counts}
    together = {threads: [] for threads in thread_counts[1:]}
    for _ in range(max(repeat, 5)):
        for threads in thread_counts:
            runs[threads].append(timed(commands[threads]))
        for threads in thread_counts[1:]:
            share = max(1, replications // threads)
            cmds = [caseflow_command(binary, "municipal", os.path.join(work, f"p{i}"), 1, share)[0] for i in range(threads)]
            for i in range(threads):
                os.makedirs(os.path.join(work, f"p{i}"), exist_ok=True)
            together[threads].append(timed_together(cmds) * replications / (share * threads))
    result = {t: {"wall": statistics.median(r[0] for r in runs[t]), "cpu": statistics.median(r[1] for r in runs[t]),
                  "rss": max(r[2] for r in runs[t])} for t in thread_counts}
    for threads in thread_counts[1:]:
        result[threads]["independent_wall"] = statistics.median(together[threads])
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--caseflow", required=True)
    parser.add_argument("--micro")
    parser.add_argument("--peer", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--replications", type=int, default=16, help="at least 4 per core")
    parser.add_argument("--no-national", action="store_true")
    parser.add_argument("--no-micro", action="store_true")
    args = parser.parse_args()

    print(f"caseflow benchmark: {os.cpu_count()} cores, load average at start {load():.2f}; "
          f"medians of {args.repeat} runs (the municipal run: {SHORT_RUN_REPEATS} or more, interleaved with the peer's); "
          f"horizon {WEEKS:.2f} weeks (peer: 520)")
    with tempfile.TemporaryDirectory() as work:
        results = {}
        results["municipal"], peer = bench_municipal_and_peer(args.caseflow, args.peer, args.repeat, work)
        if not args.no_national:
            results["national"] = bench_national(args.caseflow, args.repeat, work)
        sizes = list(results)
        print(f"(municipal: {results['municipal']['runs']} caseflow runs)")
        print(f"{'run (1 thread)':<22}{'wall s':>9}{'CPU s':>9}{'citizen-weeks/s':>17}{'events':>12}"
              f"{'events/s':>12}{'peak MiB':>10}{'x peer':>9}{'x peer CPU':>11}")
        for s in sizes:
            r = results[s]
            cw_per_s = r["citizen_weeks"] / r["wall"]
            peer_rate = peer["citizen_weeks"] / peer["wall"]
            peer_cpu_rate = peer["citizen_weeks"] / peer["cpu"]
            print(f"{'caseflow ' + s:<22}{r['wall']:>9.3f}{r['cpu']:>9.3f}{cw_per_s:>17.3e}{r['events']:>12.0f}"
                  f"{r['events'] / r['wall']:>12.3e}{r['rss']:>10.1f}{cw_per_s / peer_rate:>9.1f}"
                  f"{(r['citizen_weeks'] / r['cpu']) / peer_cpu_rate:>11.1f}")
        print(f"{'SimPy peer municipal':<22}{peer['wall']:>9.3f}{peer['cpu']:>9.3f}"
              f"{peer['citizen_weeks'] / peer['wall']:>17.3e}{'':>12}{'':>12}{peer['rss']:>10.1f}{1.0:>9.1f}{1.0:>11.1f}")
        print(f"  (x peer: citizen-weeks/s over the peer's, whole commands; the peer's own timer, "
              f"simulate() only, says {peer['inner_wall']:.3f} s)")
        m = results["municipal"]
        ratio = (m["citizen_weeks"] / m["wall"]) / (peer["citizen_weeks"] / peer["wall"])
        print(f"  municipal target: at least 100 x the peer: {'met' if ratio >= 100 else 'NOT met'} (x{ratio:.0f} on wall time)")
        if "national" in results:
            n = results["national"]
            print(f"  national targets: wall < 20 s: {'met' if n['wall'] < 20 else 'NOT met'} "
                  f"(CPU {n['cpu']:.2f} s); peak < 400 MB: {'met' if n['rss'] * 1.048576 < 400 else 'NOT met'} "
                  f"({n['rss'] * 1.048576:.0f} MB)")

        # 1 and 2 threads (the 2-core target), and every core where there are more.
        cores = os.cpu_count() or 1
        thread_counts = [1, 2] + ([cores] if cores > 2 else [])
        replications = max(args.replications, 4 * cores)
        t = bench_threads(args.caseflow, replications, args.repeat, work, thread_counts)
        print()
        print(f"{replications} replications, municipal size, median of {max(args.repeat, 5)} alternating runs:")
        for threads in thread_counts[1:]:
            speedup = t[1]["wall"] / t[threads]["wall"]
            target = 1.8 if threads == 2 else (12.0 if threads == 16 else None)
            verdict = "" if target is None else f"; target x{target:g}: {'met' if speedup >= target else 'NOT met'}"
            ceiling = t[1]["wall"] / t[threads]["independent_wall"]
            print(f"  1 thread {t[1]['wall']:.3f} s, {threads} threads {t[threads]['wall']:.3f} s: throughput x{speedup:.2f}, "
                  f"parallel efficiency {speedup / threads * 100:.0f} % (peak {t[threads]['rss']:.0f} MiB){verdict}")
            print(f"    the machine's ceiling: {threads} independent one-thread processes, each with 1/{threads} of the "
                  f"replications, at once: x{ceiling:.2f}")
        print(f"  load average now {load():.2f}")

    if args.micro and not args.no_micro:
        print()
        print("Google Benchmark micro-benchmarks:")
        sys.stdout.flush()
        subprocess.run([args.micro, "--benchmark_min_time=0.2"], check=True)
    print(f"\nload average at the end {load():.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
