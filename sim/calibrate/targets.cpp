#include "calibrate/targets.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "io/diagnostics.hpp"

namespace caseflow::calibrate {
namespace {

/// One CSV field with the 1-based character column where it starts.
struct Field {
  std::string text;
  int column = 1;
};

int utf8_length(std::string_view s) {
  int n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xc0) != 0x80 ? 1 : 0;
  return n;
}

std::string trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r')) --b;
  return std::string(s.substr(a, b - a));
}

/// Splits one line at commas; a field may be double-quoted ("" inside for a quote). Returns
/// false (with `error_column`) on an unterminated quote.
bool split_csv(std::string_view line, std::vector<Field>& fields, int& error_column) {
  fields.clear();
  std::size_t i = 0;
  while (true) {
    Field f;
    f.column = utf8_length(line.substr(0, i)) + 1;
    std::size_t j = i;
    while (j < line.size() && (line[j] == ' ' || line[j] == '\t')) ++j;
    if (j < line.size() && line[j] == '"') {
      std::string text;
      std::size_t k = j + 1;
      bool closed = false;
      while (k < line.size()) {
        if (line[k] == '"') {
          if (k + 1 < line.size() && line[k + 1] == '"') {
            text += '"';
            k += 2;
            continue;
          }
          closed = true;
          ++k;
          break;
        }
        text += line[k++];
      }
      if (!closed) {
        error_column = utf8_length(line.substr(0, j)) + 1;
        return false;
      }
      while (k < line.size() && line[k] != ',') ++k;
      f.text = text;
      fields.push_back(f);
      if (k >= line.size()) return true;
      i = k + 1;
      continue;
    }
    const std::size_t comma = line.find(',', i);
    const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
    f.text = trim(line.substr(i, end - i));
    fields.push_back(f);
    if (comma == std::string_view::npos) return true;
    i = comma + 1;
  }
}

bool parse_int(const std::string& text, int& out) {
  if (text.empty()) return false;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

std::string shown(const std::string& s) { return s.empty() ? std::string("nothing") : "'" + s + "'"; }

}  // namespace

bool parse_number(std::string_view text, double& out) {
  if (text.empty()) return false;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (*begin == '+') ++begin;
  const auto [ptr, ec] = std::from_chars(begin, end, out);
  return ec == std::errc() && ptr == end && std::isfinite(out);
}

std::string_view kind_name(Target::Kind kind) {
  switch (kind) {
    case Target::Kind::stock:
      return "stock";
    case Target::Kind::flow:
      return "flow";
    case Target::Kind::exit_share:
      return "exit_share";
  }
  return "";
}

