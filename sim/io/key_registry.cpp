#include "io/key_registry.hpp"

#include <cstdlib>
#include <stdexcept>

#include <fmt/core.h>

namespace caseflow::io {

const std::vector<SectionInfo>& scenario_sections() {
  static const std::vector<SectionInfo> sections = {
      {"", "The top level of a scenario file. Names of states, groups, pools, slots, benefits, meetings and "
           "interventions are the user's own (UTF-8, Danish letters and hyphens allowed; no `.`, `[`, `]` or `=`, "
           "which `--set` paths use)."},
      {"scenario", "Run settings."},
      {"benefits.NAME", "A benefit (ydelse): gross weekly rate and the refund schedule it falls under. The names "
                        "`none` and `group` are reserved."},
      {"refund", "The state refund (refusion) rules."},
      {"refund.schedules.NAME",
       "A list `[[from_week, share], ...]`: the municipal share of the gross rate from each cumulative benefit "
       "week on. Sorted ascending, the first step from week 0, shares in [0, 1]. (A list, no keys.)"},
      {"refund.reset", "When the cumulative benefit clock restarts."},
      {"groups.NAME", "A target group (målgruppe)."},
      {"states.NAME",
       "A state citizens can be in. A state with `duration` is a programme: the citizen stays for the drawn "
       "duration and then leaves by `exits`. The name `return` is reserved."},
      {"transitions.FROM.TO",
       "A competing hazard from state FROM to state TO (FROM != TO), in events per week. Exactly one of `rate`, "
       "`piecewise`, `weibull`."},
      {"transitions.FROM.TO.weibull", "Weibull hazard with cumulative hazard H(s) = (s/scale)^shape."},
      {"transitions.FROM.TO.by_group.GROUP", "The hazard for citizens of target group GROUP on this transition."},
      {"meetings.NAME", "A meeting track (samtaleforløb): citizens in `states` who pass `eligible` get meetings; "
                        "an outcome moves the citizen."},
      {"meetings.NAME.interval_weeks",
       "Interval bounds; with a pool the interval is clamp(caseload_per_fte / meetings_per_fte_week, min, max). "
       "A plain number is a fixed interval. Without a pool, min must equal max."},
      {"FILTER", "Who a meeting track (`eligible`) or an effect (`target`) applies to. Empty or absent lists mean "
                 "everyone."},
      {"pools.NAME", "Staff who hold meetings."},
      {"pools.NAME.fte_changes[]", "A change in staffing from a date on."},
      {"slots.NAME", "Capacity-limited places; a FIFO queue when full."},
      {"inflow[]", "Poisson arrivals."},
      {"initial[]", "The caseload on the first simulated day."},
      {"interventions.NAME",
       "An intervention: one arm compared with the baseline on the same synthetic citizens. The name `baseline` "
       "is reserved."},
      {"interventions.NAME.patch",
       "Deep-merged into the baseline to give this arm's model: maps merge key by key, scalars and lists "
       "replace, and `null` (or an empty value) removes a key. May hold `benefits`, `refund`, `groups`, "
       "`states`, `transitions`, `meetings`, `pools`, `slots`, `inflow` and `initial`."},
      {"interventions.NAME.costs[]", "A cost item; exactly one of `per_year`, `once`, `per_participant_week`."},
      {"interventions.NAME.effects[]",
       "Scales a hazard (`transition`) or a meeting outcome's probability (`meeting` + `outcome`) for the "
       "citizens `target` selects while the intervention is active."},
      {"interventions.NAME.effects[].transition", "The transition whose hazard is scaled; it must exist in this "
                                                  "arm's model."},
      {"report", "How results are summarised."},
      {"sources.PATH",
       "The provenance of the value at key PATH (`transitions.jobparat.job.rate`, "
       "`interventions.NAME.effects[0].multiplier`, `interventions.NAME.patch.benefits.NAME.weekly_rate`; a map or "
       "list path covers every value in it). PATH must name a value in the file. `PATH: text` is short for "
       "`PATH: {text: text}`."},
      {"DISTRIBUTION",
       "A distribution (`duration`, `elapsed_weeks`): a map with exactly one of these keys. Durations must not "
       "be negative."},
      {"DISTRIBUTION.MOMENTS", "The parameters of `gamma`, `lognormal`, `beta` and `normal`."},
  };
  return sections;
}

const std::vector<KeyInfo>& scenario_keys() {
  static const std::vector<KeyInfo> keys = {
      {"", "scenario", "map", "", "", true, "Run settings."},
      {"", "benefits", "map NAME -> benefit", "", "", false, "Benefits paid to citizens."},
      {"", "refund", "map", "", "", false, "State refund rules."},
      {"", "groups", "map NAME -> group", "", "", false, "Target groups."},
      {"", "states", "map NAME -> state", "", "", true, "States citizens can be in."},
      {"", "transitions", "map FROM -> TO -> hazard", "", "", false, "Competing hazards between states."},
      {"", "meetings", "map NAME -> meeting track", "", "", false, "Follow-up meetings."},
      {"", "pools", "map NAME -> pool", "", "", false, "Staff who hold meetings."},
      {"", "slots", "map NAME -> slot", "", "", false, "Capacity-limited places."},
      {"", "inflow", "list", "", "", false, "Arrivals."},
      {"", "initial", "list", "", "", false, "The caseload at the start of the simulation."},
      {"", "interventions", "map NAME -> intervention", "", "", false, "The arms compared with the baseline."},
      {"", "report", "map", "", "", false, "Report settings."},
      {"", "sources", "map PATH -> source", "", "", false,
       "Where values come from, shown beside them in the report's assumptions table."},

      {"scenario", "name", "string", "", "", true, "Used for the default results folder `results/<name>`."},
      {"scenario", "start", "date YYYY-MM-DD", "", "", true,
       "First reported day (week 0); budget years are calendar years."},
      {"scenario", "years", "integer 1..200", "years", "", true, "Reported horizon."},
      {"scenario", "warmup_years", "integer 0..200", "years", "0", false, "Simulated before `start`, not reported."},
      {"scenario", "replications", "integer 1..1000000", "", "1", false, "Independent replications per arm."},
      {"scenario", "seed", "integer 0..2^64-1", "", "1", false, "Master seed of all random streams."},

      {"benefits.NAME", "label", "string", "", "name", false, "Display name in the terminal, report and workbook (Danish letters allowed)."},
      {"benefits.NAME", "weekly_rate", "number in [0, 1e12]", "DKK per week", "", true, "Gross rate."},
      {"benefits.NAME", "refund", "refund schedule name", "", "", true, "The schedule in `refund.schedules`."},

      {"refund", "schedules", "map NAME -> [[from_week, share], ...]", "", "", false, "Refund schedules."},
      {"refund", "reset", "map", "", "", false, "When the cumulative benefit clock restarts."},
      {"refund.reset", "self_support_weeks", "number > 0", "weeks", "52", false,
       "Self-support needed to restart the clock ..."},
      {"refund.reset", "window_weeks", "number >= self_support_weeks", "weeks", "156", false,
       "... within this many weeks."},

      {"groups.NAME", "label", "string", "", "name", false, "Display name in the terminal, report and workbook (Danish letters allowed)."},
      {"groups.NAME", "benefit", "benefit name or `none`", "", "", true,
       "What `benefit: group` states pay for citizens of this group."},

      {"states.NAME", "label", "string", "", "name", false, "Display name in the terminal, report and workbook (Danish letters allowed)."},
      {"states.NAME", "benefit", "`group`, `none` or a benefit name", "", "none", false,
       "`group`: the citizen's group benefit; `none`: no benefit."},
      {"states.NAME", "self_supporting", "bool", "", "false", false,
       "Counts as self-support for the refund clock reset."},
      {"states.NAME", "absorbing", "bool", "", "false", false, "Being unable to leave is intended (no graph warning)."},
      {"states.NAME", "duration", "distribution", "weeks", "", false, "Makes the state a programme."},
      {"states.NAME", "exits", "map STATE or `return` -> probability", "", "", false,
       "Required for programmes: routing at the end, summing to 1; `return` goes back to the state before."},
      {"states.NAME", "slots", "slot name", "", "", false, "Entering needs a free place in this slot."},
      {"states.NAME", "cost_per_week", "number in [0, 1e12]", "DKK per participant-week", "0", false,
       "Running cost while in the state."},

      {"transitions.FROM.TO", "rate", "number >= 0", "per week", "", false, "Constant hazard."},
      {"transitions.FROM.TO", "piecewise", "[[from_week, rate], ...]", "weeks, per week", "", false,
       "Piecewise-constant hazard; sorted, first step from week 0, rates >= 0."},
      {"transitions.FROM.TO", "weibull", "map", "", "", false, "Weibull hazard."},
      {"transitions.FROM.TO", "clock", "`state` or `spell`", "", "state", false,
       "The hazard's clock: time in the current state, or time since the benefit spell began."},
      {"transitions.FROM.TO", "by_group", "map GROUP -> hazard", "", "", false,
       "Group-specific hazards: a group listed here has its own hazard (same keys: `rate`, `piecewise` or "
       "`weibull`, and `clock`) instead of the default above, e.g. a faster exit for insured a-dagpenge "
       "recipients."},
      {"transitions.FROM.TO.weibull", "shape", "number > 0", "", "", true, "Shape k."},
      {"transitions.FROM.TO.weibull", "scale", "number > 0", "weeks", "", true, "Scale."},
      {"transitions.FROM.TO.by_group.GROUP", "rate", "number >= 0", "per week", "", false, "Constant hazard."},
      {"transitions.FROM.TO.by_group.GROUP", "piecewise", "[[from_week, rate], ...]", "weeks, per week", "", false,
       "Piecewise-constant hazard."},
      {"transitions.FROM.TO.by_group.GROUP", "weibull", "map", "", "", false, "Weibull hazard (`shape`, `scale`)."},
      {"transitions.FROM.TO.by_group.GROUP", "clock", "`state` or `spell`", "", "state", false, "The hazard's clock."},

      {"meetings.NAME", "states", "list of state names", "", "", true, "States whose citizens get meetings."},
      {"meetings.NAME", "eligible", "FILTER", "", "everyone", false, "Who among them."},
      {"meetings.NAME", "interval_weeks", "number > 0, or map", "weeks", "", true, "Time between meetings."},
      {"meetings.NAME", "outcomes", "map STATE -> map STATE -> probability", "", "", false,
       "Per current state (one of `states`), the chance that a meeting moves the citizen to each other state; "
       "each inner sum <= 1."},
      {"meetings.NAME", "pool", "pool name", "", "", false, "Staff who hold the meetings."},
      {"meetings.NAME.interval_weeks", "min", "number > 0", "weeks", "", true, "Shortest interval."},
      {"meetings.NAME.interval_weeks", "max", "number >= min", "weeks", "", true, "Longest interval."},

      {"FILTER", "groups", "list of group names", "", "all", false, "Citizens of these groups."},
      {"FILTER", "states", "list of state names", "", "all", false, "Citizens in these states."},
      {"FILTER", "min_spell_weeks", "number >= 0", "weeks", "0", false, "Time since the benefit spell began, at least."},
      {"FILTER", "max_spell_weeks", "number >= min_spell_weeks", "weeks", "unbounded", false, "... at most."},
      {"FILTER", "served_by", "pool name", "", "", false, "Only citizens currently served by this pool."},

      {"pools.NAME", "label", "string", "", "name", false, "Display name in the terminal, report and workbook (Danish letters allowed)."},
      {"pools.NAME", "fte", "number >= 0", "full-time staff", "", true, "Staffing from the start."},
      {"pools.NAME", "meetings_per_fte_week", "number > 0", "meetings per FTE per week", "", true, "Capacity."},
      {"pools.NAME", "caseload_per_fte", "number >= 0", "citizens per FTE", "0", false,
       "Cap on citizens served; 0 means no cap. The rest wait (FIFO)."},
      {"pools.NAME", "fte_changes", "list", "", "", false, "Staffing schedule: `[{date, fte}, ...]`."},
      {"pools.NAME.fte_changes[]", "date", "date YYYY-MM-DD", "", "", true, "From this day on ..."},
      {"pools.NAME.fte_changes[]", "fte", "number >= 0", "full-time staff", "", true, "... this staffing."},

      {"slots.NAME", "label", "string", "", "name", false, "Display name in the terminal, report and workbook (Danish letters allowed)."},
      {"slots.NAME", "capacity", "integer >= 0", "places", "", true, "Places."},

      {"inflow[]", "name", "string", "", "GROUP.STATE", false,
       "The source's identity: its citizens' random streams are keyed by it, so an arm that changes another entry leaves these citizens as they are."},
      {"inflow[]", "group", "group name", "", "", true, "Group of the arrivals."},
      {"inflow[]", "state", "state name", "", "", true, "State they arrive in."},
      {"inflow[]", "per_year", "number >= 0", "citizens per calendar year", "", true,
       "Mean arrivals per calendar year (365 or 366 days: a leap year's weekly rate is lower)."},

      {"initial[]", "name", "string", "", "GROUP.STATE", false,
       "The source's identity: its citizens' random streams are keyed by it (unique within the list)."},
      {"initial[]", "group", "group name", "", "", true, "Group."},
      {"initial[]", "state", "state name", "", "", true, "State."},
      {"initial[]", "count", "integer >= 0", "citizens", "", true, "How many."},
      {"initial[]", "elapsed_weeks", "distribution", "weeks", "{fixed: 0}", false,
       "Time already spent in the spell at the start."},

      {"interventions.NAME", "label", "string", "", "name", false, "Display name in the terminal, report and workbook (Danish letters allowed)."},
      {"interventions.NAME", "description", "string", "", "", false, "Free text for reports."},
      {"interventions.NAME", "start", "date YYYY-MM-DD", "", "scenario start", false, "Active from this day ..."},
      {"interventions.NAME", "end", "date YYYY-MM-DD", "", "never", false, "... until this day (exclusive)."},
      {"interventions.NAME", "costs", "list", "", "", false, "What the intervention costs."},
      {"interventions.NAME", "patch", "map", "", "", false, "Changes to the baseline model for this arm."},
      {"interventions.NAME", "effects", "list", "", "", false, "Hazard and meeting-outcome multipliers."},
      {"interventions.NAME", "stated_savings", "map YEAR -> number", "DKK per budget year", "", false,
       "The municipality's own estimate of the savings on benefits (e.g. `{2025: 1200000, 2026: 2500000}`); "
       "`caseflow breakeven` reports the parameter value it implies."},

      {"interventions.NAME.costs[]", "label", "string", "", "", true, "Shown in reports."},
      {"interventions.NAME.costs[]", "per_year", "number in [0, 1e12]", "DKK per year", "", false,
       "Running cost while active."},
      {"interventions.NAME.costs[]", "once", "number in [0, 1e12]", "DKK", "", false, "Paid once, at the start."},
      {"interventions.NAME.costs[]", "per_participant_week", "number in [0, 1e12]", "DKK per participant-week", "", false,
       "Per week per citizen the intervention reaches."},

      {"interventions.NAME.effects[]", "target", "FILTER", "", "everyone", false, "Who the effect applies to."},
      {"interventions.NAME.effects[]", "transition", "map {from, to}", "", "", false, "The hazard scaled."},
      {"interventions.NAME.effects[]", "meeting", "meeting name", "", "", false,
       "The meeting track whose outcome is scaled (with `outcome`)."},
      {"interventions.NAME.effects[]", "outcome", "state name", "", "", false,
       "The outcome state of that meeting whose probability is scaled."},
      {"interventions.NAME.effects[]", "multiplier", "number >= 0", "", "", true, "Factor on the hazard or probability."},
      {"interventions.NAME.effects[].transition", "from", "state name", "", "", true, "From state."},
      {"interventions.NAME.effects[].transition", "to", "state name", "", "", true, "To state."},

      {"sources.PATH", "text", "string", "", "", true, "Where the value comes from (a report, a survey, a decision)."},
      {"sources.PATH", "assumption", "bool", "", "false", false,
       "true: the value is assumed, not documented; the report marks it."},

      {"report", "prudence_factor", "number in [0, 1]", "", "1", false, "Share of savings counted."},
      {"report", "discount_rate", "number in [0, 1)", "per year", "0", false, "For the net present value row."},

      {"DISTRIBUTION", "fixed", "number", "", "", false, "Always this value."},
      {"DISTRIBUTION", "exponential", "number > 0", "", "", false, "Exponential with this mean."},
      {"DISTRIBUTION", "uniform", "[a, b]", "", "", false, "Uniform on [a, b], a <= b."},
      {"DISTRIBUTION", "gamma", "{mean, sd}", "", "", false, "Gamma by mean (> 0) and sd (>= 0)."},
      {"DISTRIBUTION", "lognormal", "{mean, sd}", "", "", false, "Lognormal by its own mean (> 0) and sd (>= 0)."},
      {"DISTRIBUTION", "beta", "{mean, sd}", "", "", false, "Beta on (0, 1) by mean and sd (sd^2 < mean(1-mean))."},
      {"DISTRIBUTION", "normal", "{mean, sd}", "", "", false, "Normal."},
      {"DISTRIBUTION", "triangular", "[min, mode, max]", "", "", false, "Triangular, min <= mode <= max."},
      {"DISTRIBUTION", "empirical", "[[value, weight], ...]", "", "", false,
       "Discrete: each value with probability proportional to its weight (>= 0, not all 0)."},
      {"DISTRIBUTION.MOMENTS", "mean", "number", "", "", true, "Mean."},
      {"DISTRIBUTION.MOMENTS", "sd", "number >= 0", "", "", true, "Standard deviation."},
  };
  return keys;
}

std::vector<std::string> keys_of(std::string_view section) {
  std::vector<std::string> out;
  for (const auto& k : scenario_keys()) {
    if (k.section == section) out.emplace_back(k.key);
  }
  return out;
}

const KeyInfo* find_key(std::string_view section, std::string_view key) {
  for (const auto& k : scenario_keys()) {
    if (k.section == section && k.key == key) return &k;
  }
  return nullptr;
}

namespace {

std::string cell(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') out += "\\|";
    else out += c;
  }
  return out;
}

}  // namespace

