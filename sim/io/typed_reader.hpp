#pragma once
/// @file typed_reader.hpp
/// The one typed reader of a document tree (yaml_tree.hpp): a number, an integer, a string, a
/// boolean, a date, a name, a list of steps or a table by year out of a Node, each problem
/// reported to a DiagnosticSink at its place (file, line, column, key path) as "expected …,
/// got …", then carrying on. Used by the scenario typer (scenario_typer, model_typer,
/// arm_typer, filter_typer, distribution_typer) and the experiment loader.
/// May call: io/diagnostics, io/yaml_tree, io/key_registry (known and required keys), engine
/// dates and model names (kNone, kInfinity, Origin). Nothing here knows what a key means.

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/core.h>

#include "engine/calendar.hpp"
#include "io/diagnostics.hpp"
#include "io/key_registry.hpp"
#include "io/yaml_tree.hpp"
#include "model/spec.hpp"

namespace caseflow::io {

/// A numeric range with its wording for messages (`>= 0`, `> 0`, `in [0, 1]`).
struct Range {
  double lo = -model::kInfinity;
  double hi = model::kInfinity;
  bool lo_closed = true;
  bool hi_closed = true;

  [[nodiscard]] bool contains(double x) const { return (lo_closed ? x >= lo : x > lo) && (hi_closed ? x <= hi : x < hi); }
  [[nodiscard]] std::string text() const;
};

inline Range any_number() { return {}; }
inline Range at_least(double lo) { return Range{lo, model::kInfinity, true, true}; }
inline Range above(double lo) { return Range{lo, model::kInfinity, false, true}; }
inline Range closed(double lo, double hi) { return Range{lo, hi, true, true}; }
inline Range half_open(double lo, double hi) { return Range{lo, hi, true, false}; }
/// Money inputs (DKK): at most kMaxMoneyInput, so that every computed figure stays finite
/// (a cost of 1e308 used to reach budget.csv as `inf`). See key_registry.hpp.
inline Range money() { return closed(0.0, kMaxMoneyInput); }
/// Ages in years (`age_years` draws are not bounded; rules and filters are).
inline constexpr double kMaxAgeYears = 150.0;

/// `x` as messages write numbers (up to 10 significant digits).
std::string num(double x);
/// Reads a plain YAML scalar as a number: decimal or exponent notation, or YAML's `.nan`,
/// `.inf`, `-.inf`. Returns false for anything else ("fast", "0x10", "nan").
bool parse_number(const std::string& t, double& out);
/// At most 8 names, comma-separated, then `…` (for "expected one of" and "defined" lists).
std::string list_names(const std::vector<std::string>& names);
/// Every name, comma-separated.
std::string join_names(const std::vector<std::string>& names);
/// Whether a defined name can be written in a `--set` path.
bool valid_name(std::string_view name);

template <class T>
std::vector<std::string> names_of(const std::vector<T>& items) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(item.name);
  return out;
}

/// The index of `name` in `names`, or kNone.
int index_of(const std::vector<std::string>& names, std::string_view name);

/// Where a named definition was written (its key) or a value starts.
model::Origin origin_of(const MapEntry& e);
model::Origin origin_of(const Node& n);

/// Reads typed values out of a document tree, reporting every problem to one sink.
class TypedReader {
 public:
  /// How numbers are read and worded. Experiment files have always been read as C numbers
  /// (strtod, so hexadecimal too) and an unreadable number is "expected a finite number"; the
  /// scenario reads YAML numbers and words the expected range. Kept apart so no message changes.
  enum class Dialect { scenario, experiment };

  explicit TypedReader(DiagnosticSink& sink, Dialect dialect = Dialect::scenario) : sink_(sink), dialect_(dialect) {}

  [[nodiscard]] Dialect dialect() const { return dialect_; }
  [[nodiscard]] DiagnosticSink& sink() const { return sink_; }

  void error(const Node& n, const std::string& message) const;
  void warning(const Node& n, const std::string& message) const;
  /// A problem with a key itself (unknown, undefined name, reserved): reported at the key.
  void key_error(const MapEntry& e, const std::string& message) const;
  /// "expected a map/a list/a value, got …" unless `n` is of `kind`.
  bool expect(const Node& n, Node::Kind kind) const;

