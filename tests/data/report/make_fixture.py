#!/usr/bin/python3
"""Writes the small hand-made results folder the report tests read (results-small/).

The numbers are invented but consistent the way `caseflow run` makes them: per replication,
savings = baseline benefit_municipal - arm's, net = intervention_cost - savings; budget.csv
holds the means, 95% intervals (2.5/97.5 percentiles, linear interpolation) and the share of
replications with net < 0. Run it again only to change the fixture:
    /usr/bin/python3 tests/data/report/make_fixture.py
"""
import csv
import json
import math
import os
import random
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "results-small")
YEARS = [2025, 2026]
REPS = 8
ARMS = ["baseline", "jobformidlere"]
COST = 1_040_000.0
rng = random.Random(20251122)


def quantile(xs, q):
    s = sorted(xs)
    pos = q * (len(s) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def write(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def fmt(x):
    return f"{x:.6g}" if isinstance(x, float) and abs(x) < 1000 else (f"{x:.2f}" if isinstance(x, float) else str(x))


os.makedirs(OUT, exist_ok=True)

# Replications: baseline municipal benefit per year, and the arm's saving that ramps up.
base = {(r, y): 31_500_000.0 + rng.gauss(0, 600_000) - (y - 2025) * 400_000 for r in range(REPS) for y in YEARS}
save = {(r, y): max(0.0, rng.gauss(650_000 if y == 2025 else 1_450_000, 350_000)) for r in range(REPS) for y in YEARS}
rep_rows = []
for r in range(REPS):
    for arm in ARMS:
        for y in YEARS:
            if arm == "baseline":
                rep_rows.append([r, arm, y, round(base[r, y], 2), 0, 0, 0])
            else:
                s = round(save[r, y], 2)
                rep_rows.append([r, arm, y, round(base[r, y] - s, 2), COST, s, round(COST - s, 2)])
write("replications.csv", ["replication", "arm", "year", "benefit_municipal", "intervention_cost", "savings", "net"], rep_rows)

budget = []
for arm in ARMS:
    for y in YEARS + ["total"]:
        ys = YEARS if y == "total" else [y]
        bm = [sum(base[r, yy] - (0 if arm == "baseline" else save[r, yy]) for yy in ys) for r in range(REPS)]
        mean_bm = sum(bm) / REPS
        gross = mean_bm / 0.71
        fte = gross / (52 * 3300.0)
        cost = 0.0 if arm == "baseline" else COST * len(ys)
        if arm == "baseline":
            sv = [0.0] * REPS
            nt = [0.0] * REPS
        else:
            sv = [sum(save[r, yy] for yy in ys) for r in range(REPS)]
            nt = [cost - s for s in sv]
        ms = sum(sv) / REPS
        mn = sum(nt) / REPS
        p = sum(1 for n in nt if n < 0) / REPS if arm != "baseline" else 0.0
        # Cumulative to the end of this year (the whole horizon on the total row), per replication.
        upto = YEARS if y == "total" else [yy for yy in YEARS if yy <= y]
        cum = [0.0 if arm == "baseline" else sum(COST - save[r, yy] for yy in upto) for r in range(REPS)]
        paid = 0.0 if arm == "baseline" else sum(1 for c in cum if c < 0) / REPS
        budget.append([arm, y, round(fte, 2), round(gross, 2), round(mean_bm, 2), round(cost, 2),
                       round(ms, 2), round(quantile(sv, 0.025), 2), round(quantile(sv, 0.975), 2),
                       round(mn, 2), round(quantile(nt, 0.025), 2), round(quantile(nt, 0.975), 2),
                       round(p, 4), round(0.85 * ms, 2), round(0.15 * ms, 2), 0.0,
                       round(sum(cum) / REPS, 2), round(paid, 4)])
write("budget.csv", ["arm", "year", "fte_on_benefit", "benefit_gross", "benefit_municipal", "intervention_cost",
                     "savings", "savings_lo", "savings_hi", "net", "net_lo", "net_hi", "p_net_saving",
                     "savings_volume", "savings_refund_mix", "programme_cost", "cumulative_net", "p_paid_back"], budget)

occ = []
start = date(2025, 1, 1)
for arm in ARMS:
    for week in range(0, 105, 4):
        d = (start + timedelta(weeks=week)).isoformat()
        effect = 0.0 if arm == "baseline" else 9.0 * (1 - math.exp(-week / 30.0))
        levels = {"jobparat": 158.0 - 0.05 * week - effect,
                  "aktivitetsparat": 104.0 + 0.02 * week,
                  "job": 30.0 + 0.5 * week + effect}
        for state, m in levels.items():
            half = 0.06 * m + 2
            occ.append([arm, week, d, state, round(m, 2), round(m - half, 2), round(m + half, 2)])
write("occupancy.csv", ["arm", "week", "date", "state", "mean", "lo", "hi"], occ)
# What `caseflow analytic` would write: the expected occupancy, here the simulated mean plus a
# small deterministic wobble (Monte Carlo error), for the validation notebook.
os.makedirs(os.path.join(OUT, "analytic"), exist_ok=True)
with open(os.path.join(OUT, "analytic", "occupancy.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["arm", "week", "date", "state", "mean"])
    for arm, week, d, state, m, _lo, _hi in occ:
        w.writerow([arm, week, d, state, round(m + 1.2 * math.sin(week / 7.0 + len(state)), 3)])

flows = []
for arm in ARMS:
    extra = 0 if arm == "baseline" else 1
    for y in YEARS:
        k = 1.0 if y == 2025 else 1.05
        flows += [[arm, y, "jobparat", "job", round(k * (181.5 + extra * (6.2 if y == 2025 else 10.4)), 2)],
                  [arm, y, "aktivitetsparat", "jobparat", round(k * 41.3, 2)],
                  [arm, y, "aktivitetsparat", "job", round(k * 12.8, 2)],
                  [arm, y, "job", "jobparat", round(k * (76.1 + extra * 1.8), 2)]]
write("flows.csv", ["arm", "year", "from", "to", "mean"], flows)

queues = []
for arm in ARMS:
    for y in YEARS:
        queues.append([arm, y, "jobkonsulenter", 0.0, 0.0, 0.93])
        queues.append([arm, y, "praktikpladser", round(4.2 + (0.6 if arm != "baseline" else 0), 2),
                       round(3.4 + (0.4 if arm != "baseline" else 0), 2), 0.97])
        if arm != "baseline":
            queues.append([arm, y, "jobformidlere", round(2.5 + 1 * (y - 2025), 2), round(3.8 + 1 * (y - 2025), 2), 1.0])
write("queues.csv", ["arm", "year", "resource", "mean_waiting", "mean_wait_weeks", "utilisation"], queues)

write("arms.csv", ["arm", "description", "start", "end"],
      [["baseline", "", "2025-01-01", "2026-12-31"],
       ["jobformidlere", "to jobformidlere til borgere, der har været ledige et år eller mere", "2025-01-01", "2026-12-31"]])
write("assumptions.csv", ["arm", "parameter", "baseline", "value"],
      [["jobformidlere", "pools.jobformidlere.fte", "", "2"],
       ["jobformidlere", "pools.jobformidlere.caseload_per_fte", "", "35"],
       ["jobformidlere", "meetings.jobformidler.interval_weeks", "", "{min: 2, max: 2}"],
       ["jobformidlere", "effects[0].multiplier (jobparat -> job)", "1", "1.3"],
       ["jobformidlere", "costs[0].per_year (2 jobformidlere)", "0", "1040000"]])
write("impact.csv", ["arm", "treated", "left_benefits", "left_in_baseline_too", "extra_exits_to_self_support"],
      [["jobformidlere", 131.5, 74.25, 52.5, 21.75]])

manifest = {"caseflow_version": "0.1.0", "git_commit": "fixture", "scenario_file": "config/mellemstor-kommune.yaml",
            "scenario_name": "mellemstor-kommune", "scenario_sha256": "0" * 64, "seed": 20251122, "replications": REPS,
            "arms": ARMS, "threads": 2, "started": "2025-11-22T10:00:00Z", "finished": "2025-11-22T10:00:03Z",
            "wall_seconds": 3.2}
with open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8") as f:
    json.dump(manifest, f, indent=2)
    f.write("\n")

# A small sweep folder (oneway + psa outputs) for the sweep notebook.
SW = os.path.join(HERE, "sweep-small")
os.makedirs(SW, exist_ok=True)
# tornado.csv is in 1.000 kr., sorted by swing per arm.
with open(os.path.join(SW, "tornado.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["parameter", "low", "high", "net_low", "net_high", "net_base", "arm"])
    w.writerow(["interventions.jobformidlere.effects[0].multiplier", 1.1, 1.6, 610.0, -1450.0, -346.386, "jobformidlere"])
    w.writerow(["pools.jobformidlere.caseload_per_fte", 25, 45, 90.0, -640.0, -346.386, "jobformidlere"])
    w.writerow(["benefits.kontanthjaelp.weekly_rate", 2400, 2860, -150.0, -540.0, -346.386, "jobformidlere"])
    w.writerow(["transitions.jobparat.job.rate", 0.025, 0.035, -520.0, -180.0, -346.386, "jobformidlere"])
draws = []
for point in range(60):
    mult = rng.uniform(1.1, 1.6)
    for y in YEARS + ["total"]:
        scale = 2 if y == "total" else (0.8 if y == 2025 else 1.2)
        sv = max(0.0, (mult - 1.0) * 7.0e6 * scale / 2 + rng.gauss(0, 150000))
        cost = COST * (2 if y == "total" else 1)
        draws.append([point, round(mult, 4), "jobformidlere", y, round(sv, 2), round(sv * 0.8, 2), round(sv * 1.2, 2),
                      round(cost - sv, 2), round(cost - sv * 1.2, 2), round(cost - sv * 0.8, 2), 0.0])
with open(os.path.join(SW, "sweep.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["point", "interventions.jobformidlere.effects[0].multiplier", "arm", "year", "savings", "savings_lo",
                "savings_hi", "net", "net_lo", "net_hi", "p_net_saving"])
    w.writerows(draws)
psa = []
for y in YEARS + ["total"]:
    nets = [d[7] for d in draws if d[3] == y]
    psa.append(["jobformidlere", y, round(sum(nets) / len(nets), 2), round(quantile(nets, 0.05), 2),
                round(quantile(nets, 0.5), 2), round(quantile(nets, 0.95), 2), round(sum(n < 0 for n in nets) / len(nets), 4)])
with open(os.path.join(SW, "psa.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["arm", "year", "net_mean", "net_p05", "net_p50", "net_p95", "p_net_saving"])
    w.writerows(psa)