double numeric_default(std::string_view section, std::string_view key) {
  const KeyInfo* info = find_key(section, key);
  const std::string text = info == nullptr ? std::string() : std::string(info->default_value);
  char* end = nullptr;
  const double value = text.empty() ? 0.0 : std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size()) {
    throw std::logic_error(fmt::format("key registry: {}.{} has no numeric default", section, key));
  }
  return value;
}

std::string scenario_key_reference_markdown() {
  std::string md;
  md += "# Scenario keys\n\n";
  md += "<!-- Generated from sim/io/key_registry.cpp by scenario_key_reference_markdown(); do not edit by hand.\n";
  md += "     tests/io/key_registry_test.cpp fails when this file and the registry differ. -->\n\n";
  md += "Every key a scenario file may contain. Unknown keys are errors (with a suggestion for a close\n";
  md += "known key). `NAME`, `FROM` and `TO` stand for the user's own names; `[]` marks the items of a list.\n";
  md += "Any value can be overridden on the command line with `--set PATH=VALUE`, where PATH uses dots\n";
  md += "and list indices (`interventions.jobformidlere.effects[0].multiplier`) and VALUE is YAML.\n";
  for (const auto& s : scenario_sections()) {
    md += "\n## ";
    md += s.section.empty() ? std::string("Top level") : fmt::format("`{}`", s.section);
    md += "\n\n";
    md += s.doc;
    md += "\n";
    bool header = false;
    for (const auto& k : scenario_keys()) {
      if (k.section != s.section) continue;
      if (!header) {
        md += "\n| key | type | unit | default | description |\n|---|---|---|---|---|\n";
        header = true;
      }
      const std::string default_text = k.required ? std::string("required") : std::string(k.default_value);
      md += fmt::format("| `{}` | {} | {} | {} | {} |\n", k.key, cell(k.type), cell(k.unit), cell(default_text),
                        cell(k.doc));
    }
  }
  return md;
}

}  // namespace caseflow::io
