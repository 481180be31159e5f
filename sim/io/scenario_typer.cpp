#include "io/scenario_typer.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <set>

#include <fmt/core.h>

#include "files/output_folder.hpp"
#include "io/key_registry.hpp"
#include "io/scenario_diff.hpp"

namespace caseflow::io {
namespace {

using model::kInfinity;
using model::kNone;

// ---------------------------------------------------------------------------------------
// Scalars

/// A numeric range with its wording for messages (`>= 0`, `> 0`, `in [0, 1]`).
struct Range {
  double lo = -kInfinity;
  double hi = kInfinity;
  bool lo_closed = true;
  bool hi_closed = true;

  [[nodiscard]] bool contains(double x) const {
    return (lo_closed ? x >= lo : x > lo) && (hi_closed ? x <= hi : x < hi);
  }
  [[nodiscard]] std::string text() const {
    const bool has_lo = lo > -kInfinity, has_hi = hi < kInfinity;
    if (has_lo && has_hi) {
      return fmt::format("in {}{}, {}{}", lo_closed ? '[' : '(', fmt::format("{:.10g}", lo), fmt::format("{:.10g}", hi),
                         hi_closed ? ']' : ')');
    }
    if (has_lo) return fmt::format("{} {:.10g}", lo_closed ? ">=" : ">", lo);
    if (has_hi) return fmt::format("{} {:.10g}", hi_closed ? "<=" : "<", hi);
    return "";
  }
};

Range any_number() { return {}; }
Range at_least(double lo) { return Range{lo, kInfinity, true, true}; }
Range above(double lo) { return Range{lo, kInfinity, false, true}; }
Range closed(double lo, double hi) { return Range{lo, hi, true, true}; }
Range half_open(double lo, double hi) { return Range{lo, hi, true, false}; }
/// Money inputs (DKK): at most kMaxMoneyInput, so that every computed figure stays finite
/// (a cost of 1e308 used to reach budget.csv as `inf`). See key_registry.hpp.
Range money() { return closed(0.0, kMaxMoneyInput); }
// Ages in years (`age_years` draws are not bounded; rules and filters are).
constexpr double kMaxAgeYears = 150.0;

std::string num(double x) { return fmt::format("{:.10g}", x); }

/// Reads a plain YAML scalar as a number: decimal or exponent notation, or YAML's `.nan`,
/// `.inf`, `-.inf`. Returns false for anything else ("fast", "0x10", "nan").
bool parse_number(const std::string& t, double& out) {
  static const char* const nan_names[] = {".nan", ".NaN", ".NAN"};
  static const char* const inf_names[] = {".inf", ".Inf", ".INF"};
  std::string_view body = t;
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  for (const char* n : nan_names) {
    if (t == n) {
      out = std::numeric_limits<double>::quiet_NaN();
      return true;
    }
  }
  for (const char* n : inf_names) {
    if (body == n) {
      out = negative ? -kInfinity : kInfinity;
      return true;
    }
  }
  if (body.empty()) return false;
  for (const char c : body) {
    if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) return false;
  }
  char* end = nullptr;
  errno = 0;
  out = std::strtod(t.c_str(), &end);
  return end == t.c_str() + t.size();
}

std::string kind_text(Node::Kind k) {
  switch (k) {
    case Node::Kind::map: return "a map";
    case Node::Kind::sequence: return "a list";
    case Node::Kind::scalar: return "a value";
    case Node::Kind::null: return "nothing";
  }
  return "?";
}

bool valid_name(std::string_view name) { return name.find_first_of(".[]=") == std::string_view::npos; }

std::string list_names(const std::vector<std::string>& names) {
  std::string out;
  const std::size_t shown = std::min<std::size_t>(names.size(), 8);
  for (std::size_t i = 0; i < shown; ++i) {
    if (i) out += ", ";
    out += names[i];
  }
  if (names.size() > shown) out += ", …";
  return out;
}

template <class T>
std::vector<std::string> names_of(const std::vector<T>& items) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(item.name);
  return out;
}

int index_of(const std::vector<std::string>& names, std::string_view name) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  return kNone;
}

model::Origin origin_of(const MapEntry& e) {
  return model::Origin{e.value.file, e.key_mark.line, e.key_mark.column, e.value.path};
}

model::Origin origin_of(const Node& n) { return model::Origin{n.file, n.mark.line, n.mark.column, n.path}; }

// ---------------------------------------------------------------------------------------
// The typer: every check reports to the sink and carries on.

class Typer {
 public:
  explicit Typer(DiagnosticSink& sink) : sink_(sink) {}

  void error(const Node& n, const std::string& message) {
    sink_.error(n.file, n.mark.line, n.mark.column, n.path, message);
  }
  void warning(const Node& n, const std::string& message) {
    sink_.warning(n.file, n.mark.line, n.mark.column, n.path, message);
  }
  /// A problem with a key itself (unknown, undefined name, reserved): reported at the key.
  void key_error(const MapEntry& e, const std::string& message) {
    sink_.error(e.value.file, e.key_mark.line, e.key_mark.column, e.value.path, message);
  }

  bool expect(const Node& n, Node::Kind kind) {
    if (n.kind == kind) return true;
    error(n, fmt::format("expected {}, got {}", kind_text(kind), n.describe()));
    return false;
  }

  /// Unknown keys (with a suggestion) and missing required keys of `map` against `section`.
  /// The optional display name `label` of a map (empty when absent).
  std::string label_of(const Node& map) {
    const Node* x = map.find("label");
    return x == nullptr ? std::string() : text(*x).value_or("");
  }

  void check_keys(const Node& map, std::string_view section) {
    const std::vector<std::string> known = keys_of(section);
    std::vector<std::string> suggested;  // a misspelt required key is one problem, not two
    for (const auto& e : map.entries) {
      if (find_key(section, e.key) != nullptr) continue;
      const std::string guess = closest_match(e.key, known);
      if (!guess.empty()) {
        key_error(e, fmt::format("unknown key '{}'; did you mean '{}'?", e.key, guess));
        suggested.push_back(guess);
      } else {
        key_error(e, fmt::format("unknown key '{}' (expected one of: {})", e.key, list_names(known)));
      }
    }
    for (const auto& k : scenario_keys()) {
      if (k.section == section && k.required && map.find(k.key) == nullptr &&
          std::find(suggested.begin(), suggested.end(), k.key) == suggested.end()) {
        error(map, fmt::format("missing required key '{}'", k.key));
      }
    }
  }

  std::optional<double> number(const Node& n, const Range& range) {
    const std::string bound = range.text();
    const std::string expected = bound.empty() ? "a number" : "a number " + bound;
    double x = 0.0;
    if (!n.is_scalar() || !n.plain || !parse_number(n.text, x)) {
      error(n, fmt::format("expected {}, got {}", expected, n.describe()));
      return std::nullopt;
    }
    if (!std::isfinite(x)) {
      error(n, fmt::format("expected a finite number, got {}", n.text));
      return std::nullopt;
    }
    if (!range.contains(x)) {
      error(n, fmt::format("expected {}, got {}", expected, n.text));
      return std::nullopt;
    }
    return x;
  }

  /// A number under `key`, or `fallback` when the key is absent.
  double number_or(const Node& map, std::string_view key, const Range& range, double fallback) {
    const Node* n = map.find(key);
    if (n == nullptr) return fallback;
    return number(*n, range).value_or(fallback);
  }

  /// An amount of money (DKK). Besides number()'s checks: a value written with Danish
  /// thousands separators (`1.562.000`, `1,562,000`) is an error that says what to write, and
  /// one with exactly three decimals (`498.333`), which is most likely 498,333 kroner with a
  /// Danish thousands point, is a warning (an error under --strict). `negative_hint` is added
  /// to the message for a negative value.
  std::optional<double> money_amount(const Node& n, const Range& range, std::string_view negative_hint = {}) {
    if (n.is_scalar() && n.plain) {
      const std::string& t = n.text;
      auto digits_only = [](std::string_view v) {
        std::string d;
        for (const char c : v) {
          if (c >= '0' && c <= '9') d += c;
        }
        return d;
      };
      // d{1,3}(sep d{3})+ with sep '.' (at least two groups) or ',' (any number of groups).
      auto grouped = [&](char sep, int min_groups) {
        std::size_t i = (t.rfind('-', 0) == 0 || t.rfind('+', 0) == 0) ? 1 : 0;
        std::size_t lead = 0;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i, ++lead;
        if (lead < 1 || lead > 3) return false;
        int groups = 0;
        while (i < t.size()) {
          if (t[i] != sep || i + 4 > t.size()) return false;
          for (std::size_t k = i + 1; k < i + 4; ++k) {
            if (t[k] < '0' || t[k] > '9') return false;
          }
          i += 4;
          ++groups;
        }
        return groups >= min_groups;
      };
      if (grouped('.', 2) || grouped(',', 1)) {
        error(n, fmt::format("expected an amount in DKK without thousands separators, got {}; write {}", t,
                             digits_only(t)));
        return std::nullopt;
      }
      double x = 0.0;
      if (parse_number(t, x) && std::isfinite(x) && x < 0.0 && !negative_hint.empty() && !range.contains(x)) {
        error(n, fmt::format("expected a number {}, got {}; {}", range.text(), t, negative_hint));
        return std::nullopt;
      }
      const auto v = number(n, range);
      if (v && grouped('.', 1)) {
        warning(n, fmt::format("{} has exactly three decimals and is read as {} DKK; if '.' is a Danish thousands "
                               "separator here, write {}",
                               t, num(*v), digits_only(t)));
      }
      return v;
    }
    return number(n, range);
  }

