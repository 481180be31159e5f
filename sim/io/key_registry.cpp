#include "io/key_registry.hpp"

#include <cstdlib>
#include <stdexcept>

#include <fmt/core.h>

namespace caseflow::io {

// long-function: a table, one row per section of the scenario file; split, a section's text is harder to find
const std::vector<SectionInfo>& scenario_sections() {
  static const std::vector<SectionInfo> sections = {
      {"", "The top level of a scenario file. Names of states, groups, pools, slots, benefits, meetings and "
           "interventions are the user's own (UTF-8, Danish letters and hyphens allowed; no `.`, `[`, `]` or `=`, "
           "which `--set` paths use)."},
      {"scenario", "Run settings."},
      {"benefits.NAME", "A benefit (ydelse): gross weekly rate and the refund schedule it falls under. The names "
                        "`none` and `group` are reserved."},
      {"benefits.NAME.uprating",
       "A yearly uprating (satsregulering): `weekly_rate` is the rate of `base_year`; each later budget year pays "
       "(1 + per_year) times the year before (each earlier year divides by it). Not with `weekly_rate_by_year`."},
      {"refund", "The state refund (refusion) rules."},
      {"refund.schedules.NAME",
       "Either a duration ladder, a list `[[from_week, share], ...]`: the municipal share of the gross rate from "
       "each cumulative benefit week on, sorted ascending, the first step from week 0, shares in [0, 1]; or an "
       "activity-based rule, a map `{share, by_state}`: the municipal share by the state the citizen is in, as "
       "before the 2016 refund reform (Hørsholm 2013: 35 % refund passive, 50 % in company-oriented activation: "
       "`{share: 0.65, by_state: {praktik: 0.50, loentilskud: 0.50}}`). The refund clock counts benefit weeks "
       "under either rule."},
      {"refund.reset", "When the cumulative benefit clock restarts."},
      {"benefits.NAME.refund_changes[]",
       "A change of the refund schedule from a date on (e.g. the 2016 reform's ladder from 2016-01-04). Before the "
       "first change the benefit's `refund` applies. Dates strictly ascending. Benefit weeks are priced under the "
       "schedule in force on the day they fall on."},
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
      {"age_rules.NAME",
       "A move at an age: a citizen who reaches `at_years` while it is in one of `groups` and `states` moves to "
       "another target group (`group`), another state (`state`), or both; uddannelseshjælp under 30 becomes "
       "kontanthjælp at 30 (`{at_years: 30, groups: [uddannelseshjaelp], group: kontanthjaelp}`), folkepension age "
       "ends the case (`{at_years: 67, state: pension}`). A citizen already older when it enters moves at once; a "
       "citizen without an age (no `age_years` on its entry) never does. The move is a new stay: time in state, "
       "hazards and meetings start afresh, the benefit spell and the refund clock go on."},
      {"benefit_clocks.NAME",
       "A benefit period: weeks on `benefit` count, and when they reach `limit_weeks` within the last "
       "`window_weeks` (a-dagpenge: 104 within 156; sygedagpenge: 22 within 39) the citizen takes one of "
       "`outcomes`, drawn by share, and its count starts again from zero. Gaps (self-support, other benefits) "
       "do not reset the count; weeks older than the window drop out. The initial stock's `elapsed_weeks` count "
       "as weeks on the benefit. Counted per citizen; a move is a new stay as for `age_rules`."},
      {"benefit_clocks.NAME.outcomes[]",
       "Where the citizen goes when the period runs out: another target group (`group`, e.g. kontanthjælp), "
       "another state (`state`, e.g. a state without benefit for those whose spouse's income rules out "
       "kontanthjælp, or jobafklaring), or both. Shares sum to 1."},
      {"inflow[]", "Poisson arrivals."},
      {"initial[]", "The caseload on the first simulated day."},
      {"interventions.NAME",
       "An intervention: one arm compared with the baseline on the same synthetic citizens. The name `baseline` "
       "is reserved."},
      {"interventions.NAME.patch",
       "Deep-merged into the baseline to give this arm's model: maps merge key by key, scalars and lists "
       "replace, and `null` (or an empty value) removes a key. May hold `benefits`, `refund`, `groups`, "
       "`states`, `transitions`, `meetings`, `pools`, `slots`, `inflow`, `initial`, `age_rules` and `benefit_clocks`."},
      {"interventions.NAME.costs[]",
       "A cost item; exactly one of `per_year`, `once`, `per_participant_week`, `per_budget_year`, `per_participant`, "
       "`per_place_year`. Amounts are DKK at the scenario's price level and never negative: a grant or other income "
       "goes under `financing`. A money value written with exactly three decimals (`498.333`) is warned about, since "
       "it is most likely a Danish thousands point (498.333 kr. = 498333); `--strict` makes that an error."},
      {"interventions.NAME.financing[]",
       "A financing line: a grant (from a state pool such as STAR, or a fund) or other income that pays for the "
       "intervention. The same forms as `costs[]`; shown as `Finansiering` in the budget table and as `financing` "
       "in budget.csv, and `net` = intervention_cost - financing - savings."},
      {"interventions.NAME.effects[]",
       "Scales a hazard (`transition`) or a meeting outcome's probability (`meeting` + `outcome`) for the "
       "citizens `target` selects while the intervention is active."},
      {"interventions.NAME.effects[].transition", "The transition whose hazard is scaled; it must exist in this "
                                                  "arm's model."},
      {"interventions.NAME.after_end",
       "After the intervention's `end` its costs stop; its practice and effects may go on (`continue_weeks`) and its "
       "effects fade (`fade_weeks`), so one arm says 'the better conversations continue after the grant'."},
      {"report", "How results are summarised."},
      {"sources.PATH",
       "The provenance of the value at key PATH (`transitions.jobparat.job.rate`, "
       "`interventions.NAME.effects[0].multiplier`, `interventions.NAME.patch.benefits.NAME.weekly_rate`; a map or "
       "list path covers every value in it). PATH must name a value in the file. `PATH: text` is short for "
       "`PATH: {text: text}`."},
      {"report.price_level",
       "The price level results are stated in (\"i 2020 pl\"): money booked in budget year Y (benefits, programme "
       "costs, cost and financing lines) is taken to be in year-Y prices and converted to `year` prices by "
       "index(year) / index(Y). Write rates that change by year (`weekly_rate_by_year`, `uprating`) and cost lines "
       "in current prices when you use it."},
      {"DISTRIBUTION",
       "A distribution (`duration`, `elapsed_weeks`): a map with exactly one of these keys. Durations must not "
       "be negative."},
      {"DISTRIBUTION.MOMENTS", "The parameters of `gamma`, `lognormal`, `beta` and `normal`."},
  };
  return sections;
}

// long-function: a table, one row per scenario key; split, a key's row is harder to find
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
      {"", "age_rules", "map NAME -> age rule", "", "", false, "Moves at an age (needs `age_years` on the entries)."},
      {"", "benefit_clocks", "map NAME -> benefit clock", "", "", false, "Benefit periods that run out."},
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
      {"benefits.NAME", "weekly_rate", "number in [0, 1e12]", "DKK per week", "required unless `weekly_rate_by_year`", false,
       "Gross rate (with `weekly_rate_by_year`: the rate before its first year; default its first entry)."},
      {"benefits.NAME", "weekly_rate_by_year", "map YEAR -> number in [0, 1e12]", "DKK per week", "", false,
       "Dated rates: from budget year YEAR on, this gross rate (e.g. `{2020: 2630, 2021: 2672}`); years ascending. "
       "Benefit weeks are priced at the rate of the budget year they fall in."},
      {"benefits.NAME", "uprating", "map", "", "", false, "A yearly uprating of `weekly_rate` (`per_year`, `base_year`)."},
      {"benefits.NAME", "refund_changes", "list", "", "", false,
       "Refund schedules by date: `[{date: 2016-01-04, refund: standard}]`."},
      {"benefits.NAME.refund_changes[]", "date", "date YYYY-MM-DD", "", "", true, "From this day on ..."},
      {"benefits.NAME.refund_changes[]", "refund", "refund schedule name", "", "", true, "... this schedule."},
      {"benefits.NAME", "refund", "refund schedule name", "", "", true, "The schedule in `refund.schedules`."},

