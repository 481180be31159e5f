#include "calibrate/targets.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "files/csv_reader.hpp"
#include "io/diagnostics.hpp"

namespace caseflow::calibrate {
namespace {

bool parse_int(const std::string& text, int& out) {
  if (text.empty()) return false;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

std::string shown(const std::string& s) { return s.empty() ? std::string("nothing") : "'" + s + "'"; }

/// The columns a targets file may have (the first five are required), in this order in
/// `column_of_`.
const std::vector<std::string> kKnown = {"kind", "year_or_week", "state_or_from", "to", "value", "sd", "weight"};
constexpr std::size_t kRequired = 5;

/// Reads a targets file's header and rows against one arm's model. Every problem goes to the
/// sink with its line, column and column name; a row with a problem gives no target.
class TargetReader {
 public:
  TargetReader(const std::string& file, const model::Scenario& scenario, std::size_t arm, io::DiagnosticSink& sink)
      : file_(file), m_(scenario.arms.at(arm).model), calendar_(scenario.calendar()), sink_(sink) {
    for (const auto& s : m_.states) state_names_.push_back(s.name);
  }

  /// The header: the five required columns, and optionally `sd` and `weight`, in any order.
  void header(const std::vector<files::CsvField>& fields, int line_no);

  /// One data row as a target; nullopt when it has a problem (reported).
  std::optional<Target> row(const std::vector<files::CsvField>& fields, int line_no);

 private:
  const files::CsvField& field(std::size_t k) const { return (*fields_)[static_cast<std::size_t>(column_of_[k])]; }
  void error(std::size_t k, const std::string& what) { sink_.error(file_, line_, field(k).column, kKnown[k], what); }
  [[nodiscard]] int find_state(const std::string& name) const;
  [[nodiscard]] std::string unknown_state(const std::string& name) const;
  /// `kind`; false (reported) when it is none of the three, which leaves nothing else to check.
  bool read_kind(Target& t);
  /// `year_or_week`: the reported week, the window, or the budget year.
  void read_when(Target& t);
  /// `state_or_from` and `to`.
  void read_states(Target& t);
  /// `value`, `sd` and `weight`.
  void read_values(Target& t);

  const std::string& file_;
  const model::Model& m_;
  const engine::Calendar calendar_;
  io::DiagnosticSink& sink_;
  std::vector<std::string> state_names_;
  std::vector<int> column_of_ = std::vector<int>(kKnown.size(), -1);
  std::size_t header_fields_ = 0;
  const std::vector<files::CsvField>* fields_ = nullptr;  ///< the row being read
  int line_ = 0;                                           ///< its line
};

void TargetReader::header(const std::vector<files::CsvField>& fields, int line_no) {
  header_fields_ = fields.size();
  for (std::size_t c = 0; c < fields.size(); ++c) {
    bool found = false;
    for (std::size_t k = 0; k < kKnown.size(); ++k) {
      if (fields[c].text != kKnown[k]) continue;
      found = true;
      if (column_of_[k] >= 0) {
        sink_.error(file_, line_no, fields[c].column, "", fmt::format("duplicate column '{}'", kKnown[k]));
      }
      column_of_[k] = static_cast<int>(c);
    }
    if (!found) {
      const std::string near = io::closest_match(fields[c].text, kKnown);
      sink_.error(file_, line_no, fields[c].column, "",
                  fmt::format("unknown column {}{} (expected kind,year_or_week,state_or_from,to,value[,sd][,weight])",
                              shown(fields[c].text), near.empty() ? std::string() : "; did you mean '" + near + "'?"));
    }
  }
  for (std::size_t k = 0; k < kRequired; ++k) {
    if (column_of_[k] < 0) sink_.error(file_, line_no, 1, "", fmt::format("missing column '{}' in the header", kKnown[k]));
  }
}

std::optional<Target> TargetReader::row(const std::vector<files::CsvField>& fields, int line_no) {
  if (fields.size() != header_fields_) {
    sink_.error(file_, line_no, 1, "", fmt::format("expected {} fields as in the header, found {}", header_fields_, fields.size()));
    return std::nullopt;
  }
  fields_ = &fields;
  line_ = line_no;
  const std::size_t before = sink_.items().size();
  Target t;
  t.file = file_;
  t.line = line_no;
  t.year_or_week = field(1).text;
  t.state_or_from = field(2).text;
  t.to = field(3).text;
  if (!read_kind(t)) return std::nullopt;
  read_when(t);
  read_states(t);
  read_values(t);
  if (sink_.items().size() != before) return std::nullopt;
  return t;
}

int TargetReader::find_state(const std::string& name) const {
  for (std::size_t i = 0; i < m_.states.size(); ++i) {
    if (m_.states[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::string TargetReader::unknown_state(const std::string& name) const {
  const std::string near = io::closest_match(name, state_names_);
  return fmt::format("unknown state {}{}", shown(name), near.empty() ? std::string() : "; did you mean '" + near + "'?");
}

bool TargetReader::read_kind(Target& t) {
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
    return false;
  }
  return true;
}

void TargetReader::read_when(Target& t) {
  const int weeks = calendar_.reported_weeks();
  const auto& years = calendar_.budget_years();
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
}

void TargetReader::read_states(Target& t) {
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
}

void TargetReader::read_values(Target& t) {
  if (!parse_number(field(4).text, t.value)) {
    error(4, fmt::format("expected a finite number, found {}", shown(field(4).text)));
  } else if (t.kind == Target::Kind::exit_share && (t.value < 0.0 || t.value > 1.0)) {
    error(4, fmt::format("an exit share is in [0, 1], found {}", field(4).text));
  } else if (t.value < 0.0) {
    error(4, fmt::format("expected a number >= 0, found {}", field(4).text));
  }
  t.scale = t.value != 0.0 ? std::fabs(t.value) : 1.0;
  if (column_of_[5] >= 0 && !field(5).text.empty()) {
    if (!parse_number(field(5).text, t.scale) || t.scale <= 0.0) {
      error(5, fmt::format("expected a standard deviation > 0, found {}", shown(field(5).text)));
    }
  }
  if (column_of_[6] >= 0 && !field(6).text.empty()) {
    if (!parse_number(field(6).text, t.weight) || t.weight < 0.0) {
      error(6, fmt::format("expected a weight >= 0, found {}", shown(field(6).text)));
    }
  }
}

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
  TargetReader rows(file, scenario, arm, sink);
  bool have_header = false;
  std::vector<Target> targets;
  // People write targets files: comments, blanks around fields (files/csv_reader.hpp).
  files::CsvReader reader(text, files::CsvStyle::hand);
  files::CsvRecord record;
  while (reader.next(record)) {
    if (record.error_column > 0) {
      sink.error(file, record.line, record.error_column, "", "unterminated quoted field");
      continue;
    }
    if (!have_header) {
      have_header = true;
      rows.header(record.fields, record.line);
      if (sink.has_errors()) sink.throw_if_errors();
      continue;
    }
    if (auto t = rows.row(record.fields, record.line)) targets.push_back(std::move(*t));
  }
  if (!have_header) sink.error(file, 1, 1, "", "no header (expected kind,year_or_week,state_or_from,to,value)");
  if (!sink.has_errors() && targets.empty()) {
    const int last_line = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    sink.error(file, last_line, 1, "", "no targets after the header");
  }
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