  /// A table `{YEAR: value, ...}`: budget years as integer keys (1900..2200) in ascending
  /// order, each value checked by `value` (a callable Node -> optional<double>).
  template <class V>
  std::vector<std::pair<int, double>> year_table(const Node& n, V value) {
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

  std::optional<std::int64_t> integer(const Node& n, std::int64_t lo, std::int64_t hi) {
    const std::string expected = hi == std::numeric_limits<std::int64_t>::max()
                                     ? fmt::format("an integer >= {}", lo)
                                     : fmt::format("an integer in {}..{}", lo, hi);
    double x = 0.0;
    if (!n.is_scalar() || !n.plain || !parse_number(n.text, x) || !std::isfinite(x) || x != std::floor(x)) {
      error(n, fmt::format("expected {}, got {}", expected, n.describe()));
      return std::nullopt;
    }
    if (x < static_cast<double>(lo) || x > static_cast<double>(hi)) {
      error(n, fmt::format("expected {}, got {}", expected, n.text));
      return std::nullopt;
    }
    // Exact for digit strings beyond 2^53; the double above only screened the form.
    if (n.text.find_first_not_of("+-0123456789") == std::string::npos) return std::strtoll(n.text.c_str(), nullptr, 10);
    return static_cast<std::int64_t>(x);
  }

  std::optional<std::uint64_t> unsigned64(const Node& n) {
    const bool digits = n.is_scalar() && n.plain && !n.text.empty() && n.text.size() <= 20 &&
                        n.text.find_first_not_of("0123456789") == std::string::npos;
    if (digits) {
      errno = 0;
      const unsigned long long v = std::strtoull(n.text.c_str(), nullptr, 10);
      if (errno == 0) return static_cast<std::uint64_t>(v);
    }
    error(n, fmt::format("expected an integer in 0..18446744073709551615, got {}", n.describe()));
    return std::nullopt;
  }

  std::optional<std::string> text(const Node& n, std::string_view what = "a string") {
    if (n.is_scalar()) return n.text;
    error(n, fmt::format("expected {}, got {}", what, n.describe()));
    return std::nullopt;
  }

  std::optional<bool> boolean(const Node& n) {
    if (n.is_scalar() && n.plain) {
      if (n.text == "true" || n.text == "True" || n.text == "TRUE") return true;
      if (n.text == "false" || n.text == "False" || n.text == "FALSE") return false;
    }
    error(n, fmt::format("expected true or false, got {}", n.describe()));
    return std::nullopt;
  }

  std::optional<engine::Date> date(const Node& n) {
    engine::Date d;
    if (n.is_scalar() && engine::Date::parse(n.text, d)) return d;
    error(n, fmt::format("expected a date YYYY-MM-DD, got {}", n.describe()));
    return std::nullopt;
  }

  /// Resolves a name written as a value.
  int lookup(const Node& n, std::string_view what, const std::vector<std::string>& names) {
    if (!n.is_scalar()) {
      error(n, fmt::format("expected a {} name, got {}", what, n.describe()));
      return kNone;
    }
    const int i = index_of(names, n.text);
    if (i == kNone) error(n, undefined(what, n.text, names));
    return i;
  }

  /// Resolves a name written as a key (`transitions.FROM.TO`, `exits`, `outcomes`).
  int lookup_key(const MapEntry& e, std::string_view what, const std::vector<std::string>& names) {
    const int i = index_of(names, e.key);
    if (i == kNone) key_error(e, undefined(what, e.key, names));
    return i;
  }

  static std::string undefined(std::string_view what, const std::string& name, const std::vector<std::string>& names) {
    std::string message = fmt::format("undefined {} '{}'", what, name);
    if (what == "state" && name == "return") return message + " ('return' is only valid in a programme's exits)";
    const std::string guess = closest_match(name, names);
    if (!guess.empty()) return message + fmt::format("; did you mean '{}'?", guess);
    if (names.empty()) return message + fmt::format(" (no {}s are defined)", what);
    return message + fmt::format(" (defined: {})", list_names(names));
  }

  /// Calls `f(entry)` for each entry of the named section `map` (if it is a map) whose name is
  /// usable; reports bad names.
  template <class F>
  void each_named(const Node* map, F f) {
    if (map == nullptr || map->is_null()) return;
    if (!expect(*map, Node::Kind::map)) return;
    for (const auto& e : map->entries) {
      if (!valid_name(e.key)) {
        key_error(e, fmt::format("the name '{}' contains '.', '[', ']' or '=', which --set paths use", e.key));
      }
      f(e);
    }
  }

  /// A list of [x, y] pairs, sorted by x ascending, the first x == 0 (refund schedules,
  /// piecewise hazards).
  std::vector<std::pair<double, double>> steps(const Node& list, std::string_view x_name, std::string_view y_name,
                                               const Range& y_range) {
    std::vector<std::pair<double, double>> out;
    if (!expect(list, Node::Kind::sequence)) return out;
    if (list.items.empty()) {
      error(list, fmt::format("expected at least one [{}, {}] step, got an empty list", x_name, y_name));
      return out;
    }
    bool ok = true;
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      const Node& item = list.items[i];
      if (!item.is_sequence() || item.items.size() != 2) {
        error(item, fmt::format("expected a step [{}, {}], got {}", x_name, y_name,
                                item.is_sequence() ? fmt::format("a list of {}", item.items.size()) : item.describe()));
        ok = false;
        continue;
      }
      const auto x = number(item.items[0], at_least(0.0));
      const auto y = number(item.items[1], y_range);
      if (!x || !y) {
        ok = false;
        continue;
      }
      if (i == 0 && *x != 0.0) {
        error(item.items[0], fmt::format("the first step must start at {} 0, got {}", x_name, item.items[0].text));
        ok = false;
      }
      if (!out.empty() && *x <= out.back().first) {
        error(item.items[0], fmt::format("{} {} is not after the previous step's {} (steps must be sorted ascending)",
                                         x_name, item.items[0].text, num(out.back().first)));
        ok = false;
      }
      out.emplace_back(*x, *y);
    }
    if (!ok) out.clear();
    return out;
  }