      {"benefits.NAME.uprating", "per_year", "number in [-0.5, 0.5]", "per year", "", true,
       "Relative change from one budget year to the next (0.02 = 2 %)."},
      {"benefits.NAME.uprating", "base_year", "integer 1900..2200", "", "", true, "The year `weekly_rate` is the rate of."},

      {"refund", "schedules", "map NAME -> [[from_week, share], ...] or {share, by_state}", "", "", false,
       "Refund schedules."},
      {"refund", "reset", "map", "", "", false, "When the cumulative benefit clock restarts."},
      {"refund.schedules.NAME", "share", "number in [0, 1]", "", "", true,
       "Activity-based rule: the municipal share in states not in `by_state` (passive periods)."},
      {"refund.schedules.NAME", "by_state", "map STATE -> number in [0, 1]", "", "", false,
       "Activity-based rule: the municipal share while in these states (e.g. company-oriented activation)."},
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
      {"meetings.NAME", "interval_weeks", "number > 0, or map", "weeks", "", true,
       "Time between meetings. A citizen's first meeting falls one interval after it joins the track (it enters "
       "one of `states` while eligible, becomes eligible, or gets a place in the pool), and the next ones one "
       "interval apart: each citizen's meetings run on its own clock, not on fixed calendar days."},
      {"meetings.NAME", "outcomes", "map STATE -> map STATE -> probability", "", "", false,
       "Per current state (one of `states`), the chance that a meeting moves the citizen to each other state; "
       "each inner sum <= 1."},
      {"meetings.NAME", "pool", "pool name", "", "", false, "Staff who hold the meetings."},
      {"meetings.NAME", "max_per_citizen", "integer 1..1000000", "meetings", "unlimited", false,
       "A one-off service (a CV wash, an assessment): 1 holds one meeting per citizen, N at most N, counted over the "
       "whole run (every stay); after the last the citizen leaves the track for good (and frees its place in the pool)."},
      {"meetings.NAME.interval_weeks", "min", "number > 0", "weeks", "", true, "Shortest interval."},
      {"meetings.NAME.interval_weeks", "max", "number >= min", "weeks", "", true, "Longest interval."},

