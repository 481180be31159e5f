#!/usr/bin/python3
"""An independent check of every citizen's bill (issue 14.6).

Reads only a run's trace.csv (one row per spell of every citizen: `caseflow run --trace`) and the
scenario file, recomputes benefit_gross and benefit_municipal per arm and budget year from the rule
as the law states it (DOMAIN.md), and compares them with the run's budget.csv. It shares no code
with caseflow: the refund clock, the restart after self-support, budget years, dated rates and
refunds and the price level are written out here from their definitions.

The rule:
- A citizen's refund clock counts its cumulative weeks on any benefit (the trace's first row
  carries the clock the citizen was created with; it is never read again, only compared).
- The municipal share of a benefit week is the step of the refund schedule in force on that day
  at the clock's value then (a ladder), or, under an activity-based schedule, the share of the
  state the citizen is in.
- The clock restarts (is 0 again) once the citizen has had `self_support_weeks` of self-support
  within the last `window_weeks` (checked with a tolerance of 1e-9 weeks, for rounding in sums of
  spell lengths); consecutive self-supporting states are one spell of self-support; løntilskud
  pays a benefit and is not self-support.
- Budget years are calendar years (365/7 or 366/7 weeks; the first and last clipped to the
  horizon); a week is priced at the rate of the budget year it falls in, times the price level's
  index(price year) / index(that year).
- An arm's rules (its patch) apply from its `start` to its `end`; before and after, the
  baseline's, keeping what the patch added (its states, groups, benefits and schedules).

Tolerance: to the krone, |oracle - budget.csv| < 1 DKK in every cell (budget.csv has 2 decimals;
both are means over the same replications).

Usage: budget_oracle.py SCENARIO RESULTS_DIR     (exit 0: all cells match; 1: a mismatch)
"""
import collections
import copy
import csv
import datetime
import math
import sys

import yaml

TOLERANCE_DKK = 1.0
SELF_SUPPORT_TOLERANCE = 1e-9