  /// `{fixed: x}`, `{exponential: mean}`, …; `duration` rejects negative values.
  std::optional<engine::Distribution> distribution(const Node& n, bool duration) {
    using K = engine::Distribution::Kind;
    if (!expect(n, Node::Kind::map)) return std::nullopt;
    check_keys(n, "DISTRIBUTION");
    const MapEntry* chosen = nullptr;
    for (const auto& e : n.entries) {
      if (find_key("DISTRIBUTION", e.key) == nullptr) continue;
      if (chosen != nullptr) {
        key_error(e, fmt::format("'{}' and '{}' both given; a distribution has exactly one kind", chosen->key, e.key));
        return std::nullopt;
      }
      chosen = &e;
    }
    if (chosen == nullptr) {
      if (n.entries.empty()) {
        error(n, fmt::format("expected one of: {}", list_names(keys_of("DISTRIBUTION"))));
      }
      return std::nullopt;
    }
    const std::string& kind = chosen->key;
    const Node& v = chosen->value;
    engine::Distribution d;
    bool ok = true;
    auto numbers = [&](std::size_t count, std::string_view shape) {
      std::vector<double> xs;
      if (!v.is_sequence() || v.items.size() != count) {
        error(v, fmt::format("expected {}, got {}", shape,
                             v.is_sequence() ? fmt::format("a list of {}", v.items.size()) : v.describe()));
        ok = false;
        return xs;
      }
      for (const auto& item : v.items) {
        const auto x = number(item, any_number());
        if (!x) ok = false;
        xs.push_back(x.value_or(0.0));
      }
      return xs;
    };
    auto moments = [&]() {
      if (!expect(v, Node::Kind::map)) {
        ok = false;
        return;
      }
      check_keys(v, "DISTRIBUTION.MOMENTS");
      const Node* mean = v.find("mean");
      const Node* sd = v.find("sd");
      if (mean == nullptr || sd == nullptr) {
        ok = false;
        return;
      }
      const auto m = number(*mean, any_number());
      const auto s = number(*sd, at_least(0.0));
      if (!m || !s) ok = false;
      d.a = m.value_or(0.0);
      d.b = s.value_or(0.0);
    };
    if (kind == "fixed") {
      d.kind = K::fixed;
      const auto x = number(v, any_number());
      ok = x.has_value();
      d.a = x.value_or(0.0);
    } else if (kind == "exponential") {
      d.kind = K::exponential;
      const auto x = number(v, above(0.0));
      ok = x.has_value();
      d.a = x.value_or(1.0);
    } else if (kind == "uniform") {
      d.kind = K::uniform;
      const auto xs = numbers(2, "[a, b]");
      if (ok) d.a = xs[0], d.b = xs[1];
    } else if (kind == "triangular") {
      d.kind = K::triangular;
      const auto xs = numbers(3, "[min, mode, max]");
      if (ok) d.a = xs[0], d.b = xs[1], d.c = xs[2];
    } else if (kind == "empirical") {
      d.kind = K::empirical;
      if (!expect(v, Node::Kind::sequence)) return std::nullopt;
      for (const auto& item : v.items) {
        if (!item.is_sequence() || item.items.size() != 2) {
          error(item, fmt::format("expected a pair [value, weight], got {}",
                                  item.is_sequence() ? fmt::format("a list of {}", item.items.size()) : item.describe()));
          ok = false;
          continue;
        }
        const auto x = number(item.items[0], any_number());
        const auto w = number(item.items[1], at_least(0.0));
        if (!x || !w) {
          ok = false;
          continue;
        }
        if (duration && *x < 0.0) {
          error(item.items[0], fmt::format("a duration cannot be negative, got {}", item.items[0].text));
          ok = false;
        }
        d.empirical.emplace_back(*x, *w);
      }
    } else {
      d.kind = kind == "gamma" ? K::gamma : kind == "lognormal" ? K::lognormal : kind == "beta" ? K::beta : K::normal;
      moments();
    }
    if (!ok) return std::nullopt;
    if (const char* reason = engine::invalid_reason(d)) {
      error(v, fmt::format("invalid {} distribution: {}", kind, reason));
      return std::nullopt;
    }
    if (duration) {
      // The smallest value the distribution can take must not be negative.
      const double lowest = d.kind == K::fixed || d.kind == K::uniform || d.kind == K::triangular || d.kind == K::normal
                                ? d.a
                                : 0.0;
      if (lowest < 0.0) {
        error(v, fmt::format("a duration cannot be negative, got {} {}", d.kind == K::normal ? "mean" : "minimum",
                             num(lowest)));
        return std::nullopt;
      }
      if (d.kind == K::normal && d.b > 0.0 && d.a < 3.0 * d.b) {
        warning(v, "a normal duration is negative with noticeable probability (mean < 3 sd); consider gamma or "
                   "lognormal");
      }
    }
    return d;
  }

  /// Who an effect (`effect_target`) or a meeting track applies to.
  model::Filter filter(const Node& n, const model::Model& m, bool effect_target = false) {
    model::Filter f;
    if (n.is_null()) return f;
    if (!expect(n, Node::Kind::map)) return f;
    check_keys(n, "FILTER");
    f = filter_lists(n, m);
    f.min_spell_weeks = number_or(n, "min_spell_weeks", at_least(0.0), numeric_default("FILTER", "min_spell_weeks"));
    if (const Node* max = n.find("max_spell_weeks")) {
      f.max_spell_weeks = number(*max, at_least(f.min_spell_weeks)).value_or(kInfinity);
    }
    if (const Node* pool = n.find("served_by")) f.served_by = lookup(*pool, "pool", names_of(m.pools));
    f.min_age = number_or(n, "min_age", closed(0.0, kMaxAgeYears), 0.0);
    if (const Node* max = n.find("max_age")) f.max_age = number(*max, closed(f.min_age, kMaxAgeYears)).value_or(kInfinity);
    received(n, m, effect_target, f);
    return f;
  }

  /// `received: TRACK_OR_STATE` with `within_weeks: N` (effect targets only): the effect follows
  /// the citizens who received that service.
  void received(const Node& n, const model::Model& m, bool effect_target, model::Filter& f) {
    const Node* what = n.find("received");
    const Node* within = n.find("within_weeks");
    if (what == nullptr && within == nullptr) return;
    if (!effect_target) {
      error(what != nullptr ? *what : *within, "'received' and 'within_weeks' select an effect's target, not who a "
                                               "meeting track is for (expected them under an effect's 'target')");
      return;
    }
    if (what == nullptr || within == nullptr) {
      error(n, fmt::format("missing required key '{}' ('received' names a meeting track or state, 'within_weeks' "
                           "how long the effect lasts after it)",
                           what == nullptr ? "received" : "within_weeks"));
      return;
    }
    if (const auto w = number(*within, closed(0.0, 1e6))) f.received_within_weeks = *w;
    if (!expect(*what, Node::Kind::scalar)) return;
    const auto tracks = names_of(m.meetings);
    const auto states = names_of(m.states);
    const auto track = std::find(tracks.begin(), tracks.end(), what->text);
    const auto state = std::find(states.begin(), states.end(), what->text);
    if (track != tracks.end() && state != states.end()) {
      error(*what, fmt::format("'{}' is both a meeting track and a state; rename one so 'received' names one service",
                               what->text));
    } else if (track != tracks.end()) {
      f.received_track = static_cast<int>(track - tracks.begin());
    } else if (state != states.end()) {
      f.received_state = static_cast<int>(state - states.begin());
    } else {
      std::vector<std::string> both = tracks;
      both.insert(both.end(), states.begin(), states.end());
      const std::string guess = closest_match(what->text, both);
      error(*what, guess.empty() ? fmt::format("unknown meeting track or state '{}' (expected one of: {})", what->text,
                                               list_names(both))
                                 : fmt::format("unknown meeting track or state '{}'; did you mean '{}'?", what->text, guess));
    }
  }

  // -------------------------------------------------------------------------------------
  // The model of one arm.

  model::Model model(const Node& root, const engine::Calendar* calendar) {
    model::Model m;
    refund(root.find("refund"), m);
    benefits(root.find("benefits"), m, calendar);
    groups(root.find("groups"), m);
    slots(root.find("slots"), m);
    pools(root.find("pools"), m, calendar);
    states(root.find("states"), m);
    refund_by_state(m);
    transitions(root.find("transitions"), m);
    meetings(root.find("meetings"), m);
    inflow(root.find("inflow"), m);
    initial(root.find("initial"), m);
    age_rules(root.find("age_rules"), m);
    benefit_clocks(root.find("benefit_clocks"), m);
    return m;
  }

  void refund(const Node* n, model::Model& m) {
    if (n == nullptr || n->is_null() || !expect(*n, Node::Kind::map)) return;
    check_keys(*n, "refund");
    each_named(n->find("schedules"), [&](const MapEntry& e) {
      model::RefundSchedule s;
      s.name = e.key;
      if (e.value.is_map()) {  // an activity-based rule: a share, and shares by state (resolved after the states)
        check_keys(e.value, "refund.schedules.NAME");
        const double share = number_or(e.value, "share", closed(0.0, 1.0), 0.0);
        s.steps = {{0.0, share}};
        pending_by_state_.emplace_back(m.refund.schedules.size(), e.value.find("by_state"));
      } else {
        s.steps = steps(e.value, "from_week", "share", closed(0.0, 1.0));
      }
      m.refund.schedules.push_back(std::move(s));
    });
    if (const Node* reset = n->find("reset"); reset != nullptr && expect(*reset, Node::Kind::map)) {
      check_keys(*reset, "refund.reset");
      m.refund.self_support_weeks =
          number_or(*reset, "self_support_weeks", above(0.0), numeric_default("refund.reset", "self_support_weeks"));
      const double window_default = numeric_default("refund.reset", "window_weeks");
      if (const Node* w = reset->find("window_weeks")) {
        m.refund.window_weeks = number(*w, at_least(m.refund.self_support_weeks)).value_or(window_default);
      } else {
        m.refund.window_weeks = std::max(window_default, m.refund.self_support_weeks);
      }
    }
  }

  /// The `by_state` shares of activity-based refund schedules, once the states are known.
  void refund_by_state(model::Model& m) {
    const auto names = names_of(m.states);
    for (const auto& [index, node] : pending_by_state_) {
      model::RefundSchedule& s = m.refund.schedules[index];
      s.by_state.assign(m.states.size(), s.steps.front().second);
      if (node == nullptr || node->is_null() || !expect(*node, Node::Kind::map)) continue;
      for (const auto& e : node->entries) {
        const int st = lookup_key(e, "state", names);
        const auto share = number(e.value, closed(0.0, 1.0));
        if (st != kNone && share) s.by_state[static_cast<std::size_t>(st)] = *share;
      }
    }
    pending_by_state_.clear();
  }