      {"FILTER", "groups", "list of group names", "", "all", false, "Citizens of these groups."},
      {"FILTER", "states", "list of state names", "", "all", false, "Citizens in these states."},
      {"FILTER", "min_spell_weeks", "number >= 0", "weeks", "0", false, "Time since the benefit spell began, at least."},
      {"FILTER", "max_spell_weeks", "number >= min_spell_weeks", "weeks", "unbounded", false, "... at most."},
      {"FILTER", "served_by", "pool name", "", "", false, "Only citizens currently served by this pool."},
      {"FILTER", "min_age", "number in [0, 150]", "years", "0", false,
       "Age at least (a citizen without `age_years` on its entry passes no age bound)."},
      {"FILTER", "max_age", "number in [min_age, 150]", "years", "unbounded", false, "... and below this."},

      {"age_rules.NAME", "at_years", "number in [0, 150]", "years", "", true, "The age at which the rule moves the citizen."},
      {"age_rules.NAME", "groups", "list of group names", "", "all", false, "Only citizens of these groups."},
      {"age_rules.NAME", "states", "list of state names", "", "all", false, "Only citizens in these states."},
      {"age_rules.NAME", "group", "group name", "", "unchanged", false, "The new target group."},
      {"age_rules.NAME", "state", "state name", "", "unchanged", false, "The new state (not one with `slots`)."},