def as_date(value):
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def plus_years(d, n):
    y = d.year + n
    last = 29 if d.month == 2 and (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else None
    day = min(d.day, last) if last else d.day
    if d.month == 2 and d.day == 29 and last is None:
        day = 28
    return datetime.date(y, d.month, day)


def deep_merge(base, patch):
    """Maps merge key by key, anything else replaces (SPEC: the patch is deep-merged)."""
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for k, v in patch.items():
            out[k] = deep_merge(base[k], v) if k in base else copy.deepcopy(v)
        return out
    return copy.deepcopy(patch)


class Rules:
    """What prices a benefit week: states, groups, benefits, refund schedules and reset."""

    def __init__(self, doc, week_of):
        self.states = {}
        for name, s in (doc.get("states") or {}).items():
            s = s or {}
            self.states[name] = (s.get("benefit", "none"), bool(s.get("self_supporting", False)))
        self.groups = {name: (g or {}).get("benefit", "none") for name, g in (doc.get("groups") or {}).items()}
        refund = doc.get("refund") or {}
        self.schedules = {}
        for name, s in (refund.get("schedules") or {}).items():
            if isinstance(s, dict):
                self.schedules[name] = ("by_state", float(s["share"]), {k: float(v) for k, v in (s.get("by_state") or {}).items()})
            else:
                self.schedules[name] = ("ladder", [(float(a), float(b)) for a, b in s])
        reset = refund.get("reset") or {}
        self.self_support_weeks = float(reset.get("self_support_weeks", 52.0))
        self.window_weeks = float(reset.get("window_weeks", max(156.0, self.self_support_weeks)))
        self.benefits = {}
        for name, b in (doc.get("benefits") or {}).items():
            by_year = sorted((int(y), float(r)) for y, r in (b.get("weekly_rate_by_year") or {}).items())
            rate = float(b["weekly_rate"]) if "weekly_rate" in b else by_year[0][1]
            up = b.get("uprating") or {}
            changes = [(week_of(as_date(c["date"])), c["refund"]) for c in (b.get("refund_changes") or [])]
            self.benefits[name] = {
                "rate": rate, "by_year": by_year, "uprating": float(up.get("per_year", 0.0)),
                "base_year": int(up.get("base_year", 0)), "refund": b.get("refund"), "changes": changes,
            }

    def benefit_of(self, state, group):
        rule = self.states[state][0]
        if rule == "none":
            return None
        b = self.groups[group] if rule == "group" else rule
        return None if b == "none" else b

    def self_supporting(self, state):
        return self.states[state][1]

    def rate(self, benefit, year):
        b = self.benefits[benefit]
        r = b["rate"]
        for y, rate in b["by_year"]:
            if year >= y:
                r = rate
        if b["uprating"] != 0.0:
            r *= (1.0 + b["uprating"]) ** (year - b["base_year"])
        return r

    def schedule(self, benefit, week):
        b = self.benefits[benefit]
        s = b["refund"]
        for at, name in b["changes"]:
            if week >= at:
                s = name
        return self.schedules[s]


def after_end(base, arm):
    """The rules after an arm's end: the baseline's, plus what the arm added."""
    r = copy.copy(base)
    for field in ("states", "groups", "benefits", "schedules"):
        merged = dict(getattr(base, field))
        for k, v in getattr(arm, field).items():
            merged.setdefault(k, v)
        setattr(r, field, merged)
    return r


class Scenario:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        sc = doc["scenario"]
        self.start = as_date(sc["start"])
        years = int(sc.get("years", 1))
        end = plus_years(self.start, years)
        self.horizon = self.week_of(end)
        self.years = []  # (calendar year, begin week, end week)
        for y in range(self.start.year, end.year + 1):
            lo = max(0.0, self.week_of(datetime.date(y, 1, 1)))
            hi = min(self.horizon, self.week_of(datetime.date(y + 1, 1, 1)))
            if hi > lo:
                self.years.append((y, lo, hi))
        price = (doc.get("report") or {}).get("price_level")
        self.price_year = int(price["year"]) if price else None
        self.price_index = {int(k): float(v) for k, v in price["index"].items()} if price else {}
        self.base = Rules(doc, self.week_of)
        self.arms = {"baseline": (self.base, -math.inf, math.inf, self.base)}
        for name, iv in (doc.get("interventions") or {}).items():
            patched = Rules(deep_merge(doc, iv.get("patch") or {}), self.week_of)
            start = self.week_of(as_date(iv["start"])) if "start" in iv else -math.inf
            stop = self.week_of(as_date(iv["end"])) if "end" in iv else math.inf
            # `after_end.continue_weeks`: the patch's rules (rates included) go on past `end`.
            stop += float((iv.get("after_end") or {}).get("continue_weeks", 0.0))
            self.arms[name] = (patched, start, stop, after_end(self.base, patched))

    def week_of(self, d):
        return (d - self.start).days / 7.0

    def price_factor(self, year):
        if self.price_year is None:
            return 1.0
        base, at = self.price_index.get(self.price_year, 0.0), self.price_index.get(year, 0.0)
        return base / at if base > 0 and at > 0 else 1.0

    def rules_at(self, arm, t):
        rules, start, stop, after = self.arms[arm]
        if t < start:
            return self.base
        return rules if t < stop else after

    def cuts(self, arm):
        """Times at which something that prices a week may change."""
        _, start, stop, _ = self.arms[arm]
        out = [lo for _, lo, _ in self.years] + [t for t in (start, stop) if math.isfinite(t)]
        for rules in (self.base, self.arms[arm][0]):
            for b in rules.benefits.values():
                out += [at for at, _ in b["changes"]]
        return sorted(set(out))


def bill(scenario, arm, spells, money):
    """Adds one citizen's benefit cost to money[year index] = [gross, municipal]; returns how many
    of its spells begin with a refund clock other than the trace's (more than 1e-6 weeks apart)."""
    mismatches = 0
    clock = spells[0]["clock"]
    support = []  # self-support spells [begin, end) that may still count
    since = None  # start of the current self-support spell
    cuts = scenario.cuts(arm)
    for s in spells:
        rules = scenario.rules_at(arm, s["start"])
        self_supporting = rules.self_supporting(s["state"])
        if since is not None and not self_supporting:
            # A self-support spell ends: the clock restarts with enough self-support in the window.
            window = s["start"] - rules.window_weeks
            support = [(a, b) for a, b in support if b > window] + [(since, s["start"])]
            total = sum(b - max(window, a) for a, b in support)
            if total >= rules.self_support_weeks - SELF_SUPPORT_TOLERANCE:
                clock, support = 0.0, []
            since = None
        mismatches += abs(clock - s["clock"]) > 1e-6
        if self_supporting and since is None:
            since = s["entered"]
        # Benefit weeks of this spell, piece by piece where the pricing may change.
        points = [s["start"]] + [c for c in cuts if s["start"] < c < s["end"]] + [s["end"]]
        for lo, hi in zip(points, points[1:]):
            if hi <= lo:
                continue
            r = scenario.rules_at(arm, lo)
            benefit = r.benefit_of(s["state"], s["group"])
            if benefit is None:
                continue
            y = next((i for i, (_, a, b) in enumerate(scenario.years) if a <= lo < b), None)
            if y is not None:
                year = scenario.years[y][0]
                rate = r.rate(benefit, year) * scenario.price_factor(year)
                schedule = r.schedule(benefit, lo)
                money[y][0] += rate * (hi - lo)
                if schedule[0] == "by_state":
                    money[y][1] += rate * (hi - lo) * schedule[2].get(s["state"], schedule[1])
                else:
                    for k, (at, share) in enumerate(schedule[1]):
                        nxt = schedule[1][k + 1][0] if k + 1 < len(schedule[1]) else math.inf
                        a, b = max(clock, at), min(clock + (hi - lo), nxt)
                        if b > a:
                            money[y][1] += rate * (b - a) * share
            clock += hi - lo
    return mismatches


def main(scenario_path, results):
    scenario = Scenario(scenario_path)
    citizens = collections.defaultdict(list)
    with open(f"{results}/trace.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            citizens[(int(row["replication"]), row["arm"], int(row["citizen"]))].append({
                "state": row["state"], "group": row["group"], "start": float(row["start_week"]),
                "end": float(row["end_week"]), "clock": float(row["refund_clock_weeks"]),
                "entered": float(row["entered_week"]),
            })
    replications = sorted({r for r, _, _ in citizens})
    totals = collections.defaultdict(lambda: [[0.0, 0.0] for _ in scenario.years])
    clock_mismatches = 0
    for (rep, arm, _), spells in sorted(citizens.items()):
        clock_mismatches += bill(scenario, arm, spells, totals[(rep, arm)])
    with open(f"{results}/budget.csv", newline="", encoding="utf-8") as f:
        budget = [row for row in csv.DictReader(f) if row["year"] != "total"]
    worst = 0.0
    failures = []
    for row in budget:
        y = next(i for i, (year, _, _) in enumerate(scenario.years) if str(year) == row["year"])
        for column, k in (("benefit_gross", 0), ("benefit_municipal", 1)):
            mine = sum(totals[(r, row["arm"])][y][k] for r in replications) / len(replications)
            diff = abs(mine - float(row[column]))
            worst = max(worst, diff)
            if diff >= TOLERANCE_DKK:
                failures.append(f"{row['arm']} {row['year']} {column}: oracle {mine:.2f}, budget.csv {row[column]} (diff {diff:.2f})")
    spells = sum(len(v) for v in citizens.values())
    print(f"{scenario_path}: {len(citizens)} citizen trajectories, {spells} spells, {len(replications)} replications, "
          f"{len(budget)} arm-years x 2 cells; largest difference {worst:.4f} DKK")
    for line in failures:
        print("MISMATCH " + line)
    if clock_mismatches:
        print(f"MISMATCH {clock_mismatches} spells begin with a refund clock other than the trace's")
    return 1 if failures or clock_mismatches or not budget else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
