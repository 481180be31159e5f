/// @file distribution_typer.cpp
/// A distribution spec -> engine::Distribution (see distribution_typer.hpp). May call
/// io/typed_reader, io/key_registry, engine/distribution.
#include "io/distribution_typer.hpp"

#include <algorithm>

#include "io/key_registry.hpp"

namespace caseflow::io {
namespace {

using K = engine::Distribution::Kind;

bool experiment(const TypedReader& r) { return r.dialect() == TypedReader::Dialect::experiment; }

/// The one kind key of a distribution map, or nullptr (reported, or left to the key check).
const MapEntry* chosen_kind(const TypedReader& r, const Node& n) {
  const std::vector<std::string> kinds = keys_of("DISTRIBUTION");
  if (experiment(r)) {
    if (!n.is_map() || n.entries.size() != 1) {
      r.error(n, fmt::format("expected a distribution, a map with exactly one of {} (e.g. {{uniform: [1.1, 1.6]}}), got {}",
                             join_names(kinds), n.is_map() ? fmt::format("{} keys", n.entries.size()) : n.describe()));
      return nullptr;
    }
    r.check_listed_keys(n, kinds);
    const MapEntry& e = n.entries.front();
    return std::find(kinds.begin(), kinds.end(), e.key) != kinds.end() ? &e : nullptr;
  }
  if (!r.expect(n, Node::Kind::map)) return nullptr;
  r.check_keys(n, "DISTRIBUTION");
  const MapEntry* chosen = nullptr;
  for (const auto& e : n.entries) {
    if (find_key("DISTRIBUTION", e.key) == nullptr) continue;
    if (chosen != nullptr) {
      // In a patch the baseline's kind is still there after the merge: say how to drop it.
      r.key_error(e, fmt::format("'{0}' and '{1}' both given; a distribution has exactly one kind (a patch is merged into "
                                 "the baseline's value: to replace '{0}' by '{1}' there, also write '{0}: null')",
                                 chosen->key, e.key));
      return nullptr;
    }
    chosen = &e;
  }
  if (chosen == nullptr && n.entries.empty()) r.error(n, fmt::format("expected one of: {}", list_names(kinds)));
  return chosen;
}

/// `[a, b]` or `[min, mode, max]`: `count` numbers (an experiment file reports the first bad one only).
std::vector<double> numbers(const TypedReader& r, const Node& v, std::size_t count, std::string_view shape, bool& ok) {
  std::vector<double> xs;
  if (!v.is_sequence() || v.items.size() != count) {
    r.error(v, fmt::format("expected {}, got {}", shape,
                           v.is_sequence() ? fmt::format("a list of {}", v.items.size()) : v.describe()));
    ok = false;
    return xs;
  }
  for (const auto& item : v.items) {
    const auto x = r.number(item, any_number());
    if (!x) {
      ok = false;
      if (experiment(r)) return xs;
    }
    xs.push_back(x.value_or(0.0));
  }
  return xs;
}

/// `{mean: M, sd: S}` of gamma, lognormal, beta and normal.
void moments(const TypedReader& r, const Node& v, engine::Distribution& d, bool& ok) {
  if (experiment(r)) {
    if (!v.is_map()) {
      r.error(v, fmt::format("expected {{mean: M, sd: S}}, got {}", v.describe()));
      ok = false;
      return;
    }
    r.check_listed_keys(v, keys_of("DISTRIBUTION.MOMENTS"));
  } else {
    if (!r.expect(v, Node::Kind::map)) {
      ok = false;
      return;
    }
    r.check_keys(v, "DISTRIBUTION.MOMENTS");  // reports a missing mean or sd
  }
  const Node* mean = v.find("mean");
  const Node* sd = v.find("sd");
  if (mean == nullptr || sd == nullptr) {
    if (experiment(r)) {
      r.error(v, fmt::format("expected both 'mean' and 'sd', got {}", mean == nullptr ? "no 'mean'" : "no 'sd'"));
    }
    ok = false;
    return;
  }
  const auto m = r.number(*mean, any_number());
  const auto s = r.number(*sd, at_least(0.0));
  if (!m || !s) ok = false;
  d.a = m.value_or(0.0);
  d.b = s.value_or(0.0);
}

/// The mean of an exponential: > 0.
void exponential_mean(const TypedReader& r, const Node& v, engine::Distribution& d, bool& ok) {
  std::optional<double> x;
  if (experiment(r)) {
    x = r.number(v, at_least(0.0));
    if (x && *x <= 0.0) r.error(v, fmt::format("expected a mean > 0, got {}", v.text));
    ok = x.has_value() && *x > 0.0;
  } else {
    x = r.number(v, above(0.0));
    ok = x.has_value();
  }
  d.a = x.value_or(1.0);
}

/// `[[value, weight], ...]`; false when the list itself is unusable (nothing more to check).
bool empirical(const TypedReader& r, const Node& v, bool duration, engine::Distribution& d, bool& ok) {
  if (experiment(r)) {
    if (!v.is_sequence() || v.items.empty()) {
      r.error(v, fmt::format("expected a list of [value, weight] pairs, got {}", v.describe()));
      return false;
    }
  } else if (!r.expect(v, Node::Kind::sequence)) {
    return false;
  }
  for (const auto& item : v.items) {
    if (!item.is_sequence() || item.items.size() != 2) {
      const bool counted = item.is_sequence() && !experiment(r);
      r.error(item, fmt::format("expected a pair [value, weight], got {}",
                                counted ? fmt::format("a list of {}", item.items.size()) : item.describe()));
      ok = false;
      continue;
    }
    const auto x = r.number(item.items[0], any_number());
    const auto w = r.number(item.items[1], at_least(0.0));
    if (!x || !w) {
      ok = false;
      continue;
    }
    if (duration && *x < 0.0) {
      r.error(item.items[0], fmt::format("a duration cannot be negative, got {}", item.items[0].text));
      ok = false;
    }
    d.empirical.emplace_back(*x, *w);
  }
  return true;
}

/// A duration's smallest possible value must not be negative; false after reporting it.
bool check_duration(const TypedReader& r, const Node& v, const engine::Distribution& d) {
  const double lowest = d.kind == K::fixed || d.kind == K::uniform || d.kind == K::triangular || d.kind == K::normal ? d.a : 0.0;
  if (lowest < 0.0) {
    r.error(v, fmt::format("a duration cannot be negative, got {} {}", d.kind == K::normal ? "mean" : "minimum", num(lowest)));
    return false;
  }
  if (d.kind == K::normal && d.b > 0.0 && d.a < 3.0 * d.b) {
    r.warning(v,
              "a normal duration is negative with noticeable probability (mean < 3 sd); consider gamma or "
              "lognormal");
  }
  return true;
}

}  // namespace

std::optional<engine::Distribution> type_distribution(const TypedReader& r, const Node& n, bool duration) {
  const MapEntry* chosen = chosen_kind(r, n);
  if (chosen == nullptr) return std::nullopt;
  const std::string& kind = chosen->key;
  const Node& v = chosen->value;
  engine::Distribution d;
  bool ok = true;
  if (kind == "fixed") {
    d.kind = K::fixed;
    const auto x = r.number(v, any_number());
    ok = x.has_value();
    d.a = x.value_or(0.0);
  } else if (kind == "exponential") {
    d.kind = K::exponential;
    exponential_mean(r, v, d, ok);
  } else if (kind == "uniform" || kind == "triangular") {
    const bool uniform = kind == "uniform";
    d.kind = uniform ? K::uniform : K::triangular;
    const auto xs = numbers(r, v, uniform ? 2 : 3, uniform ? "[a, b]" : "[min, mode, max]", ok);
    if (ok) d.a = xs[0], d.b = xs[1], d.c = uniform ? 0.0 : xs[2];
  } else if (kind == "empirical") {
    d.kind = K::empirical;
    if (!empirical(r, v, duration, d, ok)) return std::nullopt;
  } else {
    d.kind = kind == "gamma" ? K::gamma : kind == "lognormal" ? K::lognormal : kind == "beta" ? K::beta : K::normal;
    moments(r, v, d, ok);
  }
  if (!ok) return std::nullopt;
  if (const char* reason = engine::invalid_reason(d)) {
    r.error(v, fmt::format("invalid {} distribution: {}", kind, reason));
    return std::nullopt;
  }
  if (duration && !check_duration(r, v, d)) return std::nullopt;
  return d;
}

}  // namespace caseflow::io