std::vector<Target> parse_targets(std::string_view text, const std::string& file, const model::Scenario& scenario,
                                  std::size_t arm) {
  io::DiagnosticSink sink;
  const model::Model& m = scenario.arms.at(arm).model;
  std::vector<std::string> state_names;
  for (const auto& s : m.states) state_names.push_back(s.name);
  const engine::Calendar calendar = scenario.calendar();
  const int weeks = calendar.reported_weeks();
  const auto& years = calendar.budget_years();

  auto find_state = [&](const std::string& name) -> int {
    for (std::size_t i = 0; i < m.states.size(); ++i) {
      if (m.states[i].name == name) return static_cast<int>(i);
    }
    return -1;
  };
  auto unknown_state = [&](const std::string& name) {
    const std::string near = io::closest_match(name, state_names);
    return fmt::format("unknown state {}{}", shown(name), near.empty() ? std::string() : "; did you mean '" + near + "'?");
  };

  // Header: the five required columns, and optionally `sd` and `weight`, in any order.
  const std::vector<std::string> required = {"kind", "year_or_week", "state_or_from", "to", "value"};
  const std::vector<std::string> known = {"kind", "year_or_week", "state_or_from", "to", "value", "sd", "weight"};
  std::vector<int> column_of(known.size(), -1);
  bool have_header = false;
  std::size_t header_fields = 0;
  std::vector<Target> targets;
  std::vector<Field> fields;

  std::size_t pos = 0;
  int line_no = 0;
  // A UTF-8 byte-order mark (spreadsheet exports) is not part of the first column's name.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  while (pos <= text.size()) {
    const std::size_t nl = text.find('\n', pos);
    const std::string_view line = text.substr(pos, (nl == std::string_view::npos ? text.size() : nl) - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    if (trim(line).empty() || trim(line)[0] == '#') continue;
    int bad_column = 0;
    if (!split_csv(line, fields, bad_column)) {
      sink.error(file, line_no, bad_column, "", "unterminated quoted field");
      continue;
    }
    if (!have_header) {
      have_header = true;
      header_fields = fields.size();
      for (std::size_t c = 0; c < fields.size(); ++c) {
        bool found = false;
        for (std::size_t k = 0; k < known.size(); ++k) {
          if (fields[c].text != known[k]) continue;
          found = true;
          if (column_of[k] >= 0) {
            sink.error(file, line_no, fields[c].column, "", fmt::format("duplicate column '{}'", known[k]));
          }
          column_of[k] = static_cast<int>(c);
        }
        if (!found) {
          const std::string near = io::closest_match(fields[c].text, known);
          sink.error(file, line_no, fields[c].column, "",
                     fmt::format("unknown column {}{} (expected kind,year_or_week,state_or_from,to,value[,sd][,weight])",
                                 shown(fields[c].text), near.empty() ? std::string() : "; did you mean '" + near + "'?"));
        }
      }
      for (std::size_t k = 0; k < required.size(); ++k) {
        if (column_of[k] < 0) sink.error(file, line_no, 1, "", fmt::format("missing column '{}' in the header", required[k]));
      }
      if (sink.has_errors()) sink.throw_if_errors();
      continue;
    }
    if (fields.size() != header_fields) {
      sink.error(file, line_no, 1, "", fmt::format("expected {} fields as in the header, found {}", header_fields, fields.size()));
      continue;
    }
    auto field = [&](std::size_t k) -> const Field& { return fields[static_cast<std::size_t>(column_of[k])]; };
    const std::size_t before = sink.items().size();
    auto error = [&](std::size_t k, const std::string& what) { sink.error(file, line_no, field(k).column, known[k], what); };

    Target t;
    t.file = file;
    t.line = line_no;
    t.year_or_week = field(1).text;
    t.state_or_from = field(2).text;
    t.to = field(3).text;
    const std::string& kind = field(0).text;
    if (kind == "stock") {
      t.kind = Target::Kind::stock;
    } else if (kind == "flow") {
      t.kind = Target::Kind::flow;
    } else if (kind == "exit_share") {
      t.kind = Target::Kind::exit_share;
    } else {
      const std::string near = io::closest_match(kind, {"stock", "flow", "exit_share"});
      error(0, fmt::format("unknown kind {}{} (expected stock, flow or exit_share)", shown(kind),
                           near.empty() ? std::string() : "; did you mean '" + near + "'?"));
      continue;
    }

    int number = 0;
    if (!parse_int(t.year_or_week, number)) {
      error(1, fmt::format("expected a whole number ({}), found {}",
                           t.kind == Target::Kind::flow ? "a calendar year" : "weeks", shown(t.year_or_week)));
    } else if (t.kind == Target::Kind::stock) {
      if (number < 0 || number >= weeks) {
        error(1, fmt::format("week {} is beyond the horizon (reported weeks are 0..{})", number, weeks - 1));
      }
      t.week = number;
    } else if (t.kind == Target::Kind::exit_share) {
      if (number < 1 || number >= weeks) {
        error(1, fmt::format("a window of {} weeks does not fit the horizon (expected 1..{})", number, weeks - 1));
      }
      t.week = number;
    } else {
      for (std::size_t y = 0; y < years.size(); ++y) {
        if (years[y].year == number) t.year_index = static_cast<int>(y);
      }
      if (t.year_index < 0) {
        error(1, fmt::format("year {} is outside the reported years ({}..{})", number, years.front().year, years.back().year));
      }
    }

    if (t.kind == Target::Kind::flow && t.state_or_from == "inflow") {
      t.from = -1;
    } else {
      t.from = find_state(t.state_or_from);
      if (t.from < 0) error(2, unknown_state(t.state_or_from) + (t.kind == Target::Kind::flow ? " (or 'inflow')" : ""));
    }

    if (t.kind == Target::Kind::stock) {
      if (!t.to.empty()) error(3, fmt::format("a stock has no 'to' (expected nothing, found {})", shown(t.to)));
    } else if (t.kind == Target::Kind::flow) {
      t.to_state = find_state(t.to);
      if (t.to_state < 0) {
        error(3, unknown_state(t.to));
      } else if (t.to_state == t.from) {
        error(3, fmt::format("a flow needs two different states (found {} twice)", shown(t.to)));
      }
    } else if (!t.to.empty()) {
      if (!parse_number(t.to, t.min_spell_weeks) || t.min_spell_weeks < 0.0) {
        error(3, fmt::format("expected a minimum spell length in weeks >= 0 or nothing, found {}", shown(t.to)));
      }
    }

    if (!parse_number(field(4).text, t.value)) {
      error(4, fmt::format("expected a finite number, found {}", shown(field(4).text)));
    } else if (t.kind == Target::Kind::exit_share && (t.value < 0.0 || t.value > 1.0)) {
      error(4, fmt::format("an exit share is in [0, 1], found {}", field(4).text));
    } else if (t.value < 0.0) {
      error(4, fmt::format("expected a number >= 0, found {}", field(4).text));
    }
    t.scale = t.value != 0.0 ? std::fabs(t.value) : 1.0;
    if (column_of[5] >= 0 && !field(5).text.empty()) {
      if (!parse_number(field(5).text, t.scale) || t.scale <= 0.0) {
        error(5, fmt::format("expected a standard deviation > 0, found {}", shown(field(5).text)));
      }
    }
    if (column_of[6] >= 0 && !field(6).text.empty()) {
      if (!parse_number(field(6).text, t.weight) || t.weight < 0.0) {
        error(6, fmt::format("expected a weight >= 0, found {}", shown(field(6).text)));
      }
    }
    if (sink.items().size() == before) targets.push_back(t);
  }
  if (!have_header) sink.error(file, 1, 1, "", "no header (expected kind,year_or_week,state_or_from,to,value)");
  if (!sink.has_errors() && targets.empty()) sink.error(file, line_no > 0 ? line_no : 1, 1, "", "no targets after the header");
  sink.throw_if_errors();
  return targets;
}

std::vector<Target> load_targets(const std::filesystem::path& file, const model::Scenario& scenario, std::size_t arm) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw io::InputError({io::Diagnostic{io::Diagnostic::Severity::error, file.string(), 0, 0, "", "cannot read the targets file"}});
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_targets(buffer.str(), file.string(), scenario, arm);
}

}  // namespace caseflow::calibrate
