/// @file scenario_typer.cpp
/// The whole scenario (see scenario_typer.hpp): the top level's keys, the run settings
/// (`scenario`: name, dates, replications, seed), the report settings (`report`: prudence,
/// discount rate, price level), then the baseline's model and each intervention's arm.
/// May call: io/typed_reader, io/model_typer, io/arm_typer, io/scenario_diff (sources),
/// files/output_folder (safe names).
#include "io/scenario_typer.hpp"

#include <algorithm>
#include <optional>

#include "files/output_folder.hpp"
#include "io/arm_typer.hpp"
#include "io/key_registry.hpp"
#include "io/model_typer.hpp"
#include "io/scenario_diff.hpp"
#include "io/typed_reader.hpp"

namespace caseflow::io {
namespace {

/// `scenario.name`: it names the default results folder, so it must be a safe folder name.
void scenario_name(const TypedReader& r, const Node& x, model::Scenario& sc) {
  sc.name = r.text(x).value_or("");
  if (x.is_scalar() && sc.name.empty()) {
    r.error(x, "expected a non-empty name, got \"\"");
  } else if (const std::string why = files::unsafe_name_reason(sc.name); x.is_scalar() && !why.empty()) {
    r.error(x,
            "expected a name that can be a folder name (it names the default results folder: no '/', '\\', '..', "
            "leading '.', control characters, at most 100 bytes), got " +
                why);
  }
}

/// `scenario`: name, dates, replications, seed. The calendar when the start date is usable.
std::optional<engine::Calendar> run_settings(const TypedReader& r, const Node& root, model::Scenario& sc) {
  std::optional<engine::Calendar> calendar;
  const Node* s = root.find("scenario");
  if (s == nullptr || !r.expect(*s, Node::Kind::map)) return calendar;
  r.check_keys(*s, "scenario");
  if (const Node* x = s->find("name")) scenario_name(r, *x, sc);
  bool have_start = false;
  if (const Node* x = s->find("start")) {
    if (auto d = r.date(*x)) {
      sc.start = *d;
      have_start = true;
    }
  }
  if (const Node* x = s->find("years")) sc.years = static_cast<int>(r.integer(*x, 1, 200).value_or(1));
  if (const Node* x = s->find("warmup_years")) sc.warmup_years = static_cast<int>(r.integer(*x, 0, 200).value_or(0));
  if (const Node* x = s->find("replications")) {
    sc.replications = static_cast<int>(r.integer(*x, 1, 1000000).value_or(1));
  }
  if (const Node* x = s->find("seed")) sc.seed = r.unsigned64(*x).value_or(1);
  if (have_start) calendar.emplace(sc.start, sc.years, sc.warmup_years);
  return calendar;
}

void price_level(const TypedReader& r, const Node& p, model::ReportSettings& report, const engine::Calendar* calendar) {
  r.check_keys(p, "report.price_level");
  const Node* year = p.find("year");
  const Node* index = p.find("index");
  if (year == nullptr || index == nullptr) return;
  const auto y = r.integer(*year, 1900, 2200);
  auto table = r.year_table(*index, [&](const Node& v) { return r.number(v, above(0.0)); });
  if (!y || table.empty()) return;
  std::vector<int> missing;
  auto has = [&](int wanted) {
    return std::any_of(table.begin(), table.end(), [&](const auto& e) { return e.first == wanted; });
  };
  if (!has(static_cast<int>(*y))) missing.push_back(static_cast<int>(*y));
  if (calendar != nullptr) {
    for (const auto& b : calendar->budget_years()) {
      if (!has(b.year) && b.year != *y) missing.push_back(b.year);
    }
  }
  if (!missing.empty()) {
    std::string list;
    for (const int m : missing) list += (list.empty() ? "" : ", ") + std::to_string(m);
    r.error(*index, fmt::format("the index has no value for {} (it needs the price-level year {} and every reported "
                                "budget year)",
                                list, *y));
    return;
  }
  report.price_year = static_cast<int>(*y);
  report.price_index = std::move(table);
}

/// `report`: prudence factor, discount rate, price level.
void report_settings(const TypedReader& r, const Node& root, model::Scenario& sc, const engine::Calendar* calendar) {
  const Node* n = root.find("report");
  if (n == nullptr || n->is_null() || !r.expect(*n, Node::Kind::map)) return;
  r.check_keys(*n, "report");
  sc.report.prudence_factor = r.number_or(*n, "prudence_factor", closed(0.0, 1.0), numeric_default("report", "prudence_factor"));
  sc.report.discount_rate = r.number_or(*n, "discount_rate", half_open(0.0, 1.0), numeric_default("report", "discount_rate"));
  if (const Node* p = n->find("price_level"); p != nullptr && r.expect(*p, Node::Kind::map)) {
    price_level(r, *p, sc.report, calendar);
  }
}

}  // namespace

model::Scenario type_scenario(const Node& root, const std::string& file, DiagnosticSink& sink) {
  model::Scenario sc;
  sc.file = file;
  const TypedReader reader(sink);
  if (!root.is_map()) {
    reader.error(root, fmt::format("expected a map of sections (scenario, states, …), got {}", root.describe()));
    return sc;
  }
  reader.check_keys(root, "");
  validate_sources(root, sink);
  const std::optional<engine::Calendar> calendar = run_settings(reader, root, sc);
  const engine::Calendar* dates = calendar ? &*calendar : nullptr;
  report_settings(reader, root, sc, dates);

  // The baseline: the tree without the interventions.
  Node base = root;
  base.entries.erase(
      std::remove_if(base.entries.begin(), base.entries.end(), [](const MapEntry& e) { return e.key == "interventions"; }),
      base.entries.end());
  DiagnosticSink base_sink;
  model::Arm baseline;
  baseline.name = "baseline";
  baseline.origin = model::Origin{root.file, 1, 1, ""};
  baseline.model = ModelTyper(base_sink).model(base, dates);
  for (const auto& d : base_sink.items()) sink.add(d);
  sc.arms.push_back(std::move(baseline));

  ArmTyper arms(sink, base, base_sink, sc, dates);
  reader.each_named(root.find("interventions"), [&](const MapEntry& e) {
    if (auto arm = arms.arm(e)) sc.arms.push_back(std::move(*arm));
  });
  return sc;
}

}  // namespace caseflow::io