  /// `refund_changes: [{date, refund}, ...]`: the schedule in force from each date on.
  void refund_changes(const Node& list, model::Benefit& b, const std::vector<std::string>& schedules,
                      const engine::Calendar* calendar) {
    if (!expect(list, Node::Kind::sequence)) return;
    const Node* previous = nullptr;
    std::optional<engine::Date> previous_date;
    for (const auto& item : list.items) {
      if (!expect(item, Node::Kind::map)) continue;
      check_keys(item, "benefits.NAME.refund_changes[]");
      const Node* date_node = item.find("date");
      const Node* refund_node = item.find("refund");
      if (date_node == nullptr || refund_node == nullptr) continue;
      const auto d = date(*date_node);
      const int schedule = lookup(*refund_node, "refund schedule", schedules);
      if (!d || schedule == kNone) continue;
      if (previous_date && previous_date->days_since_epoch() >= d->days_since_epoch()) {
        error(*date_node, fmt::format("the date {} is not after the previous change's {} (line {}); changes must be "
                                      "in date order, one per date",
                                      d->iso(), previous_date->iso(), previous->mark.line));
        continue;
      }
      previous = date_node;
      previous_date = d;
      if (calendar != nullptr) b.refund_changes.emplace_back(calendar->week_of(*d), schedule);
    }
  }

  void benefits(const Node* n, model::Model& m, const engine::Calendar* calendar) {
    const auto schedules = names_of(m.refund.schedules);
    each_named(n, [&](const MapEntry& e) {
      model::Benefit b;
      b.name = e.key;
      if (e.key == "none" || e.key == "group") {
        key_error(e, fmt::format("'{}' is reserved (states use `benefit: {}`); choose another name", e.key, e.key));
      }
      if (expect(e.value, Node::Kind::map)) {
        check_keys(e.value, "benefits.NAME");
        b.label = label_of(e.value);
        const Node* rate = e.value.find("weekly_rate");
        if (rate != nullptr) b.weekly_rate = money_amount(*rate, money()).value_or(0.0);
        if (const Node* s = e.value.find("refund")) b.refund_schedule = std::max(0, lookup(*s, "refund schedule", schedules));
        if (const Node* c = e.value.find("refund_changes")) refund_changes(*c, b, schedules, calendar);
        const Node* by_year = e.value.find("weekly_rate_by_year");
        const Node* uprating = e.value.find("uprating");
        if (by_year != nullptr) {
          b.rate_by_year = year_table(*by_year, [&](const Node& v) { return money_amount(v, money()); });
          if (rate == nullptr && !b.rate_by_year.empty()) b.weekly_rate = b.rate_by_year.front().second;
        } else if (rate == nullptr) {
          error(e.value, "missing required key 'weekly_rate' (or give 'weekly_rate_by_year')");
        }
        if (uprating != nullptr && by_year != nullptr) {
          error(*uprating, "'weekly_rate_by_year' and 'uprating' both given; give the rates by year, or one rate and "
                           "its yearly uprating");
        } else if (uprating != nullptr && expect(*uprating, Node::Kind::map)) {
          check_keys(*uprating, "benefits.NAME.uprating");
          if (const Node* p = uprating->find("per_year")) b.uprating = number(*p, closed(-0.5, 0.5)).value_or(0.0);
          if (const Node* y = uprating->find("base_year")) {
            b.uprating_base_year = static_cast<int>(integer(*y, 1900, 2200).value_or(0));
          }
        }
      }
      m.benefits.push_back(std::move(b));
    });
  }

  void groups(const Node* n, model::Model& m) {
    const auto benefit_names = names_of(m.benefits);
    each_named(n, [&](const MapEntry& e) {
      model::Group g;
      g.name = e.key;
      if (expect(e.value, Node::Kind::map)) {
        check_keys(e.value, "groups.NAME");
        g.label = label_of(e.value);
        if (const Node* b = e.value.find("benefit")) {
          if (!(b->is_scalar() && b->text == "none")) g.benefit = lookup(*b, "benefit", benefit_names);
        }
      }
      m.groups.push_back(std::move(g));
    });
  }

  void slots(const Node* n, model::Model& m) {
    each_named(n, [&](const MapEntry& e) {
      model::Slot s;
      s.name = e.key;
      s.origin = origin_of(e);
      if (expect(e.value, Node::Kind::map)) {
        check_keys(e.value, "slots.NAME");
        s.label = label_of(e.value);
        if (const Node* c = e.value.find("capacity")) {
          s.capacity = static_cast<int>(integer(*c, 0, std::numeric_limits<int>::max()).value_or(0));
        }
      }
      m.slots.push_back(std::move(s));
    });
  }