      {"benefit_clocks.NAME", "benefit", "benefit name", "", "", true, "Weeks on this benefit count."},
      {"benefit_clocks.NAME", "limit_weeks", "number in (0, window_weeks]", "weeks", "", true,
       "The benefit period: it runs out when the count reaches this."},
      {"benefit_clocks.NAME", "window_weeks", "number > 0", "weeks", "", true, "... within the last this many weeks."},
      {"benefit_clocks.NAME", "outcomes", "list", "", "", true, "Where citizens go when it runs out."},
      {"benefit_clocks.NAME.outcomes[]", "share", "number in [0, 1]", "", "1", false, "The share of citizens who go here."},
      {"benefit_clocks.NAME.outcomes[]", "group", "group name", "", "unchanged", false, "The new target group."},
      {"benefit_clocks.NAME.outcomes[]", "state", "state name", "", "unchanged", false, "The new state (not one with `slots`)."},
      {"FILTER", "received", "meeting track or state name", "", "", false,
       "Effect targets only: citizens who received this service while the intervention's rules applied: from each "
       "meeting of the track, or from entering the state, until `within_weeks` after the meeting or after leaving the "
       "state, in whatever state they are then and also after the intervention's end (a post-programme effect)."},
      {"FILTER", "within_weeks", "number in [0, 1e6]", "weeks", "", false,
       "With `received` (required there): how long the effect follows the citizen after the service."},

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
      {"inflow[]", "age_years", "distribution", "years", "no age", false,
       "Age at arrival, drawn per citizen from a stream of its own (adding ages changes no other draw)."},
      {"inflow[]", "per_year", "number >= 0", "citizens per calendar year", "", true,
       "Mean arrivals per calendar year (365 or 366 days: a leap year's weekly rate is lower)."},

      {"initial[]", "name", "string", "", "GROUP.STATE", false,
       "The source's identity: its citizens' random streams are keyed by it (unique within the list)."},
      {"initial[]", "group", "group name", "", "", true, "Group."},
      {"initial[]", "state", "state name", "", "", true, "State."},
      {"initial[]", "count", "integer >= 0", "citizens", "", true, "How many."},
      {"initial[]", "age_years", "distribution", "years", "no age", false,
       "Age on the first simulated day, drawn per citizen from a stream of its own."},
      {"initial[]", "elapsed_weeks", "distribution", "weeks", "{fixed: 0}", false,
       "Time already spent in the spell at the start."},

      {"interventions.NAME", "label", "string", "", "name", false, "Display name in the terminal, report and workbook (Danish letters allowed)."},
      {"interventions.NAME", "description", "string", "", "", false, "Free text for reports."},
      {"interventions.NAME", "start", "date YYYY-MM-DD", "", "scenario start", false, "Active from this day ..."},
      {"interventions.NAME", "end", "date YYYY-MM-DD", "", "never", false, "... until this day (exclusive)."},
      {"interventions.NAME", "costs", "list", "", "", false, "What the intervention costs."},
      {"interventions.NAME", "financing", "list", "", "", false,
       "What pays for it besides the municipality: grants (STAR pools, funds) and other income."},
      {"interventions.NAME", "patch", "map", "", "", false, "Changes to the baseline model for this arm."},
      {"interventions.NAME", "effects", "list", "", "", false, "Hazard and meeting-outcome multipliers."},
      {"interventions.NAME", "after_end", "map", "", "", false,
       "What goes on after `end` while the costs stop: `continue_weeks`, `fade_weeks`."},
      {"interventions.NAME", "max_participants", "integer 1..2000000000", "citizens", "no cap", false,
       "At most this many citizens over the intervention's life: the first N to join one of its own meeting tracks "
       "or enter one of its own states (those the patch adds) are admitted; the rest keep the baseline's service, "
       "cannot enter its states, and its effects reach only the admitted. Needs a track or state the patch adds."},
      {"interventions.NAME.after_end", "continue_weeks", "number in [0, 10000]", "weeks", "0", false,
       "The patch (its practice) and the effects go on at full strength this long after `end`; cost lines and "
       "participant costs stop at `end`."},
      {"interventions.NAME.after_end", "fade_weeks", "number in [0, 10000]", "weeks", "0", false,
       "Then the effects fade linearly to nothing over this many weeks: a multiplier m counts as 1 + (m - 1)(1 - u/F) "
       "u weeks into the fade (the patch has stopped). Effects targeted by `received` follow the citizen instead."},
      {"interventions.NAME", "stated_savings", "map YEAR -> number in [0, 1e12]", "DKK per budget year", "", false,
       "The municipality's own estimate of the savings on benefits (e.g. `{2025: 1200000, 2026: 2500000}`), as a "
       "positive amount even where the document prints it as a reduction (`-200.000`); written without thousands "
       "separators, like every amount. `caseflow run` shows it under the simulated savings (\"kommunens eget skøn\"), "
       "and `caseflow breakeven` reports the parameter value it implies."},

