#pragma once
/// @file arm_typer.hpp
/// One intervention (`interventions.NAME`) -> model::Arm: its model (the patch merged into the
/// baseline's tree and typed by the model typer, reporting only what the patch brings), its
/// window (start, end, after_end), cost and financing lines, effects, participant cap and
/// stated savings.
/// May call: io/typed_reader, io/model_typer, io/filter_typer, io/yaml_tree (deep_merge).

#include <optional>
#include <string_view>

#include "io/typed_reader.hpp"
#include "model/spec.hpp"

namespace caseflow::io {

class ArmTyper : public TypedReader {
 public:
  /// `base_tree` is the scenario without `interventions`, `base_sink` what typing it reported,
  /// `scenario` the scenario so far (its first arm the baseline); `calendar` is nullptr when
  /// the dates are unusable. All are read, never changed, and must outlive the typer.
  ArmTyper(DiagnosticSink& sink, const Node& base_tree, const DiagnosticSink& base_sink, const model::Scenario& scenario,
           const engine::Calendar* calendar)
      : TypedReader(sink), base_tree_(base_tree), base_sink_(base_sink), scenario_(scenario), calendar_(calendar) {}

  /// The arm of one `interventions` entry; nullopt when it is not a map (reported).
  std::optional<model::Arm> arm(const MapEntry& e);

 private:
  void patched_model(const MapEntry& e, model::Arm& arm);
  [[nodiscard]] Node usable_patch(const Node& patch) const;
  void windows(const Node& v, model::Arm& arm);
  void costs(const Node* n, model::Arm& arm, std::string_view section);
  const MapEntry* cost_kind(const Node& item, bool financing) const;
  void budget_year_amounts(const MapEntry& chosen, model::CostItem& c, std::string_view hint) const;
  bool place_count(const Node& item, const Node* places, const Node* slot, const model::Arm& arm, model::CostItem& c) const;
  void stated_savings(const Node* n, model::Arm& arm);
  void after_end(const Node* n, model::Arm& arm);
  void effects(const Node* n, model::Arm& arm);
  void max_participants(const Node& x, model::Arm& arm);

  [[nodiscard]] const model::Model& baseline_model() const { return scenario_.arms.front().model; }

  const Node& base_tree_;
  const DiagnosticSink& base_sink_;
  const model::Scenario& scenario_;
  const engine::Calendar* calendar_;
};

}  // namespace caseflow::io
