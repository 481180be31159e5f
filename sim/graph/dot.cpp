#include "graph/dot.hpp"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "graph/state_graph.hpp"

namespace caseflow::graph {
namespace {

/// Escapes what would end a DOT string early.
std::string escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string quoted(const std::string& text) {
  // Built by append: GCC 12 warns falsely (-Wrestrict, bug 105329) on "literal" + string.
  std::string out(1, '"');
  out += escaped(text);
  out += '"';
  return out;
}

/// `0.30` when two decimals say it exactly, otherwise three significant digits.
std::string probability_label(double p) {
  if (std::fabs(p * 100.0 - std::round(p * 100.0)) < 1e-9) return fmt::format("{:.2f}", p);
  return fmt::format("{:.3g}", p);
}

std::string rate_label(double r) {
  if (r == 0.0 || r >= 0.001) return fmt::format("{:.3f}/wk", r);
  return fmt::format("{:.2g}/wk", r);
}

std::string hazard_label(const model::Hazard& h) {
  std::string out;
  switch (h.kind) {
    case model::Hazard::Kind::rate:
      out = rate_label(h.rate);
      break;
    case model::Hazard::Kind::piecewise:
      out = "piecewise";
      break;
    case model::Hazard::Kind::weibull:
      out = fmt::format("weibull k={:g}", h.shape);
      break;
  }
  if (h.clock == model::Hazard::Clock::spell) out += " (spell clock)";
  return out;
}

std::string duration_label(const engine::Distribution& d) {
  using K = engine::Distribution::Kind;
  switch (d.kind) {
    case K::fixed:
      return fmt::format("fixed {:g} wk", d.a);
    case K::exponential:
      return fmt::format("exponential, mean {:g} wk", d.a);
    default:
      return fmt::format("{}, mean {:g} wk", engine::kind_name(d.kind), engine::mean(d));
  }
}

std::string benefit_label(const model::Model& model, const model::State& s) {
  switch (s.benefit_rule) {
    case model::State::BenefitRule::group:
      return "benefit: group";
    case model::State::BenefitRule::fixed:
      return s.benefit >= 0 && s.benefit < static_cast<int>(model.benefits.size())
                 ? "benefit: " + model.benefits[static_cast<std::size_t>(s.benefit)].name
                 : "benefit: fixed";
    case model::State::BenefitRule::none:
      break;
  }
  return s.self_supporting ? "self-supporting" : "no benefit";
}

}  // namespace

std::string to_dot(const model::Model& model, const std::string& name) {
  std::string out = fmt::format("digraph {} {{\n", quoted(name));
  out += "  graph [rankdir=LR, fontname=\"Helvetica\", labelloc=t, label=" + quoted(name) + "];\n";
  out += "  node [fontname=\"Helvetica\", fontsize=11];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=9];\n\n";

  for (const auto& s : model.states) {
    std::string label = escaped(s.name) + "\\n" + escaped(benefit_label(model, s));
    std::vector<std::string> attrs;
    if (s.is_programme()) {
      attrs.emplace_back("shape=box");
      label += "\\n" + duration_label(*s.duration);
    } else {
      attrs.emplace_back("shape=ellipse");
    }
    if (s.self_supporting) {
      attrs.emplace_back("style=filled, fillcolor=\"#b7e1a1\"");
    } else if (s.benefit_rule != model::State::BenefitRule::none) {
      attrs.emplace_back(s.is_programme() ? "style=filled, fillcolor=\"#d6e6f5\"" : "style=filled, fillcolor=\"#fbecc0\"");
    }
    if (s.slot >= 0 && s.slot < static_cast<int>(model.slots.size())) {
      const auto& slot = model.slots[static_cast<std::size_t>(s.slot)];
      label += fmt::format("\\nslots: {} (capacity {})", escaped(slot.name), slot.capacity);
      attrs.emplace_back("penwidth=2.5");
    }
    if (s.absorbing) attrs.emplace_back("peripheries=2");
    std::string joined;
    for (const auto& a : attrs) joined += a + ", ";
    // Parts are escaped one by one so the \n line breaks between them stay DOT escapes.
    out += fmt::format("  {} [{}label=\"{}\"];\n", quoted(s.name), joined, label);
  }

  // Sources: one node for Poisson inflow, one for the initial stock, totals per state.
  std::map<int, double> inflow;
  std::map<int, double> initial;
  for (const auto& f : model.inflow) inflow[f.state] += f.per_year;
  for (const auto& i : model.initial) initial[i.state] += static_cast<double>(i.count);
  if (!inflow.empty() || !initial.empty()) out += "\n";
  if (!inflow.empty()) out += "  \"(inflow)\" [shape=plaintext, label=\"inflow\"];\n";
  if (!initial.empty()) out += "  \"(initial)\" [shape=plaintext, label=\"initial stock\"];\n";
  for (const auto& [state, per_year] : inflow) {
    out += fmt::format("  \"(inflow)\" -> {} [style=dotted, label=\"{:g}/yr\"];\n",
                       quoted(model.states[static_cast<std::size_t>(state)].name), per_year);
  }
  for (const auto& [state, count] : initial) {
    out += fmt::format("  \"(initial)\" -> {} [style=dotted, label=\"{:g}\"];\n",
                       quoted(model.states[static_cast<std::size_t>(state)].name), count);
  }

  out += "\n";
  for (const auto& t : model.transitions) {
    out += fmt::format("  {} -> {} [label=\"{}\"];\n", quoted(model.states[t.from].name), quoted(model.states[t.to].name),
                       hazard_label(t.hazard));
  }
  for (std::size_t s = 0; s < model.states.size(); ++s) {
    const auto& state = model.states[s];
    for (const auto& e : state.exits) {
      if (e.to_return) {
        for (const auto back : return_targets(model, static_cast<model::StateId>(s))) {
          out += fmt::format("  {} -> {} [color=\"#1f5fa0\", fontcolor=\"#1f5fa0\", label=\"return {}\"];\n", quoted(state.name),
                             quoted(model.states[back].name), probability_label(e.probability));
        }
      } else if (e.to >= 0) {
        out += fmt::format("  {} -> {} [color=\"#1f5fa0\", fontcolor=\"#1f5fa0\", label=\"{}\"];\n", quoted(state.name),
                           quoted(model.states[static_cast<std::size_t>(e.to)].name), probability_label(e.probability));
      }
    }
  }
  for (const auto& m : model.meetings) {
    for (const auto& o : m.outcomes) {
      out += fmt::format("  {} -> {} [style=dashed, label=\"{} {}\"];\n", quoted(model.states[o.from].name),
                         quoted(model.states[o.to].name), escaped(m.name), probability_label(o.probability));
    }
  }
  out += "}\n";
  return out;
}

}  // namespace caseflow::graph