  void pools(const Node* n, model::Model& m, const engine::Calendar* calendar) {
    each_named(n, [&](const MapEntry& e) {
      model::Pool p;
      p.name = e.key;
      p.origin = origin_of(e);
      if (expect(e.value, Node::Kind::map)) {
        const Node& v = e.value;
        check_keys(v, "pools.NAME");
        p.label = label_of(v);
        const double fte = number_or(v, "fte", at_least(0.0), 0.0);
        p.fte_schedule.emplace_back(-kInfinity, fte);
        p.meetings_per_fte_week = number_or(v, "meetings_per_fte_week", above(0.0), 1.0);
        p.caseload_per_fte = number_or(v, "caseload_per_fte", at_least(0.0), numeric_default("pools.NAME", "caseload_per_fte"));
        if (const Node* changes = v.find("fte_changes"); changes != nullptr && expect(*changes, Node::Kind::sequence)) {
          std::vector<std::pair<double, const Node*>> seen;
          for (const auto& item : changes->items) {
            if (!expect(item, Node::Kind::map)) continue;
            check_keys(item, "pools.NAME.fte_changes[]");
            const Node* date_node = item.find("date");
            const Node* fte_node = item.find("fte");
            if (date_node == nullptr || fte_node == nullptr) continue;
            const auto d = date(*date_node);
            const auto x = number(*fte_node, at_least(0.0));
            if (!d || !x || calendar == nullptr) continue;
            const double week = calendar->week_of(*d);
            const auto twin = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == week; });
            if (twin != seen.end()) {
              error(*date_node, fmt::format("the date {} is given twice (first at line {})", d->iso(),
                                            twin->second->mark.line));
              continue;
            }
            seen.emplace_back(week, date_node);
            p.fte_schedule.emplace_back(week, *x);
          }
          std::stable_sort(p.fte_schedule.begin(), p.fte_schedule.end(),
                           [](const auto& a, const auto& b) { return a.first < b.first; });
        }
      }
      m.pools.push_back(std::move(p));
    });
  }

  void states(const Node* n, model::Model& m) {
    if (n == nullptr || n->is_null() || !n->is_map()) {
      if (n != nullptr && !n->is_null()) expect(*n, Node::Kind::map);
      return;
    }
    if (n->entries.size() > std::numeric_limits<model::StateId>::max()) {
      error(*n, fmt::format("too many states ({}; at most {})", n->entries.size(),
                            std::numeric_limits<model::StateId>::max()));
      return;
    }
    // Names first, so that exits may name states defined further down.
    for (const auto& e : n->entries) {
      model::State s;
      s.name = e.key;
      s.origin = origin_of(e);
      m.states.push_back(std::move(s));
    }
    const auto state_names = names_of(m.states);
    const auto benefit_names = names_of(m.benefits);
    const auto slot_names = names_of(m.slots);
    std::size_t index = 0;
    each_named(n, [&](const MapEntry& e) {
      model::State& s = m.states[index++];
      if (e.key == "return") key_error(e, "'return' is reserved (a programme's exit back to the state before)");
      if (e.value.is_null()) return;  // `job:` alone: a plain state with every default
      if (!expect(e.value, Node::Kind::map)) return;
      const Node& v = e.value;
      check_keys(v, "states.NAME");
      s.label = label_of(v);
      if (const Node* b = v.find("benefit")) {
        if (b->is_scalar() && b->text == "group") {
          s.benefit_rule = model::State::BenefitRule::group;
        } else if (b->is_scalar() && b->text == "none") {
          s.benefit_rule = model::State::BenefitRule::none;
        } else if (b->is_scalar() && index_of(benefit_names, b->text) == kNone) {
          // `group` and `none` are the likeliest intended words, so suggest them too.
          auto candidates = benefit_names;
          candidates.insert(candidates.end(), {"group", "none"});
          const std::string guess = closest_match(b->text, candidates);
          error(*b, guess.empty() ? undefined("benefit", b->text, benefit_names)
                                  : fmt::format("undefined benefit '{}'; did you mean '{}'?", b->text, guess));
        } else {
          s.benefit = lookup(*b, "benefit", benefit_names);
          s.benefit_rule = model::State::BenefitRule::fixed;
        }
      }
      if (const Node* x = v.find("self_supporting")) s.self_supporting = boolean(*x).value_or(false);
      if (const Node* x = v.find("absorbing")) s.absorbing = boolean(*x).value_or(false);
      if (const Node* x = v.find("duration")) s.duration = distribution(*x, true);
      if (const Node* x = v.find("slots")) s.slot = lookup(*x, "slot", slot_names);
      if (const Node* c = v.find("cost_per_week")) s.cost_per_week = money_amount(*c, money()).value_or(numeric_default("states.NAME", "cost_per_week"));
      const MapEntry* exits = v.entry("exits");
      if (v.find("duration") != nullptr && exits == nullptr) {
        error(v, "missing required key 'exits' (a programme routes its leavers by 'exits')");
      }
      if (exits != nullptr && v.find("duration") == nullptr) {
        key_error(*exits, "only a programme (a state with 'duration') has exits");
      } else if (exits != nullptr && expect(exits->value, Node::Kind::map)) {
        double sum = 0.0;
        bool ok = true;
        for (const auto& x : exits->value.entries) {
          model::ProgrammeExit out;
          if (x.key == "return") {
            out.to_return = true;
          } else {
            out.to = lookup_key(x, "state", state_names);
            if (out.to == kNone) ok = false;
          }
          const auto p = number(x.value, closed(0.0, 1.0));
          if (!p) {
            ok = false;
            continue;
          }
          out.probability = *p;
          sum += *p;
          s.exits.push_back(out);
        }
        if (ok && std::abs(sum - 1.0) > 1e-9) {
          error(exits->value, fmt::format("probabilities sum to {} (expected 1)", num(sum)));
        }
      }
    });
  }

  model::Hazard hazard(const Node& v, std::string_view section = "transitions.FROM.TO") {
    model::Hazard h;
    check_keys(v, section);
    const MapEntry* chosen = nullptr;
    for (const auto& e : v.entries) {
      if (e.key != "rate" && e.key != "piecewise" && e.key != "weibull") continue;
      if (chosen != nullptr) {
        key_error(e, fmt::format("'{}' and '{}' both given; a transition has exactly one hazard", chosen->key, e.key));
        continue;
      }
      chosen = &e;
    }
    if (chosen == nullptr) {
      error(v, "expected one of 'rate', 'piecewise' or 'weibull'");
    } else if (chosen->key == "rate") {
      h.kind = model::Hazard::Kind::rate;
      h.rate = number(chosen->value, at_least(0.0)).value_or(0.0);
    } else if (chosen->key == "piecewise") {
      h.kind = model::Hazard::Kind::piecewise;
      h.steps = steps(chosen->value, "from_week", "rate", at_least(0.0));
    } else {
      h.kind = model::Hazard::Kind::weibull;
      const Node& w = chosen->value;
      if (expect(w, Node::Kind::map)) {
        check_keys(w, "transitions.FROM.TO.weibull");
        h.shape = number_or(w, "shape", above(0.0), 1.0);
        h.scale = number_or(w, "scale", above(0.0), 1.0);
      }
    }
    if (const Node* c = v.find("clock")) {
      if (c->is_scalar() && c->text == "state") {
        h.clock = model::Hazard::Clock::state;
      } else if (c->is_scalar() && c->text == "spell") {
        h.clock = model::Hazard::Clock::spell;
      } else {
        error(*c, fmt::format("expected 'state' or 'spell', got {}", c->describe()));
      }
    }
    return h;
  }

  void transitions(const Node* n, model::Model& m) {
    if (n == nullptr || n->is_null() || !expect(*n, Node::Kind::map)) return;
    const auto state_names = names_of(m.states);
    const auto group_names = names_of(m.groups);
    for (const auto& from : n->entries) {
      const int f = lookup_key(from, "state", state_names);
      if (from.value.is_null()) continue;
      if (!expect(from.value, Node::Kind::map)) continue;
      for (const auto& to : from.value.entries) {
        const int t = lookup_key(to, "state", state_names);
        if (f != kNone && t == f) key_error(to, "a transition from a state to itself");
        if (!expect(to.value, Node::Kind::map)) continue;
        model::Transition tr;
        tr.hazard = hazard(to.value);
        tr.origin = origin_of(to);
        if (const Node* own = to.value.find("by_group"); own != nullptr && expect(*own, Node::Kind::map)) {
          // A group's own hazard replaces the default for that group's citizens.
          tr.by_group.resize(m.groups.size());
          for (const auto& g : own->entries) {
            const int group = lookup_key(g, "group", group_names);
            if (!expect(g.value, Node::Kind::map)) continue;
            model::Hazard h = hazard(g.value, "transitions.FROM.TO.by_group.GROUP");
            if (group != kNone) tr.by_group[group] = h;
          }
        }
        if (f == kNone || t == kNone || f == t) continue;
        tr.from = static_cast<model::StateId>(f);
        tr.to = static_cast<model::StateId>(t);
        m.transitions.push_back(std::move(tr));
      }
    }
  }

  void meetings(const Node* n, model::Model& m) {
    const auto state_names = names_of(m.states);
    const auto pool_names = names_of(m.pools);
    each_named(n, [&](const MapEntry& e) {
      model::MeetingTrack t;
      t.name = e.key;
      t.origin = origin_of(e);
      if (!expect(e.value, Node::Kind::map)) {
        m.meetings.push_back(std::move(t));
        return;
      }
      const Node& v = e.value;
      check_keys(v, "meetings.NAME");
      std::vector<std::string> track_states;
      if (const Node* s = v.find("states"); s != nullptr && expect(*s, Node::Kind::sequence)) {
        if (s->items.empty()) error(*s, "expected at least one state, got an empty list");
        for (const auto& item : s->items) {
          const int id = lookup(item, "state", state_names);
          if (id == kNone) continue;
          t.states.push_back(static_cast<model::StateId>(id));
          track_states.push_back(item.text);
        }
      }
      if (const Node* el = v.find("eligible")) t.eligible = filter(*el, m);
      if (const Node* p = v.find("pool")) t.pool = lookup(*p, "pool", pool_names);
      if (const Node* x = v.find("max_per_citizen")) t.max_per_citizen = static_cast<int>(integer(*x, 1, 1000000).value_or(0));
      if (const Node* iv = v.find("interval_weeks")) {
        if (iv->is_map()) {
          check_keys(*iv, "meetings.NAME.interval_weeks");
          const Node* lo = iv->find("min");
          const Node* hi = iv->find("max");
          if (lo != nullptr && hi != nullptr) {
            const auto a = number(*lo, above(0.0));
            const auto b = a ? number(*hi, at_least(*a)) : number(*hi, above(0.0));
            if (a && b) {
              t.interval_min = *a;
              t.interval_max = *b;
              if (t.pool == kNone && v.find("pool") == nullptr && *a != *b) {
                error(*iv, fmt::format("without a pool the interval is fixed: give min == max or a plain number "
                                       "(got min {}, max {})",
                                       num(*a), num(*b)));
              }
            }
          }
        } else {
          const auto x = number(*iv, above(0.0));
          t.interval_min = t.interval_max = x.value_or(4.0);
        }
      }
      if (const Node* oc = v.find("outcomes"); oc != nullptr && !oc->is_null() && expect(*oc, Node::Kind::map)) {
        for (const auto& from : oc->entries) {
          const int f = lookup_key(from, "state", state_names);
          if (f != kNone && std::find(t.states.begin(), t.states.end(), f) == t.states.end()) {
            key_error(from, fmt::format("'{}' is not one of this meeting's states ({})", from.key,
                                        list_names(track_states)));
          }
          if (!expect(from.value, Node::Kind::map)) continue;
          double sum = 0.0;
          bool ok = true;
          for (const auto& to : from.value.entries) {
            const int id = lookup_key(to, "state", state_names);
            if (id != kNone && id == f) key_error(to, "a meeting outcome must move the citizen to another state");
            const auto p = number(to.value, closed(0.0, 1.0));
            if (!p || id == kNone || f == kNone) {
              ok = ok && p.has_value();
              continue;
            }
            sum += *p;
            t.outcomes.push_back(model::MeetingOutcome{static_cast<model::StateId>(f), static_cast<model::StateId>(id), *p});
          }
          if (ok && sum > 1.0 + 1e-9) {
            error(from.value, fmt::format("probabilities sum to {} (expected at most 1)", num(sum)));
          }
        }
      }
      m.meetings.push_back(std::move(t));
    });
  }

  /// Common part of `inflow` and `initial` items: group and state.
  void group_and_state(const Node& item, const model::Model& m, int& group, model::StateId& state) {
    if (const Node* g = item.find("group")) group = std::max(0, lookup(*g, "group", names_of(m.groups)));
    if (const Node* s = item.find("state")) {
      state = static_cast<model::StateId>(std::max(0, lookup(*s, "state", names_of(m.states))));
    }
  }

  /// An `inflow` or `initial` entry's name: its citizens' identity (their random streams are
  /// keyed by it, model/sources.hpp). `GROUP.STATE` unless given (`GROUP.STATE#2` for a second
  /// entry of the same group and state); names must be unique within the list.
  std::string source_name(const Node& item, const model::Model& m, int group, model::StateId state, std::set<std::string>& seen) {
    std::string name;
    const Node* given = item.find("name");
    if (given != nullptr) name = text(*given).value_or("");
    if (given != nullptr && name.empty()) error(*given, "expected a non-empty name");
    if (given == nullptr && group < static_cast<int>(m.groups.size()) && state < m.states.size()) {
      // The default; a second entry of the same group and state is GROUP.STATE#2, and so on.
      const std::string base = m.groups[group].name + "." + m.states[state].name;
      name = base;
      for (int k = 2; seen.count(name) != 0; ++k) name = base + "#" + std::to_string(k);
    }
    if (!name.empty() && !seen.insert(name).second) {
      error(given != nullptr ? *given : item,
            fmt::format("two entries are named '{}'; give each a different `name` (the default is GROUP.STATE)", name));
    }
    return name;
  }

  void inflow(const Node* n, model::Model& m) {
    if (n == nullptr || n->is_null() || !expect(*n, Node::Kind::sequence)) return;
    std::set<std::string> names;
    for (const auto& item : n->items) {
      if (!expect(item, Node::Kind::map)) continue;
      check_keys(item, "inflow[]");
      model::Inflow in;
      group_and_state(item, m, in.group, in.state);
      in.per_year = number_or(item, "per_year", at_least(0.0), 0.0);
      in.name = source_name(item, m, in.group, in.state, names);
      if (const Node* a = item.find("age_years")) in.age_years = distribution(*a, true);
      m.inflow.push_back(in);
    }
  }

  void initial(const Node* n, model::Model& m) {
    if (n == nullptr || n->is_null() || !expect(*n, Node::Kind::sequence)) return;
    std::set<std::string> names;
    for (const auto& item : n->items) {
      if (!expect(item, Node::Kind::map)) continue;
      check_keys(item, "initial[]");
      model::InitialStock stock;
      group_and_state(item, m, stock.group, stock.state);
      stock.name = source_name(item, m, stock.group, stock.state, names);
      if (const Node* c = item.find("count")) {
        stock.count = integer(*c, 0, std::numeric_limits<std::int64_t>::max()).value_or(0);
      }
      if (const Node* el = item.find("elapsed_weeks")) {
        if (auto d = distribution(*el, true)) stock.elapsed_weeks = *d;
      }
      if (const Node* a = item.find("age_years")) stock.age_years = distribution(*a, true);
      m.initial.push_back(std::move(stock));
    }
  }

  /// The move of an age rule or a benefit clock's outcome (`group`, `state`; at least one).
  model::ClockMove clock_move(const Node& v, const model::Model& m) {
    model::ClockMove move;
    if (const Node* g = v.find("group")) move.group = lookup(*g, "group", names_of(m.groups));
    if (const Node* st = v.find("state")) {
      move.state = lookup(*st, "state", names_of(m.states));
      if (move.state != kNone && m.states[move.state].slot != kNone) {
        error(*st, fmt::format("state '{}' needs a place in a slot; a clock moves citizens at once (expected a state "
                               "without `slots`)", st->text));
      }
    }
    if (v.find("group") == nullptr && v.find("state") == nullptr) error(v, "missing key 'group' or 'state' (where the clock moves the citizen)");
    return move;
  }

  /// `age_rules.NAME: {at_years, groups, states, group, state}`.
  void age_rules(const Node* n, model::Model& m) {
    each_named(n, [&](const MapEntry& e) {
      if (!expect(e.value, Node::Kind::map)) return;
      check_keys(e.value, "age_rules.NAME");
      model::AgeRule rule;
      rule.name = e.key;
      rule.origin = origin_of(e);
      if (const Node* at = e.value.find("at_years")) rule.at_years = number(*at, closed(0.0, kMaxAgeYears)).value_or(0.0);
      const model::Filter who = filter_lists(e.value, m);
      rule.groups = who.groups;
      rule.states = who.states;
      rule.move = clock_move(e.value, m);
      m.age_rules.push_back(std::move(rule));
    });
  }

  /// `groups` and `states` lists of a map, as in a filter.
  model::Filter filter_lists(const Node& v, const model::Model& m) {
    model::Filter f;
    for (const char* key : {"groups", "states"}) {
      const Node* list = v.find(key);
      if (list == nullptr || !expect(*list, Node::Kind::sequence)) continue;
      const bool groups = std::string_view(key) == "groups";
      const auto names = groups ? names_of(m.groups) : names_of(m.states);
      for (const auto& item : list->items) {
        const int id = lookup(item, groups ? "group" : "state", names);
        if (id == kNone) continue;
        if (groups) f.groups.push_back(id);
        else f.states.push_back(static_cast<model::StateId>(id));
      }
    }
    return f;
  }

  /// `benefit_clocks.NAME: {benefit, limit_weeks, window_weeks, outcomes: [{share, group, state}]}`.
  void benefit_clocks(const Node* n, model::Model& m) {
    each_named(n, [&](const MapEntry& e) {
      if (!expect(e.value, Node::Kind::map)) return;
      check_keys(e.value, "benefit_clocks.NAME");
      model::BenefitClock clock;
      clock.name = e.key;
      clock.origin = origin_of(e);
      if (const Node* b = e.value.find("benefit")) clock.benefit = lookup(*b, "benefit", names_of(m.benefits));
      if (const Node* x = e.value.find("window_weeks")) clock.window_weeks = number(*x, above(0.0)).value_or(0.0);
      if (const Node* x = e.value.find("limit_weeks")) {
        const double window = clock.window_weeks > 0.0 ? clock.window_weeks : kInfinity;
        clock.limit_weeks = number(*x, Range{0.0, window, false, true}).value_or(0.0);
      }
      if (const Node* list = e.value.find("outcomes"); list != nullptr && expect(*list, Node::Kind::sequence)) {
        double sum = 0.0;
        bool ok = !list->items.empty();
        if (list->items.empty()) error(*list, "expected at least one outcome, got an empty list");
        for (const auto& item : list->items) {
          if (!expect(item, Node::Kind::map)) {
            ok = false;
            continue;
          }
          check_keys(item, "benefit_clocks.NAME.outcomes[]");
          model::ClockMove move = clock_move(item, m);
          const auto share = item.find("share") == nullptr ? std::optional<double>(1.0) : number(*item.find("share"), closed(0.0, 1.0));
          if (!share) {
            ok = false;
            continue;
          }
          move.share = *share;
          sum += *share;
          clock.outcomes.push_back(move);
        }
        if (ok && std::abs(sum - 1.0) > 1e-9) error(*list, fmt::format("shares sum to {} (expected 1)", num(sum)));
      }
      m.benefit_clocks.push_back(std::move(clock));
    });
  }

  // -------------------------------------------------------------------------------------
  // An intervention's own keys (its model is typed from the merged tree).

  /// `report.price_level: {year, index: {YEAR: index, ...}}`: the index must cover `year` and
  /// every reported budget year.
  void price_level(const Node& p, model::ReportSettings& report, const engine::Calendar* calendar) {
    check_keys(p, "report.price_level");
    const Node* year = p.find("year");
    const Node* index = p.find("index");
    if (year == nullptr || index == nullptr) return;
    const auto y = integer(*year, 1900, 2200);
    auto table = year_table(*index, [&](const Node& v) { return number(v, above(0.0)); });
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
      error(*index, fmt::format("the index has no value for {} (it needs the price-level year {} and every reported "
                                "budget year)",
                                list, *y));
      return;
    }
    report.price_year = static_cast<int>(*y);
    report.price_index = std::move(table);
  }

  /// Cost lines (`costs`) or financing lines (`financing`): the same forms. Amounts are not
  /// negative; income goes under `financing`.
  void costs(const Node* n, model::Arm& arm, std::string_view section, const engine::Calendar* calendar) {
    if (n == nullptr || n->is_null() || !expect(*n, Node::Kind::sequence)) return;
    const bool financing = section == "interventions.NAME.financing[]";
    static constexpr std::string_view kKinds[] = {"per_year",        "once",           "per_participant_week",
                                                  "per_budget_year", "per_participant", "per_place_year"};
    const std::string_view hint =
        financing ? "a financing line is income paid towards the intervention; write it as a positive amount"
                  : "a grant or other income that pays for the intervention goes under 'financing' as a positive "
                    "amount";
    for (const auto& item : n->items) {
      if (!expect(item, Node::Kind::map)) continue;
      check_keys(item, section);
      model::CostItem c;
      if (const Node* l = item.find("label")) c.label = text(*l).value_or("");
      const MapEntry* chosen = nullptr;
      for (const auto& e : item.entries) {
        if (std::find(std::begin(kKinds), std::end(kKinds), e.key) == std::end(kKinds)) continue;
        if (chosen != nullptr) {
          key_error(e, fmt::format("'{}' and '{}' both given; a {} line has exactly one kind (write two items)",
                                   chosen->key, e.key, financing ? "financing" : "cost"));
          continue;
        }
        chosen = &e;
      }
      const Node* places = item.find("places");
      const Node* slot = item.find("slot");
      if (chosen == nullptr) {
        error(item, "expected one of 'per_year', 'once', 'per_participant_week', 'per_budget_year', 'per_participant' "
                    "or 'per_place_year'");
        continue;
      }
      const std::string& kind = chosen->key;
      if (kind != "per_place_year" && (places != nullptr || slot != nullptr)) {
        error(places != nullptr ? *places : *slot,
              fmt::format("'{}' only goes with 'per_place_year' (this line is '{}')", places != nullptr ? "places" : "slot",
                          kind));
        continue;
      }
      if (kind == "per_budget_year") {
        c.kind = model::CostItem::Kind::per_budget_year;
        c.by_year = year_table(chosen->value, [&](const Node& v) { return money_amount(v, money(), hint); });
        if (calendar != nullptr) {
          const auto& years = calendar->budget_years();
          for (const auto& e : chosen->value.entries) {
            const int year = std::atoi(e.key.c_str());
            const bool inside = std::any_of(years.begin(), years.end(), [&](const auto& y) { return y.year == year; });
            if (!c.by_year.empty() && !inside) {
              sink_.warning(e.value.file, e.key_mark.line, e.key_mark.column, e.value.path,
                            fmt::format("year {} is outside the reported budget years {}-{}; its amount is not booked",
                                        year, years.front().year, years.back().year));
            }
          }
        }
      } else {
        c.kind = kind == "per_year"               ? model::CostItem::Kind::per_year
                 : kind == "once"                 ? model::CostItem::Kind::once
                 : kind == "per_participant_week" ? model::CostItem::Kind::per_participant_week
                 : kind == "per_participant"      ? model::CostItem::Kind::per_participant
                                                  : model::CostItem::Kind::per_place_year;
        c.amount = money_amount(chosen->value, money(), hint).value_or(0.0);
      }
      if (kind == "per_place_year") {
        if ((places == nullptr) == (slot == nullptr)) {
          error(item, places == nullptr ? "'per_place_year' needs 'places' (how many) or 'slot' (a slot whose capacity "
                                          "is the number of places)"
                                        : "'places' and 'slot' both given; give one");
          continue;
        }
        if (places != nullptr) c.places = number(*places, closed(0.0, std::numeric_limits<int>::max())).value_or(0.0);
        if (slot != nullptr) {
          c.slot = lookup(*slot, "slot", names_of(arm.model.slots));
          if (c.slot == kNone) continue;
        }
      }
      (financing ? arm.financing : arm.costs).push_back(std::move(c));
    }
  }

  /// `stated_savings: {YEAR: DKK, …}`: a calendar year (an integer) to a finite number.
  void stated_savings(const Node* n, model::Arm& arm) {
    if (n == nullptr || n->is_null() || !expect(*n, Node::Kind::map)) return;
    for (const auto& e : n->entries) {
      double year = 0.0;
      if (!parse_number(e.key, year) || year != std::floor(year) || year < 1900.0 || year > 2200.0) {
        key_error(e, fmt::format("expected a budget year (e.g. 2026), got '{}'", e.key));
        continue;
      }
      if (const auto dkk = number(e.value, any_number())) arm.stated_savings.emplace_back(static_cast<int>(year), *dkk);
    }
    std::sort(arm.stated_savings.begin(), arm.stated_savings.end());
  }

  /// `after_end: {continue_weeks, fade_weeks}`: what goes on after the intervention's `end`.
  void after_end(const Node* n, model::Arm& arm) {
    if (n == nullptr || n->is_null() || !expect(*n, Node::Kind::map)) return;
    check_keys(*n, "interventions.NAME.after_end");
    arm.continue_weeks = number_or(*n, "continue_weeks", closed(0.0, 1e4), 0.0);
    arm.fade_weeks = number_or(*n, "fade_weeks", closed(0.0, 1e4), 0.0);
    if (!std::isfinite(arm.end_week) && (arm.continue_weeks > 0.0 || arm.fade_weeks > 0.0)) {
      warning(*n, "the intervention has no 'end', so nothing comes after it (expected an 'end' date with 'after_end')");
    }
  }

  void effects(const Node* n, model::Arm& arm) {
    if (n == nullptr || n->is_null() || !expect(*n, Node::Kind::sequence)) return;
    const model::Model& m = arm.model;
    const auto state_names = names_of(m.states);
    for (const auto& item : n->items) {
      if (!expect(item, Node::Kind::map)) continue;
      check_keys(item, "interventions.NAME.effects[]");
      model::Effect fx;
      fx.origin = origin_of(item);
      bool ok = true;
      if (const Node* t = item.find("target")) fx.target = filter(*t, m, true);
      if (const Node* x = item.find("multiplier")) {
        const auto v = number(*x, at_least(0.0));
        ok = v.has_value();
        fx.multiplier = v.value_or(1.0);
      }
      const Node* tr = item.find("transition");
      const Node* meeting = item.find("meeting");
      const Node* outcome = item.find("outcome");
      if (tr != nullptr && (meeting != nullptr || outcome != nullptr)) {
        error(item, "an effect scales either a 'transition' or a 'meeting' outcome, not both");
        continue;
      }
      if (tr != nullptr) {
        fx.kind = model::Effect::Kind::hazard;
        if (!expect(*tr, Node::Kind::map)) continue;
        check_keys(*tr, "interventions.NAME.effects[].transition");
        const Node* from = tr->find("from");
        const Node* to = tr->find("to");
        if (from == nullptr || to == nullptr) continue;
        const int f = lookup(*from, "state", state_names);
        const int t = lookup(*to, "state", state_names);
        if (f == kNone || t == kNone) continue;
        const bool exists = std::any_of(m.transitions.begin(), m.transitions.end(),
                                        [&](const model::Transition& x) { return x.from == f && x.to == t; });
        if (!exists) {
          error(*tr, fmt::format("there is no transition {} -> {} in this arm's model to scale", from->text, to->text));
          continue;
        }
        fx.from = static_cast<model::StateId>(f);
        fx.to = static_cast<model::StateId>(t);
      } else if (meeting != nullptr || outcome != nullptr) {
        fx.kind = model::Effect::Kind::meeting_outcome;
        if (meeting == nullptr || outcome == nullptr) {
          error(item, fmt::format("missing required key '{}' (a meeting effect names 'meeting' and 'outcome')",
                                  meeting == nullptr ? "meeting" : "outcome"));
          continue;
        }
        fx.meeting = lookup(*meeting, "meeting", names_of(m.meetings));
        const int o = lookup(*outcome, "state", state_names);
        if (fx.meeting == kNone || o == kNone) continue;
        const auto& track = m.meetings[static_cast<std::size_t>(fx.meeting)];
        const bool exists = std::any_of(track.outcomes.begin(), track.outcomes.end(),
                                        [&](const model::MeetingOutcome& x) { return x.to == o; });
        if (!exists) {
          error(*outcome, fmt::format("meeting '{}' has no outcome '{}' to scale", track.name, outcome->text));
          continue;
        }
        fx.outcome = static_cast<model::StateId>(o);
      } else {
        error(item, "expected 'transition' or 'meeting' with 'outcome' (what the effect scales)");
        continue;
      }
      if (ok) arm.effects.push_back(std::move(fx));
    }
  }

 private:
  DiagnosticSink& sink_;
  /// Activity-based refund schedules whose `by_state` waits for the states: (index, node).
  std::vector<std::pair<std::size_t, const Node*>> pending_by_state_;
};

