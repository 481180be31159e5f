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


# ---- old against new, side by side (--compare OLD) ------------------------------------------------

ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_SCENARIO = os.path.join(ROOT, "config", "default.yaml")
EXPERIMENTS = os.path.join(ROOT, "experiments")


def scaled_experiment(name, work, replications=None, draws=None):
    """experiments/NAME/experiment.yaml with its scenario path made absolute and, when given,
    fewer replications or draws (a full effect-psa is 2,400 runs of the default scenario)."""
    source = os.path.join(EXPERIMENTS, name, "experiment.yaml")
    with open(source, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"^(  scenario: )(.*)$", lambda m: m.group(1) + os.path.normpath(os.path.join(os.path.dirname(source), m.group(2))),
                  text, count=1, flags=re.M)
    if replications is not None:
        text = re.sub(r"^(  replications: )\d+", rf"\g<1>{replications}", text, count=1, flags=re.M)
    if draws is not None:
        text = re.sub(r"^(  draws: )\d+", rf"\g<1>{draws}", text, count=1, flags=re.M)
    path = os.path.join(work, f"{name}.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def output_bytes(folder):
    """Every file of a results folder but the manifest (which records times and the commit)."""
    files = {}
    for name in sorted(os.listdir(folder)):
        if name != "manifest.json" and not name.startswith(".") and name != "sweep.sqlite":
            with open(os.path.join(folder, name), "rb") as f:
                files[name] = f.read()
    return files


def compare_cases(args, work):
    """(label, target ratio or None, arguments after the binary, what the target means)."""
    psa = scaled_experiment("effect-psa", work, args.sweep_replications, args.psa_draws)
    tornado = scaled_experiment("jobformidler-tornado", work, args.sweep_replications)
    run = ["run", DEFAULT_SCENARIO, "--replications", str(args.run_replications), "--quiet"]
    reference = ["run", SCENARIO, "--threads", "1", "--replications", "1", "--quiet"]
    return [
        ("default scenario, 1 thread", 1.4, run + ["--threads", "1"]),
        ("default scenario, 2 threads", 1.4, run + ["--threads", "2"]),
        ("effect-psa sweep, 2 threads", 2.0, ["sweep", psa, "--threads", "2", "--quiet"]),
        ("jobformidler tornado, 2 threads", None, ["sweep", tornado, "--threads", "2", "--quiet"]),
        ("reference model, 1 thread", 0.97, reference),
    ]


def bench_compare(args):
    """Each case run by the old and the new binary in turn (ABBA within each round), so both see
    the same state of the machine; the outputs of the two are compared byte for byte."""
    print(f"old {args.compare}, new {args.caseflow}: {os.cpu_count()} cores, load average at start {load():.2f}; "
          f"medians of {args.repeat} alternating runs each")
    with tempfile.TemporaryDirectory() as work:
        cases = [c for c in compare_cases(args, work) if not args.only or any(word in c[0] for word in args.only.split(","))]
        times = {(label, which): [] for label, _, _ in cases for which in ("old", "new")}
        same = {}
        for round_ in range(args.repeat):
            for k, (label, _, tail) in enumerate(cases):
                order = ("old", "new") if round_ % 2 == 0 else ("new", "old")
                for which in order:
                    binary = args.compare if which == "old" else args.caseflow
                    out = os.path.join(work, f"case{k}-{which}")
                    times[(label, which)].append(timed([binary] + tail + ["--out", out]))
                if round_ == 0:
                    same[label] = output_bytes(os.path.join(work, f"case{k}-old")) == output_bytes(os.path.join(work, f"case{k}-new"))
        print(f"{'case':<34}{'old wall s':>11}{'new wall s':>11}{'x wall':>8}{'old CPU s':>11}{'new CPU s':>11}"
              f"{'x CPU':>8}{'same bytes':>12}  target")
        for label, target, _ in cases:
            old, new = times[(label, "old")], times[(label, "new")]
            ow, nw = statistics.median(r[0] for r in old), statistics.median(r[0] for r in new)
            oc, nc = statistics.median(r[1] for r in old), statistics.median(r[1] for r in new)
            verdict = "" if target is None else f"x{target:g}: {'met' if ow / nw >= target else 'NOT met'}"
            print(f"{label:<34}{ow:>11.2f}{nw:>11.2f}{ow / nw:>8.2f}{oc:>11.2f}{nc:>11.2f}{oc / nc:>8.2f}"
                  f"{'yes' if same[label] else 'NO':>12}  {verdict}")
        print(f"  (x: old / new, above 1 = the new binary is faster; 'same bytes': every output file but "
              f"manifest.json and sweep.sqlite; load average now {load():.2f})")
        return 0 if all(same.values()) else 1


# ---- scale out (--scale-out): needs a machine with 16 cores and mpirun ------------------------------

def bench_scale_out(args):
    """Replications on every core against one (target: 16 cores at least 12x one core), and a
    sweep under `mpirun -np N` against one process of one thread, whose files must be the same."""
    cores = os.cpu_count() or 1
    print(f"scale-out: {cores} cores, load average at start {load():.2f}")
    if cores < 16:
        print(f"  this machine has {cores} cores; the 16-core targets cannot be checked here")
    with tempfile.TemporaryDirectory() as work:
        replications = max(args.replications, 4 * cores)
        t = bench_threads(args.caseflow, replications, args.repeat, work, [1, cores])
        speedup = t[1]["wall"] / t[cores]["wall"]
        verdict = f"; target x12 on 16 cores: {'met' if speedup >= 12 else 'NOT met'}" if cores >= 16 else ""
        print(f"  {replications} replications: 1 thread {t[1]['wall']:.2f} s, {cores} threads {t[cores]['wall']:.2f} s: "
              f"x{speedup:.2f}{verdict}")
        ranks = min(16, cores)
        psa = scaled_experiment("effect-psa", work, args.sweep_replications, args.psa_draws)
        one_out, mpi_out = os.path.join(work, "sweep-one"), os.path.join(work, "sweep-mpi")
        one = timed([args.caseflow, "sweep", psa, "--threads", "1", "--quiet", "--out", one_out])
        env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
        start = time.perf_counter()
        subprocess.run(["mpirun", "-np", str(ranks), "--oversubscribe", args.caseflow, "sweep", psa, "--threads", "1",
                        "--quiet", "--out", mpi_out], check=True, env=env, stdout=subprocess.DEVNULL)
        mpi_wall = time.perf_counter() - start
        same = output_bytes(one_out) == output_bytes(mpi_out)
        print(f"  effect-psa sweep: 1 process {one[0]:.2f} s, mpirun -np {ranks} {mpi_wall:.2f} s: x{one[0] / mpi_wall:.2f}; "
              f"same files: {'yes' if same else 'NO'}")
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--caseflow", required=True)
    parser.add_argument("--micro")
    parser.add_argument("--peer", help="the SimPy peer (needed unless --compare or --scale-out)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--replications", type=int, default=16, help="at least 4 per core")
    parser.add_argument("--no-national", action="store_true")
    parser.add_argument("--no-micro", action="store_true")
    parser.add_argument("--compare", metavar="OLD", help="time OLD (another caseflow binary) against --caseflow, side by side")
    parser.add_argument("--scale-out", action="store_true", help="all cores against one, and a sweep under mpirun")
    parser.add_argument("--run-replications", type=int, default=8, help="--compare: replications of the default scenario")
    parser.add_argument("--sweep-replications", type=int, default=4, help="--compare, --scale-out: the sweeps' replications")
    parser.add_argument("--psa-draws", type=int, default=10, help="--compare, --scale-out: effect-psa's draws")
    parser.add_argument("--only", help="--compare: only the cases whose label contains one of these comma-separated words")
    args = parser.parse_args()
    if args.compare:
        return bench_compare(args)
    if args.scale_out:
        return bench_scale_out(args)
    if not args.peer:
        parser.error("--peer is required (unless --compare or --scale-out)")

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
