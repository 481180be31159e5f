#include "io/experiment_keys.hpp"

#include <fmt/core.h>

namespace caseflow::io {

const std::vector<SectionInfo>& experiment_sections() {
  static const std::vector<SectionInfo> sections = {
      {"", "The top level of an experiment file: what to run, and the parameters to vary."},
      {"experiment", "The scenario, the kind of sweep and its run settings."},
      {"parameters.PATH",
       "A parameter is a scenario value named by its key path in `--set` syntax (dots and list indices, e.g. "
       "`interventions.jobformidlere.effects[0].multiplier`), which must name a single value in the scenario. What "
       "it holds depends on `kind`:\n\n"
       "- `grid`: a list of values; every combination of all parameters' values is a point.\n"
       "- `oneway`: `{low: X, high: Y}`; each parameter is set to its low and then its high value with the others "
       "at the scenario's own values (1 + 2 × parameters points). `tornado.csv` then has, per arm, the net over the "
       "horizon at each end in 1.000 kr., sorted by swing (widest first), leaving out parameters under another "
       "intervention's key, which cannot move that arm.\n"
       "- `psa`: a distribution (see the scenario keys' DISTRIBUTION); each of `draws` points draws every "
       "parameter."},
      {"parameters.NAME",
       "A joint parameter: one value (grid, oneway) or one draw (psa) applied to several scenario paths, for an "
       "assumption used in several places (the same effect in three effects). NAME is free (not a path; it names "
       "the column in sweep.csv and the row in tornado.csv); the map holds `paths` and the kind's own keys."},
  };
  return sections;
}

const std::vector<KeyInfo>& experiment_keys() {
  static const std::vector<KeyInfo> keys = {
      {"", "experiment", "map", "", "", true, "What to run."},
      {"", "parameters", "map PATH or NAME -> parameter", "", "", true, "The parameters varied (at least one)."},

      {"experiment", "name", "string without `/`", "", "", true, "Names the results folder `results/<name>`."},
      {"experiment", "scenario", "file path", "", "", true, "The scenario file, relative to the experiment file."},
      {"experiment", "kind", "`grid`, `oneway` or `psa`", "", "", true, "The kind of sweep."},
      {"experiment", "arms", "list of intervention names", "", "all", false, "Interventions to run; the baseline always runs."},
      {"experiment", "replications", "integer 1..10000000", "", "the scenario's", false, "Replications per point and arm."},
      {"experiment", "seed", "integer 0..2^53", "", "the scenario's", false,
       "Master seed; every point uses it (common random numbers across points)."},
      {"experiment", "draws", "integer 1..10000000", "", "", false, "psa only, and required there: the number of draws."},

      {"parameters.PATH", "low", "scalar", "", "", false, "oneway: the low value (`{low, high}`)."},
      {"parameters.PATH", "high", "scalar", "", "", false, "oneway: the high value."},

      {"parameters.NAME", "paths", "list of scenario paths", "", "", true,
       "The scenario values that all take the parameter's value; each must name a single value."},
      {"parameters.NAME", "values", "list of scalars", "", "", false, "grid only, and required there: the values."},
      {"parameters.NAME", "low", "scalar", "", "", false, "oneway only, and required there: the low value."},
      {"parameters.NAME", "high", "scalar", "", "", false, "oneway only, and required there: the high value."},
      {"parameters.NAME", "distribution", "distribution", "", "", false, "psa only, and required there: what is drawn."},
  };
  return keys;
}

std::vector<std::string> experiment_keys_of(std::string_view section) {
  std::vector<std::string> out;
  for (const auto& k : experiment_keys()) {
    if (k.section == section) out.emplace_back(k.key);
  }
  return out;
}

std::string experiment_key_reference_markdown() {
  auto cell = [](std::string_view text) {
    std::string out;
    for (const char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
  };
  std::string md;
  md += "# Experiment files (`caseflow sweep`)\n\n";
  md += "<!-- Generated from sim/io/experiment_keys.cpp by experiment_key_reference_markdown(); do not edit by hand.\n";
  md += "     tests/io/key_registry_test.cpp fails when this file and the registry differ. -->\n\n";
  md += "Every key an experiment file may contain; unknown keys are errors. Example (`oneway`):\n\n";
  md += "```yaml\nexperiment:\n  name: jobformidler-sensitivity\n  scenario: ../../config/default.yaml\n  kind: oneway\n"
        "  arms: [jobformidlere]\n  replications: 50\n  seed: 7\nparameters:\n"
        "  interventions.jobformidlere.effects[0].multiplier: {low: 1.1, high: 1.6}\n"
        "  transitions.jobparat.job.rate: {low: 0.025, high: 0.035}\n"
        "  effekt_paa_samtaler:            # joint: one value for several paths\n"
        "    paths:                       # a block list: `[0]` inside `[...]` would be YAML syntax\n"
        "      - interventions.virksomhedskonsulent.effects[0].multiplier\n"
        "      - interventions.virksomhedskonsulent.effects[1].multiplier\n"
        "    low: 1.0\n    high: 1.5\n```\n\n";
  md += "Outputs: `sweep.csv` (one row per point × arm × year), `tornado.csv` (oneway), `psa.csv` (psa) and\n";
  md += "`sweep.sqlite`; `--csv-dialect excel-da` writes the CSV files for Danish Excel. In `psa.csv`,\n";
  md += "`p_net_saving` is the share of parameter draws (not replications) whose mean net over the\n";
  md += "draw's replications is below zero; in `sweep.csv` it is the share of a point's replications.\n";
  for (const auto& s : experiment_sections()) {
    md += "\n## ";
    md += s.section.empty() ? std::string("Top level") : fmt::format("`{}`", s.section);
    md += "\n\n";
    md += s.doc;
    md += "\n";
    bool header = false;
    for (const auto& k : experiment_keys()) {
      if (k.section != s.section) continue;
      if (!header) {
        md += "\n| key | type | default | description |\n|---|---|---|---|\n";
        header = true;
      }
      const std::string default_text = k.required ? std::string("required") : std::string(k.default_value);
      md += fmt::format("| `{}` | {} | {} | {} |\n", k.key, cell(k.type), cell(default_text), cell(k.doc));
    }
  }
  return md;
}

}  // namespace caseflow::io