/// The same problem seen again while typing an arm: same place, same key. The wording may
/// differ (a list of defined names grows when the patch adds some), so it is not compared.
bool same(const Diagnostic& a, const Diagnostic& b) {
  return a.severity == b.severity && a.file == b.file && a.line == b.line && a.column == b.column &&
         a.key_path == b.key_path;
}

constexpr std::string_view kPatchable[] = {"benefits", "refund", "groups", "states",  "transitions", "meetings",
                                           "pools",    "slots",  "inflow", "initial", "age_rules",   "benefit_clocks"};

}  // namespace

model::Scenario type_scenario(const Node& root, const std::string& file, DiagnosticSink& sink) {
  model::Scenario sc;
  sc.file = file;
  Typer typer(sink);
  if (!root.is_map()) {
    typer.error(root, fmt::format("expected a map of sections (scenario, states, …), got {}", root.describe()));
    return sc;
  }
  typer.check_keys(root, "");
  validate_sources(root, sink);

  // Run settings.
  std::optional<engine::Calendar> calendar;
  if (const Node* s = root.find("scenario"); s != nullptr && typer.expect(*s, Node::Kind::map)) {
    typer.check_keys(*s, "scenario");
    if (const Node* x = s->find("name")) {
      sc.name = typer.text(*x).value_or("");
      if (x->is_scalar() && sc.name.empty()) {
        typer.error(*x, "expected a non-empty name, got \"\"");
      } else if (const std::string why = files::unsafe_name_reason(sc.name); x->is_scalar() && !why.empty()) {
        typer.error(*x, "expected a name that can be a folder name (it names the default results folder: no '/', '\\', '..', "
                        "leading '.', control characters, at most 100 bytes), got " + why);
      }
    }
    bool have_start = false;
    if (const Node* x = s->find("start")) {
      if (auto d = typer.date(*x)) {
        sc.start = *d;
        have_start = true;
      }
    }
    if (const Node* x = s->find("years")) sc.years = static_cast<int>(typer.integer(*x, 1, 200).value_or(1));
    if (const Node* x = s->find("warmup_years")) sc.warmup_years = static_cast<int>(typer.integer(*x, 0, 200).value_or(0));
    if (const Node* x = s->find("replications")) {
      sc.replications = static_cast<int>(typer.integer(*x, 1, 1000000).value_or(1));
    }
    if (const Node* x = s->find("seed")) sc.seed = typer.unsigned64(*x).value_or(1);
    if (have_start) calendar.emplace(sc.start, sc.years, sc.warmup_years);
  }
  if (const Node* r = root.find("report"); r != nullptr && !r->is_null() && typer.expect(*r, Node::Kind::map)) {
    typer.check_keys(*r, "report");
    sc.report.prudence_factor = typer.number_or(*r, "prudence_factor", closed(0.0, 1.0), numeric_default("report", "prudence_factor"));
    sc.report.discount_rate = typer.number_or(*r, "discount_rate", half_open(0.0, 1.0), numeric_default("report", "discount_rate"));
    if (const Node* p = r->find("price_level"); p != nullptr && typer.expect(*p, Node::Kind::map)) {
      typer.price_level(*p, sc.report, calendar ? &*calendar : nullptr);
    }
  }

  // The baseline: the tree without the interventions.
  Node base = root;
  base.entries.erase(std::remove_if(base.entries.begin(), base.entries.end(),
                                    [](const MapEntry& e) { return e.key == "interventions"; }),
                     base.entries.end());
  DiagnosticSink base_sink;
  model::Arm baseline;
  baseline.name = "baseline";
  baseline.origin = model::Origin{root.file, 1, 1, ""};
  {
    Typer base_typer(base_sink);
    baseline.model = base_typer.model(base, calendar ? &*calendar : nullptr);
  }
  for (const auto& d : base_sink.items()) sink.add(d);
  sc.arms.push_back(std::move(baseline));

  const Node* interventions = root.find("interventions");
  typer.each_named(interventions, [&](const MapEntry& e) {
    model::Arm arm;
    arm.name = e.key;
    arm.origin = origin_of(e);
    arm.start_week = 0.0;
    if (e.key == "baseline") typer.key_error(e, "'baseline' is reserved for the arm without intervention");
    if (e.value.is_null()) {  // `name:` alone: an arm identical to the baseline (a null intervention)
      arm.model = sc.arms.front().model;
      sc.arms.push_back(std::move(arm));
      return;
    }
    if (!typer.expect(e.value, Node::Kind::map)) return;
    const Node& v = e.value;
    typer.check_keys(v, "interventions.NAME");

    // This arm's model: the patch merged into the baseline.
    const Node* patch = v.find("patch");
    if (patch == nullptr || patch->is_null()) {
      arm.model = sc.arms.front().model;
    } else if (typer.expect(*patch, Node::Kind::map)) {
      Node usable = *patch;
      usable.entries.clear();
      const std::vector<std::string> patchable(std::begin(kPatchable), std::end(kPatchable));
      for (const auto& pe : patch->entries) {
        if (std::find(patchable.begin(), patchable.end(), pe.key) != patchable.end()) {
          usable.entries.push_back(pe);
        } else if (pe.key == "scenario" || pe.key == "report" || pe.key == "interventions") {
          typer.key_error(pe, fmt::format("'{}' cannot be patched: an intervention changes the model, not the run "
                                          "settings",
                                          pe.key));
        } else {
          const std::string guess = closest_match(pe.key, patchable);
          typer.key_error(pe, guess.empty() ? fmt::format("unknown key '{}' (expected one of: {})", pe.key,
                                                          list_names(patchable))
                                            : fmt::format("unknown key '{}'; did you mean '{}'?", pe.key, guess));
        }
      }
      const Node merged = deep_merge(base, usable);
      DiagnosticSink arm_sink;
      Typer arm_typer(arm_sink);
      arm.model = arm_typer.model(merged, calendar ? &*calendar : nullptr);
      // Problems of the baseline's own parts are reported once, by the baseline; what is new
      // here comes from the patch, or from the patch's effect on baseline parts (a state the
      // patch removed), which is said.
      const std::string own_prefix = v.path;
      for (auto d : arm_sink.items()) {
        const bool known = std::any_of(base_sink.items().begin(), base_sink.items().end(),
                                       [&](const Diagnostic& b) { return same(b, d); });
        if (known) continue;
        if (d.key_path.rfind(own_prefix, 0) != 0) d.message += fmt::format(" (in intervention '{}')", e.key);
        sink.add(std::move(d));
      }
    }

    if (const Node* x = v.find("description")) arm.description = typer.text(*x).value_or("");
    arm.label = typer.label_of(v);
    std::optional<engine::Date> start_date, end_date;
    if (const Node* x = v.find("start")) start_date = typer.date(*x);
    if (const Node* x = v.find("end")) end_date = typer.date(*x);
    if (calendar) {
      if (start_date) {
        arm.start_week = calendar->week_of(*start_date);
        if (arm.start_week < 0.0) {
          typer.warning(*v.find("start"), fmt::format("starts before the scenario start {} (during the warm-up)",
                                                      sc.start.iso()));
        }
      }
      // The initial stock is placed on the first simulated day, under the rules in force then:
      // an arm that starts later never sees its own `initial` (model/sources.cpp).
      const Node* patched_initial = patch != nullptr && patch->is_map() ? patch->find("initial") : nullptr;
      if (patched_initial != nullptr && arm.start_week > calendar->simulation_begin()) {
        typer.warning(*patched_initial,
                      fmt::format("has no effect: the initial stock is placed on the first simulated day ({}{}), and this "
                                  "intervention starts on {}; to add citizens from its start, patch `inflow` instead, or "
                                  "remove `start`",
                                  calendar->date_of_week(calendar->simulation_begin()).iso(),
                                  sc.warmup_years > 0 ? ", the start of the warm-up" : "", start_date ? start_date->iso() : ""));
      }
      if (end_date) arm.end_week = calendar->week_of(*end_date);
      if (end_date && arm.end_week <= arm.start_week) {
        typer.error(*v.find("end"), fmt::format("the end {} is not after the start {}", end_date->iso(),
                                                start_date ? start_date->iso() : sc.start.iso()));
      }
    }
    typer.costs(v.find("costs"), arm, "interventions.NAME.costs[]", calendar ? &*calendar : nullptr);
    typer.costs(v.find("financing"), arm, "interventions.NAME.financing[]", calendar ? &*calendar : nullptr);
    typer.effects(v.find("effects"), arm);
    typer.after_end(v.find("after_end"), arm);
    if (const Node* x = v.find("max_participants")) {
      arm.max_participants = typer.integer(*x, 1, 2000000000).value_or(0);
      const model::Model& base_model = sc.arms.front().model;
      const bool own_service = arm.model.meetings.size() > base_model.meetings.size() || arm.model.states.size() > base_model.states.size();
      if (arm.max_participants > 0 && !own_service) {
        typer.error(*x, "a cap on participants needs a meeting track or state the patch adds (citizens are admitted "
                        "when they join it; expected one under 'patch')");
      }
    }
    typer.stated_savings(v.find("stated_savings"), arm);
    sc.arms.push_back(std::move(arm));
  });
  return sc;
}

}  // namespace caseflow::io
