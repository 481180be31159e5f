#pragma once
/// @file filter_typer.hpp
/// Who a rule applies to: a FILTER map (`groups`, `states`, spell weeks, ages, `served_by`, and
/// for an effect's target `received` with `within_weeks`) -> model::Filter. Shared by the
/// model typer (meeting tracks' `eligible`, age rules' lists) and the arm typer (effects'
/// `target`). May call: io/typed_reader, io/key_registry (defaults).

#include "io/typed_reader.hpp"
#include "model/spec.hpp"

namespace caseflow::io {

/// Who an effect (`effect_target`) or a meeting track applies to; `m` names the groups,
/// states, pools and tracks.
model::Filter type_filter(const TypedReader& r, const Node& n, const model::Model& m, bool effect_target = false);

/// Only the `groups` and `states` lists of a map, as in a filter.
model::Filter type_filter_lists(const TypedReader& r, const Node& v, const model::Model& m);

}  // namespace caseflow::io