      {"interventions.NAME.costs[]", "label", "string", "", "", true, "Shown in reports."},
      {"interventions.NAME.costs[]", "per_year", "number in [0, 1e12]", "DKK per year", "", false,
       "Running amount while active, prorated by day: a budget year gets the amount times the share of its days "
       "(365 or 366) that lie within the intervention's `start`..`end`."},
      {"interventions.NAME.costs[]", "once", "number in [0, 1e12]", "DKK", "", false, "Once, in the budget year the intervention starts."},
      {"interventions.NAME.costs[]", "per_participant_week", "number in [0, 1e12]", "DKK per participant-week", "", false,
       "Per week per citizen the intervention reaches (an effect's target or the intervention's own meeting track)."},
      {"interventions.NAME.costs[]", "per_budget_year", "map YEAR -> number in [0, 1e12]", "DKK", "", false,
       "Amounts as the budget states them, e.g. `{2020: 1562000, 2021: 1796000}`: each booked whole in its budget "
       "year, whatever the intervention's dates; years ascending; a year outside the horizon is warned about and "
       "not booked."},
      {"interventions.NAME.costs[]", "per_participant", "number in [0, 1e12]", "DKK per participant", "", false,
       "Once per citizen, in the budget year it first takes part in the intervention (the citizens impact.csv counts "
       "as treated; a citizen taking part at the start counts in the first year)."},
      {"interventions.NAME.costs[]", "per_place_year", "number in [0, 1e12]", "DKK per place per year", "", false,
       "Per place in a programme, prorated by day like `per_year`; the places are `places` or a slot's capacity."},
      {"interventions.NAME.costs[]", "places", "number in [0, 2147483647]", "places", "", false, "With `per_place_year`: how many places are paid for."},
      {"interventions.NAME.costs[]", "slot", "slot name", "", "", false,
       "With `per_place_year`: the places are this slot's capacity in the intervention's model."},

      {"interventions.NAME.financing[]", "label", "string", "", "", true, "Shown in reports."},
      {"interventions.NAME.financing[]", "per_year", "number in [0, 1e12]", "DKK per year", "", false,
       "Running amount while active, prorated by day: a budget year gets the amount times the share of its days "
       "(365 or 366) that lie within the intervention's `start`..`end`."},
      {"interventions.NAME.financing[]", "once", "number in [0, 1e12]", "DKK", "", false, "Once, in the budget year the intervention starts."},
      {"interventions.NAME.financing[]", "per_participant_week", "number in [0, 1e12]", "DKK per participant-week", "", false,
       "Per week per citizen the intervention reaches (an effect's target or the intervention's own meeting track)."},
      {"interventions.NAME.financing[]", "per_budget_year", "map YEAR -> number in [0, 1e12]", "DKK", "", false,
       "Amounts as the budget states them, e.g. `{2020: 1562000, 2021: 1796000}`: each booked whole in its budget "
       "year, whatever the intervention's dates; years ascending; a year outside the horizon is warned about and "
       "not booked."},
      {"interventions.NAME.financing[]", "per_participant", "number in [0, 1e12]", "DKK per participant", "", false,
       "Once per citizen, in the budget year it first takes part in the intervention (the citizens impact.csv counts "
       "as treated; a citizen taking part at the start counts in the first year)."},
      {"interventions.NAME.financing[]", "per_place_year", "number in [0, 1e12]", "DKK per place per year", "", false,
       "Per place in a programme, prorated by day like `per_year`; the places are `places` or a slot's capacity."},
      {"interventions.NAME.financing[]", "places", "number in [0, 2147483647]", "places", "", false, "With `per_place_year`: how many places are paid for."},
      {"interventions.NAME.financing[]", "slot", "slot name", "", "", false,
       "With `per_place_year`: the places are this slot's capacity in the intervention's model."},

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
      {"report", "price_level", "map", "", "", false, "State results in one year's prices (`year`, `index`)."},
      {"report.price_level", "year", "integer 1900..2200", "", "", true, "The price level's year (\"2020 pl\")."},
      {"report.price_level", "index", "map YEAR -> number > 0", "", "", true,
       "A price index by year (e.g. KL's pris- og lønskøn), covering `year` and every reported budget year; years "
       "ascending."},

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
