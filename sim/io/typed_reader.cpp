/// @file typed_reader.cpp
/// The typed reader's checks and their wording (see typed_reader.hpp). May call io/diagnostics,
/// io/yaml_tree, io/key_registry.
#include "io/typed_reader.hpp"

#include <cerrno>
#include <cmath>
#include <limits>

#include "io/key_registry.hpp"

namespace caseflow::io {

using model::kInfinity;
using model::kNone;

std::string Range::text() const {
  const bool has_lo = lo > -kInfinity, has_hi = hi < kInfinity;
  if (has_lo && has_hi) {
    return fmt::format("in {}{}, {}{}", lo_closed ? '[' : '(', fmt::format("{:.10g}", lo), fmt::format("{:.10g}", hi),
                       hi_closed ? ']' : ')');
  }
  if (has_lo) return fmt::format("{} {:.10g}", lo_closed ? ">=" : ">", lo);
  if (has_hi) return fmt::format("{} {:.10g}", hi_closed ? "<=" : "<", hi);
  return "";
}

std::string num(double x) { return fmt::format("{:.10g}", x); }

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

namespace {

std::string kind_text(Node::Kind k) {
  switch (k) {
    case Node::Kind::map:
      return "a map";
    case Node::Kind::sequence:
      return "a list";
    case Node::Kind::scalar:
      return "a value";
    case Node::Kind::null:
      return "nothing";
  }
  return "?";
}

/// An experiment file's number: anything strtod reads whole, if finite.
bool parse_c_number(const Node& n, double& out) {
  if (!n.is_scalar() || !n.plain || n.text.empty()) return false;
  char* end = nullptr;
  out = std::strtod(n.text.c_str(), &end);
  return end == n.text.c_str() + n.text.size() && std::isfinite(out);
}

}  // namespace

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

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
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
// Reporting

void TypedReader::error(const Node& n, const std::string& message) const {
  sink_.error(n.file, n.mark.line, n.mark.column, n.path, message);
}

void TypedReader::warning(const Node& n, const std::string& message) const {
  sink_.warning(n.file, n.mark.line, n.mark.column, n.path, message);
}

void TypedReader::key_error(const MapEntry& e, const std::string& message) const {
  sink_.error(e.value.file, e.key_mark.line, e.key_mark.column, e.value.path, message);
}

bool TypedReader::expect(const Node& n, Node::Kind kind) const {
  if (n.kind == kind) return true;
  error(n, fmt::format("expected {}, got {}", kind_text(kind), n.describe()));
  return false;
}

// ---------------------------------------------------------------------------------------
// Keys

void TypedReader::check_keys(const Node& map, std::string_view section) const {
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

void TypedReader::check_listed_keys(const Node& map, const std::vector<std::string>& allowed) const {
  for (const auto& e : map.entries) {
    if (std::find(allowed.begin(), allowed.end(), e.key) != allowed.end()) continue;
    const std::string guess = closest_match(e.key, allowed);
    const std::string where = map.path.empty() ? std::string("the top level") : "'" + map.path + "'";
    sink_.error(map.file, e.key_mark.line, e.key_mark.column, join_path(map.path, e.key),
                guess.empty() ? fmt::format("unknown key '{}' in {} (known keys: {})", e.key, where, join_names(allowed))
                              : fmt::format("unknown key '{}'; did you mean '{}'?", e.key, guess));
  }
}

std::string TypedReader::label_of(const Node& map) const {
  const Node* x = map.find("label");
  return x == nullptr ? std::string() : text(*x).value_or("");
}

// ---------------------------------------------------------------------------------------
// Numbers

bool TypedReader::read_number(const Node& n, double& x) const {
  if (dialect_ == Dialect::experiment) return parse_c_number(n, x);
  return n.is_scalar() && n.plain && parse_number(n.text, x);
}

std::optional<double> TypedReader::number(const Node& n, const Range& range) const {
  const std::string bound = range.text();
  const std::string expected = bound.empty() ? "a number" : "a number " + bound;
  double x = 0.0;
  if (!read_number(n, x)) {
    error(n, fmt::format("expected {}, got {}", dialect_ == Dialect::experiment ? "a finite number" : expected, n.describe()));
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

double TypedReader::number_or(const Node& map, std::string_view key, const Range& range, double fallback) const {
  const Node* n = map.find(key);
  if (n == nullptr) return fallback;
  return number(*n, range).value_or(fallback);
}

namespace {

std::string digits_only(std::string_view v) {
  std::string d;
  for (const char c : v) {
    if (c >= '0' && c <= '9') d += c;
  }
  return d;
}

/// `t` is d{1,3}(sep d{3})+ with at least `min_groups` groups: a number written with
/// thousands separators.
bool grouped(const std::string& t, char sep, int min_groups) {
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
}

}  // namespace

/// Besides number()'s checks: a value written with Danish thousands separators (`1.562.000`,
/// `1,562,000`) is an error that says what to write, and one with exactly three decimals
/// (`498.333`), which is most likely 498,333 kroner with a Danish thousands point, is a warning
/// (an error under --strict).
std::optional<double> TypedReader::money_amount(const Node& n, const Range& range, std::string_view negative_hint) const {
  if (!n.is_scalar() || !n.plain) return number(n, range);
  const std::string& t = n.text;
  // '.' needs at least two groups (one is a decimal point); ',' any number.
  if (grouped(t, '.', 2) || grouped(t, ',', 1)) {
    error(n, fmt::format("expected an amount in DKK without thousands separators, got {}; write {}", t, digits_only(t)));
    return std::nullopt;
  }
  double x = 0.0;
  if (parse_number(t, x) && std::isfinite(x) && x < 0.0 && !negative_hint.empty() && !range.contains(x)) {
    error(n, fmt::format("expected a number {}, got {}; {}", range.text(), t, negative_hint));
    return std::nullopt;
  }
  const auto v = number(n, range);
  if (v && grouped(t, '.', 1)) {
    warning(n, fmt::format("{} has exactly three decimals and is read as {} DKK; if '.' is a Danish thousands "
                           "separator here, write {}",
                           t, num(*v), digits_only(t)));
  }
  return v;
}

std::optional<std::int64_t> TypedReader::integer(const Node& n, std::int64_t lo, std::int64_t hi) const {
  const std::string expected = hi == std::numeric_limits<std::int64_t>::max() ? fmt::format("an integer >= {}", lo)
                                                                              : fmt::format("an integer in {}..{}", lo, hi);
  double x = 0.0;
  if (!read_number(n, x) || !std::isfinite(x) || x != std::floor(x)) {
    error(n, fmt::format("expected {}, got {}", expected, n.describe()));
    return std::nullopt;
  }
  if (x < static_cast<double>(lo) || x > static_cast<double>(hi)) {
    error(n, fmt::format("expected {}, got {}", expected, n.text));
    return std::nullopt;
  }
  // Exact for digit strings beyond 2^53; the double above only screened the form. (Experiment
  // files have always taken the double.)
  if (dialect_ == Dialect::scenario && n.text.find_first_not_of("+-0123456789") == std::string::npos) {
    return std::strtoll(n.text.c_str(), nullptr, 10);
  }
  return static_cast<std::int64_t>(x);
}

std::optional<std::uint64_t> TypedReader::unsigned64(const Node& n) const {
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

// ---------------------------------------------------------------------------------------
// Words, dates, names

std::optional<std::string> TypedReader::text(const Node& n, std::string_view what) const {
  if (n.is_scalar()) return n.text;
  error(n, fmt::format("expected {}, got {}", what, n.describe()));
  return std::nullopt;
}

std::optional<bool> TypedReader::boolean(const Node& n) const {
  if (n.is_scalar() && n.plain) {
    if (n.text == "true" || n.text == "True" || n.text == "TRUE") return true;
    if (n.text == "false" || n.text == "False" || n.text == "FALSE") return false;
  }
  error(n, fmt::format("expected true or false, got {}", n.describe()));
  return std::nullopt;
}

std::optional<engine::Date> TypedReader::date(const Node& n) const {
  engine::Date d;
  if (n.is_scalar() && engine::Date::parse(n.text, d)) return d;
  error(n, fmt::format("expected a date YYYY-MM-DD, got {}", n.describe()));
  return std::nullopt;
}

int TypedReader::lookup(const Node& n, std::string_view what, const std::vector<std::string>& names) const {
  if (!n.is_scalar()) {
    error(n, fmt::format("expected a {} name, got {}", what, n.describe()));
    return kNone;
  }
  const int i = index_of(names, n.text);
  if (i == kNone) error(n, undefined(what, n.text, names));
  return i;
}

int TypedReader::lookup_key(const MapEntry& e, std::string_view what, const std::vector<std::string>& names) const {
  const int i = index_of(names, e.key);
  if (i == kNone) key_error(e, undefined(what, e.key, names));
  return i;
}

std::string TypedReader::undefined(std::string_view what, const std::string& name, const std::vector<std::string>& names) {
  std::string message = fmt::format("undefined {} '{}'", what, name);
  if (what == "state" && name == "return") return message + " ('return' is only valid in a programme's exits)";
  const std::string guess = closest_match(name, names);
  if (!guess.empty()) return message + fmt::format("; did you mean '{}'?", guess);
  if (names.empty()) return message + fmt::format(" (no {}s are defined)", what);
  return message + fmt::format(" (defined: {})", list_names(names));
}

// ---------------------------------------------------------------------------------------
// Steps

std::vector<std::pair<double, double>> TypedReader::steps(const Node& list, std::string_view x_name, std::string_view y_name,
                                                          const Range& y_range) const {
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
      error(item.items[0], fmt::format("{} {} is not after the previous step's {} (steps must be sorted ascending)", x_name,
                                       item.items[0].text, num(out.back().first)));
      ok = false;
    }
    out.emplace_back(*x, *y);
  }
  if (!ok) out.clear();
  return out;
}

}  // namespace caseflow::io
