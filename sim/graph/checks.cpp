#include "graph/checks.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/graph/strong_components.hpp>

#include "graph/state_graph.hpp"

namespace caseflow::graph {
namespace {

/// Marks every vertex reachable from `starts` in `g` (any Boost incidence graph).
template <class G>
std::vector<bool> reachable_from(const G& g, const std::vector<model::StateId>& starts) {
  const auto n = boost::num_vertices(g);
  std::vector<boost::default_color_type> colour(n, boost::white_color);
  auto colour_map = boost::make_iterator_property_map(colour.begin(), boost::get(boost::vertex_index, g));
  boost::queue<typename boost::graph_traits<G>::vertex_descriptor> queue;
  for (const auto s : starts) {
    if (colour[s] == boost::white_color) {
      boost::breadth_first_visit(g, s, queue, boost::default_bfs_visitor(), colour_map);
    }
  }
  std::vector<bool> out(n);
  for (std::size_t v = 0; v < n; ++v) out[v] = colour[v] != boost::white_color;
  return out;
}

bool is_zero_duration(const model::State& s) {
  return s.duration && s.duration->kind == engine::Distribution::Kind::fixed && s.duration->a == 0.0;
}

Finding error_at(const model::State& s, std::string message) {
  return Finding{Finding::Severity::error, s.origin, std::move(message)};
}

}  // namespace

std::string Finding::format() const {
  // Same layout as io::Diagnostic::format(), so graph findings read like loader errors.
  std::string out = origin.file.empty() ? std::string("<input>") : origin.file;
  if (origin.line > 0) {
    out += fmt::format(":{}", origin.line);
    if (origin.column > 0) out += fmt::format(":{}", origin.column);
  }
  out += severity == Severity::error ? ": error: " : ": warning: ";
  if (!origin.path.empty()) out += origin.path + ": ";
  return out + message;
}

bool Finding::same_as(const Finding& o) const {
  return severity == o.severity && origin.file == o.origin.file && origin.line == o.origin.line &&
         origin.column == o.origin.column && origin.path == o.origin.path && message == o.message;
}

std::vector<Finding> check_model(const model::Model& model) {
  std::vector<Finding> findings;
  const auto sg = build_state_graph(model);
  const auto n = model.states.size();

  // Reachability from where citizens start.
  const auto reached = reachable_from(sg.graph, sg.sources);
  for (std::size_t s = 0; s < n; ++s) {
    if (!reached[s]) {
      findings.push_back(error_at(model.states[s], fmt::format("state '{}' cannot be reached from any inflow or "
                                                               "initial state",
                                                               model.states[s].name)));
    }
  }

  // Traps: walk backwards from the intended ends (self-support, or an end the user declared).
  std::vector<model::StateId> ends;
  for (std::size_t s = 0; s < n; ++s) {
    if (model.states[s].self_supporting || model.states[s].absorbing) ends.push_back(static_cast<model::StateId>(s));
  }
  const auto leads_to_end = reachable_from(boost::make_reverse_graph(sg.graph), ends);
  for (std::size_t s = 0; s < n; ++s) {
    const auto& state = model.states[s];
    // An unreachable state already has its error; a trap warning on top would be noise.
    if (!reached[s] || leads_to_end[s]) continue;
    findings.push_back(Finding{Finding::Severity::warning, state.origin,
                               fmt::format("no path leads from state '{}' to a self-supporting state, so citizens "
                                           "who reach it stay on benefits for good (mark it `absorbing: true` if "
                                           "that is intended)",
                                           state.name)});
  }

  // Cycles of zero-duration programmes: routing between them takes no time, so the
  // simulation would never leave the instant.
  Graph zero(n);
  bool any_zero = false;
  for (const auto e : boost::make_iterator_range(boost::edges(sg.graph))) {
    const auto u = boost::source(e, sg.graph);
    const auto v = boost::target(e, sg.graph);
    const auto kind = sg.graph[e].kind;
    if ((kind == EdgeInfo::Kind::exit || kind == EdgeInfo::Kind::return_exit) && is_zero_duration(model.states[u]) &&
        is_zero_duration(model.states[v]) && sg.graph[e].probability > 0.0) {
      boost::add_edge(u, v, zero);
      any_zero = true;
    }
  }
  if (any_zero) {
    std::vector<int> component(n);
    const int count = boost::strong_components(
        zero, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, zero)));
    for (int c = 0; c < count; ++c) {
      std::vector<std::size_t> members;
      for (std::size_t s = 0; s < n; ++s) {
        if (component[s] == c) members.push_back(s);
      }
      const bool self_loop = members.size() == 1 && boost::edge(members[0], members[0], zero).second;
      if (members.size() < 2 && !self_loop) continue;
      std::string names;
      for (const auto s : members) names += fmt::format("{}'{}'", names.empty() ? "" : ", ", model.states[s].name);
      const std::string what = members.size() > 1
                                   ? fmt::format("programmes {} all have duration 0 and route to each other in a cycle", names)
                                   : fmt::format("programme {} has duration 0 and routes back to itself", names);
      findings.push_back(
          error_at(model.states[members.front()], what + ", so a citizen would loop forever without time passing (expected a "
                                                         "positive duration somewhere on the cycle)"));
    }
  }

  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.origin.line, a.origin.column) < std::tie(b.origin.line, b.origin.column);
  });
  return findings;
}

std::vector<Finding> check_scenario(const model::Scenario& scenario) {
  std::vector<Finding> out;
  if (scenario.arms.empty()) return out;
  const auto baseline = check_model(scenario.arms.front().model);
  out = baseline;
  for (std::size_t a = 1; a < scenario.arms.size(); ++a) {
    for (auto f : check_model(scenario.arms[a].model)) {
      const auto same = [&f](const Finding& b) { return b.same_as(f); };
      if (std::any_of(baseline.begin(), baseline.end(), same)) continue;
      f.message += fmt::format(" (in arm '{}')", scenario.arms[a].name);
      out.push_back(std::move(f));
    }
  }
  return out;
}

bool has_errors(const std::vector<Finding>& findings) {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.is_error(); });
}

}  // namespace caseflow::graph