  /// Unknown keys (with a suggestion) and missing required keys of `map` against the scenario
  /// key registry's `section`.
  void check_keys(const Node& map, std::string_view section) const;
  /// Unknown keys of `map` against `allowed` (an experiment file's sections).
  void check_listed_keys(const Node& map, const std::vector<std::string>& allowed) const;
  /// The optional display name `label` of a map (empty when absent).
  [[nodiscard]] std::string label_of(const Node& map) const;

  std::optional<double> number(const Node& n, const Range& range) const;
  /// A number under `key`, or `fallback` when the key is absent.
  double number_or(const Node& map, std::string_view key, const Range& range, double fallback) const;
  /// An amount of money (DKK): number()'s checks, and Danish thousands separators refused
  /// (`1.562.000`) or warned about (`498.333`). `negative_hint` is added for a negative value.
  std::optional<double> money_amount(const Node& n, const Range& range, std::string_view negative_hint = {}) const;
  std::optional<std::int64_t> integer(const Node& n, std::int64_t lo, std::int64_t hi) const;
  std::optional<std::uint64_t> unsigned64(const Node& n) const;
  std::optional<std::string> text(const Node& n, std::string_view what = "a string") const;
  std::optional<bool> boolean(const Node& n) const;
  std::optional<engine::Date> date(const Node& n) const;

  /// Resolves a name written as a value.
  int lookup(const Node& n, std::string_view what, const std::vector<std::string>& names) const;
  /// Resolves a name written as a key (`transitions.FROM.TO`, `exits`, `outcomes`).
  int lookup_key(const MapEntry& e, std::string_view what, const std::vector<std::string>& names) const;
  /// "undefined state 'x'; did you mean 'y'?" and its variants.
  static std::string undefined(std::string_view what, const std::string& name, const std::vector<std::string>& names);

  /// A list of [x, y] pairs, sorted by x ascending, the first x == 0 (refund schedules,
  /// piecewise hazards).
  std::vector<std::pair<double, double>> steps(const Node& list, std::string_view x_name, std::string_view y_name,
                                               const Range& y_range) const;

  /// A table `{YEAR: value, ...}`: budget years as integer keys (1900..2200) in ascending
  /// order, each value checked by `value` (a callable Node -> optional<double>).
  template <class V>
  std::vector<std::pair<int, double>> year_table(const Node& n, V value) const {
    std::vector<std::pair<int, double>> out;
    if (!expect(n, Node::Kind::map)) return out;
    if (n.entries.empty()) {
      error(n, "expected at least one YEAR: value entry, got an empty map");
      return out;
    }
    bool ok = true;
    std::string previous_file;
    for (const auto& e : n.entries) {
      const bool digits = !e.key.empty() && e.key.size() <= 4 && e.key.find_first_not_of("0123456789") == std::string::npos;
      const int year = digits ? std::atoi(e.key.c_str()) : 0;
      if (!digits || year < 1900 || year > 2200) {
        key_error(e, fmt::format("expected a year 1900..2200 as the key, got '{}'", e.key));
        ok = false;
        continue;
      }
      // Written in one file, years must ascend (a typo check); a year added by --set joins in order.
      if (!out.empty() && year <= out.back().first && e.value.file == previous_file) {
        key_error(e, fmt::format("year {} is not after the previous year {} (years must be in ascending order)", year,
                                 out.back().first));
        ok = false;
      }
      previous_file = e.value.file;
      const auto v = value(e.value);
      if (!v) {
        ok = false;
        continue;
      }
      out.emplace_back(year, *v);
    }
    if (!ok) out.clear();
    std::sort(out.begin(), out.end());
    return out;
  }

  /// Calls `f(entry)` for each entry of the named section `map` (if it is a map) whose name is
  /// usable; reports bad names.
  template <class F>
  void each_named(const Node* map, F f) const {
    if (map == nullptr || map->is_null()) return;
    if (!expect(*map, Node::Kind::map)) return;
    for (const auto& e : map->entries) {
      if (!valid_name(e.key)) {
        key_error(e, fmt::format("the name '{}' contains '.', '[', ']' or '=', which --set paths use", e.key));
      }
      f(e);
    }
  }

 private:
  /// Reads `n` as a number in this dialect; false when it is not one.
  bool read_number(const Node& n, double& x) const;

  DiagnosticSink& sink_;
  Dialect dialect_;
};

}  // namespace caseflow::io
